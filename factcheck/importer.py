"""Import of labels from JSONL in the export's own format: a whole file or nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.schema import Schema
from factcheck.store import ImportCounts, Store

LabelRow = tuple[str, str, str, str]
"""(mention id, annotator, field, value)."""


@dataclass(frozen=True)
class ImportFileError(Exception):
    """A bad line in an import file; nothing from the file is written."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


def _rows_of(data: Any, schema: Schema) -> Iterator[LabelRow]:
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    mid = data.get("mention_id")
    if not isinstance(mid, str) or not mid:
        raise ValueError("missing 'mention_id'")
    annotations = data.get("annotations")
    if not isinstance(annotations, list):
        raise ValueError("missing 'annotations' (a list)")
    for entry in annotations:
        yield from _entry_rows(mid, entry, schema)


def _entry_rows(mid: str, entry: Any, schema: Schema) -> Iterator[LabelRow]:
    if not isinstance(entry, dict):
        raise ValueError("each annotation must be an object")
    annotator = entry.get("annotator")
    if not isinstance(annotator, str) or not annotator.strip():
        raise ValueError("an annotation without 'annotator'")
    for name, value in entry.items():
        if name == "annotator":
            continue
        field = schema.get(name)
        if field is None:
            raise ValueError(f"unknown field {name!r} (fields: {', '.join(schema.names)})")
        if not isinstance(value, str):
            raise ValueError(f"{name}: value must be a string, got {json.dumps(value)}")
        if not field.accepts(value):
            raise ValueError(f"{name}: unknown value {value!r} (values: {', '.join(field.values)})")
        yield mid, annotator, name, value


def read_labels(path: str | Path, store: Store) -> list[LabelRow]:
    """Parse and validate every line before anything is written.

    Raises:
        ImportFileError: the first bad line (broken JSON, unknown mention, field or value).
    """
    rows: list[LabelRow] = []
    try:
        handle = open(path, encoding="utf-8-sig")  # noqa: SIM115 - closed below
    except OSError as err:
        raise ImportFileError(str(path), None, err.strerror or str(err)) from None
    with handle:
        try:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    rows.extend(_parse_line(str(path), number, line, store))
        except UnicodeDecodeError:
            raise ImportFileError(str(path), None, "not UTF-8 text") from None
    return rows


def _parse_line(path: str, number: int, line: str, store: Store) -> list[LabelRow]:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as err:
        raise ImportFileError(path, number, f"invalid JSON: {err.msg}") from None
    try:
        rows = list(_rows_of(data, store.schema))
    except ValueError as err:
        raise ImportFileError(path, number, str(err)) from None
    if store.mention(data["mention_id"]) is None:
        raise ImportFileError(path, number, f"unknown mention {data['mention_id']!r}")
    return rows


def import_file(path: str | Path, store: Store) -> ImportCounts:
    """Validate a whole file, then upsert its labels in one transaction."""
    return store.import_labels(read_labels(path, store))
