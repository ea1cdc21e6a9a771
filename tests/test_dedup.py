"""Tests of claim clustering: normalisation, guards, blocking, clusters, the store, labels."""

from __future__ import annotations

import itertools
import random
import re
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz

from factcheck.dedup import DEFAULT_THRESHOLD, cluster_store, cluster_texts, variants_of
from factcheck.dedup.attribution import strip_attribution
from factcheck.dedup.blocking import find_pairs
from factcheck.dedup.cluster import CHAIN_SLACK
from factcheck.dedup.match import SAME, compare
from factcheck.dedup.normalise import make_key, normalise, tokens
from factcheck.store import NewArticle, Store
from factcheck.store.ids import claim_id

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
MAALOUF = "The scale and gravity of the loss of civilian lives"
KILLED_105 = "killed at least 105 civilians"


def sentences(text: str) -> list[tuple[int, int]]:
    """A simple splitter for the tests: lines, then sentence ends before a capital or quote."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        for part in re.finditer(r"\S.*?(?:[.!?][”\"]?(?=\s+[“\"A-Z])|$)", line[0]):
            spans.append((line.start() + part.start(), line.start() + part.end()))
    return spans


def article(text: str, path: str = "x.txt") -> NewArticle:
    """An article of ``text`` split by :func:`sentences`."""
    spans = sentences(text)
    return NewArticle(path=path, raw=text, text=text, spans=spans, sources=[None] * len(spans))


def seed(name: str) -> NewArticle:
    path = next(SEEDS.glob(f"{name}_*.txt"))
    return article(path.read_text(encoding="utf-8"), str(path))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "t.db") as opened:
        yield opened


def claims_of(store: Store) -> dict[str, str]:
    """mention id -> claim id."""
    return {m.id: m.claim_id or "" for m in store.iter_mentions()}


def mentions_with(store: Store, needle: str) -> list[str]:
    return [m.id for m in store.search(needle)]


def key_of(text: str) -> str:
    return make_key(text).text


def verdict(a: str, b: str, threshold: float = DEFAULT_THRESHOLD) -> str | None:
    match = compare(make_key(a), make_key(b), threshold)
    return None if match is None else match.kind


# -- normalisation ----------------------------------------------------------------------


def test_normalise_quotes_dashes_markdown_and_space() -> None:
    text = "**“Isis’s** use — of   [people](http://x.example)\u00a0as ‘shields’…"
    assert normalise(text) == "\"Isis's use - of people as 'shields'..."


def test_tokens_resolve_case_aliases_contractions_and_numbers() -> None:
    found = tokens("IS fighters didn't leave the U.S.-led zone; 3,706 or 2.5 died")
    assert " ".join(found) == "isis fighters did not leave the us led zone 3706 or 2.5 died"
    assert key_of("Isis's use") == key_of("ISIS’s use") == key_of("IS's use") == key_of("ISIL's use")


def test_an_all_caps_headline_keeps_is_as_a_word() -> None:
    assert tokens("THIS IS WAR") == ["this", "is", "war"]


@given(
    st.lists(st.sampled_from(["Mosul", "the", "strike", "killed", "civilians", "“", "”", "'"]), min_size=1)
)
def test_keys_ignore_quote_style_and_spacing(words: list[str]) -> None:
    text = " ".join(words)
    assert make_key(text) == make_key(text.replace("“", '"').replace("”", '"').replace(" ", "   "))
    assert normalise(normalise(text)) == normalise(text)


# -- attribution ------------------------------------------------------------------------

QUOTE = "The horrors that the people of Mosul have witnessed must not go unpunished"


@pytest.mark.parametrize(
    "text",
    [
        f"“{QUOTE},” said Lynn Maalouf, Amnesty’s director.",
        f'"{QUOTE}," Lynn Maalouf, Amnesty International\'s research director, said in a statement.',
        f"“{QUOTE},” says **Lynn Maalouf**, Amnesty’s director of research for the Middle East.",
        f"Lynn Maalouf said: “{QUOTE}.”",
        f"{QUOTE}, he added.",
        f"{QUOTE}, said Lynn Maalouf.",
        f"{QUOTE}, according to Amnesty International.",
        f"According to Amnesty International, {QUOTE}.",
    ],
)
def test_attribution_is_stripped(text: str) -> None:
    assert key_of(text) == key_of(QUOTE)


def test_a_leading_speaker_is_attribution_as_a_trailing_one_is() -> None:
    assert (
        strip_attribution(normalise("The ministry said the strike hit the market."))
        == "the strike hit the market."
    )
    assert key_of("The ministry said the strike hit the crowded market.") == key_of(
        "The strike hit the crowded market, the ministry said."
    )


def test_quotes_split_by_an_attribution_are_joined() -> None:
    text = '"The strike hit the market," said Maalouf. "Dozens of people were killed."'
    assert key_of(text) == key_of("The strike hit the market. Dozens of people were killed.")


@pytest.mark.parametrize(
    "text",
    [
        "The strike hit the market, officials denied.",  # denying changes the claim
        "He called it irresponsible and said that the report was false.",  # content, not a speaker
        "The report, released on Tuesday, said the coalition failed to protect civilians.",
        "The city fell in June, and the army said it would retake it within weeks.",
    ],
)
def test_content_is_not_taken_for_attribution(text: str) -> None:
    assert strip_attribution(normalise(text)) == normalise(text)


# -- guards -----------------------------------------------------------------------------

BASE = "For example, on 17 March a US airstrike on the al-Jadida neighbourhood killed at least 105 civilians"


def test_same_claim_with_other_quotes_case_and_tail() -> None:
    assert verdict(f"“{BASE}.”", f'"{BASE.upper()}," he added.') == SAME


def test_number_guard() -> None:
    assert verdict(BASE, BASE.replace("105", "150")) == "number"
    assert verdict(BASE, BASE.replace("at least 105", "at least two hundred")) == "number"


def test_negation_guard() -> None:
    assert (
        verdict(
            "The coalition did target the civilians in the market",
            "The coalition did not target the civilians in the market",
        )
        == "negation"
    )
    assert (
        verdict(
            "The coalition didn't target the civilians in the market",
            "The coalition did not target the civilians in the market",
        )
        == SAME
    )


@pytest.mark.parametrize(
    ("yes", "no"), [("confirmed", "denied"), ("accepted", "rejected"), ("supports", "opposes")]
)
def test_polarity_guard(yes: str, no: str) -> None:
    assert (
        verdict(
            f"US officials {yes} that the airstrike hit the building",
            f"US officials {no} that the airstrike hit the building",
        )
        == "polarity"
    )


def test_entity_guard_but_not_for_respellings() -> None:
    aleppo = "At least 12 people were killed in Aleppo when the market was shelled on Friday"
    assert verdict(aleppo, aleppo.replace("Aleppo", "Idlib")) == "entity"
    assert verdict(aleppo, aleppo.replace("Aleppo", "Alepo")) == SAME


def test_short_text_guard() -> None:
    assert verdict("AFP/Getty Images", "AFP/Getty Images") is None
    assert verdict("He denied it.", "He denied it.") is None


def test_length_ratio_guard() -> None:
    long = (
        "The coalition and the Iraqi forces used imprecise explosive weapons in densely populated west Mosul"
    )
    assert verdict(long, long[: len(long) // 2]) is None


def test_subset_photo_credit_is_not_a_match() -> None:
    credit = "AFP/Getty Images"
    caption = (
        "Smoke billows as Iraqi forces advance through the Old City of Mosul on 26 June. AFP/Getty Images"
    )
    assert fuzz.token_set_ratio(credit, caption) == 100  # why token_set_ratio is not the scorer
    assert verdict(credit, caption, threshold=50) is None


def test_reworded_lookalikes_are_not_merged() -> None:
    a = "A boy who just fled Abu Jarbuah village is seen with his family at a Kurdish Peshmerga position"
    b = "People who just fled Abu Jarbuah village sit as they eat at a Kurdish Peshmerga position"
    assert verdict(a, b, threshold=80) is None
    assert (
        verdict(
            "Houses were still hit by air strikes on the roof",
            "Houses were still hit by airstrikes on the roof",
        )
        == SAME
    )


# -- blocking and clusters --------------------------------------------------------------


def test_blocking_finds_what_exhaustive_comparison_finds() -> None:
    rng = random.Random(3)
    words = [f"w{i}" for i in range(400)]
    base = [" ".join(rng.choices(words, k=rng.randint(8, 25))) for _ in range(60)]
    texts = (
        base
        + [b.replace(b.split()[3], "changed", 1) for b in base[:30]]
        + [b + " extra" for b in base[20:50]]
    )
    keys = sorted({make_key(t) for t in texts}, key=lambda k: k.text)
    found = {(p.a, p.b) for p in find_pairs(keys, 85.0)}
    exhaustive = {
        (i, j) for i, j in itertools.combinations(range(len(keys)), 2) if compare(keys[i], keys[j], 85.0)
    }
    assert exhaustive and found == exhaustive


def test_chains_do_not_drift_into_giant_clusters() -> None:
    text = "the ministry said the strike on the crowded market in the old city killed many people and "
    text += "wounded dozens more while rescuers searched the rubble for survivors late into the night"
    words = text.split(" ")
    windows = [" ".join(words[i : i + 20]) for i in range(len(words) - 20)]
    result = cluster_texts(windows, threshold=88)
    assert len(result.pairs) >= len(windows) - 1 and len(set(result.labels)) > 1  # one chain, cut
    for text, label in zip(windows, result.labels, strict=True):
        match = compare(make_key(windows[label]), make_key(text), 88 - CHAIN_SLACK)
        assert match is not None and match.kind == SAME


def test_a_member_paired_with_its_canonical_is_checked_again_only_below_the_floor() -> None:
    """A pair scored at the threshold keeps its member; one stored with a lower score (a run at
    another threshold) is scored against the canonical again, and here it drifts away."""
    from factcheck.dedup.blocking import Pair
    from factcheck.dedup.cluster import cluster

    texts = [
        "The council approved the new budget for the city schools on Monday evening",
        "The council approved the new budget for the city schools on Monday night",
        "Police arrested two men after a robbery at a downtown jewellery shop",
    ]
    keys = [make_key(t) for t in texts]
    floor = 90 - CHAIN_SLACK
    assert compare(keys[0], keys[2], floor) is None  # unrelated: only a stored pair joins them

    def rank(node: int) -> tuple[int, int]:
        return (-len(keys[node].text), node)

    close = [Pair(0, 1, SAME, 95.0), Pair(0, 2, SAME, 95.0)]
    assert cluster(range(3), close, keys, rank, 90) == [[[0, 1, 2]]]  # trusted: scored above the floor
    low = [Pair(0, 1, SAME, 95.0), Pair(0, 2, SAME, floor - 1)]
    assert cluster(range(3), low, keys, rank, 90) == [[[0, 1], [2]]]  # scored again: drifted


def test_cluster_texts_does_not_depend_on_order() -> None:
    texts = [s for name in ("000", "002", "004") for s in _seed_sentences(name)]
    shuffled = texts[:]
    random.Random(5).shuffle(shuffled)
    assert _partition(texts, cluster_texts(texts).labels) == _partition(
        shuffled, cluster_texts(shuffled).labels
    )


def _seed_sentences(name: str) -> list[str]:
    new = seed(name)
    return [new.text[a:b] for a, b in new.spans]


def _partition(texts: Sequence[str], labels: Sequence[int]) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = {}
    for text, label in zip(texts, labels, strict=True):
        groups.setdefault(label, set()).add(text)
    return {frozenset(g) for g in groups.values()}


# -- the store --------------------------------------------------------------------------


def test_seed_articles_share_the_maalouf_claim(store: Store) -> None:
    for name in ("000", "001", "002", "003", "004"):
        store.add_article(seed(name))
    report = cluster_store(store)
    assert report.mentions == store.count("mentions") and report.merged_mentions > 0
    found = {store.mention(m).article_id: store.mention(m).claim_id for m in mentions_with(store, MAALOUF)}  # type: ignore[union-attr]
    assert len(found) == 3 and len(set(found.values())) == 1
    paths = {a.id: a.path for a in store.articles()}
    assert sorted(Path(paths[a]).name[:3] for a in found) == ["000", "002", "004"]


def test_changed_number_is_a_variant_not_the_same_claim(store: Store) -> None:
    store.add_article(seed("004"))
    original = next(s for s in _seed_sentences("004") if KILLED_105 in s)
    store.add_article(article("Breaking news from the city.\n\n" + original.replace("105", "150")))
    cluster_store(store)
    [a], [b] = (
        (store.mention(m) for m in mentions_with(store, KILLED_105)),
        (store.mention(m) for m in mentions_with(store, "least 150")),
    )
    assert a is not None and b is not None and a.claim_id != b.claim_id
    assert variants_of(store, a.claim_id or "") == [(b.claim_id, "number", pytest.approx(100.0))]
    assert variants_of(store, b.claim_id or "")[0][:2] == (a.claim_id, "number")


def test_incremental_clusters_new_article_against_existing_claims(store: Store) -> None:
    store.add_article(seed("000"))
    cluster_store(store)
    before = claims_of(store)
    nodes_before = dict(store.db.execute("select mention_id, node from dedup_nodes").fetchall())
    store.add_article(seed("002"))
    report = cluster_store(store)
    after = claims_of(store)
    assert report.mentions == len(after) - len(before)
    [old] = [m for m in mentions_with(store, MAALOUF) if m in before]
    [new] = [m for m in mentions_with(store, MAALOUF) if m not in before]
    assert after[new] == after[old]
    changed = {m for m in before if after[m] != before[m]}
    assert changed <= {old}  # only the joined claim may be renamed (a longer canonical)
    nodes_after = dict(store.db.execute("select mention_id, node from dedup_nodes").fetchall())
    assert all(nodes_after[m] == node for m, node in nodes_before.items())  # nothing re-indexed


def test_same_files_in_any_order_give_the_same_claim_ids(tmp_path: Path) -> None:
    names = ["000", "001", "002", "003", "004"]
    results = []
    for number, (order, incremental) in enumerate(
        [(names, False), (names[::-1], True), (names[2:] + names[:2], True)]
    ):
        with Store(tmp_path / f"{number}.db") as db:
            for name in order:
                db.add_article(seed(name))
                if incremental:
                    cluster_store(db)
            cluster_store(db)
            results.append(claims_of(db))
    assert results[0] == results[1] == results[2]
    assert any(claim != claim_id(m) for m, claim in results[0].items())


def test_full_reclustering_keeps_labels_copies_claim_labels_and_reports_conflicts(store: Store) -> None:
    a = "The coalition strike on the crowded market killed dozens of civilians on Friday morning."
    b = "The coalition strike on the market killed dozens of civilians on Friday morning."
    store.add_article(article(f"First report.\n\n{a}", "a.txt"))
    store.add_article(article(f"Second report.\n\n{b}", "b.txt"))
    cluster_store(store, threshold=99, full=True)
    [ma], [mb] = (
        mentions_with(store, "crowded market"),
        [m for m in mentions_with(store, "the market killed")],
    )
    assert store.mention(ma).claim_id != store.mention(mb).claim_id  # type: ignore[union-attr]
    store.set_label("alice", ma, "verification", "supported")
    store.set_label("alice", mb, "verification", "refuted")
    store.set_label("bob", ma, "verification", "supported")
    store.set_label("bob", mb, "stance", "agree")
    labels = set(store.db.execute("select mention_id, annotator, field, value from annotations").fetchall())
    report = cluster_store(store, threshold=90, full=True)
    assert store.mention(ma).claim_id == store.mention(mb).claim_id  # type: ignore[union-attr]
    after = set(store.db.execute("select mention_id, annotator, field, value from annotations").fetchall())
    assert labels <= after and after - labels == {(mb, "bob", "verification", "supported")}
    [conflict] = report.conflicts
    assert (
        "alice" in conflict
        and "verification" in conflict
        and "'refuted'" in conflict
        and "'supported'" in conflict
    )
    assert store.mention(ma).claim_id in conflict  # type: ignore[union-attr,operator]
    events = store.db.execute("select annotator, mention_id, new from events where kind = 'dedup'").fetchall()
    assert events == [("bob", mb, "supported")]
    cluster_store(store, threshold=99, full=True)  # splitting again loses nothing either
    assert after <= set(
        store.db.execute("select mention_id, annotator, field, value from annotations").fetchall()
    )


def test_a_new_mention_joining_a_claim_gets_its_claim_label(store: Store) -> None:
    store.add_article(seed("000"))
    cluster_store(store)
    [first] = mentions_with(store, MAALOUF)
    store.set_label("alice", first, "verification", "supported")
    store.add_article(seed("004"))
    report = cluster_store(store)
    [second] = [m for m in mentions_with(store, MAALOUF) if m != first]
    assert report.conflicts == []
    assert store.all_labels([second])[second]["alice"] == {"verification": "supported"}


def test_claim_gold_follows_a_renamed_claim(store: Store) -> None:
    store.add_article(seed("000"))
    cluster_store(store)
    [first] = mentions_with(store, MAALOUF)
    old_claim = store.mention(first).claim_id  # type: ignore[union-attr]
    store.set_gold("claim", old_claim or "", "verification", "refuted", "lead")
    store.add_article(seed("002"))  # its copy is longer (with a tail): the canonical changes
    cluster_store(store)
    new_claim = store.mention(first).claim_id  # type: ignore[union-attr]
    assert new_claim != old_claim
    gold = store.db.execute("select value from gold where target_id = ?", [new_claim]).fetchall()
    assert gold == [("refuted",)]


def test_nothing_new_is_a_no_op(store: Store) -> None:
    store.add_article(seed("003"))
    cluster_store(store)
    report = cluster_store(store)
    assert report.mentions == 0 and report.conflicts == []


def test_dedup_is_headless() -> None:
    code = "import sys, factcheck.dedup; assert not any(m.startswith('textual') for m in sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_incremental_runs_keep_the_threshold_of_the_last_full_run(store: Store) -> None:
    a = "The coalition strike on the crowded market killed dozens of civilians on Friday morning."
    b = "The coalition strike on the market killed dozens of civilians on Friday morning."
    store.add_article(article(f"First report.\n\n{a}", "a.txt"))
    cluster_store(store, threshold=99, full=True)
    store.add_article(article(f"Second report.\n\n{b}", "b.txt"))
    cluster_store(store)  # at 99, not the default
    [ma], [mb] = mentions_with(store, "crowded market"), mentions_with(store, "the market killed")
    assert store.mention(ma).claim_id != store.mention(mb).claim_id  # type: ignore[union-attr]
    assert store.dedup_state().threshold == 99


def test_keys_from_another_version_are_recomputed(store: Store) -> None:
    store.add_article(seed("002"))
    cluster_store(store)
    store.db.execute("update meta set value = '0' where key = 'dedup_version'")
    store.db.execute("update dedup_keys set key = 'stale ' || node")
    report = cluster_store(store)
    assert report.mentions == store.count("mentions")
    assert store.db.execute("select count(*) from dedup_keys where key like 'stale %'").fetchone()[0] == 0


def test_every_kind_the_matcher_gives_is_a_kind_the_store_knows() -> None:
    from factcheck.dedup import match as dedup_match
    from factcheck.store import VARIANT_KINDS

    examples = [
        (
            "The army said 105 people were killed in the strike.",
            "The army said 150 people were killed in the strike.",
        ),
        (
            "The ministry said the strike was legal under the law.",
            "The ministry said the strike was not legal under the law.",
        ),
        (
            "The ministry confirmed the strike on the hospital.",
            "The ministry denied the strike on the hospital.",
        ),
        (
            "Troops entered Mosul on Tuesday after heavy fighting.",
            "Troops entered Raqqa on Tuesday after heavy fighting.",
        ),
        (
            "The ministry will close the border with Syria on Tuesday.",
            "The ministry closed the border with Syria on Tuesday.",
        ),
        (
            '"Troops entered the city after heavy fighting," he said, adding 26 of the dead were women.',
            '"Troops entered the city after heavy fighting," he said.',
        ),
    ]
    given = [dedup_match.conflict(make_key(a), make_key(b)) for a, b in examples]
    assert given == list(VARIANT_KINDS)


def test_a_crowded_lookup_leaves_out_the_longest_lists_while_enough_remain() -> None:
    from factcheck.dedup.index import LONG, WordIndex, needed, postings

    common = range(10, 10 + LONG + 50)  # earlier nodes that share only common words with the text
    index = WordIndex(
        lists={
            "rare": postings([1, 2, 3]),
            "scarce": postings([1, 2, 4]),
            "usual": postings(common),
            "common": postings(range(10, 10 + LONG + 60)),
            "everywhere": postings(range(10, 10 + LONG + 70)),
        }
    )
    words = ["rare", "scarce", "usual", "common", "everywhere"]
    assert needed(len(words)) + 1 == 2  # crowded: each candidate must share two words
    # the two longest lists are left out, three remain: the nodes with two of those
    assert sorted(index.candidates(words, below=5_000)) == [1, 2]
    # none is left out when no more than the needed share plus one remain
    assert sorted(index.candidates(["rare", "usual", "common"], below=5_000)) == list(common)


@given(
    st.lists(
        st.integers(0, 150).flatmap(lambda n: st.lists(st.integers(0, 400), min_size=n, max_size=n)),
        min_size=1,
        max_size=7,
    ),
    st.integers(0, 420),
)
def test_candidates_are_the_nodes_that_share_enough_look_up_words(lists: list[list[int]], below: int) -> None:
    """The look-up, done on arrays in numpy, against counting each node's words one by one
    (with limits small enough for these lists to be crowded and long)."""
    from collections import Counter
    from unittest import mock

    from factcheck.dedup import index as module

    crowded_from, long = 25, 60
    words = [f"w{i}" for i in range(len(lists))]
    index = module.WordIndex(
        lists={w: module.postings(sorted(set(ns))) for w, ns in zip(words, lists, strict=True)}
    )
    found = [nodes for nodes in ([n for n in sorted(set(ns)) if n < below] for ns in lists) if nodes]
    need = module.needed(len(words))
    crowded = any(len(nodes) > crowded_from for nodes in found)
    if crowded:
        need += 1
        while len(found) > need + 1 and max(map(len, found)) > long:
            found.remove(max(found, key=len))
    shared = Counter(n for nodes in found for n in nodes)
    if not crowded and len(shared) > crowded_from:
        need += 1
    with mock.patch.object(module, "CROWDED", crowded_from), mock.patch.object(module, "LONG", long):
        assert index.candidates(words, below) == sorted(n for n, count in shared.items() if count >= need)


def test_a_pair_scoring_exactly_the_threshold_at_the_widest_length_gap_is_found() -> None:
    # 63 and 77 characters: fuzz.ratio is at most 200 * 63 / 140 = 90, and 77 * 90 / 110
    # rounds to 63.00000000000001, which once left the shorter text out of the candidates.
    a = "circus plans to shut down 'Greatest Show on Earth' after 146 years"
    b = "circus plans to shut down very very sad 'Greatest Show on Earth' after 146 years"
    assert (len(make_key(a).text), len(make_key(b).text)) == (63, 77)
    assert compare(make_key(a), make_key(b), 90.0) is not None
    assert [p.kind for p in find_pairs([make_key(a), make_key(b)], 90.0)] == [SAME]
    assert cluster_texts([a, b], threshold=90.0).labels == [1, 1]
