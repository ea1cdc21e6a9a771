"""Planning a clustering run over stored mentions: new nodes, index growth, matching pairs, claims."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from factcheck.dedup.blocking import (
    Pair,
    candidate_lists,
    length_bounds,
    verify,
    words_of,
)
from factcheck.dedup.cluster import cluster
from factcheck.dedup.index import WordIndex, decode
from factcheck.dedup.match import SAME, SCORER, Scorer
from factcheck.dedup.normalise import Key, make_key
from factcheck.store import Store, claim_id
from factcheck.workers import Workers


def encode_cues(key: Key) -> str:
    """The guard cues of a key, as stored next to its text ("" when it has none)."""
    if not (key.numbers or key.negations or key.polar or key.names or key.extra or key.titled or key.titles):
        return ""
    titled = "1" if key.titled else ""
    parts = (
        " ".join(key.numbers),
        str(key.negations),
        " ".join(key.polar),
        " ".join(key.names),
        key.extra,
        titled,
        " ".join(key.titles),
    )
    return "\t".join(parts)  # the cues are words and spaces: they hold no tabs


def decode_key(text: str, cues: str) -> Key:
    """Inverse of storing ``key.text`` and :func:`encode_cues`."""
    if not cues:
        return Key(text)
    numbers, negations, polar, names, extra, titled, titles = cues.split("\t")
    return Key(
        text,
        tuple(numbers.split()),
        int(negations),
        tuple(polar.split()),
        tuple(names.split()),
        extra,
        titled == "1",
        tuple(titles.split()),
    )


@dataclass(frozen=True, slots=True)
class Member:
    """A mention of a node."""

    id: str
    length: int
    claim_id: str | None
    """Its claim when the run was planned."""


@dataclass(slots=True)
class Group:
    """One connected component (or one short mention): the claims it forms, written together."""

    claims: list[tuple[str, str]] = field(default_factory=list)
    """(claim, canonical mention) of the claims formed."""
    rows: list[tuple[str, str, str | None, int | None, bool]] = field(default_factory=list)
    """(mention, claim, claim before the run, node, clustered by this run) of its mentions."""
    settled: bool = False
    """One mention alone in the claim it already had, whose node is new and matches nothing
    as a variant: the claim's row and links are as they were (most sentences of a corpus)."""

    @property
    def size(self) -> int:
        """Rows the group writes (to size transactions)."""
        return len(self.rows) + len(self.claims)

    def moves(self) -> list[tuple[str, str]]:
        """(mention, claim) for mentions whose claim changes."""
        return [(m, c) for m, c, before, _n, _new in self.rows if before != c]

    def clustered(self) -> list[tuple[str, int | None]]:
        """(mention, node) of this run's mentions, to mark clustered."""
        return [(m, n) for m, _c, _b, n, new in self.rows if new]

    def members(self) -> dict[str, list[str]]:
        """Claim -> its mentions."""
        found: dict[str, list[str]] = {}
        for m, c, _b, _n, _new in self.rows:
            found.setdefault(c, []).append(m)
        return found

    def before(self) -> dict[str, str | None]:
        """Mention -> its claim before the run."""
        return {m: b for m, _c, b, _n, _new in self.rows}


@dataclass
class Plan:
    """What a clustering run writes."""

    mentions: int = 0
    """Mentions clustered by this run."""
    keys: list[tuple[int, str, str]] = field(default_factory=list)
    """(node, key, cues) of the new nodes."""
    counts: list[tuple[str, int]] = field(default_factory=list)
    """(word, increment) of the word counts."""
    lists: list[tuple[str, bytes]] = field(default_factory=list)
    """(word, nodes) segments to append to node lists."""
    merged_lists: list[tuple[str, bytes]] = field(default_factory=list)
    """(word, nodes) node lists whose segments are rewritten as one."""
    edges: list[Pair] = field(default_factory=list)
    """Matching pairs found (a < b)."""
    groups: list[Group] = field(default_factory=list)
    shared: int = 0
    """Of this run's mentions, those sharing their claim with another mention."""


PARALLEL_KEYS = 20_000
"""From this many texts, comparison keys are made by worker processes, one per core."""


def start_keys(texts: list[str], pool: Workers) -> Callable[[], list[Key]]:
    """Start making the comparison keys of ``texts`` (by the workers when there are many); the
    call returned gives them, in order."""
    if len(texts) < PARALLEL_KEYS:
        return lambda: [make_key(text) for text in texts]
    return pool.start(make_key, texts, 2_000)


@dataclass(frozen=True)
class Part:
    """Mentions to cluster together, whose keys are being made."""

    mentions: list[Member]
    last: int
    """Row of the last of them (they are in row order)."""
    keys: Callable[[], list[Key]]
    """Gives their keys, in order."""


def next_part(
    store: Store, limit: int, pool: Workers, after: int | None = None, every: bool = False
) -> Part | None:
    """The ``limit`` oldest mentions not clustered yet (of every mention when ``every``: a full
    run), after row ``after`` when given, their keys started on the workers; None when there is
    none."""
    found = store.mentions_in_order if every else store.unclustered_mentions
    pending = found(limit, after)
    if not pending:
        return None
    keys = start_keys([m.text for m in pending], pool)
    return Part([Member(m.id, len(m.text), m.claim_id) for m in pending], pending[-1].rowid, keys)


def plan_batch(
    store: Store, threshold: float, news: list[Member], keys: list[Key], scorer: Scorer = SCORER
) -> Plan:
    """Cluster mentions not clustered yet (``news``, with their ``keys``) against the stored
    index, and regroup the components they touch."""
    distinct = list(dict.fromkeys(k for k in keys if not k.short))
    encoded = {k: (k.text, encode_cues(k)) for k in distinct}
    stored = store.dedup_nodes_of_keys(list(encoded.values()))
    first = store.dedup_max_node() + 1
    fresh = [k for k in distinct if encoded[k] not in stored]
    node_by_key = {k: stored[encoded[k]] for k in distinct if encoded[k] in stored}
    node_by_key |= {k: first + i for i, k in enumerate(fresh)}
    del encoded, stored  # what is no longer needed goes as soon as it can: the peak is at the end
    plan = Plan(len(news))
    known: dict[int, Key] = {node_by_key[k]: k for k in distinct}
    pairs = _match_new(store, plan, [(node_by_key[k], k) for k in fresh], known, threshold, scorer)
    del fresh, distinct
    touched = set(node_by_key.values()) | {x for p in pairs if p.kind == SAME for x in (p.a, p.b)}
    nodes, same = _components(store, touched, pairs)
    del pairs, touched
    for node, (text, cues) in store.dedup_keys_of(n for n in nodes if n not in known).items():
        known[node] = decode_key(text, cues)
    members: dict[int, list[Member]] = {}
    for node, mention_id, length, claim in store.dedup_members_of(nodes):
        members.setdefault(node, []).append(Member(mention_id, length, claim))
    for member, key in zip(news, keys, strict=True):
        if not key.short:
            members.setdefault(node_by_key[key], []).append(member)
    shorts = [m for m, k in zip(news, keys, strict=True) if k.short]
    batch = {m.id for m in news}
    del keys, node_by_key, news
    component_keys = {n: known[n] for n in nodes}
    del known
    _group(
        plan, component_keys, {n: members[n] for n in nodes if n in members}, same, threshold, scorer, batch
    )
    _shorts(plan, shorts)
    plan.shared = sum(
        1 for g in plan.groups for ms in g.members().values() if len(ms) > 1 for m in ms if m in batch
    )
    return plan


def _match_new(
    store: Store,
    plan: Plan,
    fresh: list[tuple[int, Key]],
    known: dict[int, Key],
    threshold: float,
    scorer: Scorer,
) -> list[Pair]:
    """Index the new nodes, find their matching pairs with earlier nodes, record both in the plan.

    Word sets are made again where needed rather than kept: for a large batch they would
    outweigh everything else.
    """
    df, segments = store.dedup_word_stats(w for _node, key in fresh for w in words_of(key))
    index = WordIndex(df, {w: decode(s) for w, s in segments.items()})
    for _node, key in fresh:
        index.count(words_of(key))
    pairs: list[Pair] = []
    found = candidate_lists(index, ((node, words_of(key)) for node, key in fresh))
    while candidates := dict(islice(found, LOOKUPS)):  # fresh nodes are numbered in ascending order
        wanted = {c for others in candidates.values() for c in others if c not in known}
        for node, (text, cues) in store.dedup_keys_of(wanted).items():
            known[node] = decode_key(text, cues)
        for node, others in candidates.items():
            query = known[node]
            low, high = length_bounds(len(query.text), threshold, scorer)
            kept = [(c, k) for c in others if (k := known.get(c)) is not None and low <= len(k.text) <= high]
            pairs.extend(verify(node, query, kept, threshold, scorer))
    plan.keys = [(node, key.text, encode_cues(key)) for node, key in fresh]
    plan.counts = sorted(index.counted.items())
    long = {w for w, s in segments.items() if len(s) >= MAX_SEGMENTS}
    plan.lists = sorted((w, nodes.tobytes()) for w, nodes in index.added().items() if w not in long)
    plan.merged_lists = sorted((w, index.lists[w].tobytes()) for w in long)
    plan.edges = pairs
    return pairs


LOOKUPS = 2000
"""New nodes whose candidates are gathered, fetched and scored at a time."""

MAX_SEGMENTS = 16
"""A word's node list stored in this many segments is rewritten as one."""


def _components(store: Store, touched: set[int], pairs: list[Pair]) -> tuple[set[int], list[Pair]]:
    """The nodes connected to ``touched`` by same-claim pairs (stored or new), and those pairs."""
    same = {(p.a, p.b): p for p in pairs if p.kind == SAME}
    nodes, frontier = set(touched), set(touched)
    while frontier:
        for a, b, kind, score in store.dedup_edges_of(frontier):
            if kind == SAME:
                same.setdefault((a, b), Pair(a, b, kind, score))
        reached = {x for p in same.values() if p.a in frontier or p.b in frontier for x in (p.a, p.b)}
        frontier = reached - nodes
        nodes |= frontier
    return nodes, [p for p in same.values() if p.a in nodes and p.b in nodes]


def _group(
    plan: Plan,
    keys: Sequence[Key] | Mapping[int, Key],
    members: Mapping[int, list[Member]],
    pairs: list[Pair],
    threshold: float,
    scorer: Scorer,
    batch: set[str] | None,
) -> None:
    """Cluster the nodes that have mentions; one :class:`Group` per connected component.

    ``batch``: the mentions this run clusters (None: all of them).
    """
    best = {n: min(ms, key=lambda m: (-m.length, m.id)) for n, ms in members.items()}
    fresh = {node for node, _key, _cues in plan.keys}
    varied = {x for p in plan.edges if p.kind != SAME for x in (p.a, p.b)}

    def rank(node: int) -> tuple[Any, ...]:
        return (-len(keys[node].text), -best[node].length, best[node].id)

    for component in cluster(sorted(members), pairs, keys, rank, threshold, scorer):
        group = Group()
        for nodes in component:
            canonical = best[nodes[0]].id
            claim = claim_id(canonical)
            group.claims.append((claim, canonical))
            for node in nodes:
                for m in members[node]:
                    group.rows.append((m.id, claim, m.claim_id, node, batch is None or m.id in batch))
        if len(group.rows) == 1:
            _mention, claim, before, alone, _new = group.rows[0]
            group.settled = before == claim and alone in fresh and alone not in varied
        plan.groups.append(group)


def _shorts(plan: Plan, mentions: Sequence[Member]) -> None:
    """A mention too short to match is a claim of its own."""
    for mention in mentions:
        claim = claim_id(mention.id)
        row: tuple[str, str, str | None, int | None, bool] = (mention.id, claim, mention.claim_id, None, True)
        plan.groups.append(Group([(claim, mention.id)], [row], settled=mention.claim_id == claim))
