"""Cross-article same-claim pairs on the claim gold set (evaluation/claims/): how well the
sentence encoder's cosine, at one threshold, tells the same claim from another.

    python scripts/claim_gold.py [--threshold T] [--json FILE]

The threshold is chosen on train's pairs (the lowest of those with train's best F1, then
the middle of that run of thresholds) and applied to dev's (``polnear_dev_pairs.tsv`` and
``polnear_dev_pairs2.tsv`` together); ``--threshold`` fixes it instead. Prints precision,
recall and F1 with their counts, and dev's F1 at each threshold beside it (read, never
chosen from). Contents are compared as ``claims.text.claim_text`` words them.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from onrecord.claims.embed import default_encoder  # noqa: E402
from onrecord.claims.text import claim_text  # noqa: E402

GOLD = ROOT / "evaluation" / "claims"
GRID = [round(0.50 + 0.01 * i, 2) for i in range(46)]


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def cosines(rows: list[dict[str, str]]) -> tuple[np.ndarray, np.ndarray]:
    encoder = default_encoder()
    a = encoder.embed([claim_text(r["content_a"]) for r in rows])
    b = encoder.embed([claim_text(r["content_b"]) for r in rows])
    return (a * b).sum(1), np.array([r["same"] == "1" for r in rows])


def scores(cos: np.ndarray, same: np.ndarray, threshold: float) -> dict[str, float]:
    said = cos >= threshold
    tp = int((said & same).sum())
    p = tp / max(int(said.sum()), 1)
    r = tp / max(int(same.sum()), 1)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1, "tp": tp, "said": int(said.sum()),
            "same": int(same.sum()), "pairs": len(same)}  # fmt: skip


def chosen_on(cos: np.ndarray, same: np.ndarray) -> float:
    f1 = [scores(cos, same, t)["f1"] for t in GRID]
    best = max(f1)
    run = [t for t, f in zip(GRID, f1, strict=True) if f == best]
    return run[len(run) // 2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threshold", type=float)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    train_cos, train_same = cosines(read(GOLD / "polnear_train_pairs.tsv"))
    dev_rows = read(GOLD / "polnear_dev_pairs.tsv") + read(GOLD / "polnear_dev_pairs2.tsv")
    dev_cos, dev_same = cosines(dev_rows)
    threshold = args.threshold if args.threshold is not None else chosen_on(train_cos, train_same)
    train, dev = scores(train_cos, train_same, threshold), scores(dev_cos, dev_same, threshold)
    print(f"threshold {threshold:.2f} ({'given' if args.threshold is not None else 'train'})")
    for name, s in (("train", train), ("dev", dev)):
        print(f"{name:5} P {s['precision']:.3f} ({s['tp']}/{s['said']})  "
              f"R {s['recall']:.3f} ({s['tp']}/{s['same']})  F1 {s['f1']:.3f}  "
              f"of {s['pairs']} pairs")  # fmt: skip
    curve = {t: round(scores(dev_cos, dev_same, t)["f1"], 3) for t in GRID[::5]}
    print("dev F1 by threshold (read, not chosen from):", curve)
    if args.json:
        args.json.write_text(json.dumps({"threshold": threshold, "train": train, "dev": dev,
                                         "dev_f1_by_threshold": curve}, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
