"""The store: the only place that speaks SQL (through sqlite-utils)."""

from factcheck.store.connection import StoreError
from factcheck.store.core import Store
from factcheck.store.records import Article, Change, Mention, NewArticle

__all__ = ["Article", "Change", "Mention", "NewArticle", "Store", "StoreError"]
