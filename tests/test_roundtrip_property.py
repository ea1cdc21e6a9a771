"""Property: any labels and gold survive export -> import into a fresh database -> export, byte for byte."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.export import write_export
from factcheck.importer import import_file
from factcheck.schema import DEFAULT_SCHEMA
from factcheck.store import NewArticle, Store

TEXT = "Amnesty said 426 civilians died. The coalition denied it. “It is [/] false,” he said."
SPANS = [(0, 32), (33, 56), (57, 86)]
OTHER = "Amnesty said 426 civilians died. Officials were not available."
OTHER_SPANS = [(0, 32), (33, 62)]
"""A second article repeating the first sentence: one claim with two mentions."""

names = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        min_size=1,
        max_size=12,
    )
    .map(str.strip)
    .filter(bool)
)
"""Annotator names as they enter the database: stripped, never blank."""

choice_label = st.sampled_from([(f.name, v) for f in DEFAULT_SCHEMA.fields if f.is_choice for v in f.values])
text_label = st.tuples(
    st.sampled_from([f.name for f in DEFAULT_SCHEMA.fields if not f.is_choice]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30).filter(
        lambda s: s.strip() != ""
    ),
)
label = st.tuples(
    st.integers(0, len(SPANS) + len(OTHER_SPANS) - 1), names, st.one_of(choice_label, text_label)
)
gold = st.tuples(st.integers(0, len(SPANS) + len(OTHER_SPANS) - 1), names, choice_label)


def build(folder: Path, name: str) -> Store:
    store = Store(folder / name)
    store.add_article(NewArticle("a.txt", TEXT, TEXT, SPANS, [None, None, "he"], title="T [b]"))
    store.add_article(NewArticle("b.txt", OTHER, OTHER, OTHER_SPANS, [None, None], title="Other"))
    first, repeat = store.iter_mentions().__next__(), store.mentions(store.articles()[1].id)[0]
    with store.transaction():  # the repeated sentence joins the first one's claim, as clustering would
        store.db.execute("update mentions set claim_id = ? where id = ?", [first.claim_id, repeat.id])
        store.db.execute("delete from claims where id = ?", [repeat.claim_id])
        store.db.execute("update claims set size = 2 where id = ?", [first.claim_id])
    return store


def exported(store: Store) -> str:
    out = io.StringIO()
    write_export(store, "jsonl", out)
    return out.getvalue()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(label, max_size=12), st.lists(gold, max_size=4))
def test_export_import_export_is_identical(
    labels: list[tuple[int, str, tuple[str, str]]], golds: list[tuple[int, str, tuple[str, str]]]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        first = build(folder, "first.db")
        mentions = list(first.iter_mentions())
        for index, annotator, (field, value) in labels:
            first.set_label(annotator, mentions[index].id, field, value)
        for index, adjudicator, (field, value) in golds:
            scope = DEFAULT_SCHEMA[field].scope
            target = mentions[index].id if scope == "mention" else mentions[index].claim_id
            first.set_gold(scope, target or "", field, value, adjudicator)
        before = exported(first)
        (folder / "out.jsonl").write_text(before, encoding="utf-8")
        second = build(folder, "second.db")
        import_file(folder / "out.jsonl", second)
        assert exported(second) == before
        import_file(folder / "out.jsonl", second)  # importing again changes nothing
        assert exported(second) == before
        first.close()
        second.close()
