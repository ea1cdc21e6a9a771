"""What the annotator sees of a claim's other mentions and of its linked variants."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from factcheck.store import Mention, Store, claim_links, claim_others


@dataclass(frozen=True)
class Sibling:
    """Another mention of the same claim."""

    article_seq: int
    article_title: str
    index: int
    text: str
    similarity: int
    """rapidfuzz token-set ratio with the current sentence, 0-100."""
    labels: dict[str, str]
    """This annotator's labels there."""


@dataclass(frozen=True)
class Variant:
    """A linked claim that says something close but different (another number, a negation)."""

    kind: str
    text: str
    labels: dict[str, str]
    """This annotator's labels on the variant's canonical mention."""
    same_verdict: list[str] = field(default_factory=list)
    """Claim-scoped fields given the same value here and on the variant: worth a second look."""


@dataclass(frozen=True)
class ClusterInfo:
    """The claim context of one sentence."""

    siblings: list[Sibling]
    variants: list[Variant]

    def __bool__(self) -> bool:
        return bool(self.siblings or self.variants)


def cluster_info(store: Store, annotator: str, mention: Mention, mine: dict[str, str]) -> ClusterInfo:
    """Siblings and variants of ``mention``'s claim; ``mine`` are its labels in memory."""
    if mention.claim_id is None:
        return ClusterInfo([], [])
    others = claim_others(store, mention.claim_id, mention.id)
    links = claim_links(store, mention.claim_id)
    ids = [o.mention.id for o in others] + [x.mention_id for x in links if x.mention_id]
    labels = store.all_labels(ids) if ids else {}
    siblings = [
        Sibling(
            o.article_seq,
            o.article_title or o.article_path,
            o.mention.index,
            o.mention.text,
            round(fuzz.token_set_ratio(mention.text, o.mention.text)),
            labels.get(o.mention.id, {}).get(annotator, {}),
        )
        for o in others
    ]
    claim_fields = [f.name for f in store.schema if f.scope == "claim"]
    variants = []
    for link in links:
        theirs = labels.get(link.mention_id or "", {}).get(annotator, {})
        same = [n for n in claim_fields if n in mine and theirs.get(n) == mine[n]]
        variants.append(Variant(link.kind, link.text or link.claim_id, theirs, same))
    return ClusterInfo(siblings, variants)
