"""Clustering the store's mentions into claims: plan outside the write lock, then apply it.

How two mentions are compared (see the modules of this package):

1. Normalise (:mod:`factcheck.dedup.normalise`): Unicode, quote marks, apostrophes,
   dashes, markdown and white space; drop the attribution (:mod:`factcheck.dedup.attribution`:
   "…," said Lynn Maalouf, Amnesty's director. / Lynn Maalouf said: / …, he added.) but keep
   a clause after it (", adding 26 of the dead were women") to compare on its own; one
   spelling for what style guides vary (per cent, pre-tax, Inc., Sept., Colo., U.S.);
   resolve acronym aliases (IS / ISIL -> ISIS) and contractions (didn't, didnt -> did not);
   lower-case; mask numbers.
2. Score (:mod:`factcheck.dedup.match`): ``rapidfuzz.fuzz.ratio`` of the comparison texts,
   at :data:`DEFAULT_THRESHOLD`. It is order-aware and needs nearly the same length, unlike
   ``token_set_ratio``, which scores any subset 100.
3. Guards: short texts never merge; lengths within 3:4; a wording reworded in two or more
   places is another sentence; and when the numbers, the negations, the polar words
   (confirm/deny, accept/reject, …) or the names differ, or one side adds a clause of
   content, the pair is a conflicting *variant*: kept apart and linked in ``claim_links``
   (kind number, negation, polarity, entity or extra-clause), because to a fact-checker
   those are the interesting pairs.
4. Block (:mod:`factcheck.dedup.blocking`): only texts sharing one of their rarest words
   are scored, so 100,000 mentions take seconds, not hours.
5. Cluster (:mod:`factcheck.dedup.cluster`): connected components of the matching pairs
   (transitive), cut where a member scores below ``threshold - CHAIN_SLACK`` against the
   component's canonical, so chains cannot drift into giant clusters.

The canonical mention of a claim is the one with the longest comparison text, then the
longest text, then the smallest id; the claim id is ``ids.claim_id(canonical id)``, so two
databases built from the same files agree whatever the order they were ingested in.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterable
from dataclasses import dataclass

from factcheck.dedup.carry import Carry, carry_gold, carry_labels
from factcheck.dedup.core import DEFAULT_THRESHOLD, KEY_VERSION
from factcheck.dedup.plan import Plan, encode_cues, make_plan
from factcheck.store import Store


@dataclass(frozen=True)
class DedupReport:
    """What a clustering run did."""

    mentions: int
    """Mentions clustered by this run: the new ones, or all of them for a full run."""
    claims: int
    """Claims in the database afterwards."""
    merged_mentions: int
    """Of this run's mentions, those sharing their claim with another mention."""
    variants: int
    """Conflicting-variant links between claims in the database afterwards."""
    seconds: float
    conflicts: list[str]
    """Claim-scoped labels (or gold) that disagree within a claim this run formed."""


def cluster_store(store: Store, *, threshold: float = DEFAULT_THRESHOLD, full: bool = False) -> DedupReport:
    """Group the store's mentions into claims.

    Incremental (the default) compares only the mentions not clustered yet with every
    mention, and regroups just the claims they join; it keeps the threshold of the last
    full run when ``threshold`` is left at its default, so later ingests follow
    ``factcheck dedup --threshold N``. ``full`` recomputes every cluster (so does any run
    after an upgrade that changed how keys are made, at the stored threshold).

    The comparison runs before the write transaction, so annotators keep saving labels
    meanwhile; mentions added by another process in between are left for the next run.

    Labels belong to mentions and are never lost. When mentions join a claim, each
    annotator's claim-scoped value is copied to the joining mentions that lack it (an
    ``events`` row of kind ``dedup``); when the joined claims disagree, nothing is
    overwritten and the conflict is reported.
    """
    start = time.perf_counter()
    stored, version = store.dedup_meta()
    stale = version not in (None, KEY_VERSION)  # keys made by another version: redo all
    if not (full or stale or store.has_unclustered()):
        return _report(store, 0, 0, [], start)
    if stored is not None and threshold == DEFAULT_THRESHOLD and (stale or not full):
        threshold = stored
    full = full or stale
    rows = store.dedup_rows(with_text=full)
    if full:
        rows = [dataclasses.replace(r, key=None, cues=None, group=None) for r in rows]
    plan = make_plan(rows, threshold)
    with store.transaction():
        carry = _write(store, plan, full)
        store.set_dedup_meta(threshold if full or stored is None else None, KEY_VERSION)
    sizes = {claim: size for claim, _canonical, size in plan.claims}
    merged = sum(sizes[plan.claim_of[i]] > 1 for i in range(len(plan.rows) - plan.new, len(plan.rows)))
    return _report(store, plan.new, merged, carry.conflicts, start)


def _report(store: Store, mentions: int, merged: int, conflicts: list[str], start: float) -> DedupReport:
    return DedupReport(
        mentions,
        store.count("claims"),
        merged,
        store.variant_link_count(),
        time.perf_counter() - start,
        conflicts,
    )


def _write(store: Store, plan: Plan, full: bool) -> Carry:
    """Apply a plan inside the caller's transaction; carry labels and gold to joined claims."""
    rows, scope = plan.rows, plan.scope
    before = {i: rows[i].claim_id for i in scope}
    if full:
        store.reset_dedup()
    moves = [(rows[i].id, plan.claim_of[i]) for i in scope if plan.claim_of[i] != before[i]]
    after = {claim for claim, _canonical, _size in plan.claims}
    store.assign_claims(moves, plan.claims, set(before.values()) - after)
    store.save_dedup_nodes(
        (rows[i].id, plan.keys[i].text, encode_cues(plan.keys[i]), plan.group_of[i]) for i in scope
    )
    store.save_dedup_variants(plan.variants)
    store.relink_claims(None if full else after | set(before.values()))
    return _carry(store, plan, before)


def _carry(store: Store, plan: Plan, before: dict[int, str]) -> Carry:
    """Copy claim-scoped labels and gold into the claims this run formed or renamed."""
    members: dict[str, list[int]] = {}
    for i in plan.scope:
        members.setdefault(plan.claim_of[i], []).append(i)
    sources = {c: {before[i] for i in ms} for c, ms in members.items()}
    changed = {c: s for c, s in sources.items() if s != {c}}
    joined = {c: [plan.rows[i].id for i in members[c]] for c, s in changed.items() if len(s) > 1}
    carry = Carry()
    carry_labels(joined, store.claim_scoped_labels(_flat(joined.values())), carry)
    carry_gold(changed, store.claim_gold(sorted(set(changed) | set(_flat(changed.values())))), carry)
    store.copy_claim_labels(carry.labels)
    store.copy_claim_gold(carry.gold)
    return carry


def _flat(groups: Iterable[Iterable[str]]) -> list[str]:
    return sorted({item for group in groups for item in group})


def variants_of(store: Store, claim_id: str) -> list[tuple[str, str, float]]:
    """Conflicting variants of a claim: (linked claim id, kind, score), best first.

    Kinds: ``number`` (another figure), ``negation`` (negated on one side), ``polarity``
    (confirm/deny, accept/reject, …), ``entity`` (another place, person or group) and
    ``extra-clause`` (one side adds a clause of content: ``…, adding 26 were women``).
    """
    return store.claim_variants(claim_id)
