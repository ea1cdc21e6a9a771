"""Line classifiers that tell a story's sentences from the furniture of a scraped page."""

from __future__ import annotations

import re
from enum import Enum

from factcheck.ingest.notices import (
    is_byline_label,
    is_comments_marker,
    is_credit,
    is_related_marker,
    notice,
)
from factcheck.ingest.phrases import Phrases
from factcheck.lexicon import DATELINE


class Verdict(Enum):
    """What a line of a scraped article is, judged on the line alone."""

    BODY = "body"
    """A paragraph of the story."""
    HEADLINE = "headline"
    """A short line without sentence-final punctuation: a title, subheading or teaser."""
    NOISE = "noise"
    """Page furniture: captions, credits, widgets, footers, press-release headers."""
    EMBED = "embed"
    """The signature line that ends an embedded post; the post's text stays (it is a claim)."""
    CUT = "cut"
    """A marker after which the page carries other stories ("Latest news")."""
    END = "end"
    """A marker after which only readers' comments follow: the story is over."""
    NOTICE = "notice"
    """A notice to readers (paywall, newsletter, error report, sharing, cookies): furniture,
    dropped wherever it stands."""


_I = re.IGNORECASE

# Whole-line markers after which a page appends other stories or comments.
_CUT = re.compile(
    r"^(?:latest(?: news| stories| headlines)?|most (?:popular|read|viewed|shared|commented)"
    r"|keep reading.*|related(?: stories| articles| news| posts| content| coverage| reading"
    r"| links| videos)?|more (?:from|on|in) .{1,40}|more (?:stories|news|headlines|videos)"
    r"|read (?:more|next)|recommended(?: for you| stories| reading| articles)?"
    r"|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|further reading"
    r"|top stories|trending(?: now| stories)?|editor'?s picks|(?:from )?around the web"
    r"|sponsored(?: content| stories| links)?|what to read next|up next|see also"
    r"|about the authors?|about us|notes? to editors?|also in the news|more must-reads?\b.*"
    r"|most read (?:on|from|in) .{1,40}|from the section .{1,40})$",
    _I,
)
# Markers of the comment section, in the languages of the test pages and a few more.
_END = re.compile(
    r"^(?:\d+\s+)?(?:comments?|reader comments|comentarios?|comentar|kommentare|commentaires|commenti"
    r"|komentáře|comentários|التعليقات|leave a (?:reply|comment)|loading comments|show comments"
    r"|view comments|post a comment|add a comment)\W*$",
    _I,
)
# "Read more: <headline>" and the like: a teaser for another story, one line only.
_TEASER = re.compile(
    r"^(?:read more|read also|also read|related|more|see also|watch|read|listen|video"
    r"|in pictures|gallery|photos?|recommended|opinion|analysis|explainer|don'?t miss)\s*[:|»›>]",
    _I,
)
# Furniture recognised by how the line starts.
_NOISE_START = re.compile(
    # Photo galleries and captions.
    r"\d+\s+show all\b|(?:in pictures|gallery|photo gallery|slideshow|watch|video|listen|pictured"
    r"|photos?|images?|pictures?|photograph|caption|(?:image |photo )?credit|featured image|source"
    r"|(?:image|photo) source)\s*:|(?:image|media|video|photo) (?:caption|copyright)\b"
    r"|(?:photo|photograph|image|picture)s?\s+(?:by|credit|courtesy)\b"
    # Reading time, press-release headers, contact lines.
    r"|\d+\s*-?\s*min(?:ute)?s?\.?\s+read$|(?:estimated\s+)?reading time\b"
    r"|for immediate release|embargoed\b|(?:media|press) (?:contacts?|enquiries|inquiries)\b"
    r"|contacts?\s*:|(?:tel|telephone|phone|mobile|fax|e-?mail)\s*[:.]|#{3,}$|-\s*30\s*-$|ends\.?$"
    r"|for (?:media|press|more) (?:inquiries|enquiries|information)\b"
    # How-to furniture: step labels and the list of what is needed.
    r"|(?:step|schritt|étape|etapa|paso|passo|krok|шаг|крок|adım|langkah|bước|步骤|ステップ|단계)\s*\d{1,2}\W*$"
    r"|(?:what|things) you(?:'ll|’ll| will) need\W*$|you(?:'ll|’ll| will) need\s*:$"
    # A photographer's name alone in brackets under a picture: "(Lucy Akins)".
    r"|\((?:[\w'’.-]+ ?){1,6}\)$"
    # Taxonomy labels.
    r"|(?:region|theme|topics?|tags?|tagged|categor(?:y|ies)|sections?|filed under|in-depth report"
    r"|keywords|subjects?|posted in)\s*:"
    # Disclaimers, copyright lines, bare links, embed placeholders.
    r"|\W*disclaimer\b|copyright\s*(?:©|\(c\)|\d{4})|©"
    r"|(?:https?://|www\.)\S+$|\[?(?:image or embed|embedded content|advertisement|sponsored|ad)\]?$",
    _I,
)
# Furniture recognised by a phrase anywhere in the line, matched against the lower-cased line.
_NOISE_ANY = Phrases(
    r"\(photo credit should read|afp photo\b|/\s*(?:afp|ap|reuters|getty images)\s*/"
    r"|all rights reserved\b|licensed under (?:a |the )?creative commons"
    r"|creative commons (?:attribution|licen[cs]e)|the original source of this article"
    r"|this (?:article|story|piece|post) (?:was )?(?:originally|first) (?:published|appeared)"
    r"|originally (?:published|appeared) (?:by|on|at|in)\b|reprinted with permission"
    r"|the views expressed (?:in this|here|are)|sole responsibility of the"
    r"|contains copyrighted material|grants permission to cross-post|prior interest in receiving"
    r"|having issues with commenting|comment(?:ing)? policy|comments are closed|leave a comment"
    r"|join the (?:discussion|conversation)|view this post on instagram|a post shared by"
    r"|story continues below|continue reading (?:below|the main story)"
    # Reprint, affiliate and syndication notices.
    r"|for your personal,? non-commercial use only|order (?:presentation-ready )?copies"
    r"|may (?:get|earn|receive|collect) (?:a |an )?(?:share|commission|portion|small)"
    r"|affiliate (?:links?|commissions?|partnerships?)|we may earn\b|earns? a commission"
    # Newsletter prompts and offers.
    r"|thanks? (?:you )?for (?:signing up|subscribing|registering)|\d+ issues for\b"
    r"|sign up for (?:our|the|a)\b|newsletter sign-?up|you(?:'re| are) (?:now )?subscribed"
    # Video players and modal windows.
    r"|this is a modal window|beginning of dialog window|end of dialog window"
    r"|this video is not available|next video starts in|your browser does not support"
    # Press-release boilerplate.
    r"|is headquartered in\b|forward-looking statements"
)
# Lines whose furniture is a phrase anywhere are judged whole only up to this length: a long
# paragraph that mentions "leave a comment" is still story.
_NOISE_ANY_WORDS = 40
# "Email Jane Doe at jdoe@example.com", "Contact the writer at ...", "Follow Jane on Twitter".
_AUTHOR_CONTACT = re.compile(
    r"^(?:e-?mail|contact|reach|write to|follow)\s+(?:the (?:author|writer|reporter)|[A-Z][\w'’.-]*"
    r"(?:\s+[A-Z][\w'’.-]*){0,3})\s+(?:at|on|via)\b",
    _I,
)
# Subscription, sharing and comment prompts; checked on lines of up to 30 words.
_PROMPT = re.compile(
    r"^(?:subscribe|sign up|sign in|log in|login|register now|become a (?:member|subscriber|patron"
    r"|supporter)|join (?:us|our|now|the conversation|the discussion)|follow (?:us|@)|like us"
    r"|support (?:us|our|independent)|donate|click here|download (?:our|the)|get (?:our|the)"
    r" (?:latest|newsletter|app|best)|comment on\b[^.]{0,80}\b(?:facebook|twitter|page|forum|site)"
    r"|share (?:this|on|via|your)|please (?:share|support|donate|consider)|never miss"
    r"|(?:articles|stories|posts|more) by|view (?:all|more|comments|gallery)"
    r"|see (?:all|more) (?:photos|stories|comments))\b",
    _I,
)
# Checked only on short lines (lower-cased): in a long paragraph these words can be the
# story's own.
_SHORT_NOISE = re.compile(
    r"©|our newsletter|independent journalism|already a subscriber"
    r"|subscribe (?:now|today)|in your inbox|we use cookies"
    r"|please wait|temporarily unavailable|please try again|contributed to this report"
    r"|download (?:our|the|your new) app|有料会員|会員登録|会員限定|続きをお読み|をシェア|责任编辑|转播到"
)
# An e-mail address or a social media handle, on a short line.
_CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|\(@\w+\)")
_GALLERY = re.compile(r"^(\d{1,3})\s*/\s*(\d{1,3})\s+\S")
_CREDIT_END = re.compile(
    r"(?:\b(?:AFP|Getty(?:\s+Images)?|Reuters|AP|EPA(?:-EFE)?|PA(?:\s+Wire)?|Anadolu(?:\s+Agency)?"
    r"|Shutterstock|Xinhua|Alamy|NurPhoto|ZUMA(?:\s+Wire)?|AAP|UPI)(?:\s*/\s*[\w ]{1,30})?"
    r"|[\[(](?:(?i:photo|image|picture|credit|file photo|source)\s*:?\s*)?(?:AFP|AP|Getty(?: Images)?"
    r"|Reuters|EPA|Anadolu|AA|PA|Xinhua|Shutterstock|Alamy|[A-Z][\w.]*(?:/[A-Z][\w.]*)+)[\])]"
    r"|\((?i:photo|image|picture|credit|photograph|foto|bild|imagen|imagem|immagine|zdjęcie|фото"
    r"|صورة|写真|图|圖|사진)\b[^)]*\))\s*$"
)
_EMBED_END = re.compile(r"^[—–-]{1,2}\s*[^()]{1,80}\(@[\w.]+\)|^\[?(?:image or embed)\]?$", _I)
# "Amnesty International is a worldwide movement ... Our supporters ...": the
# organisation's self-description that closes press releases.
_SELF_DESCRIPTION = re.compile(
    r"^(?:about [^.]{2,60}?[:.—-]?\s+)?[A-Z][\w&.,'’ -]{1,80}? is (?:a|an|the)\s+(?:[\w,'’-]+\s+){0,6}?"
    r"(?:movement|organi[sz]ation|non-?profit|not-for-profit|charity|network|coalition|agency|group"
    r"|institute|foundation|company|think[- ]tank|alliance|association|union|provider|publisher)\b"
)
_FIRST_PERSON = re.compile(r"\b(?:we|our|us)\b|for more information|learn more|\bwww\.|https?://", _I)
_QUOTES = re.compile(r"[\"“”]")
# Words that make up share bars, menus and widget labels.
_NAV_WORDS = frozenset(
    re.split(
        r"\s+",
        """share shares sharing tweet email e-mail print facebook twitter x whatsapp linkedin reddit
        pinterest telegram messenger flipboard pocket sms copy link comment comments menu home search
        subscribe sign in up log login logout register advertisement skip to main content close next
        previous prev back top follow us on this article story save show more less gift newsletter
        newsletters bookmark listen""",
    )
)
_WORD = re.compile(r"[^\s|•·/]+")
_CLOSERS = "\"'”’)]»*_ "
_FINAL = frozenset(".!?;,…。！？｡؟۔।॥")
# A sentence end inside the line; "U.S." and "Lt." are abbreviations, not ends.
_SENTENCE_BREAK = re.compile(r"(?:[a-z0-9]{2}|\))[.!?][\"”’)]*\s+[\"“(]?[A-Z]")
_NON_ALNUM = re.compile(r"[\W_]+")
_UPPER_LINE = re.compile(r"^[^a-z]*[A-Z][^a-z]*$")
_HEADLINE_WORDS = 18
"""Longest line (in words) without final punctuation still taken as a headline."""


def classify(text: str, *, bullet: bool = False, heading: bool = False) -> Verdict:
    """Judge one line (paragraph) of an article on its own.

    Args:
        text: The line, markup removed and white space normalised.
        bullet: Whether the line was a list item.
        heading: Whether the line was a markdown heading.
    """
    words = word_count(text)
    stripped = text.strip(" :.»›>|-—–*#")
    if _END.match(stripped) or is_comments_marker(stripped):
        return Verdict.END
    if _CUT.match(stripped) or is_related_marker(stripped):
        return Verdict.CUT
    if _EMBED_END.match(text):
        return Verdict.EMBED
    if _is_noise(text, words):
        return Verdict.NOISE
    if notice(text, words) is not None:
        return Verdict.NOTICE
    if heading or (_headline_like(text, words) and not (bullet and words >= 4)):
        return Verdict.HEADLINE
    return Verdict.BODY


# Scripts written without spaces: about two characters a word for Chinese and Japanese, about
# five for Thai, Lao, Khmer and Burmese.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
_SOUTHEAST_ASIAN = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")


def word_count(text: str) -> int:
    """The number of words in text, estimated for scripts written without spaces."""
    spaced = len(text.split())
    cjk = len(_CJK.findall(text))
    if not cjk and not _SOUTHEAST_ASIAN.search(text):
        return spaced
    return max(spaced, cjk // 2 + len(_SOUTHEAST_ASIAN.findall(text)) // 5)


def _is_noise(text: str, words: int) -> bool:
    lower = text.lower()
    if _NOISE_START.match(text) or _is_gallery(text) or _AUTHOR_CONTACT.match(text):
        return True
    if words <= _NOISE_ANY_WORDS and (is_credit(text) or is_byline_label(text)):
        return True
    if words <= _NOISE_ANY_WORDS and _NOISE_ANY.search(lower):
        return True
    if words <= 12 and (_SHORT_NOISE.search(lower) or ("@" in text and _CONTACT.search(text))):
        return True
    if words <= 30 and (_PROMPT.match(text) or _TEASER.match(text) or (words <= 8 and _is_nav(lower))):
        return True
    if _UPPER_LINE.match(text) and words <= 5 and text[-1] not in _FINAL:
        return True  # a dateline ("WASHINGTON") or a section label
    if not _ends_sentence(text) and _CREDIT_END.search(text[-150:]):
        return True
    return _is_self_description(text)


def _is_gallery(text: str) -> bool:
    # "1/36 Iraqi federal police ...": a slide counter opens the caption.
    match = _GALLERY.match(text)
    return match is not None and 0 < int(match.group(1)) <= int(match.group(2))


def _is_nav(lower: str) -> bool:
    tokens = _WORD.findall(lower)
    return bool(tokens) and all(token.strip(":.") in _NAV_WORDS for token in tokens)


def _is_self_description(text: str) -> bool:
    return (
        _SELF_DESCRIPTION.match(text) is not None
        and _FIRST_PERSON.search(text) is not None
        and not _QUOTES.search(text)
    )


# Hashtags and handles that close a post ("... is not. #Mosul @UNICEF").
_TRAILING_TAGS = re.compile(r"(?:\s+[#@][\w.]+)+$")


def _ends_sentence(text: str) -> bool:
    if "#" in text or "@" in text:
        text = _TRAILING_TAGS.sub("", text)
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _FINAL


def _headline_like(text: str, words: int) -> bool:
    """A short line that neither ends a sentence nor holds speech: headline furniture."""
    if words > _HEADLINE_WORDS or text[0] in '"“':
        return False
    if text.rstrip(_CLOSERS).endswith(":"):
        return words < 3
    return not _ends_sentence(text) and not _SENTENCE_BREAK.search(text)


# Embedded post links: the post's text stays, its link goes.
_POST_LINK = re.compile(r"\s*(?:https?://)?(?:pic\.twitter\.com|t\.co)/\w+")
# "(Reporting by Jane Doe; Editing by John Roe)" closing a wire story.
_CREDITS = re.compile(
    r"\s*[(\[]?\b(?:(?:additional )?reporting|writing|compiled|edited|editing)(?: by)?\s+[A-Z]"
    r"[^()\[\]]*?(?:;\s*(?:additional reporting|writing|editing|edited)(?: by)?\s+[^()\[\]]*)*[)\]]\s*$",
    _I,
)
# The same credits closing a wire story in the agencies' other languages: "(Con información de
# Reuters)", "(Reportage Jean Dupont; version française Marc Durand)", "(Редактирование ...)".
_CREDITS_ABROAD = re.compile(
    r"\s*[(\[](?:reportaje|reporte|reportage|reportagem|reporter|berichterstattung|mit material von"
    r"|con informaci[oó]n de|informaci[oó]n de|reportado por|editado(?: en español)? por|edição de"
    r"|redigiert von|bearbeitet von|version française|traducción|traduction|tradução|übersetzt von"
    r"|tradotto da|redazione|redakcja|редактирование|репортаж|по материалам)\b[^()\[\]]*[)\]]\s*$",
    _I,
)
# A hover card glued into a sentence: "Rep. Ilhan OmarIlhan OmarHillicon Valley: ...MORE (D-Minn.)".
_HOVER_CARD = re.compile(r"(?P<name>\b[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3})(?P=name)\S.*?MORE\b")


# A photo credit glued after the paragraph's last sentence: "... he said.(c)AFP/Aminu ABUBAKAR".
_GLUED_CREDIT = re.compile(
    r"(?<=[.!?。！？”」’\"])\s*(?:\(c\)|©)?\s*(?:AFP|AP|Reuters|Getty Images|EPA|Xinhua|AAP)"
    r"(?:\s*/\s*[\w .'’-]{1,40})?\s*$"
)


def tidy(text: str) -> str:
    """Remove what is glued into a paragraph: post links, hover cards, closing wire credits."""
    text = _GLUED_CREDIT.sub("", text)
    if "t.co/" in text or "pic.twitter.com/" in text:
        text = _POST_LINK.sub("", text)
    if "MORE" in text:
        text = _HOVER_CARD.sub(r"\g<name>", text)
    if "by" in text.lower():
        text = _CREDITS.sub("", text)
    if text.endswith((")", "]")):
        text = _CREDITS_ABROAD.sub("", text)
    return text.strip()


def strip_dateline(text: str) -> str:
    """Remove a dateline such as ``"MOSUL, Iraq (AP) — "`` from the start of a paragraph."""
    return DATELINE.sub("", text, count=1)


def dateline_wire(text: str) -> str | None:
    """The wire service a paragraph's dateline credits (``"MOSUL, Iraq (AP) — "``: AP)."""
    found = DATELINE.match(text)
    return found["wire"] if found else None


def line_key(text: str) -> str:
    """A key that compares lines up to case, spacing and punctuation."""
    return _NON_ALNUM.sub("", text.casefold())
