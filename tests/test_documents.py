"""PDF and Word files: text layer, page furniture removed, clear refusals."""

from __future__ import annotations

import builtins
from pathlib import Path
from typing import Any

import docx
import pytest

from factcheck.ingest.clean import clean
from factcheck.ingest.pipeline import ingest
from factcheck.ingest.readers import ReadError, read_file
from factcheck.store import Store


def make_pdf(pages: list[list[str]], title: str | None = None) -> bytes:
    """A PDF whose pages hold the given lines of text (Helvetica), one line each."""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    kids = []
    for lines in pages:
        ops = ["BT /F1 10 Tf 14 TL 50 780 Td"]
        ops += [f"({line.replace('(', '[').replace(')', ']')}) Tj T*" for line in lines]
        stream = "\n".join([*ops, "ET"])
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
        content = len(objects)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content} 0 R "
            "/Resources << /Font << /F1 3 0 R >> >> >>"
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    info = None
    if title:
        objects.append(f"<< /Title ({title}) >>")
        info = len(objects)
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    trailer = f"<< /Size {len(objects) + 1} /Root 1 0 R" + (f" /Info {info} 0 R" if info else "") + " >>"
    out += f"trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


REPORT = [
    [
        "Amnesty International - Annual Report 2024",
        "Civilian deaths",
        "Airstrikes by the coalition killed at least 426 civilians in the west of the city between",
        "February and July, according to the report, which is based on interviews with 151 resi-",
        "dents and on satellite images of the destroyed neighbourhoods.",
        "The ministry rejected the findings.",
        "1",
    ],
    [
        "Amnesty International - Annual Report 2024",
        "Investigators visited 45 sites where families said their homes had been hit while they were",
        "still inside, and found the remains of guided munitions at most of them.",
        "2",
    ],
    [
        "Amnesty International - Annual Report 2024",
        "The coalition said it would review every allegation that reaches it with enough detail to",
        "identify the strike.",
        "Page 3 of 3",
    ],
]


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_pdf_text_layer_without_page_furniture(tmp_path: Path) -> None:
    path = _write(tmp_path, "report.pdf", make_pdf(REPORT, title="Annual report"))
    [raw] = read_file(path)
    assert raw.fmt == "pdf" and raw.title == "Annual report"
    assert raw.raw.split("\n\n") == [
        "Civilian deaths",
        "Airstrikes by the coalition killed at least 426 civilians in the west of the city between "
        "February and July, according to the report, which is based on interviews with 151 residents "
        "and on satellite images of the destroyed neighbourhoods.",
        "The ministry rejected the findings.",
        "Investigators visited 45 sites where families said their homes had been hit while they were "
        "still inside, and found the remains of guided munitions at most of them.",
        "The coalition said it would review every allegation that reaches it with enough detail to "
        "identify the strike.",
    ]
    assert "Civilian deaths" not in clean(raw).text.split("\n\n")[1:]


def test_a_pdf_without_text_is_refused_as_scanned(tmp_path: Path) -> None:
    path = _write(tmp_path, "scan.pdf", make_pdf([[], []]))
    with pytest.raises(ReadError, match="no text layer"):
        read_file(path)


def test_a_broken_pdf_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "broken.pdf", b"%PDF-1.4\nthis is not a pdf at all")
    with pytest.raises(ReadError, match="not a readable PDF"):
        read_file(path)


def test_docx_headings_lists_and_tables(tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "Statement on the strikes"
    document.add_heading("Statement on the strikes", level=1)
    document.add_paragraph("The ministry said on Monday that 40 people had died in the strikes.")
    document.add_heading("What we know", level=2)
    document.add_paragraph("Three bridges collapsed in the north of the province", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for row, (town, deaths) in zip(table.rows, [("Port Anna", "23"), ("Easton", "17")], strict=True):
        row.cells[0].text, row.cells[1].text = town, deaths
    path = tmp_path / "statement.docx"
    document.save(str(path))
    [raw] = read_file(path)
    cleaned = clean(raw)
    assert cleaned.title == "Statement on the strikes"
    assert cleaned.text.split("\n\n") == [
        "The ministry said on Monday that 40 people had died in the strikes.",
        "Three bridges collapsed in the north of the province",
        "Port Anna | 23",
        "Easton | 17",
    ]


def test_a_broken_docx_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "broken.docx", b"PK\x03\x04 not really a zip")
    with pytest.raises(ReadError, match="not a readable Word document"):
        read_file(path)


@pytest.mark.parametrize(("suffix", "module", "extra"), [(".pdf", "pypdf", "pdf"), (".docx", "docx", "docx")])
def test_a_missing_extra_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str, module: str, extra: str
) -> None:
    real_import = builtins.__import__

    def without(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == module or name.startswith(module + "."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without)
    path = _write(tmp_path, "file" + suffix, make_pdf(REPORT))
    with Store(tmp_path / "x.db") as store:
        report = ingest(store, [path])
    assert [e.reason for e in report.errors] == [
        f"reading this file needs the {'pypdf' if extra == 'pdf' else 'python-docx'} package: "
        f"pip install 'factcheck[{extra}]'"
    ]
