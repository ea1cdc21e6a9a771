"""CheckThat! exports checked the way the lab checks submissions: its run format and its scorer.

The checker and scorer below are written from the published format of the CLEF 2024
CheckThat! Task 1 (English): a run file has a header line, then ``<id> TAB <Yes|No> TAB
<run_id>`` per line, where the id is a number of 2 to 23 digits not starting with 0 and the run
id is letters, digits, ``_`` or ``-``; the scorer reads the labelled file one record per line
split at tabs (``id``, ``text``, ``class_label`` after a header), requires the run to hold
exactly the labelled ids, and reports accuracy and precision, recall and F1 of ``Yes``.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from test_export_formats import build, new_article, run

from factcheck.export.checkthat import mention_id_prefix, sentence_id
from factcheck.store import Store

RUN_LINE = re.compile(r"^[1-9][0-9]{1,22}\t(Yes|No)\t[\w-]+$")

NASTY = (
    '"We will rebuild," the mayor said. She added:\t"Twenty schools.\n'
    'Most by May." "Quotes" open this one, with a comma. Plain one.'
)
NASTY_SENTENCES = [
    '"We will rebuild," the mayor said.',
    'She added:\t"Twenty schools.\nMost by May."',
    '"Quotes" open this one, with a comma.',
    "Plain one.",
]


def check_run_format(text: str) -> list[str]:
    """The lab's format check of a run file: the lines it would reject (none: accepted)."""
    lines = text.strip().split("\n")
    return [line for line in lines[1:] if not RUN_LINE.match(line.strip())]


def read_labelled(text: str) -> dict[str, str]:
    """The labelled file as the lab's scorer reads it: a header, then id TAB text TAB label."""
    labels = {}
    for line in text.split("\n")[1:]:
        if line:
            number, _text, label = line.strip().split("\t")
            labels[number] = label
    return labels


def score(labelled: str, run_file: str) -> dict[str, float]:
    """Accuracy and precision, recall, F1 of Yes, as the lab's scorer computes them."""
    gold = read_labelled(labelled)
    predicted = dict(line.split("\t")[:2] for line in run_file.strip().split("\n")[1:])
    if set(predicted) != set(gold):
        raise ValueError("the predictions do not match the labelled ids")
    pairs = [(gold[k], predicted[k]) for k in sorted(gold)]
    tp = sum(g == p == "Yes" for g, p in pairs)
    precision = tp / max(1, sum(p == "Yes" for _, p in pairs))
    recall = tp / max(1, sum(g == "Yes" for g, _ in pairs))
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    return {"accuracy": sum(g == p for g, p in pairs) / len(pairs), "f1": f1}


@pytest.fixture
def nasty(tmp_path: Path) -> Store:
    """The export test database plus an article of sentences that break naive TSV."""
    store = build(tmp_path / "c.db")[0]
    store.add_article(new_article(NASTY, NASTY_SENTENCES, path="nasty.txt"))
    nasty_ids = [m.id for m in store.iter_mentions()][-4:]
    for n, mid in enumerate(nasty_ids):
        store.set_label("alice", mid, "checkworthy", "check-worthy" if n % 2 else "unimportant")
    return store


def test_the_run_passes_the_format_check_and_scores_against_the_labelled_file(nasty: Store) -> None:
    labelled, summary = run(nasty, "checkthat")
    run_file, run_summary = run(nasty, "checkthat-run")
    assert run_file.split("\n")[0] == "Sentence_id\tclass_label\trun_id"
    assert check_run_format(run_file) == []
    assert len(read_labelled(labelled)) == summary.records == run_summary.records == 6
    assert score(labelled, run_file) == {"accuracy": 1.0, "f1": 1.0}


def test_the_format_check_rejects_what_the_lab_rejects() -> None:
    bad = "Sentence_id\tclass_label\trun_id\n13668967ed8ccc33\tYes\tx\n7\tNo\tx\n12\tyes\tx\n12\tNo\t\n"
    assert len(check_run_format(bad)) == 4


def test_every_line_of_the_labelled_file_is_one_record_of_three_cells(nasty: Store) -> None:
    labelled = run(nasty, "checkthat")[0]
    lines = labelled.strip().split("\n")
    assert lines[0] == "Sentence_id\tText\tclass_label"
    assert all(len(line.split("\t")) == 3 for line in lines)


def test_text_is_quoted_as_the_lab_data_is_and_reads_back_whole(nasty: Store) -> None:
    labelled = run(nasty, "checkthat")[0]
    rows = list(csv.reader(io.StringIO(labelled), delimiter="\t"))
    texts = [r[1] for r in rows[1:]]
    flat = [" ".join(s.split()) for s in NASTY_SENTENCES]
    assert texts[-4:] == flat
    assert len(rows) == 7  # no record swallowed by a quote at the start of a sentence
    assert '\t"""Quotes"" open this one, with a comma."\t' in labelled
    assert "\tPlain one.\t" in labelled  # quoted only when needed, like the lab's files


def test_pandas_reads_the_labelled_file_whole(nasty: Store) -> None:
    pandas = pytest.importorskip("pandas")
    labelled = run(nasty, "checkthat")[0]
    frame = pandas.read_csv(io.StringIO(labelled), sep="\t")
    assert list(frame.columns) == ["Sentence_id", "Text", "class_label"]
    assert len(frame) == 6 and str(frame["Sentence_id"].dtype) == "int64"
    assert frame["Text"].iloc[-2] == '"Quotes" open this one, with a comma.'


def test_sentence_ids_are_stable_numbers_that_lead_back_to_the_mention(nasty: Store) -> None:
    labelled = run(nasty, "checkthat")[0]
    numbers = [int(n) for n in read_labelled(labelled)]
    ids = {m.id for m in nasty.iter_mentions()}
    for number in numbers:
        assert 10 <= number < 2**63
        assert [m for m in ids if m.startswith(mention_id_prefix(number))] != []
    assert sentence_id(next(iter(ids))) == int(next(iter(ids))[:15], 16)
    assert run(nasty, "checkthat")[0] == labelled  # the same on every run
