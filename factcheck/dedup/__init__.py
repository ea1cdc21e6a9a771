"""Claim clustering: the same claim repeated across articles, merged by guarded fuzzy matching.

See :mod:`factcheck.dedup.run` for how two mentions are compared and clustered.
"""

from factcheck.dedup.core import DEFAULT_THRESHOLD, TextClusters, cluster_texts
from factcheck.dedup.run import CHUNK, DedupReport, cluster_store, variants_of

__all__ = [
    "CHUNK",
    "DEFAULT_THRESHOLD",
    "DedupReport",
    "TextClusters",
    "cluster_store",
    "cluster_texts",
    "variants_of",
]
