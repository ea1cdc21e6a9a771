"""Property: any set of labels survives export -> import into a fresh database -> export."""

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

names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=12,
).filter(lambda s: s.strip() != "")

choice_label = st.sampled_from([(f.name, v) for f in DEFAULT_SCHEMA.fields if f.is_choice for v in f.values])
text_label = st.tuples(
    st.sampled_from([f.name for f in DEFAULT_SCHEMA.fields if not f.is_choice]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30).filter(
        lambda s: s.strip() != ""
    ),
)
label = st.tuples(st.integers(0, len(SPANS) - 1), names, st.one_of(choice_label, text_label))


def build(folder: Path, name: str) -> Store:
    store = Store(folder / name)
    store.add_article(NewArticle("a.txt", TEXT, TEXT, SPANS, [None, None, "he"], title="T [b]"))
    return store


def exported(store: Store) -> str:
    out = io.StringIO()
    write_export(store, "jsonl", out)
    return out.getvalue()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(label, max_size=12))
def test_export_import_export_is_identical(labels: list[tuple[int, str, tuple[str, str]]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        first = build(folder, "first.db")
        mentions = first.mentions(first.articles()[0].id)
        for index, annotator, (field, value) in labels:
            first.set_label(annotator, mentions[index].id, field, value)
        before = exported(first)
        (folder / "out.jsonl").write_text(before, encoding="utf-8")
        second = build(folder, "second.db")
        import_file(folder / "out.jsonl", second)
        assert exported(second) == before
        first.close()
        second.close()
