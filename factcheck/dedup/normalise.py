"""Normalised comparison keys for claim matching: clean text, attribution tails, guard cues."""

from __future__ import annotations

import dataclasses
import decimal
import html
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from factcheck.dedup.attribution import LEADING_VERBS, split_attribution
from factcheck.dedup.lexicon import (
    ACRONYMS,
    ALIASES,
    BARE_CONTRACTIONS,
    COMPANY_SUFFIXES,
    CONVERSION_UNITS,
    DAY_PARTS,
    FUNCTION_WORDS,
    INDEX_EPITHETS,
    LEAD_VERBS,
    MAGNITUDES,
    MARKET_INDEXES,
    MONTH_NAMES,
    MONTHS,
    NAME_TITLES,
    NEGATIONS,
    NOT_NAMES,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    PERIODS,
    POLAR,
    POSTAL_CODES,
    RESPELLINGS,
    STATE_NAMES,
    STATES,
    STREETS,
    TIME_LEADS,
    TIME_WORDS,
    TITLE_NEEDS_QUALIFIER,
    TITLE_QUALIFIERS,
    TITLES,
    WIRE_SLUGS,
)
from factcheck.lexicon import DATELINE

MIN_TOKENS = 5
"""Below this many words a sentence ("He denied it.") depends on its context too much for
identical wording to mean an identical claim, so it is never merged."""

MIN_CHARS = 20
"""Same as :data:`MIN_TOKENS`, in characters of the comparison text."""

NUMBER_MASK = "#"
"""What a number becomes in the comparison text: numbers are compared by the number guard."""

_QUOTES = str.maketrans(
    {
        **dict.fromkeys("“”„‟«»〝〞＂″‶", '"'),
        **dict.fromkeys("‘’‚‛‹›′‵`´ʼ", "'"),
        **dict.fromkeys("‐‑‒–—―−﹘﹣－", "-"),
        "…": "...",
        "\u00a0": " ",
    }
)
_MOJIBAKE_FIX = {"\u201a\u00c4\u00f4": "'", "\u201a\u00c4\u00fa": '"', "\u201a\u00c4\u00f9": '"'}
_MOJIBAKE_FIX |= {"\u201a\u00c4\u00ec": "-", "\u201a\u00c4\u00ee": "-", "\u201a\u00c4\u00f2": "'"}
_MOJIBAKE_FIX["\u201a\u00c4\u00b6"] = "..."
_MOJIBAKE = re.compile("|".join(_MOJIBAKE_FIX))
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1")
_MD_LEAD = re.compile(r"^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+(?=\S))")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_HASHTAG = re.compile(r"#((?:[A-Z][a-z]+){2,})\b")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_TOKEN = re.compile(r"\d+(?:\.\d+)*|[^\W\d_]+")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_ACRONYM = re.compile(r"\b(?:[^\W\d_]\.){2,}")
_ALIAS = re.compile(r"\b(?:" + "|".join(ALIASES) + r")\b")
_AUXILIARIES = {"ve": " have", "ll": " will", "re": " are"}
_AUXILIARY_HINTS = ("'ve", "'ll", "'re")
_CONTRACTIONS: tuple[tuple[re.Pattern[str], Any, tuple[str, ...]], ...] = (
    (re.compile(r"\b(ca)n't\b|\b(can)not\b", re.I), r"\1\2n not", ("n't", "nnot")),
    (re.compile(r"\b(w)on't\b", re.I), r"\1ill not", ("n't",)),
    (re.compile(r"\b(sha)n't\b", re.I), r"\1ll not", ("n't",)),
    (re.compile(r"n't\b", re.I), " not", ("n't",)),
    (re.compile(r"(?<=[^\W\d_])'(ve|ll|re)\b", re.I), lambda m: _AUXILIARIES[m[1].lower()], _AUXILIARY_HINTS),
    (re.compile(r"'s\b|'", re.I), "", ()),
)
"""Contractions as words (pattern, replacement, and what the lower-cased text must contain for
the pattern to be tried: most apostrophes are a possessive's)."""
_CLITIC = re.compile(r"(?<=[^\W_]) (n't|N'T|'(?:s|re|ve|ll|m|d|S|RE|VE|LL|M|D))(?![^\W_])")
"""A contraction or possessive split off its word, as tokenised corpora write them ("did n't",
"Dominick 's", "ca n't")."""
_ESCAPED_APOSTROPHE = re.compile(r"(?<=[^\W_])''(?=[^\W_])")
_DOUBLED_QUOTE = re.compile(r"``|''")
"""Quote marks as tokenised corpora write them (``` `` ```, ``''``); ``''`` inside a word is an
escaped apostrophe ("Amnesty''s")."""
_SPACE_BEFORE = re.compile(r" +(?=[,.;:!?%)\]]+(?![^\W_]))| +(?=-[a-z]{2})(?<=[^\s-] )")
"""Space a tokeniser put before punctuation ("over , he said", "5 %", "( MSFT.O )") or before a
hyphen that joins words ("U.S. -based")."""
_SPACE_AFTER = re.compile(r"(?<=[(\[$€£]) +(?=\S)")
_COMMA_DIGITS = tuple(f",{d}" for d in "0123456789")
_MD_LEAD_STARTS = frozenset("#>-*+")

_STATE_FORMS = sorted(
    [re.escape(s) for s in STATE_NAMES]
    + [re.escape(s) + r"\.?" for s in STATES]
    + list(POSTAL_CODES)
    + [r"\.".join(c) + r"\.?" for c in POSTAL_CODES],
    key=len,
    reverse=True,
)
_PARTY = re.compile(r"(?<=[^\W\d_]),? \(?[DRI]-(?:" + "|".join(_STATE_FORMS) + r")\)?(?![^\W\d_])(?:,(?= ))?")
"""A party and state after a legislator's name ("Sen. John Kerry, D-Mass., said", "Rep. Tom
DeLay (R-Texas)"): which outlets add and others leave out, like a title."""


Written = tuple[str, ...]
"""A name or its short form as tokens."""


def _name_tokens(name: str) -> Written:
    return tuple(_TOKEN.findall(name.replace("'s", "")))


def _acronym_starts() -> dict[str, list[tuple[Written, Written]]]:
    starts: dict[str, list[tuple[Written, Written]]] = {}
    for name, short in ACRONYMS.items():
        british = name.replace("ization", "isation")
        spellings = {name, british} | {n.replace("Cooperation", "Co-operation") for n in (name, british)}
        for spelling in spellings:
            words = _name_tokens(spelling)
            for first in {words[0], words[0].capitalize()} if name.islower() else {words[0]}:
                starts.setdefault(first, []).append((words, _name_tokens(short)))
    for index in MARKET_INDEXES:  # a short form written as it is may have an epithet too
        written = _name_tokens(index)
        starts.setdefault(written[0], []).append((written, written))
    for names in starts.values():
        names.sort(key=lambda entry: -len(entry[0]))
    return starts


_ACRONYM_STARTS = _acronym_starts()
"""The names of :data:`ACRONYMS` as tokens with their short forms, by their first token (in each
case a name may be written), longest first: British "Organisation" and "Co-operation" too."""
_NAME_STARTS = frozenset(_ACRONYM_STARTS)
_CASED_HINTS = _NAME_STARTS | NAME_TITLES
"""Tokens that send a text's tokens through :func:`_abbreviated` or :func:`_untitled`."""
_INDEXES = frozenset(map(_name_tokens, MARKET_INDEXES))
_EPITHETS = tuple(sorted((tuple(e.split()) for e in INDEX_EPITHETS), key=len, reverse=True))


def _abbreviated(found: list[str]) -> list[str]:
    """Tokens with each name of :data:`ACRONYMS` in its short form, the longest name that
    starts at a token first ("chief executive officer", not "chief executive"); a name in
    capitals as written there, a common noun in either case ("GDP", "gross domestic
    product"); a stock index without its epithet ("the blue-chip Dow" / "the Dow Jones
    industrial average")."""
    kept: list[str] = []
    i = 0
    while i < len(found):
        for name, short in _ACRONYM_STARTS.get(found[i], ()):
            written = tuple(found[i : i + len(name)])
            if written == name or (name[0].islower() and tuple(w.lower() for w in written) == name):
                if short in _INDEXES:
                    _drop_epithet(kept)
                kept.extend(short)
                i += len(name)
                break
        else:
            kept.append(found[i])
            i += 1
    return kept


def _drop_epithet(kept: list[str]) -> None:
    """Drop an :data:`~factcheck.dedup.lexicon.INDEX_EPITHETS` that ends ``kept``."""
    for epithet in _EPITHETS:
        if len(kept) >= len(epithet) and tuple(w.lower() for w in kept[-len(epithet) :]) == epithet:
            del kept[-len(epithet) :]
            return


_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")(?:\.|(?= \d{1,2}(?!\d)))")
_MONTH_HINT = re.compile("|".join(MONTHS))
"""Whether a text may have a month abbreviated (one search is faster than a test per month)."""
_STATE = re.compile(r"([,(-]\s?)(" + "|".join(re.escape(s) for s in STATES) + r")\.")
_TITLE = re.compile(r"\b(" + "|".join(TITLES) + r")\.(?= [A-Z])")
_STREET = re.compile(r"\b([A-Z][a-z]+ )(" + "|".join(STREETS) + r")\.")
_SAINT = re.compile(r"\bSt\.?(?= [A-Z][a-z])")
""""St." or "St" before a name, once "Elm St." is "Elm Street": "St. Louis" is "Saint Louis"."""
_RESPELLINGS = tuple((re.compile(pattern), replacement) for pattern, replacement in RESPELLINGS)
_RESPELL_HINTS = (
    "%",
    "cent",
    "Cent",
    "CENT",
    "pct",
    "Pct",
    "United",
    "Britain",
    "European",
    "OVID",
    "ovid",
    "9/11",
    "per ",
    ":00",
    "0s",
)
_ORDINAL_ENDS = frozenset({"st", "nd", "rd", "th"})
_ORDINAL_DIGITS = frozenset(str(n) for n in range(1, 11))
_MONTH_NAMES = frozenset(MONTH_NAMES)
_MONTH_NAMES_CASED = frozenset(m.capitalize() for m in MONTH_NAMES)
_BARE_WORDS = frozenset(BARE_CONTRACTIONS) | _ORDINAL_ENDS
"""Words :func:`_tidy` rewrites: contractions without apostrophe, and the ending of "1st"."""
_SLUG = re.compile(r"([^\W\d_]+)(?: \d+)? ?[-:] ?")
_NUMBER_SIGN = re.compile(r"\b[Nn]o\.(?= ?\d)|(?<=\S )No(?= \d)")
""""No." before a figure is "number" ("the world No. 1", "No 10 said"), not a negation; "No"
without its full stop opens a sentence as often as a negation ("No 2 cases are alike")."""
_FEWER_THAN = re.compile(r"\b(?:less|fewer) than (?=\d|(?:" + "|".join(NUMBER_WORDS) + r")\b)", re.I)
""""Fewer than 20" is "under 20": a bound on the figure, not a polar word against "under"."""
_UNITS = "|".join(re.escape(u) for u in sorted(CONVERSION_UNITS, key=len, reverse=True))
_CONVERSION = re.compile(
    r" \((?:about |around |roughly |some |nearly |almost |approximately |over |more than |under )?"
    r"((?:[A-Z]{1,3})?[$€£¥₹])?\s?\d[\d,.]*(?:-\d[\d,.]*)?"
    r"((?:\s?(?:" + _UNITS + r")(?![^\W\d_]))*)\)"
)
"""A figure in other units or another currency in brackets, as outlets add it after a figure
("40C (104F)", "1.2 billion euros ($1.4 billion)", "3 p.m. EDT (1900 GMT)"); see :func:`respell`."""
CONVERTED_WITHIN = 30
"""A bracketed figure is a conversion only after a figure this many characters before it at most."""
_RESTATED_AS = (
    r"(?:about |nearly |almost |roughly |some )?(?:[$€£¥]\s?)?\d[\d,.]*"
    r"(?: ?(?:per ?cent|percent|pct|%)(?P<of> of (?:the |all |its |their )?[^\W\d_]+)?"
    r"| (?:cents? |pence |p )?(?:a|per) share)"
)
_RESTATED = re.compile(r", or " + _RESTATED_AS + r"(?![^\W\d_]),?(?=[\s.;:!?)]|$)")
_RESTATED_BRACKET = re.compile(r" \(" + _RESTATED_AS.replace("P<of>", ":") + r"\)")
"""A change or a total said again in other terms after its figure: ", or 1.3 percent," ("fell
35 cents, or 1.3 percent, to $26.34"), ", or 45 cents a share," ("a profit of $1.2 billion,
or 45 cents a share"), ", or 5 percent of the population,", "($0.45 per share)": which
outlets add or leave out, like a conversion. Not "up 12%" after a total: a change is another
fact."""


_CODE = re.compile(
    r" \((?:(?P<exchange>NYSE|Nasdaq|NASDAQ|AMEX|LSE|TSX|ASX|OTC|TSE|HKEX|SGX|Euronext|Xetra) ?: ?)?"
    r"(?P<code>[A-Z][A-Z0-9&]{0,5})(?P<ric>\.[A-Z]{1,2})?(?P<quote>: ?Quote(?:, ?[A-Z][\w ]*)*)?\)"
)
"""A company's ticker or a name's initials in brackets after it: "Intel Corp. (INTC.O)",
"Microsoft (Nasdaq: MSFT)", "Intel (INTC.O: Quote, Profile, Research)", "the World Health
Organization (WHO)"; see :func:`_uncoded`."""
_ANGLE_CODE = re.compile(r" ?<\.?[A-Z][A-Z0-9]{0,6}(?:\.[A-Z]{1,2})?>| \.[A-Z]{2,5}(?=[\s,;.)]|$)")
"""A Reuters instrument code, in angle brackets or bare: "Microsoft Corp. <MSFT.O>", "the
Standard & Poor's 500 Index <.SPX>", "the Nasdaq Composite Index .IXIC"."""
_INITIAL_LINKS = frozenset({"of", "and", "for", "the", "on", "de", "&"})
"""Words a name's initials skip ("Organization of the Petroleum Exporting Countries")."""
_ABOUT_WORDS = sorted((set(NUMBER_WORDS) - {"zero", "one"}) | {"a dozen", "a hundred", "a thousand"}, key=len)
_ABOUT = re.compile(
    r"\b(?:[Ss]ome|[Aa]round|[Rr]oughly|[Aa]pproximately|[Aa]n estimated)"
    rf"(?= (?:[$€£¥] ?)?\d| (?:{'|'.join(reversed(_ABOUT_WORDS))})\b)"
)
"""Words for "about" before a figure, which copies use in its place ("some 300 people")."""
_ABOUT_HINTS = ("some ", "Some ", "round ", "oughly ", "pproximately ", "estimated ")
_DIGIT = re.compile(r"\d")
_BASED = re.compile(r"\b([Tt]he|[Aa]n?) ((?:[A-Z][\w.&'-]*,? )*[A-Z][\w.&']*)-based ([a-z]+)(?![\w-])")
""""The Dallas-based airline" is "the airline, based in Dallas," (a noun of one word)."""
_BASED_IN = re.compile(r",? (?:which|that|who) (?:is|was|are|were) based in\b|, based in\b")
""""The airline, which is based in Dallas, said" is "the airline based in Dallas, said"."""
_THOUSAND = re.compile(r"([$€£¥] ?\d+(?:\.\d+)?)[kK]\b")
""""$50K" is "$50 thousand" (after a currency sign only: a "5K" is a race)."""
_SHARES_OF = re.compile(
    r"(?<!\bher )(?<!\bhis )(?<!\bits )(?<!\bthe )(?<!\btheir )(?<!\bour )(?<!\bmy )"
    r"\b([Ss])hares of ((?:the )?(?:company|firm|group|bank"
    r"|[A-Z][\w&'-]*(?:\.? [A-Z][\w&'-]*){0,3}\.?))(?= [a-z])"
)
""""Shares of Microsoft fell" is "Microsoft shares fell", as "Microsoft's shares fell" is."""


def _shares(found: re.Match[str]) -> str:
    owner = found[2]
    if found[1] == "S" and owner[0].islower():
        owner = owner[0].upper() + owner[1:]
    return f"{owner} shares"


_RATE_POINT = re.compile(
    r"\b(?:(?:[Aa]|[Oo]ne)[- ](quarter|half)|([Hh]alf) an?)[- ](?:of a )?(?:percentage[- ])?point\b"
)
""""A quarter point", "a quarter of a percentage point", "half a point", "a half-point": of a
rate, as a figure."""
_BASIS_POINTS = re.compile(r"\b(\d+(?:\.\d+)?)[- ]?(?:basis[- ]points?|bps?)\b")
""""25 basis points", "50bp": hundredths of a percentage point."""
_POINT_FIGURES = {"quarter": "0.25", "half": "0.5", "Half": "0.5"}


def _points(text: str) -> str:
    """A change of a rate in percentage points, however written ("a quarter point", "25 basis
    points" and "0.25 percentage point" are one figure)."""
    if "quarter" in text or "alf" in text:
        text = _RATE_POINT.sub(lambda m: f"{_POINT_FIGURES[m[1] or m[2]]} percentage point", text)
    if "basis" in text or "bp" in text:
        text = _BASIS_POINTS.sub(lambda m: f"{float(m[1]) / 100:g} percentage point", text)
    return text


_FRACTION = re.compile(r"\b[Aa] (?=(?:third|quarter|fifth|sixth|seventh|eighth|ninth|tenth)s? of\b)")
""""a third of" is "one third of" (not "a third term": only a fraction of something)."""
_FRACTION_HINTS = ("third", "quarter", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
_AGE_BEFORE = re.compile(
    r"\b(\d{1,3})[- ]years?[- ]old (?:((?:[A-Z][\w'.-]*\s)*[A-Z][\w'.-]*)|([a-z]+))\b(?!-)"
)
"""An age before whom it is of ("the 32-year-old man", "32-year-old John Smith"), written as
others write it, after ("the man, 32,", "John Smith, 32,")."""
_AGED = re.compile(r"(?<=[^\W\d_]), aged (?=\d{1,3},)")
""""the man, aged 32," is "the man, 32,"."""
_EARLIER = re.compile(
    r"\b(?:in )?(?:the )?(?P<unit>year|quarter|month)[- ](?:earlier|ago) (?:period|quarter)\b"
    r"|\b(?:a|one) (?P<span>year|month|week|quarter) ago\b"
)
""""a year ago", "in the year-earlier period", "the year-ago quarter": "a year earlier", as
results are compared ("a year before" is left: "before" is opposed to "after")."""
_VOTE = re.compile(r"\bby a (?:vote|margin|tally) of (?=\d)")
_TO = re.compile(r"(\d) (?:votes? )?to (?=\d)")
"""A vote's count written out: "by a vote of 52 to 48", "by 52 votes to 48" are "52-48"."""


def _uncoded(found: re.Match[str]) -> str:
    """Nothing where :data:`_CODE` matched a ticker (an exchange or a Reuters suffix is
    named, or a company suffix comes before) or the initials of the capitalised words before
    it; otherwise the text matched: "Cambridge (UK)" is not "Cambridge (US)"."""
    code = found["code"]
    if found["exchange"] or found["ric"] or found["quote"]:
        return ""
    before = found.string[: found.start()].split()
    if before and before[-1].rstrip(".") in COMPANY_SUFFIXES:
        return ""
    initials = ""
    for word in reversed(before):
        if word[0].isupper():
            initials = word[0] + initials
        elif word not in _INITIAL_LINKS:
            break
        if len(initials) >= len(code):
            break
    return "" if len(code) > 1 and initials == code else found[0]


def _unconverted(found: re.Match[str]) -> str:
    """The text of :data:`_CONVERSION`'s match, or nothing where it converts a figure just before."""
    if not (found[1] or found[2]):
        return found[0]  # a bare figure: "won 3-1 (2-0)", "(1)"
    return "" if _after_figure(found) else found[0]


def _unrestated(found: re.Match[str]) -> str:
    """The text of :data:`_RESTATED`'s match, or nothing where it follows a figure."""
    return "" if _after_figure(found) else found[0]


def _after_figure(found: re.Match[str]) -> bool:
    """Whether a figure comes at most :data:`CONVERTED_WITHIN` characters before a match."""
    before = found.string[max(found.start() - CONVERTED_WITHIN, 0) : found.start()]
    return any(c.isdigit() for c in before)


_MAGNITUDE = re.compile(r"(?<=\d)\s?(" + "|".join(MAGNITUDES) + r")\b", re.I)


def normalise(text: str) -> str:
    """Unicode, quote marks, apostrophes, dashes, markdown and white space made uniform.

    Case is kept: the acronym aliases need it. The result is still readable text.
    """
    if "&" in text and ";" in text:  # HTML character references: "&amp;", "&nbsp;", "&#8217;"
        text = html.unescape(text)
    if not text.isascii():
        if "\u201a\u00c4" in text:  # UTF-8 punctuation read as Mac Roman: ‚Äô for ’
            text = _MOJIBAKE.sub(lambda m: _MOJIBAKE_FIX[m[0]], text)
        text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    if "](" in text:
        text = _MD_LINK.sub(r"\1", text)
    if "\\" in text:
        text = _MD_ESCAPE.sub(r"\1", text)
    if text[:1] in _MD_LEAD_STARTS or text[:1].isspace():
        text = _MD_LEAD.sub("", text)
    if "#" in text:  # a hashtag's words: "#DonaldTrump" is "Donald Trump"
        text = _HASHTAG.sub(lambda m: _CAMEL.sub(" ", m[1]), text)
    if "*" in text or "__" in text:
        for _ in range(2):  # nested emphasis: ***a*** and **_a_**
            text = _MD_EMPHASIS.sub(r"\2", text)
    text = " ".join(text.split())
    if " ," in text or " ." in text or " '" in text or " n'" in text:  # a tokeniser's spaces
        text = _untokenised(text)
    return text


def _untokenised(text: str) -> str:
    """Text a tokeniser spaced out written as it would be printed: no space before a comma, a
    full stop or a closing bracket, none after an opening one, and each quote mark standing
    alone joined to the words it quotes (the first of a pair to the word after it, the second
    to the word before it: '" It\'s over , " he said .' is '"It\'s over," he said.'), "did
    n't" as "didn't", and doubled quote marks (``` `` ```, ``''``) as quote marks."""
    if "``" in text or "''" in text:
        text = _DOUBLED_QUOTE.sub('"', _ESCAPED_APOSTROPHE.sub("'", text))
    if " '" in text or " n'" in text or " N'" in text:
        text = _CLITIC.sub(r"\1", text)
    text = _SPACE_AFTER.sub("", _SPACE_BEFORE.sub("", text))
    if '"' not in text:
        return text
    out: list[str] = []
    inside = attach = False
    for part in text.split(" "):
        if part == '"' and inside and out:
            out[-1] += '"'
            inside = False
            continue
        if part == '"' and not inside:
            attach = inside = True
            continue
        if attach:
            part, attach = '"' + part, False
        elif part.count('"') % 2:
            inside = not inside
        out.append(part)
    return " ".join(out) + ('"' if attach else "")


@dataclass(frozen=True, slots=True)
class Key:
    """What a mention is compared by."""

    text: str
    """Lower-cased words, numbers masked, negations dropped, polar words by their pair."""
    numbers: tuple[str, ...] = ()
    """The numbers, in the order they come (the number guard: "220 to 210" / "210 to 220")."""
    negations: int = 0
    """How many negation words (the negation guard)."""
    polar: tuple[str, ...] = ()
    """Polar words as ``pair+`` / ``pair-``, in the order they come (the polarity guard: "stocks
    rose and bonds fell" / "stocks fell and bonds rose")."""
    names: tuple[str, ...] = ()
    """Names, lower-cased and sorted (the entity guard): words written capitalised, the first
    one included unless it is a function word; in an all-capitals text, every word but function
    words (:func:`shouted_names`)."""
    extra: str = ""
    """The clause of content after an attribution (``, adding …``), lower-cased words; it is
    not part of :attr:`text` and must be the same for two mentions to be one claim."""
    titled: bool = False
    """Written in title case ("Obama Meets Putin In Moscow") or in capitals: a capitalised word
    need not be a name."""
    titles: tuple[str, ...] = ()
    """The titles left out before names ("president", "vice_president", "mr"), words joined by
    ``_``, sorted: "Gov. Bush" and "President Bush" are not one person (the entity guard)."""
    short: bool = dataclasses.field(init=False, repr=False, compare=False)
    """Too short to be merged with anything (the short-text guard); made from :attr:`text`
    once, since every step of clustering asks."""

    def __post_init__(self) -> None:
        short = len(self.text) < MIN_CHARS or self.text.count(" ") + 1 < MIN_TOKENS
        object.__setattr__(self, "short", short)


def make_key(text: str) -> Key:
    """The comparison key of one mention's text."""
    text = strip_slugs(normalise(text))
    if "D-" in text or "R-" in text or "I-" in text:
        text = _PARTY.sub("", text)
    titles: list[str] = []
    cased = cased_tokens(text, titles)
    words = [w.lower() for w in cased]
    extra: list[str] = []
    if not LEADING_VERBS.isdisjoint(words) or "according" in words:
        body, clause = split_attribution(text)
        titles.clear()
        cased = cased_tokens(body, titles)
        words = [w.lower() for w in cased]
        extra = _clause_words(clause) if clause else []
    if not TIME_WORDS.isdisjoint(words) or (not _TIME_CUES.isdisjoint(words) and _dated(words)):
        words = time_last(words)
    if "that" in words[:_SAID_THAT]:  # "The company said that it would" is "… said it would"
        words = [
            w
            for i, w in enumerate(words)
            if w != "that" or not 0 < i < _SAID_THAT or words[i - 1] not in LEADING_VERBS
        ]
    shouted = not any(c.islower() for c in text)
    key = key_from_tokens(words, shouted_names(words) if shouted else names_of(cased))
    titled = title_case(cased) or (shouted and bool(key.names))
    if extra or titled or titles:
        key = dataclasses.replace(
            key, extra=" ".join(extra), titled=titled, titles=tuple(sorted(set(titles)))
        )
    return key


_SAID_THAT = 8
"""How far into a sentence a speaker's "said that" is read as "said" (a speaker opens it)."""
_TIME_CUES = frozenset({"last", "this", "next"}) | _MONTH_NAMES
_TITLE_STOPS = FUNCTION_WORDS | TIME_WORDS | _MONTH_NAMES
_TIME_STARTS = TIME_LEADS | TIME_WORDS | {"last", "this", "next", "in"}


def _dated(words: list[str]) -> bool:
    """Whether a text without a day may have a phrase of when ("last week", "in March")."""
    vocabulary = set(words)
    return not PERIODS.isdisjoint(vocabulary) or ("in" in vocabulary and not _MONTH_NAMES.isdisjoint(words))


def time_last(words: list[str]) -> list[str]:
    """Lower-case tokens with their phrase of when (a day, "late Monday", "last week", "in
    March") moved to the end: outlets put it first ("On Tuesday, the Senate approved …"),
    after the subject ("The Senate on Tuesday approved …") or last; a day for another still
    differs ("on Tuesday" / "on Friday"), and "on" is left out ("late on Monday" is "late
    Monday"). A text with two such phrases is left as it is, so that each keeps its clause ("In
    March prices rose; in May they fell")."""
    found = None
    i = 0
    while i < len(words):
        end = _time_phrase_end(words, i) if words[i] in _TIME_STARTS else i
        if end > i:
            if found is not None:
                return words
            found = (i, end)
            i = end
        else:
            i += 1
    if found is None:
        return words
    start, end = found
    phrase = [w for w in words[start:end] if w != "on"]  # AP leaves it out: "the Senate voted Tuesday"
    return words[:start] + words[end:] + phrase


def _time_phrase_end(words: list[str], i: int) -> int:
    """Where a phrase of when that starts at ``i`` ends (``i`` when none does)."""
    j = i
    while j < len(words) and j - i < 2 and words[j] in TIME_LEADS:
        j += 1
    if j < len(words) and words[j] in TIME_WORDS:
        return j + 2 if j + 1 < len(words) and words[j + 1] in DAY_PARTS else j + 1
    if j + 1 < len(words) and words[j] in ("last", "this", "next") and words[j + 1] in PERIODS:
        return j + 2
    if j == i and words[i] == "in" and i + 1 < len(words) and words[i + 1] in _MONTH_NAMES:
        year = i + 2 < len(words) and len(words[i + 2]) == 4 and words[i + 2][:2] in ("19", "20")
        return i + 3 if year and words[i + 2].isdigit() else i + 2  # "in March 2003"
    return i


TITLE_WORD = 4
"""Words this long or longer are capitalised in a title-case headline, whatever they are."""


def title_case(cased: list[str]) -> bool:
    """Whether a text is in title case: three or more words of :data:`TITLE_WORD` letters or
    more, all capitalised, and some word not all capitals (numbers and the magnitudes
    :func:`respell` writes out are not counted)."""
    long = 0
    mixed = False  # some long word is not all capitals
    for w in cased:
        if len(w) >= TITLE_WORD and not w[0].isdigit() and w not in NUMBER_WORDS:
            if not w[0].isupper():
                return False  # most sentences end here, at their first long word in lower case
            long += 1
            mixed = mixed or not w.isupper()
    return long >= 3 and mixed


def strip_slugs(text: str) -> str:
    """Normalised text without the wire service's tags before a headline ("UPDATE 2-") or its
    dateline before a story's first sentence ("WASHINGTON (AP) - ")."""
    if text[:2].isupper() and (found := DATELINE.match(text)) and found.end():
        rest = text[found.end() :]
        if rest.count(" ") >= 4 and not rest.isupper():  # a sentence after it, not a headline's half
            text = rest
    end = 0
    while found := _SLUG.match(text, end):
        if found[1].lower() not in WIRE_SLUGS:
            break
        end = found.end()
    rest = text[end:]
    return rest if end and (rest[:1].isupper() or rest[:1].isdigit()) else text


def _clause_words(clause: str) -> list[str]:
    """The words of a clause after an attribution, without a leading "adding (that)"."""
    words = tokens(clause)
    while words and (words[0] in LEAD_VERBS or words[0] in _LEAD_FILLERS):
        words.pop(0)
    return words


_LEAD_FILLERS = frozenset({"and", "added", "said", "noted", "told", "that"})


def names_of(cased: list[str]) -> set[str]:
    """The words of a sentence that name someone or something, lower-cased: the capitalised
    ones, the first included unless it is a function word ("The", "However"), so that a
    headline's first word counts ("US troops …" / "NATO troops …")."""
    return {
        w.lower() for i, w in enumerate(cased) if w[0].isupper() and (i or w.lower() not in FUNCTION_WORDS)
    }


def shouted_names(words: list[str]) -> set[str]:
    """The words of an all-capitals text that may name someone or something: every word but
    function words and numbers, since no capital tells a name from a word there ("US TROOPS
    KILLED" / "NATO TROOPS KILLED"). The key is marked :attr:`Key.titled`, so that against a
    text in ordinary case one of them counts as a name only where that text has a name in its
    place."""
    return {w for w in words if w[0].isalpha() and w not in FUNCTION_WORDS}


def tokens(text: str) -> list[str]:
    """Words and numbers of normalised text, lower-cased, aliases and contractions resolved."""
    return [w.lower() for w in cased_tokens(text)]


def cased_tokens(text: str, titles: list[str] | None = None) -> list[str]:
    """:func:`tokens` before lower-casing; the titles left out are added to ``titles``."""
    # An all-caps headline has no acronyms to tell apart from words.
    if any(a in text for a in ALIASES) and any(c.islower() for c in text):
        text = _ALIAS.sub(lambda m: ALIASES[m[0]], text)
    text = respell(text)
    if "'" in text:
        lower = text.lower()
        for pattern, replacement, hints in _CONTRACTIONS:
            if not hints or any(h in lower for h in hints):
                text = pattern.sub(replacement, text)
    if "," in text and any(c in text for c in _COMMA_DIGITS):
        text = _THOUSANDS.sub("", text)
    if text.count(".") > 1:
        text = _ACRONYM.sub(lambda m: m[0].replace(".", ""), text)
    found = _TOKEN.findall(text)
    hits = _CASED_HINTS.intersection(found)
    if hits:
        if not _NAME_STARTS.isdisjoint(hits):
            found = _abbreviated(found)  # may write a title out: "Sen." is "Senator"
            hits = NAME_TITLES.intersection(found)
        if not NAME_TITLES.isdisjoint(hits):
            found = _untitled(found, [] if titles is None else titles)
    if not (_BARE_WORDS.isdisjoint(map(str.lower, found)) and COMPANY_SUFFIXES.isdisjoint(found)):
        found = _tidy(found)
    return found


def _untitled(found: list[str], titles: list[str]) -> list[str]:
    """Tokens without the titles written before a name ("President George W. Bush", "Prime
    Minister Tony Blair", "Attorney General John Ashcroft", "Mr. Smith", "Sen. Kerry" are the
    name alone); a title before no name ("the President said", "Justice Department", "General
    Motors", "President Elect") stays, and so does every title in a title-case headline, where
    a capital does not tell a name ("Colorado Governor Visits School")."""
    if title_case(found):
        return found
    kept: list[str] = []
    i = 0
    while i < len(found):
        word = found[i]
        after = found[i + 1] if i + 1 < len(found) else ""
        if word == "State" and kept[-2:] == ["Secretary", "of"] and _is_name(after):
            del kept[-2:]  # "Secretary of State Colin Powell"
            kept.append("State")
            word = "Secretary"
        if word in NAME_TITLES and _is_name(after):
            start = len(kept)
            while start and kept[start - 1] in TITLE_QUALIFIERS:
                start -= 1
            if word not in TITLE_NEEDS_QUALIFIER or start < len(kept):
                titles.append("_".join(w.lower() for w in [*kept[start:], word]))
                del kept[start:]
                i += 1
                continue
        kept.append(word)
        i += 1
    return kept


def _is_name(word: str) -> bool:
    """Whether a token after a title may be a name (capitalised, neither a title nor a word that
    makes the title part of a name)."""
    return (
        word[:1].isupper()
        and word not in NAME_TITLES
        and word not in NOT_NAMES
        and word.lower() not in _TITLE_STOPS
    )


def respell(text: str) -> str:
    """One spelling for what style guides vary: per cent, United States, Sept., Colo., Sen.,
    St., $5bn, 1st, No. 1, fewer than 20, some 300, a third of, a year ago, 52 to 48, the
    32-year-old man.

    Left out: a figure converted in brackets ("40C (104F)", "1.2 billion euros ($1.4
    billion)": converted at another rate, the same claim) or said again in other terms (", or
    1.3 percent,"), a ticker or initials in brackets ("Intel Corp. (INTC.O)", "the World
    Health Organization (WHO)")."""
    if "." in text[:-1] or _MONTH_HINT.search(text):  # "Sept. 15", "Jan 4"
        text = _MONTH.sub(lambda m: MONTHS[m[1]], text)
        text = _STATE.sub(lambda m: m[1] + STATES[m[2]], text)
        text = _TITLE.sub(lambda m: TITLES[m[1]], text)
        text = _STREET.sub(lambda m: m[1] + STREETS[m[2]], text)
    if "St" in text:
        text = _SAINT.sub("Saint", text)
    figures = _DIGIT.search(text) is not None
    if "<" in text or " ." in text:
        text = _ANGLE_CODE.sub("", text)
    if " (" in text:
        text = _CODE.sub(_uncoded, text)
        if figures:
            text = _RESTATED_BRACKET.sub(_unrestated, _CONVERSION.sub(_unconverted, text))
    if figures:
        if ", or " in text:
            text = _RESTATED.sub(_unrestated, text)
        if "vote of" in text or "margin of" in text or "tally of" in text:
            text = _VOTE.sub("", text)
        if " to " in text:
            text = _TO.sub(r"\1-", text)
    for hint in _ABOUT_HINTS:
        if hint in text:
            text = _ABOUT.sub(lambda m: "About" if m[0][0].isupper() else "about", text)
            break
    if figures and ("K" in text or "k" in text):
        text = _THOUSAND.sub(r"\1 thousand", text)
    if "based " in text:
        if "-based " in text:
            text = _BASED.sub(r"\1 \3 based in \2,", text)
        text = _BASED_IN.sub(" based in", text)
    if "of Representatives" in text:  # "the House" in every other mention of it
        text = text.replace("House of Representatives", "House")
    if "hares of " in text:
        text = _SHARES_OF.sub(_shares, text)
    if figures and (" old " in text or "-old " in text or ", aged " in text):
        text = _AGED.sub(", ", _AGE_BEFORE.sub(lambda m: f"{m[2] or m[3]}, {m[1]},", text))
    if "point" in text or "bp" in text:
        text = _points(text)
    for hint in _FRACTION_HINTS:
        if hint in text:
            text = _FRACTION.sub("one ", text)
            break
    if " ago" in text or "earlier " in text:
        text = _EARLIER.sub(lambda m: f"a {m['unit'] or m['span']} earlier", text)
    if "No." in text or "no." in text or "No " in text:
        text = _NUMBER_SIGN.sub("number", text)
    if " than " in text or " Than " in text or " THAN " in text:
        text = _FEWER_THAN.sub("under ", text)
    if _MAGNITUDE.search(text):
        text = _MAGNITUDE.sub(lambda m: " " + MAGNITUDES[m[1].lower()], text)
    for hint in _RESPELL_HINTS:  # a loop, not any(): a generator costs more than most searches
        if hint in text:
            for pattern, replacement in _RESPELLINGS:
                text = pattern.sub(replacement, text)
            break
    return text


def _tidy(found: list[str]) -> list[str]:
    """Expand contractions written without apostrophe; drop company suffixes (Inc., Corp.);
    write 1st to 10th as words ("1st" is two tokens here, "1" and "st"), but a date's day as
    its number ("January 3rd" is "January 3")."""
    kept: list[str] = []
    for word in found:
        lower = word.lower()
        if lower in _ORDINAL_ENDS:
            # "1st" or "1ST", not "5 St Mary's Road"
            if len(kept) > 1 and kept[-1].isdigit() and kept[-2] in _MONTH_NAMES_CASED:
                continue  # a date: "January 12th" is "January 12"
            if kept and kept[-1] in _ORDINAL_DIGITS and (word.islower() or word.isupper()):
                kept[-1] = ORDINAL_WORDS[int(kept[-1]) - 1]
            else:
                kept.append(word)
        elif lower in BARE_CONTRACTIONS:
            kept.extend(BARE_CONTRACTIONS[lower].split())
        elif not (word in COMPANY_SUFFIXES and kept and kept[-1][0].isupper()):
            kept.append(word)
    return kept


_CUES = frozenset(NUMBER_WORDS) | NEGATIONS | frozenset(POLAR)
_SCALES = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12}


_MONTH_NUMBERS = {month: n for n, month in enumerate(MONTH_NAMES, 1)}


_FIGURE_WORDS = frozenset(_MONTH_NUMBERS) | frozenset(_SCALES)


def _figures(words: list[str]) -> list[str]:
    """Tokens with a figure and its scale as one figure ("1.5", "million": "1500000") and a
    date as one ("december", "30" and "30", "december": "12-30")."""
    found: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        after = words[i + 1] if i + 1 < len(words) else ""
        if word in _MONTH_NUMBERS and _is_day(after):  # "December 30"
            found.append(f"{_MONTH_NUMBERS[word]}-{int(after)}")
            i += 2
            continue
        if after in _MONTH_NUMBERS and after != "may" and _is_day(word):  # "30 December"
            found.append(f"{_MONTH_NUMBERS[after]}-{int(word)}")
            i += 2
            continue
        figure = NUMBER_WORDS.get(word, word)
        if after in _SCALES and figure[0] <= "9":
            scaled = _scaled(figure, _SCALES[after])
            if scaled is not None:
                found.append(scaled)
                i += 2
                continue
        found.append(word)
        i += 1
    return found


def _is_day(word: str) -> bool:
    return 0 < len(word) <= 2 and word.isdigit() and 1 <= int(word) <= 31


def _scaled(figure: str, scale: int) -> str | None:
    """A figure times its scale, as digits ("1.5", 6: "1500000"), so that "1.5 million" and
    "1,500,000" are one figure; None for what is no figure ("1.2.3")."""
    try:
        written = f"{decimal.Decimal(figure).scaleb(scale):f}"
    except decimal.InvalidOperation:
        return None
    return written.rstrip("0").rstrip(".") if "." in written else written


def key_from_tokens(words: list[str], names: set[str] | frozenset[str] = frozenset()) -> Key:
    """Split lower-case tokens into the comparison text and the guard cues: a figure with its
    scale ("1.5 million" is 1500000) and a date ("December 30", "30 December": 12-30) is one."""
    named = tuple(sorted(names - _CUES))
    if _CUES.isdisjoint(words) and (not words or min(words)[0] > "9"):  # digits sort before letters
        return Key(" ".join(words), names=named)
    kept: list[str] = []
    numbers: list[str] = []
    polar: list[str] = []
    negations = 0
    if not _FIGURE_WORDS.isdisjoint(words):
        words = _figures(words)
    for word in words:
        if word[0] <= "9" or word in NUMBER_WORDS:
            numbers.append(NUMBER_WORDS.get(word, word))
            kept.append(NUMBER_MASK)
        elif word in NEGATIONS:
            negations += 1
        elif word in POLAR:
            pair, pole = POLAR[word]
            polar.append(pair + pole)
            kept.append(pair)
        else:
            kept.append(word)
    return Key(" ".join(kept), tuple(numbers), negations, tuple(polar), named)
