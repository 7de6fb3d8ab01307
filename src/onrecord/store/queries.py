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
from onrecord.scope import Filters, Selection, select
from onrecord.store import identity
from onrecord.store.conditions import (
    filters_sql,
    people_tallied,
    reading_sql,
    tally_conditions,
)
from onrecord.store.database import Database, chunks, paged, placeholders
from onrecord.store.flat import DOCUMENT_COLUMNS, EXPORT_COLUMNS
from onrecord.store.rows import (
    ArticleHit,
    DocumentRow,
    ErrorRow,
    QuoteRow,
    SearchHit,
    SpeakerRow,
    Stats,
)
from onrecord.store.schema import ATTRIBUTION_COLUMNS
from onrecord.store.search import search_terms

_PAGE = 1000

# A ``SearchHit`` row (without its score) and a ``QuoteRow``, over attributions a, their
# documents d and their global speakers s.
HIT_COLUMNS = """a.doc_id, a.attr_id, a.kind, a.content, a.speaker_name, a.speaker_id, s.name,
    d.title, d.published, d.source, a.confidence"""

# An ``ArticleHit`` row (without its snippet and score), over documents d.
ARTICLE_HIT_COLUMNS = "d.id, d.title, d.published, d.outlet, d.source, d.n_attributions"

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

    def documents(
        self, *, limit: int | None = 50, offset: int = 0, filters: Filters | None = None
    ) -> list[DocumentRow]:
        """Stored documents, newest publication first (undated ones last, by when they were
        stored); with ``filters``, only those of their outlets and dates."""
        where, params = filters_sql(filters.of_article() if filters else None)
        sql = f"""SELECT id, source, title, url, published, n_attributions, ingested_at, outlet
                 FROM documents d {"WHERE " + " AND ".join(where) if where else ""}
                 ORDER BY (published IS NULL), published DESC, ingested_at DESC, id DESC"""
        rows = self._rows(*paged(sql, params, limit, offset))
        return [DocumentRow(*r) for r in rows]

    def outlets(self) -> list[tuple[str, int]]:
        """Every outlet with how many documents it has, most first."""
        rows = self._rows(
            """SELECT outlet, COUNT(*) FROM documents WHERE outlet IS NOT NULL
               GROUP BY outlet ORDER BY 2 DESC, outlet"""
        )
        return [(str(r[0]), int(r[1])) for r in rows]

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        offset: int = 0,
        min_confidence: float | None = None,
        selection: Selection | None = None,
        filters: Filters | None = None,
    ) -> list[SearchHit]:
        """Attributions whose content or speaker name contains every word of ``query``
        (stemmed; English stop words ignored), best first. The text is never query syntax.
        Only attributions the ``selection`` and ``filters`` keep (and at least
        ``min_confidence`` sure)."""
        terms = search_terms(query)
        if not terms or limit <= 0:
            return []
        where, params = reading_sql(_chosen(selection, min_confidence), filters)
        rows = self._search_rows(terms, limit, offset, " AND ".join(where) or "1=1", params)
        return [SearchHit(*r[:11], score=float(r[11])) for r in rows]

    def search_articles(
        self,
        query: str,
        *,
        limit: int = 20,
        offset: int = 0,
        filters: Filters | None = None,
    ) -> list[ArticleHit]:
        """Articles whose title or text contains every word of ``query`` (stemmed; English
        stop words ignored), best first, each with a snippet around the words; with
        ``filters``, only articles of their outlets and dates."""
        terms = search_terms(query)
        if not terms or limit <= 0:
            return []
        where, params = filters_sql(filters.of_article() if filters else None)
        rows = self._article_search_rows(terms, limit, offset, " AND ".join(where) or "1=1", params)
        return [ArticleHit(*r[:7], score=float(r[7])) for r in rows]

    def speakers(
        self,
        *,
        top: int | None = None,
        type: str | None = None,
        offset: int = 0,
        min_confidence: float | None = None,
        selection: Selection | None = None,
        filters: Filters | None = None,
    ) -> list[SpeakerRow]:
        """Speakers by how often they are quoted, most first (``top`` of them, after
        skipping ``offset``). With a ``selection`` (or ``min_confidence``) or ``filters``
        only the attributions they keep count, in the ranking and in the counts shown."""
        chosen = _chosen(selection, min_confidence)
        if not chosen.everything or (filters is not None and not filters.everything):
            return self._selected_speakers(top, type, offset, chosen, filters)
        sql = "SELECT id FROM speakers WHERE n_attributions > 0"
        params: list[Any] = []
        if type:
            sql += " AND type = ?"
            params.append(type)
        sql += " ORDER BY n_attributions DESC, n_articles DESC, id"
        ids = [r[0] for r in self._rows(*paged(sql, params, top, offset))]
        return self._speaker_rows(ids)

    def _selected_speakers(
        self,
        top: int | None,
        type: str | None,
        offset: int,
        chosen: Selection,
        filters: Filters | None,
    ) -> list[SpeakerRow]:
        if people_tallied(chosen, filters):
            return self._tallied_speakers(top, type, offset, chosen, filters)
        where, params = reading_sql(chosen, filters)
        documents = "JOIN documents d ON d.id = a.doc_id" if filters and filters.of_articles else ""
        sql = f"""SELECT a.speaker_id, COUNT(*), COUNT(DISTINCT a.doc_id) FROM attributions a
                  JOIN speakers s ON s.id = a.speaker_id {documents}
                  WHERE {" AND ".join(where) or "1=1"}"""
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

    def _tallied_speakers(
        self,
        top: int | None,
        type: str | None,
        offset: int,
        chosen: Selection,
        filters: Filters | None,
    ) -> list[SpeakerRow]:
        """``_selected_speakers`` from the audit's per-speaker tallies (one row a speaker,
        outlet and month), for a scope preset with outlet or whole-month filters: the
        speech scope's ranking without reading every attribution."""
        where, params = tally_conditions(filters or Filters())
        n, articles = (
            ("t.n_speech", "t.n_speech_articles") if chosen.top_level else ("t.n", "t.n_articles")
        )
        if type:
            where.append("s.type = ?")
            params.append(type)
        sql = f"""SELECT t.speaker_id, SUM({n}), SUM({articles}) FROM audit_people t
                  JOIN speakers s ON s.id = t.speaker_id WHERE {" AND ".join(where) or "1=1"}
                  GROUP BY t.speaker_id HAVING SUM({n}) > 0
                  ORDER BY 2 DESC, 3 DESC, t.speaker_id"""
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
        filters: Filters | None = None,
    ) -> SpeakerRow | None:
        """One speaker; with a ``selection`` (or ``min_confidence``) or ``filters`` its
        counts are of the attributions they keep."""
        rows = self._speaker_rows([speaker_id])
        chosen = _chosen(selection, min_confidence)
        if not rows or (chosen.everything and (filters is None or filters.everything)):
            return rows[0] if rows else None
        where, params = reading_sql(chosen, filters)
        n_attributions, n_articles = self._one(
            f"""SELECT COUNT(*), COUNT(DISTINCT a.doc_id) FROM attributions a
                JOIN documents d ON d.id = a.doc_id
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
                f"""SELECT id, name, type, n_articles, n_attributions, gender FROM speakers
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
                gender=found[i][5] if found[i][2] == "person" else None,
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
        filters: Filters | None = None,
        limit: int | None = 100,
        offset: int = 0,
    ) -> list[QuoteRow]:
        """Attributions, newest article first, filtered by speaker (a name, see
        ``find_speakers``, or an id), publication date range (inclusive ISO dates), kind,
        selection, filters and least confidence. A speaker name matches the store's
        speakers and also the source as articles word it, so unnamed and anonymous sources
        ("a White House official", "officials") are found too; one that matches nothing
        gives no quotes."""
        where, params = reading_sql(_chosen(selection, min_confidence), filters)
        ids: list[int] = []
        if speaker is not None:
            ids.extend(s.id for s in self.find_speakers(speaker))
            # Unnamed sources join no speaker: match the source as the article wrote it.
            worded = "LOWER(a.speaker_name) = LOWER(?)"
            if ids:
                where.append(f"(a.speaker_id IN ({placeholders(len(ids))}) OR {worded})")
                params.extend([*ids, speaker.strip()])
            else:
                where.append(worded)
                params.append(speaker.strip())
        if speaker_id is not None:
            where.append("a.speaker_id = ?")
            params.append(speaker_id)
        if since:
            where.append("d.published >= ?")
            params.append(since)
        if until:
            where.append("d.published <= ?")
            params.append(until)
        if kind:
            where.append("a.kind = ?")
            params.append(kind)
        if speaker is None and speaker_id is None:
            # Newest documents first off their index, each one's attributions in order, so
            # the first page never sorts the whole store (CROSS JOIN fixes SQLite's order).
            source = "documents d CROSS JOIN attributions a"
            where.insert(0, "a.doc_id = d.id")
        else:  # one speaker's attributions, found by its index, then sorted
            source = "attributions a JOIN documents d ON d.id = a.doc_id"
        sql = f"""SELECT {QUOTE_COLUMNS} FROM {source}
                  LEFT JOIN speakers s ON s.id = a.speaker_id
                  {"WHERE " + " AND ".join(where) if where else ""}
                  ORDER BY (d.published IS NULL), d.published DESC, d.ingested_at DESC,
                           d.id DESC, a.position"""
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

    def iter_articles(
        self, selection: Selection | None = None, filters: Filters | None = None
    ) -> Iterator[Article]:
        """Every stored article, by id, read a page at a time; with a ``selection``, each
        with only the attributions it keeps; with ``filters``, only the articles of their
        outlets and dates, each with only the attributions of their speakers."""
        last = ""
        article_filters = (
            Filters(outlets=filters.outlets, since=filters.since, until=filters.until)
            if filters
            else None
        )
        where, params = filters_sql(article_filters)
        condition = " AND ".join(["d.id > ?", *where])
        while True:
            rows = self._rows(
                f"""SELECT d.id, d.text, d.article FROM documents d WHERE {condition}
                    ORDER BY d.id LIMIT ?""",
                (last, *params, _PAGE // 10),
            )
            for _, text, record in rows:
                article = _article(text, record)
                if selection is not None or filters is not None:
                    article = select(article, selection or Selection(), filters)
                yield article
            if len(rows) < _PAGE // 10:
                return
            last = rows[-1][0]

    def iter_attribution_records(
        self, selection: Selection | None = None, filters: Filters | None = None
    ) -> Iterator[dict[str, Any]]:
        """One flat record per attribution (``EXPORT_COLUMNS``), for CSV and Parquet; with a
        ``selection`` and ``filters``, only the attributions they keep."""
        where, params = reading_sql(selection or Selection(), filters)
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
