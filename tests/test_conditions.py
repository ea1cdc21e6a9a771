"""Conditions (``when``): fields that apply only for some values of another, hidden and cleared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tui_helpers import build_db

from factcheck.schema import DEFAULT_SCHEMA, Field, Schema, SchemaError, load_schema
from factcheck.store import Store

CONDITIONED = ["stance", "source", "source_type", "verification", "evidence"]
"""The default schema's fields that apply only to a sentence that is not not-factual."""


def test_the_default_schema_asks_these_fields_only_of_factual_sentences() -> None:
    assert [f.name for f in DEFAULT_SCHEMA if f.when] == CONDITIONED
    for name in CONDITIONED:
        assert DEFAULT_SCHEMA[name].when == {"checkworthy": ("check-worthy", "unimportant")}
    applicable = [f.name for f in DEFAULT_SCHEMA.applicable({"checkworthy": "not-factual"})]
    assert applicable == ["checkworthy", "note"]
    assert len(DEFAULT_SCHEMA.applicable({})) == len(DEFAULT_SCHEMA), "nothing given yet: all asked"
    assert len(DEFAULT_SCHEMA.applicable({"checkworthy": "unimportant"})) == len(DEFAULT_SCHEMA)


def test_voided_values_are_the_mention_scoped_ones_ruled_out() -> None:
    labels = {
        "checkworthy": "not-factual",
        "stance": "agree",
        "source": "Amnesty",
        "verification": "refuted",
        "note": "n",
    }
    assert DEFAULT_SCHEMA.voided(labels) == ["stance", "source"], "the claim's verdict stays"
    assert DEFAULT_SCHEMA.voided({**labels, "checkworthy": "check-worthy"}) == []
    assert DEFAULT_SCHEMA.conditions_on("checkworthy")
    assert not DEFAULT_SCHEMA.conditions_on("stance")


def test_a_claim_value_ruled_out_by_a_claim_field_is_voided() -> None:
    schema = Schema(
        (
            Field("verdict", values=("true", "false", "unknown"), scope="claim"),
            Field("evidence", kind="text", scope="claim", when={"verdict": ("true", "false")}),
        )
    )
    assert schema.voided({"verdict": "unknown", "evidence": "http://x"}) == ["evidence"]


def test_conditions_load_from_toml_and_survive_json(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(
        '[[field]]\nname = "checkworthy"\nvalues = ["check-worthy", "unimportant", "not-factual"]\n'
        '[[field]]\nname = "stance"\nvalues = ["agree", "disagree"]\n'
        'when = { checkworthy = ["check-worthy", "unimportant"] }\n',
        encoding="utf-8",
    )
    schema = load_schema(path)
    assert schema["stance"].when == {"checkworthy": ("check-worthy", "unimportant")}
    assert Schema.from_json(schema.to_json()) == schema


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ('when = { later = ["x"] }', "refers to 'later', which must be a field defined before it"),
        ('when = { b = ["x"] }', "refers to itself"),
        ('when = { t = ["x"] }', "'t', which is not a choice field"),
        ('when = { a = ["z"] }', "'z' is not a value of 'a'"),
        ("when = { a = [] }", "lists no value of 'a'"),
        ('when = { a = "x" }', "'when' must be a table of value lists"),
        ('when = "a"', "'when' must be a table of value lists"),
    ],
)
def test_bad_conditions_are_refused(tmp_path: Path, when: str, message: str) -> None:
    path = tmp_path / "s.toml"
    path.write_text(
        '[[field]]\nname = "a"\nvalues = ["x", "y"]\n[[field]]\nname = "t"\nkind = "text"\n'
        f'[[field]]\nname = "b"\nvalues = ["p", "q"]\n{when}\n'
        '[[field]]\nname = "later"\nvalues = ["x"]\n',
        encoding="utf-8",
    )
    with pytest.raises(SchemaError, match=message) as info:
        load_schema(path)
    assert str(path) in str(info.value)


def test_a_schema_stored_before_conditions_gets_the_default_ones() -> None:
    records = json.loads(DEFAULT_SCHEMA.to_json())
    for record in records:
        del record["when"]
    assert Schema.from_json(json.dumps(records)) == DEFAULT_SCHEMA
    # ... but only where the field a condition names is there with those values.
    custom = [r for r in records if r["name"] != "checkworthy"]
    assert not any(f.when for f in Schema.from_json(json.dumps(custom)))


def test_not_factual_clears_the_sentence_values_in_one_undoable_batch(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    ids = build_db(path)
    with Store(path) as store:
        shared = store.mentions(ids[0])[1]
        for field, value in [
            ("checkworthy", "check-worthy"),
            ("stance", "agree"),
            ("source", "Amnesty"),
            ("source_type", "ngo"),
            ("verification", "refuted"),
            ("note", "keep me"),
        ]:
            store.set_label("alice", shared.id, field, value)
        changes = store.set_label("alice", shared.id, "checkworthy", "not-factual")
        assert sorted((c.field, c.old, c.new) for c in changes) == [
            ("checkworthy", "check-worthy", "not-factual"),
            ("source", "Amnesty", None),
            ("source_type", "ngo", None),
            ("stance", "agree", None),
        ]
        assert store.labels("alice", ids[0])[shared.id] == {
            "checkworthy": "not-factual",
            "verification": "refuted",
            "note": "keep me",
        }, "the claim's verdict and the note stay"
        batches = {e["batch"] for e in store.events_for("alice", limit=4)}
        assert len(batches) == 1, "the clears are events of the same batch"
        store.undo("alice")
        assert store.labels("alice", ids[0])[shared.id]["stance"] == "agree"
        assert store.labels("alice", ids[0])[shared.id]["checkworthy"] == "check-worthy"


def test_copying_a_not_factual_sentence_clears_what_it_rules_out(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    ids = build_db(path)
    with Store(path) as store:
        first = store.mentions(ids[0])[0]
        store.set_label("alice", first.id, "stance", "agree")
        changes = store.set_labels("alice", first.id, {"checkworthy": "not-factual"})
        assert {(c.field, c.new) for c in changes} == {("checkworthy", "not-factual"), ("stance", None)}
        assert store.labels("alice", ids[0])[first.id] == {"checkworthy": "not-factual"}


def test_other_annotators_values_are_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    ids = build_db(path)
    with Store(path) as store:
        first = store.mentions(ids[0])[0]
        store.set_label("bob", first.id, "stance", "agree")
        store.set_label("alice", first.id, "checkworthy", "not-factual")
        assert store.labels("bob", ids[0])[first.id] == {"stance": "agree"}


def test_a_bad_condition_is_one_error_line_and_changes_nothing(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from factcheck.cli import cli

    good = tmp_path / "good.txt"
    good.write_text("Amnesty said 426 civilians were killed. The coalition rejected the report.\n")
    db = tmp_path / "s.db"
    assert CliRunner().invoke(cli, ["ingest", str(good), "--db", str(db)]).exit_code == 0
    before = db.read_bytes()
    schema = tmp_path / "schema.toml"
    schema.write_text('[[field]]\nname = "stance"\nvalues = ["agree"]\nwhen = { checkworthy = ["x"] }\n')
    result = CliRunner().invoke(cli, ["ingest", str(good), "--schema", str(schema), "--db", str(db)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "schema.toml" in lines[0]
    assert "'when' refers to 'checkworthy', which must be a field defined before it" in lines[0]
    assert db.read_bytes() == before


def test_a_damaged_stored_schema_is_a_schema_error_not_a_crash() -> None:
    records = json.loads(DEFAULT_SCHEMA.to_json())
    for record in records:
        del record["when"]
    records[0]["values"] = [["check-worthy"], {"x": 1}]
    with pytest.raises(SchemaError, match=r"'values\[0\]': expected str"):
        Schema.from_json(json.dumps(records))
