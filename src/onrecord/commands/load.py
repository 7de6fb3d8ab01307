"""``onrecord load DIR --db PATH_OR_URL``: Parquet parts of a distributed ingest into a store.

SQLite takes one writer, so Dask workers write Parquet and this loads it, idempotently:
documents already stored are skipped by hash, error rows already recorded are not counted
again, so a rerun (or a load of a directory a rerun added parts to) stores each one once.
"""

from __future__ import annotations

import argparse
import json
import sys

from onrecord.batch.load import finished, load_parts
from onrecord.batch.parquet import LoadStats
from onrecord.commands.exits import Exit
from onrecord.commands.options import add_db_option
from onrecord.commands.progress import progress_bar
from onrecord.store import default_db, open_store


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "load",
        help="load the Parquet output of `onrecord ingest --engine dask` into a store",
        description="Load the part files a distributed ingest wrote (--out DIR) into SQLite "
        "or PostgreSQL. Documents already stored are skipped by hash, so loading again is "
        "harmless; error rows become the store's errors (see `onrecord errors`).",
    )
    p.add_argument("dir", metavar="DIR", help="the --out directory (or s3://, gs:// URI)")
    add_db_option(p)
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    quiet = args.quiet or args.json
    if not finished(args.dir) and not quiet:
        print(f"onrecord: warning: {args.dir} has no _SUCCESS: the ingest that writes it has "
              "not finished; loading the parts written so far", file=sys.stderr)  # fmt: skip
    with (
        open_store(args.db or default_db()) as store,
        progress_bar("files", quiet=quiet) as bar,
    ):
        task = bar.add_task("loading", total=None)

        def show(stats: LoadStats, total: int) -> None:
            bar.update(task, total=total, completed=stats.files,
                       description=f"stored {stats.stored:,}")  # fmt: skip

        stats = load_parts(args.dir, store, on_file=show)
        target = store.target
    if args.json:
        print(json.dumps({**stats.to_dict(), "db": target}))
    else:
        print(f"loaded {stats.files} files: stored {stats.stored:,}, skipped "
              f"{stats.skipped:,} (already stored), errors {stats.errors:,} -> {target}",
              file=sys.stderr)  # fmt: skip
    return Exit.SOME_FAILED if stats.errors else Exit.OK
