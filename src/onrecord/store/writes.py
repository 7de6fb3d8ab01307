"""The store's write path: an article in, its rows out, its speakers joined to the global ones.

``add_article`` writes the document, its entities and one row per attribution (the flat
attribution, ``onrecord.store.flat``, in the columns of ``schema.ATTRIBUTION_COLUMNS``), and
joins each speaking entity to a global speaker by the rules of ``onrecord.store.identity``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

from onrecord.audit import week_of
from onrecord.document import DocumentError
from onrecord.record import Article, Attribution
from onrecord.scope import selection
from onrecord.store import flat, identity
from onrecord.store.database import Database, chunks, now_iso, placeholders
from onrecord.store.errors import StoreConflict
from onrecord.store.schema import ATTRIBUTION_COLUMNS

# A global speaker as an attribution is joined to it: (speaker id, canonical name).
Joined = tuple[int, str]

_SPEECH = selection("speech")

_ADD_COUNTS = """INSERT INTO audit_counts
    (outlet, month, speech, kind, speaker_type, gender, n) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (outlet, month, speech, kind, speaker_type, gender)
    DO UPDATE SET n = audit_counts.n + excluded.n"""
_ADD_SPEAKER_COUNTS = """INSERT INTO audit_speakers
    (outlet, month, speaker_id, speech, kind, speaker_type, gender, n)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (outlet, month, speaker_id, speech, kind, speaker_type, gender)
    DO UPDATE SET n = audit_speakers.n + excluded.n"""
_ADD_PEOPLE = """INSERT INTO audit_people
    (outlet, month, speaker_id, n, n_speech, n_articles, n_speech_articles)
    VALUES (?, ?, ?, ?, ?, 1, ?)
    ON CONFLICT (outlet, month, speaker_id)
    DO UPDATE SET n = audit_people.n + excluded.n,
                  n_speech = audit_people.n_speech + excluded.n_speech,
                  n_articles = audit_people.n_articles + 1,
                  n_speech_articles = audit_people.n_speech_articles + excluded.n_speech_articles"""
_ADD_WEEK_COUNTS = """INSERT INTO audit_week_counts
    (outlet, week, speech, kind, speaker_type, gender, n) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (outlet, week, speech, kind, speaker_type, gender)
    DO UPDATE SET n = audit_week_counts.n + excluded.n"""
_ADD_WEEK_PEOPLE = """INSERT INTO audit_week_people (outlet, week, speaker_id, n, n_speech)
    VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (outlet, week, speaker_id)
    DO UPDATE SET n = audit_week_people.n + excluded.n,
                  n_speech = audit_week_people.n_speech + excluded.n_speech"""

_INSERT_ATTRIBUTIONS = f"""INSERT INTO attributions
    ({", ".join(table for table, _ in ATTRIBUTION_COLUMNS)}, speaker_search)
    VALUES ({placeholders(len(ATTRIBUTION_COLUMNS) + 1)})"""


def attribution_row(
    doc_id: str, position: int, attr: Attribution, speaker: Joined | None, article: Article
) -> tuple[Any, ...]:
    """The attribution's row in the attributions table: ``ATTRIBUTION_COLUMNS``, then
    ``speaker_search``."""
    values = {
        "doc_id": doc_id,
        **flat.attribution_values(attr, position, article),
        "speaker_id": speaker[0] if speaker else None,
    }
    # Both dialects keep the boilerplate flag as an INTEGER.
    values["in_boilerplate"] = int(values["in_boilerplate"])
    # What a search for a speaker should find: the name as the article gives it and, when
    # it differs, the speaker's canonical name ("Baldwin" is also "Alec Baldwin").
    names = [n for n in (values["speaker"], speaker[1] if speaker else None) if n]
    search_names = " ".join(dict.fromkeys(names))
    return (*(values[column] for _, column in ATTRIBUTION_COLUMNS), search_names)


class Writes(Database):
    """Adding articles and failed inputs."""

    def known_hashes(self, sha256s: Iterable[str]) -> set[str]:
        """Which of these text hashes are stored already (the ingest skip check)."""
        wanted = list(dict.fromkeys(sha256s))
        found: set[str] = set()
        for chunk in chunks(wanted):
            sql = f"SELECT sha256 FROM documents WHERE sha256 IN ({placeholders(len(chunk))})"
            found.update(r[0] for r in self._rows(sql, chunk))
        return found

    def add_article(self, article: Article, *, ingested_at: str | None = None) -> bool:
        """Store an article with its entities and attributions, joining its speakers to the
        global ones. False when the same text is stored already (nothing is written);
        ``StoreConflict`` when its id is taken by a different text."""
        # A savepoint per article: if anything fails (or Ctrl-C lands) half way, none of
        # this article stays in the batch, and the articles before it can still commit.
        self._begin()
        self._write("SAVEPOINT add_article")
        try:
            stored = self._add_article(article, ingested_at)
        except BaseException:
            self._exec("ROLLBACK TO SAVEPOINT add_article")
            self._exec("RELEASE SAVEPOINT add_article")
            raise
        self._exec("RELEASE SAVEPOINT add_article")
        return stored

    def _add_article(self, article: Article, ingested_at: str | None) -> bool:
        if not self._add_document(article, ingested_at):
            if self._one("SELECT 1 FROM documents WHERE sha256 = ?", (article.text_sha256,)):
                return False
            raise StoreConflict(f"document id {article.id!r} is stored with a different text")
        speakers = self._join_speakers(article)
        self._add_entities(article, speakers)
        self._add_attributions(article, speakers)
        self._add_claims(article)
        self._index_search(article.id)
        if article.source:
            # An input that failed before and is stored now is no longer an error.
            self._write("DELETE FROM errors WHERE source = ?", (article.source,))
        return True

    def _add_document(self, article: Article, ingested_at: str | None) -> bool:
        """Insert the document's row; False when its id or text is stored already."""
        doc = flat.document_values(article)
        record = article.to_dict(include_text=False)
        return bool(
            self._write(
                """INSERT INTO documents (id, sha256, source, title, url, published, outlet,
                       text, metadata, article, n_attributions, ingested_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                (
                    doc["doc_id"],
                    article.text_sha256,
                    doc["source"],
                    doc["title"],
                    doc["url"],
                    doc["published"],
                    doc["outlet"],
                    article.text,
                    json.dumps(article.metadata, ensure_ascii=False, default=str),
                    json.dumps(record, ensure_ascii=False, default=str),
                    len(article.attributions),
                    ingested_at or now_iso(),
                ),
            )
        )

    def add_error(self, error: DocumentError, *, when: str | None = None) -> None:
        """Record an input that could not be stored; the same failure again only counts."""
        stamp = when or now_iso()
        self._write(
            """INSERT INTO errors (source, reason, doc_id, count, first_seen, last_seen)
               VALUES (?, ?, ?, 1, ?, ?)
               ON CONFLICT (source, reason) DO UPDATE SET count = errors.count + 1,
                   last_seen = excluded.last_seen, doc_id = excluded.doc_id""",
            (error.source, error.reason, error.id, stamp, stamp),
        )

    # -- speakers -----------------------------------------------------------------------

    def _join_speakers(self, article: Article) -> dict[str, Joined]:
        """Global speaker (id, canonical name) for each attribution id that has one."""
        by_key: dict[tuple[str, ...], Joined | None] = {}
        joined: dict[str, Joined] = {}
        for attr in article.attributions:
            speaker = attr.speaker
            if speaker is None:
                continue
            entity = article.entity(speaker.entity)
            if entity is not None:
                kind = entity.type if entity.type in identity.NAMED_TYPES else speaker.type
                key: tuple[str, ...] = ("entity", entity.id)
                name, mentions = entity.name, [m.text for m in entity.mentions]
            else:
                kind, key = speaker.type, ("name", speaker.type, speaker.name)
                name, mentions = speaker.name, []
            if key not in by_key:
                by_key[key] = self._resolve_speaker(name, kind, mentions)
            if by_key[key] is not None:
                joined[attr.id] = by_key[key]  # type: ignore[assignment]
        return joined

    def _resolve_speaker(self, name: str, kind: str, mentions: list[str]) -> Joined | None:
        """The global speaker a name of this kind joins (made when none fits), with the
        name's safe aliases recorded; None for a name that is no one's in particular."""
        if kind not in identity.NAMED_TYPES or not identity.looks_like_name(name):
            return None
        person = kind == "person"
        display = name
        if not identity.is_full(identity.name_key(name, person=person)):
            # "Baldwin" in a record whose mentions hold "Alec Baldwin". A full name is the
            # entity's canonical one, as extract gives it: "Robert Akins", never the
            # mention "Police Chief Robert Akins" (one name everywhere).
            display = identity.best_name(name, mentions, person=person)
        key = identity.name_key(display, person=person)
        if not key:
            return None
        found = self._find_speaker(key, kind)
        if found is None:
            found = self._exec(
                """INSERT INTO speakers (name, type, name_key, surname, full_name)
                   VALUES (?, ?, ?, ?, ?) RETURNING id, name""",
                (display, kind, key, identity.surname(key), int(identity.is_full(key))),
            ).fetchall()[0]
            self._dirty = True
        assert found is not None
        speaker_id, canonical = int(found[0]), str(found[1])
        self._write_many(
            """INSERT INTO speaker_aliases (speaker_id, alias, alias_key) VALUES (?, ?, ?)
               ON CONFLICT DO NOTHING""",
            [
                (speaker_id, alias, identity.name_key(alias, person=person))
                for alias in identity.aliases(display, [name, *mentions], person=person)
            ],
        )
        return speaker_id, canonical

    def _find_speaker(self, key: str, kind: str) -> tuple[Any, ...] | None:
        """The stored speaker (id, name) a name key joins: a full name by its aliases; a bare
        surname the one full-named person with it, else the bare-name speaker."""
        if identity.is_full(key):
            return self._one(
                """SELECT s.id, s.name FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id
                   WHERE a.alias_key = ? AND s.type = ? ORDER BY s.id LIMIT 1""",
                (key, kind),
            )
        if kind == "person":
            same_surname = self._rows(
                """SELECT id, name FROM speakers
                   WHERE type = ? AND surname = ? AND full_name = 1 LIMIT 2""",
                (kind, key),
            )
            if len(same_surname) == 1:
                return same_surname[0]
        return self._one(
            "SELECT id, name FROM speakers WHERE type = ? AND name_key = ?", (kind, key)
        )

    def _add_entities(self, article: Article, speakers: dict[str, Joined]) -> None:
        by_entity = {
            a.speaker.entity: speakers[a.id][0]
            for a in article.attributions
            if a.speaker and a.speaker.entity and a.id in speakers
        }
        self._write_many(
            """INSERT INTO entities (doc_id, entity_id, name, type, n_mentions, speaker_id)
               VALUES (?, ?, ?, ?, ?, ?)""",
            [
                (article.id, e.id, e.name, e.type, len(e.mentions), by_entity.get(e.id))
                for e in article.entities
            ],
        )

    def _add_attributions(self, article: Article, speakers: dict[str, Joined]) -> None:
        self._write_many(
            _INSERT_ATTRIBUTIONS,
            [
                attribution_row(article.id, position, attr, speakers.get(attr.id), article)
                for position, attr in enumerate(article.attributions)
            ],
        )
        counts: dict[int, int] = {}
        genders: dict[int, set[str]] = {}
        for attr in article.attributions:
            if attr.id in speakers:
                speaker_id = speakers[attr.id][0]
                counts[speaker_id] = counts.get(speaker_id, 0) + 1
                genders.setdefault(speaker_id, set()).add(
                    flat.speaker_gender(attr, article) or "unknown"
                )
        # A speaker's gender across the store: the one more of its articles show; each
        # article votes once ("she" in one article, nothing in three: female).
        votes = {i: (int(g == {"female"}), int(g == {"male"})) for i, g in genders.items()}
        self._write_many(
            """UPDATE speakers SET n_articles = n_articles + 1,
                   n_attributions = n_attributions + ?,
                   n_female = n_female + ?, n_male = n_male + ?,
                   gender = CASE WHEN n_female + ? > n_male + ? THEN 'female'
                                 WHEN n_male + ? > n_female + ? THEN 'male'
                                 ELSE 'unknown' END
               WHERE id = ?""",
            [(n, *votes[i], *votes[i], *reversed(votes[i]), i) for i, n in sorted(counts.items())],
        )
        self._add_tallies(article, speakers)

    def _add_claims(self, article: Article) -> None:
        """The record's claims and relations, as rows (a claim's corpus claim comes later:
        ``onrecord.claims.link``)."""
        self._write_many(
            "INSERT INTO claims (doc_id, claim_id, text, attributions) VALUES (?, ?, ?, ?)",
            [(article.id, c.id, c.text, json.dumps(list(c.attributions))) for c in article.claims],
        )
        self._write_many(
            """INSERT INTO relations (doc_id, position, kind, from_attr, to_attr, cue, confidence)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            [
                (article.id, n, r.kind, r.from_, r.to, r.cue.text if r.cue else None, r.confidence)
                for n, r in enumerate(article.relations)
            ],
        )

    def _add_tallies(self, article: Article, speakers: dict[str, Joined]) -> None:
        """Count the article's attributions into the audit's tallies."""
        doc = flat.document_values(article)
        outlet, month = doc["outlet"] or "", (doc["published"] or "")[:7]
        counts: Counter[tuple[Any, ...]] = Counter()
        by_speaker: Counter[tuple[Any, ...]] = Counter()
        for attr in article.attributions:
            key = (
                int(_SPEECH.keeps(attr)),
                attr.kind,
                attr.speaker.type if attr.speaker else "unknown",
                flat.speaker_gender(attr, article) or "",
            )
            counts[key] += 1
            if attr.id in speakers:
                by_speaker[(speakers[attr.id][0], *key)] += 1
        self._write_many(
            _ADD_COUNTS, [(outlet, month, *key, n) for key, n in sorted(counts.items())]
        )
        self._write_many(
            _ADD_SPEAKER_COUNTS, [(outlet, month, *key, n) for key, n in sorted(by_speaker.items())]
        )
        people: dict[int, list[int]] = {}
        for (speaker_id, speech, *_), n in by_speaker.items():
            counts_of = people.setdefault(speaker_id, [0, 0])
            counts_of[0] += n
            counts_of[1] += n if speech else 0
        self._write_many(
            _ADD_PEOPLE,
            [(outlet, month, i, n, s, int(s > 0)) for i, (n, s) in sorted(people.items())],
        )
        try:
            week = week_of(doc["published"] or "")
        except ValueError:  # "2016-02-30" looks like a date and is none: no week, as in SQL
            week = ""
        self._write_many(
            _ADD_WEEK_COUNTS, [(outlet, week, *key, n) for key, n in sorted(counts.items())]
        )
        self._write_many(
            _ADD_WEEK_PEOPLE, [(outlet, week, i, n, s) for i, (n, s) in sorted(people.items())]
        )
