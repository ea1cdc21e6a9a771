"""Incremental clustering from the stored index gives the claims a full re-clustering gives."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from dedup_helpers import articles, corpus

from factcheck.dedup import cluster_store, cluster_texts
from factcheck.store import NewArticle, Store


def claims(store: Store) -> dict[str, str]:
    return {m.id: m.claim_id or "" for m in store.iter_mentions()}


def links(store: Store) -> set[tuple[str, str, str]]:
    rows = store.db.execute("select claim_a, claim_b, kind from claim_links").fetchall()
    return {tuple(r) for r in rows}


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], set[tuple[str, str, str]]]:
    """All articles stored first, then one full clustering."""
    with Store(tmp_path_factory.mktemp("full") / "full.db") as store:
        for new in articles(corpus()):
            store.add_article(new)
        cluster_store(store, full=True)
        assert store.check() == []
        return claims(store), links(store)


def test_the_corpus_has_copies_and_variants_to_find(reference: tuple[dict[str, str], set]) -> None:
    found, linked = reference
    sizes: dict[str, int] = {}
    for claim in found.values():
        sizes[claim] = sizes.get(claim, 0) + 1
    assert sum(n for n in sizes.values() if n > 1) > 200
    assert {kind for _a, _b, kind in linked} >= {"number", "negation"}


def test_a_full_run_gives_the_claims_and_variants_of_clustering_the_texts_in_memory(
    tmp_path: Path, reference: tuple[dict[str, str], set[tuple[str, str, str]]]
) -> None:
    """A full run plans in parts through the stored index, as ingest does; the pure in-memory
    clustering of the same texts (:func:`cluster_texts`) is the yardstick both are held to."""
    with Store(tmp_path / "texts.db") as store:
        for new in articles(corpus()):
            store.add_article(new)
        mentions = list(store.iter_mentions())
    found = cluster_texts([m.text for m in mentions])
    groups: dict[int, set[str]] = {}
    for mention, label in zip(mentions, found.labels, strict=True):
        groups.setdefault(label, set()).add(mention.id)
    by_claim: dict[str, set[str]] = {}
    for mention_id, claim in reference[0].items():
        by_claim.setdefault(claim, set()).add(mention_id)
    assert sorted(map(sorted, by_claim.values())) == sorted(map(sorted, groups.values()))
    of_claim = {claim: frozenset(ids) for claim, ids in by_claim.items()}
    of_label = {label: frozenset(ids) for label, ids in groups.items()}
    stored = {(frozenset({of_claim[a], of_claim[b]}), kind) for a, b, kind in reference[1]}
    assert stored == {(frozenset({of_label[p.a], of_label[p.b]}), p.kind) for p in found.variants}


@pytest.mark.parametrize("order", ["ingest order", "reversed", "shuffled"])
def test_article_by_article_gives_the_claims_of_a_full_run(
    tmp_path: Path, reference: tuple[dict[str, str], set[tuple[str, str, str]]], order: str
) -> None:
    news = articles(corpus())
    if order == "reversed":
        news.reverse()
    elif order == "shuffled":
        random.Random(11).shuffle(news)
    with Store(tmp_path / "inc.db") as store:
        for new in news:
            store.add_article(new)
            report = cluster_store(store)
            assert report.mentions == len(new.spans)
            assert report.transactions == 1
        assert store.check() == []
        assert (claims(store), links(store)) == reference


def test_batches_of_articles_give_the_claims_of_a_full_run(
    tmp_path: Path, reference: tuple[dict[str, str], set[tuple[str, str, str]]]
) -> None:
    news = articles(corpus())
    with Store(tmp_path / "batches.db") as store:
        for start in range(0, len(news), 25):
            for new in news[start : start + 25]:
                store.add_article(new)
            cluster_store(store)
        assert (claims(store), links(store)) == reference
        cluster_store(store, full=True)  # and a full run over it changes nothing
        assert (claims(store), links(store)) == reference


def _planned_in_parts_of_100(path: Path, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Store the corpus at ``path``; runs then plan in parts of 100, noted in the list returned."""
    from factcheck.dedup import plan, run

    planned: list[int] = []
    monkeypatch.setattr(run, "CHUNK", 100)
    monkeypatch.setattr(run, "plan_batch", lambda *a: _counted(plan.plan_batch(*a), planned))
    with Store(path) as store:
        for new in articles(corpus()):
            store.add_article(new)
    return planned


def test_a_run_over_many_new_mentions_plans_them_in_parts_and_gives_the_claims_of_a_full_run(
    tmp_path: Path,
    reference: tuple[dict[str, str], set[tuple[str, str, str]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    planned = _planned_in_parts_of_100(tmp_path / "parts.db", monkeypatch)
    with Store(tmp_path / "parts.db") as store:
        mentions = store.count("mentions")
        report = cluster_store(store)
        assert planned == [100] * (mentions // 100) + [mentions % 100]
        assert report.mentions == mentions
        assert (claims(store), links(store)) == reference
        assert store.dedup_state().pending is False and store.check() == []


def test_a_full_run_plans_in_parts_too_and_one_stopped_between_parts_is_redone_whole(
    tmp_path: Path,
    reference: tuple[dict[str, str], set[tuple[str, str, str]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A full run's memory is that of a part, not of the corpus; until its last part is
    written the state says pending, so a run stopped between parts is redone from scratch."""
    from factcheck.dedup import plan, run

    planned = _planned_in_parts_of_100(tmp_path / "full.db", monkeypatch)
    with Store(tmp_path / "full.db") as store:
        mentions = store.count("mentions")
        cluster_store(store)
        assert (claims(store), links(store)) == reference
        report = cluster_store(store, full=True, threshold=80)
        assert planned[-(mentions // 100 + 1) :] == [100] * (mentions // 100) + [mentions % 100]
        assert report.mentions == mentions and store.dedup_state().threshold == 80
        sizes = Counter(claims(store).values())
        assert report.merged_mentions == sum(n for n in sizes.values() if n > 1)

        def stop_at_the_third(*a: object) -> object:
            if len(planned) == 2:
                raise KeyboardInterrupt
            return _counted(plan.plan_batch(*a), planned)  # type: ignore[arg-type]

        planned.clear()
        monkeypatch.setattr(run, "plan_batch", stop_at_the_third)
        with pytest.raises(KeyboardInterrupt):
            cluster_store(store, full=True, threshold=90)
        assert store.dedup_state().pending and store.check() == []
        monkeypatch.setattr(run, "plan_batch", plan.plan_batch)
        report = cluster_store(store)  # an ingest's run after it: everything again, at 90
        assert report.mentions == mentions and not store.dedup_state().pending
        assert (claims(store), links(store)) == reference


def test_mentions_that_come_to_wait_while_the_last_part_is_written_are_clustered_by_the_same_run(
    tmp_path: Path,
    reference: tuple[dict[str, str], set[tuple[str, str, str]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The next part is read before a part is written, so that its keys are made meanwhile;
    what an ingest stores during the last write is still clustered by the run."""
    from factcheck.dedup import run

    news = articles(corpus())
    late = news[-3:]
    expected = [n for new in late for n in (0, len(new.spans))]
    picked_up: list[int] = []
    real = run.next_part

    def next_part(
        store: Store, limit: int, pool: object, after: int | None = None, every: bool = False
    ) -> object:
        found = real(store, limit, pool, after, every)  # type: ignore[arg-type]
        if after is None and found is not None and picked_up:
            picked_up.append(len(found.mentions))
        if found is None and after is not None and late:
            store.add_article(late.pop(0))  # arrives while the part before is written
            picked_up.append(0)
        return found

    monkeypatch.setattr(run, "CHUNK", 100)
    monkeypatch.setattr(run, "next_part", next_part)
    with Store(tmp_path / "late.db") as store:
        for new in news[:-3]:
            store.add_article(new)
        report = cluster_store(store)
        assert not late and not store.has_unclustered()
        assert report.mentions == store.count("mentions")
        assert (claims(store), links(store)) == reference
    assert picked_up == expected  # each late article arrived and was taken as a part of its own


def _counted(found: object, planned: list[int]) -> object:
    if found is not None:
        planned.append(found.mentions)  # type: ignore[attr-defined]
    return found


@pytest.mark.parametrize("annotating", [True, False], ids=["someone annotates", "nobody annotates"])
def test_a_large_run_writes_in_short_transactions_while_someone_annotates(
    tmp_path: Path, annotating: bool, reference: tuple[dict[str, str], set[tuple[str, str, str]]]
) -> None:
    from factcheck.dedup import run
    from factcheck.store import Journal, SessionInfo

    path = tmp_path / "big.db"
    journal = Journal(path, SessionInfo.new("alice")) if annotating else None
    try:
        with Store(path) as store:
            for new in articles(corpus()):
                store.add_article(new)
            mentions = store.count("mentions")
            report = cluster_store(store)
            assert report.mentions == mentions
            if annotating:
                assert report.transactions > mentions // run.BATCH_ROWS
            else:  # the pending mark, then the rest in one
                assert mentions < run.BULK_ROWS and report.transactions == 2
            assert store.dedup_state().pending is False and store.check() == []
            assert (claims(store), links(store)) == reference
            tables = ("dedup_keys", "dedup_nodes", "dedup_edges", "dedup_df")
            state = sum(store.db.execute(f"select count(*) from {t}").fetchone()[0] for t in tables)
            report = cluster_store(store, full=True)  # which clears the index first
            if annotating:
                assert report.transactions > state // run.CLEAR_ROWS + mentions // run.BATCH_ROWS
            else:  # the pending mark, the index cleared at once, then the rest in one
                assert report.transactions == 3
            assert store.dedup_state().pending is False and store.check() == []
            assert (claims(store), links(store)) == reference
    finally:
        if journal is not None:
            journal.close()


@pytest.mark.parametrize("opens_after", [None, 5], ids=["nobody annotates", "a session opens"])
def test_a_run_alone_writes_many_steps_in_a_transaction_and_ends_it_when_a_session_opens(
    tmp_path: Path,
    opens_after: int | None,
    reference: tuple[dict[str, str], set[tuple[str, str, str]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from factcheck.dedup import run

    monkeypatch.setattr(run, "STEP_ROWS", 50)
    steps, per_transaction = [0], []

    def counted(write: Callable[..., None]) -> Callable[..., None]:
        def step(*args: Any) -> None:
            write(*args)
            steps[0] += 1

        return step

    monkeypatch.setattr(run, "_write_index", counted(run._write_index))
    monkeypatch.setattr(run, "_write_groups", counted(run._write_groups))
    commit = run._Writer.commit

    def counting(self: run._Writer, write: Any) -> None:
        before = steps[0]
        commit(self, write)
        per_transaction.append(steps[0] - before)

    monkeypatch.setattr(run._Writer, "commit", counting)
    opened = lambda self: opens_after is not None and steps[0] >= opens_after  # noqa: E731
    monkeypatch.setattr(run._Writer, "someone_annotates", opened)
    with Store(tmp_path / "steps.db") as store:
        for new in articles(corpus()):
            store.add_article(new)
        mentions = store.count("mentions")
        report = cluster_store(store)
        assert report.mentions == mentions and report.transactions == len(per_transaction)
        assert steps[0] > mentions // 50 > 5
        if opens_after is None:  # the pending mark, then everything else together
            assert per_transaction == [0, steps[0]]
        else:  # the transaction under way ends after the step that saw the session open
            assert per_transaction[:2] == [0, 5] and max(per_transaction[2:]) == 1
        assert store.dedup_state().pending is False and store.check() == []
        assert (claims(store), links(store)) == reference


def test_a_mention_left_alone_in_its_own_claim_is_not_written_again_unless_it_has_variants(
    tmp_path: Path,
    reference: tuple[dict[str, str], set[tuple[str, str, str]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    written: set[str] = set()
    apply_claims = Store.apply_claims

    def recording(self: Store, moves: Any, formed: Any) -> None:
        formed = list(formed)
        written.update(claim for claim, _canonical in formed)
        apply_claims(self, moves, formed)

    monkeypatch.setattr(Store, "apply_claims", recording)
    with Store(tmp_path / "alone.db") as store:
        for new in articles(corpus()):
            store.add_article(new)
        cluster_store(store)
        assert (claims(store), links(store)) == reference
        sizes = dict(store.db.execute("select id, size from claims").fetchall())
        linked = {c for a, b, _kind in links(store) for c in (a, b)}
    alone = {c for c, size in sizes.items() if size == 1}
    assert alone - linked and alone & linked  # the corpus has both
    assert written == (set(sizes) - alone) | (alone & linked)


def test_a_run_killed_between_transactions_leaves_claims_whole_and_is_redone(
    tmp_path: Path,
    reference: tuple[dict[str, str], set[tuple[str, str, str]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from factcheck.dedup import run

    class Killed(BaseException):
        pass

    with Store(tmp_path / "killed.db") as store:
        for new in articles(corpus()):
            store.add_article(new)
        commit = run._Writer.commit
        monkeypatch.setattr(run, "BULK_ROWS", 1)  # a transaction per write step
        for survive in (1, 2, 4, 5):
            calls = [0]

            def dying(
                self: run._Writer, write: object, calls: list[int] = calls, survive: int = survive
            ) -> None:
                if calls[0] == survive:
                    raise Killed
                calls[0] += 1
                commit(self, write)  # type: ignore[arg-type]

            monkeypatch.setattr(run._Writer, "commit", dying)
            with pytest.raises(Killed):
                cluster_store(store, full=survive % 2 == 0)
            assert store.check() == []
            assert store.has_unclustered()
        monkeypatch.setattr(run._Writer, "commit", commit)
        report = cluster_store(store)
        assert report.mentions == store.count("mentions")  # redone from scratch
        assert store.check() == [] and not store.has_unclustered()
        assert (claims(store), links(store)) == reference


def test_sentences_a_split_or_a_join_makes_are_clustered_by_the_next_run(tmp_path: Path) -> None:
    base = "The coalition strike on the crowded market killed dozens of civilians on Friday morning"
    text = f"{base}, officials said on Saturday in the capital.\n\nA second paragraph follows here."
    copy = f"{base}, officials said on Saturday in the capital."
    with Store(tmp_path / "split.db") as store:
        for n, body in enumerate([text, copy]):
            spans = [(0, len(body.split("\n\n")[0]))]
            if "\n\n" in body:
                spans.append((body.index("A second"), len(body)))
            store.add_article(NewArticle(f"{n}.txt", body, body, spans, [None] * len(spans)))
        cluster_store(store)
        assert not store.has_unclustered()
        first = store.mentions(store.articles()[0].id)[0]
        store.split_mention("alice", first.id, first.start + len(base) + 1)
        assert store.has_unclustered()
        report = cluster_store(store)
        assert report.mentions == 2 and store.check() == [] and not store.has_unclustered()
        other = store.mentions(store.articles()[1].id)[0]
        store.undo("alice")  # the split undone: the sentence is whole again, and clustered again
        cluster_store(store)
        assert store.check() == [] and not store.has_unclustered()
        assert store.mention(first.id).claim_id == store.mention(other.id).claim_id  # type: ignore[union-attr]


def test_a_run_leaves_the_lock_free_longer_only_while_someone_annotates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck.dedup import run
    from factcheck.store import Journal, SessionInfo

    pauses: list[float] = []
    monkeypatch.setattr(run.time, "sleep", pauses.append)
    monkeypatch.setattr(run, "PAUSE_MIN_S", 0.0)  # tell the two kinds of pause apart
    news = articles(corpus())
    path = tmp_path / "pause.db"
    with Store(path) as store:
        for new in news[: len(news) // 2]:
            store.add_article(new)
        cluster_store(store)
        alone = list(pauses)
        pauses.clear()
        journal = Journal(path, SessionInfo.new("alice"))  # an annotation screen is open
        try:
            for new in news[len(news) // 2 :]:
                store.add_article(new)
            cluster_store(store)
        finally:
            journal.close()
    assert len(alone) > 1 and set(alone) == {0.0}
    assert len(pauses) > 1 and all(p > 0 for p in pauses)


def test_keys_made_by_worker_processes_give_the_same_claims(
    tmp_path: Path,
    reference: tuple[dict[str, str], set[tuple[str, str, str]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from factcheck.dedup import plan, run

    monkeypatch.setattr(plan, "PARALLEL_KEYS", 50)  # the corpus is small: use the workers anyway
    monkeypatch.setattr(run, "CHUNK", 300)  # and a full run hands them texts in parts
    made: list[int] = []
    real = plan.start_keys
    monkeypatch.setattr(plan, "start_keys", lambda texts, pool: made.append(len(texts)) or real(texts, pool))
    with Store(tmp_path / "workers.db") as store:
        for new in articles(corpus()):
            store.add_article(new)
        cluster_store(store)
        assert (claims(store), links(store)) == reference
        cluster_store(store, full=True)
        assert (claims(store), links(store)) == reference
    assert max(made) >= 300 and made.count(300) >= 2


def test_candidates_gathered_by_forked_processes_give_the_same_claims(
    tmp_path: Path,
    reference: tuple[dict[str, str], set[tuple[str, str, str]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Incremental and full runs share the gathering of candidates out to forked processes
    for large windows of nodes; the claims and links are those of one process."""
    import os

    from factcheck.dedup import blocking
    from factcheck.workers import default_workers

    monkeypatch.setattr(blocking, "FORK_FROM", 20)  # the corpus is small: fork anyway
    monkeypatch.setattr(blocking, "WINDOW", 150)  # in several windows
    monkeypatch.setattr(blocking, "GATHER", 25)
    monkeypatch.setattr("factcheck.workers.default_workers", lambda: max(default_workers(), 2))
    gatherers: set[int] = set()
    real = blocking._gather

    def gather(state: blocking.Lookups, bounds: tuple[int, int]) -> list[tuple[int, list[int]]]:
        found = real(state, bounds)
        return [(node, [*others, -os.getpid()]) for node, others in found[:1]] + found[1:]

    def noting(index: object, nodes: object) -> object:
        for node, others in candidates(index, nodes):
            if others and others[-1] < 0:
                gatherers.add(-others.pop())
            yield node, others

    candidates = blocking.candidate_lists
    monkeypatch.setattr(blocking, "_gather", gather)
    monkeypatch.setattr(blocking, "candidate_lists", noting)
    monkeypatch.setattr("factcheck.dedup.plan.candidate_lists", noting)
    with Store(tmp_path / "forked.db") as store:
        news = articles(corpus())
        for new in news[:2]:
            store.add_article(new)
        cluster_store(store)
        for new in news[2:]:
            store.add_article(new)
        cluster_store(store)
        assert (claims(store), links(store)) == reference
        incremental = set(gatherers)
        gatherers.clear()
        cluster_store(store, full=True)
        assert (claims(store), links(store)) == reference
    assert incremental - {os.getpid()}  # forked processes gathered (small windows are gathered here)
    assert gatherers - {os.getpid()}


def test_runs_of_at_most_some_mentions_cluster_the_earliest_and_together_give_the_claims_of_a_full_run(
    tmp_path: Path,
    reference: tuple[dict[str, str], set[tuple[str, str, str]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from factcheck.dedup import run

    monkeypatch.setattr(run, "CHUNK", 100)
    with Store(tmp_path / "most.db") as store:
        for new in articles(corpus()):
            store.add_article(new)
        order = [m.id for m in store.unclustered_mentions(10**6)]
        done: list[int] = []
        while store.has_unclustered():
            report = cluster_store(store, most=150)
            done.append(report.mentions)
            left = [m.id for m in store.unclustered_mentions(10**6)]
            assert left == order[sum(done) :]  # the earliest stored were taken
        assert done == [150] * (len(order) // 150) + [len(order) % 150]
        assert (claims(store), links(store)) == reference
        assert store.dedup_state().pending is False and store.check() == []


def test_mentions_waiting_are_found_the_same_way_whether_few_or_many_wait(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck.store import dedup_index

    with Store(tmp_path / "waiting.db") as store:
        for new in articles(corpus())[:40]:
            store.add_article(new)
        cluster_store(store, most=300)  # some clustered, the rest still waiting

        waiting = store.unclustered_mentions()
        middle = waiting[len(waiting) // 2].rowid

        def found() -> list[list[tuple[int, str]]]:
            return [
                [(m.rowid, m.id) for m in store.unclustered_mentions(limit, after)]
                for limit, after in ((None, None), (25, None), (25, middle), (10**6, 10**9))
            ]

        few = found()
        monkeypatch.setattr(dedup_index, "_FEW_PENDING", 0)  # as when many wait
        many = found()
    assert few == many
    assert len(few[0]) > 50 and len(few[1]) == len(few[2]) == 25 and few[3] == []
    assert all(rowid > middle for rowid, _id in few[2])
    assert [rowid for rowid, _id in few[0]] == sorted(rowid for rowid, _id in few[0])
