"""Word lists and token classes that tell an abbreviation's period from a sentence end."""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache


def _words(text: str) -> frozenset[str]:
    """The white-space separated words of text, as a set."""
    return frozenset(text.split())


class Kind(Enum):
    """What a period after a token means, before looking at the next word."""

    PLAIN = "plain"
    """An ordinary word or number: the period ends the sentence."""
    TITLE = "title"
    """A title before a name (Mr., Gen., Sen.): never a sentence end."""
    NEVER = "never"
    """An abbreviation that is always followed by more (e.g., i.e., vs.)."""
    ABBREV = "abbrev"
    """An abbreviation that may end a sentence (Inc., Jr., Tenn.)."""
    ACRONYM = "acronym"
    """Letters with periods (U.S., U.N.): may end a sentence."""
    NUMBER = "number"
    """Stands before a number (No. 5, p. 55)."""
    TIME = "time"
    """a.m. and p.m."""
    INITIAL = "initial"
    """A single capital letter: a name's initial or a word such as "I"."""


TITLES = _words(
    """mr mrs ms mx dr prof gen gens lt lieut sen sens rep reps gov govs col capt cpt sgt maj adm
    cmdr cdr comdr rev fr hon pres messrs mmes mme mlle supt insp det cpl pvt spc brig amb atty
    msgr pfc sfc ssg ssgt msgt cwo ens lcpl gysgt"""
)
"""Titles that stand before a name; a period after one never ends a sentence."""

NEVER = _words("e.g i.e cf viz vs v")
"""Abbreviations that are always followed by more of the same sentence."""

ABBREVIATIONS = _words(
    """al co corp inc ltd llc plc bros jr sr esq etc approx dept govt intl int'l int’l assn assoc
    univ natl ave blvd rd st mt ft hwy apt bldg sq pct mln bn yr yrs min max dist div misc"""
)
"""Abbreviations (lower case) after which a sentence may still end."""

CASED_ABBREVIATIONS = _words(
    """Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun
    Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont
    Neb Nev Okla Ore Pa Penn Tenn Tex Va Vt Wash Wis Wisc Wyo Ida Dak"""
)
"""Abbreviations that are also common words in lower case ("ill.", "mass."): matched by case."""

NUMBER_PREFIXES = _words("no nos p pp vol vols art fig figs ch chap sec n° nº para pt c ca pop est fl")
"""Abbreviations that stand before a number ("p. 55", "c. 1850", "pop. 12,000"); a single
capital letter is an initial, never one of these."""

TIMES = frozenset({"a.m", "p.m"})
"""Times of day, spelt with periods."""

TIME_FOLLOWERS = _words(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thurs Fri Sat
    Sun January February March April May June July August September October November December Jan
    Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec ET EST EDT CT CST CDT MT MST MDT PT PST PDT GMT BST
    UTC CET CEST EET EEST IST JST AEST Eastern Central Pacific Mountain Local"""
)
"""Words that follow a time in the same sentence ("5 p.m. Tuesday", "9 a.m. ET")."""

MONTHS = _words(
    """January February March April May June July August September October November December Jan
    Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"""
)
"""Month names, in full and abbreviated, as they are capitalised."""

STARTERS = _words(
    """The A An This That These Those There Here It Its It's It’s He She They We I You His Her Their
    Our My Your Them Us Him But And Or So Yet Nor If When While Where What Why How Who Whom Whose
    Which Whether As After Before Since Although Though Because Unless Until However Meanwhile
    Moreover Furthermore Nevertheless Still Then Now Also Instead Even Only Once In On At For With
    Without By From To Of Into Under Over During Despite Among Between Not No Some Many Most All
    Each Every Both Either Neither Any Several Few Other Another Such One Two Three Four Five Six
    Seven Eight Nine Ten Is Are Was Were Do Does Did Can Could Will Would Should Shall Might Must Has
    Have Had Let Please Thus Indeed Today Yesterday Tomorrow Last Earlier Later According Mr Mrs Ms
    Dr"""
)
"""Words that open sentences far more often than they follow an abbreviation inside one."""

LOWER_STARTERS = _words(
    """i i'm i've i'd i'll i’m i’ve i’d i’ll we we're we’re they they're they’re he she you it's
    it’s this these those what why how and but so lol"""
)
"""Words that open sentences written without capitals ("... and firemen. they believe ..."),
as pronouns, demonstratives, questions and conjunctions, and that hardly ever follow the period
of an abbreviation inside a sentence."""


_ACRONYM = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}")
_OPENERS = "\"'“‘«([{"


@lru_cache(maxsize=4096)
def classify(token: str) -> Kind:
    """Classify the token that stands right before a period.

    Args:
        token: The non-space characters before the period, without the period itself.

    Returns:
        The kind of token, which decides what the period means.
    """
    core = token.lstrip(_OPENERS)
    if "-" in core and not core.endswith("-"):
        # "D-Ore", "R-Tenn", "D-N.Y": the party prefix says nothing; the state decides.
        core = core.rsplit("-", 1)[1]
    lower = core.lower()
    if "." in core:
        if not _ACRONYM.fullmatch(core):
            return Kind.PLAIN
        if lower in TIMES:
            return Kind.TIME
        return Kind.NEVER if lower in NEVER else Kind.ACRONYM
    if len(core) == 1 and core.isupper():
        return Kind.INITIAL
    if lower in TITLES:
        return Kind.TITLE
    if lower in NEVER:
        return Kind.NEVER
    if lower in NUMBER_PREFIXES:
        return Kind.NUMBER
    if lower in ABBREVIATIONS or core in CASED_ABBREVIATIONS:
        return Kind.ABBREV
    return Kind.PLAIN
