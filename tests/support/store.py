"""Small articles for the store tests: a quotation, a person, an article, and a corpus of
five (two Baldwin articles, two Clintons and a lone "Clinton", the White House)."""

from __future__ import annotations

from onrecord.document import content_id
from onrecord.record import Article, Attribution, Entity, Span, Speaker


def quote(
    text: str,
    attr_id: str,
    content: str,
    speaker: str | None,
    *,
    entity: str | None = None,
    kind: str = "direct",
    cue: str | None = "said",
    speaker_type: str = "person",
) -> Attribution:
    start = text.index(content)
    cue_span = None
    if cue:
        at = text.index(cue, start + len(content))
        cue_span = Span.of(text, at, at + len(cue))
    return Attribution(
        id=attr_id,
        kind=kind,
        content=Span.of(text, start, start + len(content)),
        cue=cue_span,
        speaker=Speaker(speaker, speaker_type, entity) if speaker else None,
        confidence=0.8,
    )


def person(text: str, entity_id: str, name: str, *mentions: str) -> Entity:
    spans = [Span.of(text, text.index(m), text.index(m) + len(m)) for m in mentions]
    return Entity(entity_id, name, "person", spans)


def make_article(
    text: str, entities: list[Entity], attrs: list[Attribution], **metadata: str
) -> Article:
    return Article(
        id=content_id(text),
        text=text,
        source=f"{metadata.pop('name', 'doc')}.txt",
        entities=entities,
        attributions=attrs,
        metadata=dict(metadata),
    )


def baldwin_article() -> Article:
    text = (
        '"I didn\'t pull the trigger," Alec Baldwin said on Thursday. '
        "Baldwin said he would never point a gun at anyone."
    )
    return make_article(
        text,
        [person(text, "e1", "Alec Baldwin", "Alec Baldwin", "Baldwin")],
        [
            quote(text, "a1", '"I didn\'t pull the trigger,"', "Alec Baldwin", entity="e1"),
            quote(
                text,
                "a2",
                "he would never point a gun at anyone",
                "Baldwin",
                entity="e1",
                kind="indirect",
                cue=None,
            ),
        ],
        name="baldwin1",
        title="Baldwin speaks",
        date="2021-12-02",
    )


def corpus() -> list[Article]:
    t2 = "Baldwin said the safety checks were the armorer's job. Sheriffs said charges may come."
    t3 = "Bill Clinton said the economy was strong. Hillary Clinton said she would run."
    t4 = "Clinton said the emails were a mistake, aides said on Monday."
    t5 = "The White House said the policy stands."
    return [
        baldwin_article(),
        make_article(
            t2,
            [person(t2, "e1", "Baldwin", "Baldwin")],
            [
                quote(t2, "a1", "the safety checks were the armorer's job", "Baldwin", entity="e1",
                      kind="indirect", cue=None),
                quote(t2, "a2", "charges may come", "Sheriffs", kind="indirect", cue=None,
                      speaker_type="group"),
            ],
            name="baldwin2", title="Armorer blamed", date="2022-01-10T09:00:00Z",
        ),
        make_article(
            t3,
            [person(t3, "e1", "Bill Clinton", "Bill Clinton"),
             person(t3, "e2", "Hillary Clinton", "Hillary Clinton")],
            [
                quote(t3, "a1", "the economy was strong", "Bill Clinton", entity="e1",
                      kind="indirect", cue=None),
                quote(t3, "a2", "she would run", "Hillary Clinton", entity="e2",
                      kind="indirect", cue=None),
            ],
            name="clintons", title="Two Clintons", date="2016-03-01",
        ),
        make_article(
            t4,
            [person(t4, "e1", "Clinton", "Clinton")],
            [quote(t4, "a1", "the emails were a mistake", "Clinton", entity="e1",
                   kind="indirect", cue=None)],
            name="clinton", date="2016-03-05",
        ),
        make_article(
            t5,
            [Entity("e1", "The White House", "organization",
                    [Span.of(t5, 0, 15)])],
            [quote(t5, "a1", "the policy stands", "The White House", entity="e1",
                   kind="indirect", cue=None, speaker_type="organization")],
            name="whitehouse",
        ),
    ]  # fmt: skip
