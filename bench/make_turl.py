"""Build ``bench/data/turl_news_pairs.tsv``: news headlines and tweets sharing them, judged
paraphrase or not by six people each.

The pairs come from the test part of the Twitter News URL Corpus (Lan, Qiu, He and Xu, "A
Continuously Growing Dataset of Sentential Paraphrases", EMNLP 2017): each pair is a news
article's headline or lead (as shared on Twitter) and another tweet linking to the same article,
judged by six Mechanical Turk workers. As the corpus's authors do, a pair is a paraphrase when
four or more of the six said so, not one when two or fewer did, and dropped at three. The file is
``Twitter_URL_Corpus_test.txt`` of the repository lanwuwei/Twitter-URL-Corpus as published at its
commit ea41a9cd3710c774d6ebf969c7c7788227488761 (the authors now send the full corpus by mail);
licence CC BY-NC-SA 3.0, as that repository's README states.

Only what a claim matcher could merge is kept: pairs whose plain normalised ``fuzz.ratio`` is
:data:`LOWEST` or more (factcheck merges or links none below 78 in the whole test part). A text
pair judged more than once (the same two tweets under several links) is one row, its votes
added up. Text is as distributed, HTML entities and all.

Usage: ``python bench/make_turl.py Twitter_URL_Corpus_test.txt``.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import defaultdict
from pathlib import Path

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

OUT = Path(__file__).resolve().parent / "data" / "turl_news_pairs.tsv"
LOWEST = 50.0
"""Plain normalised ratio below which a pair is left out."""
JUDGES = 6
_VOTES = re.compile(r"\(\d,\d\)")


def read(path: Path) -> dict[tuple[str, str], list[int]]:
    """Votes (paraphrase, judges) for each text pair of the corpus file."""
    votes: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 4 or not _VOTES.fullmatch(fields[2]):
                continue  # a tab inside a tweet: ten lines
            said, judges = (int(n) for n in fields[2].strip("()").split(","))
            pair = votes[fields[0].strip(), fields[1].strip()]
            pair[0] += said
            pair[1] += judges
    return votes


def main() -> None:
    """Write the subset."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="Twitter_URL_Corpus_test.txt")
    args = parser.parse_args()
    rows = []
    for (a, b), (said, judges) in read(args.corpus).items():
        share = said / judges
        if 2 / JUDGES < share < 4 / JUDGES or fuzz.ratio(default_process(a), default_process(b)) < LOWEST:
            continue
        rows.append((f"{said}/{judges}", a, b))
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(
            handle, delimiter="\t", quoting=csv.QUOTE_NONE, quotechar=None, lineterminator="\n"
        )
        writer.writerow(("votes", "sentence1", "sentence2"))
        writer.writerows(rows)
    print(f"{len(rows)} pairs -> {OUT}")


if __name__ == "__main__":
    main()
