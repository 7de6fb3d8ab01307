"""Claims and the relations between attributions (docs/claims.md): which attributions of
an article carry the same proposition, and who backs up, disputes, passes on or answers
whom.

    claims, relations = find_claims(doc, attributions)
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from onrecord.claims.group import group_claims
from onrecord.claims.relations import cosines, find_relations
from onrecord.claims.text import named_claim_text
from onrecord.record import Attribution, Claim, Entity, Relation

__all__ = ["find_claims"]


def compared_text(a: Attribution, entities: dict[str, Entity]) -> str:
    """The content as claims compare it: its proposition, with the speaker named where a
    pronoun stands for them (``text.named_claim_text``)."""
    speaker = a.speaker
    if speaker is None or speaker.type != "person":
        return named_claim_text(a.content.text, a.kind, None, None)
    entity = entities.get(speaker.entity or "")
    return named_claim_text(a.content.text, a.kind, speaker.name, entity.gender if entity else None)


def find_claims(
    doc: Doc,
    attributions: Sequence[Attribution],
    entities: Sequence[Entity] = (),
    encoder: object | None = None,
) -> tuple[list[Claim], list[Relation]]:
    """The article's claims and relations. Attributions in boilerplate (a caption's quote)
    take no part: they are not the article's own."""
    from onrecord.claims.embed import default_encoder

    body = [a for a in attributions if not a.in_boilerplate]
    if not body:
        return [], []
    encoder = encoder or default_encoder()
    named = {e.id: e for e in entities}
    texts = [compared_text(a, named) for a in body]
    vectors = encoder.embed(texts)  # type: ignore[attr-defined]
    similarity = cosines([a.id for a in body], vectors)
    return group_claims(doc, body, similarity), find_relations(doc, body, similarity)
