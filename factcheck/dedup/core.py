"""The clustering pipeline on plain texts: keys, distinct nodes, blocking, verification, clusters."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from factcheck.dedup.blocking import Pair, find_pairs
from factcheck.dedup.cluster import cluster
from factcheck.dedup.match import SAME, SCORER, Scorer
from factcheck.dedup.normalise import Key, make_key

DEFAULT_THRESHOLD = 90.0
"""Lowest :data:`~factcheck.dedup.match.SCORER` score (0-100) at which two wordings are one
claim. Chosen on ``bench/dedup.py``: see its docstring for the measurements."""


KEY_VERSION = 17
"""Version of the stored comparison keys. Bump it when normalisation, the lexicon or the
stored cue format changes: the next clustering run then recomputes every key."""


@dataclass(frozen=True)
class Nodes:
    """Distinct comparison keys of a set of items (mentions or texts), short ones left out."""

    keys: list[Key]
    """One per node."""
    members: list[list[int]]
    """Item indices of each node, best (canonical) item first."""
    node_of: list[int | None]
    """Node of each item; None for a short item, which is never merged."""


def build_nodes(keys: Sequence[Key], rank: Callable[[int], Any]) -> Nodes:
    """Collapse identical keys into one node, so exact duplicates are compared once.

    Args:
        keys: the comparison key of every item.
        rank: canonical order of items (lowest first).
    """
    position: dict[Key, int] = {}
    node_keys: list[Key] = []
    members: list[list[int]] = []
    node_of: list[int | None] = []
    for i, key in enumerate(keys):
        if key.short:
            node_of.append(None)
            continue
        node = position.setdefault(key, len(node_keys))
        if node == len(node_keys):
            node_keys.append(key)
            members.append([])
        members[node].append(i)
        node_of.append(node)
    for group in members:
        group.sort(key=rank)
    return Nodes(node_keys, members, node_of)


@dataclass(frozen=True)
class TextClusters:
    """The clustering of a list of texts."""

    labels: list[int]
    """For each text, the index of its cluster's canonical text."""
    variants: list[Pair]
    """Conflicting variants between texts (indices of the two clusters' canonical texts)."""
    pairs: list[Pair]
    """Every matching pair found, between distinct keys (node indices of :attr:`nodes`)."""
    nodes: Nodes
    """The distinct keys the pairs refer to."""


def cluster_texts(
    texts: Sequence[str], *, threshold: float = DEFAULT_THRESHOLD, scorer: Scorer = SCORER
) -> TextClusters:
    """Cluster texts into claims (pure: no database).

    The canonical of a cluster is its text with the longest comparison text, then the
    longest text, then the first in sort order, so the result does not depend on the
    order of ``texts`` beyond the indices it reports.
    """
    keys = [make_key(t) for t in texts]
    nodes = build_nodes(keys, lambda i: (-len(keys[i].text), -len(texts[i]), texts[i], i))
    pairs = list(find_pairs(nodes.keys, threshold, scorer=scorer))
    components = cluster(
        range(len(nodes.keys)), pairs, nodes.keys, lambda n: _rank(nodes, keys, texts, n), threshold, scorer
    )
    labels = list(range(len(texts)))
    for group in (c for component in components for c in component):
        canonical = nodes.members[group[0]][0]
        for node in group:
            for item in nodes.members[node]:
                labels[item] = canonical
    variants = [
        Pair(labels[nodes.members[p.a][0]], labels[nodes.members[p.b][0]], p.kind, p.score)
        for p in pairs
        if p.kind != SAME
    ]
    return TextClusters(labels, variants, pairs, nodes)


def _rank(nodes: Nodes, keys: Sequence[Key], texts: Sequence[str], node: int) -> tuple[Any, ...]:
    best = nodes.members[node][0]
    return (-len(keys[best].text), -len(texts[best]), texts[best], best)
