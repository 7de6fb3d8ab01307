"""How much onrecord adds to spaCy: both on the same texts, same pipeline, same process.

    python benchmarks/extract_speed.py [DIR_OF_TXT] [--repeat 2] [--limit N]

DIR defaults to the PolNeAR dev texts. Prints articles/s, words/s and peak Python memory (from
a separate traced run) for spaCy alone (the pipeline without the onrecord component), onrecord
rules-only, the fast reader (rules, CRF filter and span tagger) and the accurate reader (the
encoder, the default), each one's time as a ratio of spaCy's and its throughput as a share of
spaCy's. The encoder runs on $ONRECORD_ENCODER_THREADS threads (default 1).
Each row is the best of --repeat rounds (every system once per round, interleaved), after a
warm-up, so the ratio compares steady states under the same background load.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from onrecord import settings
from onrecord.pipeline import extract_many, has_trained_model, load_pipeline

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DIR = REPO.parent / "shared" / "corpora" / "polnear" / "dev" / "text"


def timed(run: Callable[[], int]) -> tuple[float, int]:
    started = time.perf_counter()
    count = run()
    return time.perf_counter() - started, count


def peak_mib(run: Callable[[], int]) -> float:
    """Peak MiB of Python allocations in one traced run (tracing slows Python code far more
    than spaCy's compiled code, so it never overlaps the timed runs)."""
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()
    files = sorted(args.dir.glob("*.txt"))[: args.limit]
    if not files:
        print(f"no .txt files in {args.dir}", file=sys.stderr)
        return 2
    texts = [f.read_text(encoding="utf-8") for f in files]
    words = sum(len(t.split()) for t in texts)

    rules = load_pipeline(use_model=False)
    systems: list[tuple[str, Callable[[], int]]] = []

    def spacy_alone() -> int:
        with rules.select_pipes(disable=["onrecord"]):
            return sum(1 for _ in rules.pipe(texts, batch_size=args.batch_size))

    def onrecord_with(nlp: object) -> Callable[[], int]:
        def run() -> int:
            return sum(1 for _ in extract_many(texts, nlp=nlp, batch_size=args.batch_size))

        return run

    systems.append(("spaCy alone (reference)", spacy_alone))
    systems.append(("onrecord --no-model", onrecord_with(rules)))
    if has_trained_model():
        fast = load_pipeline(use_model=True, reader="fast")
        systems.append(("onrecord --reader fast", onrecord_with(fast)))
    if settings.encoder_model().is_file():
        accurate = load_pipeline(use_model=True, reader="accurate")
        systems.append(("onrecord --reader accurate", onrecord_with(accurate)))
        # What claims and relations cost (docs/claims.md): the same reader with them.
        claims = load_pipeline(use_model=True, reader="accurate", claims=True)
        systems.append(("onrecord --reader accurate, ONRECORD_CLAIMS=1", onrecord_with(claims)))

    for _, run in systems:  # warm-up: vocab growth and lazy loading out of the timings
        texts_backup = texts[:]
        texts[:] = texts[:3]
        run()
        texts[:] = texts_backup

    print(
        f"{len(texts)} articles, {words:,} words, from {args.dir}; best of {args.repeat}, "
        "systems interleaved in each round"
    )
    best = {name: float("inf") for name, _ in systems}
    counts = {}
    for _ in range(args.repeat):
        # Round-robin, so a change in background load hits every system alike.
        for name, run in systems:
            seconds, counts[name] = timed(run)
            best[name] = min(best[name], seconds)
    print(
        f"{'system':28} {'seconds':>8} {'articles/s':>11} {'words/s':>9} {'peak MiB':>9} "
        f"{'x spaCy':>8} {'throughput':>10}"
    )
    reference = best[systems[0][0]]
    for name, run in systems:
        seconds = best[name]
        print(
            f"{name:28} {seconds:8.2f} {counts[name] / seconds:11.2f} {words / seconds:9.0f} "
            f"{peak_mib(run):9.1f} {seconds / reference:8.2f} {reference / seconds:10.2f}"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak RSS: {rss:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
