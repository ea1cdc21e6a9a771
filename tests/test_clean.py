"""Tests for cleaning: the seed articles keep their story and lose their page furniture."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.ingest.boilerplate import Verdict, classify
from factcheck.ingest.clean import Cleaned, clean
from factcheck.ingest.markdown import Line, looks_like_markdown, reduce_markdown, reduce_plain
from factcheck.ingest.metadata import date_line, is_byline, outlet_line, parse_date, strip_date_prefix
from factcheck.ingest.readers import RawArticle, ReadError, read_file

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
DATA = Path(__file__).parent / "data"


def _seed(prefix: str) -> tuple[str, Cleaned]:
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    [article] = read_file(path)
    return article.raw, clean(article)


def _text(raw: str, fmt: str = "txt") -> Cleaned:
    return clean(RawArticle(path="x", raw=raw, fmt=fmt))


def _story_lines(raw: str, noise: tuple[str, ...], stop: str | None = None) -> list[str]:
    """Every non-empty line of a seed except those starting with a noise prefix.

    White space is normalised as the cleaner does (no-break spaces become spaces).
    """
    lines = []
    for line in (" ".join(line.split()) for line in raw.split("\n")):
        if stop is not None and line == stop:
            break
        if line and not line.startswith(noise):
            lines.append(line)
    return lines


def _assert_well_formed(cleaned: Cleaned) -> None:
    paragraphs = cleaned.text.split("\n\n")
    assert all(p and p == p.strip() and "\n" not in p for p in paragraphs)


# --- the seed articles -------------------------------------------------------------

SEED_000_NOISE = (
    "date 2017",
    "The children of Mosul :",
    "In pictures:",
    "36 show all",
    *(f"{n}/36 " for n in range(1, 37)),
    "Drone footage shows",
)


def test_seed_000_keeps_every_story_paragraph() -> None:
    raw, cleaned = _seed("000")
    for line in _story_lines(raw, SEED_000_NOISE):
        assert line in cleaned.text.split("\n\n")
    assert cleaned.text.startswith("Human rights organisation Amnesty International has called for a")
    assert cleaned.text.endswith("but that risk can never be removed entirely,” he added.")
    assert "“The people of Mosul deserve to know, from their government," in cleaned.text
    assert "[Their line is] they’ve heard no evil" in cleaned.text
    assert len(cleaned.text.split("\n\n")) == 19
    assert (cleaned.title, cleaned.outlet, cleaned.published) == (None, None, "2017-07-11")


@pytest.mark.parametrize(
    "noise",
    [
        "date 2017",
        "The children of Mosul",
        "In pictures",
        "show all",
        "1/36",
        "36/36",
        "Getty",
        "Drone footage",
    ],
)
def test_seed_000_drops_gallery_and_teasers(noise: str) -> None:
    assert noise not in _seed("000")[1].text


SEED_001_STORY = (
    "As Iraqi forces celebrate their victory over the Islamic State (ISIS) in Mosul, a damning new report by "
    "Amnesty International sheds light on the killing of Iraqi civilians",
    "Thousands of civilians have been killed in Mosul and millions have been displaced since ISIS took "
    "control of the city in June 2014.",
    "The report also focuses on the human cost of the U.S.-led coalition’s actions in Mosul. Amnesty "
    "interviewed 150 witnesses, experts and analysts",
    "“The horrors that the people of Mosul have witnessed and the disregard for human life by all parties to "
    "this conflict must not go unpunished,” says Lynn Maalouf, Amnesty’s director of research",
    "The coalition’s attacks were largely carried out with Improvised Rocket Assisted Munitions (IRAMs), "
    "explosives",
    "“They did air-drop leaflets into [ISIS]-controlled areas of the city,",
    "Houses with children’s clothes on the roof were still hit by air strikes.”",
    "“ISIS’s use of people as human shields does not lessen the legal obligation",
    "it says the weapons “should never be used in densely populated civilian areas.”",
)


def test_seed_001_markdown_keeps_the_story_as_plain_text() -> None:
    _, cleaned = _seed("001")
    for sentence in SEED_001_STORY:
        assert sentence in cleaned.text
    assert cleaned.text.endswith(
        "instead acknowledging only the Iraqis who have been killed and displaced by ISIS."
    )
    assert cleaned.title == "Destroying Mosul to Save It: Possible US-Backed War Crimes in Iraq Exposed"
    assert (cleaned.outlet, cleaned.published) == ("Global Research", "2017-07-12")


@pytest.mark.parametrize(
    "noise",
    [
        "](",
        "**",
        "*",
        "\\",
        "c87i3f0G3o",
        "---",
        "Destroying Mosul",
        "By Julia Conley",
        "Global Research",
        "Common Dreams",
        "Region:",
        "Theme:",
        "In-depth Report",
        "Featured image",
        "Flickr",
        "pic.twitter.com",
        "— UNICEF",
        "(@UNICEF)",
        "Creative Commons",
        "original source",
        "Copyright",
        "Comment on",
        "Facebook page",
        "Become a Member",
        "Articles by",
        "Disclaimer",
        "copyrighted",
        "fair use",
        "prior interest",
        "media inquiries",
    ],
)
def test_seed_001_drops_metadata_embeds_and_footers(noise: str) -> None:
    assert noise not in _seed("001")[1].text


def test_seed_002_keeps_every_story_paragraph() -> None:
    raw, cleaned = _seed("002")
    noise = ("Iraqi-U.S. Coalition Pans", "Iraqi security forces patrol an area", "Please let us know")
    story = _story_lines(raw, noise)
    assert cleaned.text.split("\n\n") == story
    assert story[0].startswith("In a report published on Tuesday, Amnesty International accused")
    assert story[-1].endswith("Abadi added, using another name for the Islamic State.")
    assert cleaned.title == (
        "Iraqi-U.S. Coalition Pans Amnesty International Mosul Report as ‘Irresponsible,’ ‘Disrespectful’"
    )


@pytest.mark.parametrize(
    "noise", ["AFP PHOTO", "Photo credit", "AHMAD AL-RUBAYE", "Getty", "commenting", "Coalition Pans"]
)
def test_seed_002_drops_caption_title_and_comment_prompt(noise: str) -> None:
    assert noise not in _seed("002")[1].text


def test_seed_003_keeps_every_story_paragraph() -> None:
    raw, cleaned = _seed("003")
    noise = ("Mosul massacre aftermath:", "2 min read", "28 March, 2017", "Over a hundred civilians")
    story = _story_lines(raw, noise)
    assert cleaned.text.split("\n\n") == story
    assert story[0].startswith("Amnesty International says that coalition forces")
    assert '"And it is possible the collation airstrike did it," he added.' in story
    assert cleaned.title == "Mosul massacre aftermath: US-led coalition 'failing to protect civilians'"
    assert cleaned.published == "2017-03-28"


@pytest.mark.parametrize("noise", ["2 min read", "[AFP]", "28 March", "Mosul massacre aftermath"])
def test_seed_003_drops_header_and_caption(noise: str) -> None:
    assert noise not in _seed("003")[1].text


SEED_004_NOISE = (
    "July, 11 2017",
    "For Immediate Release",
    "Contact:",
    "Tel:",
    "Iraq: Battle Between",
    "WASHINGTON",
    "IS violations:",
    "Violations by Iraqi forces and US-led coalition:",
    "Amnesty International is a worldwide movement",
)


def test_seed_004_keeps_every_story_paragraph_until_the_other_stories() -> None:
    raw, cleaned = _seed("004")
    story = _story_lines(raw, SEED_004_NOISE, stop="LATEST NEWS")
    assert cleaned.text.split("\n\n") == story
    assert '"When the Iraqi forces came, the mortars and missiles came with them." - Mohsen' in story
    assert '"Abu Haidar" a man from the village of Tel Arbeed' in cleaned.text
    assert story[-1].endswith('abused by IS," said Lynn Maalouf.')
    assert cleaned.title == (
        "Iraq: Battle Between US-led Coalition, Iraqi Forces and Islamic State Creates Civilian "
        "Catastrophe in West Mosul"
    )
    assert cleaned.published == "2017-07-11"


@pytest.mark.parametrize(
    "noise",
    [
        "Immediate Release",
        "Contact",
        "press@amnesty.org",
        "+44",
        "WASHINGTON",
        "IS violations:",
        "worldwide movement",
        "LATEST NEWS",
        "Mamdani",
        "Keep Reading",
        "Show Less",
        "Most Popular",
        "[image or embed]",
        "Markey",
        "Senators Demand",
        "Provide a detailed description",
        "Jul 01, 2025",
    ],
)
def test_seed_004_drops_press_header_boilerplate_and_other_stories(noise: str) -> None:
    assert noise not in _seed("004")[1].text


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_text_is_paragraphs_separated_by_one_blank_line(prefix: str) -> None:
    _assert_well_formed(_seed(prefix)[1])


# --- made-up articles ---------------------------------------------------------------


def test_html_page_loses_navigation_widgets_and_footer() -> None:
    cleaned = clean(read_file(DATA / "page.html")[0])
    assert cleaned.text.split("\n\n") == [
        "Airstrikes by the US-led coalition destroyed at least twelve homes in west Mosul on Monday, "
        "residents said.",
        "“We lost everything in one night,” said Ahmed, a shopkeeper who fled with his family.",
        "Calls for an inquiry",
        "Amnesty International called for an independent investigation into the strikes, which it said "
        "may amount to war crimes.",
        "A coalition spokesperson said the allegations would be reviewed.",
    ]
    assert cleaned.title == "Coalition strikes hit Mosul homes"
    assert cleaned.outlet == "The Daily Example"
    assert cleaned.url == "https://example.org/news/mosul-strikes"
    assert cleaned.published == "2017-07-11"


def test_html_page_without_article_text_is_an_error() -> None:
    with pytest.raises(ReadError, match="no article text found"):
        clean(read_file(DATA / "nav_only.html")[0])


def test_html_without_main_content_falls_back_to_block_text() -> None:
    page = "<html><body><div>Officials said on Monday that 400 people were killed.</div></body></html>"
    assert _text(page, "html").text == "Officials said on Monday that 400 people were killed."


def test_markdown_file_is_reduced_to_text() -> None:
    cleaned = clean(read_file(DATA / "article.md")[0])
    assert cleaned.text.split("\n\n") == [
        "Aid groups said on Monday that food and water are running out in the western districts of Mosul.",
        "The UN_OCHA office counted more than 400,000 people still trapped, according to its latest update.",
        "The groups asked the government to:",
        "open safe corridors for civilians;",
        "allow convoys into the Old City;",
        "fund field hospitals near the front line.",
        '"We cannot reach the families who need us most," a spokesperson for the agency said.',
    ]
    assert cleaned.title == "Aid groups warn of shortages in west Mosul"
    assert (cleaned.outlet, cleaned.published) == ("Example News Agency", "2017-04-03")


@pytest.mark.parametrize(
    ("name", "paragraphs"),
    [
        ("latin1.txt", ["Le ministère a déclaré mardi", "Les habitants réfugiés à Erbil espèrent"]),
        ("cp1252.txt", ["cost “at least €5 billion” — a figure", "the plan “naïve” and said the café"]),
        ("utf16.txt", ["nannte ihn „unverantwortlich“.", "eine unabhängige Untersuchung"]),
        (
            "crlf.txt",
            ["running out in Mosul.", "still trapped in the Old City.", "Officials did not comment."],
        ),
    ],
)
def test_encoded_files_clean_to_their_paragraphs(name: str, paragraphs: list[str]) -> None:
    cleaned = clean(read_file(DATA / name)[0])
    found = cleaned.text.split("\n\n")
    assert len(found) == len(paragraphs)
    assert all(part in paragraph for part, paragraph in zip(paragraphs, found, strict=True))


def test_hard_wrapped_paragraphs_are_joined() -> None:
    cleaned = clean(read_file(DATA / "wrapped.txt")[0])
    assert cleaned.text.split("\n\n") == [
        "Residents of west Mosul said on Tuesday that the fighting had moved closer to the Old City "
        "overnight, and that families were sheltering in basements as the shelling went on.",
        '"We have no water and no power," said one resident, who asked not to be named. '
        '"The children are afraid to sleep."',
        "The government said it would open two new corridors for civilians this week, but aid groups "
        "said they had not been told where.",
        "Aid agencies estimate that 400,000 people remain in the area.",
    ]


def test_markup_like_text_stays_literal() -> None:
    cleaned = clean(read_file(DATA / "nasty.txt")[0])
    assert "[bold]not bold[/bold] and a stray [/] or [/ must" in cleaned.text
    assert '"[redacted] per cent"' in cleaned.text


@pytest.mark.parametrize("fmt", ["txt", "md", "jsonl"])
def test_character_references_copied_from_a_feed_are_the_characters(fmt: str) -> None:
    raw = (
        "Liberals, Don&rsquo;t Let Donald Trump Tarnish L.L. Bean&#8217;s Reputation, the columnist"
        " wrote on Monday.&nbsp;Apple is raising the price of apps in the UK by 25% because"
        " of&#xA0;Brexit, an&nbsp;analyst at the firm said on Tuesday.\n"
    )
    assert clean(RawArticle(path="x", raw=raw, fmt=fmt)).text == (
        "Liberals, Don’t Let Donald Trump Tarnish L.L. Bean’s Reputation, the columnist wrote on"
        " Monday. Apple is raising the price of apps in the UK by 25% because of Brexit, an analyst"
        " at the firm said on Tuesday."
    )


def test_a_jsonl_record_s_title_and_outlet_have_their_references_and_spaces_read_too() -> None:
    raw = "The council approved the budget for the next year on Monday, its chair said.\n"
    title = " Budget&nbsp;passed\u00a0 again"
    cleaned = clean(RawArticle(path="x", raw=raw, fmt="jsonl", title=title, outlet="Smith &amp; Co"))
    assert (cleaned.title, cleaned.outlet) == ("Budget passed again", "Smith & Co")


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_document_s_text_is_what_its_author_typed_references_and_all(fmt: str) -> None:
    raw = "The style guide says to write &amp; in HTML and &rsquo; for an apostrophe, the editor said.\n"
    assert clean(RawArticle(path="x", raw=raw, fmt=fmt)).text == raw.strip()


def test_ampersands_that_are_no_complete_reference_stay() -> None:
    raw = "AT&T and Q&A sessions on &notation and &madeup; names were held by the board on Monday.\n"
    assert _text(raw).text == raw.strip()


def test_jsonl_metadata_comes_first_and_cut_markers_end_the_story() -> None:
    first, second, third = (clean(article) for article in read_file(DATA / "articles.jsonl"))
    assert (first.title, first.outlet, first.url, first.published) == (
        "Strikes hit Mosul",
        "Example Wire",
        "https://example.org/a1",
        "2017-07-11",
    )
    assert second.text == "Amnesty International published its report on Tuesday."
    assert third.title == "Heading from markdown"
    assert third.text == "The UN said 400,000 people remained trapped."


def test_a_marker_before_the_story_is_navigation_not_the_end() -> None:
    raw = "Most Popular\n\nOfficials said 40 people died.\n\nRelated\n\nA storm hit the coast."
    assert _text(raw).text == "Officials said 40 people died."


def test_a_teaser_line_inside_the_story_goes_alone() -> None:
    raw = "Officials said 40 people died.\n\nRead more: Storm hits the coast\n\nThe toll may rise, they said."
    assert _text(raw).text == "Officials said 40 people died.\n\nThe toll may rise, they said."


def test_embedded_posts_keep_their_text_and_lose_signature_and_link() -> None:
    raw = (
        "Officials said 40 people died.\n\nThe fighting may be over, but the crisis is not. #Mosul "
        "pic.twitter.com/c87i3f0G3o\n"
        "— UNICEF (@UNICEF) July 10, 2017\n\nWe must organize now, not later.\n[image or embed]\n"
        "— Senator Ed Markey (@markey.senate.gov) July 1, 2025 at 1:22 PM\n\nThe toll may rise, they said."
    )
    assert _text(raw).text.split("\n\n") == [
        "Officials said 40 people died.",
        "The fighting may be over, but the crisis is not. #Mosul",
        "We must organize now, not later.",
        "The toll may rise, they said.",
    ]


@pytest.mark.parametrize(
    "caption",
    [
        "Over a hundred civilians were reportedly killed in a US airstrike on March 17 [AFP]",
        "Smoke rises over the Old City of Mosul (Photo: John Smith/AP)",
        "Iraqi soldiers celebrate in the Old City of Mosul on 9 July 2017 AFP/Getty Images",
        "Image caption Smoke rises over the Old City",
        "12/20 Displaced families queue for food near Hammam al-Alil",
    ],
)
def test_captions_are_dropped(caption: str) -> None:
    raw = f"Officials said 40 people died.\n\n{caption}\n\nThe toll may rise, they said."
    assert _text(raw).text == "Officials said 40 people died.\n\nThe toll may rise, they said."


def test_press_release_header_dateline_and_boilerplate() -> None:
    raw = (
        "FOR IMMEDIATE RELEASE\nMedia contact: Jane Doe\nE-mail: press@example.org\n"
        "Aid groups warn of hunger in Mosul\nMOSUL, Iraq (AP) — Aid groups warned on Monday that food "
        "is running out.\nAbout Example Aid\nExample Aid is an independent humanitarian organisation. "
        "We work in 40 countries. For more information visit www.example.org.\n###"
    )
    cleaned = _text(raw)
    assert cleaned.text == "Aid groups warned on Monday that food is running out."
    assert cleaned.title == "Aid groups warn of hunger in Mosul"


def test_a_story_sentence_about_an_organisation_is_kept() -> None:
    raw = "Amnesty International is a human rights organisation based in London, the report said."
    assert _text(raw).text == raw


def test_subheadings_and_repeats_go_but_lists_and_attributed_quotes_stay() -> None:
    raw = (
        "Officials said 40 people died.\n\nWhat happens next\n\nThe ministry asked donors to:\n"
        "- Provide a detailed description of the aid they send;\n"
        "• fund field hospitals near the front line.\n\n"
        '"We lost everything." - Ahmed\n\nOfficials said 40 people died.'
    )
    assert _text(raw).text.split("\n\n") == [
        "Officials said 40 people died.",
        "The ministry asked donors to:",
        "Provide a detailed description of the aid they send;",
        "fund field hospitals near the front line.",
        '"We lost everything." - Ahmed',
    ]


def test_a_text_file_full_of_markdown_is_reduced() -> None:
    raw = "# The headline\n\nBy [Jane Doe](#)\n\nThe **UN** said [400,000](https://un.org) were *trapped*."
    cleaned = _text(raw)
    assert (cleaned.title, cleaned.text) == ("The headline", "The UN said 400,000 were trapped.")


def test_a_text_without_story_is_an_error() -> None:
    with pytest.raises(ReadError, match="no article text found"):
        _text("Share\n\nTweet\n\nLATEST NEWS\n\n2 min read")


@given(st.text(alphabet=st.sampled_from(list('ab .:#*-_[]()\n"“”/@1'))))
def test_any_text_cleans_to_well_formed_paragraphs_or_an_error(raw: str) -> None:
    try:
        cleaned = _text(raw)
    except ReadError:
        return
    _assert_well_formed(cleaned)


# --- the parts ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("date 2017-07-11", "2017-07-11"),
        ("July, 11 2017, 08:15am EDT", "2017-07-11"),
        ("Global Research, July 12, 2017", "2017-07-12"),
        ("28 March, 2017", "2017-03-28"),
        ("Jul 01, 2025", "2025-07-01"),
        ("Tuesday 11th of July 2017", "2017-07-11"),
        ("2017-07-11T08:15:00Z", "2017-07-11"),
        ("February 30, 2017", None),
        ("no date here", None),
    ],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_date_and_outlet_lines() -> None:
    assert date_line("Published: Tuesday 11 July 2017 09:30 BST") == "2017-07-11"
    assert date_line("On July 11, 2017 the army moved in.") is None
    assert outlet_line("Global Research, July 12, 2017") == ("Global Research", "2017-07-12")
    assert outlet_line("The Independent | Tuesday 11 July 2017 12:00 BST") == (
        "The Independent",
        "2017-07-11",
    )
    assert outlet_line("Published July 12, 2017") is None
    assert strip_date_prefix("date 2017-07-11 Human rights groups said.") == (
        "Human rights groups said.",
        "2017-07-11",
    )


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("By Julia Conley", True),
        ("By JULIA CONLEY, Staff Writer", True),
        ("By the time they arrived, the city had fallen.", False),
        ("By Tuesday, the forces had arrived.", False),
    ],
)
def test_is_byline(line: str, byline: bool) -> None:
    assert is_byline(line) is byline


@pytest.mark.parametrize(
    ("line", "reduced"),
    [
        ("# Title #", Line("Title", "heading")),
        ("By [Julia Conley](#)", Line("By Julia Conley", "text")),
        ("(Source: [arif\\\\_shamim](#)/Flickr/cc)", Line("(Source: arif_shamim/Flickr/cc)", "text")),
        (
            "**bold** and *em* and __strong__ and _under_ and `code`",
            Line("bold and em and strong and under and code", "text"),
        ),
        ("![photo](https://x.org/a.jpg) Caption", Line("Caption", "text")),
        ("snake_case_name stays", Line("snake_case_name stays", "text")),
        ("- item *one*;", Line("item one;", "bullet")),
        ("2. second item", Line("second item", "bullet")),
        ("> quoted", Line("quoted", "text")),
        ("---", Line("", "rule")),
        ("[1]: https://example.org", Line("", "rule")),
    ],
)
def test_reduce_markdown(line: str, reduced: Line) -> None:
    assert reduce_markdown(line) == reduced


def test_reduce_plain_only_strips_bullets() -> None:
    assert reduce_plain("- a list item") == Line("a list item", "bullet")
    assert reduce_plain("— UNICEF (@UNICEF)") == Line("— UNICEF (@UNICEF)", "text")
    assert reduce_plain("**not markdown here**") == Line("**not markdown here**", "text")


def test_looks_like_markdown() -> None:
    assert looks_like_markdown((SEEDS / next(SEEDS.glob("001_*")).name).read_text(encoding="utf-8"))
    assert not looks_like_markdown((SEEDS / next(SEEDS.glob("000_*")).name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("line", "verdict"),
    [
        ("Keep ReadingShow Less", Verdict.CUT),
        ("More from Common Dreams", Verdict.CUT),
        ("Share this article", Verdict.NOISE),
        ("Sign up for our newsletter to get the latest news.", Verdict.NOISE),
        ("Advertisement", Verdict.NOISE),
        ("In pictures: Mosul offensive", Verdict.NOISE),
        (
            "The children of Mosul : Iraqi youngsters left psychologically damaged by Isis war",
            Verdict.HEADLINE,
        ),
        ("The letter continues:", Verdict.BODY),
        ("Comment on the report was not immediately available.", Verdict.BODY),
        ("Support for the plan fell to 40 per cent, the poll found.", Verdict.BODY),
    ],
)
def test_classify(line: str, verdict: Verdict) -> None:
    assert classify(line) is verdict
