"""Ingest over awkward paths: loops, special files, unreadable folders, bad JSONL records."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from factcheck.ingest.clean import Cleaned
from factcheck.ingest.pipeline import ingest
from factcheck.ingest.readers import RawArticle, Skipped, iter_files
from factcheck.store import Store

GOOD = "Amnesty said 426 civilians were killed. The coalition rejected the report.\n"


def _ingest(tmp_path: Path, *paths: Path) -> tuple[list[tuple[str, str]], int]:
    with Store(tmp_path / "p.db") as store:
        report = ingest(store, paths)
        return [(e.path, e.reason) for e in report.errors], report.articles_added


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    return folder


def test_a_symlink_loop_in_a_folder_is_skipped_with_a_reason(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    (folder / "sub").symlink_to(folder)  # a folder that contains itself
    errors, added = _ingest(tmp_path, folder)
    assert added == 1
    assert sorted(errors) == [
        (str(folder / "a.txt"), "symlink loop"),
        (str(folder / "b.txt"), "symlink loop"),
    ]


def test_a_symlink_to_a_device_is_refused_without_reading_it(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "zero.txt").symlink_to("/dev/zero")
    reason = "not a regular file: a character device"
    assert _ingest(tmp_path, folder) == ([(str(folder / "zero.txt"), reason)], 1)
    assert _ingest(tmp_path, folder / "zero.txt") == ([(str(folder / "zero.txt"), reason)], 0)


def test_a_fifo_is_skipped_instead_of_hanging(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    os.mkfifo(folder / "pipe.txt")
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(_ingest(tmp_path, folder)), daemon=True)
    worker.start()
    worker.join(timeout=60)  # not a timing assertion: a hang would block the suite forever
    assert result == [([(str(folder / "pipe.txt"), "not a regular file: a named pipe (FIFO)")], 1)]


def test_an_unreadable_subfolder_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path)
    locked = folder / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(GOOD)
    real_scandir = os.scandir

    def scandir(path: object) -> object:
        if Path(str(path)) == locked:
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)  # type: ignore[arg-type]

    # Root reads any folder whatever its mode, so the refusal the kernel gives a user is played here.
    monkeypatch.setattr(os, "scandir", scandir)
    errors, added = _ingest(tmp_path, folder)
    assert added == 1
    assert errors == [(str(locked), "permission denied")]


@pytest.mark.skipif(shutil.which("setpriv") is None or os.geteuid() != 0, reason="needs root and setpriv")
def test_an_unreadable_subfolder_is_named_for_a_real_user() -> None:
    """The same through the kernel: the CLI run as the unprivileged user nobody."""
    tmp_path = Path(tempfile.mkdtemp(prefix="factcheck-nobody-"))
    try:
        _unreadable_as_nobody(tmp_path)
    finally:
        shutil.rmtree(tmp_path)


def _unreadable_as_nobody(tmp_path: Path) -> None:
    tmp_path.chmod(0o777)
    folder = _folder(tmp_path)
    locked = folder / "locked"
    locked.mkdir(mode=0o700)
    (locked / "hidden.txt").write_text(GOOD)
    folder.chmod(0o755)
    db_dir = tmp_path / "db"
    db_dir.mkdir(mode=0o777)
    db_dir.chmod(0o777)
    command = [sys.executable, "-c", "from factcheck.cli import main; main()", "ingest", str(folder)]
    command += ["--db", str(db_dir / "n.db")]
    run = subprocess.run(
        ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *command],
        capture_output=True,
        text=True,
        env={**os.environ, "HOME": str(db_dir)},
    )
    if "Permission denied" in run.stderr and "python" in run.stderr.lower():
        pytest.skip("the user nobody cannot run this interpreter")
    assert run.returncode == 1, run.stderr
    assert f"skipped {locked}: permission denied" in run.stderr


def test_iter_files_reports_special_files_in_folders(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    os.mkfifo(folder / "pipe.md")
    found = list(iter_files([folder]))
    fifo = Skipped(str(folder / "pipe.md"), "not a regular file: a named pipe (FIFO)")
    assert found == [folder / "good.txt", fifo]


def test_a_jsonl_record_that_cleans_to_nothing_is_skipped_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(
        '{"text": "Officials said 40 people died in the storm."}\n'
        '{"text": "Share\\nTweet\\nEmail"}\n'
        '{"text": "Rescue teams were still searching on Tuesday."}\n'
    )
    errors, added = _ingest(tmp_path, path)
    assert added == 2
    assert errors == [(str(path), "line 2: no article text found; the record was skipped")]


def _store_rows(path: Path) -> tuple[list[tuple], list[tuple]]:
    with Store(path) as store:
        articles = store.db.execute("select id, path, text, title from articles order by rowid").fetchall()
        mentions = store.db.execute(
            "select id, article_id, idx, start, end, text, claim_id from mentions order by rowid"
        ).fetchall()
    return articles, mentions


def _large_folder(tmp_path: Path) -> Path:
    from factcheck.ingest import pipeline

    folder = tmp_path / "in"
    folder.mkdir()
    for f in range(2):  # two files: the second is prepared while the first is stored
        lines = []
        for n in range(pipeline.PARALLEL_ARTICLES + 7):
            text = (
                f"Officials in district {n % 37} said {n + f} people were evacuated on Monday. "
                f"The storm also closed {n % 11} schools, the ministry said."
            )
            lines.append(json.dumps({"text": text if n != 5 else "Share\nTweet\nEmail", "id": f"{f}-{n}"}))
        (folder / f"{f}.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "bad.jsonl").write_text('{"text": "broken\n')
    return folder


def test_a_large_file_cleaned_by_worker_processes_gives_what_one_process_gives(tmp_path: Path) -> None:
    from factcheck.dedup import cluster_store
    from factcheck.ingest import pipeline

    folder = _large_folder(tmp_path)
    results = []
    for workers in (1, 2):
        path = tmp_path / f"w{workers}.db"
        with Store(path) as store:
            report = pipeline.ingest(store, [folder], workers=workers)
            cluster_store(store)
        errors = [(e.path, e.reason) for e in report.errors]
        results.append((errors, report.articles_added, _store_rows(path)))
    assert results[0] == results[1]
    errors, added, (_articles, mentions) = results[0]
    assert added == 2 * (pipeline.PARALLEL_ARTICLES + 6) and len(mentions) == 2 * added
    assert [(Path(p).name, reason.split(":")[0]) for p, reason in errors] == [
        ("0.jsonl", "line 6"),
        ("1.jsonl", "line 6"),
        ("bad.jsonl", "line 1"),
    ]


def test_when_the_workers_die_this_process_prepares_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    from factcheck.ingest import pipeline
    from factcheck.workers import Workers

    class Dying:
        def submit(self, *_args: object) -> Future:
            future: Future = Future()
            future.set_exception(BrokenProcessPool("a worker was killed"))
            return future

        def shutdown(self, **_kwargs: object) -> None:
            pass

    monkeypatch.setattr(Workers, "_ready", lambda self: Dying() if self.count > 1 else None)
    folder = _large_folder(tmp_path)
    with Store(tmp_path / "dying.db") as store:
        dying = pipeline.ingest(store, [folder], workers=2)
    with Store(tmp_path / "one.db") as store:
        one = pipeline.ingest(store, [folder], workers=1)
    assert (dying.articles_added, len(dying.errors)) == (one.articles_added, len(one.errors)) == (412, 3)
    assert _store_rows(tmp_path / "dying.db") == _store_rows(tmp_path / "one.db")


def _with_workers(values: list[int]) -> list[int]:
    from factcheck.workers import workers

    with workers(2) as pool:
        return pool.start(abs, values, 2)()


def test_work_for_the_workers_is_done_in_process_inside_a_pool_worker() -> None:
    """A ``multiprocessing.Pool`` worker is daemonic and may not start processes of its own:
    a script that ingests or clusters from one gets the work done there instead."""
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(1) as outer:
        assert outer.apply(_with_workers, ([-3, 1, -2, 5, -8],)) == [3, 1, 2, 5, 8]


def _double_unless_doomed(parent: int, item: int) -> int:
    import os

    if item == 3 and os.getpid() != parent:
        os._exit(1)  # a child killed while working
    return item * 2


def test_forked_work_comes_back_in_order_and_is_redone_here_when_a_child_dies() -> None:
    import os

    from factcheck.workers import forked

    assert list(forked(_double_unless_doomed, os.getpid(), [0, 1, 2, 4, 5], count=2)) == [0, 2, 4, 8, 10]
    assert list(forked(_double_unless_doomed, os.getpid(), list(range(8)), count=2)) == [
        2 * i for i in range(8)
    ]
    assert list(forked(_double_unless_doomed, os.getpid(), list(range(8)), count=1)) == [
        2 * i for i in range(8)
    ]


PARENT = """
import multiprocessing, sys, time
from factcheck.workers import forked, workers

def nap(state, seconds):
    time.sleep(seconds)
    return seconds

if __name__ == "__main__":
    with workers(2) as pool:
        assert pool.start(abs, [-1, -2, -3, -4], 1)() == [1, 2, 3, 4]  # spawned workers, now idle
        naps = forked(nap, None, [120, 120], count=2)  # forked children, busy
        print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
        time.sleep(120)
"""


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state in ("Z", "X")  # ended (a zombie nobody has reaped yet)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_worker_processes_end_when_the_process_that_started_them_is_killed(tmp_path: Path) -> None:
    """Idle spawned workers and busy forked children alike: a SIGKILLed ingest or clustering
    run leaves no process behind."""
    import signal
    import time

    script = tmp_path / "parent.py"
    script.write_text(PARENT)
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    children = [int(p) for p in parent.stdout.readline().split()]
    assert len(children) >= 4 and not any(_gone(p) for p in children)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 30  # they look every second
    while not all(_gone(p) for p in children) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [p for p in children if not _gone(p)] == []


def _niceness(_item: int) -> int:
    import os

    return os.nice(0)


@pytest.mark.skipif(not hasattr(os, "nice"), reason="process priorities are a Unix thing")
def test_worker_processes_run_at_a_lower_priority_than_the_process_that_started_them() -> None:
    """The process that stores and clusters keeps its core when the workers want both."""
    from factcheck.workers import NICENESS, workers

    with workers(2) as pool:
        found = pool.start(_niceness, [0, 1, 2, 3], 1)()
    assert found == [min(19, os.nice(0) + NICENESS)] * 4


def test_a_file_ingested_again_after_its_cleaning_changed_is_already_present(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck.ingest import pipeline

    folder = _folder(tmp_path)
    other = folder / "other.txt"
    other.write_text("The mayor opened the new bridge over the river on Monday.\n")
    with Store(tmp_path / "p.db") as store:
        assert ingest(store, [folder]).articles_added == 2
    cleaned_before = pipeline.clean

    def cleaned_otherwise(raw: RawArticle) -> Cleaned:  # as a later factcheck might clean it
        found = cleaned_before(raw)
        return dataclasses.replace(found, text=found.text.replace("426", "four hundred and twenty-six"))

    monkeypatch.setattr(pipeline, "clean", cleaned_otherwise)
    other.write_text("The mayor opened the new bridge over the river on Tuesday.\n")
    with Store(tmp_path / "p.db") as store:
        report = ingest(store, [folder])
        # good.txt cleans to another text now, but it is the same file content from the same
        # path; other.txt was edited, so it is a new article
        assert (report.articles_added, report.articles_existing) == (1, 1)
        texts = sorted(a.text for a in store.articles())
    assert len(texts) == 3
    assert not any("four hundred" in t for t in texts)
