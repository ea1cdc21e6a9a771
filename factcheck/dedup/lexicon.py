"""Word lists the claim matcher's guards and attribution stripping read, kept as data.

The verbs of saying are shared with ingest: :data:`factcheck.lexicon.SPEECH_VERBS`.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


NEGATIONS = _words("not no never none nobody nothing neither nor without nowhere")
"""Negation words (contractions are expanded first: didn't -> did not)."""

SPEECH_ADJUNCTS = _words(
    "in on at to during last this earlier later late yesterday today tonight via through from "
    "monday tuesday wednesday thursday friday saturday sunday"
)
"""Words that may follow a closing speech verb ("said in a statement", "said on Tuesday")."""

CLAUSE_STARTS = _words("and but or so yet while because as although")
"""A 'speaker' starting so is a clause of the claim ("…, and the army said it would …")."""

ALIASES: dict[str, str] = {"IS": "ISIS", "ISIL": "ISIS"}
"""Upper-case acronyms that name the same thing (case-sensitive: "is" is a verb)."""

_UNITS: tuple[str, ...] = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight")
_UNITS += ("nine", "ten", "eleven", "twelve")
_TEENS = ("thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty")
_TENS = {"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70"}
_TENS |= {"eighty": "80", "ninety": "90"}
_SCALES = "dozen dozens hundred hundreds thousand thousands million millions billion billions"

NUMBER_WORDS: dict[str, str] = {
    **{w: str(i) for i, w in enumerate(_UNITS)},
    **{w: str(i) for i, w in enumerate(_TEENS, start=13)},
    **_TENS,
    **{w: w for w in _SCALES.split()},
}
"""Number words, as the digits they stand for ("two" == "2") or as themselves."""


def _pair(name: str, positive: str, negative: str) -> dict[str, tuple[str, str]]:
    forms = {w: (name, "+") for w in positive.split()}
    forms.update({w: (name, "-") for w in negative.split()})
    return forms


POLAR: dict[str, tuple[str, str]] = {
    **_pair(
        "confirm",
        "confirm confirms confirmed confirming confirmation admit admits admitted admitting",
        "deny denies denied denying denial",
    ),
    **_pair(
        "accept",
        "accept accepts accepted accepting acceptance approve approves approved agree agrees agreed",
        "reject rejects rejected rejecting rejection refuse refuses refused refusing",
    ),
    **_pair("support", "support supports supported supporting", "oppose opposes opposed opposing"),
    **_pair(
        "rise",
        "increase increases increased increasing rises rose risen rising grew grows",
        "decrease decreases decreased decreasing falls fell fallen falling dropped declined declines",
    ),
    **_pair("win", "win wins won winning", "lose loses lost losing"),
    **_pair("true", "true correct accurate", "false incorrect inaccurate untrue"),
    **_pair("legal", "legal lawful", "illegal unlawful"),
    **_pair("guilty", "guilty", "innocent"),
    **_pair("succeed", "succeed succeeds succeeded success successful", "fail fails failed failure"),
    **_pair("allow", "allow allows allowed permitted", "ban bans banned prohibited forbade forbidden"),
    **_pair("more", "more higher above", "less fewer lower below"),
    **_pair("before", "before", "after"),
}
"""Polar words by pair and pole. Pairs that differ only here ("confirmed" / "denied")
score high on wording but say opposite things."""
