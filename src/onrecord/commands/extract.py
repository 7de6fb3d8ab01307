"""``onrecord extract FILE...``: the record of each article, as a table, JSON or JSON Lines."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from onrecord.commands.exits import Exit
from onrecord.commands.options import (
    add_pipeline_options,
    add_selection_options,
    add_text_options,
    selection_of,
)
from onrecord.document import Document, DocumentError
from onrecord.record import Article
from onrecord.scope import Selection, select

FORMATS = ("table", "json", "jsonl")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "extract",
        help="find who said what in articles (plain text files or - for stdin)",
        description="Extract attributions and speakers from articles. Plain-text files are "
        "read as UTF-8; .html/.htm files through trafilatura; - reads standard input, as "
        "`onrecord ingest -` does: a web page as HTML, JSON Lines a document a line, else "
        "plain text.",
    )
    p.add_argument("inputs", nargs="+", metavar="FILE", help="article files, or - for stdin")
    p.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        default=None,
        help="output format (default: table on a terminal, jsonl otherwise)",
    )
    add_pipeline_options(p)
    add_selection_options(p)
    add_text_options(p)
    p.add_argument("--id", dest="doc_id", help="record id for standard input (default: stdin)")
    p.add_argument("--no-text", action="store_true", help="leave the article text out of JSON")
    p.set_defaults(func=run)


def stdin_documents(
    stream: BinaryIO, *, encoding: str | None, max_chars: int, stdin_id: str | None = None
) -> Iterator[Document | DocumentError]:
    """Standard input read as ``onrecord ingest -`` reads it (``readers.read_stream`` sniffs
    it): a web page through the HTML reader, so ``curl URL | onrecord extract -`` gives the
    article and not "DOCTYPE"; JSON Lines one document a line; anything else plain text. The
    one document of a page or a text is ``stdin_id`` (default ``stdin``); a JSON line keeps
    the id the JSONL reader gives it (its content hash), one id cannot name several."""
    from onrecord.readers import read_stream
    from onrecord.readers.jsonl import Fields
    from onrecord.readers.paths import STDIN

    for item in read_stream(stream, Fields(), encoding=encoding, max_chars=max_chars):
        # The whole stream's document has source "-"; a JSON line's is "-:3".
        if isinstance(item, Document) and item.source == STDIN:
            item.id = stdin_id or "stdin"
        yield item


def read_documents(
    inputs: list[str], *, encoding: str | None, max_chars: int, stdin_id: str | None = None
) -> Iterator[Document | DocumentError]:
    """Each input as a document, or as an error that says why it cannot be one."""
    from onrecord.readers.txt import read_text_file

    for name in inputs:
        if name == "-":
            yield from stdin_documents(
                sys.stdin.buffer, encoding=encoding, max_chars=max_chars, stdin_id=stdin_id
            )
            continue
        path = Path(name)
        if path.is_dir():
            yield DocumentError(name, "is a directory (use `onrecord ingest` for folders)")
            continue
        if not path.exists():
            yield DocumentError(name, "no such file")
            continue
        if path.suffix.lower() in {".html", ".htm"}:
            from onrecord.readers.html import read_html_file

            doc = read_html_file(path, encoding=encoding, max_chars=max_chars)
        else:
            doc = read_text_file(path, encoding=encoding, max_chars=max_chars)
        if isinstance(doc, Document):
            doc.id = path.stem
        yield doc


def run(args: argparse.Namespace) -> int:
    from onrecord.pipeline import load_pipeline

    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    failed = 0
    good: list[Document] = []
    for item in read_documents(
        args.inputs, encoding=args.encoding, max_chars=args.max_chars, stdin_id=args.doc_id
    ):
        if isinstance(item, DocumentError):
            failed += 1
            print(f"onrecord: {item.source}: {item.reason}", file=sys.stderr)
        else:
            good.append(item)
    if good:
        nlp = load_pipeline(
            args.model,
            use_model=not args.no_model,
            max_chars=args.max_chars,
            reader=args.reader,
        )
        articles = _extract_each(good, nlp, selection_of(args))
        failed += write(articles, fmt, include_text=not args.no_text)
    return Exit.SOME_FAILED if failed else Exit.OK


def _extract_each(
    documents: list[Document], nlp: object, chosen: Selection | None = None
) -> Iterator[Article | DocumentError]:
    from onrecord.pipeline import extract

    for d in documents:
        try:
            article = extract(
                d.text,
                nlp=nlp,
                doc_id=d.id,
                source=d.source,  # type: ignore[arg-type]
                metadata=d.metadata,
            )
            yield select(article, chosen) if chosen is not None else article
        except Exception as exc:  # one bad document must not end the batch
            yield DocumentError(d.source or d.id, f"extraction failed: {exc!r}", d.id)


def write(items: Iterator[Article | DocumentError], fmt: str, *, include_text: bool) -> int:
    """Print the records; report the failures on stderr. Returns the number of failures."""
    failed = 0
    collected: list[dict[str, object]] = []
    console = None
    if fmt == "table":
        from rich.console import Console

        console = Console()
    for item in items:
        if isinstance(item, DocumentError):
            failed += 1
            print(f"onrecord: {item.source}: {item.reason}", file=sys.stderr)
            continue
        if fmt == "jsonl":
            sys.stdout.write(
                json.dumps(item.to_dict(include_text=include_text), ensure_ascii=False) + "\n"
            )
        elif fmt == "json":
            collected.append(item.to_dict(include_text=include_text))
        else:
            from onrecord.commands.render import article_table

            assert console is not None
            console.print(article_table(item))
    if fmt == "json":
        sys.stdout.write(json.dumps(collected, ensure_ascii=False, indent=2) + "\n")
    return failed
