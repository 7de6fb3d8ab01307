"""Fuzz extraction outside CI: N adversarial texts (default 100,000) through both readers, the
rules alone and the learned models, counting crashes and invalid spans.

    .venv/bin/python benchmarks/fuzz.py [--n 100000] [--seed 0] [--out fuzz-failures.jsonl]

The texts come from ``tests/support/adversarial.py`` (the suite's hypothesis test draws from
the same pieces): unbalanced quote marks of every script, right-to-left text and marks,
combining marks, emoji, control characters, lone surrogates, arbitrary code points, sentences
of hundreds of words and paragraphs of only punctuation. Each text goes through
``onrecord.extract``, and the record must hold ``text[start:end] == span.text`` with
``0 <= start <= end <= len(text)`` for every span. Progress goes to stderr every 1,000
cases; failures (reader, error, text) to ``--out``. Prints cases, crashes, invalid spans and
cases/s per reader; exits 1 when anything failed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from onrecord.pipeline import extract, load_pipeline  # noqa: E402
from support.adversarial import random_text  # noqa: E402


def invalid_span(article: object) -> str | None:
    try:
        article.check_spans()  # type: ignore[attr-defined]
    except ValueError as exc:
        return str(exc)
    return None


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=100_000, help="texts per reader")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", default="fuzz-failures.jsonl", help="where failures are written")
    args = p.parse_args(argv)
    readers = {"rules": load_pipeline(use_model=False), "learned": load_pipeline(use_model=True)}
    rows = []
    with open(args.out, "w", encoding="utf-8") as out:
        for name, nlp in readers.items():
            rng = random.Random(args.seed)
            crashes = invalid = 0
            started = time.perf_counter()
            for i in range(args.n):
                text = random_text(rng)
                try:
                    problem = invalid_span(extract(text, nlp=nlp))
                    kind = "invalid span"
                except Exception as exc:  # what the fuzz run is for: count, keep going
                    problem, kind = f"{type(exc).__name__}: {exc}", "crash"
                if problem is not None:
                    crashes += kind == "crash"
                    invalid += kind == "invalid span"
                    row = {"reader": name, "kind": kind, "error": problem, "text": text}
                    out.write(json.dumps(row) + "\n")
                if (i + 1) % 1000 == 0:
                    print(f"{name}: {i + 1:,} cases, {crashes} crashes, {invalid} invalid",
                          file=sys.stderr, flush=True)  # fmt: skip
            seconds = time.perf_counter() - started
            rows.append((name, args.n, crashes, invalid, args.n / seconds))
    print(f"{'reader':<8} {'cases':>8} {'crashes':>8} {'invalid spans':>14} {'cases/s':>8}")
    for name, n, crashes, invalid, rate in rows:
        print(f"{name:<8} {n:>8,} {crashes:>8} {invalid:>14} {rate:>8.1f}")
    return 1 if any(r[2] or r[3] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
