"""The training dataset: one row per sentence, a stable column set, and files that load together."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from test_export_formats import SENTENCES_A, SENTENCES_B, TEXT_B, build, new_article, run

from factcheck.export import ExportError, arrow_schema, export_parquet
from factcheck.export.dataset import columns
from factcheck.schema import DEFAULT_SCHEMA
from factcheck.store import Store

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
pads = pytest.importorskip("pyarrow.dataset")
pajson = pytest.importorskip("pyarrow.json")
pandas = pytest.importorskip("pandas")


@pytest.fixture
def built(tmp_path: Path) -> tuple[Store, list[str], str]:
    return build(tmp_path / "d.db")


def other_database(path: Path) -> Store:
    """A database of other articles, other annotators, and no value for most fields."""
    store = Store(path)
    store.add_article(
        new_article(TEXT_B.replace("105", "7"), [s.replace("105", "7") for s in SENTENCES_B], path="c.txt")
    )
    first = next(store.iter_mentions()).id
    store.set_label("zoe", first, "stance", "discuss")
    return store


def dataset(store: Store) -> list[dict]:
    return [json.loads(line) for line in run(store, "dataset")[0].splitlines()]


def test_one_row_per_sentence_with_every_column_present(built: tuple[Store, list[str], str]) -> None:
    store, ids, _ = built
    rows = dataset(store)
    assert [r["mention_id"] for r in rows] == ids
    names = [c.name for c in columns(store.schema)]
    assert all(list(r) == names for r in rows)
    unlabelled = rows[5]
    assert unlabelled["annotations"] == [] and unlabelled["stance"] is None
    assert unlabelled["stance_basis"] == "none" and unlabelled["stance_annotators"] == 0


def test_context_and_article_columns(built: tuple[Store, list[str], str]) -> None:
    rows = dataset(built[0])
    assert rows[0]["previous_text"] is None and rows[0]["next_text"] == SENTENCES_A[1]
    assert rows[2]["next_text"] is None  # the last sentence of its article
    assert rows[3]["previous_text"] is None and rows[3]["text"] == SENTENCES_B[0]
    assert rows[0]["article_url"] == "https://a.example/1" and rows[0]["article_outlet"] == "Outlet A"
    assert rows[3]["article_published"] == "2024-03-01" and rows[3]["article_url"] is None
    assert rows[0]["sentence_id"] == int(rows[0]["mention_id"][:15], 16)


def test_each_annotator_has_a_record_with_every_field(built: tuple[Store, list[str], str]) -> None:
    first = dataset(built[0])[0]
    assert [a["annotator"] for a in first["annotations"]] == ["alice", "bob"]
    assert list(first["annotations"][0]) == ["annotator", *DEFAULT_SCHEMA.names]
    assert first["annotations"][0]["source"] == "Amnesty" and first["annotations"][1]["source"] == "amnesty "
    assert first["annotations"][1]["note"] is None


def test_final_labels_with_their_basis_and_agreement(built: tuple[Store, list[str], str]) -> None:
    rows = dataset(built[0])
    first, second, third = rows[0], rows[1], rows[2]
    assert (first["checkworthy"], first["checkworthy_basis"], first["checkworthy_agreement"]) == (
        "check-worthy",
        "majority",
        1.0,
    )
    # Text compared as agreement counts it: "Amnesty" and "amnesty " agree.
    assert (first["source"], first["source_agreement"]) == ("Amnesty", 1.0)
    # Gold wins over the annotators, who disagree (unimportant / not-factual).
    assert (second["checkworthy"], second["checkworthy_basis"]) == ("check-worthy", "gold")
    assert second["checkworthy_agreement"] == 0.5 and second["checkworthy_annotators"] == 2
    assert (first["verification"], first["verification_basis"]) == ("not-enough-evidence", "gold")
    assert third["verification_basis"] == "majority" and third["verification"] == "conflicting"
    tie = next(r for r in rows if r["mention_id"] == rows[4]["mention_id"])
    assert (tie["verification"], tie["verification_basis"]) == (None, "tie")


def test_gold_only_keeps_the_sentences_with_gold(built: tuple[Store, list[str], str]) -> None:
    store, ids, _ = built
    text, summary = run(store, "dataset", gold_only=True)
    kept = [json.loads(line)["mention_id"] for line in text.splitlines()]
    assert kept == [ids[0], ids[1], ids[3]]
    assert summary.left_out == {"sentence(s) without gold": 3}


def test_csv_has_the_same_columns_and_nulls_as_empty_cells(built: tuple[Store, list[str], str]) -> None:
    store = built[0]
    text, summary = run(store, "dataset-csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == [c.name for c in columns(store.schema)]
    assert len(rows) == summary.records == 6
    assert json.loads(rows[0]["annotations"])[0]["annotator"] == "alice"
    assert rows[5]["stance"] == "" and rows[1]["text"] == SENTENCES_A[1]


def test_two_parquet_exports_load_together(built: tuple[Store, list[str], str], tmp_path: Path) -> None:
    first, second = tmp_path / "one.parquet", tmp_path / "two.parquet"
    export_parquet(built[0], str(first))
    with other_database(tmp_path / "other.db") as other:
        summary = export_parquet(other, str(second))
    assert summary.records == 3
    table = pads.dataset([str(first), str(second)], format="parquet").to_table()
    assert table.num_rows == 9
    assert table.schema.equals(arrow_schema(DEFAULT_SCHEMA), check_metadata=False)
    frame = pandas.concat([pandas.read_parquet(first), pandas.read_parquet(second)], ignore_index=True)
    assert len(frame) == 9 and frame["stance"].iloc[6] == "discuss"
    assert frame["annotations"].iloc[6][0]["annotator"] == "zoe"


def test_two_jsonl_and_csv_exports_load_together(built: tuple[Store, list[str], str], tmp_path: Path) -> None:
    with other_database(tmp_path / "other.db") as other:
        texts = [run(built[0], "dataset")[0], run(other, "dataset")[0]]
        csvs = [run(built[0], "dataset-csv")[0], run(other, "dataset-csv")[0]]
    frames = [pandas.read_json(io.StringIO(t), lines=True) for t in texts]
    assert len(pandas.concat(frames, ignore_index=True)) == 9
    frames = [pandas.read_csv(io.StringIO(t)) for t in csvs]
    joined = pandas.concat(frames, ignore_index=True)
    assert len(joined) == 9 and list(joined.columns) == [c.name for c in columns(DEFAULT_SCHEMA)]
    # With the declared schema Arrow reads JSONL exports with the same types, however sparse.
    declared = arrow_schema(DEFAULT_SCHEMA)
    options = pajson.ParseOptions(explicit_schema=declared)
    tables = [pajson.read_json(io.BytesIO(t.encode()), parse_options=options) for t in texts]
    assert pa.concat_tables(tables).num_rows == 9


def test_parquet_of_an_empty_database_has_the_declared_columns(tmp_path: Path) -> None:
    path = tmp_path / "empty.parquet"
    with Store(tmp_path / "empty.db") as store:
        assert export_parquet(store, str(path)).records == 0
    assert pq.read_table(path).column_names == [c.name for c in columns(DEFAULT_SCHEMA)]


def test_parquet_without_pyarrow_names_the_extra(
    built: tuple[Store, list[str], str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ExportError, match=r"pip install 'factcheck\[parquet\]'"):
        export_parquet(built[0], str(tmp_path / "x.parquet"))
    assert not (tmp_path / "x.parquet").exists() and not (tmp_path / "x.parquet.part").exists()
