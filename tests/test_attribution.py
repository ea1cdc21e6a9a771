"""Tests for source suggestions read from attributions (pre-annotation)."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.ingest.attribution import suggest_sources


def _article(*paragraphs: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join sentences with spaces and paragraphs with blank lines; return text and spans."""
    text, spans = "", []
    for p, sentences in enumerate(paragraphs):
        if p:
            text += "\n\n"
        for s, sentence in enumerate(sentences):
            if s:
                text += " "
            spans.append((len(text), len(text) + len(sentence)))
            text += sentence
    return text, spans


def _suggest(*paragraphs: list[str], outlet: str | None = None) -> list[str | None]:
    text, spans = _article(*paragraphs)
    return suggest_sources(text, spans, outlet)


# A deliberately plain splitter: a line is a paragraph, and a sentence ends at . ! or ?
# (with any closing quote) before a capital, except after a few title abbreviations.
_CUT = re.compile(r"(?<!\bU\.S)(?<!\bLt)(?<!\bGen)(?<!\bA)[.!?][\"”]?(?=\s+[\"“]?[A-Z])")
_SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _split(text: str) -> list[tuple[int, int]]:
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        cuts = [0, *(m.end() for m in _CUT.finditer(line.group())), len(line.group())]
        for a, b in pairwise(cuts):
            piece = line.group()[a:b]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                spans.append((line.start() + a + lead, line.start() + b))
    return spans


def _one(sentence: str) -> str | None:
    return _suggest([sentence])[0]


# One sentence, one attribution: each pattern the annotators meet in the seed articles.
@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        (
            "“Isis’s use of people as human shields does not lessen the legal obligation of "
            "pro-government forces to protect civilians,” said Lynn Maalouf, Amnesty International’s "
            "Middle East research director.",
            "Lynn Maalouf, Amnesty International’s Middle East research director",
        ),
        (
            "“Isis’s use of people as human shields does not lessen the legal obligation of "
            "pro-government forces to protect civilians,” Lynn Maalouf, Amnesty International’s "
            "Middle East research director, said in a statement.",
            "Lynn Maalouf, Amnesty International’s Middle East research director",
        ),
        ("“Military planners should have taken extra care,” says Maalouf.", "Maalouf"),
        ("Lynn Maalouf said the attacks were unlawful.", "Lynn Maalouf"),
        ('"Mohsen" told Amnesty International: "They came to us in a pick-up truck."', "Mohsen"),
        (
            'Mosul resident "Mohsen" told Amnesty International: "They came to us in a pick-up truck."',
            'Mosul resident "Mohsen"',
        ),
        (
            '"Abu Haidar" a man from the village of Tel Arbeed who was forced to move into west '
            'Mosul by IS, told Amnesty International: "We were brought as human shields."',
            "Abu Haidar",
        ),
        (
            "According to the report, at least 3,706 civilians were killed in attacks launched by "
            "Iraqi or coalition forces.",
            "the report",
        ),
        (
            'According to Amnesty, evidence gathered from the ground "points to an alarming pattern".',
            "Amnesty",
        ),
        ("AI claims that only one significant effort was made to change tactics.", "AI"),
        (
            "A recent rise in civilian casualties suggests that the coalition is failing to take "
            "adequate precautions, Amnesty International said on Tuesday.",
            "Amnesty International",
        ),
        ("Amnesty declared the battle a “civilian catastrophe.”", "Amnesty"),
        (
            "Croft rejected Amnesty International’s charge that not enough was done to provide "
            "trapped civilians with safe passage out of Mosul.",
            "Croft",
        ),
        (
            "“I think it’s an unfair accusation. They have not coordinated with the coalition,” said "
            "U.S. Air Force Brigadier General Andrew Croft when NPR asked about the AI report.",
            "U.S. Air Force Brigadier General Andrew Croft",
        ),
        (
            "“The scale and gravity of the loss of civilian lives must immediately be publicly "
            "acknowledged,” demanded Amnesty International Director of Research for the Middle East "
            "Lynn Maalouf.",
            "Amnesty International Director of Research for the Middle East Lynn Maalouf",
        ),
        (
            '"The scale and gravity of the loss of civilian lives must immediately be publicly '
            'acknowledged,"said Lynn Maalouf, Director of Research for the Middle East at Amnesty '
            "International.",
            "Lynn Maalouf, Director of Research for the Middle East at Amnesty International",
        ),
        (
            "“It’s not credible and it’s not good enough,” said Kate Allen, the organisation’s UK director.",
            "Kate Allen, the organisation’s UK director",
        ),
        (
            "A coalition spokesperson said Amnesty’s findings were “irresponsible and an insult”.",
            "A coalition spokesperson",
        ),
        (
            '"Demonstrate our concern," the senators wrote.',
            "the senators",
        ),
        (
            "In Baghdad, US army chief of staff, Gen. Mark A. Milley, said on Monday that the cause "
            "of the explosion was still unknown.",
            "US army chief of staff, Gen. Mark A. Milley",
        ),
        (
            '"This is a vote that will live in infamy," said Greenpeace USA deputy climate program '
            "director John Noël after Vice President JD Vance broke a tie.",
            "Greenpeace USA deputy climate program director John Noël",
        ),
        (
            '"Well then, we\'ll have to arrest him," said Trump, a former New Yorker who has taken '
            "aim at Mamdani.",
            "Trump, a former New Yorker",
        ),
        (
            '"Senate Republicans advanced the most anti-environment bill in history," said one campaigner.',
            "one campaigner",
        ),
        (
            "Manish Bapna, president of the Natural Resources Defense Council, similarly said that "
            '"we need more clean, affordable American energy."',
            "Manish Bapna, president of the Natural Resources Defense Council",
        ),
        (
            "The crimes of the group have been well documented by Amnesty International.",
            "Amnesty International",
        ),
        (
            '"When the Iraqi forces came, the mortars and missiles came with them." - Mohsen',
            "Mohsen",
        ),
        (
            'Artificial intelligence systems, the four senators argue, "represent a troubling pattern".',
            "the four senators",
        ),
        (
            "Amnesty International attributes some of these deaths to the Islamic State’s habit of "
            "using human shields but accuses the Iraqis of using rocket weapons.",
            "Amnesty International",
        ),
        (
            "Mohamed from al-Tenak neighbourhood, west Mosul told Amnesty International: "
            '"The strikes targeted the IS snipers."',
            "Mohamed from al-Tenak neighbourhood, west Mosul",
        ),
    ],
)
def test_attribution_patterns(sentence: str, source: str) -> None:
    assert _one(sentence) == source


def test_the_report_is_the_source_of_what_it_said() -> None:
    # "what it said was" refers back to the sentence's subject, the report: the claim is the
    # report's, so the report is suggested rather than nothing or an earlier speaker.
    got = _suggest(
        [
            "“Isis’s use of people as human shields does not lessen the legal obligation of "
            "pro-government forces,” Lynn Maalouf, Amnesty International’s Middle East research "
            "director, said in a statement."
        ],
        [
            "The report went on to detail what it said was a pattern of attacks in which the US-led "
            "coalition “failed to take necessary precautions”."
        ],
    )
    assert got[1] == "The report"


@pytest.mark.parametrize(
    "sentence",
    [
        "The victory, however, has come at a heavy cost.",
        "Almost one million people were displaced from their homes during the battle.",
        "Iraqi security forces patrol an area that was recently retaken in western Mosul, as troops "
        "continue to advance in the embattled city.",
        "There is barely any city left to declare liberated, and the 12th-century al-Nuri mosque, "
        "the city’s heart, was destroyed last month.",
        "Iraqi forces and the US-led coalition failed to adapt their tactics to this reality and "
        "continued to use imprecise, explosive weapons.",
        "The United Nations estimates about 400,000 people remain trapped in IS-held neighbourhoods.",
        "Civilians trapped in Mosul said nothing to the soldiers.",
        "Amnesty also called specifically on the UK’s Ministry of Defence to provide details on its "
        "claims that Royal Air Force strikes have not caused civilian casualties.",
        "A new report into the scale of the abuses, released on Tuesday, claims the US used "
        "unnecessarily powerful weapons.",
        "Keep ReadingShow Less",
        "AFP/Getty Images",
        "",
    ],
)
def test_no_attribution_gives_none(sentence: str) -> None:
    assert _one(sentence) is None


def test_quotation_over_several_sentences_shares_an_attribution_at_its_end() -> None:
    got = _suggest(
        [
            "“I think it’s an unfair accusation.",
            "They have not coordinated with the coalition,” said U.S. Air Force Brigadier General "
            "Andrew Croft when NPR asked about the AI report.",
            "The AI report was published on Tuesday.",
        ]
    )
    croft = "U.S. Air Force Brigadier General Andrew Croft"
    assert got == [croft, croft, None]


def test_attribution_in_the_first_sentence_carries_to_the_rest_of_the_quotation() -> None:
    got = _suggest(
        [
            "Mamdani said Tuesday that “the president of the United States just threatened to have "
            "me arrested.",
            "Not because I have broken any law, but because I will refuse to let ICE terrorize our city.”",
            "In addition to Mamdani and Adams, the general election candidates are Republican "
            "Curtis Sliwa and Independent Jim Walden.",
        ]
    )
    assert got == ["Mamdani", "Mamdani", None]


def test_quotation_reopened_in_each_paragraph_keeps_its_speaker() -> None:
    # News convention: a paragraph that does not close its quotation is continued by the next
    # paragraph, which opens with a quotation mark again.
    maalouf = "Lynn Maalouf, Amnesty International’s Middle East research director"
    got = _suggest(
        [
            "“Isis’s use of people as human shields does not lessen the legal obligation of "
            "pro-government forces to protect civilians,” Lynn Maalouf, Amnesty International’s "
            "Middle East research director, said in a statement."
        ],
        [
            "“The scale and gravity of the loss of civilian lives must immediately be publicly "
            "acknowledged at the highest levels of government."
        ],
        [
            "“The horrors that the people of Mosul have witnessed must not go unpunished.",
            "Entire families have been wiped out, many of whom are still buried under the rubble.",
        ],
        ["“The people of Mosul deserve to know that there will be justice and reparation.”"],
        ["The report went on to detail a pattern of attacks by the coalition."],
    )
    assert got == [maalouf] * 5 + [None]


def test_attribution_at_the_end_of_a_multi_paragraph_quotation() -> None:
    got = _suggest(
        ["“We did everything we could to avoid civilian casualties.", "Every strike was reviewed."],
        ["“Nobody can claim the same of Isis,” the spokesman added."],
        ["Drone footage shows the devastation in the old city."],
    )
    assert got == ["the spokesman"] * 3 + [None]


def test_closed_quote_paragraphs_follow_an_attributed_one() -> None:
    maalouf = "Lynn Maalouf, Director of Research for the Middle East at Amnesty International"
    got = _suggest(
        [
            '"The scale and gravity of the loss of civilian lives must be acknowledged,"said Lynn '
            "Maalouf, Director of Research for the Middle East at Amnesty International."
        ],
        [
            '"The horrors that the people of Mosul have witnessed must not go unpunished.',
            "Entire families have been wiped out.",
            'The people of Mosul deserve to know that there will be justice."',
        ],
        ['"An independent commission must immediately be established."'],
        ["IS violations: forced displacement, summary killings, and use of human shields"],
    )
    assert got == [maalouf] * 5 + [None]


def test_introduced_quotation_in_the_next_paragraph_takes_the_speaker() -> None:
    got = _suggest(
        [
            '"Abu Haidar" a man from the village of Tel Arbeed who was forced to move into west '
            "Mosul by IS, told Amnesty International:"
        ],
        [
            '"[IS] said you must leave, or you will be killed.',
            "We were brought as human shields.",
            'When the Iraqi forces went forward, IS fell back."',
        ],
        ["To prevent civilians from evacuating to safety, IS trapped people inside their homes."],
    )
    assert got == ["Abu Haidar"] * 4 + [None]


def test_unclosed_quotation_stops_at_a_paragraph_that_does_not_reopen_it() -> None:
    got = _suggest(
        ["“We will not accept this intimidation,” Mamdani continued.", "“His statements are an attack."],
        ["Voters will reject it in November, the polls suggest."],
    )
    assert got == ["Mamdani", "Mamdani", None]


def test_a_following_quotation_in_the_same_paragraph_keeps_the_speaker() -> None:
    got = _suggest(
        [
            '"His statements don\'t just represent an attack on our democracy," Mamdani continued.',
            '"We will not accept this intimidation."',
        ]
    )
    assert got == ["Mamdani", "Mamdani"]


def test_he_added_resolves_to_the_last_named_speaker() -> None:
    got = _suggest(
        [
            '"It is very possible that Daesh blew up that building," Milley told reporters after '
            "meetings at the Iraqi Defence Ministry."
        ],
        ['"And it is possible the collation airstrike did it," he added.'],
    )
    assert got == ["Milley", "Milley"]


def test_pronoun_prefers_the_subject_just_introduced() -> None:
    got = _suggest(
        ["“I would challenge the people from Amnesty International,” said Townsend."],
        [
            "Iraqi Prime Minister Haider al-Abadi was also strongly critical of the report.",
            "“Human rights organizations should recheck their sources,” he said at a cabinet meeting.",
        ],
    )
    assert got == ["Townsend", None, "Iraqi Prime Minister Haider al-Abadi"]


def test_he_added_that_outside_quotes_resolves_too() -> None:
    got = _suggest(
        [
            "Jones said it is “beyond question” that Iraqi security forces put the safety of "
            "civilians first.",
            "He added that protocol violations were “taken very, very seriously.”",
        ]
    )
    assert got == ["Jones", "Jones"]


def test_it_and_they_resolve_to_an_organisation_or_a_group() -> None:
    got = _suggest(
        ['According to Amnesty, evidence "points to an alarming pattern".'],
        ['It added that any failure would be "in flagrant violation of international law."'],
        ["Military commanders told AFP the assault had begun at dawn."],
        ["They said the jihadists were putting up fierce resistance."],
    )
    assert got == ["Amnesty", "Amnesty", "Military commanders", "Military commanders"]


def test_pronoun_without_a_fitting_antecedent_is_kept() -> None:
    assert _one("“It is a bet against the future,” she said.") == "she"
    got = _suggest(
        ["The report was published by Amnesty International on Tuesday."],
        ["“Every strike was lawful,” he said."],
    )
    assert got == [None, "he"]


def test_pronoun_does_not_reach_past_the_window() -> None:
    filler = [f"The battle went on for {n} more days." for n in range(8)]
    got = _suggest(["“We will not strike,” Croft said."], filler, ["“We never did,” he said."])
    assert got[-1] == "he"


def test_first_person_writer_gets_the_outlet_only_when_given() -> None:
    sentence = "We reported last week that the strike killed 105 civilians."
    assert _suggest([sentence], outlet="The Independent") == ["The Independent"]
    assert _suggest([sentence]) == [None]
    # Unattributed claims are the writer's too, but the caller decides to offer the outlet.
    assert _suggest(["The victory has come at a heavy cost."], outlet="The Independent") == [None]


def test_first_person_inside_a_quotation_is_the_speaker_not_the_writer() -> None:
    got = _suggest(["“We said it would be a long fight,” Croft said."], outlet="NPR")
    assert got == ["Croft"]


def test_curly_apostrophes_do_not_close_a_quotation() -> None:
    got = _suggest(
        [
            "“Isis’s use of people as human shields doesn’t lessen the obligation.",
            "It’s not credible and it’s not good enough,” said Kate Allen.",
        ]
    )
    assert got == ["Kate Allen", "Kate Allen"]


def test_headline_single_quotes_are_not_quotations() -> None:
    got = _suggest(
        ["Coalition Pans Amnesty International Mosul Report as ‘Irresponsible,’ ‘Disrespectful’"],
        ["'We Will Not Accept This Intimidation,' Mamdani Says of Trump Threat to Arrest Him"],
    )
    assert got == [None, None]


def test_words_inside_a_quotation_are_not_attributions() -> None:
    # "what you just said" is inside the quotation: the speaker is the one outside it.
    got = _suggest(
        [
            "“Let me tell you what it looks like on the ground,” Croft said to NPR host Rachel Martin.",
            "“The Iraqi security forces actually do what you just said.”",
        ]
    )
    assert got == ["Croft", "Croft"]


def test_markup_like_characters_are_kept_literally() -> None:
    got = _suggest(
        [
            "“[Their line is] they’ve heard no evil [/] [bold]and seen none[/",
            "It’s not good enough,” said **Kate Allen**, the organisation’s [UK] director.",
        ],
        ["“[IS] said you must leave [/],” says [Julia Conley](#)."],
    )
    assert got[0] == got[1] == "Kate Allen, the organisation’s [UK] director"
    assert got[2] == "[Julia Conley](#)"


def test_spans_may_be_odd_without_raising() -> None:
    text = "“We will not strike,” Croft said. He added more."
    got = suggest_sources(text, [(40, 10), (-5, 3), (0, 999), (3, 3), (0, 33)])
    assert len(got) == 5
    assert got[-1] == "Croft"
    assert suggest_sources("", []) == []


@pytest.mark.parametrize(
    "unit",
    [
        "word ",
        "said ",
        "Amnesty International said ",
        '"',
        "“a ” ",
        "\n",
        '"Abu" said, ',
        "Lynn, ",
        "according to ",
        '" — ',
        ': "',
        "Director of ",
        "A",
    ],
)
def test_pathological_long_sentence_returns(unit: str) -> None:
    text = unit * (50_000 // len(unit))
    assert len(suggest_sources(text, [(0, len(text)), (0, len(text))])) == 2


_PIECES = st.sampled_from(
    [
        "said",
        "says",
        "told",
        "he",
        "she",
        "it",
        "they",
        "Lynn",
        "Maalouf",
        "Amnesty",
        "the",
        "report",
        "according",
        "to",
        ",",
        ".",
        ":",
        "“",
        "”",
        '"',
        "’",
        "—",
        "-",
        "\n",
        "\n\n",
        "[/]",
        "[bold]",
        "*",
        "of",
        "and",
        "a",
        "U.S.",
        "al-Abadi",
        " ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=60).map(" ".join),
    st.lists(st.tuples(st.integers(-5, 400), st.integers(-5, 400)), max_size=12),
    st.one_of(st.none(), st.text(max_size=10)),
)
def test_never_raises_and_gives_one_suggestion_per_span(
    text: str, spans: list[tuple[int, int]], outlet: str | None
) -> None:
    got = suggest_sources(text, spans, outlet)
    assert len(got) == len(spans)
    assert all(item is None or isinstance(item, str) for item in got)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), min_size=1, max_size=40).map(" ".join))
def test_a_suggestion_is_written_in_the_sentence_or_is_the_outlet(text: str) -> None:
    written = text.replace("*", "")  # emphasis markers are dropped from suggestions
    for got in suggest_sources(text, [(0, len(text))], outlet="OUTLET"):
        if got is not None and got != "OUTLET":
            assert all(word in written for word in got.split())


def test_seed_article_002_end_to_end() -> None:
    text = (_SEEDS / "002_f219c9438f58ebf8.txt").read_text(encoding="utf-8")
    spans = _split(text)
    by_sentence = dict(zip((text[a:b] for a, b in spans), suggest_sources(text, spans), strict=True))

    def source_of(opening: str) -> str | None:
        return next(v for k, v in by_sentence.items() if k.startswith(opening))

    croft = "U.S. Air Force Brigadier General Andrew Croft"
    assert source_of("In a report published on Tuesday") == "Amnesty International"
    assert source_of("Amnesty declared the battle") == "Amnesty"
    assert source_of("According to the report") == "the report"
    assert source_of("“I think it’s an unfair accusation.") == croft
    assert source_of("“I’ll tell you that from the way") == croft  # "he continued"
    assert source_of("And I’ll tell you, if there’s ever a doubt") == croft
    assert source_of("“It is riddled with assertion.") == "British Major General Rupert Jones"
    assert source_of("He added that protocol violations") == "Jones"
    assert source_of("“Human rights organizations should") == "Iraqi Prime Minister Haider al-Abadi"
    assert source_of("Iraqi security forces patrol an area") is None
    assert source_of("Please let us know") is None
