"""The audit and the reader pages over a large store: a synthetic store of 100,000 articles
and about 2,500,000 attributions on SQLite and on PostgreSQL, and how long ``audit --by
outlet,month`` and each reader page's store calls take on it (the bar: <= 1 s each).

    .venv/bin/python benchmarks/audit.py [--articles 100000] [--backend sqlite|postgres|both]
                                         [--db PATH] [--rebuild] [--skip-build] [--no-http]

Building: articles are generated deterministically (article i from ``random.Random(seed +
i)``; the name pool, vocabulary and outlets from ``seed``) and stored with ``add_article``,
committed every 1,000. What is timed for the build's articles/s is ``add_article`` and
``commit`` only; generating the records is reported apart. A build is resumable: a store
holding N articles continues from article N, and a complete one is reused as it is
(``--rebuild`` starts over). SQLite: ``/tmp/onrecord-bench/audit-<articles>.db``.
PostgreSQL: a throwaway server (Debian's ``/usr/lib/postgresql/*/bin``, started the way
``tests/support/pg.py`` starts the tests' one) whose data directory stays in
``/tmp/onrecord-bench/pg`` between runs, one database per size; after building, ``VACUUM
ANALYZE`` (what autovacuum does on its own, done at once). The SQLite store is not
ANALYZEd: the store never does it, so neither would a user's.

Measuring: each call once untimed (warm caches), then 5 times; the median, min and max are
printed with OK/OVER against 1 s. The store calls are those of ``onrecord audit`` and of
each reader page (``onrecord.serve.pages``), with the store open (opening it is not timed);
with ``--no-http`` left out, the reader's pages are also fetched in-process through
FastAPI's TestClient (rendering included). For every call over 1 s, its slowest SQL
statement is printed with its plan (SQLite ``EXPLAIN QUERY PLAN``, PostgreSQL ``EXPLAIN
(ANALYZE, BUFFERS)``). Peak RSS is this process's (the PostgreSQL server's is not in it).
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import resource
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
BENCH_DIR = Path("/tmp/onrecord-bench")
PG_ROOT = BENCH_DIR / "pg"
SEED = 20240601
BATCH = 1000
PROGRESS_EVERY = 5000
RUNS = 5
BAR_S = 1.0
# The brief's page sizes (the reader shows 25 a page and asks for 26; the cost is the same).
PAGE = 50

# A server tuned modestly for a 100k-article store, as one would run it: durability is off
# because only the build writes and nothing here survives a crash anyway.
PG_OPTIONS = (
    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
    "-c shared_buffers=1GB -c work_mem=32MB -c maintenance_work_mem=512MB "
    "-c effective_cache_size=8GB -c max_wal_size=8GB -c max_connections=20"
)

# -- what the synthetic store is made of ----------------------------------------------------

N_PEOPLE = 100_000
N_ORGANISATIONS = 2_000
ZIPF_S = 1.0
SPEAKER_TYPES = {"person": 0.60, "organization": 0.15, "group": 0.10, "anonymous": 0.05,
                 "unknown": 0.10}  # fmt: skip
GENDERS = {"f": 0.30, "m": 0.60, None: 0.10}
KINDS = {"direct": 0.30, "indirect": 0.40, "mixed": 0.05, "other": 0.25}
NESTED_SHARE = 0.03  # of attributions, in "A said B had told her ..." sentences
CAPTION_SHARE = 0.02  # of articles: a quotation in a photo caption (boilerplate)
UNDATED_SHARE = 0.01
MONTHS = [f"{y}-{m:02d}" for y in (2023, 2024) for m in range(1, 13)]
# Words real news uses, ahead of generated ones: stop words first (the commonest in any
# text, and ones a search ignores), then news words; "trigger" goes in at a middling rank.
STOP_WORDS = ["the", "a", "of", "to", "and", "in", "that", "is", "for", "on", "will", "would",
              "be", "not", "with", "it", "was", "we", "have", "more"]  # fmt: skip
NEWS_WORDS = [
    "government", "budget", "police", "city", "council", "plan", "vote", "election", "school",
    "tax", "health", "water", "people", "year", "week", "market", "price", "fund", "court",
    "law", "report", "project", "policy", "state", "members", "workers", "company", "service",
    "public", "support", "deal", "safety", "road", "housing", "rent", "energy", "power",
    "climate", "river", "bridge", "station", "rail", "bus", "fares", "port", "trade", "jobs",
    "wages", "union", "strike", "talks", "hospital", "doctors", "nurses", "care", "children",
    "parents", "teachers", "students", "rules", "change", "future", "security", "border",
    "crime", "investigation", "evidence", "trial", "judge", "charges", "case", "officers",
]  # fmt: skip
TRIGGER_RANK = 300
COMMON_WORD = "budget"  # rank 22: a search that matches a large share of the store
GROUPS = ("protesters", "residents", "analysts", "economists", "teachers", "doctors",
          "critics", "supporters", "farmers", "investors", "lawmakers", "activists",
          "parents", "workers", "officials", "neighbours", "fans", "scientists",
          "shop owners", "commuters")  # fmt: skip
ANONYMOUS = ("a senior official", "a person familiar with the matter", "one aide",
             "a source close to the talks", "a spokesperson who declined to be named",
             "an official who asked not to be named", "sources")  # fmt: skip
ORG_SUFFIXES = ("Group", "Council", "Institute", "Union", "Partners", "Foundation", "Agency",
                "Bank", "University", "Holdings", "Corp", "Trust")  # fmt: skip
OUTLETS_NAMED = ("The Harbor Ledger", "Northern Courier", "Daily Meridian", "The Evening Post",
                 "Valley Tribune", "Coastal Herald", "The Civic Record", "Metro Bulletin",
                 "The Plain Dealer Review", "Lakeside Gazette")  # fmt: skip
OUTLETS_DOMAINS = ("ledgernews.com", "courier-online.net", "thedailyreport.org",
                   "citywire.com", "newsfront.co.uk", "regionaltimes.com", "morningbrief.net",
                   "statehousenews.org", "theobserver.info", "pressline.com")  # fmt: skip


def _zipf_cum(n: int, s: float = ZIPF_S) -> list[float]:
    return list(itertools.accumulate(1.0 / (r**s) for r in range(1, n + 1)))


def _words_from_syllables(
    rng: random.Random, n: int, syllables: int | tuple[int, int]
) -> list[str]:
    onsets = ["b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v",
              "w", "z", "br", "ch", "dr", "gr", "kl", "pr", "sh", "st", "tr", "th"]  # fmt: skip
    vowels = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "y"]
    codas = ["", "", "", "n", "r", "l", "s", "t", "m", "nd", "rk", "th"]
    lo, hi = (syllables, syllables) if isinstance(syllables, int) else syllables
    found: dict[str, None] = {}
    while len(found) < n:
        word = "".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas)
                       for _ in range(rng.randint(lo, hi)))  # fmt: skip
        found.setdefault(word, None)
    return list(found)


@dataclass
class World:
    """Everything the articles draw from: fixed by the seed, the same for every article."""

    people: list[tuple[str, str, str | None]]  # (given name, surname, gender)
    people_cum: list[float]
    organisations: list[str]
    organisations_cum: list[float]
    vocabulary: list[str]
    vocabulary_cum: list[float]
    outlets: list[tuple[str, bool]]  # (name or domain, named by its metadata)
    outlets_cum: list[float]
    type_names: list[str] = field(default_factory=lambda: list(SPEAKER_TYPES))
    type_cum: list[float] = field(
        default_factory=lambda: list(itertools.accumulate(SPEAKER_TYPES.values()))
    )
    kind_names: list[str] = field(default_factory=lambda: list(KINDS))
    kind_cum: list[float] = field(
        default_factory=lambda: list(itertools.accumulate(KINDS.values()))
    )

    @classmethod
    def make(cls, seed: int) -> World:
        rng = random.Random(seed)
        given = [w.capitalize() for w in _words_from_syllables(rng, 500, 2)]
        surnames = [w.capitalize() for w in _words_from_syllables(rng, 800, (2, 3))]
        pairs = rng.sample(range(len(given) * len(surnames)), N_PEOPLE)
        genders, weights = list(GENDERS), list(GENDERS.values())
        people = [
            (given[p // len(surnames)], surnames[p % len(surnames)],
             rng.choices(genders, weights)[0])
            for p in pairs
        ]  # fmt: skip
        stems = [w.capitalize() for w in _words_from_syllables(rng, N_ORGANISATIONS, (2, 3))]
        organisations = [f"{stem} {rng.choice(ORG_SUFFIXES)}" for stem in stems]
        generated = _words_from_syllables(rng, 3000, (1, 3))
        known = STOP_WORDS + NEWS_WORDS
        vocabulary = known + [w for w in generated if w not in known][: 3000 - len(known)]
        vocabulary = [w for w in vocabulary if w != "trigger"]
        vocabulary.insert(TRIGGER_RANK, "trigger")
        outlets = [(o, True) for o in OUTLETS_NAMED] + [(d, False) for d in OUTLETS_DOMAINS]
        rng.shuffle(outlets)
        return cls(
            people=people, people_cum=_zipf_cum(len(people)),
            organisations=organisations, organisations_cum=_zipf_cum(len(organisations)),
            vocabulary=vocabulary, vocabulary_cum=_zipf_cum(len(vocabulary)),
            outlets=outlets, outlets_cum=_zipf_cum(len(outlets), 0.7),
        )  # fmt: skip


class Text:
    """An article's text as it is written, remembering where each piece went."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def put(self, piece: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start, self.length

    def value(self) -> str:
        return "".join(self.parts)


@dataclass
class Slot:
    """One of the article's sources: who it is, and how it has been named so far."""

    type: str
    name: str  # full name, organisation, group or anonymous wording; "" for unknown
    surname: str = ""
    gender: str | None = None
    entity: str | None = None
    mentioned: bool = False
    mentions: list[tuple[int, int]] = field(default_factory=list)


def _words(rng: random.Random, world: World, lo: int, hi: int) -> str:
    return " ".join(rng.choices(world.vocabulary, cum_weights=world.vocabulary_cum,
                                k=rng.randint(lo, hi)))  # fmt: skip


def _slots(rng: random.Random, world: World) -> list[Slot]:
    slots: list[Slot] = []
    seen: set[tuple[str, int]] = set()
    entities = itertools.count(1)
    for _ in range(rng.randint(7, 12)):  # about 8 sources an article speak
        kind = rng.choices(world.type_names, cum_weights=world.type_cum)[0]
        if kind == "person":
            i = rng.choices(range(len(world.people)), cum_weights=world.people_cum)[0]
            if ("p", i) in seen:
                continue
            seen.add(("p", i))
            given, surname, gender = world.people[i]
            slots.append(Slot("person", f"{given} {surname}", surname, gender,
                              f"e{next(entities)}"))  # fmt: skip
        elif kind == "organization":
            i = rng.choices(range(len(world.organisations)),
                            cum_weights=world.organisations_cum)[0]  # fmt: skip
            if ("o", i) in seen:
                continue
            seen.add(("o", i))
            slots.append(Slot("organization", world.organisations[i],
                              entity=f"e{next(entities)}"))  # fmt: skip
        elif kind == "group":
            slots.append(Slot("group", rng.choice(GROUPS)))
        elif kind == "anonymous":
            slots.append(Slot("anonymous", rng.choice(ANONYMOUS)))
        else:
            slots.append(Slot("unknown", ""))
    return slots or [Slot("unknown", "")]


def _source(text: Text, slot: Slot, rng: random.Random, *, start: bool) -> tuple[int, int]:
    """Write the source's name as this mention words it; a person is named in full first,
    then often by surname alone, as news writing does."""
    if slot.type == "person" and slot.mentioned and rng.random() < 0.5:
        name = slot.surname
    elif slot.type in ("group", "anonymous") and start:
        name = slot.name[0].upper() + slot.name[1:]
    else:
        name = slot.name
    slot.mentioned = True
    span = text.put(name)
    if slot.entity:
        slot.mentions.append(span)
    return span


@dataclass
class Pending:
    """An attribution whose spans are offsets until the text is complete."""

    id: str
    kind: str
    form: str
    content: tuple[int, int]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    slot: Slot | None
    confidence: float
    parent: str | None = None
    boilerplate: bool = False
    addressee: tuple[int, int] | None = None


_CONFIDENCE = {"direct": (0.6, 1.0), "mixed": (0.5, 1.0), "indirect": (0.4, 1.0),
               "other": (0.3, 0.9)}  # fmt: skip


def _sentence(text: Text, rng: random.Random, world: World, slot: Slot, aid: str,
              kind: str) -> Pending:  # fmt: skip
    """One attributed sentence of this kind, by this source."""
    low, high = _CONFIDENCE[kind]
    confidence = rng.uniform(low, high)
    named = slot.type != "unknown"
    cue = source = addressee = None
    if not named:  # no source the article names: reported, never quoted
        kind = "other" if kind == "other" else "indirect"
        text.put("It was ")
        cue = text.put("reported")
        text.put(" that ")
        content = text.put(_words(rng, world, 4, 10))
        text.put(". ")
        return Pending(aid, kind, "clause", content, cue, None, None, confidence)
    if kind == "direct":
        quote = _words(rng, world, 4, 12).capitalize()
        if rng.random() < 0.6:
            content = text.put(f'"{quote},"')
            text.put(" ")
            source = _source(text, slot, rng, start=False)
            text.put(" ")
            cue = text.put(rng.choice(("said", "said", "added", "wrote")))
            text.put(". ")
        else:
            source = _source(text, slot, rng, start=True)
            text.put(" ")
            cue = text.put("said")
            text.put(": ")
            content = text.put(f'"{quote}."')
            text.put(" ")
        return Pending(aid, kind, "quotation", content, cue, source, slot, confidence)
    if kind == "mixed":
        source = _source(text, slot, rng, start=True)
        text.put(" ")
        cue = text.put("said")
        text.put(" ")
        content = text.put(f'{_words(rng, world, 3, 8)} "{_words(rng, world, 2, 6)}"')
        text.put(". ")
        return Pending(aid, kind, "quotation", content, cue, source, slot, confidence)
    if kind == "indirect":
        form = "phrase" if rng.random() < 0.15 else "clause"
        roll = rng.random()
        if form == "phrase":
            source = _source(text, slot, rng, start=True)
            text.put(" ")
            cue = text.put("voiced")
            text.put(" ")
            content = text.put(f"support for the {_words(rng, world, 1, 3)}")
        elif roll < 0.15:
            cue = text.put("According to")
            text.put(" ")
            source = _source(text, slot, rng, start=False)
            text.put(", ")
            content = text.put(_words(rng, world, 4, 10))
        elif roll < 0.25:
            source = _source(text, slot, rng, start=True)
            text.put(" ")
            cue = text.put("told")
            text.put(" ")
            addressee = text.put("reporters")
            text.put(" ")
            content = text.put(_words(rng, world, 4, 10))
        else:
            source = _source(text, slot, rng, start=True)
            text.put(" ")
            cue = text.put(rng.choice(("said", "said", "said", "warned", "argued", "claimed")))
            text.put(" ")
            content = text.put(_words(rng, world, 4, 10))
        text.put(". ")
        return Pending(aid, kind, form, content, cue, source, slot, confidence,
                       addressee=addressee)  # fmt: skip
    # other: beliefs, hopes, announcements of a thing (a bare phrase)
    source = _source(text, slot, rng, start=True)
    text.put(" ")
    form = "phrase" if rng.random() < 0.3 else "clause"
    if form == "phrase":
        cue = text.put("announced")
        text.put(" ")
        content = text.put(f"a new {_words(rng, world, 1, 3)}")
    else:
        cue = text.put(rng.choice(("believes", "hopes", "thinks", "expects")))
        text.put(" ")
        content = text.put(_words(rng, world, 4, 10))
    text.put(". ")
    return Pending(aid, kind, form, content, cue, source, slot, confidence)


def _nested(text: Text, rng: random.Random, world: World, outer: Slot, inner: Slot,
            ids: Iterator[str]) -> list[Pending]:  # fmt: skip
    """'Ann Lee said Bob Stone had told her the fund would close.': two attributions, the
    second inside the first's content."""
    outer_id, inner_id = next(ids), next(ids)
    source = _source(text, outer, rng, start=True)
    text.put(" ")
    cue = text.put("said")
    text.put(" ")
    start = text.length
    inner_source = _source(text, inner, rng, start=False)
    text.put(" had ")
    inner_cue = text.put("told")
    text.put(" her ")
    inner_content = text.put(_words(rng, world, 4, 9))
    content = (start, text.length)
    text.put(". ")
    return [
        Pending(outer_id, "indirect", "clause", content, cue, source, outer,
                rng.uniform(0.4, 1.0)),
        Pending(inner_id, "indirect", "clause", inner_content, inner_cue, inner_source, inner,
                rng.uniform(0.3, 0.9), parent=outer_id),
    ]  # fmt: skip


def make_article(i: int, world: World, seed: int = SEED) -> Any:
    """Article ``i`` of the synthetic store: the same for the same ``i`` and seed."""
    from onrecord.document import content_id
    from onrecord.record import (
        Addressee,
        Article,
        Attribution,
        Boilerplate,
        Entity,
        Span,
        Speaker,
    )

    rng = random.Random(seed + i)
    slots = _slots(rng, world)
    # The first sources are the article's main voices and speak more often.
    slot_weights = [1.0 / (r + 1) ** 0.5 for r in range(len(slots))]
    n_attributions = rng.randint(15, 35)
    text = Text()
    headline = _words(rng, world, 4, 8).capitalize()
    text.put(headline + "\n\n")
    ids = (f"a{n}" for n in itertools.count(1))
    pending: list[Pending] = []
    in_paragraph = 0
    while len(pending) < n_attributions:
        slot = rng.choices(slots, weights=slot_weights)[0]
        named = [s for s in slots if s.type in ("person", "organization") and s is not slot]
        if (slot.type != "unknown" and named and n_attributions - len(pending) >= 2
                and rng.random() < NESTED_SHARE / 2):  # fmt: skip
            pending.extend(_nested(text, rng, world, slot, rng.choice(named), ids))
        else:
            kind = rng.choices(world.kind_names, cum_weights=world.kind_cum)[0]
            pending.append(_sentence(text, rng, world, slot, next(ids), kind))
        in_paragraph += 1
        if in_paragraph >= rng.randint(2, 4):
            last = text.parts[-1]
            text.parts[-1] = last.rstrip() + "\n\n"
            text.length += len(text.parts[-1]) - len(last)
            in_paragraph = 0
    boilerplate: list[tuple[int, int]] = []
    speaking = [s for s in slots if s.type != "unknown"]
    if speaking and rng.random() < CAPTION_SHARE:
        start = text.put("Photo: ")[0]
        caption = _sentence(text, rng, world, rng.choice(speaking), next(ids), "direct")
        caption.boilerplate = True
        pending.append(caption)
        boilerplate.append((start, text.length))
    body = text.value().rstrip()

    def span(at: tuple[int, int] | None) -> Span | None:
        return Span.of(body, *at) if at else None

    entities = [
        Entity(s.entity, s.name, s.type, [Span.of(body, *m) for m in s.mentions],
               s.gender if s.type == "person" else None)
        for s in slots if s.entity and s.mentions
    ]  # fmt: skip
    attributions = [
        Attribution(
            id=p.id, kind=p.kind, content=Span.of(body, *p.content), cue=span(p.cue),
            source=span(p.source),
            speaker=(Speaker(body[p.source[0]:p.source[1]], p.slot.type, p.slot.entity)
                     if p.slot and p.source else None),
            addressee=Addressee("reporters", span(p.addressee)) if p.addressee else None,
            parent=p.parent, in_boilerplate=p.boilerplate, confidence=p.confidence,
            content_form=p.form,
        )
        for p in pending
    ]  # fmt: skip
    outlet, named_outlet = rng.choices(world.outlets, cum_weights=world.outlets_cum)[0]
    month = rng.choice(MONTHS)
    day = rng.randint(1, 28)
    slug = "-".join(headline.lower().split()[:5])
    metadata: dict[str, Any] = {"title": headline}
    if rng.random() >= UNDATED_SHARE:
        metadata["date"] = f"{month}-{day:02d}"
    if named_outlet:
        metadata["outlet"] = outlet
        site = outlet.lower().replace("the ", "").replace(" ", "")
        metadata["url"] = f"https://{site}.example/{month}/{slug}-{i}"
    else:
        metadata["url"] = f"https://www.{outlet}/{month.replace('-', '/')}/{slug}-{i}"
    article = Article(
        id=content_id(body), text=body, source=f"synthetic/{i:06d}.json",
        boilerplate=[Boilerplate(s, min(e, len(body)), "caption") for s, e in boilerplate],
        entities=entities, attributions=attributions, metadata=metadata, reader="accurate",
    )  # fmt: skip
    article.check_spans()
    return article


# -- building ---------------------------------------------------------------------------------


def build(target: str, n_articles: int, world: World, label: str) -> dict[str, Any]:
    """Add articles [stored, n_articles) to the store; resumable at any committed batch."""
    from onrecord.store import open_store

    with open_store(target) as store:
        start = store.stats().documents
        if start >= n_articles:
            print(f"[{label}] store complete: {start:,} articles, reused", flush=True)
            return {"reused": True, "articles": start}
        if start:
            print(f"[{label}] resuming at article {start:,}", flush=True)
        generate_s = add_s = 0.0
        attributions = 0
        began = time.perf_counter()
        for i in range(start, n_articles):
            t0 = time.perf_counter()
            article = make_article(i, world)
            t1 = time.perf_counter()
            if not store.add_article(article):
                # Texts are random, so a repeat means the generator is broken.
                raise RuntimeError(f"article {i} repeats a stored text")
            attributions += len(article.attributions)
            done = i + 1
            if done % BATCH == 0 or done == n_articles:
                store.commit()
            t2 = time.perf_counter()
            generate_s += t1 - t0
            add_s += t2 - t1
            if done % PROGRESS_EVERY == 0 or done == n_articles:
                made = done - start
                elapsed = time.perf_counter() - began
                eta = elapsed / made * (n_articles - done)
                print(f"[{label}] {done:,}/{n_articles:,} articles, {attributions:,} "
                      f"attributions this run; ingest {made / add_s:,.0f} articles/s, "
                      f"generation {made / generate_s:,.0f}/s; {elapsed:,.0f} s so far, "
                      f"about {eta:,.0f} s to go; peak RSS {_peak_mb():,.0f} MiB",
                      flush=True)  # fmt: skip
    made = n_articles - start
    result = {"reused": False, "articles": made, "attributions": attributions,
              "ingest_s": add_s, "generate_s": generate_s, "articles_per_s": made / add_s,
              "attributions_per_s": attributions / add_s}  # fmt: skip
    print(f"[{label}] built {made:,} articles ({attributions:,} attributions): ingest "
          f"{add_s:,.1f} s = {made / add_s:,.1f} articles/s, "
          f"{attributions / add_s:,.0f} attributions/s (add_article + commit); generation "
          f"{generate_s:,.1f} s apart", flush=True)  # fmt: skip
    return result


# -- PostgreSQL -------------------------------------------------------------------------------


def _pg_support() -> Any:
    """tests/support/pg.py, which finds Debian's binaries and runs them as the right user."""
    sys.path.insert(0, str(REPO / "tests"))
    from support import pg

    return pg


@contextmanager
def pg_server(root: Path) -> Iterator[Any]:
    """A PostgreSQL server over a data directory kept in ``root`` between runs."""
    pg = _pg_support()
    bin_dir = pg.find_bin_dir()
    if bin_dir is None:
        sys.exit(f"no PostgreSQL server binaries under {pg.BIN_GLOB} or on PATH")
    root.mkdir(parents=True, exist_ok=True)
    cluster = pg.Cluster(bin_dir, root, pg._free_port(), pg._server_user())
    if cluster.user:
        shutil.chown(root, cluster.user)
    if not (cluster.data / "PG_VERSION").exists():
        done = cluster.run(
            "initdb", "-D", str(cluster.data), "-U", "postgres", "-A", "trust",
            "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions",
        )  # fmt: skip
        if done.returncode:
            sys.exit(f"initdb failed: {done.stderr or done.stdout}")
    if cluster.run("pg_ctl", "-D", str(cluster.data), "status").returncode == 0:
        # Left running by a run that was killed: ours, so stop it and start it afresh.
        cluster.run("pg_ctl", "-D", str(cluster.data), "-m", "fast", "-w", "stop")
    options = f"-c listen_addresses=127.0.0.1 -p {cluster.port} -k {root} {PG_OPTIONS}"
    done = cluster.run("pg_ctl", "-D", str(cluster.data), "-l", str(root / "server.log"),
                       "-w", "-t", "120", "-o", options, "start")  # fmt: skip
    if done.returncode:
        log = (root / "server.log").read_text(errors="replace")[-2000:]
        sys.exit(f"pg_ctl start failed: {done.stderr or done.stdout}\n{log}")
    try:
        yield cluster
    finally:
        # A fast (clean) stop, so the next run starts without crash recovery.
        cluster.run("pg_ctl", "-D", str(cluster.data), "-m", "fast", "-w", "stop")


def pg_database(cluster: Any, name: str, *, rebuild: bool) -> str:
    import psycopg

    with psycopg.connect(cluster.url(), autocommit=True) as conn:
        if rebuild:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f"CREATE DATABASE {name}")
    return str(cluster.url(name))


def pg_vacuum(url: str) -> float:
    import psycopg

    started = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return time.perf_counter() - started


def pg_size(url: str) -> int:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
    return int(row[0]) if row else 0


# -- measuring --------------------------------------------------------------------------------


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


@dataclass
class Timing:
    name: str
    times: list[float]
    rows: str
    statements: list[tuple[float, str, tuple[Any, ...]]] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def _size(value: Any) -> str:
    """What a call answered, in a word or two, so a table shows it read something."""
    if hasattr(value, "groups") and hasattr(value, "read_from"):
        return f"{len(value.groups)} groups, {value.total.attributions:,} attr. ({value.read_from})"
    if isinstance(value, tuple):
        return " + ".join(_size(v) for v in value)
    if isinstance(value, list):
        return f"{len(value)} rows"
    if value is None:
        return "none"
    if hasattr(value, "attributions") and hasattr(value, "text"):
        return f"article, {len(value.attributions)} attr."
    if hasattr(value, "status_code"):
        return f"HTTP {value.status_code}, {len(value.content) // 1024} KiB"
    return type(value).__name__


def time_call(name: str, call: Callable[[], Any]) -> Timing:
    answer = call()  # warm-up, untimed
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return Timing(name, times, _size(answer))


def traced(store: Any, call: Callable[[], Any]) -> list[tuple[float, str, tuple[Any, ...]]]:
    """Run the call once more, timing each SQL statement the store reads with (its private
    ``_rows``: every query goes through it), slowest first."""
    seen: list[tuple[float, str, tuple[Any, ...]]] = []
    rows = store._rows

    def timed(sql: str, params: Any = ()) -> Any:
        started = time.perf_counter()
        try:
            return rows(sql, params)
        finally:
            seen.append((time.perf_counter() - started, sql, tuple(params)))

    store._rows = timed
    try:
        call()
    finally:
        del store._rows
    return sorted(seen, key=lambda s: -s[0])


def plan(store: Any, sql: str, params: tuple[Any, ...]) -> list[str]:
    """The statement's plan: SQLite's query plan, or PostgreSQL's as it ran."""
    if store.dialect == "sqlite":
        found = store._conn.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
        depth: dict[int, int] = {0: 0}
        lines = []
        for node, parent, _, detail in found:
            depth[node] = depth.get(parent, 0) + 1
            lines.append("  " * depth[node] + str(detail))
        return lines
    found = store._conn.execute(store._sql(f"EXPLAIN (ANALYZE, BUFFERS) {sql}"), params)
    lines = [str(r[0]) for r in found.fetchall()]
    store._conn.rollback()
    return lines


def store_calls(store: Any) -> list[tuple[str, Callable[[], Any]]]:
    """The calls ``onrecord audit`` and each reader page make (``onrecord.serve.pages``)."""
    from onrecord.scope import filters, selection

    speech = selection("speech")
    top = store.speakers(top=1)[0].id
    # A speaker of middling fame, the kind most speaker pages are.
    rank = min(2000, store.stats().speakers // 2)
    middle = store.speakers(top=1, offset=rank)[0].id
    newest = store.documents(limit=1)[0].id

    def speaker_page(speaker_id: int, chosen: Any = None) -> Any:
        return (store.speaker(speaker_id, selection=chosen),
                store.quotes(speaker_id=speaker_id, selection=chosen, limit=PAGE))  # fmt: skip

    def article_page() -> Any:
        from onrecord.serve.stores import article_speaker_ids

        found = store.get_article(newest)
        return found, list(article_speaker_ids(store, found))

    return [
        ("audit --by outlet,month", lambda: store.audit(by=("outlet", "month"))),
        ("audit --by outlet,month --scope speech",
         lambda: store.audit(by=("outlet", "month"), selection=speech)),
        ("audit --by month --gender female",
         lambda: store.audit(by=("month",), filters=filters(genders="female"))),
        ("audit --by outlet --min-confidence 0.5 (every row)",
         lambda: store.audit(by=("outlet",), selection=selection("all", min_confidence=0.5))),
        ("home: stats + speakers(top=8) + documents(8)",
         lambda: (store.stats(), store.speakers(top=8), store.documents(limit=8))),
        (f"speakers page: speakers(top={PAGE})", lambda: store.speakers(top=PAGE)),
        (f"speakers page --scope speech (top {PAGE})",
         lambda: store.speakers(top=PAGE, selection=speech)),
        (f"search 'trigger' (limit {PAGE})", lambda: store.search("trigger", limit=PAGE)),
        (f"search '{COMMON_WORD}', a common word", lambda: store.search(COMMON_WORD, limit=PAGE)),
        (f"quotes: {PAGE} newest", lambda: store.quotes(limit=PAGE)),
        (f"articles page: documents({PAGE}) + stats",
         lambda: (store.documents(limit=PAGE), store.stats())),
        ("speaker page, most quoted speaker", lambda: speaker_page(top)),
        ("speaker page, most quoted, --scope speech", lambda: speaker_page(top, speech)),
        (f"speaker page, speaker ranked {rank + 1}", lambda: speaker_page(middle)),
        ("article: get_article", lambda: store.get_article(newest)),
        ("article page: get_article + speaker links", article_page),
    ]  # fmt: skip


def http_calls(client: Any, store: Any) -> list[tuple[str, Callable[[], Any]]]:
    from urllib.parse import quote

    top = store.speakers(top=1)[0].id
    newest = quote(store.documents(limit=1)[0].id, safe="")
    pages = ["/reader", "/reader/articles", f"/reader/articles/{newest}", "/reader/speakers",
             "/reader/speakers?scope=speech", f"/reader/speakers/{top}",
             "/reader/search?q=trigger", "/reader/sources", "/reader/sources?scope=speech",
             "/reader/sources?gender=female", "/audit?by=outlet,month",
             # Weeks are not in the tallies: every attribution is read (the slow path).
             "/reader/sources?over=week"]  # fmt: skip
    return [(f"GET {page}", lambda page=page: _get(client, page)) for page in pages]


def _get(client: Any, page: str) -> Any:
    response = client.get(page)
    if response.status_code != 200:
        raise RuntimeError(f"GET {page}: {response.status_code} {response.text[:300]}")
    return response


def measure(target: str, label: str, *, http: bool) -> list[Timing]:
    from onrecord.store import open_store

    results: list[Timing] = []
    with open_store(target, create=False) as store:
        stats = store.stats()
        print(f"\n[{label}] measuring: {stats.documents:,} articles, {stats.attributions:,} "
              f"attributions, {stats.speakers:,} speakers", flush=True)  # fmt: skip
        for name, call in store_calls(store):
            timing = time_call(name, call)
            if timing.median > BAR_S:
                timing.statements = traced(store, call)
            results.append(timing)
            print(f"[{label}] {name}: {timing.median:.3f} s", flush=True)
        if http:
            results.extend(_measure_http(target, store, label))
        print_table(label, results, stats)
        print_plans(store, label, results)
    return results


def _measure_http(target: str, store: Any, label: str) -> list[Timing]:
    try:
        from fastapi.testclient import TestClient

        from onrecord.serve.app import create_app
    except ImportError as exc:
        print(f"[{label}] no HTTP pages: {exc} (pip install -e '.[dev]')")
        return []
    # The pages read the store only; no pipeline is loaded for them.
    results = []
    with TestClient(create_app(target, nlp_factory=lambda: None)) as client:
        for name, call in http_calls(client, store):
            results.append(time_call(name, call))
            print(f"[{label}] {name}: {results[-1].median:.3f} s", flush=True)
    return results


def print_table(label: str, results: list[Timing], stats: Any) -> None:
    print(f"\n## {label}: {stats.documents:,} articles, {stats.attributions:,} attributions "
          f"(median of {RUNS} after one warm-up; bar {BAR_S:.0f} s)\n")  # fmt: skip
    width = max(len(t.name) for t in results)
    print(f"| {'call':{width}} | median s |   min s |   max s | verdict | answer")
    print(f"|{'-' * (width + 2)}|---------:|--------:|--------:|---------|-------")
    for t in results:
        verdict = "OK" if t.median <= BAR_S else "OVER"
        print(f"| {t.name:{width}} | {t.median:8.3f} | {min(t.times):7.3f} | "
              f"{max(t.times):7.3f} | {verdict:7} | {t.rows}")  # fmt: skip
    print(f"\npeak RSS of this process so far: {_peak_mb():,.0f} MiB", flush=True)


def print_plans(store: Any, label: str, results: list[Timing]) -> None:
    for t in results:
        if not t.statements:
            continue
        seconds, sql, params = t.statements[0]
        total = sum(s[0] for s in t.statements)
        print(f"\n### [{label}] OVER: {t.name}: slowest of {len(t.statements)} statements, "
              f"{seconds:.3f} s of {total:.3f} s\n")  # fmt: skip
        print("    " + "\n    ".join(line.strip() for line in sql.strip().splitlines()))
        shown = [p if not isinstance(p, str) or len(p) < 40 else p[:37] + "..." for p in params]
        print(f"    params: {shown[:20]}{' ...' if len(shown) > 20 else ''}\n")
        for line in plan(store, sql, params):
            print(f"    {line}")
    sys.stdout.flush()


# -- the run ----------------------------------------------------------------------------------


def run_sqlite(args: argparse.Namespace, world: World) -> None:
    db = Path(args.db or BENCH_DIR / f"audit-{args.articles}.db")
    db.parent.mkdir(parents=True, exist_ok=True)
    if args.rebuild and not args.skip_build:
        for path in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
            path.unlink(missing_ok=True)
    if not args.skip_build:
        build(str(db), args.articles, world, "sqlite")
    if not db.exists():
        sys.exit(f"no store at {db}: build it first (leave out --skip-build)")
    print(f"[sqlite] {db}: {db.stat().st_size / 2**30:.2f} GiB", flush=True)
    measure(str(db), "SQLite", http=not args.no_http)


def run_postgres(args: argparse.Namespace, world: World) -> None:
    with pg_server(PG_ROOT) as cluster:
        done = cluster.run("postgres", "--version")
        print(f"[postgres] {done.stdout.strip()} on port {cluster.port}, {PG_OPTIONS}",
              flush=True)  # fmt: skip
        url = pg_database(cluster, f"onrecord_bench_{args.articles}",
                          rebuild=args.rebuild and not args.skip_build)  # fmt: skip
        if not args.skip_build:
            built = build(url, args.articles, world, "postgres")
            if not built["reused"]:
                print(f"[postgres] VACUUM ANALYZE: {pg_vacuum(url):,.1f} s", flush=True)
        print(f"[postgres] database size {pg_size(url) / 2**30:.2f} GiB", flush=True)
        measure(url, "PostgreSQL", http=not args.no_http)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--db", help="the SQLite store (default: "
                        f"{BENCH_DIR}/audit-<articles>.db)")  # fmt: skip
    parser.add_argument("--rebuild", action="store_true", help="start the stores over")
    parser.add_argument("--skip-build", action="store_true", help="measure the stores as they are")
    parser.add_argument("--no-http", action="store_true", help="only the store calls")
    args = parser.parse_args()

    print(f"benchmarks/audit.py: {args.articles:,} articles, backend {args.backend}, "
          f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}", flush=True)  # fmt: skip
    started = time.perf_counter()
    world = World.make(SEED)
    print(f"world: {len(world.people):,} people, {len(world.organisations):,} organisations, "
          f"{len(world.vocabulary):,} words, {len(world.outlets)} outlets "
          f"({time.perf_counter() - started:.1f} s)", flush=True)  # fmt: skip
    if args.backend in ("sqlite", "both"):
        run_sqlite(args, world)
    if args.backend in ("postgres", "both"):
        run_postgres(args, world)
    print(f"\npeak RSS {_peak_mb():,.0f} MiB; load {os.getloadavg()[0]:.1f}; "
          f"{time.perf_counter() - started:,.0f} s in all", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
