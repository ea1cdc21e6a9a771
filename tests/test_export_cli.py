"""``factcheck export`` of the field's formats from the command line, and the user errors it meets."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from test_export_formats import build

from factcheck.cli import cli
from factcheck.store import Store


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "e.db"
    store = build(path)[0]
    store.db.execute("pragma wal_checkpoint(truncate)")
    store.close()
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_refused(result: Result, db: Path, before: str, message: str) -> None:
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and message in lines[0], result.stderr
    assert result.stdout == ""
    assert digest(db) == before


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([], "claimreview needs --review-url TEMPLATE"),
        (["--review-url", "https://x.example/all"], "put {claim_id} where the claim id goes"),
        (["--review-url", "https://x.example/{claimid}"], "put {claim_id}"),
        (["--review-url", "https://x.example/{claim_id}/{n}"], "the only placeholder is {claim_id}"),
        (["--review-url", "x.example/{claim_id}"], "not an absolute http(s) address"),
    ],
)
def test_claimreview_without_a_usable_url_is_refused(
    db: Path, tmp_path: Path, extra: list[str], message: str
) -> None:
    before = digest(db)
    out = tmp_path / "reviews.json"
    result = run("export", "--db", str(db), "--format", "claimreview", "-o", str(out), *extra)
    assert_refused(result, db, before, message)
    assert not out.exists() and not Path(str(out) + ".part").exists()


def test_claimreview_with_a_url_template_or_allowed_without(db: Path) -> None:
    result = run(
        "export", "--db", str(db), "--format", "claimreview", "--review-url", "https://x.example/{claim_id}"
    )
    assert result.exit_code == 0
    items = json.loads(result.stdout)["@graph"]
    assert all(i["url"] == "https://x.example/" + i["identifier"] for i in items)
    result = run("export", "--db", str(db), "--format", "claimreview", "--allow-missing-url")
    assert result.exit_code == 0 and all("url" not in i for i in json.loads(result.stdout)["@graph"])


def test_dataset_container_follows_the_output_name(db: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    for name in ("d.jsonl", "d.csv", "d.parquet"):
        result = run("export", "--db", str(db), "--format", "dataset", "-o", str(tmp_path / name))
        assert result.exit_code == 0 and "wrote 6 record(s)" in result.stderr
    assert json.loads((tmp_path / "d.jsonl").read_text().splitlines()[0])["mention_id"]
    assert (tmp_path / "d.csv").read_text().startswith("mention_id,claim_id,")
    assert pq.read_table(tmp_path / "d.parquet").num_rows == 6
    stdout = run("export", "--db", str(db), "--format", "dataset").stdout
    assert len(stdout.splitlines()) == 6


def test_parquet_without_pyarrow_is_one_line_naming_the_extra(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    before = digest(db)
    out = tmp_path / "d.parquet"
    result = run("export", "--db", str(db), "--format", "dataset", "-o", str(out))
    assert_refused(result, db, before, "pip install 'factcheck[parquet]'")
    assert not out.exists()


def test_checkthat_pair_from_the_command_line(db: Path) -> None:
    labelled = run("export", "--db", str(db), "--format", "checkthat").stdout
    run_file = run("export", "--db", str(db), "--format", "checkthat-run").stdout
    ids = [line.split("\t")[0] for line in labelled.splitlines()[1:]]
    assert ids == [line.split("\t")[0] for line in run_file.splitlines()[1:]]
    with Store(db) as store:
        assert all(any(m.id.startswith(f"{int(i):015x}") for m in store.iter_mentions()) for i in ids)


def test_help_explains_the_formats() -> None:
    text = run("export", "--help").stdout
    assert "--review-url" in text and "factcheck[parquet]" in text
    assert "accuracy is meaningful" in text and "FEVER score" in text
