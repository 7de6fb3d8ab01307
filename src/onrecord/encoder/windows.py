"""An article as wordpieces, and the overlapping windows the encoder reads it in.

The encoder reads at most 512 positions and was fine-tuned on 256: a long article is cut into
windows of ``WINDOW`` wordpieces (with [CLS] and [SEP]) that overlap by ``WINDOW - STRIDE``,
and each wordpiece is read in the window where it lies farthest from an edge, so nothing is
truncated and every wordpiece has context on both sides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tokenizers import Tokenizer

WINDOW = 256  # positions per window, [CLS] and [SEP] included
STRIDE = 192  # wordpieces from one window's start to the next
# Reading may use longer windows than training did (fewer positions read twice).
INFERENCE_WINDOW = WINDOW
INFERENCE_STRIDE = STRIDE
TOKENIZER_FILE = "tokenizer.json"
# Lone surrogates ("\ud800") cannot be encoded as UTF-8, which the tokenizer needs; one
# replacement character each keeps every offset where it was.
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Wordpieces:
    ids: list[int]
    offsets: list[tuple[int, int]]  # character offsets into the article's text

    def __len__(self) -> int:
        return len(self.ids)


def load_tokenizer(path: str | Path) -> Tokenizer:
    """The encoder's tokenizer with truncation and padding off: windows are cut here."""
    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def wordpieces(tokenizer: Tokenizer, text: str) -> Wordpieces:
    encoding = tokenizer.encode(_SURROGATE.sub("\ufffd", text), add_special_tokens=False)
    return Wordpieces(list(encoding.ids), [tuple(o) for o in encoding.offsets])


def window_starts(n: int, size: int = WINDOW - 2, stride: int = STRIDE) -> list[int]:
    """Where each window starts, in wordpieces: every ``stride``, the last one flush with the
    end (an article of 300 wordpieces: windows at 0 and 46)."""
    if n <= size:
        return [0]
    starts = list(range(0, n - size, stride))
    starts.append(n - size)
    return starts


def best_window(n: int, starts: list[int], size: int = WINDOW - 2) -> list[int]:
    """For every wordpiece, the window (index into ``starts``) where it lies farthest from
    an edge."""
    best = [0] * n
    for i in range(n):
        margin = -1
        for w, start in enumerate(starts):
            if start <= i < start + size:
                m = min(i - start, start + size - 1 - i)
                if m > margin:
                    margin, best[i] = m, w
    return best


def batch(
    ids: list[int], starts: list[int], cls_id: int, sep_id: int, size: int = WINDOW - 2
) -> tuple[np.ndarray, np.ndarray]:
    """Input ids and attention mask of the windows, padded to the longest (int64)."""
    rows = [[cls_id, *ids[s : s + size], sep_id] for s in starts]
    width = max(len(r) for r in rows)
    input_ids = np.zeros((len(rows), width), dtype=np.int64)
    mask = np.zeros((len(rows), width), dtype=np.int64)
    for r, row in enumerate(rows):
        input_ids[r, : len(row)] = row
        mask[r, : len(row)] = 1
    return input_ids, mask
