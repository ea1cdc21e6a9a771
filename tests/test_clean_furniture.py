"""Page furniture by family, in many languages, told from the story by its wording."""

from __future__ import annotations

import pytest

from factcheck.ingest.clean import Cleaned, clean
from factcheck.ingest.readers import RawArticle

STORY = (
    "<p>The storm killed at least 40 people along the coast on Monday, officials said.</p>"
    "<p>Rescue teams were still searching for survivors late on Tuesday, the ministry said.</p>"
)
LONG = (
    "The regional government said on Wednesday that the cost of rebuilding the harbour, the two "
    "bridges and the coastal road would reach at least 300 million euros over the next five years."
)


def _page(body: str, title: str = "Storm hits the coast", head: str = "") -> Cleaned:
    html = (
        f"<html><head><title>{title}</title>{head}</head><body><article><h1>Storm hits the coast</h1>"
        f"{body}</article></body></html>"
    )
    return clean(RawArticle(path="x.html", raw=html, fmt="html"))


def _paragraphs(body: str, **kwargs: str) -> list[str]:
    return _page(body, **kwargs).text.split("\n\n")


NOTICES = [
    # Paywalls and member-only notices.
    "Subscribe to continue reading.",
    "This article is only available to subscribers.",
    "Dieser Artikel ist nur für Abonnenten verfügbar.",
    "Cet article est réservé aux abonnés.",
    "Este contenido es exclusivo para suscriptores.",
    "Conteúdo exclusivo para assinantes.",
    "Questo articolo è riservato agli abbonati.",
    "Dit artikel is alleen voor abonnees.",
    "Artykuł dostępny tylko dla subskrybentów.",
    "Článek je dostupný pouze pro předplatitele.",
    "Raksts pieejams tikai abonentiem.",
    "Материал доступен только подписчикам.",
    "Bu içerik abonelere özel.",
    "هذا المحتوى للمشتركين فقط",
    "本文为会员专享内容",
    "この記事は会員限定です。電子版に登録すると続きをお読みいただけます。",
    "구독자 전용 기사입니다.",
    # Newsletter sign-up.
    "Sign up for our newsletter!",
    "Abonnieren Sie unseren Newsletter.",
    "Inscrivez-vous à notre newsletter.",
    "Suscríbete a nuestro boletín.",
    "Šo vēstkopu mēs izsūtīsim aptuveni reizi nedēļā ar iespēju jebkurā brīdī no tās atteikties",
    "Подпишитесь на нашу рассылку.",
    "メールマガジンの登録はこちら",
    # Reporting an error.
    "Spotted an error? Let us know.",
    "Pokud jste v článku zaznamenali chybu nebo překlep, dejte nám, prosím, vědět.",
    "Kļūda rakstā?",
    "Нашли ошибку? Выделите текст и нажмите Ctrl+Enter.",
    "【纠错】",
    # Sharing and following.
    "Artikel teilen",
    "Iesaki šo rakstu:",
    "Síguenos en Twitter",
    "Поделиться",
    # Cookies, privacy and comment policy.
    "We use cookies to improve your experience on our site.",
    "Informējam, ka LSM portālā tiek izmantotas sīkdatnes. Turpinot lietot šo portālu, Jūs piekrītat.",
    "الآراء الواردة أدناه لا تعبر عن رأي موقع CNN بالعربية، بل تعكس وجهات نظر أصحابها فقط.",
    # Reprint notices and app prompts.
    "未经授权，不得转载。",
    "© 2024 HÜRRİYET. TÜM HAKLARI SAKLIDIR.",
    "Queda prohibida su reproducción total o parcial.",
    "企業での記事共有や会議資料への転載・複製をご希望の方は、リンク先をご覧ください。",
    "Download our app to get breaking news alerts on your phone.",
]


HOW_TO = [
    "<ul><li>Step 1</li></ul>",
    "<ul><li>Schritt 3</li></ul>",
    "<ul><li>Paso 4</li></ul>",
    "<ul><li>ステップ5</li></ul>",
    "<p>What You'll Need:</p>",
    "<p>(Lucy Akins for The Guardian)</p>",
]


@pytest.mark.parametrize("label", HOW_TO)
def test_how_to_furniture_and_bare_photo_credits_are_dropped(label: str) -> None:
    story = STORY + f"<p>{LONG}</p>"
    assert _paragraphs(story + label) == _paragraphs(story)


@pytest.mark.parametrize("notice", NOTICES)
def test_notices_to_readers_are_dropped(notice: str) -> None:
    assert _paragraphs(STORY + f"<p>{notice}</p>") == _paragraphs(STORY)


# Story sentences that share words with the notices.
STORY_LINES = [
    "Her newsletter now has 40,000 paying subscribers, the company said.",
    "Google will phase out third-party cookies in Chrome by 2024, the company said.",
    "Share prices fell 5% on Monday after the report.",
    "The ministry said the remarks do not reflect the views of the government.",
    "Facebook changed its privacy policy in 2018 after the scandal.",
    "The app is only available to members of the armed forces.",
    "Students were encouraged to continue reading over the summer.",
    "Der Zugang ist nur für Mitglieder des Vereins.",
    "爱奇艺付费会员数突破1亿，公司周一表示。",
    "Are those of us who never agreed to its terms of service fair game for its trackers?",
]


@pytest.mark.parametrize("line", STORY_LINES)
def test_story_sentences_with_the_words_of_notices_are_kept(line: str) -> None:
    assert line in _paragraphs(STORY + f"<p>{line}</p>")


@pytest.mark.parametrize(
    "marker",
    ["Lesen Sie auch", "À lire aussi", "Noticias relacionadas", "Leia também", "Czytaj także",
     "Читайте также", "相关新闻", "関連記事", "관련 기사", "اقرأ أيضا", "เรื่องที่เกี่ยวข้อง"],
)  # fmt: skip
def test_a_related_stories_marker_in_any_language_opens_a_box_of_teasers(marker: str) -> None:
    first, second = STORY.split("</p>", 1)
    body = (
        f"{first}</p><h3>{marker}</h3><ul><li>Election results are in for the city</li>"
        f"<li>Floods close the main road to the airport</li></ul>{second}"
    )
    assert _paragraphs(body) == _paragraphs(STORY)


@pytest.mark.parametrize("marker", ["Komentáře", "Комментарии", "评论", "コメント", "댓글", "5 Kommentare"])
def test_the_comment_section_ends_the_story_in_any_language(marker: str) -> None:
    body = STORY + f"<h3>{marker}</h3><p>This is the worst reporting I have ever read, frankly.</p>"
    assert _paragraphs(body) == _paragraphs(STORY)


@pytest.mark.parametrize(
    "credit",
    [
        "(Con información de Reuters; editado en español por Juan Pérez)",
        "(Reportage Jean Dupont; version française Marc Durand)",
        "(Reporter: Hans Müller; redigiert von Eva Roe)",
        "(Редактирование Анна Иванова)",
    ],
)
def test_wire_credits_in_other_languages_are_cut_from_the_last_paragraph(credit: str) -> None:
    last = "Officials said 40 people died."
    assert _paragraphs(STORY + f"<p>{last} {credit}</p>")[-1] == last


def test_the_quicker_search_patterns_find_what_the_plain_ones_find() -> None:
    import re

    from factcheck.ingest import notices

    lines = [*NOTICES, *STORY_LINES, LONG, "Share", "share this", "Über uns", "(Bild: AFP)", "x] y"]
    lines += [line.upper() for line in lines] + ["Uygulamayı İNDİRİN, siz de okuyun"]
    families = ("_PAYWALL", "_ERROR_REPORT", "_REPRINT", "_APP", "_NEWSLETTER_WORDS", "_LEGAL_WORDS")
    for name in (*families, "_ANY_FAMILY", "_READER", "_SITE", "_WE"):
        quick = getattr(notices, name)
        plain = re.compile(quick.plain, re.IGNORECASE)
        for line in lines:
            found = quick.search(notices._folded(line))
            assert (found is None) == (plain.search(line) is None), (name, line)
    for line in lines:  # the search that goes first finds what any family finds
        in_family = any(getattr(notices, name).search(notices._folded(line)) for name in families)
        assert (notices._ANY_FAMILY.search(notices._folded(line)) is not None) == in_family, line
