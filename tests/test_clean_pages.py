"""Cleaning real page layouts: structure kept, furniture of every kind dropped, every script."""

from __future__ import annotations

import pytest

from factcheck.ingest.clean import Cleaned, clean
from factcheck.ingest.pipeline import prepare
from factcheck.ingest.readers import RawArticle


def _page(body: str, title: str = "Storm hits the coast") -> Cleaned:
    html = (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}"
        "</article></body></html>"
    )
    return clean(RawArticle(path="x.html", raw=html, fmt="html"))


def _paragraphs(body: str) -> list[str]:
    return _page(body).text.split("\n\n")


STORY = (
    "<p>The storm killed at least 40 people along the coast on Monday, officials said.</p>"
    "<p>Rescue teams were still searching for survivors late on Tuesday, the ministry said.</p>"
)


def test_list_items_with_content_are_kept_and_bare_labels_dropped() -> None:
    body = (
        STORY + "<p>The ministry listed the worst-hit towns:</p><ul><li>Ruler</li>"
        "<li>Port Anna lost 1,200 homes</li><li>Three bridges collapsed in the north of the province</li>"
        "<li>12 schools</li></ul>"
    )
    assert _paragraphs(body)[2:] == [
        "The ministry listed the worst-hit towns:",
        "Port Anna lost 1,200 homes",
        "Three bridges collapsed in the north of the province",
        "12 schools",
    ]


def test_table_rows_with_figures_are_kept() -> None:
    body = (
        STORY + "<table><tr><th>Town</th><th>Deaths</th></tr><tr><td>Port Anna</td><td>23</td></tr>"
        "<tr><td>Easton</td><td>17</td></tr></table>"
    )
    assert _paragraphs(body)[2:] == ["Port Anna | 23", "Easton | 17"]


def test_subheadings_that_say_something_are_kept() -> None:
    body = STORY + "<h2>Warnings came too late for the villages</h2><h2>Aid</h2>" + STORY.replace("40", "41")
    paragraphs = _paragraphs(body)
    assert "Warnings came too late for the villages" in paragraphs
    assert "Aid" not in paragraphs


def test_a_teaser_box_inside_the_story_is_skipped_and_the_story_goes_on() -> None:
    body = (
        STORY[: STORY.index("<p>Rescue")]
        + "<h3>Read more</h3><ul><li>Election results are in for the city</li>"
        + "<li>Floods close the main road to the airport</li></ul>"
        + STORY[STORY.index("<p>Rescue") :]
    )
    assert _paragraphs(body) == [
        "The storm killed at least 40 people along the coast on Monday, officials said.",
        "Rescue teams were still searching for survivors late on Tuesday, the ministry said.",
    ]


def _loose_page(body: str) -> list[str]:
    """A page without an article element: trafilatura gathers its paragraphs one by one."""
    html = f"<html><head><title>Storm hits the coast</title></head><body><div>{body}</div></body></html>"
    return clean(RawArticle(path="x.html", raw=html, fmt="html")).text.split("\n\n")


LONG_STORY = STORY.replace("officials said.", "officials said, and more were missing.")


def test_the_list_a_paragraph_announces_is_kept_on_a_page_without_an_article() -> None:
    body = (
        LONG_STORY + "<p>The ministry gave two reasons for the delay in reaching the coast:</p><ul>"
        "<li>Roads along the coast were blocked by fallen trees.</li>"
        "<li>Two helicopters were grounded by the high winds.</li></ul>"
    )
    assert _loose_page(body)[2:] == [
        "The ministry gave two reasons for the delay in reaching the coast:",
        "Roads along the coast were blocked by fallen trees.",
        "Two helicopters were grounded by the high winds.",
    ]


def test_a_list_of_bare_links_after_a_colon_stays_dropped() -> None:
    body = (
        LONG_STORY + "<p>More news from the coast:</p><ul>"
        '<li><a href="/a">Election results are in for the city and its suburbs</a></li>'
        '<li><a href="/b">Floods close the main road to the airport for a week</a></li></ul>'
    )
    paragraphs = _loose_page(body)
    assert not any("Election" in p or "Floods" in p for p in paragraphs)


LEAD = "Whole villages were cut off by the floods. The government has promised help within days."


def _headed_page(before: str, after: str, headline: str = "<h1>Storm hits the coast</h1>") -> list[str]:
    """A page with blocks before and after its headline, a captioned photo, then the story."""
    html = (
        "<html><head><title>Storm hits the coast</title></head><body><div class='page'>"
        f"{before}{headline}{after}<figure><img src='a.jpg'><figcaption>Rescuers "
        f"near the coast. (Photo: Reuters)</figcaption></figure><div class='article-body'>{LONG_STORY}"
        "<p>Power was cut to 20,000 homes in the province, and schools will stay closed until Friday.</p>"
        "</div></div></body></html>"
    )
    return clean(RawArticle(path="x.html", raw=html, fmt="html")).text.split("\n\n")


@pytest.mark.parametrize("block", [f'<div class="perex">{LEAD}</div>', f"<header>{LEAD}</header>"])
def test_a_lead_written_straight_into_a_container_is_kept(block: str) -> None:
    assert _headed_page("", block)[:2] == [LEAD, LONG_STORY[3 : LONG_STORY.index("</p>")]]


@pytest.mark.parametrize(
    ("before", "after", "headline"),
    [
        # Before the headline, or on a page without one: a site's blurb, not the story's lead.
        (f"<div>{LEAD}</div>", "", "<h1>Storm hits the coast</h1>"),
        (f"<div>{LEAD}</div>", "", ""),
        # A teaser for another story, and a block with more text between it and the story.
        ("", f'<div class="perex"><a href="/floods">{LEAD}</a></div>', "<h1>Storm hits the coast</h1>"),
        (
            "",
            f"<div>{LEAD}</div><p>The ministry said it was too early to count the damage.</p>",
            "<h1>Storm</h1>",
        ),
    ],
)
def test_prose_blocks_that_are_not_the_lead_stay_dropped(before: str, after: str, headline: str) -> None:
    assert LEAD not in _headed_page(before, after, headline)


@pytest.mark.parametrize("marker", ["Comments", "12 comments", "Comentarios", "Leave a Reply", "Kommentare"])
def test_the_comment_section_ends_the_story(marker: str) -> None:
    body = STORY + f"<h3>{marker}</h3><p>This is the worst reporting I have ever read, frankly.</p>"
    assert len(_paragraphs(body)) == 2


def test_story_teasers_cut_mid_sentence_are_dropped() -> None:
    teaser = (
        "<p>Alan Thicke, the actor best known for a sitcom, died on Tuesday at 69. Born in Canada, "
        "he enjoyed a long career as a writer, producer and</p>"
    )
    assert _paragraphs(STORY + teaser) == _paragraphs(STORY)


@pytest.mark.parametrize(
    "junk",
    [
        "Thanks for signing up!",
        "Get 12 issues for £11.99 and save on the cover price.",
        "This copy is for your personal, non-commercial use only.",
        "If you buy something through our links, the publisher may get a share of the sale.",
        "We may earn a commission from links on this page.",
        "Email Jane Doe at jdoe@example.com.",
        "Follow Jane Doe on Twitter.",
        "Example Corp. is headquartered in Boston and employs 4,000 people.",
        "This is a modal window.",
        "Unfortunately, this video is not available in your region.",
        "Please wait...",
        "CNN's Jane Doe and John Roe contributed to this report",
        "Jane Doe | Palma de Mallorca | 08/01/2014",
    ],
)
def test_junk_families_are_dropped(junk: str) -> None:
    assert _paragraphs(STORY + f"<p>{junk}</p>") == _paragraphs(STORY)


def test_a_long_paragraph_that_mentions_leaving_a_comment_is_story() -> None:
    long = (
        "The council said residents who want to leave a comment on the rebuilding plan can do so until "
        "March, and that every one of the 3,000 comments received so far would be answered in writing "
        "before the vote, which is expected to take place in the town hall in April."
    )
    assert long in _paragraphs(STORY + f"<p>{long}</p>")


def test_wire_credits_and_hover_cards_are_cut_out_of_the_paragraph() -> None:
    body = (
        "<p>The bill was backed by Rep. Ilhan OmarIlhan OmarHillicon Valley: Facebook tests a new "
        "feature MORE (D-Minn.) on Monday.</p>"
        "<p>Officials said 40 people died. (Reporting by Jane Doe; Editing by John Roe)</p>"
    )
    assert _paragraphs(body) == [
        "The bill was backed by Rep. Ilhan Omar (D-Minn.) on Monday.",
        "Officials said 40 people died.",
    ]


@pytest.mark.parametrize(
    "body",
    [
        "<p>香港行政长官梁振英在各方压力下就其大宅的违章建筑问题到立法会接受质询，并向香港民众道歉。</p>"
        "<p>梁振英此前承认早在去年参选行政长官之前就已知悉其住宅的违建问题，引发诚信危机。</p>",
        "<p>６月12日の歴史的な米朝首脳会談を巡って戦っていたのは、米大統領と北朝鮮委員長ばかりではなかった。</p>"
        "<p>中国国家主席も重要な陰の参戦者だった。</p>",
        "<p>أكدت جهات سورية معارضة أن فصائل مسلحة تمكنت من السيطرة على مستودعات للأسلحة بريف دمشق.</p>"
        "<p>هل ستتغير موازين القوى؟</p>",
        "<p>सरकार ने बुधवार को संसद में नया बजट पेश किया। विपक्ष ने इसका विरोध किया।</p>",
        "<p>ผู้สื่อข่าวได้รับแจ้งว่า ผลการตรวจ DNA ยืนยันว่าศพที่พบในแม่น้ำโขงเป็นคนสนิทของนายสุรชัย</p>",
    ],
)
def test_pages_in_every_script_are_kept_whole(body: str) -> None:
    cleaned = _page(body, title="Headline")
    assert cleaned.text.replace("\n\n", "") == body.replace("<p>", "").replace("</p>", "")


def test_cjk_plain_text_is_not_taken_for_headlines() -> None:
    raw = (
        "米朝首脳直通電話\n\n６月12日の歴史的な米朝首脳会談を巡って戦っていたのは、米大統領ばかりではなかった。"
        "\n\n中国も「勝ち組」になったかに見える。"
    )
    cleaned = clean(RawArticle(path="x.txt", raw=raw, fmt="txt"))
    assert cleaned.title == "米朝首脳直通電話"
    assert cleaned.text.count("\n\n") == 1


def test_a_one_line_record_is_kept_as_the_article() -> None:
    raw = RawArticle(path="x.jsonl#1", raw="Storm kills 40 on the coast", fmt="jsonl", line=1)
    new = prepare(raw)
    assert new is not None and new.text == "Storm kills 40 on the coast"


def test_jsonl_text_keeps_lines_without_final_punctuation() -> None:
    raw = RawArticle(
        path="x.jsonl#1",
        raw="Officials said 40 people died.\n\nThe ministry listed three towns that lost power\n\nMore soon.",
        fmt="jsonl",
        line=1,
    )
    assert "The ministry listed three towns that lost power" in clean(raw).text


def _with_head(head: str) -> Cleaned:
    html = (
        f"<html><head><title>Storm hits the coast</title>{head}</head><body><article>{STORY}"
        "</article></body></html>"
    )
    return clean(RawArticle(path="x.html", raw=html, fmt="html"))


def test_the_canonical_link_gives_the_url() -> None:
    cleaned = _with_head('<link href="https://example.org/storm" rel="canonical">')
    assert cleaned.url == "https://example.org/storm"


def test_og_url_gives_the_url_when_there_is_no_canonical_link() -> None:
    assert (
        _with_head("<meta content='https://example.org/og' property='og:url'>").url
        == "https://example.org/og"
    )


def test_the_site_is_the_outlet_and_not_the_wire_it_republishes() -> None:
    head = (
        '<meta property="og:site_name" content="SFGATE">'
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",'
        ' "headline": "Storm hits the coast", "publisher": {"@type": "Organization",'
        ' "name": "Associated Press"}}</script>'
    )
    cleaned = _with_head(head)
    assert cleaned.outlet == "SFGATE"
    assert cleaned.wire == "Associated Press"


def test_a_dateline_names_the_wire_and_a_wire_is_not_its_own_wire() -> None:
    text = "WASHINGTON (AP) — The Senate passed the bill on Tuesday by a vote of 52 to 48.\n"
    republished = clean(RawArticle(path="a.jsonl#1", raw=text, fmt="jsonl", outlet="SFGATE"))
    assert (republished.outlet, republished.wire) == ("SFGATE", "AP")
    assert republished.text.startswith("The Senate passed")
    own = clean(RawArticle(path="a.jsonl#1", raw=text, fmt="jsonl", outlet="Associated Press"))
    assert own.wire is None
    given = clean(RawArticle(path="a.jsonl#1", raw=text, fmt="jsonl", outlet="SFGATE", wire="Reuters"))
    assert given.wire == "Reuters"  # what the user gives wins over the dateline


@pytest.mark.parametrize(
    "dateline",
    ["NEW YORK, June 3 (Reuters) - ", "LONDON, Nov 30 (Reuters) - ", "KYIV, Ukraine, Sept. 12 (Reuters) - "],
)
def test_a_dated_dateline_is_taken_off_as_an_undated_one_is(dateline: str) -> None:
    text = dateline + "Stocks fell on Tuesday as oil prices climbed to a record high.\n"
    cleaned = clean(RawArticle(path="a.jsonl#1", raw=text, fmt="jsonl", outlet="Yahoo Finance"))
    assert cleaned.text.startswith("Stocks fell on Tuesday")
    assert cleaned.wire == "Reuters"


@pytest.mark.parametrize(
    ("sitename", "site", "expected"),
    [
        ("Associated Press", "SFGATE", "SFGATE"),
        ("Reuters", None, "Reuters"),
        ("The Guardian", "Guardian", "The Guardian"),
        (None, "Le Monde", "Le Monde"),
    ],
)
def test_outlet_prefers_the_site_over_a_wire(sitename: str | None, site: str | None, expected: str) -> None:
    from factcheck.ingest.html import outlet

    assert outlet(sitename, site) == expected


def test_a_photo_credit_glued_to_the_last_sentence_is_cut_and_the_paragraph_kept() -> None:
    body = "<p>地元当局者は「死傷者の大半はロケット弾によるものだ」と述べた。(c)AFP/Aminu ABUBAKAR</p>"
    assert _paragraphs(STORY + body)[-1] == "地元当局者は「死傷者の大半はロケット弾によるものだ」と述べた。"
