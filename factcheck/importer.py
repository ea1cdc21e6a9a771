"""Import of labels and gold from JSONL in the export's own format: a whole file or nothing.

Every line is parsed and validated (types, schema fields and values, known sentences,
annotator names, times) into a private stage before anything is written; the stage is
then applied in short transactions (see ``factcheck/store/bulk.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import BinaryIO

import msgspec

from factcheck.schema import Schema
from factcheck.store import ImportReport, ImportStage, StagedGold, StagedLabel, Store, clean_name

MAX_LINE_BYTES = 64 * 1024 * 1024
"""A longer line is refused (a file of zeros or a device would otherwise fill memory)."""
BATCH_LINES = 2000
"""Lines validated together (their sentences looked up in one query) before they are staged."""


class GoldInfo(msgspec.Struct):
    """Who adjudicated a gold value, and when (``gold_adjudication`` in the export record)."""

    adjudicator: str | None = None
    at: str | None = None


class Record(msgspec.Struct):
    """The keys of an export record the import reads; any other key is ignored."""

    mention_id: str
    annotations: list[dict[str, str]]
    gold: dict[str, str] | None = None
    labelled_at: dict[str, dict[str, str]] | None = None
    gold_adjudication: dict[str, GoldInfo] | None = None


_DECODER = msgspec.json.Decoder(Record)


@dataclass(frozen=True)
class ImportFileError(Exception):
    """A bad line in an import file; nothing from the file is written."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


def parse_time(text: str) -> str:
    """A timestamp from a file as the store writes them (UTC, milliseconds).

    Raises:
        ValueError: not an ISO 8601 time with a time zone, or in the future.
    """
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not an ISO 8601 time") from None
    if when.tzinfo is None:
        raise ValueError(f"{text!r} has no time zone")
    when = when.astimezone(UTC)
    if when > datetime.now(UTC) + timedelta(days=1):
        raise ValueError(f"{text!r} is in the future")
    return when.isoformat(timespec="milliseconds")


def _value(schema: Schema, name: str, value: str) -> str:
    field = schema.get(name)
    if field is None:
        raise ValueError(f"unknown field {name!r} (fields: {', '.join(schema.names)})")
    if not value.strip():
        raise ValueError(f"{name}: empty value (an import sets labels, it never clears them)")
    if not field.accepts(value):
        raise ValueError(f"{name}: unknown value {value!r} (values: {', '.join(field.values)})")
    return value


def _labels(record: Record, line: int, schema: Schema) -> list[StagedLabel]:
    times = record.labelled_at or {}
    rows = []
    for entry in record.annotations:
        raw = entry.get("annotator")
        if raw is None:
            raise ValueError("an annotation without 'annotator'")
        who = clean_name(raw, "'annotator'")
        when = times.get(raw) or times.get(who) or {}
        for name, value in entry.items():
            if name == "annotator":
                continue
            at = when.get(name)
            rows.append(
                StagedLabel(
                    line,
                    record.mention_id,
                    who,
                    name,
                    _value(schema, name, value),
                    None if at is None else parse_time(at),
                )
            )
    return rows


def _gold(record: Record, line: int, schema: Schema) -> list[StagedGold]:
    info = record.gold_adjudication or {}
    rows = []
    for name, value in (record.gold or {}).items():
        about = info.get(name, GoldInfo())
        who = None if about.adjudicator is None else clean_name(about.adjudicator, f"{name}: adjudicator")
        at = None if about.at is None else parse_time(about.at)
        rows.append(StagedGold(line, record.mention_id, name, _value(schema, name, value), who, at))
    return rows


def parse_line(raw: bytes, line: int, schema: Schema) -> tuple[str, list[StagedLabel], list[StagedGold]]:
    """One line's mention id, labels and gold.

    Raises:
        ValueError: the reason the line is refused.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    try:
        record = _DECODER.decode(text)
    except msgspec.ValidationError as err:
        raise ValueError(str(err).replace("`", "'")) from None
    except msgspec.DecodeError as err:
        raise ValueError(f"invalid JSON: {err}") from None
    except RecursionError:
        raise ValueError("invalid JSON: nested too deeply") from None
    if not record.mention_id:
        raise ValueError("missing 'mention_id'")
    return record.mention_id, _labels(record, line, schema), _gold(record, line, schema)


def _lines(handle: BinaryIO) -> Iterator[tuple[int, bytes]]:
    for number in range(1, 2**62):
        raw = handle.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        if len(raw) > MAX_LINE_BYTES:
            raise ImportFileError(getattr(handle, "name", "?"), number, "line too long")
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if raw.strip():
            yield number, raw


def import_file(path: str | Path, store: Store) -> ImportReport:
    """Validate a whole file into a stage, then apply it in short transactions.

    Raises:
        ImportFileError: the first bad line (broken JSON, a wrong type, an unknown sentence,
            field or value, a blank annotator); nothing is written.
    """
    name = str(path)
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as err:
        raise ImportFileError(name, None, err.strerror or str(err)) from None
    stage = store.stage_import()
    try:
        with handle:
            _stage_lines(name, handle, store, stage)
        stage.seal(name)
    except BaseException:
        stage.discard()
        raise
    return store.apply_import(stage, name)


def _stage_lines(name: str, handle: BinaryIO, store: Store, stage: ImportStage) -> None:
    batch: list[tuple[int, str, list[StagedLabel], list[StagedGold]]] = []
    try:
        for number, raw in _lines(handle):
            try:
                batch.append((number, *parse_line(raw, number, store.schema)))
            except ValueError as err:
                raise ImportFileError(name, number, str(err)) from None
            if len(batch) >= BATCH_LINES:
                _stage_batch(name, batch, store, stage)
                batch = []
    except OSError as err:
        raise ImportFileError(name, None, err.strerror or str(err)) from None
    _stage_batch(name, batch, store, stage)


def _stage_batch(
    name: str,
    batch: list[tuple[int, str, list[StagedLabel], list[StagedGold]]],
    store: Store,
    stage: ImportStage,
) -> None:
    claims = store.known_mentions([mid for _n, mid, _l, _g in batch])
    for number, mid, *_rows in batch:
        if mid not in claims:
            raise ImportFileError(name, number, f"unknown mention {mid!r}")
    stage.add(
        [row for _n, _m, labels, _g in batch for row in labels],
        [row for _n, _m, _l, gold in batch for row in gold],
        claims,
    )
