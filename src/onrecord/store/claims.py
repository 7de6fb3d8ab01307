"""The store's claims (docs/claims.md): each article's claims and relations, linked across
articles into corpus claims by ``onrecord.claims.link`` (``onrecord claims --link``), and
read back as a corpus claim with everyone behind it, its first appearance, and those who
dispute it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from onrecord.store.queries import Queries


@dataclass(frozen=True)
class ClaimVoice:
    """One attribution behind (or against) a corpus claim, where it was said."""

    doc_id: str
    attr_id: str
    speaker: str | None
    speaker_id: int | None
    kind: str
    content: str
    title: str | None
    outlet: str | None
    published: str | None
    relation: str | None = None  # for a dispute: the words that say so

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class CorpusClaim:
    """A claim as the corpus holds it: its first wording, where and when it first appeared,
    every attribution that puts it forward, and the ones that dispute it."""

    id: int
    text: str
    first_doc_id: str
    first_published: str | None
    n_claims: int
    voices: list[ClaimVoice] = field(default_factory=list)
    disputes: list[ClaimVoice] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "first": {"doc_id": self.first_doc_id, "published": self.first_published},
            "n_claims": self.n_claims,
            "voices": [v.to_dict() for v in self.voices],
            "disputes": [v.to_dict() for v in self.disputes],
        }


@dataclass(frozen=True)
class ClaimHit:
    id: int
    text: str
    similarity: float
    n_claims: int
    first_published: str | None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


_VOICE = """SELECT a.doc_id, a.attr_id, COALESCE(s.name, a.speaker_name), a.speaker_id, a.kind,
           a.content, d.title, d.outlet, d.published
    FROM attributions a JOIN documents d ON d.id = a.doc_id
    LEFT JOIN speakers s ON s.id = a.speaker_id"""


def _by_doc(wanted: list[tuple[str, str]]) -> dict[str, list[str]]:
    """(doc id, attribution id) pairs grouped by article, in order: one query each."""
    by_doc: dict[str, list[str]] = {}
    for doc_id, attr_id in wanted:
        by_doc.setdefault(doc_id, []).append(attr_id)
    return by_doc


def vector_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def vector_of(blob: Any) -> np.ndarray:
    return np.frombuffer(bytes(blob), dtype="<f4")


class Claims(Queries):
    """Claims in the store and across it."""

    def unlinked_claims(self, limit: int) -> list[tuple[str, str, str, str | None]]:
        """Claims no corpus claim holds yet, oldest article first: (doc id, claim id, text,
        published)."""
        return [
            (str(d), str(c), str(t), p)
            for d, c, t, p in self._rows(
                """SELECT c.doc_id, c.claim_id, c.text, d.published FROM claims c
                   JOIN documents d ON d.id = c.doc_id WHERE c.corpus_id IS NULL
                   ORDER BY (d.published IS NULL), d.published, c.doc_id, c.claim_id LIMIT ?""",
                (limit,),
            )
        ]

    def corpus_vectors(self) -> tuple[list[int], np.ndarray]:
        """Every corpus claim's id and vector (its first wording's), for the index."""
        rows = self._rows("SELECT id, vector FROM corpus_claims ORDER BY id")
        if not rows:
            return [], np.zeros((0, 384), np.float32)
        return [int(r[0]) for r in rows], np.stack([vector_of(r[1]) for r in rows])

    def corpus_docs(self) -> dict[int, set[str]]:
        """The articles each corpus claim holds a claim of."""
        out: dict[int, set[str]] = {}
        for cid, doc_id in self._rows(
            "SELECT corpus_id, doc_id FROM claims WHERE corpus_id IS NOT NULL"
        ):
            out.setdefault(int(cid), set()).add(str(doc_id))
        return out

    def next_corpus_id(self) -> int:
        row = self._one("SELECT MAX(id) FROM corpus_claims")
        return int(row[0]) + 1 if row and row[0] is not None else 1

    def link_claims(
        self,
        links: list[tuple[str, str, int, np.ndarray]],
        new: list[tuple[int, str, np.ndarray, str, str | None]],
    ) -> None:
        """Write claims' corpus claims and vectors, and the corpus claims they start:
        ``links`` (doc id, claim id, corpus id, vector), ``new`` (id, text, vector, first
        doc id, first published)."""
        self._begin()
        self._write_many(
            """INSERT INTO corpus_claims (id, text, vector, first_doc_id, first_published)
               VALUES (?, ?, ?, ?, ?)""",
            [(i, t, vector_bytes(v), d, p) for i, t, v, d, p in new],
        )
        self._write_many(
            "UPDATE claims SET corpus_id = ?, vector = ? WHERE doc_id = ? AND claim_id = ?",
            [(cid, vector_bytes(v), d, c) for d, c, cid, v in links],
        )
        counts: dict[int, int] = {}
        for _, _, cid, _ in links:
            counts[cid] = counts.get(cid, 0) + 1
        self._write_many(
            "UPDATE corpus_claims SET n_claims = n_claims + ? WHERE id = ?",
            [(n, cid) for cid, n in sorted(counts.items())],
        )

    def corpus_claim(self, corpus_id: int) -> CorpusClaim | None:
        """A corpus claim with every attribution behind it (oldest first) and those that
        dispute one of them."""
        row = self._one(
            "SELECT id, text, first_doc_id, first_published, n_claims FROM corpus_claims "
            "WHERE id = ?",
            (corpus_id,),
        )
        if row is None:
            return None
        members = self._rows(
            "SELECT doc_id, attributions FROM claims WHERE corpus_id = ?", (corpus_id,)
        )
        wanted = [(str(d), str(a)) for d, ids in members for a in json.loads(ids)]
        voices = self._voices(wanted)
        against: dict[tuple[str, str], str] = {}
        for doc_id, attr_ids in _by_doc(wanted).items():
            marks = ", ".join("?" for _ in attr_ids)
            for from_attr, cue in self._rows(
                "SELECT from_attr, cue FROM relations WHERE doc_id = ? AND kind = 'disputes' "
                f"AND to_attr IN ({marks}) ORDER BY position",
                (doc_id, *attr_ids),
            ):
                against.setdefault((doc_id, str(from_attr)), cue)
        disputes = [
            ClaimVoice(**{**v.__dict__, "relation": against[(v.doc_id, v.attr_id)]})
            for v in self._voices(list(against))
        ]
        return CorpusClaim(
            int(row[0]), str(row[1]), str(row[2]), row[3], int(row[4]), voices, disputes
        )

    def _voices(self, wanted: list[tuple[str, str]]) -> list[ClaimVoice]:
        """The attributions ``wanted`` as voices, oldest first: one query per article (not
        one per attribution), however many a corpus claim holds."""
        out = []
        for doc_id, attr_ids in _by_doc(wanted).items():
            marks = ", ".join("?" for _ in attr_ids)
            out += [
                ClaimVoice(*r)
                for r in self._rows(
                    f"{_VOICE} WHERE a.doc_id = ? AND a.attr_id IN ({marks})", (doc_id, *attr_ids)
                )
            ]
        out.sort(key=lambda v: ((v.published or "9999"), v.doc_id, v.attr_id))
        return out

    def _corpus_index(self) -> Any:
        """The corpus claims' index (``CorpusIndex``), built once and kept while the corpus
        is unchanged (its count and last id): a server's searches read the vectors once, not
        every query."""
        from onrecord.claims.corpus import CorpusIndex

        row = self._one("SELECT COUNT(*), MAX(id) FROM corpus_claims")
        version = (int(row[0]), row[1]) if row else (0, None)
        cached = getattr(self, "_claims_index", None)
        if cached is not None and cached[0] == version:
            return cached[1]
        index = CorpusIndex.of(*self.corpus_vectors())
        self._claims_index = (version, index)
        return index

    def claims_of(self, doc_id: str) -> dict[str, int]:
        """An article's claims' corpus claims: attribution id -> corpus claim id."""
        out: dict[str, int] = {}
        for ids, corpus_id in self._rows(
            "SELECT attributions, corpus_id FROM claims WHERE doc_id = ? AND corpus_id IS NOT NULL",
            (doc_id,),
        ):
            for attr_id in json.loads(ids):
                out[str(attr_id)] = int(corpus_id)
        return out

    def search_claims(self, query: str, limit: int = 20, encoder: Any = None) -> list[ClaimHit]:
        """Corpus claims nearest in meaning to ``query`` (cosine of the sentence encoder's
        embeddings, best first), with how many claims each holds."""
        from onrecord.claims.embed import default_encoder

        if not query.strip():
            return []
        index = self._corpus_index()
        if not len(index):
            return []
        vector = (encoder or default_encoder()).embed([query])
        found = index.nearest(vector, k=limit)[0]
        rows = {
            int(r[0]): r
            for r in self._rows(
                f"SELECT id, text, n_claims, first_published FROM corpus_claims "
                f"WHERE id IN ({', '.join('?' for _ in found)})",
                [cid for cid, _ in found],
            )
        }
        return [
            ClaimHit(cid, str(rows[cid][1]), round(sim, 4), int(rows[cid][2]), rows[cid][3])
            for cid, sim in found
            if cid in rows
        ]
