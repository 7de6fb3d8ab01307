"""``onrecord ingest INPUT... --engine dask``: the command half of a distributed ingest.

It turns the options into a ``Job``, starts (or reaches) the cluster, shows a bar of the
partitions done, loads the parts into SQLite when ``--db`` names one, prints the summary and
picks the exit status. The run itself, partitions on workers, is ``onrecord.batch.cluster``.
"""

from __future__ import annotations

import argparse
import json
import sys

from onrecord import settings
from onrecord.batch.cluster import (
    Job,
    PartitionResult,
    RunStats,
    WarmPipeline,
    mark_finished,
    open_client,
    pending,
    run_partitions,
)
from onrecord.batch.load import load_parts
from onrecord.batch.parquet import LoadStats
from onrecord.batch.partitions import plan_partitions
from onrecord.batch.workers import cluster_workers
from onrecord.commands.exits import Exit
from onrecord.commands.progress import progress_bar
from onrecord.errors import InputError
from onrecord.readers.jsonl import Fields

PG_PREFIXES = ("postgresql://", "postgres://")


def job_from_args(args: argparse.Namespace) -> Job:
    db = args.db
    postgres = bool(db) and db.startswith(PG_PREFIXES)
    if not args.out and not postgres:
        raise InputError(
            "--engine dask writes Parquet (--out DIR) and/or PostgreSQL (--db postgresql://...)"
            "; SQLite takes one writer: pass --out DIR too and it is loaded from there"
        )

    return Job(
        out=args.out,
        db=db if postgres else None,
        # Resolved here, so every worker loads what this command names, whatever its own
        # $ONRECORD_MODEL says.
        model=settings.spacy_pipeline(args.model),
        use_model=not args.no_model,
        reader=settings.reader(args.reader),
        max_chars=args.max_chars,
        batch_size=args.batch_size,
        encoding=args.encoding,
        fields=Fields(args.text_field, args.id_field, args.title_field, args.url_field,
                      args.date_field),
    )  # fmt: skip


def summary_line(stats: RunStats, target: str) -> str:
    d = stats.to_dict()
    head = "interrupted: " if stats.interrupted else ""
    before = f", {stats.done_before} done before" if stats.done_before else ""
    return (
        f"{head}{stats.partitions} partitions{before}: extracted {stats.documents:,}, "
        f"errors {stats.errors:,} in {d['seconds']:.1f} s ({d['docs_per_s']:.1f} docs/s, "
        f"{d['words_per_s']:,.0f} words/s) -> {target}"
    )


def run_dask(args: argparse.Namespace) -> int:
    """``onrecord ingest --engine dask``: returns the exit status."""
    if args.scheduler and args.workers:
        raise InputError("--scheduler and --workers exclude each other")
    job = job_from_args(args)
    partitions = plan_partitions(args.inputs, args.partition_size)
    todo, foreign = pending(partitions, job.out)
    if foreign:
        print(
            f"onrecord: warning: {len(foreign)} part files in {job.out} are not from these "
            "inputs; they are left there (and `onrecord load` reads them)",
            file=sys.stderr,
        )
    stats = RunStats(partitions=len(partitions), done_before=len(partitions))
    if todo:
        # Each worker loads the pipeline: no more of them than there is work for.
        workers = cluster_workers(args.workers, len(todo))
        with (
            open_client(args.scheduler, workers) as client,
            progress_bar("partitions", quiet=args.quiet) as bar,
        ):
            client.register_plugin(WarmPipeline(job))
            task_id = bar.add_task("ingesting", total=len(todo))

            def show(s: RunStats, _: PartitionResult) -> None:
                counts = f"extracted {s.documents:,} · errors {s.errors:,}"
                bar.update(task_id, advance=1, description=counts)

            stats = run_partitions(client, partitions, job, on_result=show)
    elif job.out:
        mark_finished(job.out, partitions)
    targets = [t for t in (job.out, job.db) if t]
    loaded = None
    if args.db and not job.db and not stats.interrupted:
        from onrecord.store import open_store

        with open_store(args.db) as store:
            loaded = load_parts(job.out or "", store)
            targets.append(store.target)
    report(args, stats, loaded, " + ".join(targets))
    return exit_status(stats, loaded)


def report(args: argparse.Namespace, stats: RunStats, loaded: LoadStats | None,
           target: str) -> None:  # fmt: skip
    """The summary: JSON on stdout with ``--json``, else lines on stderr."""
    if args.json:
        print(json.dumps({**stats.to_dict(), "target": target,
                          "loaded": loaded.to_dict() if loaded else None}))  # fmt: skip
        return
    print(summary_line(stats, target), file=sys.stderr)
    if loaded:
        print(f"loaded {loaded.stored:,}, skipped {loaded.skipped:,} (already stored), "
              f"errors {loaded.errors:,} into {args.db}", file=sys.stderr)  # fmt: skip
    for failure in stats.failed:
        print(f"onrecord: partition failed: {failure}", file=sys.stderr)


def exit_status(stats: RunStats, loaded: LoadStats | None) -> Exit:
    if stats.interrupted:
        return Exit.INTERRUPTED
    failed = stats.errors or stats.failed or (loaded and loaded.errors)
    return Exit.SOME_FAILED if failed else Exit.OK
