"""Planning a clustering run over stored mentions: which mentions to regroup, and into which claims."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from factcheck.dedup.blocking import Blocker, Pair, document_frequency, find_pairs
from factcheck.dedup.cluster import cluster
from factcheck.dedup.core import Nodes, build_nodes
from factcheck.dedup.match import SAME, SCORER, Scorer
from factcheck.dedup.normalise import Key, make_key
from factcheck.store import DedupRow, claim_id


def encode_cues(key: Key) -> str:
    """The guard cues of a key, as stored next to its text ("" when it has none)."""
    if not (key.numbers or key.negations or key.polar or key.names or key.extra):
        return ""
    parts = (" ".join(key.numbers), str(key.negations), " ".join(key.polar), " ".join(key.names), key.extra)
    return "\t".join(parts)  # the cues are words and spaces: they hold no tabs


def decode_key(text: str, cues: str | None) -> Key:
    """Inverse of storing ``key.text`` and :func:`encode_cues`."""
    if not cues:
        return Key(text)
    numbers, negations, polar, names, extra = cues.split("\t")
    return Key(
        text, tuple(numbers.split()), int(negations), tuple(polar.split()), tuple(names.split()), extra
    )


@dataclass
class Plan:
    """What a clustering run changes, for the mentions in its scope."""

    rows: list[DedupRow]
    """Every mention, those clustered before first."""
    keys: list[Key]
    scope: list[int] = field(default_factory=list)
    """Rows regrouped by this run (new mentions and the groups they touch)."""
    claim_of: dict[int, str] = field(default_factory=dict)
    group_of: dict[int, str | None] = field(default_factory=dict)
    claims: list[tuple[str, str, int]] = field(default_factory=list)
    """(claim id, canonical mention, size) of the claims in scope."""
    variants: list[tuple[str, str, str, float]] = field(default_factory=list)
    """(mention a, mention b, kind, score) conflicting-variant pairs found."""
    new: int = 0
    """Rows not clustered before this run."""


def make_plan(rows: Sequence[DedupRow], threshold: float, scorer: Scorer = SCORER) -> Plan:
    """Cluster the rows not clustered yet against everything, and regroup what they touch.

    Rows with a stored key are taken as clustered: their groups are recomputed only
    when a new mention matches one of them. Give every row without key (and with text)
    to recompute all.
    """
    ordered = sorted(rows, key=lambda r: (r.key is None, r.id))
    keys = [make_key(r.text or "") if r.key is None else decode_key(r.key, r.cues) for r in ordered]
    plan = Plan(ordered, keys, new=sum(r.key is None for r in ordered))
    old = len(ordered) - plan.new
    nodes = build_nodes(keys, lambda i: _rank(plan, i))
    new_from = 1 + max((n for n in nodes.node_of[:old] if n is not None), default=-1)
    texts = [k.text for k in nodes.keys]
    df = document_frequency(texts)
    blocker = Blocker(texts, df, queries_from=new_from)
    pairs = list(find_pairs(nodes.keys, threshold, new_from=new_from, blocker=blocker, scorer=scorer))
    in_scope = _touched(plan, nodes, pairs, new_from)
    pairs += _pairs_among(nodes, sorted(in_scope), df, threshold, scorer)
    in_scope.update(range(new_from, len(nodes.keys)))
    components = cluster(
        in_scope, pairs, nodes.keys, lambda n: _rank(plan, nodes.members[n][0]), threshold, scorer
    )
    _assign(plan, nodes, components)
    plan.variants = [_variant(plan, nodes, p) for p in pairs if p.kind != SAME]
    return plan


def _rank(plan: Plan, row: int) -> tuple[Any, ...]:
    """Canonical order: the longest claim text, then the longest mention, then the smallest id."""
    return (-len(plan.keys[row].text), -plan.rows[row].length, plan.rows[row].id)


def _touched(plan: Plan, nodes: Nodes, pairs: list[Pair], new_from: int) -> set[int]:
    """Old nodes whose groups must be regrouped: they match a new node or gained a mention."""
    hit = {p.a for p in pairs if p.kind == SAME and p.a < new_from}
    old = len(plan.rows) - plan.new
    hit.update(n for n in nodes.node_of[old:] if n is not None and n < new_from)
    groups = {plan.rows[i].group for n in hit for i in nodes.members[n] if i < old}
    groups.discard(None)
    return {
        n for i, n in enumerate(nodes.node_of[:old]) if n is not None and plan.rows[i].group in groups
    } | hit


def _pairs_among(nodes: Nodes, subset: list[int], df: Any, threshold: float, scorer: Scorer) -> list[Pair]:
    """Matching pairs within already-clustered nodes, renumbered to node indices."""
    if len(subset) < 2:
        return []
    keys = [nodes.keys[n] for n in subset]
    found = find_pairs(keys, threshold, blocker=Blocker([k.text for k in keys], df), scorer=scorer)
    return [Pair(subset[p.a], subset[p.b], p.kind, p.score) for p in found]


def _assign(plan: Plan, nodes: Nodes, components: list[list[list[int]]]) -> None:
    """Claim ids, groups and claims rows of the regrouped rows; short new rows stay alone."""
    for component in components:
        group = plan.rows[nodes.members[component[0][0]][0]].id
        for members in component:
            canonical = plan.rows[nodes.members[members[0]][0]].id
            claim = claim_id(canonical)
            rows = [i for n in members for i in nodes.members[n]]
            plan.claims.append((claim, canonical, len(rows)))
            for i in rows:
                plan.claim_of[i], plan.group_of[i] = claim, group
    old = len(plan.rows) - plan.new
    for i in range(old, len(plan.rows)):
        if nodes.node_of[i] is None:
            row = plan.rows[i]
            plan.claim_of[i], plan.group_of[i] = claim_id(row.id), None
            plan.claims.append((claim_id(row.id), row.id, 1))
    plan.scope = sorted(plan.claim_of)


def _variant(plan: Plan, nodes: Nodes, pair: Pair) -> tuple[str, str, str, float]:
    a, b = sorted((plan.rows[nodes.members[pair.a][0]].id, plan.rows[nodes.members[pair.b][0]].id))
    return (a, b, pair.kind, pair.score)
