"""Schema files are validated with types and bounds: one clear line for every mistake."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from factcheck.cli import cli
from factcheck.export import write_export
from factcheck.schema import RESERVED_NAMES, SchemaError, load_schema
from factcheck.store import NewArticle, Store


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def refused(tmp_path: Path, toml: str, *parts: str) -> None:
    """``ingest --schema`` refuses the file in one line, and creates no database."""
    schema = tmp_path / "schema.toml"
    schema.write_text(toml, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("Amnesty said 426 civilians were killed. The coalition denied it.\n")
    result = run("ingest", str(good), "--schema", str(schema), "--db", str(tmp_path / "new.db"))
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "schema.toml" in lines[0], lines
    for part in parts:
        assert part in lines[0], (part, lines[0])
    assert not (tmp_path / "new.db").exists()


@pytest.mark.parametrize("name", sorted(RESERVED_NAMES))
def test_a_field_may_not_take_a_name_of_the_export_record(tmp_path: Path, name: str) -> None:
    refused(
        tmp_path,
        f'[[field]]\nname = "{name}"\nvalues = ["a"]\n',
        f"field {name!r}",
        "taken by the export record",
    )


def test_every_key_of_the_export_record_and_an_annotation_entry_is_reserved(tmp_path: Path) -> None:
    text = "Amnesty said 426 civilians died."
    with Store(tmp_path / "r.db") as store:
        store.add_article(NewArticle("a.txt", text, text, [(0, len(text))], ["Amnesty"]))
        mid = next(store.iter_mentions()).id
        for f in store.schema:
            store.set_label("alice", mid, f.name, f.values[0] if f.values else "x")
        store.set_gold("mention", mid, "stance", "agree", "carol")
        out = io.StringIO()
        write_export(store, "jsonl", out)
    record = json.loads(out.getvalue())
    entry_keys = set(record["annotations"][0]) - {f.name for f in store.schema}
    assert set(record) | entry_keys <= RESERVED_NAMES


@pytest.mark.parametrize(
    ("toml", "parts"),
    [
        ('[[field]]\nname = "a"\nvalues = ["x"]\nordered = "false"\n', ["'ordered': expected bool, got str"]),
        ('[[field]]\nname = "a"\nvalues = "xyz"\n', ["'values': expected array, got str"]),
        ('[[field]]\nname = "a"\nvalues = ["x"]\ntitle = 3\n', ["'title': expected str, got int"]),
        ('[[field]]\nname = "a"\nvalues = ["x"]\nhelp = ["x"]\n', ["'help': expected str, got array"]),
        ('[[field]]\nname = "a"\nvalues = ["x"]\ncolour = "red"\n', ["unknown key colour"]),
        ('[[field]]\nvalues = ["x"]\n', ["missing key name"]),
        ('[[field]]\nname = 7\nvalues = ["x"]\n', ["'name': expected str, got int"]),
        (
            '[[field]]\nname = "a"\nvalues = ["x"]\nvalue_help = { x = 1 }\n',
            ["'value_help[...]': expected str, got int"],
        ),
        ('[[field]]\nname = "a"\nvalues = ["x"]\nordered = 1\n', ["'ordered': expected bool, got int"]),
    ],
)
def test_every_key_has_a_type(tmp_path: Path, toml: str, parts: list[str]) -> None:
    refused(tmp_path, toml, *parts)


def test_sizes_are_bounded(tmp_path: Path) -> None:
    refused(
        tmp_path, f'[[field]]\nname = "{"n" * 65}"\nvalues = ["x"]\n', "'name': expected str of length <= 64"
    )
    refused(tmp_path, f'[[field]]\nname = "a"\nvalues = ["{"v" * 101}"]\n', "length <= 100")
    many = "".join(f'[[field]]\nname = "f{i}"\nvalues = ["x"]\n' for i in range(65))
    refused(tmp_path, many, "more than 64 fields")
    refused(tmp_path, "# padding\n" * 110_000, "larger than 1000 kB")


def test_huge_integers_and_deep_nesting_are_refused_not_crashed(tmp_path: Path) -> None:
    refused(tmp_path, f'[[field]]\nname = "a"\nvalues = ["x"]\nsize = 1{"0" * 5000}\n', "not valid TOML")
    refused(tmp_path, "x = " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply")
    refused(tmp_path, "x = " + "{ a = " * 5000 + "1" + " }" * 5000 + "\n", "not valid TOML")


def test_a_good_schema_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(
        '[[field]]\nname = "rating"\nvalues = ["1", "2", "3"]\nordered = true\nscope = "claim"\n'
        'role = "verdict"\ntitle = "Truth"\nhelp = "1 = false"\nvalue_help = { "1" = "false" }\n',
        encoding="utf-8",
    )
    schema = load_schema(path)
    assert schema["rating"].ordered is True and schema["rating"].scope == "claim"


def test_a_stored_schema_nested_too_deeply_is_a_store_error() -> None:
    from factcheck.schema import Schema

    with pytest.raises(SchemaError, match="nested too deeply"):
        Schema.from_json("[" * 100_000 + "]" * 100_000)
