"""Attribution in a sentence: the speaker, the speech verb and its title, told apart from the claim."""

from __future__ import annotations

import re

from factcheck.dedup.lexicon import (
    CITED_SOURCES,
    CLAUSE_LEADS,
    CLAUSE_OPENERS,
    CLAUSE_STARTS,
    FUNCTION_WORDS,
    MOODS,
    NEGATIONS,
    NUMBER_WORDS,
    OCCASION_PREPOSITIONS,
    OCCASION_TIMES,
    OCCASIONS,
    REFERRING,
    SIDE_VERBS,
    SPEAKERS,
    SPEECH_ADJUNCTS,
    TELLING,
)
from factcheck.lexicon import SPEECH_VERBS, STANCE_VERBS

_VERBS = "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
_WORD = re.compile(r"[^\W\d_]+")
_BEFORE_COMMA = re.compile(r"([^\W\d_]+), ")
_ARTICLES = ("the", "a", "an")


def _verbs(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """The speech verbs of ``text[start:end]``, in order (a set lookup per word: one regular
    expression alternating every verb is many times slower)."""
    return [
        m
        for m in _WORD.finditer(text, start, len(text) if end is None else end)
        if m[0].lower() in SPEECH_VERBS
    ]


_BETWEEN_QUOTES = re.compile(
    rf'(?<=[,.!?])"\s*,?\s*[^"]{{1,120}}?\b(?:{_VERBS})\b[^"]{{0,120}}?[.,:]\s*"', re.I
)
_CLAUSE = re.compile(r"\b(?:that|whether|if|because|but|although|while|(?-i:(?!WHO\b))who|which)\b", re.I)
"""Words that open a clause (not "WHO", the World Health Organization)."""
_ACCORDING = "according to "
_LEAD = re.compile(
    r",\s*(?:" + "|".join(sorted(CLAUSE_LEADS)) + r")\b|\s+and\s+(?:added|adding|said|noted|told)\b", re.I
)


MAX_TAIL_WORDS = 25
"""A longer 'tail' is more likely to carry content than a speaker and a title."""

MAX_SUBJECT_WORDS = 8
"""Longest unquoted speaker before the verb ("…, the US military said in a statement.")."""

MAX_AFTER_VERB_WORDS = 8
"""Longest phrase after a closing verb ("said at a news conference in Geneva on Tuesday")."""

_QUALIFIER = re.compile(
    r",\s*(?:speaking (?:on (?:the )?condition of anonymity|anonymously|on background)"
    r"|(?:who )?(?:asked|asking|declined|declining|requested|requesting) "
    r"(?:not to be (?:named|identified)|anonymity)"
    r"|citing (?P<cited>[^,;:\"]{1,80}?))(?=[.!?]?\s*$)",
    re.I,
)
"""What a speaker's tail may add about the speaking: anonymity, or whom the speaker cites
("…, the newspaper reported, citing unnamed sources.")."""


_ANONYMITY = (
    r"(?:who |while )?(?:spoke|speaking|talking|asked|asking|requested|requesting|declined|declining"
    r"|insisted on|insisting on)(?: to speak)? "
    r"(?:on (?:the )?condition (?:of|that)[^,.;]*?(?:anonymity|not be (?:named|identified))"
    r"|(?:not to|to not|to) be (?:named|identified|quoted)|anonymity|anonymously)"
    r"(?: because (?:he|she|they|it) (?:was|were|is|are) not (?:authorized|authorised|allowed|permitted)"
    r" to (?:speak|talk|discuss|comment)[^,.;]{0,60})?"
)
_ANONYMOUS = re.compile(
    r",\s*" + _ANONYMITY + r"\s*(?:,|(?=[.!?]?\s*$))"  # "The official, who spoke on condition …, said"
    r"|^" + _ANONYMITY + r",\s*"  # "Speaking on condition of anonymity, an official said"
    r"|\s+(?=who )" + _ANONYMITY + r"(?=\s)"  # "an official who declined to be identified said"
    r"|\s(?:on (?:the )?condition of anonymity)\b",  # "said on condition of anonymity that"
    re.I,
)
"""That a speaker would not be named, wherever it is said: "The official, who spoke on
condition of anonymity, said …", "…, said the official, who asked not to be identified.",
"An official said on condition of anonymity that …": who said it, not what."""


def strip_attribution(text: str) -> str:
    """The claim without who said it: drops speaker tails and leads from normalised text.

    Handles ``"…," said Lynn Maalouf, Amnesty's director.``, ``…, he added.``,
    ``…, according to Amnesty.``, ``Lynn Maalouf said: …`` and ``"A," she said. "B."``, and
    how and to whom it was said: ``…, the official told Reuters by telephone.``, ``…, he said,
    speaking on condition of anonymity.``, ``…, the paper reported, citing unnamed sources.``
    Verbs of confirming or denying are not speech verbs here: they change the claim. A
    clause after the attribution (``…," he told Reuters, adding 26 of the dead were women.``)
    is content, and is kept (see :func:`split_attribution`).
    """
    body, extra = split_attribution(text)
    return f"{body} {extra}" if extra else body


def split_attribution(text: str) -> tuple[str, str]:
    """The claim without its attribution, and the clause of content after the attribution.

    Only the speaker, the speech verb, its title and "according to" are attribution; what
    follows it (``, adding …``, ``, referring to …``, ``, who …``) is returned apart, as the
    second item ("" when there is none), so that it is compared on its own.
    """
    if text.count('"') >= 4:
        text = _BETWEEN_QUOTES.sub(" ", text)
    if "nonym" in text or " named" in text or "identified" in text or "quoted" in text:
        text = _ANONYMOUS.sub("", text)
    text = _unqualified(text)
    if text.count(",") >= 2:
        text = _without_asides(text)
    extras: list[str] = []
    for strip in (_after_quote, _inverted, _lead, _according):
        found = strip(text)
        if found is not None and len(found[0].split()) >= 3:
            text = found[0]
            if found[1]:
                extras.insert(0, found[1])
    return _unattributed_lead(_plain_lead(text)), " ".join(extras)


def _without_asides(text: str) -> str:
    """The text without attributions set off by commas inside it: ``The man, police said, was
    arrested …`` and ``Prices, according to the ministry, rose …`` are ``The man was arrested
    …`` and ``Prices rose …``. The speaker is a few words that open no clause ("…, who said,
    …" is content)."""
    for verb in reversed([m for m in _BEFORE_COMMA.finditer(text) if m[1].lower() in SPEECH_VERBS]):
        comma = text.rfind(",", 0, verb.start())
        if _aside(text, comma, verb.start()):
            text = text[:comma] + text[verb.end(1) + 1 :]
    at = text.find(", according to ")
    end = text.find(", ", at + 15) if at > 0 else -1
    if end > 0 and _aside(text, at, end, verb=False):
        text = text[:at] + text[end + 1 :]
    return text


def _aside(text: str, comma: int, end: int, verb: bool = True) -> bool:
    """Whether ``text[comma + 1 : end]`` is a short speaker set off by a comma at ``comma``, with
    a clause before it and three or more words after it."""
    if comma <= 0 or len(text[end:].split()) < 4 or not _WORD.search(text, 0, comma):
        return False
    after = _WORD.search(text, text.find(",", end) + 1)
    if after is None or after[0].lower() in _NOT_RESUMING:
        return False  # "…, he said, speaking on condition …", "…, according to the union, which said …"
    who = text[comma + 1 : end]
    words = who.split()
    limit = ASIDE_WORDS + (0 if verb else 2)
    if not 1 <= len(words) <= limit or words[0].lower() in CLAUSE_STARTS or '"' in who or ";" in who:
        return False
    return _is_speaker(who)


_NOT_RESUMING = CLAUSE_LEADS | CLAUSE_STARTS | {"speaking", "citing", "asking", "declining", "requesting"}
"""Words after an attribution set off by commas that begin a clause of their own rather than
resume the sentence."""

ASIDE_WORDS = 4
"""Longest speaker of an attribution set off by commas inside a sentence ("…, the health
ministry said, …")."""


def _plain_lead(text: str) -> str:
    """A sentence that opens with its speaker, without when, where and how it was said: ``The
    company said in a statement on Tuesday it would …`` and ``In a statement, the company said
    it would …`` are ``The company said it would …``, as the same words after the claim
    are attribution (see :func:`_inverted`). Only where what follows begins a clause ("it",
    "the", a name): in "He said Monday was the deadline" the day is the claim's."""
    words = text.split()
    verb = next((i for i, w in enumerate(words[: MAX_SUBJECT_WORDS + 1]) if w in SPEECH_VERBS), None)
    if not verb:
        return text
    start = _occasion_end(words, 0, names=False)
    if not (start and words[start - 1].endswith(",")):
        start = 0
    subject = words[start:verb]
    if not subject or any(w.lower() in CLAUSE_STARTS or "," in w or '"' in w for w in subject):
        return text
    end = _occasion_end(words, verb + 1)
    if end > verb + 1 and not (end < len(words) and _opens_clause(words[end])):
        end = verb + 1
    if (start == 0 and end == verb + 1) or len(words) - end < 3:
        return text
    return " ".join([*subject, words[verb], *words[end:]])


def _unattributed_lead(text: str) -> str:
    """A sentence that opens with its speaker, without the speaker: "Police said the man was
    arrested …" is "the man was arrested …", as "The man was arrested …, police said" is.

    Narrowly: a short subject that names a speaker (see :func:`_names_speaker`), then "said",
    "says", "stated" or "told" and its addressee ("told reporters", "told the BBC"), or another
    speech verb followed by "that" ("reported that": "The company reported a profit" reports
    no clause), then a clause of at least :data:`LEAD_CLAUSE_WORDS` words with a subject of
    its own. A clause whose subject is a pronoun keeps its speaker: "Microsoft said it would
    buy …" is not "Google said it would buy …"; so does a headline's clause without a subject
    ("Iran says ready to talk"). A verb that takes a side stays ("denied that …")."""
    words = text.split(maxsplit=MAX_SUBJECT_WORDS + 6)
    verb = next((i for i, w in enumerate(words[: MAX_SUBJECT_WORDS + 1]) if w.lower() in LEADING_VERBS), None)
    if not verb:
        return text
    said = words[verb].lower()
    stance = said in _TAKING_SIDES  # kept: "denied that …" is another claim than "said that …"
    at = verb + 1
    if said in TELLING:  # its addressee: "told reporters", "told the BBC"
        at += 2 if at < len(words) and words[at].lower() in _ARTICLES else 1
        if (
            at >= len(words)
            or words[at - 1][-1] in ",.;:"
            or (words[at - 1][0].isupper() and words[at][0].isupper())
        ):
            return text  # "the vividly told book, Ms. …"; "told White House press corps …"
    that = at < len(words) and words[at].lower() == "that"
    at += that
    if at >= len(words) or not (
        said in _SAYING or (that and (said.endswith("ed") or said == "wrote" or stance))
    ):
        return text  # "reports that": a noun; "The company reported a profit": no clause
    if not _AUXILIARIES.isdisjoint(w.lower() for w in words[: verb - 1]) or (
        verb and words[verb - 1].lower() in _AUXILIARIES - _PERFECT
    ):
        return text  # "Experts have begun analysing reports that …": no speaker
    opening = words[at]
    subject = " ".join(words[:verb])
    lower = opening.lower()
    if words[verb][0].isupper() and opening[0].islower():
        return text  # "Khan Said named as …": a name
    if lower in ("no", "no.", "number") and at + 1 < len(words) and words[at + 1][:1].isdigit():
        return text  # "Downing Street said No 10 would …": a name, read as one with its speaker
    # A noun without article opens a clause only in a sentence: a headline leaves out its
    # subject when it is the speaker ("Iran says ready to talk", "UK says investigating").
    titled = words[verb][0].isupper()  # "DeVos Says States Shouldn't …": a capital is no name
    noun = _plain_noun(lower) and said not in TELLING and text.rstrip("\"' ").endswith((".", "!", "?"))
    if (
        lower.split("'")[0] in REFERRING
        or lower.split("'")[0] in _AUXILIARIES
        or lower.endswith("n't")
        or not (lower in _OWN_SUBJECTS or noun or (_opens_clause(opening) and not titled))
        or lower in CLAUSE_OPENERS - _OWN_SUBJECTS
        or any(c in subject for c in ',;:"')
        or not CLAUSE_STARTS.isdisjoint(w.lower() for w in words[:verb])
        or words[0].lower() in OCCASION_PREPOSITIONS
        or words[verb - 1].lower() == "to"
        or any("'ll" in w or "'d" in w for w in words[:verb])
        or not _is_speaker(f"{subject} {words[verb]}")
        or not _MAY_SAY.isdisjoint(w.lower() for w in words[:verb])
        or not _names_speaker(words[:verb], text)
    ):
        return text
    rest = words[at:]
    if len(" ".join(rest).split()) < LEAD_CLAUSE_WORDS:
        return text
    return " ".join([words[verb], *rest] if stance else rest)


def _names_speaker(subject: list[str], text: str) -> bool:
    """Whether the words before a leading speech verb name a speaker: the last is a noun of
    :data:`SPEAKERS` ("Police", "The foreign ministry", "Intelligence officials"), or they are a
    name (capitalised but for an article: "Chuck Schumer", "the BBC"), or the text
    has no capitals to tell a name by ("santos stated that …")."""
    words = [w.strip("'\"()") for w in subject if w.lower() not in _PERFECT]
    when = next((i for i in range(1, len(words)) if _occasion_end(words, i, names=False) == len(words)), None)
    words = words[:when]  # "Police on Tuesday said …"
    if not words:
        return False
    if words[-1].lower().removesuffix("'s") in SPEAKERS:
        return True
    named = [w for w in words if w.lower() not in _ARTICLES]
    return (named and all(w[:1].isupper() or w[:1].isdigit() for w in named)) or text == text.lower()


def _plain_noun(word: str) -> bool:
    """Whether a lower-case word after a speech verb may be the subject of a clause ("The
    ministry said prices rose …"): not a function word, a negation, an adverb or a word of
    when and how it was said."""
    return (
        word.isalpha()
        and not word.endswith("ly")
        and word not in FUNCTION_WORDS
        and word not in NEGATIONS
        and word not in OCCASIONS
        and word not in OCCASION_TIMES
    )


_TAKING_SIDES = STANCE_VERBS | SIDE_VERBS
"""Verbs of a leading speaker that take a side on the clause after them: the speaker is
dropped, the verb kept ("US officials denied that …" is "denied that …")."""
LEADING_VERBS = SPEECH_VERBS | _TAKING_SIDES
"""Every verb whose speaker :func:`split_attribution` may take off."""

_SAYING = frozenset({"said", "says", "say", "stated", "told", "tells"})
"""Speech verbs after which a clause may follow without "that" (others need it: "reported
that", "added that")."""
_PERFECT = frozenset({"have", "has", "had"})
_AUXILIARIES = (
    _PERFECT
    | frozenset(
        {"is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "can", "should", "must"}
    )
    | frozenset(MOODS)
)
"""Verbs a speaker never holds but for "have" just before the speech verb ("Activists have
stated that …")."""
_OWN_SUBJECTS = frozenset({"the", "a", "an", "there", "some"})
"""Words opening a clause with a subject of its own."""
LEAD_CLAUSE_WORDS = 5
"""Shortest clause left when a leading speaker is dropped: shorter, it would be too short to
be merged with anything (``normalise.MIN_TOKENS``), while with its speaker it may be."""


def _opens_clause(word: str) -> bool:
    return word.lower() in CLAUSE_OPENERS or word[:1].isupper() or word[:1].isdigit() or word in NUMBER_WORDS


def _occasion_end(words: list[str], at: int, names: bool = True) -> int:
    """Where the phrases of when, where and how something was said that begin at ``at`` end
    ("in a statement on Tuesday", "at a news conference in New York", "late Monday"): ``at``
    when there is none. A phrase opens with a word of :data:`OCCASION_PREPOSITIONS` or
    :data:`OCCASION_TIMES` and ends on a word of :data:`OCCASIONS` or, with ``names``, a name
    after a preposition ("in Geneva", "to Reuters"); a comma ends them all."""
    end = i = at
    opened = named = False
    while i < len(words):
        word = words[i].strip(",.;:")
        lower = word.lower()
        if lower in OCCASIONS or (names and word[:1].isupper() and (named or _after_preposition(words, i))):
            named = lower not in OCCASIONS
            opened = False
            end = i = i + 1
            if words[i - 1].endswith(","):
                break
            continue
        if named and lower in _NAME_LINKS and i + 1 < len(words) and words[i + 1][:1].isupper():
            if words[i].endswith(","):
                break
            i += 1  # "the Securities and Exchange Commission"
            continue
        named = False
        if lower in OCCASION_PREPOSITIONS or lower in OCCASION_TIMES or (opened and lower in _ARTICLES):
            opened = True
            if words[i].endswith(","):
                break
            i += 1
        else:
            break
    return end


def _after_preposition(words: list[str], i: int) -> bool:
    """Whether a preposition comes before word ``i``, or before the article before it ("with
    the Securities and Exchange Commission")."""
    before = words[i - 1].lower() if i > 0 else ""
    if before in _ARTICLES:
        before = words[i - 2].lower() if i > 1 else ""
    return before in OCCASION_PREPOSITIONS


_NAME_LINKS = frozenset({"and", "of", "for", "&"})
"""Lower-case words inside a name ("Securities and Exchange Commission", "Bank of England")."""


def _unqualified(text: str) -> str:
    """The text without a :data:`_QUALIFIER` that ends it after a speech verb ("…, the official
    said, speaking on condition of anonymity."); elsewhere it is content ("The company raised
    prices, citing higher fuel costs.")."""
    found = _QUALIFIER.search(text) if "," in text else None
    if found is None:
        return text
    cited = found["cited"]
    if cited is not None and not _cites_source(cited):
        return text
    head = text[: found.start()]
    if _after_quote(head) is None and _inverted(head) is None:
        return text
    return head + text[found.end() :]


def _cites_source(cited: str) -> bool:
    """Whether the words after "citing" name a source: a name, or a word of :data:`CITED_SOURCES`."""
    words = cited.split()
    named = words[1:2] if words[0].lower() in _ARTICLES else words[:1]
    return (bool(named) and named[0][:1].isupper()) or not CITED_SOURCES.isdisjoint(w.lower() for w in words)


Stripped = tuple[str, str] | None
"""The text without an attribution and the clause after it, or None when there is none."""


def _clause_after(text: str, start: int) -> tuple[int, str]:
    """Where a clause of content begins after ``start`` (its index, or the text's end) and the clause."""
    lead = _LEAD.search(text, start)
    if lead is None:
        return len(text), ""
    return lead.start(), text[lead.start() :].lstrip(" ,").rstrip(" .")


def _after_quote(text: str) -> Stripped:
    """``"…," said X, title.`` and ``"…," X, title, said in a statement.``"""
    quote = text.rfind('"')
    verb = next(iter(_verbs(text, quote + 1)), None) if quote > 0 else None
    body = text[:quote].rstrip()
    if verb is None or not body.endswith((",", ".", "!", "?")):
        return None
    end, extra = _clause_after(text, verb.end())
    return (body, extra) if _is_speaker(text[quote + 1 : end]) else None


def _inverted(text: str) -> Stripped:
    """``…, said Lynn Maalouf.`` and ``…, the group said in a statement.`` (no quote marks).

    Without quote marks content and speaker are told apart by shape alone, so the forms
    are narrow: a verb then a name ("said Lynn Maalouf"), or a short subject then a verb
    that ends the sentence or is followed by when, where or to whom it was said.
    """
    tail_from = text.rfind('"') + 1
    verbs = _verbs(text, tail_from)
    if not verbs:
        return None
    end, extra = _clause_after(text, verbs[0].end())
    head = text[:end]
    first, last = verbs[0], [v for v in verbs if v.end() <= end][-1]
    if head[: first.start()].rstrip().endswith(","):
        named = head[first.end() :].lstrip()[:1].isupper() or _described(head[first.end() :])
        comma = head.rindex(",", 0, first.start())
        return (head[:comma], extra) if named and _is_speaker(head[first.start() :]) else None
    comma = head.rfind(",", tail_from, last.start())
    subject = head[comma + 1 : last.start()].split()
    after = head[last.end() :].strip(" .!?").split()
    if after and last[0].lower() in TELLING:  # its addressee first: "told Reuters", "told the BBC"
        after = after[2:] if after[0].lower() in _ARTICLES else after[1:]
    if comma < 0 or not 1 <= len(subject) <= MAX_SUBJECT_WORDS or subject[0].lower() in CLAUSE_STARTS:
        return None
    if len(after) > MAX_AFTER_VERB_WORDS or (after and after[0].lower() not in SPEECH_ADJUNCTS):
        return None
    return (head[:comma], extra) if _is_speaker(head[comma + 1 :]) else None


def _described(after: str) -> bool:
    """Whether the words after an inverted speech verb are a speaker described, not named:
    "the official", "a spokesman for the ministry", "the foreign ministry in a statement"
    (an article, at most :data:`DESCRIBED_WORDS` words without a verb, then only when and
    where it was said), not "the report was false"."""
    words = after.strip(" .!?").split()
    if not words or words[0].lower() not in _ARTICLES:
        return False
    for n in range(2, min(DESCRIBED_WORDS, len(words)) + 1):
        word = words[n - 1].lower()
        if (
            word in _AUXILIARIES
            or word in CLAUSE_OPENERS - _OWN_SUBJECTS
            or word == "to"
            or word.endswith("ed")
        ):
            return False  # a verb: "…, said the coalition failed to …"
        if n == len(words) or _occasion_end(words, n) == len(words):
            return True
    return False


DESCRIBED_WORDS = 5
"""Longest speaker described after an inverted verb, its article included ("…, said a
spokesman for the ministry.")."""


def _lead(text: str) -> Stripped:
    """``Lynn Maalouf said: …`` and ``Lynn Maalouf said, "…"`` (a quotation after the verb)."""
    colon = text.find(":", 0, 120)
    if colon < 0 or '"' in text[1:colon] or not _verbs(text, 0, colon):
        return _quoted_after(text)
    return (text[colon + 1 :].strip(), "") if _is_speaker(text[:colon]) else None


def _quoted_after(text: str) -> Stripped:
    """``Lynn Maalouf said, "…"`` and ``Lynn Maalouf said "…" …``: a speaker and a speech verb
    that open the sentence, then a quotation mark."""
    quote = text.find('"', 0, 120)
    verbs = _verbs(text, 0, quote) if quote > 0 else []
    if not verbs or len(text[:quote].split()) > MAX_SUBJECT_WORDS + ADDRESSEE_WORDS + 1:
        return None
    between = text[verbs[-1].end() : quote].strip(" ,").split()
    if between and (verbs[-1][0].lower() not in TELLING or len(between) > ADDRESSEE_WORDS):
        return None  # "told reporters", "told the BBC"
    speaker = text[:quote]
    subject = text[: verbs[-1].start()]
    words = [w.lower() for w in _WORD.findall(subject)]
    if not 1 <= len(words) <= MAX_SUBJECT_WORDS or _PUNCTUATION.search(subject) or words[0] in CLAUSE_STARTS:
        return None  # "In a few years, he said, …", "Streep denounces Trump; Trump tweets …"
    if not _MAY_SAY.isdisjoint(words):
        return None  # "Smith may say": not yet said
    return (text[quote:].strip(), "") if _is_speaker(speaker) else None


_MAY_SAY = frozenset(MOODS)
_PUNCTUATION = re.compile(r"[,;:]")

ADDRESSEE_WORDS = 3
"""Longest addressee between "told" and a quotation ("told the BBC", "told a news conference")."""


def _according(text: str) -> Stripped:
    """``According to Amnesty, …`` and ``…, according to Amnesty.``"""
    lower = text.lower()
    if lower.startswith(_ACCORDING) and "," in text:
        comma = text.index(",")
        return (text[comma + 1 :].strip(), "") if _is_speaker(text[:comma]) else None
    at = lower.rfind(", " + _ACCORDING)
    if at < 0:
        return None
    end, extra = _clause_after(text, at + len(_ACCORDING) + 2)
    if "," in text[at + 1 : end] or '"' in text[at:end]:
        return None
    return (text[:at], extra) if _is_speaker(text[at + 1 : end]) else None


def _is_speaker(tail: str) -> bool:
    """Whether a stripped-off part names a speaker rather than carrying content: not a clause,
    and nothing denied ("…," Smith never said; …, according to no one)."""
    if len(tail.split()) > MAX_TAIL_WORDS or _CLAUSE.search(tail) or "n't" in tail:
        return False
    if "o" in tail:
        tail = _NUMBER_SIGN.sub("", tail)  # "No 10 said": Downing Street, not a denial
    return _DENIALS.isdisjoint(w.lower() for w in _WORD.findall(tail))


_NUMBER_SIGN = re.compile(r"\bNo\.? ?(?=\d)")


_DENIALS = NEGATIONS - {"without"}
"""Negations that deny the saying; "without" tells how it was said ("…, he said without
giving details")."""
