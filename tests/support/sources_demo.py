"""A store that looks real, for the Sources page's screenshot (docs/sources.png): four outlets
over six months of 2024, each with its own mix of sources (one quotes officials more, one
women more, one organisations), drawn from a fixed seed so the picture is the same every run.

Its figures are made up: a screenshot fixture, not an accuracy figure (``support.audited`` is
the store whose every figure is known).
"""

from __future__ import annotations

import random

from onrecord.document import content_id
from onrecord.record import Article, Attribution, Entity, Span, Speaker

SEED = 20240601
MONTHS = ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"]

# (name, gender) for people, "" for organisations and groups; gender None when unknown.
PEOPLE = [
    ("Maria Alvarez", "f"), ("Grace Okafor", "f"), ("Lena Fischer", "f"), ("Priya Nair", "f"),
    ("Hannah Cole", "f"), ("James Whitaker", "m"), ("Tom Becker", "m"), ("Samuel Ortiz", "m"),
    ("David Mensah", "m"), ("Kenji Sato", "m"), ("Alex Morgan", None), ("Robin Hale", None),
]  # fmt: skip
ORGANIZATIONS = ["the Port Authority", "Acme Corp", "the Transit Union", "City Hall"]
GROUPS = ["Residents", "Protesters", "Commuters"]
ANONYMOUS = ["Officials", "A person familiar with the plan", "Analysts"]
CLAIMS = [
    "the fares will rise", "the ferry will keep running", "the budget is short",
    "the vote was fair", "the port will reopen", "the plan needs more time",
    "the pier is safe", "the deal was signed",
]  # fmt: skip

# Per outlet: weights of person, organization, group, anonymous, unknown; then the share of
# women among the people it quotes, and the share of quotations that are direct.
OUTLETS = {
    "apnews.com": ((62, 14, 6, 12, 6), 0.38, 0.45),
    "The Guardian": ((58, 10, 14, 8, 10), 0.47, 0.55),
    "Harbor Herald": ((70, 6, 10, 4, 10), 0.30, 0.35),
    "reuters.com": ((50, 22, 4, 18, 6), 0.28, 0.40),
}
TYPES = ("person", "organization", "group", "anonymous", "unknown")


def _article(rng: random.Random, outlet: str, month: str, n: int) -> Article:
    weights, women, direct = OUTLETS[outlet]
    text, entities, attrs = "", {}, []
    for i in range(n):
        kind_of = rng.choices(TYPES, weights)[0]
        entity = None
        if kind_of == "person":
            pool = [p for p in PEOPLE if (p[1] == "f") == (rng.random() < women)] or PEOPLE
            name, gender = rng.choice(pool)
        elif kind_of == "organization":
            name, gender = rng.choice(ORGANIZATIONS), None
        elif kind_of == "group":
            name, gender = rng.choice(GROUPS), None
        elif kind_of == "anonymous":
            name, gender = rng.choice(ANONYMOUS), None
        else:
            name, gender = "", None
        claim = rng.choice(CLAIMS)
        quoted = rng.random() < direct
        said = f'"{claim[0].upper()}{claim[1:]}," ' if quoted else ""
        who = name[0].upper() + name[1:] if name else "It"
        sentence = f"{said}{who} said" + ("." if quoted else f" {claim}.") + " "
        start = len(text)
        text += sentence
        content_at = start if quoted else start + sentence.index(claim)
        content_len = len(said.rstrip()) if quoted else len(claim)
        who_at = start + sentence.index(who)
        cue_at = start + sentence.index(" said", len(said)) + 1
        if kind_of in ("person", "organization"):
            key = name
            if key not in entities:
                entities[key] = Entity(
                    f"e{len(entities) + 1}",
                    name,
                    kind_of,
                    [],
                    gender if kind_of == "person" else None,
                )
            entity = entities[key]
            entity.mentions.append(Span.of(text, who_at, who_at + len(who)))
        attrs.append(Attribution(
            id=f"a{i + 1}",
            kind="direct" if quoted else "indirect",
            content=Span.of(text, content_at, content_at + content_len),
            cue=Span.of(text, cue_at, cue_at + 4),
            source=Span.of(text, who_at, who_at + len(who)) if name else None,
            speaker=Speaker(who, kind_of, entity.id if entity else None) if name else None,
            confidence=round(rng.uniform(0.6, 0.98), 2),
            content_form="quotation" if quoted else "clause",
        ))  # fmt: skip
    day = rng.randint(1, 28)
    metadata = {"title": rng.choice(CLAIMS).capitalize(), "date": f"{month}-{day:02d}"}
    if outlet.endswith(".com"):
        metadata["url"] = f"https://www.{outlet}/article/{content_id(text)[:8]}"
    else:
        metadata["outlet"] = outlet
    return Article(
        id=content_id(text),
        text=text,
        source=f"{outlet}-{month}.txt",
        entities=list(entities.values()),
        attributions=attrs,
        metadata=metadata,
    )


def demo_articles(seed: int = SEED) -> list[Article]:
    """About 70 articles and 600 attributions: 2-4 articles per outlet and month."""
    rng = random.Random(seed)
    articles = []
    for outlet in OUTLETS:
        for month in MONTHS:
            for _ in range(rng.randint(2, 4)):
                articles.append(_article(rng, outlet, month, rng.randint(5, 12)))
    return articles
