"""The first pass: clustering the named entities spaCy found into people and organisations."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from onrecord.speakers.clusters import (
    MODIFIER_DEPS,
    NAME_VOTE,
    TITLE_VOTE,
    Cluster,
    Context,
    lemma,
)
from onrecord.speakers.lexicon import SpeakerLexicon
from onrecord.speakers.name_matching import (
    Parts,
    cluster_name_score,
    display_name,
    name_gender,
    org_names_match,
    org_parts,
    person_parts,
    split_titles,
)

LABEL_TYPES = {"PERSON": "person", "ORG": "organization", "FAC": "organization",
               "GPE": "organization", "NORP": "group"}  # fmt: skip
# Labels whose entities are listed even when nobody refers to them; GPE, NORP and FAC
# clusters are kept only when they speak or are spoken to ("China said ...").
LISTED_LABELS = frozenset({"PERSON", "ORG"})


def _title_start(doc: Doc, ent: Span, lex: SpeakerLexicon) -> int:
    """Move a PERSON mention's start left over titles spaCy left outside ("Mrs." Clinton)."""
    start = ent.start
    if len(ent) == 1 and start > ent.sent.start:
        # The small model sometimes tags only the surname: "Sadiq Khan has said" -> "Khan".
        first = doc[start - 1]
        if (
            first.pos_ == "PROPN"
            and first.dep_ == "compound"
            and first.head.i == ent.root.i
            and first.is_title
            and lex.title_or_role(first.text) is None
        ):
            start -= 1
    while start > ent.sent.start and lex.title(doc[start - 1].text) is not None:
        start -= 1
    return start


def _most_recent(candidates: list[Cluster], token: int) -> Cluster | None:
    """The candidate mentioned last before ``token`` (else the earliest created)."""
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c.last_before(token), -c.order))


def match_person(ctx: Context, parts: Parts, gender: str | None, token: int) -> Cluster | None:
    """The person cluster a name refers to: best name evidence, a compatible gender, then the
    most recently mentioned ("Clinton" after both Clintons goes to the last one named)."""
    best_score, best = 0, []
    for c in ctx.clusters:
        if c.type != "person" or not c.names:
            continue
        if gender and c.gender and gender != c.gender:
            continue
        score = cluster_name_score(parts, c.names)
        if score > best_score:
            best_score, best = score, [c]
        elif score == best_score and score > 0:
            best.append(c)
    # A lone first name may only join a person; a full name joins on a surname or a first name.
    return _most_recent(best, token) if best_score >= 1 else None


def match_org(ctx: Context, parts: Parts, label: str, token: int) -> Cluster | None:
    """The organisation (or place, or nationality group) cluster a name refers to."""
    family = {"ORG": "ORG", "FAC": "ORG", "GPE": "GPE", "NORP": "NORP"}.get(label, label)
    found = [
        c
        for c in ctx.clusters
        if c.label is not None
        and {"ORG": "ORG", "FAC": "ORG"}.get(c.label, c.label) == family
        and any(org_names_match(parts, n) for n in c.names)
    ]
    return _most_recent(found, token)


def _person_mention(ctx: Context, ent: Span) -> None:
    """Add a PERSON entity mention, joining the person it names or starting one."""
    start = _title_start(ctx.doc, ent, ctx.lex)
    span = ctx.doc[start : ent.end]
    titles, words = split_titles([t.text for t in span], ctx.lex)
    parts = person_parts(words)
    if not parts:
        return
    gender = name_gender(parts, titles, ctx.lex)
    cluster = match_person(ctx, parts, gender, ent.start)
    if cluster is None:
        cluster = ctx.new_cluster("person", label="PERSON", listed=True)
    display = display_name([t.text_with_ws for t in span[len(titles) :]])
    _add_name(ctx, cluster, span, ent, parts, display)
    title_genders = []
    for t in titles:
        role, title_gender = ctx.lex.title_or_role(t) or (None, None)
        cluster.vote_gender(title_gender, TITLE_VOTE)
        title_genders.append(title_gender)
        if role:
            cluster.aliases.add(role)
    if len(parts) >= 2 and not any(title_genders):
        cluster.vote_gender(ctx.lex.first_names.get(parts[0]), NAME_VOTE)


def _other_mention(ctx: Context, ent: Span) -> None:
    """Add an ORG/GPE/NORP/FAC mention. A lone word that is a known person's surname is that
    person: the small model often tags a surname ORG ("Halls's lawyer")."""
    words = [t.text for t in ent]
    if len(ent) == 1 and ent.label_ == "ORG" and lemma(ent[0]) in ctx.lex.roles:
        return  # "Coach says team ..." in a headline: a role noun in capitals, not a name
    if ent.label_ == "NORP" and (ent.root.dep_ in MODIFIER_DEPS or ent.root.pos_ == "ADJ"):
        return  # "Democratic lawmakers": an adjective, not a mention of the Democrats
    if ent.label_ in ("ORG", "GPE"):
        parts = person_parts(words)
        person = match_person(ctx, parts, None, ent.start) if len(parts) == 1 else None
        if person is not None and cluster_name_score(parts, person.names) >= 2:
            _add_name(ctx, person, ent, ent, parts, display_name(_with_ws(ent)))
            return
    parts = org_parts(words)
    if not parts:
        return
    cluster = match_org(ctx, parts, ent.label_, ent.start)
    if cluster is None:
        cluster = ctx.new_cluster(
            LABEL_TYPES[ent.label_], label=ent.label_, listed=ent.label_ in LISTED_LABELS
        )
    _add_name(ctx, cluster, ent, ent, parts, display_name(_with_ws(ent)))


def _with_ws(tokens: Span) -> list[str]:
    """Token texts with their trailing whitespace, for names as written."""
    return [t.text_with_ws for t in tokens]


def _add_name(
    ctx: Context, cluster: Cluster, span: Span, ent: Span, parts: Parts, display: str
) -> None:
    """Record a named mention: its name for matching and its tokens for lookups."""
    cluster.names.append(parts)
    cluster.displays.append(display)
    for i in range(span.start, span.end):
        ctx.by_token[i] = cluster
    ctx.add_mention(span, ent.root, cluster)


def _line_pieces(ent: Span) -> list[Span]:
    """An entity cut at line breaks: the small model runs a byline into the next line
    ("Hollis Brand-Aquino\nCourier staff writer"), and no name spans two lines."""
    pieces, start = [], ent.start
    for token in ent:
        if "\n" in token.text:
            if token.i > start:
                pieces.append(Span(ent.doc, start, token.i, label=ent.label_))
            start = token.i + 1
    if ent.end > start:
        pieces.append(Span(ent.doc, start, ent.end, label=ent.label_))
    return pieces


def _without_score(ent: Span) -> Span | None:
    """An entity without a score the small model runs into it ("Northfield 2-1" in "beat
    Northfield 2-1 on Saturday"); a number alone stays ("BBC Radio 4")."""
    text = ent.text
    m = _SCORE.search(text)
    if m is None:
        return ent
    cut = ent.doc.char_span(ent.start_char, ent.start_char + m.start(), alignment_mode="contract")
    if cut is None or not len(cut):
        return None
    return Span(ent.doc, cut.start, cut.end, label=ent.label_)


_SCORE = re.compile(r"\s+\d+\s*[-–]\s*\d+(?:\s*[-–]\s*\d+)*$")


def build_named_clusters(ctx: Context) -> None:
    """Cluster every PERSON mention first, so that the others can be checked against people,
    then ORG, GPE, NORP and FAC mentions."""
    ents = [
        named
        for ent in ctx.doc.ents
        for piece in _line_pieces(ent)
        if (named := _without_score(piece)) is not None
    ]
    for ent in ents:
        # A name has a capital: the small model tags a lowercase "bin" PERSON.
        if ent.label_ == "PERSON" and any(t.text[:1].isupper() for t in ent):
            _person_mention(ctx, ent)
    for ent in ents:
        if ent.label_ in LABEL_TYPES and ent.label_ != "PERSON":
            _other_mention(ctx, ent)
