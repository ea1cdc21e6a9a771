"""Build ``bench/data/pages.jsonl.xz``: real news pages with a reference body text each.

The pages come from the test fixtures of two extraction libraries (git checkouts given
on the command line): mozilla/readability (Apache-2.0; ``test/test-pages/NAME/source.html``
with ``expected.html``, readability's checked output) and AndyTheFactory/newspaper4k (MIT;
``tests/data/html/NAME.html`` with ``tests/data/txt/NAME.txt``). Scripts, styles and
comments are removed from each page to keep the file small (JSON-LD stays: it carries
metadata). Usage: ``python bench/make_pages.py READABILITY_GIT NEWSPAPER4K_GIT [--unseen]``.

``--unseen`` writes ``pages_unseen.jsonl.xz`` instead: other news, magazine and blog pages of
the same fixtures, kept apart as a check that the cleaner's rules were not fitted to the main set.
"""

from __future__ import annotations

import argparse
import json
import lzma
import re
import subprocess
from pathlib import Path

import lxml.html

DATA = Path(__file__).resolve().parent / "data"

READABILITY = (  # noqa: SIM905
    "aclu aktualne ars-1 bbc-1 breitbart bug-1255978 buzzfeed-1 citylab-1 cnet cnet-svg-classes cnn "
    "ehow-1 engadget folha gmw guardian-1 heise herald-sun-1 hukumusume keep-tabular-data la-nacion "
    "lemonde-1 liberation-1 lifehacker-working medicalnewstoday msn nytimes-1 nytimes-2 nytimes-3 "
    "nytimes-4 pixnet qq quanta-1 salon-1 schema-org-context-object seattletimes-1 simplyfound-1 "
    "telegraph theverge tmz-1 wapo-1 wapo-2 webmd-1 wordpress yahoo-3 yahoo-4 youth"
).split()
NEWSPAPER = (  # noqa: SIM905
    "arabic_article burmese_article chinese_article chinese_article_001 chinese_article_002 "
    "cleveland.com1 cnn_001 fox13now_001 japanese_article japanese_article2 latvian_article "
    "spanish_article thai_article time_001 wired_001 yna_co_kr"
).split()
# Pages never looked at while the cleaner's rules were written: scored only as a whole.
UNSEEN_READABILITY = (  # noqa: SIM905
    "ebb-org ehow-2 iab-1 lifehacker-post-comment-load medium-1 medium-2 medium-3 nytimes-5 "
    "videos-1 videos-2 webmd-2 wikia yahoo-1 yahoo-2"
).split()
UNSEEN_NEWSPAPER = ["cnn_002", "cnn_article", "video_article_01", "video_article_02"]

_DROP = re.compile(
    r"<script(?![^>]*ld\+json)[^>]*>.*?</script\s*>|<style[^>]*>.*?</style\s*>|<!--.*?-->"
    r"|<svg[^>]*>.*?</svg\s*>|<noscript[^>]*>.*?</noscript\s*>",
    re.S | re.I,
)
_BLOCKS = {
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "td", "th",
    "figcaption", "section", "article", "br", "dt", "dd", "table", "ul", "ol",
}  # fmt: skip


def _show(git: str, path: str) -> bytes:
    return subprocess.run(["git", "--git-dir", git, "show", f"HEAD:{path}"], capture_output=True).stdout


def _commit(git: str) -> str:
    command = ["git", "--git-dir", git, "rev-parse", "HEAD"]
    return subprocess.run(command, capture_output=True, text=True).stdout


def html_to_text(html: str) -> str:
    """Text of an HTML fragment, one line per block element."""
    root = lxml.html.fromstring(html)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
            element.text = "\n" + (element.text or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("readability")
    parser.add_argument("newspaper")
    parser.add_argument("--unseen", action="store_true", help="write the set kept apart instead")
    args = parser.parse_args()
    out = DATA / ("pages_unseen.jsonl.xz" if args.unseen else "pages.jsonl.xz")
    records = []
    source = f"mozilla/readability@{_commit(args.readability).strip()[:12]} (Apache-2.0)"
    for name in UNSEEN_READABILITY if args.unseen else READABILITY:
        base = f"test/test-pages/{name}"
        meta = json.loads(_show(args.readability, f"{base}/expected-metadata.json") or b"{}")
        html = _show(args.readability, f"{base}/source.html").decode("utf-8")
        reference = html_to_text(_show(args.readability, f"{base}/expected.html").decode("utf-8"))
        records.append(
            {"name": f"readability/{name}", "source": source, "lang": meta.get("lang"),
             "html": _DROP.sub("", html), "reference": reference}
        )  # fmt: skip
    source = f"AndyTheFactory/newspaper4k@{_commit(args.newspaper).strip()[:12]} (MIT)"
    for name in UNSEEN_NEWSPAPER if args.unseen else NEWSPAPER:
        html = _show(args.newspaper, f"tests/data/html/{name}.html").decode("utf-8", "replace")
        meta = json.loads(_show(args.newspaper, f"tests/data/metadata/{name}.json") or b"{}")
        reference = _show(args.newspaper, f"tests/data/txt/{name}.txt").decode("utf-8")
        reference = "\n".join(line.strip() for line in reference.splitlines() if line.strip())
        records.append(
            {"name": f"newspaper4k/{name}", "source": source, "lang": meta.get("language"),
             "html": _DROP.sub("", html), "reference": reference}
        )  # fmt: skip
    with lzma.open(out, "wt", encoding="utf-8", preset=9) as lines:
        for record in records:
            lines.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(records)} pages -> {out} ({out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
