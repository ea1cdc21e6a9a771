"""Benchmark the sentence segmenter against pysbd and sentencex: accuracy and throughput.

Run from anywhere: ``python bench/segment.py`` (a few seconds) or ``python bench/segment.py --large``.
pysbd and sentencex are optional here and never needed at run time. Besides the Golden Rules and
the news quotations, each segmenter is scored on real news (``bench/data/news_sentences.txt``):
boundary F1 over the boundaries inside paragraphs (line breaks are given to every segmenter).
The same is measured on news and blog text whose boundaries were set by others
(``bench/data/masc_news_sentences.txt``, MASC's hand-validated sentences), counting positions in
letters and digits only, so that a closing quote put before or after a boundary is the same
boundary; boundaries after a gold sentence that does not end with sentence punctuation are left
out, because they stood for line breaks (headlines, datelines, "Posted by" lines) that the
tokenised corpus no longer has. ``--show-masc`` lists each MASC boundary factcheck gets wrong or
misses, with the text around it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# shared/ sits beside the checkout (or beside the folder of worktrees).
SHARED_BENCH = next(
    (d / "shared" / "bench" for d in REPO.parents if (d / "shared" / "bench").is_dir()),
    REPO.parent / "shared" / "bench",
)
NEWS = REPO / "bench" / "data" / "news_sentences.txt"
MASC = REPO / "bench" / "data" / "masc_news_sentences.txt"
sys.path.insert(0, str(REPO))

from factcheck.ingest.segment import segment  # noqa: E402

Segmenter = Callable[[str], list[str]]
"""Text in, sentence texts out (white space around each sentence is ignored)."""

# News quotations with the splits a claim annotator needs: a quotation of several sentences is
# split into its sentences; a quoted question followed by its attribution, or a quote inside a
# sentence, stays whole. Most are taken from the seed articles.
NEWS_CASES: list[tuple[str, list[str]]] = [
    (
        "“The horrors that the people of Mosul have witnessed and the disregard for human life by all "
        "parties to this conflict must not go unpunished,” says Lynn Maalouf, Amnesty’s director of "
        "research for the Middle East. “Entire families have been wiped out, many of whom are still "
        "buried under the rubble today. The people of Mosul deserve to know, from their government, "
        "that there will be justice and reparation so that the harrowing impact of this operation is "
        "duly addressed.”",
        [
            "“The horrors that the people of Mosul have witnessed and the disregard for human life by "
            "all parties to this conflict must not go unpunished,” says Lynn Maalouf, Amnesty’s "
            "director of research for the Middle East.",
            "“Entire families have been wiped out, many of whom are still buried under the rubble today.",
            "The people of Mosul deserve to know, from their government, that there will be justice and "
            "reparation so that the harrowing impact of this operation is duly addressed.”",
        ],
    ),
    (
        "“They did air-drop leaflets into IS-controlled areas of the city,” Amnesty International "
        "concedes. “These warnings, however, took little account of the realities of living under IS. "
        "Staying away from IS was impossible for west Mosul residents. Houses with children’s clothes "
        "on the roof were still hit by airstrikes.”",
        [
            "“They did air-drop leaflets into IS-controlled areas of the city,” Amnesty International "
            "concedes.",
            "“These warnings, however, took little account of the realities of living under IS.",
            "Staying away from IS was impossible for west Mosul residents.",
            "Houses with children’s clothes on the roof were still hit by airstrikes.”",
        ],
    ),
    (
        "“What was the role of those organizations when Daesh killed the sons of Mosul and destroyed "
        "everything there?” Abadi added, using another name for the Islamic State.",
        [
            "“What was the role of those organizations when Daesh killed the sons of Mosul and "
            "destroyed everything there?” Abadi added, using another name for the Islamic State."
        ],
    ),
    (
        "“I think it’s an unfair accusation. They have not coordinated with the coalition,” said U.S. "
        "Air Force Brigadier General Andrew Croft when NPR asked about the AI report.",
        [
            "“I think it’s an unfair accusation.",
            "They have not coordinated with the coalition,” said U.S. Air Force Brigadier General Andrew "
            "Croft when NPR asked about the AI report.",
        ],
    ),
    (
        "“Let me tell you what it looks like on the ground,” he said to NPR host Rachel Martin. “The "
        "Iraqi security forces actually do what you just said. What ISIS has done is it held civilians "
        "against their will, obviously. So we’ve seen 50 or 100 civilians at a time gunned down.”",
        [
            "“Let me tell you what it looks like on the ground,” he said to NPR host Rachel Martin.",
            "“The Iraqi security forces actually do what you just said.",
            "What ISIS has done is it held civilians against their will, obviously.",
            "So we’ve seen 50 or 100 civilians at a time gunned down.”",
        ],
    ),
    (
        'Another man, "Hasan", witnessed how IS hanged the bodies of civilians trying to flee: "We did '
        "not have any options. If you stayed, you would die in your house from the fighting. They "
        'would hang between 15 and 50 people from the pylons."',
        [
            'Another man, "Hasan", witnessed how IS hanged the bodies of civilians trying to flee: "We '
            "did not have any options.",
            "If you stayed, you would die in your house from the fighting.",
            'They would hang between 15 and 50 people from the pylons."',
        ],
    ),
    (
        'Mamdani said Tuesday that "the president of the United States just threatened to have me '
        "arrested, stripped of my citizenship, put in a detention camp, and deported. Not because I "
        'have broken any law, but because I will refuse to let ICE terrorize our city."',
        [
            'Mamdani said Tuesday that "the president of the United States just threatened to have me '
            "arrested, stripped of my citizenship, put in a detention camp, and deported.",
            'Not because I have broken any law, but because I will refuse to let ICE terrorize our city."',
        ],
    ),
    (
        '"Well then, we\'ll have to arrest him," said Trump, a former New Yorker. "Look, we don\'t '
        'need a communist in this country."',
        [
            '"Well then, we\'ll have to arrest him," said Trump, a former New Yorker.',
            '"Look, we don\'t need a communist in this country."',
        ],
    ),
    (
        '"However," the lawmakers noted, "the proposal was scrapped shortly after implementation. '
        "Moreover, the new program slowed claim processing by 25% and led to a 'degradation of public "
        "service.'\"",
        [
            '"However," the lawmakers noted, "the proposal was scrapped shortly after implementation.',
            "Moreover, the new program slowed claim processing by 25% and led to a 'degradation of "
            "public service.'\"",
        ],
    ),
    (
        "“The MoD’s claim that hundreds of RAF airstrikes have resulted in absolutely no civilian "
        "casualties is at best implausible. [Their line is] they’ve heard no evil and they’ve seen no "
        "evil. It’s not credible and it’s not good enough,” said Kate Allen, the organisation’s UK "
        "director.",
        [
            "“The MoD’s claim that hundreds of RAF airstrikes have resulted in absolutely no civilian "
            "casualties is at best implausible.",
            "[Their line is] they’ve heard no evil and they’ve seen no evil.",
            "It’s not credible and it’s not good enough,” said Kate Allen, the organisation’s UK director.",
        ],
    ),
    (
        "Reporters asked “why now?” and the minister left the room.",
        ["Reporters asked “why now?” and the minister left the room."],
    ),
    (
        "“Is it true?” he asked reporters on Tuesday.",
        ["“Is it true?” he asked reporters on Tuesday."],
    ),
    (
        "Jones said it is “beyond question” that Iraqi forces “put the safety of civilians first.” He "
        "added that violations were “taken very, very seriously.”",
        [
            "Jones said it is “beyond question” that Iraqi forces “put the safety of civilians first.”",
            "He added that violations were “taken very, very seriously.”",
        ],
    ),
    (
        '"It is very possible that Daesh [IS] blew up that building," Milley told reporters after '
        'meetings at the Iraqi Defence Ministry. "And it is possible the coalition airstrike did it," '
        "he added.",
        [
            '"It is very possible that Daesh [IS] blew up that building," Milley told reporters after '
            "meetings at the Iraqi Defence Ministry.",
            '"And it is possible the coalition airstrike did it," he added.',
        ],
    ),
    (
        "“The fighting may be over,” said the U.N. spokesperson. “The humanitarian crisis is not.”",
        [
            "“The fighting may be over,” said the U.N. spokesperson.",
            "“The humanitarian crisis is not.”",
        ],
    ),
    (
        "‘We will not accept this,’ the minister said. ‘The law is clear. Nobody is above it.’",
        ["‘We will not accept this,’ the minister said.", "‘The law is clear.", "Nobody is above it.’"],
    ),
    (
        "Republicans passed their bill—a catastrophic assault on health care, food, and climate.They "
        "chose Trump and billionaires over families.This fight isn't over.",
        [
            "Republicans passed their bill—a catastrophic assault on health care, food, and climate.",
            "They chose Trump and billionaires over families.",
            "This fight isn't over.",
        ],
    ),
    (
        "Gen. Mark A. Milley said the U.S. Senate would vote at 5 p.m. Tuesday. Rep. Andy Ogles "
        "(R-Tenn.) said the $1.5 billion plan was 12.5% over budget.",
        [
            "Gen. Mark A. Milley said the U.S. Senate would vote at 5 p.m. Tuesday.",
            "Rep. Andy Ogles (R-Tenn.) said the $1.5 billion plan was 12.5% over budget.",
        ],
    ),
]


def load_golden() -> list[tuple[str, list[str]]]:
    """The 48 English Golden Rules, as (text, expected sentences)."""
    cases = json.loads((SHARED_BENCH / "golden_rules_en.json").read_text(encoding="utf-8"))
    return [(case["text"], case["expected"]) for case in cases]


def load_news(path: Path = NEWS, genre: str | None = None) -> list[list[str]]:
    """Real news paragraphs, each as its list of gold sentences.

    Args:
        path: The file: sentences a line, paragraphs apart, "# name" before each document.
        genre: Only the documents whose name starts with ``genre/``.
    """
    paragraphs: list[list[str]] = []
    lines, taken = [], genre is None
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("# ") and "/" in line and " " not in line[2:]:
            taken = genre is None or line[2:].startswith(f"{genre}/")
        elif not line.startswith("#") and taken:
            lines.append(line)
    for block in "\n".join(lines).split("\n\n"):
        sentences = [line.strip() for line in block.split("\n") if line.strip()]
        if sentences:
            paragraphs.append(sentences)
    return paragraphs


def _boundaries(sentences: list[str], words_only: bool = False) -> set[int]:
    """Where sentences end inside a paragraph, counted in non-space characters (or in letters
    and digits only)."""
    ends, total = set(), 0
    for sentence in sentences[:-1]:
        total += sum(map(str.isalnum, sentence)) if words_only else len("".join(sentence.split()))
        ends.add(total)
    return ends


_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")


def _line_ends(sentences: list[str]) -> set[int]:
    """Where gold sentences that end without sentence punctuation end, in letters and digits."""
    ends, total = set(), 0
    for sentence in sentences[:-1]:
        total += sum(map(str.isalnum, sentence))
        if not _TERMINAL.search(sentence):
            ends.add(total)
    return ends


def _paragraph_boundaries(
    split: Segmenter, gold: list[str], words_only: bool
) -> tuple[str, set[int], set[int]]:
    """A paragraph's text, with its gold boundaries and those the segmenter finds."""
    text = " ".join(gold)
    got_sentences = _clean(split(text))
    want, got = _boundaries(gold, words_only), _boundaries(got_sentences, words_only)
    if words_only:
        # A sentence of punctuation alone (a stray closing quote) at either end of the
        # paragraph is no boundary between words, and a line break is no punctuation.
        unseen = {0, sum(sum(map(str.isalnum, s)) for s in gold)} | _line_ends(gold)
        want, got = want - unseen, got - unseen
    return text, want, got


def boundary_f1(
    split: Segmenter, paragraphs: list[list[str]], words_only: bool = False
) -> tuple[float, int, int]:
    """Boundary F1 inside paragraphs, with the counts of wrong and missed boundaries."""
    hits = wrong = missed = 0
    for gold in paragraphs:
        _, want, got = _paragraph_boundaries(split, gold, words_only)
        hits += len(want & got)
        wrong += len(got - want)
        missed += len(want - got)
    return 2 * hits / max(1, 2 * hits + wrong + missed), wrong, missed


def boundary_errors(split: Segmenter, paragraphs: list[list[str]], width: int = 60) -> list[tuple[str, str]]:
    """Each wrong and missed boundary (counted in letters and digits) as ("wrong" or "missed",
    the text around it with "|" where the boundary is)."""
    errors: list[tuple[str, str]] = []
    for gold in paragraphs:
        text, want, got = _paragraph_boundaries(split, gold, words_only=True)
        # Where each count of letters and digits is reached: the boundary sits after that
        # character and its closing punctuation.
        reached = [i + 1 for i, char in enumerate(text) if char.isalnum()]
        for kind, where in (("wrong", got - want), ("missed", want - got)):
            for count in sorted(where):
                at = reached[count - 1]
                while at < len(text) and not text[at].isspace() and not text[at].isalnum():
                    at += 1
                before, after = text[max(0, at - width) : at], text[at : at + width]
                errors.append((kind, f"{before}|{after}".replace("\n", " ")))
    return errors


def load_corpus(copies: int) -> list[str]:
    """The seed articles, repeated, as the documents to time segmentation on."""
    seeds = [path.read_text(encoding="utf-8") for path in sorted((REPO / "seeds").glob("*.txt"))]
    return seeds * copies


def factcheck_segmenter(text: str) -> list[str]:
    """The segmenter under test, as sentence texts."""
    return [text[start:end] for start, end in segment(text)]


def optional_segmenters() -> dict[str, Segmenter]:
    """pysbd and sentencex, where installed."""
    found: dict[str, Segmenter] = {}
    try:
        import pysbd
    except ImportError:
        print("pysbd is not installed: skipped (pip install pysbd)", file=sys.stderr)
    else:
        splitter = pysbd.Segmenter(language="en", clean=False)
        found["pysbd"] = lambda text: [str(s) for s in splitter.segment(text)]
    try:
        import sentencex
    except ImportError:
        print("sentencex is not installed: skipped (pip install sentencex)", file=sys.stderr)
    else:
        found["sentencex"] = lambda text: list(sentencex.segment("en", text))
    return found


def passed(split: Segmenter, cases: Iterable[tuple[str, list[str]]]) -> int:
    """How many cases the segmenter splits exactly as expected."""
    return sum(_clean(split(text)) == expected for text, expected in cases)


def throughput(split: Segmenter, documents: list[str], min_seconds: float) -> float:
    """Sentences per second over the documents, best of as many rounds as fit in min_seconds."""
    best, spent = float("inf"), 0.0
    while True:
        began = time.perf_counter()
        sentences = sum(len(_clean(split(doc))) for doc in documents)
        took = time.perf_counter() - began
        best, spent = min(best, took), spent + took
        if spent >= min_seconds:
            return sentences / best


def _clean(sentences: list[str]) -> list[str]:
    """Sentence texts without surrounding white space, empty ones dropped."""
    return [s.strip() for s in sentences if s.strip()]


def main(argv: list[str] | None = None) -> None:
    """Print accuracy and throughput for each segmenter."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--large", action="store_true", help="time on 12 times more text (pysbd then takes about 20 s)"
    )
    parser.add_argument(
        "--show-masc",
        action="store_true",
        help="list each MASC boundary factcheck gets wrong or misses, with the text around it",
    )
    args = parser.parse_args(argv)
    if args.show_masc:
        for kind, context in boundary_errors(factcheck_segmenter, load_news(MASC)):
            print(f"{kind:<6} {context}")
        return
    golden = load_golden()
    documents = load_corpus(50 if args.large else 4)
    segmenters: dict[str, Segmenter] = {"factcheck": factcheck_segmenter, **optional_segmenters()}
    chars = sum(map(len, documents))
    print(f"timing on {len(documents)} documents, {chars:,} characters")
    news = load_news()
    masc = load_news(MASC)
    genres = {genre: load_news(MASC, genre) for genre in ("newspaper", "blog")}
    print(f"real news: {len(news)} paragraphs, {sum(map(len, news))} sentences")
    print(f"MASC news and blogs: {len(masc)} paragraphs, {sum(map(len, masc))} sentences")
    print(
        f"{'segmenter':<12} {'golden rules':>13} {'news quotes':>12} {'news F1':>8} {'wrong':>6}"
        f" {'missed':>6} {'MASC F1':>8} {'wrong':>6} {'missed':>6} {'sentences/s':>12} {'x pysbd':>8}"
    )
    rates = {
        name: throughput(split, documents, min_seconds=0.5 if name == "factcheck" else 0.0)
        for name, split in segmenters.items()
    }
    for name, split in segmenters.items():
        ratio = rates[name] / rates["pysbd"] if "pysbd" in rates else float("nan")
        f1, wrong, missed = boundary_f1(split, news)
        masc_f1, masc_wrong, masc_missed = boundary_f1(split, masc, words_only=True)
        print(
            f"{name:<12} {passed(split, golden):>10}/{len(golden)} "
            f"{passed(split, NEWS_CASES):>9}/{len(NEWS_CASES)} {f1:>8.3f} {wrong:>6} {missed:>6}"
            f" {masc_f1:>8.3f} {masc_wrong:>6} {masc_missed:>6} {rates[name]:>12,.0f} {ratio:>8.1f}"
        )
    for genre, paragraphs in genres.items():
        scores = (
            f"{name} {boundary_f1(split, paragraphs, words_only=True)[0]:.3f}"
            for name, split in segmenters.items()
        )
        print(f"MASC {genre} ({sum(map(len, paragraphs))} sentences): " + ", ".join(scores))


if __name__ == "__main__":
    main()
