"""Speaker resolution against the hand labels in examples/speakers.tsv.

    python scripts/speaker_accuracy.py [--labels examples/speakers.tsv] [--no-model]

PolNeAR marks sources but not who they are, so this small labelled set is the instrument for
speaker resolution: for every labelled source, the attribution whose source starts there, and
whether its speaker has the labelled name and type. Prints each miss and the totals.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Label:
    file: str
    context: str
    source: str
    name: str
    type: str


def read_labels(path: Path) -> list[Label]:
    labels = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            labels.append(Label(*line.split("\t")))
    return labels


def same_name(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        s = s.strip().lower()
        return s[4:] if s.startswith("the ") else s

    return norm(a) == norm(b)


def score(labels: list[Label], folder: Path, nlp: object) -> dict[str, object]:
    """Counts (labelled, found, name right, name and type right) and the misses."""
    from onrecord import extract

    by_file: dict[str, list[Label]] = defaultdict(list)
    for label in labels:
        by_file[label.file].append(label)
    found = right = typed = 0
    misses = []
    for name, file_labels in sorted(by_file.items()):
        text = (folder / name).read_text(encoding="utf-8")
        article = extract(text, nlp=nlp)  # type: ignore[arg-type]
        for label in file_labels:
            at = text.index(label.source, text.index(label.context))
            hit = next((a for a in article.attributions if a.source and a.source.start == at), None)
            if hit is None or hit.speaker is None:
                misses.append(f"{name}: no attribution with source {label.source!r}")
                continue
            found += 1
            if not same_name(hit.speaker.name, label.name):
                got = hit.speaker.name
                misses.append(f"{name}: {label.source!r} -> {got!r}, not {label.name!r}")
                continue
            right += 1
            if hit.speaker.type == label.type:
                typed += 1
            else:
                got = hit.speaker.type
                misses.append(f"{name}: {label.source!r} typed {got}, not {label.type}")
    return {"labelled": len(labels), "found": found, "right": right, "typed": typed,
            "misses": misses}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=ROOT / "examples" / "speakers.tsv")
    parser.add_argument("--no-model", action="store_true", help="rules only")
    args = parser.parse_args()
    from onrecord.pipeline import load_pipeline

    result = score(read_labels(args.labels), args.labels.parent,
                   load_pipeline(use_model=not args.no_model))
    for miss in result["misses"]:  # type: ignore[attr-defined]
        print("  " + miss)
    n = result["labelled"]
    print(f"{n} labelled sources: {result['found']} found, speaker name right for "
          f"{result['right']} ({result['right'] / n:.1%}), name and type for {result['typed']} "  # type: ignore[operator]
          f"({result['typed'] / n:.1%})")  # type: ignore[operator]
    return 0


if __name__ == "__main__":
    sys.exit(main())
