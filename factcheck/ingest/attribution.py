"""Suggest who makes each sentence's claim, read from its attribution (pre-annotation only)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.ingest.phrases import Phrases
from factcheck.lexicon import ATTRIBUTION_VERBS

# Single quotes are not quotation marks here: ’ is far more often an apostrophe.
_QUOTE_RE = re.compile(r'[“”«»„"\n]')
_OPENERS = "“«„"
# Bounded, so a run of blank lines cannot make every newline rescan the rest of the text.
_REOPEN_RE = re.compile(r'[\s*_>#]{0,20}["“«„]')
_DASH_RE = re.compile(r"[—–]|(?<=\s)--?(?=\s)")
_WORD_RE = re.compile(r"\w")
_INTRO_RE = re.compile(r":\s*\x00")
_PSEUDONYM_RE = re.compile(r"[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){0,2}")
_PARTICLE_RE = re.compile(r"(?:al|el|ad|as|ash|ibn|bin|abu)-[A-Z]")
_LEAD_NAME_RE = re.compile(r"\W{0,4}((?:[A-Z][\w’'.-]*\s+){0,5}?[A-Z][\w’'.-]*)\s+[a-z]")
_ABBREV_RE = re.compile(r"(?:[A-Z]\.)+|[A-Z][a-z]{0,3}\.|\(.*\)")
_EDGE = "\"“”«»„‘’'*_()[],.;:!?"
_MASK = " \x00 "  # stands for a quotation; a token of its own that no name can cross
_WINDOW = 6  # sentences back that a pronoun may reach for its antecedent
_MAX_WORDS = 16  # longest name phrase, which also bounds the work per reporting verb


# The lexicon stays beside the phrase walker that reads it: each list is tuned against the
# rules below, so this module runs past the usual ~300 lines rather than split one grammar.
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_VERBS = ATTRIBUTION_VERBS
_SAID = _words("said says added wrote")  # the verbs that also invert after a plain comma
_AUX = _words("is was were are has have had went did does do will would can could should may might must")
_AUX |= _words("remains became be been being")
_SKIP = _words(
    "has have had does did do will would can could should may might must also then later previously "
    "further once again recently earlier reportedly on last this today yesterday tonight week monday "
    "tuesday wednesday thursday friday saturday sunday morning afternoon evening night"
)
_NOT_ADVERBS = _words("family ally assembly rally supply anomaly monopoly")
_PREPOSITIONS = _words(
    "in on by with from into onto over under about against without through between among upon via "
    "during after before since until to"
)
_STOPS = (
    _AUX
    | _PREPOSITIONS
    | _words(
        "that which who whom whose when where while whether but or nor so if as because than then not this "
        "these those there here what how why its their his her our my your also according amid despite"
    )
)
_PRONOUNS = _words("he she it they")
_FIRST_PERSON = _words("i we")
_QUANTIFIERS = _words("one two three four five several some many")
_ARTICLES = _words("the a an")
_CONNECTORS = _words("of for from at and & de del della di da du des la le van von der den")
_TITLE_WORDS = _words(
    "acting managing visiting leading founding ranking outgoing incoming commanding retired elected "
    "unnamed unidentified disgraced embattled senior"
)
_ORG_WORDS = _words(
    "International Amnesty Council Ministry Department Committee Organisation Organization Agency "
    "Office Group Coalition Commission Union Institute Center Centre Club Foundation Association "
    "Administration Government Army Forces Police Watch Court Congress Senate House Parliament Party "
    "Campaign Pentagon MoD report letter statement study document analysis survey group organisation "
    "organization coalition ministry government agency watchdog military army police court charity "
    "company committee council"
)
# A cheap test that spares most sentences the token-by-token search.
_TRIGGERS = Phrases(r"\b(?:" + "|".join(sorted(_VERBS)) + r"|[Aa]ccording)\b|—")
_FITS = {"he": ("person",), "she": ("person",), "it": ("thing",), "they": ("group", "thing")}


@dataclass(frozen=True)
class _Sentence:
    """One span, with its quotations masked, and its place in the flow of quotations."""

    masked: str
    """The sentence with each quotation replaced by a mask token (quoted pseudonyms kept)."""
    continues: bool
    """Starts inside a quotation opened by an earlier sentence."""
    opens_quote: bool
    """Starts with a quotation, continued or newly opened."""
    quoted: bool
    """Contains quoted matter."""
    intro: bool
    """Introduces a quotation: ends with a colon, or a colon leads into a quotation."""


def suggest_sources(
    text: str, spans: Sequence[tuple[int, int]], outlet: str | None = None
) -> list[str | None]:
    """One suggestion per span (sentence text[s:e]) — the source as written, or None.

    Args:
        text: The cleaned article text.
        spans: Sentence offsets into ``text``, in reading order.
        outlet: The article's outlet. It is suggested only where the writer speaks in the first
            person outside quotation marks ("we reported", "I argued"), because there the
            text itself names the writer as the source. Unattributed sentences get None and
            the caller decides whether to offer the outlet.

    Returns:
        A list as long as ``spans``: each sentence's attributed source, shared by every
        sentence of a quotation, with "he"/"she"/"it"/"they" resolved to a recent named
        source where one fits; None where nothing is attributed.
    """
    sentences = _scan(text, spans)
    return _carry(sentences, _own_sources(sentences, outlet))


def _scan(text: str, spans: Sequence[tuple[int, int]]) -> list[_Sentence]:
    """Mask quotations sentence by sentence, following quotations that run across spans."""
    out: list[_Sentence] = []
    inside, prev_end = False, 0
    for raw_start, raw_end in spans:
        start = max(0, min(raw_start, len(text)))
        end = max(start, min(raw_end, len(text)))
        if inside and "\n" in text[prev_end:start] and not _REOPEN_RE.match(text, start):
            inside = False  # news convention: a quotation goes on only into a paragraph that reopens it
        sentence, continues = text[start:end], inside
        regions, inside = _quoted_regions(sentence, inside)
        masked = _mask(sentence, regions)
        intro = masked.rstrip().endswith(":") or _INTRO_RE.search(masked) is not None
        opens = continues or _REOPEN_RE.match(sentence) is not None
        out.append(_Sentence(masked, continues, opens, bool(regions), intro))
        prev_end = max(prev_end, end)
    return out


def _quoted_regions(sentence: str, inside: bool) -> tuple[list[tuple[int, int]], bool]:
    """Return the quoted regions of a sentence and whether it ends inside a quotation."""
    regions: list[tuple[int, int]] = []
    start = 0
    for match in _QUOTE_RE.finditer(sentence):
        char, i = match.group(), match.start()
        if char == "\n":
            if inside and not _REOPEN_RE.match(sentence, i + 1):
                regions.append((start, i))
                inside = False
            continue
        opening = char in _OPENERS or (char == '"' and _straight_opens(sentence, i, inside))
        if opening and not inside:
            start, inside = i, True
        elif not opening and inside:
            regions.append((start, i + 1))
            inside = False
    if inside:
        regions.append((start, len(sentence)))
    return regions, inside


def _straight_opens(sentence: str, i: int, inside: bool) -> bool:
    """Read from its neighbours whether a straight quote opens or closes."""
    before = sentence[i - 1] if i else " "
    after = sentence[i + 1] if i + 1 < len(sentence) else " "
    if (before.isspace() or before in "([{—–-/") and not after.isspace():
        return True
    if after.isspace() or after in ".,;:!?)]—–":
        return False
    return not inside


def _mask(sentence: str, regions: list[tuple[int, int]]) -> str:
    """Replace quotations by the mask token, keeping quoted pseudonyms such as "Mohsen"."""
    parts, last = [], 0
    for start, end in regions:
        quoted = sentence[start:end]
        keep = len(quoted) < 40 and _PSEUDONYM_RE.fullmatch(quoted.strip('"“”«»„')) is not None
        parts += [sentence[last:start], quoted if keep else _MASK]
        last = end
    parts.append(sentence[last:])
    masked = "".join(parts)
    if "—" in masked or "–" in masked or "-" in masked:
        masked = _DASH_RE.sub(" — ", masked)  # a dash bounds a name phrase, like a comma
    return masked


def _classify(tok: str) -> str:
    """Return a token's part in a name phrase: cap, low, conn, art or stop."""
    core = tok.strip(_EDGE)
    low = core.lower()
    if "\x00" in tok or not _WORD_RE.search(core) or low in _VERBS or low in _PRONOUNS:
        return "stop"
    if low in _CONNECTORS:
        return "conn"
    if low in _STOPS:
        return "stop"
    if low in _ARTICLES and not tok.endswith("."):  # "Mark A. Milley" has an initial
        return "art"
    if core[0].isupper() or core[0].isdigit() or _PARTICLE_RE.match(core):
        return "cap"
    verbish = low.endswith(("ed", "ing")) and "-" not in low and low not in _TITLE_WORDS
    return "stop" if verbish or low in _FIRST_PERSON or low == "you" else "low"


def _ends_clause(tok: str) -> bool:
    """Whether a token closes a clause: a comma, a colon, the mask or a dash."""
    return tok.endswith((",", ";", ":")) or "\x00" in tok or not _WORD_RE.search(tok)


def _walk_back(toks: list[str], j: int) -> int | None:
    """Return the first token of the name phrase that ends at token ``j``."""
    if _classify(toks[j]) == "conn":
        return None  # "failed to adapt ... and continued": a second verb, not a subject
    start, lower_run, i = None, 0, j
    while i >= 0 and j - i < _MAX_WORDS and (i == j or not _ends_clause(toks[i])):
        kind = _classify(toks[i])
        left = _classify(toks[i - 1]) if i and not _ends_clause(toks[i - 1]) else "stop"
        lower_run = lower_run + 1 if kind == "low" else lower_run if kind == "conn" else 0
        if kind == "stop" or lower_run > 4 or (kind == "conn" and left not in ("cap", "low")):
            break
        start = start if kind == "conn" else i
        if kind == "art" and left != "conn":  # "the" opens the phrase unless "of the"
            break
        i -= 1
    if start is None or (start and toks[start - 1].strip(_EDGE).lower() in _PREPOSITIONS):
        return None  # "civilians trapped in Mosul said": the phrase is not the subject
    return start if _plausible(toks[start : j + 1]) else None


def _walk_forward(toks: list[str], i: int, stop: int) -> int | None:
    """Return the last token of the name phrase, with one appositive, that starts at ``i``."""
    end = head = None
    lower_run, in_appos, prev = 0, False, ","
    for k in range(i, min(stop, i + _MAX_WORDS)):
        tok, kind = toks[k], _classify(toks[k])
        lower_run = lower_run + 1 if kind == "low" else 0
        if kind == "stop" or lower_run > 4 or (kind == "art" and prev not in ("conn", ",")):
            # An appositive ends at a comma, a relative clause or the sentence end; anything
            # else means the comma began a new clause ("according to the report, at least").
            if in_appos and tok.strip(_EDGE).lower() not in ("who", "which", "whose"):
                end = head
            break
        end = k if kind in ("cap", "low") else end
        if tok.endswith((";", ":")) or (tok.endswith(",") and in_appos):
            break
        if tok.endswith(".") and not _ABBREV_RE.fullmatch(tok.strip('"“”*')):
            break
        prev = "," if tok.endswith(",") else kind
        if prev == ",":
            head, in_appos = end, True
    return end if end is not None and _plausible(toks[i : end + 1]) else None


def _plausible(words: list[str]) -> bool:
    """A phrase can name a source if it has a capital, opens with an article, or is short."""
    kinds = [_classify(w) for w in words]
    if all(w.strip(_EDGE).lower() in _SKIP or w.strip(_EDGE).isdigit() for w in words):
        return False
    if "cap" in kinds or (kinds[0] == "art" and "low" in kinds):
        return True
    return kinds.count("low") in (1, 2) and "art" not in kinds


def _subject_before(toks: list[str], verb: int) -> tuple[int, int] | None:
    """Find the subject left of a reporting verb, with its appositive if it has one."""
    j = verb - 1
    while j >= 0 and (toks[j].lower() in _SKIP or _adverb(toks[j])):
        j -= 1  # "Amnesty also said", "Jones on Tuesday said"
    if j < 0 or _pronoun(toks[j]):
        return None if j < 0 else (j, j)
    if not toks[j].endswith(","):
        start = _walk_back(toks, j)
        if start and toks[start - 1].endswith(",") and _classify(toks[start]) == "low":
            head = _walk_back(toks, start - 1)  # "Mohamed from al-Tenak, west Mosul told"
            start = start if head is None else head
        return None if start is None else (start, j)
    k = j - 1
    while k >= 0 and j - k < 3 * _MAX_WORDS and not _ends_clause(toks[k]):
        k -= 1
    head = _walk_back(toks, k) if k >= 0 and toks[k].endswith(",") else None
    if head is not None:  # NAME, APPOSITIVE, said
        return (head, j if _walk_forward(toks, k + 1, j + 1) == j else k)
    end = _walk_forward(toks, k + 1, j + 1)  # "Abu Haidar" a man from ..., told
    return None if end is None else (k + 1, end)


def _adverb(tok: str) -> bool:
    """A lowercase "-ly" word such as "strongly" or "similarly"."""
    return tok.islower() and tok.endswith("ly") and tok not in _NOT_ADVERBS


def _attribution(toks: list[str]) -> tuple[int, int] | None:
    """Return the token range of the first attribution in a masked sentence.

    ``(-1, -1)`` stands for a reporting verb whose subject is the sentence's own subject
    ("Jealous celebrated ..., but added that ...").
    """
    for i, tok in enumerate(toks):
        core, found = tok.strip(_EDGE), None
        prev, nxt = toks[i - 1] if i else "", toks[i + 1] if i + 1 < len(toks) else ""
        after_quote = "\x00" in prev
        if core in _VERBS and nxt == "by":
            found = _after(toks, i + 2)  # "documented by Amnesty International"
        elif core in _VERBS and not (core.startswith("continu") and nxt == "to"):
            found = _subject_before(toks, i)
            if found is None and (after_quote or (prev.endswith(",") and core in _SAID)):
                found = _after(toks, i + 1, inverted=True)  # "...," said Lynn Maalouf
            if found is None and prev in ("and", "but"):
                return (-1, -1)
        elif core.lower() == "according" and nxt == "to":
            found = _after(toks, i + 2)
        elif core == "—" and after_quote:  # "..." — Mohsen
            found = _after(toks, i + 1)
        if found is not None:
            return found
    return None


def _after(toks: list[str], i: int, inverted: bool = False) -> tuple[int, int] | None:
    """The name phrase that starts at token ``i``; after an inverted verb, one that opens
    like a subject ("said the senators", "said one campaigner"), not "said on Monday"."""
    opens_subject = i < len(toks) and (
        _classify(toks[i]) in ("cap", "art") or toks[i].lower() in _QUANTIFIERS
    )
    if inverted and not opens_subject:
        return None
    end = _walk_forward(toks, i, len(toks))
    return None if end is None else (i, end)


def _leading_subject(toks: list[str]) -> tuple[int, int] | None:
    """The sentence's subject, when it opens with a name phrase and then a verb."""
    for i, tok in enumerate(toks[1:_MAX_WORDS], 1):
        word = tok.strip(_EDGE)
        verbish = word in _AUX or word in _VERBS or (word.endswith("ed") and "-" not in word)
        if verbish and word.islower():
            found = _subject_before(toks, i)
            return found if found and found[0] == 0 and not _pronoun(toks[0]) else None
    return None


def _phrase_text(toks: list[str], found: tuple[int, int]) -> str:
    """The phrase as written (spacing normalised), without trailing punctuation, emphasis
    or outer quotes."""
    text = " ".join(toks[found[0] : found[1] + 1]).replace("*", "").lstrip(",;: ")
    last = text.rsplit(" ", 1)[-1]
    if not _ABBREV_RE.fullmatch(last) or len(last) > 5:  # keep the point of "U.S." or "Jr."
        text = text.rstrip(",.;:!?")
    if len(text) > 2 and text[0] in '"“' and text[-1] in '"”' and text.count(" ") < 3:
        text = text[1:-1]  # a quoted pseudonym on its own: "Mohsen" told ...
    return text.strip()


def _sentence_source(sentence: _Sentence) -> tuple[str | None, str | None]:
    """A sentence's own attribution (possibly a pronoun) and its leading subject."""
    toks = sentence.masked.split()
    lead_range = _leading_subject(toks)
    lead = (_phrase_text(toks, lead_range) or None) if lead_range else None
    found = _attribution(toks) if _TRIGGERS.search(sentence.masked) else None
    if found == (-1, -1):
        match = _LEAD_NAME_RE.match(sentence.masked)
        name = match.group(1) if match and _classify(match.group(1).split()[0]) == "cap" else None
        return lead or name, lead
    if found is not None:
        return _phrase_text(toks, found) or None, lead
    if sentence.intro or ("\x00" in sentence.masked and lead and _named(lead)):
        return lead, lead  # "X saw how ...: “...”", "X was blunter, calling it “naive”"
    return None, lead


def _pronoun(text: str) -> str | None:
    """The pronoun, lowercased, if the source is one; else None."""
    low = text.strip(_EDGE).lower()
    return low if low in _PRONOUNS or low in _FIRST_PERSON else None


def _named(source: str) -> bool:
    """Whether a source's head ends in a capitalised name ("Major General Rupert Jones")."""
    head = source.split(",", 1)[0].split()
    return bool(head) and _classify(head[-1]) == "cap"


def _kind(source: str) -> str:
    """Guess whether a source is a person, a group of people, or a thing (a body or a text)."""
    head = re.split(r",| of | for | at | from ", source, maxsplit=1)[0]
    if " and " in head or " & " in head:
        return "group"
    last = (head.split() or [""])[-1].strip(_EDGE).removesuffix("’s").removesuffix("'s")
    if last in _ORG_WORDS or (last.isupper() and len(last) > 1):
        return "thing"
    plural = last.islower() and last.endswith("s") and not last.endswith("ss")
    return "group" if plural else "person"


def _resolve(pronoun: str, index: int, candidates: list[tuple[int, str]]) -> str | None:
    """The most recent candidate within the window that the pronoun can refer to."""
    for seen, source in reversed(candidates):
        if index - seen > _WINDOW:
            break
        if _kind(source) in _FITS[pronoun]:
            return source
    return None


def _own_sources(sentences: list[_Sentence], outlet: str | None) -> list[str | None]:
    """Each sentence's own attribution, with pronouns resolved to a recent fitting source."""
    owns: list[str | None] = []
    candidates: list[tuple[int, str]] = []
    for i, sentence in enumerate(sentences):
        found, lead = _sentence_source(sentence)
        if lead and (_named(lead) or _kind(lead) != "person"):
            candidates.append((i, lead))  # not "The battle went on", which no "he" refers to
        pronoun = _pronoun(found) if found else None
        if pronoun in _FIRST_PERSON:
            found = outlet  # the writer speaking as "I" or "we" outside quotation marks
        elif pronoun:
            found = _resolve(pronoun, i, candidates) or found
        elif found and (not candidates or candidates[-1] != (i, found)):
            candidates.append((i, found))
        owns.append(found)
        del candidates[:-16]
    return owns


def _carry(sentences: list[_Sentence], owns: list[str | None]) -> list[str | None]:
    """Give every sentence of a quotation the attribution found anywhere in it.

    A quotation with none takes the source of a quoting or introducing sentence just before
    it, or failing that, of a quotation that follows at once ("“A.” “B,” he said.").
    """
    result, groups = list(owns), _groups(sentences)
    for group in groups:
        named = [owns[i] for i in group if owns[i] and not _pronoun(owns[i] or "")]
        source = (named or [owns[i] for i in group if owns[i]] or [None])[0]
        first = group[0]
        if source is None and first and sentences[first].opens_quote:
            before = sentences[first - 1]
            source = result[first - 1] if before.quoted or before.intro else None
        for i in group:
            result[i] = source
    for group in reversed(groups[:-1]):
        after = group[-1] + 1
        if result[group[0]] is None and sentences[group[0]].opens_quote and sentences[after].opens_quote:
            for i in group:
                result[i] = result[after]
    return result


def _groups(sentences: list[_Sentence]) -> list[list[int]]:
    """Indices of sentences grouped by quotation: a group runs while a quotation stays open."""
    groups: list[list[int]] = []
    for i, sentence in enumerate(sentences):
        if sentence.continues and groups:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups
