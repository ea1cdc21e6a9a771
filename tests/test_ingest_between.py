"""An ingest clusters the sentences it has stored a part at a time, between files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from dedup_helpers import corpus

from factcheck.cli import cli
from factcheck.ingest import Between, ingest
from factcheck.store import Store


def _files(folder: Path, texts: list[str], per_file: int = 8) -> list[Path]:
    folder.mkdir()
    paths = []
    for n, start in enumerate(range(0, len(texts), per_file)):
        path = folder / f"{n:03d}.txt"
        path.write_text(f"Story {n}\n\n" + "\n\n".join(texts[start : start + per_file]) + "\n")
        paths.append(path)
    return paths


@pytest.mark.parametrize(("workers", "ahead"), [(1, 1), (2, 1), (2, 3)])
def test_the_work_between_files_is_done_each_time_enough_sentences_are_stored_until_all_are_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int, ahead: int
) -> None:
    """With ``ahead`` files being prepared beyond the one stored, the last ``ahead`` files are
    stored once every file is started, and the work waits for the caller after them."""
    from factcheck.ingest import pipeline

    monkeypatch.setattr(pipeline, "PARALLEL_ARTICLES", 1)  # every file to the workers
    monkeypatch.setattr(pipeline, "AHEAD_ARTICLES", ahead)  # a file is one article
    paths = _files(tmp_path / "in", corpus()[:80])
    seen: list[int] = []
    with Store(tmp_path / "a.db") as store:
        count = Between(12, lambda: seen.append(store.count("mentions")))
        report = ingest(store, paths, workers=workers, between=count)
        rows = store.db.execute(
            "select count(*) from mentions join articles on articles.id = article_id"
            " group by seq order by seq"
        )
        per_file = [n for (n,) in rows]
    expected, stored, since = [], 0, 0
    for n in per_file[:-ahead]:  # the files stored while others were still to be started
        stored, since = stored + n, since + n
        if since >= 12:
            expected.append(stored)
            since = 0
    assert len(per_file) == len(paths) and len(expected) > 1
    assert seen == expected
    assert report.mentions_added == sum(per_file)


def test_an_ingest_clusters_in_parts_between_files_and_gives_the_claims_of_a_full_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import factcheck.dedup
    from factcheck.dedup import run

    monkeypatch.setattr(factcheck.dedup, "CHUNK", 60)
    monkeypatch.setattr(run, "CHUNK", 60)
    runs: list[Any] = []
    real = run.cluster_store

    def counted(*args: Any, **kwargs: Any) -> Any:
        runs.append(kwargs.get("most"))
        return real(*args, **kwargs)

    monkeypatch.setattr(factcheck.dedup, "cluster_store", counted)
    _files(tmp_path / "in", corpus())
    db = tmp_path / "parts.db"
    result = CliRunner().invoke(
        cli, ["ingest", str(tmp_path / "in"), "--db", str(db)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        mentions = store.count("mentions")
        assert len(runs) > 3 and runs[:-1] == [60] * (len(runs) - 1) and runs[-1] is None
        assert not store.has_unclustered() and store.check() == []
        told = [line for line in result.output.splitlines() if line.startswith("clustered")]
        assert len(told) == 1 and told[0].startswith(f"clustered {mentions} sentence(s) into claims")
        parted = {m.id: m.claim_id for m in store.iter_mentions()}
        real(store, full=True)
        assert {m.id: m.claim_id for m in store.iter_mentions()} == parted
