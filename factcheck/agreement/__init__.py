"""Inter-annotator agreement: coefficients over a ratings table, and the report over a database."""

from factcheck.agreement.coefficients import Rating, agreement_report, field_agreement
from factcheck.agreement.database import agreement_by_article, database_agreement
from factcheck.agreement.report import (
    COEFFICIENTS,
    AgreementReport,
    ArticleAgreement,
    ArticlesAgreement,
    Coefficient,
    Confusion,
    FieldAgreement,
    LabelAgreement,
)

__all__ = [
    "COEFFICIENTS",
    "AgreementReport",
    "ArticleAgreement",
    "ArticlesAgreement",
    "Coefficient",
    "Confusion",
    "FieldAgreement",
    "LabelAgreement",
    "Rating",
    "agreement_by_article",
    "agreement_report",
    "database_agreement",
    "field_agreement",
]
