"""A small store for the audit and the filters, whose every figure is known by construction.

Four articles, two outlets (one named by its metadata, one by its url's domain), three
months and one undated article::

    article  outlet        published   attributions
    ap1      apnews.com    2024-01-15  Ann Lee (f) direct x2, Bob Stone (m) indirect,
                                       "officials" (anonymous) indirect,
                                       Ann Lee indirect of a bare phrase (not speech)
    ap2      apnews.com    2024-02-03  Ann Lee direct (confidence 0.4), Acme Corp
                                       (organization) indirect, Bob Stone other (a belief)
    gu1      The Guardian  2024-01-20  Pat Quinn (gender unknown) direct, Ann Lee indirect,
                                       no speaker other, Pat Quinn direct in a caption
    gu2      The Guardian  (undated)   "protesters" (group) indirect

So: 13 attributions; by type person 9, organization 1, group 1, anonymous 1, unknown 1;
persons by gender female 5, male 1, unknown 3 (Bob Stone's second article does not say);
direct 5. The speech scope keeps 9 (not the
phrase, the belief, the speakerless other nor the caption). Speakers (named people and
organisations): Ann Lee, Bob Stone, Acme Corp, Pat Quinn.
"""

from __future__ import annotations

from dataclasses import replace

from onrecord.record import Article, Attribution, Entity, Span
from support.store import make_article, quote


def _person(text: str, entity_id: str, name: str, gender: str | None) -> Entity:
    at = text.index(name)
    return Entity(entity_id, name, "person", [Span.of(text, at, at + len(name))], gender)


def _said(
    text: str,
    attr_id: str,
    content: str,
    who: str | None,
    entity: str | None = None,
    *,
    kind: str = "indirect",
    speaker_type: str = "person",
    form: str = "clause",
    confidence: float = 0.8,
    boilerplate: bool = False,
) -> Attribution:
    attr = quote(text, attr_id, content, who, entity=entity, kind=kind, cue=None,
                 speaker_type=speaker_type)  # fmt: skip
    return replace(attr, content_form=form, confidence=confidence, in_boilerplate=boilerplate)


def audited_articles() -> list[Article]:
    t1 = (
        '"We stay," Ann Lee said. "We win," Lee said. Bob Stone said fares rise. '
        "Officials said the port shuts. Lee voiced support for the plan."
    )
    t2 = '"Soon," Ann Lee said. Acme Corp said prices fall. Bob Stone believes it works.'
    t3 = (
        '"No comment," Pat Quinn said. Ann Lee said the vote stands. It is said rain comes. '
        'Photo: "Hello," Pat Quinn said.'
    )
    t4 = "Protesters said the march goes on."
    ap1 = make_article(
        t1,
        [_person(t1, "e1", "Ann Lee", "f"), _person(t1, "e2", "Bob Stone", "m")],
        [
            _said(t1, "a1", '"We stay,"', "Ann Lee", "e1", kind="direct", form="quotation"),
            _said(t1, "a2", '"We win,"', "Lee", "e1", kind="direct", form="quotation"),
            _said(t1, "a3", "fares rise", "Bob Stone", "e2"),
            _said(t1, "a4", "the port shuts", "Officials", speaker_type="anonymous"),
            _said(t1, "a5", "support for the plan", "Lee", "e1", form="phrase"),
        ],
        name="ap1", url="https://www.apnews.com/article/ap1", date="2024-01-15",
        title="Port to shut",
    )  # fmt: skip
    ap2 = make_article(
        t2,
        [
            _person(t2, "e1", "Ann Lee", "f"),
            _person(t2, "e3", "Bob Stone", None),
            Entity("e2", "Acme Corp", "organization", [Span.of(t2, 22, 31)]),
        ],
        [
            _said(t2, "a1", '"Soon,"', "Ann Lee", "e1", kind="direct", form="quotation",
                  confidence=0.4),
            _said(t2, "a2", "prices fall", "Acme Corp", "e2", speaker_type="organization"),
            _said(t2, "a3", "it works", "Bob Stone", "e3", kind="other"),
        ],
        name="ap2", url="https://apnews.com/article/ap2", date="2024-02-03",
        title="Prices to fall",
    )  # fmt: skip
    gu1 = make_article(
        t3,
        [_person(t3, "e1", "Pat Quinn", None), _person(t3, "e2", "Ann Lee", "f")],
        [
            _said(t3, "a1", '"No comment,"', "Pat Quinn", "e1", kind="direct", form="quotation"),
            _said(t3, "a2", "the vote stands", "Ann Lee", "e2"),
            _said(t3, "a3", "rain comes", None, kind="other"),
            _said(t3, "a4", '"Hello,"', "Pat Quinn", "e1", kind="direct", form="quotation",
                  boilerplate=True),
        ],
        name="gu1", outlet="The Guardian", date="2024-01-20", title="Vote stands",
    )  # fmt: skip
    gu2 = make_article(
        t4,
        [],
        [_said(t4, "a1", "the march goes on", "Protesters", speaker_type="group")],
        name="gu2", outlet="The Guardian", title="March goes on",
    )  # fmt: skip
    return [ap1, ap2, gu1, gu2]

