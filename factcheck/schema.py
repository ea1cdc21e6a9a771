"""The label schema as data: fields, their values, keys, order and scope; TOML loading."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KINDS = ("choice", "text")
SCOPES = ("mention", "claim")
MAX_CHOICES = 9
"""Values are picked with the keys 1-9, so a choice field has at most nine values."""


class SchemaError(ValueError):
    """A schema definition a user wrote that cannot be used; the message says why."""


@dataclass(frozen=True)
class Field:
    """One label field of the schema."""

    name: str
    """Identifier used in the database, the export and the CLI."""
    kind: str = "choice"
    """``choice`` (one of ``values``) or ``text`` (free text)."""
    values: tuple[str, ...] = ()
    """The allowed values of a choice field, in order; key ``n`` picks the n-th."""
    ordered: bool = False
    """Whether the values are ordinal (for Krippendorff's ordinal alpha)."""
    scope: str = "mention"
    """``mention``: describes one article's sentence; ``claim``: the whole cluster."""
    title: str = ""
    """Human title shown in the label panel."""
    help: str = ""
    """Guideline text shown in the help screen and beside the field."""
    value_help: Mapping[str, str] = field(default_factory=dict)
    """Guideline per value, for the help screen."""

    @property
    def is_choice(self) -> bool:
        """True for a choice field."""
        return self.kind == "choice"

    @property
    def label(self) -> str:
        """The title, or the name when no title was given."""
        return self.title or self.name

    def accepts(self, value: str) -> bool:
        """Whether ``value`` is a valid value of this field."""
        return (not self.is_choice) or value in self.values

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready description of the field."""
        return {
            "name": self.name,
            "kind": self.kind,
            "values": list(self.values),
            "ordered": self.ordered,
            "scope": self.scope,
            "title": self.title,
            "help": self.help,
            "value_help": dict(self.value_help),
        }


@dataclass(frozen=True)
class Schema:
    """An ordered set of label fields."""

    fields: tuple[Field, ...]

    def __post_init__(self) -> None:
        _validate(self.fields)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.fields)

    def __len__(self) -> int:
        return len(self.fields)

    @property
    def names(self) -> list[str]:
        """Field names in schema order."""
        return [f.name for f in self.fields]

    def get(self, name: str) -> Field | None:
        """The field called ``name``, or None."""
        for f in self.fields:
            if f.name == name:
                return f
        return None

    def __getitem__(self, name: str) -> Field:
        found = self.get(name)
        if found is None:
            raise KeyError(name)
        return found

    def to_json(self) -> str:
        """Serialise for the ``meta`` table."""
        return json.dumps([f.to_dict() for f in self.fields], ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Schema:
        """Inverse of :meth:`to_json`."""
        return cls.from_records(json.loads(text))

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]]) -> Schema:
        """Build a schema from dicts shaped like TOML ``[[field]]`` tables."""
        return cls(tuple(_field_from_record(r, i) for i, r in enumerate(records, 1)))

    def orphans(self, used: Mapping[str, set[str]]) -> list[str]:
        """Labels in use that this schema would not accept, as ``field=value`` strings.

        Args:
            used: field name -> set of values present in a database.
        """
        problems = []
        for name, values in sorted(used.items()):
            f = self.get(name)
            if f is None:
                problems.append(f"field {name!r} ({len(values)} values in use)")
                continue
            problems += [f"{name}={v!r}" for v in sorted(values) if not f.accepts(v)]
        return problems


def _field_from_record(record: Mapping[str, Any], position: int) -> Field:
    where = f"field #{position}"
    if not isinstance(record, Mapping):
        raise SchemaError(f"{where}: expected a table, got {type(record).__name__}")
    known = {"name", "kind", "values", "ordered", "scope", "title", "help", "value_help"}
    unknown = sorted(set(record) - known)
    if unknown:
        raise SchemaError(f"{where}: unknown key(s) {', '.join(unknown)}")
    name = record.get("name")
    if not isinstance(name, str) or not name.strip():
        raise SchemaError(f"{where}: 'name' must be a non-empty string")
    values = record.get("values", [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise SchemaError(f"field {name!r}: 'values' must be a list of strings")
    value_help = record.get("value_help", {})
    if not isinstance(value_help, Mapping):
        raise SchemaError(f"field {name!r}: 'value_help' must be a table")
    return Field(
        name=name.strip(),
        kind=str(record.get("kind", "choice")),
        values=tuple(values),
        ordered=bool(record.get("ordered", False)),
        scope=str(record.get("scope", "mention")),
        title=str(record.get("title", "")),
        help=str(record.get("help", "")),
        value_help={str(k): str(v) for k, v in value_help.items()},
    )


def _validate(fields: tuple[Field, ...]) -> None:
    if not fields:
        raise SchemaError("the schema has no fields")
    seen: set[str] = set()
    for f in fields:
        if f.name in seen:
            raise SchemaError(f"duplicate field {f.name!r}")
        seen.add(f.name)
        if not f.name.replace("_", "").replace("-", "").isalnum():
            raise SchemaError(f"field {f.name!r}: use letters, digits, '_' or '-' in names")
        if f.kind not in KINDS:
            raise SchemaError(f"field {f.name!r}: kind must be one of {', '.join(KINDS)}")
        if f.scope not in SCOPES:
            raise SchemaError(f"field {f.name!r}: scope must be one of {', '.join(SCOPES)}")
        _validate_values(f)


def _validate_values(f: Field) -> None:
    if f.kind == "text":
        if f.values:
            raise SchemaError(f"field {f.name!r}: a text field takes no values")
        return
    if not f.values:
        raise SchemaError(f"field {f.name!r}: a choice field needs at least one value")
    if len(f.values) > MAX_CHOICES:
        raise SchemaError(f"field {f.name!r}: at most {MAX_CHOICES} values (keys 1-9)")
    if any(not v.strip() for v in f.values):
        raise SchemaError(f"field {f.name!r}: empty value")
    dupes = sorted({v for v in f.values if f.values.count(v) > 1})
    if dupes:
        raise SchemaError(f"field {f.name!r}: duplicate value(s) {', '.join(dupes)}")


def load_schema(path: str | Path) -> Schema:
    """Read a schema from a TOML file with ``[[field]]`` tables.

    Raises:
        SchemaError: the file is missing, not TOML, or not a valid schema.
    """
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SchemaError(f"{path}: no such file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise SchemaError(f"{path}: not valid TOML: {err}") from None
    records = data.get("field")
    if not isinstance(records, list):
        raise SchemaError(f"{path}: expected [[field]] tables")
    try:
        return Schema.from_records(records)
    except SchemaError as err:
        raise SchemaError(f"{path}: {err}") from None


DEFAULT_SCHEMA = Schema(
    (
        Field(
            "checkworthy",
            values=("check-worthy", "unimportant", "not-factual"),
            ordered=True,
            title="Check-worthiness",
            help="Is this a factual claim the public would want verified?",
            value_help={
                "check-worthy": "a factual claim the public would want verified (figures, "
                "events, causes, quotes attributed to someone)",
                "unimportant": "factual but not worth checking",
                "not-factual": "opinion, question, prediction, headline furniture",
            },
        ),
        Field(
            "stance",
            values=("agree", "disagree", "discuss"),
            title="Stance",
            help="The article's stance toward the claim.",
            value_help={
                "agree": "the article asserts the claim in its own voice or endorses it",
                "disagree": "the article disputes it or reports it to rebut it",
                "discuss": "the article reports it (usually attributed) without taking a side",
            },
        ),
        Field(
            "source",
            kind="text",
            title="Source",
            help="The person or organisation the claim comes from, as written "
            '("Lynn Maalouf, Amnesty International"); for the writer\'s own claims, the outlet.',
        ),
        Field(
            "source_type",
            values=(
                "official",
                "military",
                "ngo",
                "eyewitness",
                "expert",
                "media",
                "anonymous",
                "author",
            ),
            title="Source type",
            help="What kind of source makes the claim.",
            value_help={
                "official": "government, ministry, elected office",
                "military": "armed forces, coalition",
                "ngo": "NGO or international organisation",
                "eyewitness": "resident, survivor",
                "expert": "analyst, academic",
                "media": "another outlet",
                "anonymous": "unnamed source",
                "author": "the writer",
            },
        ),
        Field(
            "verification",
            values=("supported", "refuted", "conflicting", "not-enough-evidence"),
            scope="claim",
            title="Verification",
            help="Verdict on the claim itself; unlabelled means not yet checked.",
            value_help={
                "supported": "supported by evidence the annotator can cite",
                "refuted": "refuted by evidence the annotator can cite",
                "conflicting": "evidence on both sides, or true but misleading through omission",
                "not-enough-evidence": "not enough evidence either way",
            },
        ),
        Field("note", kind="text", title="Note", help="Free text."),
    )
)
"""The default schema (DESIGN.md contract)."""
