"""factcheck schema: the schema in force as text, TOML and JSON, and the shipped example."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from tui_helpers import build_db

from factcheck.cli import cli
from factcheck.schema import DEFAULT_SCHEMA, Field, Schema, load_schema
from factcheck.store import Store

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_example_prints_the_shipped_file_and_it_is_a_complete_schema(tmp_path: Path) -> None:
    result = run("schema", "--example")
    assert result.exit_code == 0
    shipped = (ROOT / "examples" / "schema.toml").read_text(encoding="utf-8")
    assert result.stdout == shipped
    path = tmp_path / "example.toml"
    path.write_text(result.stdout, encoding="utf-8")
    schema = load_schema(path)
    used = {
        key for f in schema for key, value in f.to_dict().items() if value not in (None, "", [], {}, False)
    }
    assert used == set(Field("x", values=("a",)).to_dict()), "the example shows every key a field can have"
    assert {f.role for f in schema} >= {"checkworthiness", "source", "source_type", "verdict", "evidence"}
    assert {f.kind for f in schema} == {"choice", "text"} and {f.scope for f in schema} == {
        "mention",
        "claim",
    }


def test_the_readme_documents_the_schema_format() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "factcheck schema --example" in readme
    for key in Field("x", values=("a",)).to_dict():
        assert f"`{key}`" in readme, key


def test_the_schema_in_force_is_described_with_keys_roles_and_guidelines(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    build_db(db)
    result = run("schema", "--db", str(db))
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith(f"Label schema of {db}: {len(DEFAULT_SCHEMA)} field(s)")
    for f in DEFAULT_SCHEMA:
        assert f"\n{f.name} ({f.title})\n" in out
        assert f"scope: {f.scope}" in out
        for value in f.values:
            assert value in out
    assert "role: verdict" in out and "means not-factual" in out and "also key x" in out
    assert "1  check-worthy" in out


def test_the_keys_shown_follow_the_keymap(tmp_path: Path) -> None:
    keymap = tmp_path / "keys.toml"
    keymap.write_text('[keys]\nchoose-1 = "a"\nnot-factual = "z"\n', encoding="utf-8")
    out = run("schema", "--keymap", str(keymap), "--db", str(tmp_path / "none.db")).stdout
    assert "a  check-worthy" in out and "also key z" in out


def test_without_a_database_the_default_schema_is_shown_and_no_file_made(tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    result = run("schema", "--db", str(db))
    assert result.exit_code == 0 and "a new database" in result.stdout
    assert not db.exists()


@pytest.mark.parametrize("source", ["default", "example"])
def test_toml_output_reads_back_to_the_same_schema(tmp_path: Path, source: str) -> None:
    db = tmp_path / "t.db"
    schema = DEFAULT_SCHEMA if source == "default" else load_schema(ROOT / "examples" / "schema.toml")
    build_db(db, schema)
    result = run("schema", "--format", "toml", "--db", str(db))
    assert result.exit_code == 0
    path = tmp_path / "back.toml"
    path.write_text(result.stdout, encoding="utf-8")
    assert load_schema(path) == schema


def test_toml_output_escapes_what_toml_must(tmp_path: Path) -> None:
    odd = Schema((Field("f", values=('say "hi"', "back\\slash", "tab\tand\x7fdel"), help="line\nbreak ☃"),))
    db = tmp_path / "t.db"
    Store(db, odd).close()
    path = tmp_path / "back.toml"
    path.write_text(run("schema", "--format", "toml", "--db", str(db)).stdout, encoding="utf-8")
    assert load_schema(path) == odd


def test_json_output_lists_every_field(tmp_path: Path) -> None:
    result = run("schema", "--format", "json", "--db", str(tmp_path / "none.db"))
    fields = json.loads(result.stdout)
    assert [f["name"] for f in fields] == DEFAULT_SCHEMA.names
    assert Schema.from_records(fields) == DEFAULT_SCHEMA


def test_keys_beyond_the_known_ones_are_listed_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = Field.to_dict

    def with_condition(self: Field) -> dict:
        return {**original(self), "when": {"checkworthy": ["check-worthy"]} if self.name == "stance" else {}}

    monkeypatch.setattr(Field, "to_dict", with_condition)
    out = run("schema", "--db", str(tmp_path / "none.db")).stdout
    assert "  when: checkworthy = check-worthy\n" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [("[[field]]\nname = 'a'\nkind = 'bogus'\n", "kind must be one of"), ("not toml [", "not valid TOML")],
)
def test_a_bad_schema_file_is_one_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    result = run("schema", "--schema", str(path))
    assert result.exit_code == 1 and result.stderr.startswith(f"Error: {path}: ") and message in result.stderr
    assert result.stderr.count("\n") == 1
