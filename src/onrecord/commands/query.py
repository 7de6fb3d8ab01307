"""Reading a store: ``search``, ``speakers``, ``quotes``, ``show``, ``errors`` and ``export``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from onrecord.commands.exits import Exit
from onrecord.commands.options import (
    add_db_option,
    add_filter_options,
    add_selection_options,
    check_output,
    filters_of,
    selection_of,
)
from onrecord.errors import OnrecordError
from onrecord.record import KINDS
from onrecord.store import Store, default_db, open_store


def positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def _common(p: argparse.ArgumentParser, *, json_flag: bool = True) -> None:
    add_db_option(p)
    if json_flag:
        p.add_argument("--json", action="store_true", help="print JSON instead of a table")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "search", help="full-text search over quotes and speaker names (or, --articles, text)"
    )
    p.add_argument("query", help="words to find (every word must occur; it is never syntax)")
    p.add_argument(
        "--articles",
        action="store_true",
        help="search the articles' titles and text instead, one row an article",
    )
    p.add_argument("--limit", type=positive, default=20, help="at most this many (default 20)")
    p.add_argument("--offset", type=int, default=0, help="skip this many first")
    add_selection_options(p)
    add_filter_options(p)
    _common(p)
    p.set_defaults(func=run_search)

    p = sub.add_parser("speakers", help="who is quoted most, across all articles")
    p.add_argument("--top", type=positive, default=None, help="only the N most quoted")
    add_selection_options(p)
    add_filter_options(p)
    _common(p)
    p.set_defaults(func=run_speakers)

    p = sub.add_parser("quotes", help="attributions, newest first, by speaker, date or kind")
    p.add_argument(
        "--speaker",
        help='a name ("Alec Baldwin"; a bare surname means all) or an unnamed source as '
        'articles word it ("officials", "a White House spokesman")',
    )
    p.add_argument("--speaker-id", type=int, help="a speaker's id (see `onrecord speakers`)")
    p.add_argument("--kind", choices=KINDS, help="only this kind of attribution")
    add_selection_options(p)
    add_filter_options(p)
    p.add_argument("--limit", type=positive, default=100, help="at most this many (default 100)")
    _common(p)
    p.set_defaults(func=run_quotes)

    p = sub.add_parser("show", help="an article with its attributions highlighted")
    p.add_argument("doc_id", metavar="DOC_ID", help="a document id, or a unique prefix of one")
    _common(p)
    p.set_defaults(func=run_show)

    p = sub.add_parser("errors", help="inputs that could not be stored, and why")
    p.add_argument("--limit", type=positive, default=None, help="at most this many")
    _common(p)
    p.set_defaults(func=run_errors)

    p = sub.add_parser(
        "export",
        help="write the store out: jsonl (whole articles), csv or parquet (one row a quote)",
    )
    p.add_argument("--format", "-f", choices=("jsonl", "csv", "parquet"), required=True)
    p.add_argument("--out", "-o", required=True, help="output file (- for stdout, not parquet)")
    add_selection_options(p)
    add_filter_options(p)
    _common(p, json_flag=False)
    p.set_defaults(func=run_export)


def _open(args: argparse.Namespace) -> Store:
    return open_store(args.db or default_db(), create=False)


def _console() -> Any:
    from rich.console import Console

    return Console()


def _print_json(rows: Sequence[Any]) -> None:
    print(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2))


def _table(title: str, columns: Sequence[str]) -> Any:
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def run_article_search(args: argparse.Namespace) -> int:
    with _open(args) as store:
        hits = store.search_articles(
            args.query, limit=args.limit, offset=args.offset, filters=filters_of(args)
        )
    if args.json:
        _print_json(hits)
        return Exit.OK if hits else Exit.NOT_FOUND
    table = _table(f"{len(hits)} article(s) with {args.query!r}", ["article", "where", "text"])
    for h in hits:
        where = " · ".join(x for x in (h.outlet, h.published) if x)
        table.add_row("\n".join(x for x in (h.title, h.doc_id) if x), where, h.snippet)
    _console().print(table)
    return Exit.OK if hits else Exit.NOT_FOUND


def run_search(args: argparse.Namespace) -> int:
    if args.articles:
        return run_article_search(args)
    with _open(args) as store:
        hits = store.search(
            args.query,
            limit=args.limit,
            offset=args.offset,
            selection=selection_of(args),
            filters=filters_of(args),
        )
    if args.json:
        _print_json(hits)
        return Exit.OK if hits else Exit.NOT_FOUND
    table = _table(f"{len(hits)} match(es) for {args.query!r}", ["speaker", "quote", "article"])
    for h in hits:
        table.add_row(
            h.speaker_name or h.speaker or "—",
            h.content,
            "\n".join(x for x in (h.title, h.published, h.doc_id) if x),
        )
    _console().print(table)
    return Exit.OK if hits else Exit.NOT_FOUND


def run_speakers(args: argparse.Namespace) -> int:
    with _open(args) as store:
        rows = store.speakers(top=args.top, selection=selection_of(args), filters=filters_of(args))
    if args.json:
        _print_json(rows)
        return Exit.OK
    table = _table(f"{len(rows)} speaker(s)", ["id", "speaker", "type", "gender", "quotes",
                                               "articles", "also named"])  # fmt: skip
    for s in rows:
        also = ", ".join(a for a in s.aliases if a != s.name)
        table.add_row(str(s.id), s.name, s.type, s.gender or "", str(s.n_attributions),
                      str(s.n_articles), also)  # fmt: skip
    _console().print(table)
    return Exit.OK


def run_quotes(args: argparse.Namespace) -> int:
    with _open(args) as store:
        rows = store.quotes(
            speaker=args.speaker,
            speaker_id=args.speaker_id,
            kind=args.kind,
            selection=selection_of(args),
            filters=filters_of(args),
            limit=args.limit,
        )
        if args.speaker and not rows and not store.find_speakers(args.speaker):
            print(f"onrecord: no speaker called {args.speaker!r}", file=sys.stderr)
            return Exit.NOT_FOUND
    if args.json:
        _print_json(rows)
        return Exit.OK
    table = _table(f"{len(rows)} quote(s)", ["date", "speaker", "kind", "quote", "article"])
    for q in rows:
        table.add_row(
            q.published or "",
            q.speaker_name or q.speaker or "—",
            q.kind,
            q.content,
            "\n".join(x for x in (q.title, q.doc_id) if x),
        )
    _console().print(table)
    return Exit.OK


def run_show(args: argparse.Namespace) -> int:
    from rich.panel import Panel

    from onrecord.commands.highlight import highlighted_text, speaker_legend
    from onrecord.commands.render import article_table

    with _open(args) as store:
        article = store.get_article(args.doc_id)
        if article is None:
            ids = store.match_document_ids(args.doc_id, limit=2)
            if len(ids) > 1:
                raise OnrecordError(f"{args.doc_id!r} is the start of several ids; give more")
            article = store.get_article(ids[0]) if ids else None
    if article is None:
        print(f"onrecord: no document {args.doc_id!r}", file=sys.stderr)
        return Exit.NOT_FOUND
    if args.json:
        print(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))
        return Exit.OK
    meta = article.metadata
    heading = meta.get("title") or article.source or article.id
    details = " · ".join(
        str(x) for x in (meta.get("date"), meta.get("url") or article.source, article.id) if x
    )
    console = _console()
    console.print(Panel(highlighted_text(article), title=str(heading), subtitle=details))
    console.print(speaker_legend(article))
    console.print(article_table(article))
    return Exit.OK


def run_errors(args: argparse.Namespace) -> int:
    with _open(args) as store:
        rows = store.errors(limit=args.limit)
    if args.json:
        _print_json(rows)
        return Exit.OK
    table = _table(f"{len(rows)} input(s) not stored", ["source", "reason", "times", "last seen"])
    for e in rows:
        table.add_row(e.source, e.reason, str(e.count), e.last_seen)
    _console().print(table)
    return Exit.OK


@contextmanager
def _output(path: str) -> Iterator[TextIO]:
    if path == "-":
        yield sys.stdout
        return
    # Checked before (check_output), but the folder may have gone since, or the disk filled.
    try:
        with open(path, "w", encoding="utf-8", newline="") as out:
            yield out
    except OSError as exc:
        raise OnrecordError(f"--out {path}: cannot write there: {exc.strerror}") from None


def run_export(args: argparse.Namespace) -> int:
    from onrecord.store import export

    if args.format == "parquet" and args.out == "-":
        raise OnrecordError("parquet cannot go to stdout; give --out FILE")
    if args.out != "-":
        check_output("--out", args.out)
    chosen, wanted = selection_of(args), filters_of(args)
    with _open(args) as store:
        if args.format == "parquet":
            records = store.iter_attribution_records(chosen, wanted)
            n = export.write_parquet(records, Path(args.out))
        else:
            with _output(args.out) as out:
                if args.format == "jsonl":
                    n = export.write_jsonl(store.iter_articles(chosen, wanted), out)
                else:
                    n = export.write_csv(store.iter_attribution_records(chosen, wanted), out)
    what = "articles" if args.format == "jsonl" else "attributions"
    print(f"exported {n:,} {what} to {args.out}", file=sys.stderr)
    return Exit.OK
