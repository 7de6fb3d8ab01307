"""Quotation pieces scored the way a source audit scores them (``onrecord.evaluate.pieces``):
a piece counts when more than a share of its characters is covered."""

from __future__ import annotations

from onrecord.evaluate.pieces import covered, score_pieces, speech_gold
from onrecord.evaluate.polnear import attributions_from_ann
from onrecord.record import Article, Attribution, Span

TEXT = '"We will win," Ann Lee said, "and we always do." Bob Day said the vote was close.'


def article(*pieces: list[tuple[int, int]]) -> Article:
    attrs = [
        Attribution(f"A{i}", "direct", Span.from_pieces(TEXT, p)) for i, p in enumerate(pieces)
    ]
    return Article("d", TEXT, attributions=attrs)


SPLIT = [(0, 14), (29, 48)]  # the two pieces of Ann Lee's quotation


def test_coverage_counts_each_character_once() -> None:
    assert covered((0, 10), [(0, 5), (3, 8)]) == 8
    assert covered((0, 10), [(20, 30)]) == 0


def test_a_split_quotation_is_two_gold_pieces() -> None:
    result = score_pieces([article(SPLIT)], [article(SPLIT)], 0.8)
    assert (result.gold, result.predicted, result.found, result.right) == (2, 2, 2, 2)


def test_one_extent_over_both_pieces_finds_them_but_is_not_right_at_0_8() -> None:
    # PolNeAR's convention, first start to last end, swallows the frame "Ann Lee said,".
    whole = article([(0, 48)])
    strict = score_pieces([article(SPLIT)], [whole], 0.8)
    assert strict.found == 2 and strict.right == 0
    assert score_pieces([article(SPLIT)], [whole], 0.3).right == 1


def test_a_piece_half_covered_counts_at_0_3_and_not_at_0_8() -> None:
    half = article([(0, 7)])  # '"We wil' of '"We will win,"'
    gold = article([(0, 14)])
    assert score_pieces([gold], [half], 0.3).found == 1
    assert score_pieces([gold], [half], 0.8).found == 0


def test_a_missing_prediction_finds_nothing() -> None:
    result = score_pieces([article(SPLIT)], [], 0.3)
    assert result.recall == 0.0 and result.precision == 0.0


def test_speech_gold_keeps_speech_and_drops_beliefs_and_bare_phrases(nlp) -> None:
    text = (
        "Ann Lee said the vote was close. Republicans fear that turnout will fall. "
        "Bob Day voiced support for the bill."
    )
    ann = "\n".join([
        "T1\tSource 0 7\tAnn Lee", "T2\tCue 8 12\tsaid", "T3\tContent 13 31\tthe vote was close",
        "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3",
        "T4\tSource 33 44\tRepublicans", "T5\tCue 45 49\tfear",
        "T6\tContent 50 72\tthat turnout will fall",
        "E2\tAttribution:T5 Source:T4 Cue:T5 Content:T6",
        "T7\tSource 74 81\tBob Day", "T8\tCue 82 88\tvoiced",
        "T9\tContent 89 109\tsupport for the bill",
        "E3\tAttribution:T8 Source:T7 Cue:T8 Content:T9",
    ])  # fmt: skip
    gold = Article("d", text, attributions=attributions_from_ann(text, ann))
    assert len(gold.attributions) == 3
    (kept,) = speech_gold([gold], nlp)
    assert [a.content.text for a in kept.attributions] == ["the vote was close"]
