"""``onrecord audit``: who gets quoted, by outlet and time (``onrecord.audit``).

onrecord audit --db news.db --by outlet,month --scope speech --format csv
"""

from __future__ import annotations

import argparse
import json

from onrecord.commands.exits import Exit
from onrecord.commands.options import (
    add_db_option,
    add_filter_options,
    add_selection_options,
    filters_of,
    selection_of,
)
from onrecord.store import default_db, open_store


def grouping(value: str) -> tuple[str, ...]:
    from onrecord.audit import parse_by

    try:
        return parse_by(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "audit",
        help="a source audit: attributions, speakers, shares by type, gender and kind, "
        "by outlet and time",
    )
    p.add_argument(
        "--by",
        type=grouping,
        default=(),
        metavar="G,G",
        help="group by outlet, month, week, outlet,month or outlet,week (default: one total)",
    )
    add_selection_options(p)
    add_filter_options(p)
    p.add_argument(
        "--top",
        type=int,
        default=5,
        metavar="N",
        help="list each group's N most quoted speakers (default 5)",
    )
    p.add_argument("--format", "-f", choices=("table", "json", "csv"), default="table")
    add_db_option(p)
    p.set_defaults(func=run_audit)


def run_audit(args: argparse.Namespace) -> int:
    from onrecord.audit import csv_text, table_text

    with open_store(args.db or default_db(), create=False) as store:
        audit = store.audit(
            by=args.by, selection=selection_of(args), filters=filters_of(args), top=args.top
        )
    if args.format == "json":
        print(json.dumps(audit.to_dict(), ensure_ascii=False, indent=2))
    elif args.format == "csv":
        print(csv_text(audit), end="")
    else:
        print(table_text(audit), end="")
    return Exit.OK if audit.total.attributions else Exit.NOT_FOUND
