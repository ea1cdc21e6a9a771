"""A generated news corpus with known copies and variants, shared by the clustering tests."""

from __future__ import annotations

import random
from collections.abc import Sequence

from factcheck.store import NewArticle

SPEAKERS = ["said Lynn Maalouf, Amnesty's director", "the ministry said in a statement", "he added"]


def corpus(seed: int = 5, claims: int = 240) -> list[str]:
    """Sentences with copies an outlet makes (a word dropped or added, a typo, an attribution
    tail, other quote marks) and conflicting variants (another number, a negation)."""
    rng = random.Random(seed)
    vocabulary = [
        "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(2, 4)))
        for _ in range(900)
    ]
    common = ["the", "of", "in", "a", "to", "and", "on", "for", "was", "were", "with", "by", "at", "from"]
    texts: list[str] = []
    for _ in range(claims):
        words = [
            rng.choice(common) if rng.random() < 0.35 else rng.choice(vocabulary)
            for _ in range(rng.randint(9, 24))
        ]
        words[0] = words[0].capitalize()
        words[rng.randrange(1, len(words))] = rng.choice(vocabulary).capitalize()
        words.insert(rng.randrange(1, len(words)), str(rng.randint(2, 900)))
        base = " ".join(words)
        texts.append(base + ".")
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
            texts.append(_copy(base, rng, vocabulary))
        if rng.random() < 0.15:
            number = next(w for w in words if w.isdigit())
            texts.append(base.replace(number, str(int(number) + 7), 1) + ".")
        if rng.random() < 0.1:
            texts.append(base.replace(" ", " not ", 1) + ".")
    rng.shuffle(texts)
    return texts


def _copy(base: str, rng: random.Random, vocabulary: Sequence[str]) -> str:
    words = base.split()
    edit = rng.randrange(4)
    if edit == 0 and len(words) > 10:
        del words[rng.randrange(2, len(words) - 1)]
    elif edit == 1:
        words.insert(rng.randrange(1, len(words)), rng.choice(vocabulary))
    elif edit == 2:
        i = max(range(len(words)), key=lambda j: (len(words[j]), j))
        words[i] = words[i][:-1] + words[i][-1] * 2
    text = " ".join(words)
    if rng.random() < 0.4:
        return f"“{text},” {rng.choice(SPEAKERS)}."
    return text + "."


def articles(texts: Sequence[str], size: int = 8) -> list[NewArticle]:
    found = []
    for number, start in enumerate(range(0, len(texts), size)):
        body = [f"Report {number} from the wire service desk today.", *texts[start : start + size]]
        spans, at = [], 0
        for text in body:
            spans.append((at, at + len(text)))
            at += len(text) + 2
        joined = "\n\n".join(body)
        found.append(NewArticle(f"a{number}.txt", joined, joined, spans, [None] * len(spans)))
    return found
