"""Tests for finding, decoding and reading article files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.ingest.readers import (
    PathNotFoundError,
    RawArticle,
    ReadError,
    decode,
    iter_files,
    read_file,
)

DATA = Path(__file__).parent / "data"


def test_iter_files_walks_folders_sorted_and_skips_other_files(tmp_path: Path) -> None:
    for name in ["b.txt", "a.md", "sub/c.html", "sub/d.jsonl", "e.odt", ".hidden.txt", ".git/f.txt", "g.HTM"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = [
        path.relative_to(tmp_path).as_posix() for path in iter_files([tmp_path]) if isinstance(path, Path)
    ]
    assert found == ["a.md", "b.txt", "g.HTM", "sub/c.html", "sub/d.jsonl"]


def test_iter_files_yields_named_files_once_whatever_their_suffix(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "notes.pdf").write_text("x", encoding="utf-8")
    paths: list[str | Path] = [tmp_path / "notes.pdf", tmp_path, str(tmp_path / "a.txt")]
    assert [path.name for path in iter_files(paths)] == ["notes.pdf", "a.txt"]


def test_iter_files_raises_for_a_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(PathNotFoundError) as info:
        list(iter_files([missing]))
    assert isinstance(info.value, ReadError)
    assert isinstance(info.value, FileNotFoundError)
    assert str(missing) in str(info.value)
    assert info.value.path == str(missing)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"plain ascii", "plain ascii"),
        ("caf\u00e9 \u201cquoted\u201d".encode(), "caf\u00e9 \u201cquoted\u201d"),
        (b"\xef\xbb\xbfwith BOM", "with BOM"),
        (b"\xff\xfe" + "UTF-16 \u00e9".encode("utf-16-le"), "UTF-16 \u00e9"),
        (b"\xfe\xff" + "UTF-16 \u00e9".encode("utf-16-be"), "UTF-16 \u00e9"),
        ("Gen\u00e8ve et la se\u00f1ora".encode("latin-1"), "Gen\u00e8ve et la se\u00f1ora"),
        ("“Naïve” — €5…".encode("cp1252"), "“Naïve” — €5…"),
        (b"one\r\ntwo\rthree\n", "one\ntwo\nthree\n"),
        (b"", ""),
    ],
)
def test_decode(data: bytes, expected: str) -> None:
    assert decode(data) == expected


def test_decode_cyrillic_is_not_taken_for_latin() -> None:
    text = "Министерство обороны заявило, что удары по городу продолжались всю ночь. " * 3
    assert decode(text.encode("cp1251")) == text


@pytest.mark.parametrize("data", [b"text\x00with NUL", b"GIF89a\x01\x00\x01\x00", b"\x01\x02\x03abc\x04"])
def test_decode_rejects_binary(data: bytes) -> None:
    with pytest.raises(ReadError, match="binary file"):
        decode(data)


_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\t"))


@given(_TEXT)
def test_decode_round_trips_utf8_and_utf16(text: str) -> None:
    assert decode(text.encode("utf-8")) == text
    assert decode(b"\xff\xfe" + text.encode("utf-16-le")) == text


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("latin1.txt", "Le minist\u00e8re a d\u00e9clar\u00e9"),
        ("cp1252.txt", "The minister said the bill would cost \u201cat least \u20ac5 billion\u201d \u2014"),
        ("utf16.txt", "Die Koalition wies den Bericht zur\u00fcck"),
        ("crlf.txt", "Aid groups said on Monday"),
    ],
)
def test_read_file_decodes_text_files(name: str, start: str) -> None:
    [article] = read_file(DATA / name)
    assert article.raw.startswith(start)
    assert "\r" not in article.raw
    assert article.fmt == "txt"
    assert article.path == str(DATA / name)


def test_read_file_formats() -> None:
    assert read_file(DATA / "article.md")[0].fmt == "md"
    [page] = read_file(DATA / "page.html")
    assert page.fmt == "html"
    assert page.raw.lstrip().startswith("<!DOCTYPE html>")


def test_read_file_html_uses_the_declared_charset(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    html = '<html><head><meta charset="windows-1251"></head><body><p>Мосул освобождён.</p></body></html>'
    page.write_bytes(html.encode("cp1251"))
    assert "Мосул освобождён." in read_file(page)[0].raw


@pytest.mark.parametrize(
    ("name", "reason"),
    [("empty.txt", "empty file"), ("blank.md", "empty file"), ("binary.txt", "binary file")],
)
def test_read_file_rejects_bad_files(name: str, reason: str) -> None:
    with pytest.raises(ReadError, match=reason):
        read_file(DATA / name)


def test_read_file_rejects_an_unsupported_suffix(tmp_path: Path) -> None:
    path = tmp_path / "report.odt"
    path.write_text("text", encoding="utf-8")
    with pytest.raises(ReadError, match=r"unsupported file type '\.odt'"):
        read_file(path)


def test_read_jsonl_articles_with_metadata() -> None:
    path = DATA / "articles.jsonl"
    first, second, third = read_file(path)
    assert first == RawArticle(
        path=f"{path}#1",
        raw="Strikes hit west Mosul on Monday, residents said.\n\n"
        "The coalition said it would review the reports.",
        fmt="jsonl",
        title="Strikes hit Mosul",
        outlet="Example Wire",
        url="https://example.org/a1",
        published="2017-07-11",
        id="a1",
        line=1,
    )
    # Line 2 is blank: skipped, but line numbers stay those of the file.
    assert (second.line, second.path, second.id, second.title) == (3, f"{path}#3", "7", None)
    assert (third.line, third.published) == (4, "2017-07-11")


def test_read_jsonl_names_a_broken_middle_line() -> None:
    with pytest.raises(ReadError) as info:
        read_file(DATA / "broken.jsonl")
    assert str(info.value).startswith("line 2: invalid JSON")
    assert info.value.line == 2


def test_read_jsonl_rejects_a_line_without_text() -> None:
    with pytest.raises(ReadError, match='line 2: missing or empty "text"') as info:
        read_file(DATA / "notext.jsonl")
    assert info.value.line == 2


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"text": "   "}', 'line 2: missing or empty "text"'),
        ('{"text": 5}', 'line 2: missing or empty "text"'),
        ('["text"]', "line 2: expected a JSON object"),
        ('{"text": "ok", "title": ["x"]}', 'line 2: "title" must be a string'),
        ('{"text": "ok", "published": 2017}', 'line 2: "published" must be a string'),
    ],
)
def test_read_jsonl_rejects_bad_lines(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "fine"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(ReadError) as info:
        read_file(path)
    assert str(info.value) == reason


def test_read_jsonl_keeps_line_separators_inside_strings(tmp_path: Path) -> None:
    path = tmp_path / "sep.jsonl"
    path.write_text('{"text": "one\u2028two"}\r\n{"text": "three"}\r\n', encoding="utf-8")
    assert [(a.line, a.raw) for a in read_file(path)] == [(1, "one\u2028two"), (2, "three")]
