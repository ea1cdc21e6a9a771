"""The label schema as data: fields, their values, order, scope and roles; TOML loading.

Code elsewhere never names a field: it asks the schema which field plays a *role*
(:data:`ROLES`), and which of that field's values carries a standard *meaning*
(:data:`MEANINGS`), so a project's own schema drives every feature the same way.
"""

from __future__ import annotations

import json
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import msgspec

KINDS = ("choice", "text")
SCOPES = ("mention", "claim")
MAX_CHOICES = 9
"""Values are picked with the keys 1-9, so a choice field has at most nine values."""

CHECKWORTHINESS = "checkworthiness"
"""Role: is the sentence a claim worth checking (CheckThat! reads it; ``x`` sets its not-factual value)."""
SOURCE = "source"
"""Role: who makes the claim, as text (the attribution suggestion fills it)."""
SOURCE_TYPE = "source_type"
"""Role: what kind of source it is (ClaimReview tells a person from an organisation by it)."""
VERDICT = "verdict"
"""Role: the verdict on the claim (ClaimReview, FEVER)."""
EVIDENCE = "evidence"
"""Role: what the verdict rests on, as text."""
ROLES = {
    CHECKWORTHINESS: "choice",
    SOURCE: "text",
    SOURCE_TYPE: "choice",
    VERDICT: "choice",
    EVIDENCE: "text",
}
"""Every role, with the kind of field that can play it."""

CHECK_WORTHY = "check-worthy"
"""Meaning: a claim worth checking (CheckThat! ``Yes``)."""
NOT_FACTUAL = "not-factual"
"""Meaning: no factual claim at all (what ``x`` sets; fields conditioned on factuality are then void)."""
SUPPORTED = "supported"
REFUTED = "refuted"
CONFLICTING = "conflicting"
NOT_ENOUGH_EVIDENCE = "not-enough-evidence"
PERSON = "person"
"""Meaning: a source type whose sources are people, not organisations."""
MEANINGS = {
    CHECKWORTHINESS: (CHECK_WORTHY, NOT_FACTUAL),
    VERDICT: (SUPPORTED, REFUTED, CONFLICTING, NOT_ENOUGH_EVIDENCE),
    SOURCE_TYPE: (PERSON,),
}
"""The standard meanings a role's values may carry. A value spelled like a meaning of its
field's role means it unless ``meanings`` says otherwise."""


def normalise_text(value: str) -> str:
    """A text value as labels are compared: NFKC, case folded, runs of white space collapsed.

    Example: ``normalise_text("  Amnesty\u00a0 INTERNATIONAL ")`` is ``"amnesty international"``.
    """
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


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
    role: str | None = None
    """The role this field plays (one of :data:`ROLES`), if any."""
    meanings: Mapping[str, str] = field(default_factory=dict)
    """Value -> standard meaning of the role (:data:`MEANINGS`), beyond values spelled as one."""
    when: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Condition: field name -> the values with which this field applies (see :meth:`applies`)."""

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

    def comparable(self, value: str) -> str:
        """The form in which two values are compared: text normalised, choices as they are."""
        return value if self.is_choice else normalise_text(value)

    def meaning(self, value: str) -> str | None:
        """The standard meaning of one of this field's values, if it has one."""
        if value in self.meanings:
            return self.meanings[value]
        return value if value in MEANINGS.get(self.role or "", ()) else None

    def value_meaning(self, meaning: str) -> str | None:
        """The value of this field that carries ``meaning``, if one does."""
        return next((v for v in self.values if self.meaning(v) == meaning), None)

    def applies(self, values: Mapping[str, str]) -> bool:
        """Whether the field applies to an item with these labels (field name -> value).

        A condition on a field with no value yet is met: a field is hidden only once
        a value rules it out (stance before check-worthiness is given is still asked).
        """
        return all(name not in values or values[name] in allowed for name, allowed in self.when.items())

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
            "role": self.role,
            "meanings": dict(self.meanings),
            "when": {name: list(allowed) for name, allowed in self.when.items()},
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

    def role(self, role: str) -> Field | None:
        """The field that plays ``role``, or None when no field does."""
        return next((f for f in self.fields if f.role == role), None)

    def require_role(self, role: str, feature: str) -> Field:
        """The field that plays ``role``, for a feature that cannot work without it.

        Raises:
            SchemaError: no field plays the role; the message names the feature.
        """
        found = self.role(role)
        if found is None:
            raise SchemaError(
                f"{feature} needs a field with role = {role!r}, which this database's schema lacks"
            )
        return found

    def applicable(self, values: Mapping[str, str]) -> list[Field]:
        """The fields that apply to an item with these labels, in schema order."""
        return [f for f in self.fields if f.applies(values)]

    def voided(self, values: Mapping[str, str]) -> list[str]:
        """Fields given a value in ``values`` that no longer apply, and are to be cleared.

        A claim-scoped value ruled out by a mention-scoped one stays: it belongs to the
        claim, which other mentions still carry (a not-factual sentence keeps its claim's
        verdict). Only fields a condition refers to can void others, see :meth:`conditions_on`.
        """
        found = []
        for f in self.fields:
            if f.name not in values or f.applies(values):
                continue
            failing = [n for n, allowed in f.when.items() if n in values and values[n] not in allowed]
            if f.scope == "mention" or all(self[n].scope == "claim" for n in failing):
                found.append(f.name)
        return found

    def conditions_on(self, name: str) -> bool:
        """Whether some field's condition refers to field ``name`` (so a change to it may void others)."""
        return any(name in f.when for f in self.fields)

    def to_json(self) -> str:
        """Serialise for the ``meta`` table."""
        return json.dumps([f.to_dict() for f in self.fields], ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Schema:
        """Inverse of :meth:`to_json`.

        A schema stored before fields had roles gets the default schema's roles on the
        fields of the same name and kind, which is how those features found them then;
        one stored before fields had conditions gets the default schema's conditions the
        same way, where the field a condition names is there with those values.
        """
        try:
            records = json.loads(text)
        except RecursionError:
            raise SchemaError("nested too deeply") from None
        if isinstance(records, list) and not any(isinstance(r, Mapping) and "role" in r for r in records):
            records = [_with_legacy_role(r) for r in records]
        if isinstance(records, list) and not any(isinstance(r, Mapping) and "when" in r for r in records):
            records = _with_legacy_conditions(records)
        return cls.from_records(records)

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


MAX_FIELDS = 64
MAX_NAME = 64
MAX_VALUE = 100
MAX_TITLE = 200
MAX_HELP = 10_000
MAX_SCHEMA_BYTES = 1_000_000
"""Sizes a schema may not exceed: a schema is a handful of short fields, shown on one screen."""

RESERVED_NAMES = frozenset(
    {
        # The top-level keys of the export record (a field may not shadow one) ...
        "mention_id",
        "claim_id",
        "article_id",
        "article_title",
        "article_path",
        "index",
        "start",
        "end",
        "text",
        "annotations",
        "gold",
        "suggestions",
        "variants",
        "article_outlet",
        "article_wire",
        "article_url",
        "article_published",
        "labelled_at",
        "gold_adjudication",
        "flagged_by",
        # ... and of an annotation entry, where fields sit beside the annotator's name.
        "annotator",
    }
)
"""Names a field may not have: its values would overwrite another key of the export record."""

_Short = Annotated[str, msgspec.Meta(max_length=MAX_VALUE)]


class _FieldRecord(msgspec.Struct, forbid_unknown_fields=True):
    """A ``[[field]]`` table as written, with the type of every key (booleans must be booleans)."""

    name: Annotated[str, msgspec.Meta(max_length=MAX_NAME)]
    kind: str = "choice"
    values: Annotated[list[_Short], msgspec.Meta(max_length=MAX_CHOICES * 4)] = msgspec.field(
        default_factory=list
    )
    ordered: bool = False
    scope: str = "mention"
    title: Annotated[str, msgspec.Meta(max_length=MAX_TITLE)] = ""
    help: Annotated[str, msgspec.Meta(max_length=MAX_HELP)] = ""
    value_help: dict[_Short, Annotated[str, msgspec.Meta(max_length=MAX_HELP)]] = msgspec.field(
        default_factory=dict
    )
    role: str | None = None
    meanings: dict[_Short, _Short] = msgspec.field(default_factory=dict)
    when: Any = msgspec.field(default_factory=dict)
    """Checked by ``_condition``, whose message shows the expected shape."""


def _field_from_record(record: Mapping[str, Any], position: int) -> Field:
    where = f"field #{position}"
    if not isinstance(record, Mapping):
        raise SchemaError(f"{where}: expected a table, got {type(record).__name__}")
    name = record.get("name")
    if isinstance(name, str) and name.strip():
        where = f"field {name.strip()!r}"
    try:
        parsed = msgspec.convert(dict(record), _FieldRecord, strict=True)
    except msgspec.ValidationError as err:
        raise SchemaError(f"{where}: {_readable(str(err))}") from None
    if not parsed.name.strip():
        raise SchemaError(f"{where}: 'name' must be a non-empty string")
    return Field(
        name=parsed.name.strip(),
        kind=parsed.kind,
        values=tuple(parsed.values),
        ordered=parsed.ordered,
        scope=parsed.scope,
        title=parsed.title,
        help=parsed.help,
        value_help=dict(parsed.value_help),
        role=parsed.role,
        meanings=dict(parsed.meanings),
        when=_condition(parsed.name.strip(), parsed.when),
    )


def _readable(message: str) -> str:
    """A msgspec message in the words of a schema file: ``Expected `bool`, got `str` - at `$.ordered```
    becomes ``'ordered': expected bool, got str``."""
    text, _, path = message.partition(" - at ")
    key = path.strip("`").removeprefix("$.").removeprefix("$")
    text = text.replace("`", "")
    text = text[:1].lower() + text[1:]
    if text.startswith("object contains unknown field"):
        return "unknown key " + text.removeprefix("object contains unknown field ")
    if text.startswith("object missing required field"):
        return "missing key " + text.removeprefix("object missing required field ")
    return f"{key!r}: {text}" if key else text


def _condition(name: str, when: Any) -> dict[str, tuple[str, ...]]:
    """A ``when`` table as read: field name -> list of values."""
    shape = (
        f"field {name!r}: 'when' must be a table of value lists, "
        'e.g. when = { checkworthy = ["check-worthy"] }'
    )
    if not isinstance(when, Mapping):
        raise SchemaError(shape)
    found = {}
    for other, allowed in when.items():
        if not isinstance(allowed, list) or not all(isinstance(v, str) for v in allowed):
            raise SchemaError(shape)
        found[str(other)] = tuple(allowed)
    return found


def _with_legacy_conditions(records: list[Any]) -> list[Any]:
    names = {r.get("name"): r for r in records if isinstance(r, Mapping)}
    upgraded = []
    for record in records:
        default = DEFAULT_SCHEMA.get(str(record.get("name"))) if isinstance(record, Mapping) else None
        if default is None or not default.when or record.get("kind", "choice") != default.kind:
            upgraded.append(record)
            continue
        usable = all(set(allowed) <= _choices(names.get(n)) for n, allowed in default.when.items())
        upgraded.append(
            {**record, "when": {n: list(a) for n, a in default.when.items()}} if usable else record
        )
    return upgraded


def _choices(record: Any) -> set[str]:
    """The values of a field record as stored, if it is one (a damaged record has none)."""
    values = record.get("values") if isinstance(record, Mapping) else None
    return {v for v in values if isinstance(v, str)} if isinstance(values, list) else set()


def _with_legacy_role(record: Any) -> Any:
    if not isinstance(record, Mapping):
        return record
    default = DEFAULT_SCHEMA.get(str(record.get("name")))
    if default is None or default.role is None or record.get("kind", "choice") != default.kind:
        return record
    return {**record, "role": default.role, "meanings": dict(default.meanings)}


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
        _validate_role(f)
    _validate_conditions(fields)
    roles = [f.role for f in fields if f.role is not None]
    twice = sorted({r for r in roles if roles.count(r) > 1})
    if twice:
        raise SchemaError(f"role(s) played by more than one field: {', '.join(twice)}")


def _validate_conditions(fields: tuple[Field, ...]) -> None:
    """A condition names a choice field defined earlier, and some of its values."""
    earlier: dict[str, Field] = {}
    for f in fields:
        for name, allowed in f.when.items():
            other = earlier.get(name)
            if other is None:
                where = "itself" if name == f.name else f"{name!r}"
                raise SchemaError(
                    f"field {f.name!r}: 'when' refers to {where}, which must be a field defined before it"
                )
            if not other.is_choice:
                raise SchemaError(f"field {f.name!r}: 'when' refers to {name!r}, which is not a choice field")
            if not allowed:
                raise SchemaError(f"field {f.name!r}: 'when' lists no value of {name!r}")
            unknown = [v for v in allowed if v not in other.values]
            if unknown:
                raise SchemaError(
                    f"field {f.name!r}: 'when': {', '.join(map(repr, unknown))} is not a value of {name!r}"
                )
        earlier[f.name] = f


def _validate_role(f: Field) -> None:
    if f.role is None:
        if f.meanings:
            raise SchemaError(f"field {f.name!r}: 'meanings' needs a 'role'")
        return
    if f.role not in ROLES:
        raise SchemaError(f"field {f.name!r}: role must be one of {', '.join(ROLES)}")
    if f.kind != ROLES[f.role]:
        raise SchemaError(f"field {f.name!r}: the {f.role} role needs a {ROLES[f.role]} field")
    allowed = MEANINGS.get(f.role, ())
    for value, meaning in f.meanings.items():
        if value not in f.values:
            raise SchemaError(f"field {f.name!r}: meanings: {value!r} is not one of its values")
        if meaning not in allowed:
            listed = ", ".join(allowed) or "none"
            raise SchemaError(
                f"field {f.name!r}: meanings: {meaning!r} is not a meaning of {f.role} ({listed})"
            )


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

    Every key is type-checked (``ordered = "false"`` is refused, not taken as true), sizes
    are bounded, and names that would clash with the export record are refused.

    Raises:
        SchemaError: the file is missing, not TOML, too large, or not a valid schema.
    """
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_SCHEMA_BYTES + 1)
    except FileNotFoundError:
        raise SchemaError(f"{path}: no such file") from None
    except OSError as err:
        raise SchemaError(f"{path}: {err.strerror or err}") from None
    if len(raw) > MAX_SCHEMA_BYTES:
        raise SchemaError(f"{path}: larger than {MAX_SCHEMA_BYTES // 1000} kB; a schema is a few fields")
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise SchemaError(f"{path}: not valid TOML: {err}") from None
    except RecursionError:
        raise SchemaError(f"{path}: not valid TOML: nested too deeply") from None
    except ValueError as err:  # an integer of thousands of digits, among others
        raise SchemaError(f"{path}: not valid TOML: {err}") from None
    records = data.get("field")
    if not isinstance(records, list):
        raise SchemaError(f"{path}: expected [[field]] tables")
    if len(records) > MAX_FIELDS:
        raise SchemaError(f"{path}: more than {MAX_FIELDS} fields")
    try:
        schema = Schema.from_records(records)
    except SchemaError as err:
        raise SchemaError(f"{path}: {err}") from None
    reserved = [f.name for f in schema if f.name in RESERVED_NAMES]
    if reserved:
        raise SchemaError(
            f"{path}: field {reserved[0]!r}: the name is taken by the export record; choose another"
        )
    return schema


_FACTUAL = {"checkworthy": ("check-worthy", "unimportant")}
"""The default schema's condition: a field that applies only to a sentence that is not not-factual."""

DEFAULT_SCHEMA = Schema(
    (
        Field(
            "checkworthy",
            values=("check-worthy", "unimportant", "not-factual"),
            ordered=True,
            role=CHECKWORTHINESS,
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
            when=_FACTUAL,
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
            when=_FACTUAL,
            kind="text",
            role=SOURCE,
            title="Source",
            help="The person or organisation the claim comes from, as written "
            '("Lynn Maalouf, Amnesty International"); for the writer\'s own claims, the outlet.',
        ),
        Field(
            "source_type",
            when=_FACTUAL,
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
            role=SOURCE_TYPE,
            meanings={"eyewitness": PERSON, "expert": PERSON, "anonymous": PERSON},
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
            when=_FACTUAL,
            values=("supported", "refuted", "conflicting", "not-enough-evidence"),
            scope="claim",
            role=VERDICT,
            title="Verification",
            help="Verdict on the claim itself; unlabelled means not yet checked.",
            value_help={
                "supported": "supported by evidence the annotator can cite",
                "refuted": "refuted by evidence the annotator can cite",
                "conflicting": "evidence on both sides, or true but misleading through omission",
                "not-enough-evidence": "not enough evidence either way",
            },
        ),
        Field(
            "evidence",
            when=_FACTUAL,
            kind="text",
            scope="claim",
            role=EVIDENCE,
            title="Evidence",
            help="Sources the verdict rests on: URLs or references, several separated by ';'.",
        ),
        Field("note", kind="text", title="Note", help="Free text."),
    )
)
"""The default schema (DESIGN.md contract)."""

ADDED_TO_DEFAULT = ("evidence",)
"""Fields added to the default schema after databases were made with it; opening such a
database adds them (:func:`upgrade_default`)."""


def upgrade_default(stored: Schema) -> Schema:
    """A stored schema made from an older default, with the default fields added since.

    A schema qualifies when it holds every other default field as the default defines it
    (name, kind, values, scope, role), none of :data:`ADDED_TO_DEFAULT` by name, and no field
    playing the role of one of them; fields a project added stay where they are. Any other
    schema is returned unchanged: a project's own schema names its own fields.
    """
    present = set(stored.names)
    missing = [f for f in DEFAULT_SCHEMA if f.name in ADDED_TO_DEFAULT and f.name not in present]
    if not missing or any(stored.role(f.role) for f in missing if f.role):
        return stored
    for f in DEFAULT_SCHEMA:
        if f.name in ADDED_TO_DEFAULT:
            continue
        mine = stored.get(f.name)
        if mine is None or _identity(mine) != _identity(f):
            return stored
    fields = list(stored.fields)
    for f in missing:
        before = DEFAULT_SCHEMA.names[: DEFAULT_SCHEMA.names.index(f.name)]
        at = max((fields.index(g) + 1 for g in fields if g.name in before), default=len(fields))
        fields.insert(at, f)
    return Schema(tuple(fields))


def _identity(f: Field) -> tuple[object, ...]:
    return (f.name, f.kind, f.values, f.scope, f.role)
