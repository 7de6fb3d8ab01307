"""Claims across a corpus: a claim of one article joins the corpus claim whose wording is
nearest (cosine of the sentence encoder's embeddings at least LINK_THRESHOLD), else starts
a new one. The index is exact nearest-neighbour search in NumPy over one unit vector per
corpus claim (its first wording): a batch of claims is one matrix product against the
index, then against the batch itself (two new claims of one batch can be the same one).

    index = CorpusIndex()
    ids = index.link(vectors, new_id=itertools.count(1).__next__)

Exact search is linear in the corpus: 100,000 claims link at the rate benchmarks/claims.py
prints, and a query is one product over the index (docs/claims.md). Beyond a few million
claims an approximate index (sqlite-vec, pgvector) is the next step.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from onrecord.claims.embed import DIMENSIONS

# Chosen on PolNeAR train's cross-article pairs (scripts/claim_gold.py): copies and close
# rewordings of one claim sit above it.
LINK_THRESHOLD = 0.82
# How many nearest corpus claims a claim is offered (the nearest may hold its own article).
CANDIDATES = 5

Matrix = NDArray[np.float32]


@dataclass
class CorpusIndex:
    """Corpus claims' vectors and ids, grown in place (capacity doubles)."""

    vectors: Matrix = field(default_factory=lambda: np.zeros((0, DIMENSIONS), np.float32))
    ids: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, np.int64))
    size: int = 0
    # The articles each corpus claim holds a claim of, when linking is told them.
    docs: dict[int, set[str]] = field(default_factory=dict)

    def __len__(self) -> int:
        return self.size

    @classmethod
    def of(cls, ids: list[int], vectors: np.ndarray) -> CorpusIndex:
        """The index over stored corpus claims (``Store.corpus_vectors()``)."""
        index = cls()
        if ids:
            index.add(vectors.astype(np.float32), ids)
        return index

    def add(self, vectors: Matrix, ids: list[int]) -> None:
        need = self.size + len(ids)
        if need > len(self.ids):
            capacity = max(need, 2 * len(self.ids), 1024)
            grown = np.zeros((capacity, DIMENSIONS), np.float32)
            grown[: self.size] = self.vectors[: self.size]
            grown_ids = np.zeros(capacity, np.int64)
            grown_ids[: self.size] = self.ids[: self.size]
            self.vectors, self.ids = grown, grown_ids
        self.vectors[self.size : need] = vectors
        self.ids[self.size : need] = ids
        self.size = need

    def nearest(self, vectors: Matrix, k: int = 1) -> list[list[tuple[int, float]]]:
        """For each vector, the ``k`` nearest corpus claims as (id, cosine), best first."""
        if not self.size or not len(vectors):
            return [[] for _ in range(len(vectors))]
        sims = vectors @ self.vectors[: self.size].T
        k = min(k, self.size)
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        out = []
        for row, cols in zip(sims, top, strict=True):
            order = cols[np.argsort(-row[cols], kind="stable")]
            out.append([(int(self.ids[c]), float(row[c])) for c in order])
        return out

    def link(
        self,
        vectors: Matrix,
        new_id: Callable[[], int],
        threshold: float = LINK_THRESHOLD,
        docs: list[str] | None = None,
    ) -> list[int]:
        """The corpus claim of each vector, in order: the nearest one's when near enough,
        else a new one (``new_id()``), whose vector later ones of the batch are compared
        with too; the new ones join the index. With ``docs`` (each vector's article), a
        claim never joins a corpus claim that holds another claim of its own article: the
        article's own grouping has said they differ."""
        found = self.nearest(vectors, k=CANDIDATES)
        batch = vectors @ vectors.T if len(vectors) else np.zeros((0, 0), np.float32)
        out: list[int] = []
        firsts: list[int] = []  # the batch's vectors that started a corpus claim
        for i, near in enumerate(found):
            doc = docs[i] if docs else None
            options = list(near)
            options += [(out[j], float(batch[i, j])) for j in firsts]
            options.sort(key=lambda o: -o[1])
            chosen = next(
                (cid for cid, sim in options
                 if sim >= threshold and (doc is None or doc not in self.docs.get(cid, ()))),
                None,
            )  # fmt: skip
            if chosen is None:
                chosen = new_id()
                firsts.append(i)
            out.append(chosen)
            if doc is not None:
                self.docs.setdefault(chosen, set()).add(doc)
        if firsts:
            self.add(vectors[firsts], [out[i] for i in firsts])
        return out


@dataclass(frozen=True)
class Linked:
    """What one linking pass did: claims linked, corpus claims started, and how many the
    corpus now holds."""

    claims: int
    started: int
    corpus: int


def link_store(
    store: object,
    encoder: object | None = None,
    batch: int = 512,
    embed: Callable[[list[str]], Matrix] | None = None,
) -> Linked:
    """Link every claim of the store no corpus claim holds yet (oldest articles first, so a
    corpus claim's first wording is its first appearance): incremental, a pass over what
    came in since the last. ``store`` is an ``onrecord.store.Store``; ``embed`` embeds a
    batch's texts elsewhere (``onrecord.batch.embed.cluster_embedder``: on a Dask cluster),
    by default ``encoder`` (the shipped one) in this process."""
    if embed is None:
        from onrecord.claims.embed import default_encoder

        embed = (encoder or default_encoder()).embed  # type: ignore[attr-defined]
    index = CorpusIndex.of(*store.corpus_vectors())  # type: ignore[attr-defined]
    if len(index):
        index.docs = store.corpus_docs()  # type: ignore[attr-defined]
    numbers = itertools.count(store.next_corpus_id())  # type: ignore[attr-defined]
    linked = started = 0
    while True:
        rows = store.unlinked_claims(batch)  # type: ignore[attr-defined]
        if not rows:
            break
        found = embed([text for _, _, text, _ in rows])
        created: list[int] = []

        def new_id(created: list[int] = created) -> int:
            created.append(next(numbers))
            return created[-1]

        corpus = index.link(found, new_id=new_id, docs=[r[0] for r in rows])
        first = {cid: corpus.index(cid) for cid in created}  # each new claim's first wording
        store.link_claims(  # type: ignore[attr-defined]
            [
                (r[0], r[1], cid, found[i])
                for i, (r, cid) in enumerate(zip(rows, corpus, strict=True))
            ],
            [(cid, rows[i][2], found[i], rows[i][0], rows[i][3]) for cid, i in first.items()],
        )
        store.commit()  # type: ignore[attr-defined]
        linked += len(rows)
        started += len(created)
    return Linked(linked, started, len(index))
