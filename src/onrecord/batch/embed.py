"""Claim texts embedded on a Dask cluster, for ``onrecord claims --link --engine dask``
(docs/claims.md): the sentence encoder is the costly half of linking, and each text's vector
depends only on the text, so a batch of texts is split into chunks, one task each, and the
vectors come back in order. Linking itself (a matrix product per batch, in text order, so
a corpus claim's first wording stays its first appearance) stays with the driver.

    with open_client(None, 2) as client:
        link_store(store, embed=cluster_embedder(client))

A worker loads the encoder once (``default_encoder`` is cached per process). A task that
fails is retried once, and a worker that dies has its tasks rerun by the scheduler: the
driver only links a batch once every vector of it is back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from onrecord.claims.embed import DIMENSIONS, Matrix

# Texts a task: about a second of work on one core (claims are a sentence or two), enough
# that a task's overhead (a few milliseconds) is small beside it.
CHUNK = 128


def embed_texts(texts: list[str]) -> Matrix:
    """One task: the chunk's vectors, by the worker's own encoder."""
    from onrecord.claims.embed import default_encoder

    return default_encoder().embed(texts)


def cluster_embedder(client: Any, chunk: int = CHUNK) -> Callable[[list[str]], Matrix]:
    """An ``embed(texts)`` that runs on ``client``'s cluster, chunk by chunk."""

    def embed(texts: list[str]) -> Matrix:
        if not texts:
            return np.zeros((0, DIMENSIONS), np.float32)
        chunks = [texts[i : i + chunk] for i in range(0, len(texts), chunk)]
        futures = client.map(embed_texts, chunks, pure=False, retries=1)
        return np.vstack(client.gather(futures))

    return embed
