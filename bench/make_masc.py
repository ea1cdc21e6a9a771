"""Build ``bench/data/masc_news_sentences.txt``: news and blog text with gold sentence boundaries.

The sentences come from MASC, the Manually Annotated Sub-Corpus of American English (American
National Corpus; sentence boundaries validated by hand), as NLTK ships it: the ``masc_tagged``
package of nltk/nltk_data (``packages/corpora/masc_tagged.zip``), one tokenised sentence a line,
a blank line between paragraphs. Every ``newspaper`` file except the Wall Street Journal ones
(those also belong to the Penn Treebank, under the LDC's terms) and every ``blog`` file is
taken. Tokens are joined back into running text (no space before closing punctuation and
clitics, straight quotes opened and closed in turn); the boundaries themselves are MASC's.

Usage: ``python bench/make_masc.py MASC_TAGGED_ZIP``.
"""

from __future__ import annotations

import argparse
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent / "data" / "masc_news_sentences.txt"
GENRES = ("newspaper", "blog")

_NO_SPACE_BEFORE = frozenset(",.;:!?%)]}”") | {"...", "n't", "N'T", "n’t"}
_CLITICS = frozenset({"'s", "'re", "'ve", "'ll", "'d", "'m", "’s", "’re", "’ve", "’ll", "’d", "’m"})
_TAILS = frozenset({"s", "t", "m", "re", "ve", "ll", "d"})
_NO_SPACE_AFTER = frozenset("([{$#“")
_HEADER = """\
# News and blog text with gold sentence boundaries, one sentence a line; a blank line between
# paragraphs, two blank lines between documents, "# genre/name" opens a document. From MASC, the
# Manually Annotated Sub-Corpus of American English (American National Corpus, sentence
# boundaries validated by hand), as distributed in nltk/nltk_data packages/corpora/
# masc_tagged.zip, whose licence reads: "This data may be used for the purposes of linguistic
# education, research, and development, including commercial development." Built by
# bench/make_masc.py: genres newspaper (without the Wall Street Journal files) and blog; the
# tokens joined back into running text, the boundaries MASC's own.
"""


def words(line: str) -> list[str]:
    """The words of a tagged line (``word_TAG`` tokens), empty ones dropped, with the quotes
    typed as two backticks or two apostrophes made into curly quotes."""
    found = [word for word in (token.rsplit("_", 1)[0] for token in line.split()) if word]
    merged: list[str] = []
    for word in found:
        if merged and (merged[-1], word) in (("`", "`"), ("'", "'")):
            merged[-1] = "“" if word == "`" else "”"
        else:
            merged.append(word)
    return merged


def detokenize(tokens: list[str], quotes: list[bool]) -> str:
    """Running text from tokens.

    Args:
        tokens: The sentence's tokens.
        quotes: Two flags, shared by the sentences of a paragraph: whether a straight double
            quote and whether a single quote are open.
    """
    out = ""
    glue = True
    for i, token in enumerate(tokens):
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        space = not glue
        glue = token in _NO_SPACE_AFTER
        if token in _NO_SPACE_BEFORE or token.lower() in _CLITICS:
            space = False
        elif token == '"':
            quotes[0] = not quotes[0]
            if quotes[0]:
                glue = True  # an opening quote sticks to the next word
            else:
                space = False
        elif token in ("`", "‘"):
            quotes[1], glue = True, True
        elif token in ("'", "’"):
            # A closing single quote, or an apostrophe split off its word ("state ’ s").
            space = False
            if following.lower() in _TAILS:
                glue = True
            else:
                quotes[1] = False
        elif token == "-" and out[-1:].isalnum():
            space, glue = False, True  # "minor - league" was "minor-league"
        out += (" " if space and out else "") + token
    return out


def documents(archive: Path) -> list[tuple[str, list[list[str]]]]:
    """("genre/name", paragraphs of sentences) for every file of the chosen genres."""
    found = []
    with zipfile.ZipFile(archive) as zipped:
        categories = zipped.read("masc_tagged/categories.txt").decode("utf-8")
        genres = {
            line.split()[0]: line.split()[1]
            for line in categories.splitlines()
            if len(line.split()) == 2 and line.split()[1] in GENRES and "/wsj_" not in line
        }
        for name in sorted(genres):
            text = zipped.read(f"masc_tagged/{name}").decode("utf-8")
            paragraphs = []
            for block in text.split("\n\n"):
                quotes = [False, False]
                sentences = [detokenize(words(line), quotes) for line in block.split("\n")]
                sentences = [sentence for sentence in sentences if sentence]
                if sentences:
                    paragraphs.append(sentences)
            short = name.removeprefix("written/").removesuffix(".txt")
            found.append((f"{genres[name]}/{short}", paragraphs))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path, help="masc_tagged.zip from nltk_data")
    args = parser.parse_args()
    parts = [_HEADER]
    total = 0
    for name, paragraphs in documents(args.archive):
        parts.append(f"# {name}\n" + "\n\n".join("\n".join(p) for p in paragraphs) + "\n\n\n")
        total += sum(map(len, paragraphs))
    OUT.write_text("".join(parts).rstrip("\n") + "\n", encoding="utf-8")
    print(f"{total} sentences -> {OUT} ({OUT.stat().st_size / 1e3:.0f} kB)")


if __name__ == "__main__":
    main()
