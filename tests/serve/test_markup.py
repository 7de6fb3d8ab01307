"""The reader's highlighting: records cut into pieces that keep every character, mark each
attribution's content, cue and source, and nest attributions inside one another."""

from __future__ import annotations

from onrecord.record import Article, Attribution, Boilerplate, Entity, Span, Speaker
from onrecord.serve.markup import article_view, headline, marked_terms, paragraphs

TEXT = (
    "Ferry fares rise\n\n"
    '"We will keep it running," Dana Whitlock said. Omar Reyes said that Whitlock claimed '
    "the fund was safe.\n"
    "Share this article"
)


def span(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span.of(text, start, start + len(part))


def article() -> Article:
    t = TEXT
    outer = span(t, "Whitlock claimed the fund was safe")
    return Article(
        id="doc",
        text=t,
        boilerplate=[Boilerplate(t.index("Share"), len(t), "share")],
        entities=[
            Entity("E1", "Dana Whitlock", "person", [span(t, "Dana Whitlock")]),
            Entity("E2", "Omar Reyes", "person", [span(t, "Omar Reyes")]),
        ],
        attributions=[
            Attribution("A1", "direct", span(t, '"We will keep it running,"'),
                        cue=span(t, "said"), source=span(t, "Dana Whitlock"),
                        speaker=Speaker("Dana Whitlock", "person", "E1"), confidence=0.9),
            Attribution("A2", "indirect", outer, cue=span(t, "said", outer.start - 12),
                        source=span(t, "Omar Reyes"),
                        speaker=Speaker("Omar Reyes", "person", "E2"), confidence=0.8),
            Attribution("A3", "indirect", span(t, "the fund was safe"),
                        cue=span(t, "claimed"), source=span(t, "Whitlock", outer.start),
                        speaker=Speaker("Dana Whitlock", "person", "E1"), parent="A2"),
        ],
    )  # fmt: skip


def test_pieces_keep_every_character_of_each_paragraph() -> None:
    paras = paragraphs(article())
    lines = [line for line in TEXT.split("\n") if line]
    assert ["".join(p.text for p in para.pieces) for para in paras] == lines


def test_each_attribution_is_anchored_where_its_content_starts() -> None:
    a = article()
    anchored = {
        anchor: piece.text
        for para in paragraphs(a)
        for piece in para.pieces
        for anchor in piece.anchors
    }
    assert set(anchored) == {"A1", "A2", "A3"}
    for attr in a.attributions:
        assert attr.content.text.startswith(anchored[attr.id])


def test_content_cue_and_source_are_marked_in_the_speakers_colour() -> None:
    pieces = [p for para in paragraphs(article()) for p in para.pieces]
    quote = next(p for p in pieces if p.text == '"We will keep it running,"')
    assert quote.attr == "A1" and "hl" in quote.classes and "c0" in quote.classes.split()
    cue = next(p for p in pieces if p.text == "said" and p.attr == "A1")
    assert cue.classes.split()[:2] == ["cue", "u0"]
    assert "Dana Whitlock" in (cue.title or "") and "direct" in (cue.title or "")
    reyes = next(p for p in pieces if p.text == "Omar Reyes")
    assert reyes.attr == "A2" and "src" in reyes.classes and "u1" in reyes.classes


def test_nested_attribution_wins_inside_its_parent() -> None:
    pieces = [p for para in paragraphs(article()) for p in para.pieces]
    inner = next(p for p in pieces if p.text == "the fund was safe")
    assert inner.attr == "A3" and "nested" in inner.classes
    # A3's speaker is Whitlock (colour 0) although it sits inside Reyes's content.
    assert "c0" in inner.classes.split()
    claimed = next(p for p in pieces if p.text == "claimed")
    assert claimed.attr == "A3" and "cue" in claimed.classes


def test_boilerplate_paragraph_is_flagged_with_its_reason() -> None:
    paras = paragraphs(article())
    assert paras[-1].boilerplate == "share"
    assert all("boiler" in p.classes for p in paras[-1].pieces)
    assert paras[0].boilerplate is None


def test_view_lists_speakers_by_count_with_store_links() -> None:
    view = article_view(article(), stored=True, speaker_ids={"E1": 7})
    assert [(s.name, s.count, s.speaker_id) for s in view.speakers] == [
        ("Dana Whitlock", 2, 7),
        ("Omar Reyes", 1, None),
    ]
    assert view.title == "Ferry fares rise"
    card = next(a for a in view.attributions if a.id == "A3")
    assert card.entity is not None and card.entity.name == "Dana Whitlock"
    assert card.speaker_id == 7 and card.parent == "A2"


def test_headline_skips_boilerplate_and_sentences() -> None:
    text = "Photo: a ferry (AP)\nFerry fares rise\nMore text."
    a = Article("d", text, boilerplate=[Boilerplate(0, 19, "caption")])
    assert headline(a) == "Ferry fares rise"
    assert headline(Article("d", "The mayor spoke at length.")) is None


def test_spans_out_of_range_or_empty_do_not_break_the_view() -> None:
    t = "Short text."
    bad = Attribution("A1", "other", Span(5, 99, "text."), cue=Span(3, 3, ""))
    paras = paragraphs(Article("d", t, attributions=[bad]))
    assert "".join(p.text for p in paras[0].pieces) == t


def test_marked_terms_shows_stemmed_matches() -> None:
    pieces = marked_terms("Reyes warned the riders", "warning rider")
    assert [text for text, hit in pieces if hit] == ["warned", "riders"]
    assert "".join(text for text, _ in pieces) == "Reyes warned the riders"
    assert marked_terms("anything", "the") == [("anything", False)]
