"""The label schema: the default contract and TOML loading with clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.schema import DEFAULT_SCHEMA, Schema, SchemaError, load_schema


def test_default_schema_is_the_contract() -> None:
    assert DEFAULT_SCHEMA.names == [
        "checkworthy",
        "stance",
        "source",
        "source_type",
        "verification",
        "note",
    ]
    assert DEFAULT_SCHEMA["checkworthy"].values == ("check-worthy", "unimportant", "not-factual")
    assert DEFAULT_SCHEMA["checkworthy"].ordered
    assert DEFAULT_SCHEMA["stance"].values == ("agree", "disagree", "discuss")
    assert DEFAULT_SCHEMA["source"].kind == "text"
    assert len(DEFAULT_SCHEMA["source_type"].values) == 8
    assert DEFAULT_SCHEMA["verification"].scope == "claim"
    assert DEFAULT_SCHEMA["verification"].values[-1] == "not-enough-evidence"


def test_json_round_trip() -> None:
    assert Schema.from_json(DEFAULT_SCHEMA.to_json()) == DEFAULT_SCHEMA


def test_load_toml(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(
        '[[field]]\nname = "rating"\nkind = "choice"\nvalues = ["1", "2", "3"]\n'
        'ordered = true\nscope = "claim"\ntitle = "Truth rating"\nhelp = "1 = false"\n'
        '[[field]]\nname = "why"\nkind = "text"\n'
    )
    schema = load_schema(path)
    assert schema.names == ["rating", "why"]
    assert schema["rating"].ordered and schema["rating"].scope == "claim"
    assert schema["rating"].label == "Truth rating"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[field]\nname=", "not valid TOML"),
        ('[[field]]\nname = "a"\nvalues = ["x"]\n[[field]]\nname = "a"\nvalues = ["y"]\n', "duplicate field"),
        ('[[field]]\nname = "a"\nvalues = ["x", "x"]\n', "duplicate value"),
        ('[[field]]\nname = "a"\nvalues = []\n', "at least one value"),
        ('[[field]]\nname = "a"\nkind = "number"\n', "kind must be"),
        ('[[field]]\nname = "a"\nvalues = ["x"]\nscope = "article"\n', "scope must be"),
        ('[[field]]\nname = "a"\nvalues = ["1","2","3","4","5","6","7","8","9","10"]\n', "at most 9"),
        ('[[field]]\nname = "a"\nkind = "text"\nvalues = ["x"]\n', "takes no values"),
        ('title = "x"\n', r"expected \[\[field\]\]"),
        ('[[field]]\nname = "a"\nvalues = ["x"]\ncolour = "red"\n', "unknown key"),
    ],
)
def test_bad_schema_files(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(SchemaError, match=message) as info:
        load_schema(path)
    assert str(path) in str(info.value)


def test_missing_schema_file(tmp_path: Path) -> None:
    with pytest.raises(SchemaError, match="no such file"):
        load_schema(tmp_path / "nope.toml")
