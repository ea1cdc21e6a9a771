"""The label schema: the default contract and TOML loading with clear errors."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from factcheck.schema import (
    DEFAULT_SCHEMA,
    Field,
    Schema,
    SchemaError,
    load_schema,
    normalise_text,
    upgrade_default,
)


def test_default_schema_is_the_contract() -> None:
    assert DEFAULT_SCHEMA.names == [
        "checkworthy",
        "stance",
        "source",
        "source_type",
        "verification",
        "evidence",
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


def test_default_roles_and_meanings() -> None:
    roles = {f.role: f.name for f in DEFAULT_SCHEMA if f.role}
    assert roles == {
        "checkworthiness": "checkworthy",
        "source": "source",
        "source_type": "source_type",
        "verdict": "verification",
        "evidence": "evidence",
    }
    checkworthy = DEFAULT_SCHEMA.require_role("checkworthiness", "x")
    assert checkworthy.value_meaning("not-factual") == "not-factual"
    assert checkworthy.value_meaning("check-worthy") == "check-worthy"
    assert DEFAULT_SCHEMA["source_type"].meaning("expert") == "person"
    assert DEFAULT_SCHEMA["source_type"].meaning("official") is None
    assert DEFAULT_SCHEMA["stance"].meaning("agree") is None  # no role, no meanings


def test_a_custom_schema_names_its_roles_and_meanings(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(
        '[[field]]\nname = "rating"\nvalues = ["1", "2", "3"]\nrole = "verdict"\n'
        'meanings = { "1" = "refuted", "3" = "supported" }\n'
        '[[field]]\nname = "worth"\nvalues = ["yes", "no", "none"]\nrole = "checkworthiness"\n'
        'meanings = { yes = "check-worthy", none = "not-factual" }\n',
        encoding="utf-8",
    )
    schema = load_schema(path)
    assert schema.require_role("verdict", "fever").meaning("3") == "supported"
    assert schema.require_role("verdict", "fever").meaning("2") is None
    assert schema.require_role("checkworthiness", "x").value_meaning("not-factual") == "none"
    assert schema.role("source") is None
    with pytest.raises(SchemaError, match="the checkthat format needs a field with role = 'source'"):
        schema.require_role("source", "the checkthat format")
    assert Schema.from_json(schema.to_json()) == schema


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('role = "judge"', "role must be one of"),
        ('role = "source"', "the source role needs a text field"),
        ('meanings = { a = "supported" }', "'meanings' needs a 'role'"),
        ('role = "verdict"\nmeanings = { z = "supported" }', "'z' is not one of its values"),
        ('role = "verdict"\nmeanings = { a = "true" }', "'true' is not a meaning of verdict"),
        ("role = 3", r"'role': expected str \| null, got int"),
    ],
)
def test_bad_roles_are_refused(tmp_path: Path, extra: str, message: str) -> None:
    path = tmp_path / "s.toml"
    path.write_text(f'[[field]]\nname = "f"\nvalues = ["a", "b"]\n{extra}\n', encoding="utf-8")
    with pytest.raises(SchemaError, match=message):
        load_schema(path)


def test_a_role_played_twice_is_refused() -> None:
    with pytest.raises(SchemaError, match="more than one field: verdict"):
        Schema(
            (
                Field("a", values=("x",), role="verdict"),
                Field("b", values=("y",), role="verdict"),
            )
        )


def test_a_schema_stored_before_roles_gets_the_default_roles_by_name() -> None:
    records = json.loads(DEFAULT_SCHEMA.to_json())
    for record in records:
        del record["role"], record["meanings"]
    assert Schema.from_json(json.dumps(records)) == DEFAULT_SCHEMA
    # ... but only where the kind matches what the role needs
    text_checkworthy = [{"name": "checkworthy", "kind": "text"}]
    assert Schema.from_json(json.dumps(text_checkworthy)).role("checkworthiness") is None


def test_text_values_are_compared_normalised() -> None:
    assert normalise_text("  Amnesty\u00a0 INTERNATIONAL\n") == "amnesty international"
    assert DEFAULT_SCHEMA["source"].comparable(" AMNESTY  ") == DEFAULT_SCHEMA["source"].comparable("amnesty")
    assert DEFAULT_SCHEMA["stance"].comparable("Agree") == "Agree"  # choices are compared as given


OLD_DEFAULT = Schema(tuple(f for f in DEFAULT_SCHEMA if f.name != "evidence"))
"""The default schema as databases made before the evidence field store it."""


def test_an_older_default_schema_gets_the_fields_added_since() -> None:
    upgraded = upgrade_default(OLD_DEFAULT)
    assert upgraded == DEFAULT_SCHEMA
    assert upgrade_default(DEFAULT_SCHEMA) is DEFAULT_SCHEMA


def test_a_default_extended_by_a_project_keeps_its_fields_and_gains_evidence() -> None:
    topic = Field("topic", values=("war", "health"))
    upgraded = upgrade_default(Schema((*OLD_DEFAULT.fields, topic)))
    assert upgraded.names[-3:] == ["evidence", "note", "topic"]
    assert upgraded["evidence"].role == "evidence" and upgraded["evidence"].scope == "claim"


@pytest.mark.parametrize(
    "schema",
    [
        # A project's own schema is never touched.
        Schema((Field("rating", values=("1", "2")),)),
        # A default field changed by the project: no longer the default.
        Schema(tuple(replace(f, values=(*f.values, "x")) if f.is_choice else f for f in OLD_DEFAULT)),
        # A field of the project already plays the evidence role.
        Schema((*OLD_DEFAULT.fields, Field("sources", kind="text", role="evidence"))),
    ],
)
def test_other_schemas_are_not_upgraded(schema: Schema) -> None:
    assert upgrade_default(schema) is schema
