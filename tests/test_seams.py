"""The command line at the seams: import round-trips the export, output goes where pointed,
names are clean, and every failure is one line, exit status 1 and an unchanged database."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import stat
import subprocess
import sys
import threading
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from factcheck.cli import cli
from factcheck.store import NewArticle, Store

TEXT = "Amnesty said 426 civilians died. The coalition denied it."
OTHER = "Amnesty said 426 civilians died. Officials were not available."


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env)


def dump(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


def one_error(result: Result, *parts: str) -> None:
    """Exit status 1 and exactly one line on stderr, ``Error: ...`` holding every part."""
    assert result.exit_code == 1, (result.exit_code, result.output)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), lines
    for part in parts:
        assert part in lines[0], (part, lines[0])


def build(path: Path) -> Store:
    """Two articles whose first sentences form one claim."""
    store = Store(path)
    store.add_article(NewArticle("a.txt", TEXT, TEXT, [(0, 32), (33, 57)], [None, None], title="A"))
    store.add_article(NewArticle("b.txt", OTHER, OTHER, [(0, 32), (33, 63)], [None, None], title="B"))
    first, repeat = next(store.iter_mentions()), store.mentions(store.articles()[1].id)[0]
    with store.transaction():
        store.db.execute("update mentions set claim_id = ? where id = ?", [first.claim_id, repeat.id])
        store.db.execute("delete from claims where id = ?", [repeat.claim_id])
    return store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    store = build(tmp_path / "main.db")
    mid = next(store.iter_mentions()).id
    store.set_label("alice", mid, "stance", "agree")
    store.set_label("alice", mid, "verification", "refuted")
    store.set_gold("mention", mid, "stance", "agree", "carol")
    store.set_gold("claim", next(store.iter_mentions()).claim_id or "", "verification", "refuted", "carol")
    store.close()
    return tmp_path / "main.db"


def mention_ids(path: Path) -> list[str]:
    with Store(path) as store:
        return [m.id for m in store.iter_mentions()]


# -- import round-trips the export ------------------------------------------------------------


def test_import_of_an_export_with_gold_keeps_the_gold_and_who_gave_it(db: Path, tmp_path: Path) -> None:
    exported = run("export", "--db", str(db), "-o", str(tmp_path / "out.jsonl"))
    assert exported.exit_code == 0
    fresh = tmp_path / "fresh.db"
    build(fresh).close()
    result = run("import", str(tmp_path / "out.jsonl"), "--db", str(fresh))
    assert result.exit_code == 0, result.output
    assert "2 new" in result.stderr and "gold" in result.stderr
    stats = json.loads(run("stats", "--db", str(fresh), "--format", "json").stdout)
    assert stats["gold"] == 2
    with Store(fresh) as store:
        labels = store.gold_labels(next(store.iter_mentions()).id)
        assert [(g.field, g.value, g.adjudicator) for g in labels] == [("stance", "agree", "carol")]
    again = run("export", "--db", str(fresh))
    assert again.stdout == (tmp_path / "out.jsonl").read_text(encoding="utf-8")


def test_an_imported_claim_scoped_label_reaches_the_whole_claim(db: Path, tmp_path: Path) -> None:
    first, _second, repeat, _last = mention_ids(db)
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps({"mention_id": first, "annotations": [{"annotator": "bob", "verification": "supported"}]})
        + "\n"
    )
    assert run("import", str(path), "--db", str(db)).exit_code == 0
    with Store(db) as store:
        labels = store.all_labels([first, repeat])
    assert labels[first]["bob"] == labels[repeat]["bob"] == {"verification": "supported"}


def test_conflicting_claim_values_in_one_file_keep_the_newest_and_are_counted(
    db: Path, tmp_path: Path
) -> None:
    first, _second, repeat, _last = mention_ids(db)
    lines = [
        {
            "mention_id": first,
            "annotations": [{"annotator": "bob", "verification": "supported"}],
            "labelled_at": {"bob": {"verification": "2025-03-01T00:00:00.000+00:00"}},
        },
        {
            "mention_id": repeat,
            "annotations": [{"annotator": "bob", "verification": "conflicting"}],
            "labelled_at": {"bob": {"verification": "2025-02-01T00:00:00.000+00:00"}},
        },
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    result = run("import", str(path), "--db", str(db))
    assert result.exit_code == 0 and "1 conflict(s)" in result.stderr
    with Store(db) as store:
        labels = store.all_labels([first, repeat])
    assert labels[first]["bob"] == labels[repeat]["bob"] == {"verification": "supported"}


def test_agreement_takes_an_annotators_newest_claim_value(tmp_path: Path) -> None:
    store = build(tmp_path / "c.db")
    first, _s, repeat, _l = [m.id for m in store.iter_mentions()]
    with store.transaction():  # alice's values on the claim's two mentions differ, as a merge can leave them
        rows = [
            (first, "alice", "verification", "supported", "2025-01-01T00:00:00.000+00:00"),
            (repeat, "alice", "verification", "refuted", "2025-02-01T00:00:00.000+00:00"),
            (first, "bob", "verification", "refuted", "2025-01-01T00:00:00.000+00:00"),
            (repeat, "bob", "verification", "refuted", "2025-01-01T00:00:00.000+00:00"),
        ]
        store.db.conn.executemany("insert into annotations values (?, ?, ?, ?, ?)", rows)
    store.close()
    report = json.loads(run("agreement", "--db", str(tmp_path / "c.db"), "--format", "json").stdout)
    assert report["fields"]["verification"]["percent_agreement"] == 1.0


def test_import_strips_padded_names_and_refuses_blank_ones(db: Path, tmp_path: Path) -> None:
    mid = mention_ids(db)[1]
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps({"mention_id": mid, "annotations": [{"annotator": "  bob ", "stance": "agree"}]}) + "\n"
    )
    assert run("import", str(path), "--db", str(db)).exit_code == 0
    with Store(db) as store:
        assert store.all_labels([mid])[mid] == {"bob": {"stance": "agree"}}
    path.write_text(
        json.dumps({"mention_id": mid, "annotations": [{"annotator": " \t", "stance": "agree"}]}) + "\n"
    )
    before = dump(db)
    one_error(run("import", str(path), "--db", str(db)), "in.jsonl:1", "blank", "nothing was imported")
    assert dump(db) == before


HOSTILE_LINES = {
    "deeply nested JSON": '{"mention_id": "MID", "annotations": [], "x": '
    + "[" * 50_000
    + "]" * 50_000
    + "}",
    "deeply nested annotations": '{"mention_id": "MID", "annotations": ' + "[" * 50_000 + "]" * 50_000 + "}",
    "an integer of 5,000 digits": '{"mention_id": "MID", "annotations": [{"annotator": "bob", "stance": 1'
    + "0" * 5000
    + "}]}",
    "a lone surrogate in the id": '{"mention_id": "\\ud800", "annotations": []}',
    "a lone surrogate in the annotator": '{"mention_id": "MID", "annotations": '
    '[{"annotator": "\\udc00", "stance": "agree"}]}',
    "a lone surrogate in a value": '{"mention_id": "MID", "annotations": '
    '[{"annotator": "bob", "note": "a\\ud800"}]}',
    "a surrogate as raw bytes": None,
    "an empty value": '{"mention_id": "MID", "annotations": [{"annotator": "bob", "note": ""}]}',
    "a value of the wrong type": '{"mention_id": "MID", "annotations": '
    '[{"annotator": "bob", "stance": true}]}',
    "gold of an unknown field": '{"mention_id": "MID", "annotations": [], "gold": {"mood": "x"}}',
    "gold with a bad value": '{"mention_id": "MID", "annotations": [], "gold": {"stance": "sideways"}}',
    "a time in the future": '{"mention_id": "MID", "annotations": [{"annotator": "bob", "stance": "agree"}], '
    '"labelled_at": {"bob": {"stance": "2999-01-01T00:00:00+00:00"}}}',
    "a time without a zone": '{"mention_id": "MID", '
    '"annotations": [{"annotator": "bob", "stance": "agree"}], '
    '"labelled_at": {"bob": {"stance": "2020-01-01T00:00:00"}}}',
    "an empty time": '{"mention_id": "MID", "annotations": [{"annotator": "bob", "stance": "agree"}], '
    '"labelled_at": {"bob": {"stance": ""}}}',
    "a blank adjudicator": '{"mention_id": "MID", "annotations": [], "gold": {"stance": "agree"}, '
    '"gold_adjudication": {"stance": {"adjudicator": "  "}}}',
    "an unknown mention": '{"mention_id": "nowhere", "annotations": []}',
    "not an object": "[1, 2, 3]",
    "broken JSON": '{"mention_id": ',
}


@pytest.mark.parametrize("case", sorted(HOSTILE_LINES))
def test_a_hostile_import_line_is_one_error_and_writes_nothing(db: Path, tmp_path: Path, case: str) -> None:
    mid = mention_ids(db)[1]
    good = json.dumps({"mention_id": mid, "annotations": [{"annotator": "bob", "stance": "agree"}]})
    line = HOSTILE_LINES[case]
    raw = (
        b'{"mention_id": "\xed\xa0\x80", "annotations": []}'
        if line is None
        else line.replace("MID", mid).encode()
    )
    path = tmp_path / "in.jsonl"
    path.write_bytes(good.encode() + b"\n" + raw + b"\n")
    before = dump(db)
    one_error(run("import", str(path), "--db", str(db)), "in.jsonl:2", "nothing was imported")
    assert dump(db) == before
    assert not [p for p in tmp_path.iterdir() if ".bulk-" in p.name]


def test_import_of_an_endless_line_is_refused(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("factcheck.importer.MAX_LINE_BYTES", 1000)
    before = dump(db)
    one_error(run("import", "/dev/zero", "--db", str(db)), "/dev/zero:1", "line too long")
    assert dump(db) == before


# -- export writes where the user points ------------------------------------------------------


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_export_never_overwrites_the_database(db: Path, suffix: str) -> None:
    with Store(db) as store:
        store.set_label("bob", mention_ids(db)[1], "stance", "agree")  # leaves a -wal behind while open
        before = dump(db)
        one_error(run("export", "--db", str(db), "-o", str(db) + suffix), "database")
    assert dump(db) == before


def test_export_never_overwrites_another_database(db: Path, tmp_path: Path) -> None:
    other = tmp_path / "precious.sqlite"
    sqlite3.connect(other).execute("create table t (x)").connection.close()
    one_error(run("export", "--db", str(db), "-o", str(other)), "SQLite database")
    assert sqlite3.connect(other).execute("select name from sqlite_master").fetchall() == [("t",)]


def test_export_dash_is_stdout(db: Path, tmp_path: Path) -> None:
    os.chdir(tmp_path)
    result = run("export", "--db", str(db), "-o", "-")
    assert result.exit_code == 0 and result.stdout.count("\n") == 4
    assert not (tmp_path / "-").exists()


def test_export_follows_a_symlink_and_keeps_it(db: Path, tmp_path: Path) -> None:
    (tmp_path / "real.jsonl").write_text("old\n")
    (tmp_path / "link.jsonl").symlink_to(tmp_path / "real.jsonl")
    assert run("export", "--db", str(db), "-o", str(tmp_path / "link.jsonl")).exit_code == 0
    assert (tmp_path / "link.jsonl").is_symlink()
    assert (tmp_path / "real.jsonl").read_text().count("\n") == 4


def test_export_writes_into_a_fifo(db: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    assert run("export", "--db", str(db), "-o", str(fifo)).exit_code == 0
    reader.join(10)
    assert got and got[0].count(b"\n") == 4
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_export_writes_into_a_device_and_leaves_it_a_device(db: Path) -> None:
    assert run("export", "--db", str(db), "-o", "/dev/null").exit_code == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_export_leaves_the_users_own_files_and_keeps_permissions(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("old\n")
    out.chmod(0o640)
    (tmp_path / "out.jsonl.part").write_text("mine\n")
    assert run("export", "--db", str(db), "-o", str(out)).exit_code == 0
    assert (tmp_path / "out.jsonl.part").read_text() == "mine\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_export_onto_a_full_disk_is_one_line(db: Path) -> None:
    one_error(run("export", "--db", str(db), "-o", "/dev/full"), "/dev/full", "No space left")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_export_to_stdout_on_a_full_disk_is_one_line(db: Path) -> None:
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "factcheck", "export", "--db", str(db)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == ["Error: cannot write to standard output: No space left on device"]


LIMITED = (
    "import resource, signal, sys, runpy\n"
    "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
    "resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), int(sys.argv[1])))\n"
    "sys.argv = ['factcheck', *sys.argv[2:]]\n"
    "runpy.run_module('factcheck', run_name='__main__')\n"
)
"""Run factcheck where no file may grow past a size: a full disk, as far as the process can tell."""


def limited(limit: int, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", LIMITED, str(limit), *args], capture_output=True, text=True)


def test_export_that_fills_the_disk_keeps_the_previous_output(db: Path, tmp_path: Path) -> None:
    with Store(db) as store:
        store.set_label("bob", mention_ids(db)[1], "note", "A long note. " * 5000)  # a 65 kB export
    out = tmp_path / "out.jsonl"
    out.write_text("previous export\n")
    proc = limited(
        40_000, "export", "--db", str(db), "-o", str(out)
    )  # room for the WAL index, not the export
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.splitlines() == [f"Error: {out}: File too large"]
    assert out.read_text() == "previous export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("command", [["stats"], ["export"], ["agreement", "--format", "json"]])
def test_read_only_commands_work_when_the_index_file_cannot_be_made(db: Path, command: list[str]) -> None:
    before = dump(db)
    assert not Path(str(db) + "-shm").exists()
    proc = limited(16_000, *command, "--db", str(db))  # the WAL index needs 32 kB
    assert proc.returncode == 0, proc.stderr
    assert "read-only" in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stdout
    assert dump(db) == before


def test_read_only_export_sees_changes_still_in_the_wal(db: Path, tmp_path: Path) -> None:
    store = Store(db)
    store.db.execute("pragma wal_autocheckpoint = 0")
    store.set_label("zed", mention_ids(db)[1], "stance", "discuss")
    # Copy the files as they are while the database is open: the label lives in the -wal only.
    copy = tmp_path / "copy.db"
    for suffix in ("", "-wal"):
        Path(str(copy) + suffix).write_bytes(Path(str(db) + suffix).read_bytes())
    store.close()
    proc = limited(16_000, "export", "--db", str(copy))
    assert proc.returncode == 0, proc.stderr
    assert '"annotator": "zed"' in proc.stdout


# -- CSV and terminals ------------------------------------------------------------------------


def test_csv_cells_a_spreadsheet_would_run_are_neutralised(db: Path) -> None:
    mid = mention_ids(db)[1]
    with Store(db) as store:
        store.set_label("=cmd|' /C calc'!A0", mid, "note", '=HYPERLINK("http://x", "click")')
        store.set_label("bob", mid, "source", "+1 555")
        store.set_label("carl", mid, "source", "-2")
        store.set_label("dora", mid, "source", "@SUM(A1)")
        store.set_label("ed", mid, "source", "\tx")
    rows = list(csv.reader(io.StringIO(run("export", "--db", str(db), "--format", "csv").stdout)))
    cells = [c for row in rows[1:] for c in row]
    assert "'=cmd|' /C calc'!A0" in cells and '\'=HYPERLINK("http://x", "click")' in cells
    assert {"'+1 555", "'-2", "'@SUM(A1)", "'\tx"} <= set(cells)
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    raw = list(csv.reader(io.StringIO(run("export", "--db", str(db), "--format", "csv", "--csv-raw").stdout)))
    assert '=HYPERLINK("http://x", "click")' in [c for row in raw for c in row]


def test_control_characters_reach_the_terminal_escaped(db: Path, tmp_path: Path) -> None:
    mid = mention_ids(db)[1]
    evil = "eve\x1b]0;pwned\x07\x1b[2J\x9b"
    with Store(db) as store:
        store.set_label(evil, mid, "stance", "agree")
        store.set_label("bob", mid, "stance", "discuss")
    commands = (
        ["stats"],
        ["agreement"],
        ["agreement", "--by", "article"],
        ["agreement", "--by", "annotator"],
        ["stats", "--format", "json"],
        ["agreement", "--by", "annotator", "--format", "json"],
    )
    for args in commands:
        result = run(*args, "--db", str(db))
        assert result.exit_code == 0, (args, result.output)
        assert "\x1b" not in result.output and "\x07" not in result.output and "\x9b" not in result.output, (
            args
        )
        assert "eve" in result.output or "article" in args, args  # the name is shown, escaped
    assert "eve\\x1b]0;pwned" in run("stats", "--db", str(db)).output
    bad = tmp_path / "bad\x1b[2J.txt"
    bad.write_bytes(b"")
    result = run("ingest", str(bad), "--db", str(db))
    assert result.exit_code == 1 and "\x1b" not in result.stderr and "bad\\x1b[2J.txt" in result.stderr
    one_error(run("import", str(tmp_path / "no\x1b[2J.jsonl"), "--db", str(db)), "no\\x1b[2J.jsonl")


# -- names, terminals, paths ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["", "   ", "\t"])
def test_a_blank_annotator_is_refused(db: Path, name: str) -> None:
    one_error(run("annotate", "--annotator", name, "--db", str(db)), "--annotator is blank")
    one_error(run("review", "--annotator", name, "--db", str(db)), "--annotator is blank")
    one_error(
        run("annotate", "--db", str(db), env={"FACTCHECK_ANNOTATOR": " "}), "$FACTCHECK_ANNOTATOR is blank"
    )


def test_a_padded_annotator_is_stripped(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    monkeypatch.setattr("factcheck.cli.labelling.require_terminal", lambda _command: None)
    monkeypatch.setattr("factcheck.tui.run_annotate", lambda _db, name, **_options: seen.append(name))
    assert run("annotate", "--annotator", " bob ", "--db", str(db)).exit_code == 0
    assert run("annotate", "--db", str(db), env={"FACTCHECK_ANNOTATOR": "carol\t"}).exit_code == 0
    assert seen == ["bob", "carol"]


@pytest.mark.parametrize("command", ["annotate", "review"])
def test_screens_refuse_at_once_without_a_terminal(db: Path, command: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "factcheck", command, "--db", str(db), "--annotator", "bob"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        f"Error: {command} needs a terminal (its keys come from standard input and it draws on "
        "standard error, and one of them is not a terminal); run it in a terminal window, or over ssh -t"
    ]


def test_annotate_a_missing_path_stops_before_the_screen(db: Path, tmp_path: Path) -> None:
    before = dump(db)
    one_error(
        run("annotate", str(tmp_path / "typo"), "--db", str(db), "--annotator", "bob"), "typo: no such file"
    )
    assert dump(db) == before


def test_ingest_of_only_missing_paths_creates_no_database(tmp_path: Path) -> None:
    one_error(run("ingest", str(tmp_path / "typo"), "--db", str(tmp_path / "new.db")), "typo: no such file")
    assert not (tmp_path / "new.db").exists()


def test_export_to_dev_stdout_writes_into_standard_output(db: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "factcheck", "export", "--db", str(db), "-o", "/dev/stdout"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0 and proc.stdout.count("\n") == 4
    assert os.path.islink("/dev/stdout") or stat.S_ISCHR(os.stat("/dev/stdout").st_mode)


def test_export_to_a_folder_is_one_line(db: Path, tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    one_error(run("export", "--db", str(db), "-o", str(tmp_path / "folder")), "folder", "directory")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
