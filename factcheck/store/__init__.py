"""The store: the only place that speaks SQL (through sqlite-utils) or imports sqlite3.

Every SQLite error leaves this package as a :class:`StoreError`.
"""

from factcheck.store.activity import LabelEvent, label_events
from factcheck.store.assignments import UNITS, AssignedWork, PlanChange, PlanProgress, PlanState
from factcheck.store.bulk import HoldStats, drop_stage
from factcheck.store.claim_rows import Appearance, ClaimRow
from factcheck.store.claims import ClaimGold
from factcheck.store.connection import StoreBusy, StoreError
from factcheck.store.core import Store, default_db_path
from factcheck.store.dedup_index import DedupState, PendingMention
from factcheck.store.docs import datasette_metadata
from factcheck.store.entries import Outcome
from factcheck.store.gold import GoldChange
from factcheck.store.ids import claim_id
from factcheck.store.import_stage import ImportReport, ImportStage, StagedGold, StagedLabel
from factcheck.store.invariants import CheckFailure
from factcheck.store.journal import (
    Journal,
    JournalEntry,
    JournalError,
    SessionInfo,
    claimed,
    journal_dir,
    live_sessions,
    orphan_journals,
    read_journal,
    unapplied_entries,
)
from factcheck.store.label_groups import LabelGroup
from factcheck.store.labels import ImportCounts
from factcheck.store.merge import MergeReport, StagedMerge
from factcheck.store.names import clean_name
from factcheck.store.records import (
    ENTITY,
    EXTRA,
    FLAG,
    FLAGGED,
    MODALITY,
    NEGATION,
    NUMBER,
    POLARITY,
    SEGMENT,
    VARIANT_KINDS,
    Article,
    Change,
    Mention,
    NewArticle,
)
from factcheck.store.reports import AnnotatorProgress, ExportRow, Stats
from factcheck.store.segments import SegmentEdit, new_mentions, split_spans
from factcheck.store.tui_queries import (
    ArticleSummary,
    ClaimLink,
    ClaimMention,
    article_index,
    article_page,
    claim_links,
    claim_others,
    mention_counts,
)

__all__ = [
    "ENTITY",
    "EXTRA",
    "FLAG",
    "FLAGGED",
    "MODALITY",
    "NEGATION",
    "NUMBER",
    "POLARITY",
    "SEGMENT",
    "UNITS",
    "VARIANT_KINDS",
    "AnnotatorProgress",
    "Appearance",
    "Article",
    "ArticleSummary",
    "AssignedWork",
    "Change",
    "CheckFailure",
    "ClaimGold",
    "ClaimLink",
    "ClaimMention",
    "ClaimRow",
    "DedupState",
    "ExportRow",
    "GoldChange",
    "HoldStats",
    "ImportCounts",
    "ImportReport",
    "ImportStage",
    "Journal",
    "JournalEntry",
    "JournalError",
    "LabelEvent",
    "LabelGroup",
    "Mention",
    "MergeReport",
    "NewArticle",
    "Outcome",
    "PendingMention",
    "PlanChange",
    "PlanProgress",
    "PlanState",
    "SegmentEdit",
    "SessionInfo",
    "StagedGold",
    "StagedLabel",
    "StagedMerge",
    "Stats",
    "Store",
    "StoreBusy",
    "StoreError",
    "article_index",
    "article_page",
    "claim_id",
    "claim_links",
    "claim_others",
    "claimed",
    "clean_name",
    "datasette_metadata",
    "default_db_path",
    "drop_stage",
    "journal_dir",
    "label_events",
    "live_sessions",
    "mention_counts",
    "new_mentions",
    "orphan_journals",
    "read_journal",
    "split_spans",
    "unapplied_entries",
]
