"""Inter-annotator agreement: coefficients over a ratings table, and the report over a database."""

from factcheck.agreement.annotators import annotator_agreement
from factcheck.agreement.bootstrap import Bootstrap
from factcheck.agreement.coefficients import Rating, agreement_report, field_agreement
from factcheck.agreement.database import agreement_by_annotator, agreement_by_article, database_agreement
from factcheck.agreement.pairs import LINEARISED_MIN_SHARED
from factcheck.agreement.report import (
    BOOTSTRAP_PERCENTILE,
    COEFFICIENTS,
    FEW_ITEMS,
    FEW_ITEMS_WARNING,
    FEW_PAIR_ITEMS_WARNING,
    STUDENT_T,
    AgreementReport,
    AnnotatorAgreement,
    AnnotatorsAgreement,
    ArticleAgreement,
    ArticlesAgreement,
    Coefficient,
    Confusion,
    FieldAgreement,
    LabelAgreement,
    Versus,
)

__all__ = [
    "BOOTSTRAP_PERCENTILE",
    "COEFFICIENTS",
    "FEW_ITEMS",
    "FEW_ITEMS_WARNING",
    "FEW_PAIR_ITEMS_WARNING",
    "LINEARISED_MIN_SHARED",
    "STUDENT_T",
    "AgreementReport",
    "AnnotatorAgreement",
    "AnnotatorsAgreement",
    "ArticleAgreement",
    "ArticlesAgreement",
    "Bootstrap",
    "Coefficient",
    "Confusion",
    "FieldAgreement",
    "LabelAgreement",
    "Rating",
    "Versus",
    "agreement_by_annotator",
    "agreement_by_article",
    "agreement_report",
    "annotator_agreement",
    "database_agreement",
    "field_agreement",
]
