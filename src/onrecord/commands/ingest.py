"""``onrecord ingest INPUT... --db PATH_OR_URL``: read a corpus, extract, store, resumably."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Iterator
from itertools import chain
from typing import Any

from onrecord import settings
from onrecord.batch.local import IngestStats, run_ingest
from onrecord.batch.workers import cpu_count, local_workers
from onrecord.commands.exits import Exit
from onrecord.commands.options import add_db_option, add_pipeline_options, add_text_options
from onrecord.commands.progress import progress_bar
from onrecord.document import Document
from onrecord.errors import InputError
from onrecord.readers import read_inputs
from onrecord.readers.paths import (
    absolute_inputs,
    count_documents,
    document_suffixes,
    missing_input,
)
from onrecord.record import Article
from onrecord.settings import DEFAULT_COMMIT_EVERY, DEFAULT_PARTITION_SIZE
from onrecord.store import default_db, open_store

ENGINES = ("local", "dask")


def add_reader_options(p: argparse.ArgumentParser) -> None:
    add_text_options(p)
    p.add_argument("--text-field", default="text", help="JSONL: the text's key (default: text)")
    p.add_argument("--id-field", help="JSONL: a key to use as the id (default: content hash)")
    p.add_argument("--title-field", default="title", help="JSONL: the title's key")
    p.add_argument("--url-field", default="url", help="JSONL: the URL's key")
    p.add_argument("--date-field", default="date", help="JSONL: the publication date's key")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "ingest",
        help="extract attributions from a corpus into a searchable store",
        description="Read text, HTML, JSONL and WARC files (folders recursively, globs, or - "
        "for stdin), extract attributions in parallel and store them. Rerunning skips what is "
        "stored already, so an interrupted ingest resumes; inputs that cannot be read or "
        "extracted are kept as errors (see `onrecord errors`).",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders, globs, or -")
    add_db_option(p)
    p.add_argument(
        "--n-process",
        type=int,
        default=None,
        metavar="N",
        help=f"worker processes (default: the CPUs available, here {cpu_count()})",
    )
    p.add_argument("--batch-size", type=int, default=16, metavar="N", help="documents a batch")
    p.add_argument(
        "--commit-every",
        type=int,
        default=DEFAULT_COMMIT_EVERY,
        metavar="N",
        help=f"commit after this many documents (default: {DEFAULT_COMMIT_EVERY})",
    )
    add_pipeline_options(p)
    add_reader_options(p)
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    add_engine_options(p)
    p.set_defaults(func=run)


def add_engine_options(p: argparse.ArgumentParser) -> None:
    """Options of the distributed engine (``onrecord.commands.ingest_dask``)."""

    g = p.add_argument_group("distributed ingest (--engine dask)")
    g.add_argument(
        "--engine",
        choices=ENGINES,
        default="local",
        help="local: worker processes on this machine (default); dask: a Dask cluster",
    )
    g.add_argument("--workers", type=int, metavar="N", help="dask: local workers to start")
    g.add_argument("--scheduler", metavar="ADDRESS", help="dask: a running cluster to use")
    g.add_argument("--out", metavar="DIR", help="dask: folder for the Parquet part files")
    g.add_argument(
        "--partition-size",
        type=int,
        default=DEFAULT_PARTITION_SIZE,
        metavar="N",
        help=f"dask: documents per partition (default {DEFAULT_PARTITION_SIZE})",
    )


def _check_model(name: str | None) -> None:
    """Fail before any work when the pipeline is not installed; loading it waits until
    there is a document to extract."""
    import spacy

    resolved = settings.spacy_pipeline(name)
    if not (spacy.util.is_package(resolved) or os.path.isdir(resolved)):
        raise InputError(
            f"cannot find the spaCy pipeline {resolved!r}: install it or pass --model NAME_OR_PATH"
        )


def extractors(args: argparse.Namespace, n_process: int) -> tuple[Any, Any]:
    """``extract_many`` and ``extract_one`` bound to the command's options."""
    from onrecord.pipeline import extract, extract_many, load_pipeline

    use_model = not args.no_model

    def main_nlp() -> Any:
        return load_pipeline(
            args.model, use_model=use_model, max_chars=args.max_chars, reader=args.reader
        )

    _check_model(args.model)

    def many(documents: Iterable[Document]) -> Iterator[Article]:
        # The pipeline loads only once there is something to extract, so a rerun that
        # skips everything stored finishes in a moment.
        pending = iter(documents)
        first = next(pending, None)
        if first is None:
            return
        yield from extract_many(
            chain([first], pending),
            nlp=main_nlp() if n_process == 1 else None,
            n_process=n_process,
            batch_size=args.batch_size,
            use_model=use_model,
            reader=args.reader,
            model=args.model,
        )

    def one(document: Document) -> Article:
        return extract(
            document.text,
            nlp=main_nlp(),
            doc_id=document.id,
            source=document.source,
            metadata=document.metadata,
            max_chars=args.max_chars,
        )

    return many, one


def summary_line(stats: IngestStats, target: str) -> str:
    head = "interrupted: " if stats.interrupted else ""
    return (
        f"{head}stored {stats.stored:,}, skipped {stats.skipped:,} (already stored), "
        f"errors {stats.errors:,} in {stats.elapsed:.1f} s ({stats.docs_per_s:.1f} docs/s) "
        f"-> {target}"
    )


def check_inputs(inputs: list[str]) -> None:
    """Refuse, before any work, inputs that name nothing, with the names as typed:
    ``onrecord: error: /nonexistent: no such file or directory``. Files that exist but cannot
    be read are the store's error rows; these are a mistake in the command."""
    missing = [f"{arg}: {why}" for arg in inputs if (why := missing_input(arg))]
    if missing:
        raise InputError("; ".join(missing))


def run(args: argparse.Namespace) -> int:
    check_inputs(args.inputs)
    args.inputs = absolute_inputs(args.inputs)
    if args.engine == "dask":
        # Only here: it imports dask.distributed, seconds every other command need not pay.
        from onrecord.commands.ingest_dask import run_dask

        return run_dask(args)
    given = [f"--{n}" for n in ("out", "workers", "scheduler") if getattr(args, n, None)]
    if given:
        raise InputError(f"{', '.join(given)}: only with --engine dask")
    total = count_documents(args.inputs)
    if total == 0:
        # A folder of .md or .csv files is there, so not a usage error, but an ingest that
        # stores nothing and says only "stored 0" leaves a newcomer guessing why.
        print(f"onrecord: warning: no documents in the inputs (folders are read for "
              f"{document_suffixes()} files)", file=sys.stderr)  # fmt: skip
    n_process = local_workers(args.n_process, total, args.batch_size)
    many, one = extractors(args, n_process)
    with open_store(args.db or default_db()) as store:
        items = read_inputs(
            args.inputs,
            encoding=args.encoding,
            max_chars=args.max_chars,
            text_field=args.text_field,
            id_field=args.id_field,
            title_field=args.title_field,
            url_field=args.url_field,
            date_field=args.date_field,
        )
        with progress_bar("docs", quiet=args.quiet) as progress:
            task = progress.add_task("ingesting", total=total)

            def show(stats: IngestStats) -> None:
                progress.update(
                    task,
                    completed=stats.done,
                    description=f"stored {stats.stored} · skipped {stats.skipped} "
                    f"· errors {stats.errors}",
                )

            stats = run_ingest(
                items, store, many, extract_one=one, commit_every=args.commit_every,
                on_progress=show,
            )  # fmt: skip
            progress.update(task, total=stats.done, completed=stats.done)
        target = store.target
    if args.json:
        print(json.dumps({**stats.to_dict(), "db": target, "n_process": n_process}))
    else:
        print(summary_line(stats, target), file=sys.stderr)
        if stats.errors:
            print("see the errors with: onrecord errors --db " + target, file=sys.stderr)
    if stats.interrupted:
        return Exit.INTERRUPTED
    return Exit.SOME_FAILED if stats.errors else Exit.OK
