"""A synthetic news corpus with known near-duplicates and conflicting variants, for the dedup bench."""

from __future__ import annotations

import itertools
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.dedup.lexicon import MOODS, NEGATIONS, NUMBER_WORDS, POLAR

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TAIL_WORDS = 150_000
"""Invented words after the seeds' vocabulary: real corpora have a long tail of names."""
ZIPF = 1.05

_POSITIVE = ["confirmed", "accepted", "supported", "increased", "won", "approved"]
_NEGATIVE = {"confirmed": "denied", "accepted": "rejected", "supported": "opposed"}
_NEGATIVE |= {"increased": "decreased", "won": "lost", "approved": "rejected"}
_TITLES = ["Amnesty's director", "a spokesperson for the ministry", "the head of the mission"]
_PLACES_N = 40
_GUARDED = frozenset(NEGATIONS) | frozenset(POLAR) | frozenset(NUMBER_WORDS) | frozenset(MOODS)
"""Words whose change makes another claim: never drawn as plain words, nor dropped from a copy
(they are put in by :func:`negative` only)."""


@dataclass
class Corpus:
    """Texts with their truth: ``group[i]`` is the claim text ``i`` belongs to."""

    texts: list[str] = field(default_factory=list)
    group: list[int] = field(default_factory=list)
    negatives: list[tuple[int, int]] = field(default_factory=list)
    """(original, variant) text indices that must be kept apart but linked."""
    hard: list[tuple[int, int]] = field(default_factory=list)
    """Pairs worded alike that are different claims (another place, other words)."""

    def add(self, text: str, group: int) -> int:
        self.texts.append(text)
        self.group.append(group)
        return len(self.texts) - 1


class Words:
    """Zipf-distributed words: the seeds' vocabulary by frequency, then invented ones."""

    def __init__(self, rng: random.Random) -> None:
        counts: Counter[str] = Counter()
        seeds = sorted(SEEDS.glob("*.txt"))
        if not seeds:  # another vocabulary would make another corpus, and numbers not comparable
            raise SystemExit(f"error: no seed articles in {SEEDS}: the corpus is drawn from their words")
        for path in seeds:
            counts.update(w.lower() for w in re.findall(r"[A-Za-z]+", path.read_text()))
        head = [w for w, _ in counts.most_common() if w not in _GUARDED and len(w) > 1]
        syllables = ["ka", "lo", "mi", "ra", "tu", "sen", "dar", "vo", "li", "ne", "sha", "bu"]
        tail = {"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(TAIL_WORDS)}
        self.vocab = head + sorted(tail - set(head))
        self.cum = list(itertools.accumulate(1 / (r**ZIPF) for r in range(1, len(self.vocab) + 1)))
        self.rng = rng

    def draw(self, n: int) -> list[str]:
        return self.rng.choices(self.vocab, cum_weights=self.cum, k=n)


def sentence(words: Words, rng: random.Random) -> str:
    """An original sentence: 8-40 words, some capitalised names, often a number."""
    body = words.draw(max(8, min(40, int(rng.gauss(22, 7)))))
    for i in rng.sample(range(len(body)), k=len(body) // 8):
        body[i] = body[i].capitalize()
    if rng.random() < 0.5:
        body.insert(
            rng.randrange(1, len(body)), str(rng.choice([rng.randint(2, 999), rng.randint(1990, 2025)]))
        )
    if rng.random() < 0.15:
        body.insert(rng.randrange(1, len(body)), rng.choice(_POSITIVE))
    body[0] = body[0].capitalize()
    return " ".join(body) + "."


def perturb(text: str, rng: random.Random, words: Words) -> str:
    """A copy an outlet might print: 1-3 of quote marks, case, tails, dropped or added words."""
    edits = [_quote, _case, _attribute, _drop, _add, _markup, _typo]
    for edit in rng.sample(edits, k=rng.randint(1, 3)):
        text = edit(text, rng, words)
    return text


def _quote(text: str, rng: random.Random, _w: Words) -> str:
    left, right = rng.choice([("“", "”"), ('"', '"'), ("«", "»")])
    return f"{left}{text.rstrip('.')}.{right}"


def _case(text: str, rng: random.Random, _w: Words) -> str:
    parts = text.split(" ")
    i = rng.randrange(len(parts))
    parts[i] = rng.choice([parts[i].upper(), parts[i].lower(), parts[i].title()])
    return " ".join(parts)


def _attribute(text: str, rng: random.Random, words: Words) -> str:
    name = " ".join(w.capitalize() for w in words.rng.choices(words.vocab[3000:], k=2))
    core = text.rstrip(".").strip('“”"«»')
    form = rng.randrange(3)
    if form == 0:
        return f"“{core},” said {name}, {rng.choice(_TITLES)}."
    if form == 1:
        return f"{name} said: “{core}.”"
    return f"{core}, he added."


def _editable(parts: list[str]) -> list[int]:
    guarded = _GUARDED | set(_NEGATIVE.values())
    return [i for i, p in enumerate(parts) if not any(c.isdigit() for c in p) and p.lower() not in guarded]


def _drop(text: str, rng: random.Random, _w: Words) -> str:
    parts = text.split(" ")
    spots = _editable(parts)[1:-1]
    if len(parts) < 12 or not spots:
        return text
    for i in sorted(rng.sample(spots, k=min(len(spots), rng.randint(1, 2))), reverse=True):
        del parts[i]
    return " ".join(parts)


def _add(text: str, rng: random.Random, words: Words) -> str:
    parts = text.split(" ")
    parts.insert(rng.randrange(1, len(parts)), words.draw(1)[0])
    return " ".join(parts)


def _typo(text: str, rng: random.Random, _w: Words) -> str:
    """A misspelt or transliterated word (Mosul / Mossul): it may be the rarest word."""
    parts = text.split(" ")
    spots = [i for i in _editable(parts) if len(parts[i]) >= 5]
    if not spots:
        return text
    i = rng.choice(spots)
    word, at = parts[i], rng.randrange(1, len(parts[i]) - 1)
    parts[i] = rng.choice([word[:at] + word[at + 1 :], word[:at] + word[at] + word[at:]])
    return " ".join(parts)


def _markup(text: str, rng: random.Random, _w: Words) -> str:
    parts = text.split(" ")
    i = rng.randrange(len(parts))
    parts[i] = rng.choice([f"**{parts[i]}**", f"*{parts[i]}*", f"[{parts[i]}](http://x.example)"])
    return "  ".join(parts) if rng.random() < 0.3 else " ".join(parts)


def negative(text: str, rng: random.Random) -> tuple[str, str] | None:
    """A different claim worded almost the same: another number, a negation, the opposite pole,
    or a thing that will or may happen instead of one that does."""
    parts = text.split(" ")
    numbers = [i for i, p in enumerate(parts) if p.strip(".").isdigit()]
    poles = [i for i, p in enumerate(parts) if p in _NEGATIVE]
    choice = rng.randrange(4)
    if choice == 0 and numbers:
        i = rng.choice(numbers)
        value = int(parts[i].strip("."))
        parts[i] = parts[i].replace(str(value), str(value + rng.choice([1, 10, 45, 100])))
        return " ".join(parts), "number"
    if choice == 1 and poles:
        i = rng.choice(poles)
        parts[i] = _NEGATIVE[parts[i]]
        return " ".join(parts), "polarity"
    if choice == 3:
        parts.insert(rng.randrange(2, len(parts)), rng.choice(["will", "may", "could"]))
        return " ".join(parts), "modality"
    parts.insert(rng.randrange(2, len(parts)), rng.choice(["not", "never"]))
    return " ".join(parts), "negation"


def template_family(words: Words, rng: random.Random, size: int) -> list[str]:
    """Hard negatives: one sentence frame about different places (different claims)."""
    frame = words.draw(14)
    n = rng.randint(3, 400)
    places = [w.capitalize() for w in rng.sample(words.vocab[len(words.vocab) // 2 :], k=_PLACES_N)]
    return [f"At least {n} people were killed in {p} when {' '.join(frame)}." for p in places[:size]]


def reworded(text: str, rng: random.Random, words: Words) -> str:
    """A hard negative: the same frame with 2-3 words replaced (another boy, another village)."""
    parts = text.split(" ")
    spots = _editable(parts)
    for i in rng.sample(spots, k=min(len(spots), rng.randint(2, 3))):
        parts[i] = words.draw(1)[0]
    return " ".join(parts)


def build(n: int, seed: int = 7) -> Corpus:
    """About ``n`` texts: 55% unique, the rest in duplicate groups, with variants and furniture."""
    rng = random.Random(seed)
    words = Words(rng)
    corpus = Corpus()
    group = itertools.count()
    while len(corpus.texts) < n:
        roll = rng.random()
        if roll < 0.02:
            family = [corpus.add(t, next(group)) for t in template_family(words, rng, rng.randint(2, 5))]
            corpus.hard.extend(itertools.combinations(family, 2))
        elif roll < 0.05:
            corpus.add(rng.choice(["AFP/Getty Images", "Getty", "Reuters", "Keep Reading"]), next(group))
        else:
            _add_claim(corpus, words, rng, next(group), group)
    return corpus


def _add_claim(
    corpus: Corpus, words: Words, rng: random.Random, gid: int, group: itertools.count[int]
) -> None:
    original = sentence(words, rng)
    first = corpus.add(original, gid)
    copies = rng.choices([0, 1, 2, 3, 5, 8], weights=[60, 18, 10, 6, 4, 2])[0]
    for _ in range(copies):
        corpus.add(perturb(original, rng, words), gid)
    if rng.random() < 0.08:
        made = negative(original, rng)
        if made is not None:
            other = corpus.add(made[0], next(group))
            corpus.negatives.append((first, other))
    if rng.random() < 0.05:
        corpus.hard.append((first, corpus.add(reworded(original, rng, words), next(group))))
