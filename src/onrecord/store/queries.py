"""The store's queries: documents, search, speakers, quotes, errors and the flat export.

Each answers in the small rows of ``onrecord.store.rows`` (or whole ``Article`` records, read
back exactly as stored), the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from onrecord.record import Article
from onrecord.scope import Selection, select
from onrecord.store import identity
from onrecord.store.database import Database, chunks, paged, placeholders
from onrecord.store.flat import DOCUMENT_COLUMNS, EXPORT_COLUMNS
from onrecord.store.rows import DocumentRow, ErrorRow, QuoteRow, SearchHit, SpeakerRow, Stats
from onrecord.store.schema import ATTRIBUTION_COLUMNS
from onrecord.store.search import search_terms

_PAGE = 1000

# A ``SearchHit`` row (without its score) and a ``QuoteRow``, over attributions a, their
# documents d and their global speakers s.
HIT_COLUMNS = """a.doc_id, a.attr_id, a.kind, a.content, a.speaker_name, a.speaker_id, s.name,
    d.title, d.published, d.source, a.confidence"""

QUOTE_COLUMNS = """a.doc_id, a.attr_id, a.position, a.kind, a.confidence, a.content, a.cue,
    a.speaker_name, a.speaker_id, s.name, d.title, d.published, d.source, d.url"""

# Where each flat column is kept: in the attributions table (a), in the documents table (d,
# under the flat names; its id is the attributions' doc_id) and, for the global speaker's
# canonical name, in speakers (s).
_KEPT_AT = {
    **{column: f"a.{table}" for table, column in ATTRIBUTION_COLUMNS},
    **{column: f"d.{column}" for column in DOCUMENT_COLUMNS if column != "doc_id"},
    "speaker_name": "s.name",
}
EXPORT_SELECT = ", ".join(_KEPT_AT[column] for column in EXPORT_COLUMNS)


def selection_sql(chosen: Selection) -> tuple[list[str], list[Any]]:
    """The selection as conditions on the attributions table ``a`` (ANDed) and their
    parameters: the SQL twin of ``Selection.keeps``, so a store counts what extract keeps."""
    where: list[str] = []
    params: list[Any] = []
    if set(chosen.kinds) != set(Selection().kinds):
        where.append(f"a.kind IN ({placeholders(len(chosen.kinds))})" if chosen.kinds else "0=1")
        params.extend(chosen.kinds)
    if chosen.top_level:
        where.append("a.parent IS NULL")
    if chosen.body:
        where.append("a.in_boilerplate = 0")
    if chosen.spoken:
        # A row stored before forms were recorded has none: kept, as Selection.keeps does.
        where.append("(a.content_form IS NULL OR a.content_form <> 'phrase')")
    if chosen.min_confidence:
        where.append("a.confidence >= ?")
        params.append(chosen.min_confidence)
    return where, params


def _chosen(selection: Selection | None, min_confidence: float | None) -> Selection:
    """One selection from the two ways a caller can ask: a ``Selection`` and/or a least
    confidence (the higher of the two confidences wins)."""
    chosen = selection or Selection()
    if min_confidence and min_confidence > chosen.min_confidence:
        chosen = replace(chosen, min_confidence=min_confidence)
    return chosen


def _article(text: str, record: str) -> Article:
    data = json.loads(record)
    data["text"] = text
    return Article.from_dict(data)


class Queries(Database):
    """Reading a store."""

    def get_article(self, doc_id: str) -> Article | None:
        """The article exactly as it was stored (``to_dict`` round-trips)."""
        row = self._one("SELECT text, article FROM documents WHERE id = ?", (doc_id,))
        return _article(row[0], row[1]) if row else None

    def match_document_ids(self, prefix: str, limit: int = 10) -> list[str]:
        """Document ids starting with ``prefix`` (so a short id prefix can name a document)."""
        pattern = prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"
        rows = self._rows(
            "SELECT id FROM documents WHERE id LIKE ? ESCAPE '!' ORDER BY id LIMIT ?",
            (pattern, limit),
        )
        return [r[0] for r in rows]

    def documents(self, *, limit: int | None = 50, offset: int = 0) -> list[DocumentRow]:
        sql = """SELECT id, source, title, url, published, n_attributions, ingested_at
                 FROM documents ORDER BY ingested_at, id"""
        rows = self._rows(*paged(sql, [], limit, offset))
        return [DocumentRow(*r) for r in rows]

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        offset: int = 0,
        min_confidence: float | None = None,
        selection: Selection | None = None,
    ) -> list[SearchHit]:
        """Attributions whose content or speaker name contains every word of ``query``
        (stemmed; English stop words ignored), best first. The text is never query syntax.
        Only attributions the ``selection`` keeps (and at least ``min_confidence`` sure)."""
        terms = search_terms(query)
        if not terms or limit <= 0:
            return []
        where, params = selection_sql(_chosen(selection, min_confidence))
        rows = self._search_rows(terms, limit, offset, " AND ".join(where) or "1=1", params)
        return [SearchHit(*r[:11], score=float(r[11])) for r in rows]

    def speakers(
        self,
        *,
        top: int | None = None,
        type: str | None = None,
        offset: int = 0,
        min_confidence: float | None = None,
        selection: Selection | None = None,
    ) -> list[SpeakerRow]:
        """Speakers by how often they are quoted, most first (``top`` of them, after
        skipping ``offset``). With a ``selection`` (or ``min_confidence``) only the
        attributions it keeps count, in the ranking and in the counts shown."""
        chosen = _chosen(selection, min_confidence)
        if not chosen.everything:
            return self._selected_speakers(top, type, offset, chosen)
        sql = "SELECT id FROM speakers WHERE n_attributions > 0"
        params: list[Any] = []
        if type:
            sql += " AND type = ?"
            params.append(type)
        sql += " ORDER BY n_attributions DESC, n_articles DESC, id"
        ids = [r[0] for r in self._rows(*paged(sql, params, top, offset))]
        return self._speaker_rows(ids)

    def _selected_speakers(
        self, top: int | None, type: str | None, offset: int, chosen: Selection
    ) -> list[SpeakerRow]:
        where, params = selection_sql(chosen)
        sql = f"""SELECT a.speaker_id, COUNT(*), COUNT(DISTINCT a.doc_id) FROM attributions a
                  JOIN speakers s ON s.id = a.speaker_id WHERE {" AND ".join(where) or "1=1"}"""
        if type:
            sql += " AND s.type = ?"
            params.append(type)
        sql += " GROUP BY a.speaker_id ORDER BY 2 DESC, 3 DESC, a.speaker_id"
        counts = {
            int(r[0]): (int(r[1]), int(r[2])) for r in self._rows(*paged(sql, params, top, offset))
        }
        return [
            replace(row, n_attributions=counts[row.id][0], n_articles=counts[row.id][1])
            for row in self._speaker_rows(list(counts))
        ]

    def speaker(
        self,
        speaker_id: int,
        *,
        min_confidence: float | None = None,
        selection: Selection | None = None,
    ) -> SpeakerRow | None:
        """One speaker; with a ``selection`` (or ``min_confidence``) its counts are of the
        attributions it keeps."""
        rows = self._speaker_rows([speaker_id])
        chosen = _chosen(selection, min_confidence)
        if not rows or chosen.everything:
            return rows[0] if rows else None
        where, params = selection_sql(chosen)
        n_attributions, n_articles = self._one(
            f"""SELECT COUNT(*), COUNT(DISTINCT a.doc_id) FROM attributions a
                WHERE {" AND ".join(["a.speaker_id = ?", *where])}""",
            (speaker_id, *params),
        )
        return replace(rows[0], n_attributions=int(n_attributions), n_articles=int(n_articles))

    def find_speakers(self, name: str) -> list[SpeakerRow]:
        """Speakers a name can mean: a full name matches that name or alias; a bare surname
        matches every full-named person with it and any bare-name speaker."""
        ids: set[int] = set()
        # The name could be a person's or an organisation's; titles are stripped for persons
        # only, so look up both readings.
        for person in (True, False):
            key = identity.name_key(name, person=person)
            if not key:
                continue
            if identity.is_full(key):
                rows = self._rows(
                    """SELECT a.speaker_id FROM speaker_aliases a
                       JOIN speakers s ON s.id = a.speaker_id
                       WHERE a.alias_key = ? AND (s.type = 'person') = ?""",
                    (key, person),
                )
            elif person:
                rows = self._rows(
                    """SELECT id FROM speakers WHERE type = 'person'
                       AND (name_key = ? OR (surname = ? AND full_name = 1))""",
                    (key, key),
                )
            else:
                rows = self._rows(
                    "SELECT id FROM speakers WHERE type <> 'person' AND name_key = ?", (key,)
                )
            ids.update(int(r[0]) for r in rows)
        return self._speaker_rows(sorted(ids))

    def _speaker_rows(self, ids: Sequence[int]) -> list[SpeakerRow]:
        if not ids:
            return []
        found: dict[int, tuple[Any, ...]] = {}
        aliases: dict[int, list[str]] = {}
        for chunk in chunks(list(ids)):
            marks = placeholders(len(chunk))
            for r in self._rows(
                f"""SELECT id, name, type, n_articles, n_attributions FROM speakers
                    WHERE id IN ({marks})""",
                chunk,
            ):
                found[int(r[0])] = r
            for sid, alias in self._rows(
                f"SELECT speaker_id, alias FROM speaker_aliases WHERE speaker_id IN ({marks})",
                chunk,
            ):
                aliases.setdefault(int(sid), []).append(alias)
        return [
            SpeakerRow(
                id=i,
                name=found[i][1],
                type=found[i][2],
                # The canonical name first, then the rest in a collation-free order.
                aliases=tuple(sorted(aliases.get(i, []), key=lambda a, n=found[i][1]: (a != n, a))),
                n_articles=int(found[i][3]),
                n_attributions=int(found[i][4]),
            )
            for i in ids
            if i in found
        ]

    def quotes(
        self,
        *,
        speaker: str | None = None,
        speaker_id: int | None = None,
        since: str | None = None,
        until: str | None = None,
        kind: str | None = None,
        min_confidence: float | None = None,
        selection: Selection | None = None,
        limit: int | None = 100,
        offset: int = 0,
    ) -> list[QuoteRow]:
        """Attributions, newest article first, filtered by speaker (a name, see
        ``find_speakers``, or an id), publication date range (inclusive ISO dates), kind,
        selection and least confidence. A speaker name that matches nobody gives no quotes."""
        where, params = selection_sql(_chosen(selection, min_confidence))
        ids: list[int] = []
        if speaker is not None:
            ids.extend(s.id for s in self.find_speakers(speaker))
            if not ids:
                return []
        if speaker_id is not None:
            ids.append(speaker_id)
        if ids:
            where.append(f"a.speaker_id IN ({placeholders(len(ids))})")
            params.extend(ids)
        if since:
            where.append("d.published >= ?")
            params.append(since)
        if until:
            where.append("d.published <= ?")
            params.append(until)
        if kind:
            where.append("a.kind = ?")
            params.append(kind)
        sql = f"""SELECT {QUOTE_COLUMNS} FROM attributions a
                  JOIN documents d ON d.id = a.doc_id
                  LEFT JOIN speakers s ON s.id = a.speaker_id
                  {"WHERE " + " AND ".join(where) if where else ""}
                  ORDER BY (d.published IS NULL), d.published DESC, a.doc_id, a.position"""
        return [
            QuoteRow(*r[:4], float(r[4]), *r[5:])  # type: ignore[arg-type]
            for r in self._rows(*paged(sql, params, limit, offset))
        ]

    def errors(self, *, limit: int | None = None, offset: int = 0) -> list[ErrorRow]:
        sql = """SELECT id, source, reason, doc_id, count, first_seen, last_seen
                 FROM errors ORDER BY id"""
        return [ErrorRow(*r) for r in self._rows(*paged(sql, [], limit, offset))]

    def stats(self) -> Stats:
        row = self._one(
            """SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM attributions),
                      (SELECT COUNT(*) FROM speakers WHERE n_attributions > 0),
                      (SELECT COUNT(*) FROM errors)"""
        )
        assert row is not None
        return Stats(*(int(v) for v in row), schema_version=self.schema_version())

    def iter_articles(self, selection: Selection | None = None) -> Iterator[Article]:
        """Every stored article, by id, read a page at a time; with a ``selection``, each
        with only the attributions it keeps."""
        last = ""
        while True:
            rows = self._rows(
                "SELECT id, text, article FROM documents WHERE id > ? ORDER BY id LIMIT ?",
                (last, _PAGE // 10),
            )
            for _, text, record in rows:
                article = _article(text, record)
                yield select(article, selection) if selection is not None else article
            if len(rows) < _PAGE // 10:
                return
            last = rows[-1][0]

    def iter_attribution_records(
        self, selection: Selection | None = None
    ) -> Iterator[dict[str, Any]]:
        """One flat record per attribution (``EXPORT_COLUMNS``), for CSV and Parquet; with a
        ``selection``, only the attributions it keeps."""
        where, params = selection_sql(selection or Selection())
        condition = " AND ".join(["a.id > ?", *where])
        last = 0
        while True:
            rows = self._rows(
                f"""SELECT a.id, {EXPORT_SELECT}
                    FROM attributions a JOIN documents d ON d.id = a.doc_id
                    LEFT JOIN speakers s ON s.id = a.speaker_id
                    WHERE {condition} ORDER BY a.id LIMIT ?""",
                (last, *params, _PAGE),
            )
            for r in rows:
                record = dict(zip(EXPORT_COLUMNS, r[1:], strict=True))
                # Both dialects keep the flag as an INTEGER; the flat row's is a bool.
                record["in_boilerplate"] = bool(record["in_boilerplate"])
                record["confidence"] = float(record["confidence"])
                yield record
            if len(rows) < _PAGE:
                return
            last = rows[-1][0]
