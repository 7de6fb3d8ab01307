"""The encoder's labels: B/I of a source (S), cue (C) or content (T), or O; gold labels of
wordpieces from character spans, and decoding that never gives an I without its B.

Argmax per wordpiece breaks spans into pieces (in the encoder pilot, 41% more content spans
than gold); Viterbi over the label log-probabilities with the BIO constraint keeps each span
whole unless the model is confident of a break.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

import numpy as np

ROLES = ("S", "C", "T")
LABELS = ("O", *(f"{tag}-{role}" for role in ROLES for tag in ("B", "I")))
INDEX = {label: i for i, label in enumerate(LABELS)}
IGNORE = -100  # [CLS], [SEP] and padding: no loss


def gold_labels(
    offsets: Sequence[tuple[int, int]], spans: Iterable[tuple[str, list[tuple[int, int]]]]
) -> list[int]:
    """Label index of every wordpiece from (role, pieces) character spans: a wordpiece that
    overlaps a piece takes its role, the first one B. PolNeAR gives each token at most one
    role, so spans never compete."""
    labels = [INDEX["O"]] * len(offsets)
    starts = [s for s, _ in offsets]
    ends = [e for _, e in offsets]
    for role, pieces in spans:
        for start, end in pieces:
            first, last = bisect_right(ends, start), bisect_left(starts, end)
            for i in range(first, last):
                labels[i] = INDEX[f"{'B' if i == first else 'I'}-{role}"]
    return labels


def _transitions() -> np.ndarray:
    """0 where a label may follow another, -inf where not (I-X only after B-X or I-X)."""
    allowed = np.zeros((len(LABELS), len(LABELS)))
    for j, label in enumerate(LABELS):
        if label.startswith("I-"):
            role = label[2:]
            for i, prev in enumerate(LABELS):
                if prev[2:] != role:
                    allowed[i, j] = -np.inf
    return allowed


_ALLOWED = _transitions()
_START = np.array([-np.inf if label.startswith("I-") else 0.0 for label in LABELS])


def viterbi(log_probs: np.ndarray) -> list[int]:
    """The best label sequence under the BIO constraint (``log_probs``: wordpieces x labels)."""
    n = len(log_probs)
    if n == 0:
        return []
    back = np.zeros((n, len(LABELS)), dtype=np.int64)
    score = _START + log_probs[0]
    for t in range(1, n):
        total = score[:, None] + _ALLOWED
        back[t] = total.argmax(axis=0)
        score = total.max(axis=0) + log_probs[t]
    path = [int(score.argmax())]
    for t in range(n - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]
