"""Linking claims into the corpus index (onrecord.claims.corpus): throughput, peak memory
and the time of one query, beside the sentence encoder's own rate on real contents.

    .venv/bin/python benchmarks/claims.py [--claims 100000] [--batch 512] [--texts 2000]
        [--workers 2]

The claims are synthetic embeddings, deterministic from a seed: 30% reword an earlier
claim (its vector plus noise, cosine about 0.9 to it: they must join its corpus claim),
the rest new propositions (random unit vectors, which sit near cosine 0 to each other).
Linking is what ``onrecord claims --link`` does per batch, without the store's reads and
writes; the encoder's rate (wordpieces and texts a second, one thread) is measured on
PolNeAR dev contents when the corpus is there, so the two together give the rate of a whole
link pass. A query is ``CorpusIndex.nearest`` for one vector against the full index
(median of 50; the bar is 100 ms).
"""

from __future__ import annotations

import argparse
import itertools
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from onrecord.claims.corpus import LINK_THRESHOLD, CorpusIndex  # noqa: E402
from onrecord.claims.embed import DIMENSIONS  # noqa: E402

SEED = 20261204
REWORDED = 0.30
NOISE = 0.022  # per dimension: a reworded claim's cosine to its original is about 0.9


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def synthetic(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """n unit vectors and, for each, the index of the claim it rewords (itself if new)."""
    vectors = np.zeros((n, DIMENSIONS), np.float32)
    origin = np.arange(n)
    for i in range(n):
        if i and rng.random() < REWORDED:
            j = int(rng.integers(0, i))
            origin[i] = origin[j]
            v = vectors[j] + rng.normal(0, NOISE, DIMENSIONS)
        else:
            v = rng.normal(0, 1, DIMENSIONS)
        vectors[i] = v / np.linalg.norm(v)
    return vectors, origin


def encoder_rate(count: int, workers: int = 0) -> list[str]:
    """The encoder's rate on PolNeAR dev contents in this process and, with ``workers``, on
    a local Dask cluster of that many worker processes (``onrecord claims --link --engine
    dask``), the same texts in the same run."""
    dev = REPO.parent / "shared" / "corpora" / "polnear" / "dev"
    if not dev.is_dir():
        return ["encoder: PolNeAR dev not found, not measured"]
    from onrecord.claims.embed import default_encoder
    from onrecord.claims.text import claim_text
    from onrecord.evaluate.polnear import read_split

    texts = [claim_text(a.content.text) for art in read_split(dev) for a in art.attributions]
    texts = texts[:count]
    encoder = default_encoder()
    encoder.embed(texts[:16])
    wordpieces = sum(len(e.ids) for e in encoder.tokenizer.encode_batch(texts))

    def line(where: str, seconds: float) -> str:
        return (
            f"encoder, {where}: {len(texts):,} PolNeAR dev contents ({wordpieces:,} wordpieces)"
            f" in {seconds:.1f} s = {len(texts) / seconds:,.0f} texts/s, "
            f"{wordpieces / seconds:,.0f} wordpieces/s"
        )

    start = time.perf_counter()
    mine = encoder.embed(texts)
    lines = [line("one process, one thread", time.perf_counter() - start)]
    if workers:
        from onrecord.batch.cluster import open_client
        from onrecord.batch.embed import cluster_embedder

        with open_client(None, workers) as client:
            embed = cluster_embedder(client)
            embed(texts[: 16 * workers])  # each worker loads its encoder before the clock
            start = time.perf_counter()
            theirs = embed(texts)
            seconds = time.perf_counter() - start
        same = "the same vectors" if np.array_equal(mine, theirs) else "OTHER VECTORS"
        lines.append(line(f"Dask, {workers} workers", seconds) + f" ({same})")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--batch", type=int, default=512)
    ap.add_argument("--texts", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=0,
                    help="also embed the texts on a local Dask cluster of N workers")  # fmt: skip
    args = ap.parse_args()
    rng = np.random.default_rng(SEED)
    start = time.perf_counter()
    vectors, origin = synthetic(args.claims, rng)
    print(
        f"{args.claims:,} synthetic claims ({REWORDED:.0%} rewordings) in "
        f"{time.perf_counter() - start:.1f} s; peak RSS {peak_mib():,.0f} MiB",
        flush=True,
    )
    index = CorpusIndex()
    numbers = itertools.count(1)
    corpus = np.zeros(args.claims, np.int64)
    start = time.perf_counter()
    for at in range(0, args.claims, args.batch):
        chunk = vectors[at : at + args.batch]
        corpus[at : at + len(chunk)] = index.link(chunk, new_id=numbers.__next__)
        if (at // args.batch) % 40 == 0:
            done = at + len(chunk)
            rate = done / (time.perf_counter() - start)
            print(
                f"  {done:,} linked, {len(index):,} corpus claims, {rate:,.0f} claims/s", flush=True
            )
    seconds = time.perf_counter() - start
    # Every claim should share its corpus claim with the claim it rewords, and no other.
    first_of: dict[int, int] = {}
    right = sum(
        first_of.setdefault(int(o), int(c)) == int(c) for o, c in zip(origin, corpus, strict=True)
    )
    print(
        f"linked {args.claims:,} claims into {len(index):,} corpus claims in {seconds:.1f} s = "
        f"{args.claims / seconds:,.0f} claims/s (batches of {args.batch}, threshold "
        f"{LINK_THRESHOLD}); {right / args.claims:.4f} joined the claim they reword "
        f"({len(set(origin.tolist())):,} propositions); peak RSS {peak_mib():,.0f} MiB"
    )
    queries = rng.normal(0, 1, (50, DIMENSIONS)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    times = []
    for q in queries:
        t = time.perf_counter()
        index.nearest(q[None], k=20)
        times.append(time.perf_counter() - t)
    median = statistics.median(times)
    print(
        f"query (20 nearest of {len(index):,}): median {median * 1000:.1f} ms, max "
        f"{max(times) * 1000:.1f} ms; {'OK' if median <= 0.1 else 'OVER'} against 100 ms"
    )
    print(*encoder_rate(args.texts, args.workers), sep="\n")
    print(f"peak RSS {peak_mib():,.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
