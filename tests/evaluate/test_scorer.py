"""The scorer: exact match and token overlap, per role, against hand-computed figures."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onrecord.evaluate.polnear import attributions_from_ann, read_split
from onrecord.evaluate.scorer import (
    PRF,
    ROLES,
    align,
    greedy_assignment,
    matching_method,
    normalised_extent,
    pair_attributions,
    score,
    span_tokens,
    tokenize,
)
from onrecord.record import Article, Attribution, Span
from support.polnear_samples import ANN as GOLD_ANN
from support.polnear_samples import TEXT

SPLIT_TEXT = '"We will win," Smith said, "and we will govern."\n'


def gold_article(text: str = TEXT, ann: str = GOLD_ANN, doc_id: str = "a") -> Article:
    return Article(id=doc_id, text=text, attributions=attributions_from_ann(text, ann))


def predicted(
    text: str,
    *triples: tuple[tuple[int, int], tuple[int, int] | None, tuple[int, int] | None],
    doc_id: str = "a",
) -> Article:
    """An article predicted as (content, source, cue) character ranges."""

    def span(r: tuple[int, int] | None) -> Span | None:
        return Span.of(text, *r) if r else None

    attrs = [
        Attribution(
            id=f"p{n}", kind="direct", content=Span.of(text, *c), source=span(s), cue=span(q)
        )
        for n, (c, s, q) in enumerate(triples)
    ]
    return Article(id=doc_id, text=text, attributions=attrs)


def figures(prf: PRF) -> tuple[float, float]:
    return round(prf.precision, 4), round(prf.recall, 4)


def test_gold_against_itself_is_perfect_everywhere() -> None:
    gold = [gold_article(), gold_article(SPLIT_TEXT, "", doc_id="empty")]
    scores = score(gold, gold, seconds=2.0)
    for role in ROLES:
        for prf in (scores.roles[role].exact, scores.roles[role].overlap):
            assert (prf.precision, prf.recall, prf.f1) == (1.0, 1.0, 1.0)
    assert scores.docs == 2
    assert scores.docs_per_second == 1.0
    assert scores.paired == scores.gold_attributions == 2
    assert scores.predicted_kinds["direct"] == 1 and scores.predicted_kinds["indirect"] == 1


def test_empty_prediction_has_zero_recall() -> None:
    gold = [gold_article()]
    for preds in ([], [Article(id="a", text=TEXT)]):
        scores = score(gold, preds)
        for role in ROLES:
            assert scores.roles[role].exact.recall == 0.0
            assert scores.roles[role].overlap.recall == 0.0
            assert scores.roles[role].overlap.gold > 0
        assert scores.predicted_attributions == 0


def test_partial_prediction_gives_the_hand_computed_figures() -> None:
    # Gold: A = "We will win," (6 tokens) / Smith / said; B = that the vote was rigged
    # (5 tokens) / Jones / believes.
    pred = predicted(
        TEXT,
        ((1, 8), (15, 25), None),  # We will | Smith said | -            -> pairs with A
        ((42, 67), (27, 32), (33, 41)),  # that the vote was rigged. | Jones | believes -> B
        ((15, 25), None, None),  # Smith said: shares no content token -> false positive
    )
    scores = score([gold_article()], [pred])
    assert scores.paired == 2
    content, source, cue = (scores.roles[r] for r in ROLES)
    # Overlap: content 2 + 5 shared tokens, of 2 + 6 + 2 predicted and 6 + 5 gold.
    assert (content.overlap.hits, content.overlap.predicted, content.overlap.gold) == (7, 10, 11)
    assert figures(content.overlap) == (0.7, round(7 / 11, 4))
    # Source: Smith (1 of "Smith said") + Jones; predicted 2 + 1 tokens, gold 1 + 1.
    assert figures(source.overlap) == (round(2 / 3, 4), 1.0)
    # Cue: only "believes" predicted, and it is right; "said" missed.
    assert figures(cue.overlap) == (1.0, 0.5)
    # Exact: the trailing "." is trimmed, so B's content matches; A's does not.
    assert figures(content.exact) == (round(1 / 3, 4), 0.5)
    assert figures(source.exact) == (0.5, 0.5)
    assert figures(cue.exact) == (1.0, 0.5)
    assert round(cue.exact.f1, 4) == round(2 * 1.0 * 0.5 / 1.5, 4)


def test_discontinuous_gold_leaves_out_the_words_between_fragments() -> None:
    ann = (
        'T1\tContent 0 14;27 48\t"We will win," "and we will govern."\n'
        "T2\tSource 15 20\tSmith\nT3\tCue 21 25\tsaid\n"
        "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2\n"
    )
    gold = gold_article(SPLIT_TEXT, ann)
    # One span over the whole extent: same extent, so an exact match, but it also takes
    # in "Smith said ," (3 tokens) that the gold fragments leave out.
    whole = predicted(SPLIT_TEXT, ((0, 48), (15, 20), (21, 25)))
    scores = score([gold], [whole])
    assert figures(scores.roles["content"].exact) == (1.0, 1.0)
    assert (scores.roles["content"].overlap.hits, scores.roles["content"].overlap.predicted) == (
        13,
        16,
    )
    assert figures(scores.roles["content"].overlap) == (0.8125, 1.0)


def test_normalisation_trims_quotes_and_punctuation_only_at_the_edges() -> None:
    text = "“‘Yes,’ he said — it’s done…”  "
    assert normalised_extent(text, Span.of(text, 0, len(text))) == (2, 27)
    assert text[2:27] == "Yes,’ he said — it’s done"
    assert normalised_extent(text, Span.of(text, 0, 1)) == (1, 1)


def test_tokens_are_words_and_single_punctuation_marks() -> None:
    text = "Smith's 3.5% \u201cwin\u201d"
    assert [text[s:e] for s, e in tokenize(text)] == [
        "Smith",
        "'",
        "s",
        "3",
        ".",
        "5",
        "%",
        "\u201c",
        "win",
        "\u201d",
    ]
    toks = tokenize(text)
    # A span cutting into a word still takes in the word it touches.
    touched = span_tokens(toks, Span.of(text, 2, 6))
    assert {text[toks[i][0] : toks[i][1]] for i in touched} == {"Smith", "'"}


def test_exact_matching_is_one_to_one() -> None:
    gold = gold_article()
    twice = predicted(TEXT, ((42, 66), None, None), ((42, 66), None, None))
    exact = score([gold], [twice]).roles["content"].exact
    assert (exact.hits, exact.predicted, exact.gold) == (1, 2, 2)


def test_pairing_maximises_total_overlap_and_greedy_takes_the_largest_first() -> None:
    weights = [[3, 2], [2, 0]]
    assert sorted(greedy_assignment(weights)) == [(0, 0)]
    gold = [frozenset({1, 2, 3}), frozenset({4, 5})]
    pred = [frozenset({1, 2, 3, 4, 5}), frozenset({1, 2})]
    pairs = pair_attributions(gold, pred)
    # Optimal: 2 + 2 shared tokens; greedy settles for the single pair of 3.
    best = 4 if matching_method() == "hungarian" else 3
    assert sum(p.overlap for p in pairs) == best
    assert pair_attributions(gold, []) == []


def test_equal_content_overlap_is_decided_by_source_and_cue() -> None:
    # One quote attributed twice, to Smith and to Jones: each pair must keep its speaker.
    text = "Smith and Jones said: we won."
    quote, smith, jones, cue = (22, 29), (0, 5), (10, 15), (16, 20)
    gold = predicted(text, (quote, smith, cue), (quote, jones, cue))
    swapped = predicted(text, (quote, jones, cue), (quote, smith, cue))
    source = score([gold], [swapped]).roles["source"].overlap
    assert figures(source) == (1.0, 1.0)


def test_predictions_are_matched_by_id_and_must_share_the_text() -> None:
    gold = [gold_article(), gold_article(doc_id="b")]
    only_b = [predicted(TEXT, ((42, 66), None, None), doc_id="b")]
    alignments = align(gold, only_b)
    assert [len(a.predicted) for a in alignments] == [0, 1]
    with pytest.raises(ValueError, match="unknown article id"):
        align(gold, [predicted(TEXT, doc_id="zzz")])
    with pytest.raises(ValueError, match="text differs"):
        align(gold, [predicted(TEXT + " ", doc_id="a")])


def test_nothing_to_find_and_nothing_found_is_perfect() -> None:
    empty = Article(id="e", text="No quotes.")
    scores = score([empty], [empty])
    assert scores.roles["source"].overlap.f1 == 1.0
    false_alarm = predicted("No quotes.", ((0, 2), None, None), doc_id="e")
    scores = score([empty], [false_alarm])
    assert figures(scores.roles["content"].overlap) == (0.0, 0.0)


def test_to_dict_carries_every_number() -> None:
    d = score([gold_article()], [gold_article()], seconds=0.5).to_dict()
    assert d["docs"] == 1 and d["docs_per_second"] == 2.0
    assert d["content"]["overlap"] == {
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
        "hits": 11,
        "predicted": 11,
        "gold": 11,
    }
    assert set(d) >= {"source", "cue", "predicted_kinds", "matching"}


def test_gold_read_from_files_scores_like_gold_built_in_memory(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "a_x.ann").write_text(GOLD_ANN, encoding="utf-8")
    from_files = read_split(tmp_path)
    scores = score(from_files, [gold_article()])
    assert scores.roles["content"].exact.f1 == 1.0


ranges = st.tuples(st.integers(0, len(TEXT) - 1), st.integers(1, 20)).map(
    lambda t: (t[0], min(len(TEXT), t[0] + t[1]))
)
maybe_ranges = st.one_of(st.none(), ranges)
# Content with no token at all cannot be paired, so it is left out of the properties.
contents = ranges.filter(lambda r: TEXT[r[0] : r[1]].strip() != "")
articles = st.lists(st.tuples(contents, maybe_ranges, maybe_ranges), max_size=5).map(
    lambda triples: predicted(TEXT, *triples)
)


@given(articles, articles)
def test_swapping_gold_and_prediction_swaps_precision_and_recall(x: Article, y: Article) -> None:
    # Source and cue overlap can differ between two equally good pairings, so the
    # symmetry holds for exact match and content overlap.
    forward, backward = score([x], [y]), score([y], [x])
    measures = [(role, "exact") for role in ROLES] + [("content", "overlap")]
    for role, method in measures:
        f = getattr(forward.roles[role], method)
        b = getattr(backward.roles[role], method)
        assert (f.precision, f.recall) == pytest.approx((b.recall, b.precision))
        assert 0.0 <= f.precision <= 1.0 and 0.0 <= f.recall <= 1.0


@given(articles)
def test_any_prediction_against_itself_is_perfect(x: Article) -> None:
    scores = score([x], [replace(x)])
    for role in ROLES:
        assert scores.roles[role].exact.f1 == 1.0
        assert scores.roles[role].overlap.f1 == 1.0
