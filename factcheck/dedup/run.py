"""Clustering the store's mentions into claims: plan outside the write lock, then apply it.

How two mentions are compared (see the modules of this package):

1. Normalise (:mod:`factcheck.dedup.normalise`): Unicode, quote marks, apostrophes,
   dashes, markdown and white space; drop the attribution (:mod:`factcheck.dedup.attribution`:
   "…," said Lynn Maalouf, Amnesty's director. / Lynn Maalouf said: / …, he added.) but keep
   a clause after it (", adding 26 of the dead were women") to compare on its own; one
   spelling for what style guides vary (per cent, pre-tax, Inc., Sept., Colo., U.S.);
   resolve acronym aliases (IS / ISIL -> ISIS), contractions (didn't, didnt -> did not;
   would've, wouldve -> would have) and hashtags (#DonaldTrump -> Donald Trump); lower-case;
   mask numbers.
2. Score (:mod:`factcheck.dedup.match`): ``rapidfuzz.fuzz.ratio`` of the comparison texts,
   at :data:`DEFAULT_THRESHOLD`. It is order-aware and needs nearly the same length, unlike
   ``token_set_ratio``, which scores any subset 100.
3. Guards: short texts never merge; lengths within 3:4; a wording reworded in two or more
   places is another sentence; and when the numbers (or a bound on one: "at least 20" /
   "20"), the negations, the polar words (confirm/deny, accept/reject, …; a word of the
   positive pole one side adds is an omission, one of the negative pole a conflict) or the names
   differ, when one word stands in place of its opposite (for/against, will/may,
   upheld/overturned, safe/unsafe, first/second) or one actor in place of another (the
   government / the company), when one side says "worldwide" where the other names a place,
   when one side says a thing will or may happen and the other that it does or did ("will
   raise" / "raised", "is set to leave" / "start leaving") or only tried ("attempted murder" /
   "murder"), when two figures or two
   opposites come in the other order ("220 to 210" / "210 to 220", "a loss against a profit"
   / "a profit against a loss"), or one side adds a clause of content, the pair is a conflicting
   *variant*: kept apart and linked in ``claim_links`` (kind number, negation, polarity,
   entity, modality or extra-clause), because to a fact-checker those are the interesting
   pairs.
4. Block (:mod:`factcheck.dedup.blocking`, :mod:`factcheck.dedup.index`): a text is
   scored only against the earlier texts that have most of its rarest words. The word
   counts and node lists are kept in the database and grown with each batch, so adding an
   article looks up its sentences' words, never re-indexes the corpus.
5. Cluster (:mod:`factcheck.dedup.cluster`): connected components of the matching pairs
   (transitive), cut where a member scores below ``threshold - CHAIN_SLACK`` against the
   component's canonical, so chains cannot drift into giant clusters.

The canonical mention of a claim is the one with the longest comparison text, then the
longest text, then the smallest id; the claim id is ``ids.claim_id(canonical id)``, so two
databases built from the same files agree whatever the order they were ingested in.

Writing: one clustering run at a time holds the database's lease (others wait), plans
outside any transaction, and writes in transactions of at most :data:`BATCH_ROWS` rows while
someone annotates, so that their label writes get through meanwhile; otherwise in
transactions of up to :data:`BULK_ROWS` rows, the one under way ending as soon as an
annotation session opens. Each transaction leaves every claim whole (see
``Store.apply_claims``); a run of several transactions marks the state pending first and
clear at the end, so one killed half-way is redone from scratch by the next run.
"""

from __future__ import annotations

import functools
import itertools
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from factcheck.dedup.carry import Carry, carry_gold, carry_labels
from factcheck.dedup.core import DEFAULT_THRESHOLD, KEY_VERSION
from factcheck.dedup.plan import Group, Plan, next_part, plan_batch
from factcheck.store import Store, live_sessions
from factcheck.workers import workers

BATCH_ROWS = 500
"""Rows written per transaction while an annotation session is open, at most (a group of
claims is never split): keeps the write lock to a fraction of a second."""

BATCH_BYTES = 1 << 20
"""Bytes of node lists written per transaction then, at most (a common word's list is long)."""

STEP_ROWS, STEP_BYTES = 20_000, 32 << 20
"""The same limits for one write step while nobody annotates: between steps a run looks
whether someone has begun to, and then commits at once."""

BULK_ROWS, BULK_BYTES = 400_000, 512 << 20
"""Rows and node-list bytes a transaction holds, in steps, while nobody annotates: each
commit rewrites every page its rows touch (rows keyed by content hashes land on pages all
over the indexes) and may checkpoint, so fewer, larger transactions write far less
(clustering 300k sentences: 1,842 commits took 37 of 139 s; ingesting 1M mentions, commits
of 400,000 rows instead of 20,000 took clustering from 235 to 203 s). A label written
meanwhile waits in its session's journal, and the transaction ends after the step under way
once a session opens (see :meth:`_Writer.write_steps`)."""

CLEAR_ROWS = 5000
"""Rows of the old clustering state deleted per transaction by a full run."""

PAUSE_MIN_S, PAUSE_MAX_S = 0.002, 0.1
"""Bounds of the pause after each transaction (half the time it held the lock) while an
annotation session is open on the database; without one, the pause is ``PAUSE_MIN_S``."""

CHUNK = 200_000
"""Mentions a run plans and writes at a time, oldest first: a run's memory grows with what it
plans at once, and later parts find the earlier ones in the stored index (clustering in parts
gives the claims of one run over all of them). A full run goes the same way over every
mention, after clearing the index: at a million mentions, planning them all at once peaked
near 2 GB."""

LOOK_EVERY_S = 1.0
"""How often a run looks for open annotation sessions."""


@dataclass(frozen=True)
class DedupReport:
    """What a clustering run did."""

    mentions: int
    """Mentions clustered by this run: the new ones, or all of them for a full run."""
    claims: int
    """Claims in the database afterwards."""
    merged_mentions: int
    """Of this run's mentions, those sharing their claim with another mention (as each
    part of an incremental run left them: see :data:`CHUNK`)."""
    variants: int
    """Conflicting-variant links between claims in the database afterwards."""
    seconds: float
    conflicts: list[str]
    """Claim-scoped labels (or gold) that disagree within a claim this run formed."""
    transactions: int = 0
    """Write transactions the run committed."""
    longest_write: float = 0.0
    """Seconds the longest of them held the write lock."""


@dataclass(frozen=True)
class Step:
    """Part of a run's writes, to be made in one transaction with others or alone."""

    write: Callable[[], None]
    rows: int
    bytes: int = 0
    """Of node lists."""


@dataclass
class _Writer:
    """Commits a run's rows, in transactions as short as annotators need, and times them."""

    store: Store
    transactions: int = 0
    longest: float = 0.0
    carry: Carry = field(default_factory=Carry)
    annotating: bool = False
    """Whether an annotation session was open when last looked."""
    looked: float = float("-inf")

    def commit(self, write: Callable[[], None]) -> None:
        with self.store.transaction():
            began = time.perf_counter()
            write()
        self.held(time.perf_counter() - began)

    def held(self, seconds: float) -> None:
        """Count a transaction that held the write lock ``seconds``, then leave the lock free
        for half as long while someone is annotating: back-to-back commits would let a label
        writer waiting in SQLite's busy backoff miss every gap between them."""
        self.longest = max(self.longest, seconds)
        self.transactions += 1
        pause = min(max(seconds / 2, PAUSE_MIN_S), PAUSE_MAX_S) if self.someone_annotates() else PAUSE_MIN_S
        time.sleep(pause)

    def someone_annotates(self) -> bool:
        """Whether an annotation session is open (looked up at most every :data:`LOOK_EVERY_S`)."""
        now = time.monotonic()
        if now - self.looked >= LOOK_EVERY_S:
            self.annotating, self.looked = bool(live_sessions(self.store.path)), now
        return self.annotating

    def limits(self) -> tuple[int, int]:
        """Rows and node-list bytes the next write step may write."""
        return (BATCH_ROWS, BATCH_BYTES) if self.someone_annotates() else (STEP_ROWS, STEP_BYTES)

    def write_steps(self, steps: Iterable[Step]) -> None:
        """Apply ``steps`` in order, several to a transaction while nobody annotates (up to
        :data:`BULK_ROWS` rows and :data:`BULK_BYTES` bytes), one to a transaction otherwise.
        Steps are drawn when they are about to be written, so their size follows
        :meth:`limits` at that moment."""
        todo = iter(steps)
        step = next(todo, None)
        while step is not None:

            def transaction() -> None:
                nonlocal step
                rows = size = 0
                while step is not None:
                    step.write()
                    rows, size = rows + step.rows, size + step.bytes
                    step = next(todo, None)
                    if rows >= BULK_ROWS or size >= BULK_BYTES or self.someone_annotates():
                        return

            self.commit(transaction)


def cluster_store(
    store: Store,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    full: bool = False,
    waiting: Callable[[str], None] | None = None,
    most: int | None = None,
) -> DedupReport:
    """Group the store's mentions into claims.

    Incremental (the default) compares only the mentions not clustered yet with the
    stored index, and regroups just the claims they join; it keeps the threshold of the
    last full run when ``threshold`` is left at its default, so later ingests follow
    ``factcheck dedup --threshold N``. ``full`` recomputes every cluster (so does any run
    after an upgrade that changed how keys are made, or after a run that was killed): it
    clears the stored index, then clusters every mention in parts as an incremental run does,
    the state marked pending until the last part is written.

    Labels belong to mentions and are never lost. When mentions join a claim, each
    annotator's claim-scoped value is copied to the joining mentions that lack it (an
    ``events`` row of kind ``dedup``); when the joined claims disagree, nothing is
    overwritten and the conflict is reported.

    Args:
        store: the database.
        threshold: the similarity (0-100) at which two wordings are one claim.
        full: recompute every cluster.
        waiting: told who holds the clustering lease when this run has to wait for it.
        most: cluster only this many of the mentions not clustered yet, the earliest stored,
            and leave the rest for a later run (an ingest clusters a part while its workers
            prepare the next files). A full run, and any run that has to redo one, clusters
            all of them.
    """
    start = time.perf_counter()
    with store.clustering_lease(waiting):
        state = store.dedup_state()
        redo = state.pending or state.version not in (None, KEY_VERSION)
        if state.threshold is not None and threshold == DEFAULT_THRESHOLD and (redo or not full):
            threshold = state.threshold
        whole = full or redo
        keep = threshold if whole or state.threshold is None else None
        writer = _Writer(store)
        if whole:
            _clear(writer)
        every = whole  # parts over every mention, then over any that came to wait meanwhile
        mentions = shared = 0
        left = None if whole else most
        with workers() as pool:
            part = next_part(store, _part_size(left), pool, every=every)
            if part is None and whole:
                writer.commit(functools.partial(_finish, store, keep))
            while part is not None:
                batch = plan_batch(store, threshold, part.mentions, part.keys())
                left = None if left is None else left - len(part.mentions)
                # The next part's keys are made during this write.
                following = next_part(store, _part_size(left), pool, part.last, every) if left != 0 else None
                _write(writer, batch, keep, every, last=following is None)
                mentions, shared = mentions + batch.mentions, shared + batch.shared
                del batch  # the next part's plan is made without this one's
                if following is None and left != 0:  # any that came to wait meanwhile, before that row
                    every = False
                    following = next_part(store, _part_size(left), pool)
                part = following
        if whole:
            shared = store.mentions_sharing_claims()
    return _report(store, mentions, shared, writer, start)


def _part_size(left: int | None) -> int:
    return CHUNK if left is None else min(CHUNK, left)


def _report(store: Store, mentions: int, shared: int, writer: _Writer, start: float) -> DedupReport:
    return DedupReport(
        mentions,
        store.count("claims"),
        shared,
        store.variant_link_count(),
        time.perf_counter() - start,
        writer.carry.conflicts,
        writer.transactions,
        writer.longest,
    )


def _clear(writer: _Writer) -> None:
    """Begin a full run: mark the state pending (a run killed before it ends is redone from
    scratch), then delete the stored index, a table at a time while nobody annotates, in
    transactions of :data:`CLEAR_ROWS` rows while someone does."""
    store = writer.store
    writer.commit(lambda: store.set_dedup_state(pending=True))
    cleared = False
    while not cleared:
        with store.transaction():
            began = time.perf_counter()
            cleared = store.clear_dedup_index(CLEAR_ROWS if writer.someone_annotates() else None)
        writer.held(time.perf_counter() - began)


def _finish(store: Store, threshold: float | None) -> None:
    store.set_dedup_state(threshold=threshold, version=KEY_VERSION, pending=False)


def _write(writer: _Writer, plan: Plan, threshold: float | None, full: bool, *, last: bool) -> None:
    """Write a plan: in one transaction when it is small, else in many, marked pending meanwhile.

    ``full``: the plan is a part of a full run, already marked pending, which ends with its
    ``last`` part.
    """
    store = writer.store
    rows = len(plan.keys) + len(plan.counts) + len(plan.lists) + len(plan.merged_lists) + len(plan.edges)
    finish = functools.partial(_finish, store, threshold)
    if not full and rows + sum(g.size for g in plan.groups) <= BATCH_ROWS:

        def everything() -> None:
            _write_index(store, plan)
            _write_groups(writer, plan.groups)
            finish()

        writer.commit(everything)
        return
    if not full:
        writer.commit(lambda: store.set_dedup_state(pending=True))
    index = (
        Step(functools.partial(_write_index, store, part), rows, size)
        for part, rows, size in _slices(plan, writer.limits)
    )
    groups = (
        Step(functools.partial(_write_groups, writer, batch), sum(g.size for g in batch))
        for batch in _batches(plan.groups, writer.limits)
    )
    writer.write_steps(itertools.chain(index, groups, [Step(finish, 1)] if last or not full else []))


def _write_index(store: Store, plan: Plan) -> None:
    store.add_dedup_keys(plan.keys)
    store.add_dedup_words(plan.counts, plan.lists)
    store.merge_dedup_postings(plan.merged_lists)
    store.add_dedup_edges((p.a, p.b, p.kind, p.score) for p in plan.edges)


def _slices(plan: Plan, limits: Callable[[], tuple[int, int]]) -> Iterable[tuple[Plan, int, int]]:
    """The index rows of a plan in parts of at most the rows and node-list bytes ``limits``
    gives when each part begins: (part, its rows, its node-list bytes)."""
    for name in ("keys", "counts", "lists", "merged_lists", "edges"):
        rows: list[Any] = getattr(plan, name)
        start, size = 0, 0
        most_rows, most_bytes = limits()
        for end, row in enumerate(rows, 1):
            size += len(row[1]) if name in ("lists", "merged_lists") else 0
            if end - start >= most_rows or size >= most_bytes or end == len(rows):
                part = Plan()
                setattr(part, name, rows[start:end])
                yield part, end - start, size
                start, size = end, 0
                most_rows, most_bytes = limits()


def _batches(groups: list[Group], limits: Callable[[], tuple[int, int]]) -> Iterable[list[Group]]:
    """Groups in runs of about the rows ``limits`` gives when each run begins (a group is
    never split)."""
    batch: list[Group] = []
    rows = 0
    most = limits()[0]
    for group in groups:
        if batch and rows + group.size > most:
            yield batch
            batch, rows = [], 0
            most = limits()[0]
        batch.append(group)
        rows += group.size
    if batch:
        yield batch


def _write_groups(writer: _Writer, groups: list[Group]) -> None:
    """Mark the groups' mentions clustered, move them to their claims, carry labels and gold."""
    store = writer.store
    store.add_dedup_nodes(row for g in groups for row in g.clustered())
    store.apply_claims(
        (m for g in groups for m in g.moves()), (c for g in groups if not g.settled for c in g.claims)
    )
    _carry(store, groups, writer.carry)


def _carry(store: Store, groups: list[Group], carry: Carry) -> None:
    """Copy claim-scoped labels and gold into the claims these groups formed or renamed."""
    before = {m: b for g in groups for m, b in g.before().items()}
    members = {c: ms for g in groups for c, ms in g.members().items()}
    sources = {c: {before[m] for m in ms} for c, ms in members.items()}
    changed = {c: {s for s in found if s is not None} for c, found in sources.items() if found != {c}}
    joined = {c: members[c] for c, found in changed.items() if len(found) > 1}
    found = Carry()
    carry_labels(joined, store.claim_scoped_labels(_flat(joined.values())), found)
    carry_gold(changed, store.claim_gold(sorted(set(changed) | set(_flat(changed.values())))), found)
    store.copy_claim_labels(found.labels)
    store.copy_claim_gold(found.gold)
    carry.conflicts.extend(found.conflicts)


def _flat(groups: Iterable[Iterable[str]]) -> list[str]:
    return sorted({item for group in groups for item in group})


def variants_of(store: Store, claim_id: str) -> list[tuple[str, str, float]]:
    """Conflicting variants of a claim: (linked claim id, kind, score), best first.

    Kinds: ``number`` (another figure), ``negation`` (negated on one side), ``polarity``
    (confirm/deny, accept/reject, …), ``entity`` (another place, person or group),
    ``modality`` (will or may happen / does or did) and ``extra-clause`` (one side adds a
    clause of content: ``…, adding 26 were women``).
    """
    return store.claim_variants(claim_id)
