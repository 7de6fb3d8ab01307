"""Windows over wordpieces and the label decoding, without a model."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from onrecord.encoder.labels import INDEX, LABELS, gold_labels, viterbi
from onrecord.encoder.windows import WINDOW, batch, best_window, window_starts


def test_a_short_article_is_one_window() -> None:
    assert window_starts(10) == [0]
    assert window_starts(WINDOW - 2) == [0]


@given(st.integers(min_value=1, max_value=3000))
def test_windows_cover_every_wordpiece_and_end_flush(n: int) -> None:
    size = WINDOW - 2
    starts = window_starts(n)
    covered = {i for s in starts for i in range(s, min(n, s + size))}
    assert covered == set(range(n))
    assert starts == sorted(set(starts))
    assert n <= size or starts[-1] == n - size
    best = best_window(n, starts)
    assert all(starts[w] <= i < starts[w] + size for i, w in enumerate(best))


def test_a_wordpiece_is_read_where_it_has_most_context() -> None:
    starts = window_starts(300)  # windows at 0 and 46
    assert starts == [0, 46]
    best = best_window(300, starts)
    assert best[10] == 0 and best[290] == 1
    assert best[150] == 1  # 150 is 150 from the first window's start, 104 from its end


def test_batch_pads_and_masks() -> None:
    ids, mask = batch(list(range(5, 305)), [0, 46], cls_id=2, sep_id=3)
    assert ids.shape == (2, WINDOW) and ids.dtype == np.int64
    assert ids[0, 0] == 2 and ids[0, -1] == 3 and ids[1, 1] == 5 + 46
    assert mask.sum() == 2 * WINDOW


def test_gold_labels_mark_first_wordpiece_b() -> None:
    # "Smith said it rained" as four wordpieces
    offsets = [(0, 5), (6, 10), (11, 13), (14, 20)]
    labels = gold_labels(offsets, [("S", [(0, 5)]), ("C", [(6, 10)]), ("T", [(11, 20)])])
    assert [LABELS[i] for i in labels] == ["B-S", "B-C", "B-T", "I-T"]


def test_viterbi_never_starts_a_span_with_i() -> None:
    # argmax would give O, I-T, I-T: no content can start with I
    log_probs = np.log(np.full((3, len(LABELS)), 0.01))
    log_probs[0, INDEX["O"]] = np.log(0.9)
    log_probs[1:, INDEX["I-T"]] = np.log(0.6)
    log_probs[1:, INDEX["B-T"]] = np.log(0.3)
    path = viterbi(log_probs)
    assert [LABELS[i] for i in path] == ["O", "B-T", "I-T"]


def test_viterbi_keeps_a_span_whole_across_a_weak_break() -> None:
    probs = np.full((5, len(LABELS)), 0.001)
    probs[0, INDEX["B-T"]] = 0.9
    probs[1:, INDEX["I-T"]] = 0.9
    probs[2, INDEX["I-T"]], probs[2, INDEX["O"]] = 0.45, 0.5  # argmax: O in the middle
    path = [LABELS[i] for i in viterbi(np.log(probs))]
    assert path == ["B-T", "I-T", "I-T", "I-T", "I-T"]  # one span, not two
    probs[3, INDEX["B-T"]], probs[3, INDEX["I-T"]] = 0.9, 0.001  # a new span starts at 3
    assert [LABELS[i] for i in viterbi(np.log(probs))] == ["B-T", "I-T", "O", "B-T", "I-T"]


@pytest.mark.parametrize("n", [0, 1])
def test_viterbi_of_nothing_and_one(n: int) -> None:
    assert len(viterbi(np.zeros((n, len(LABELS))))) == n
