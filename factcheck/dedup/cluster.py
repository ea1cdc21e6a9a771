"""Clusters from matching pairs: connected components, cut where a member drifts from the canonical."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from factcheck.dedup.blocking import Pair
from factcheck.dedup.match import SAME, SCORER, Scorer, compare
from factcheck.dedup.normalise import Key

CHAIN_SLACK = 10.0
"""A member must score at least ``threshold - CHAIN_SLACK`` against its cluster's canonical.

Matching is transitive through a chain (A~B, B~C), which joins reworded copies that do not
match each other directly; but a chain of small edits can also drift into a different
sentence and glue unrelated claims into one giant cluster. The guards already keep numbers,
negations and polar words equal along a chain; this bounds how far the wording may drift."""

Rank = Callable[[int], Any]
"""Sort key of a node: the lowest is the canonical (e.g. longest text, then smallest id)."""


def cluster(
    nodes: Iterable[int],
    pairs: Iterable[Pair],
    keys: Sequence[Key] | Mapping[int, Key],
    rank: Rank,
    threshold: float,
    scorer: Scorer = SCORER,
) -> list[list[list[int]]]:
    """Group ``nodes`` into clusters, by connected component.

    The result depends only on the nodes, the pairs and ``rank``, never on input order:
    components sorted by their best node, each a list of clusters, the first anchored at
    the component's best node, each cluster listed canonical first.

    Args:
        nodes: the node indices to cluster (pairs outside them are ignored).
        pairs: matching pairs; only ``same`` pairs join nodes.
        keys: comparison key of every node.
        rank: canonical order of nodes.
        threshold: the matching threshold the pairs were found with.
        scorer: the rapidfuzz scorer.
    """
    wanted = set(nodes)
    floor = threshold - CHAIN_SLACK
    adjacency: dict[int, set[int]] = {}  # the nodes joined to another: most nodes are alone
    close: set[tuple[int, int]] = set()  # pairs that scored the floor or more
    for p in pairs:
        if p.kind == SAME and p.a in wanted and p.b in wanted:
            adjacency.setdefault(p.a, set()).add(p.b)
            adjacency.setdefault(p.b, set()).add(p.a)
            if p.score >= floor:
                close.add((p.a, p.b))
    found = [[[node]] for node in wanted if node not in adjacency]
    for component in components(adjacency, set(adjacency)):
        clusters: list[list[int]] = []
        pending = [component]
        while pending:
            kept, rest = _anchor(pending.pop(), close, keys, rank, floor, scorer)
            clusters.append(kept)
            pending.extend(components(adjacency, rest))
        found.append(sorted(clusters, key=lambda members: rank(members[0])))
    return sorted(found, key=lambda clusters: rank(clusters[0][0]))


def _anchor(
    group: list[int],
    close: set[tuple[int, int]],
    keys: Sequence[Key] | Mapping[int, Key],
    rank: Rank,
    floor: float,
    scorer: Scorer,
) -> tuple[list[int], set[int]]:
    """Split a component into its canonical's cluster and the members that drifted away.

    A member paired with the canonical itself as one claim, at a score of at least the
    floor, is kept without scoring the two again: the scorer and the guards give the same
    verdict either way round.
    """
    ordered = sorted(group, key=rank)
    first = ordered[0]
    canonical = keys[first]
    kept = [first]
    rest: set[int] = set()
    for node in ordered[1:]:
        if (first, node) in close or (node, first) in close:
            kept.append(node)
            continue
        verdict = compare(canonical, keys[node], floor, scorer)
        if verdict is not None and verdict.kind == SAME:
            kept.append(node)
        else:
            rest.add(node)
    return kept, rest


def components(adjacency: dict[int, set[int]], subset: set[int]) -> list[list[int]]:
    """Connected components of the graph restricted to ``subset``."""
    seen: set[int] = set()
    found = []
    for start in sorted(subset):
        if start in seen:
            continue
        seen.add(start)
        stack, members = [start], []
        while stack:
            node = stack.pop()
            members.append(node)
            for other in adjacency[node]:
                if other in subset and other not in seen:
                    seen.add(other)
                    stack.append(other)
        found.append(members)
    return found
