"""``onrecord serve --db PATH_OR_URL``: the HTTP API and the web reader over a store."""

from __future__ import annotations

import argparse
import ipaddress
import sys
from pathlib import Path

from onrecord import settings
from onrecord.commands.exits import Exit
from onrecord.commands.options import add_db_option, add_max_chars_option, add_pipeline_options
from onrecord.errors import OnrecordError
from onrecord.settings import DEFAULT_MAX_BODY, DEFAULT_MAX_CONNECTIONS
from onrecord.store.postgres import URL_PREFIXES

MAX_PORT = 65535


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "serve",
        help="serve the HTTP API and the web reader over a store",
        description="Serve the JSON API (POST /extract, POST /documents, GET /documents, "
        "/speakers, /search ...) and the web reader (/reader) over one store. Binds to "
        "127.0.0.1 unless --host says otherwise.",
    )
    add_db_option(p)
    p.add_argument(
        "--create",
        action="store_true",
        help="start an empty SQLite store when the one named is not there (default: refuse, "
        "so a mistyped --db does not serve an empty store)",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument(
        "--token",
        default=None,
        help="require 'Authorization: Bearer TOKEN' to store documents (default: "
        "$ONRECORD_TOKEN; none: anyone who can reach the server can store)",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        help="extraction processes, each with its own pipeline (default: 1; 0: a thread "
        "in the server process)",
    )
    add_pipeline_options(p)
    p.add_argument(
        "--max-body",
        type=int,
        default=DEFAULT_MAX_BODY,
        help=f"largest request body in bytes (default: {DEFAULT_MAX_BODY:,})",
    )
    add_max_chars_option(p)
    p.add_argument(
        "--timeout",
        type=float,
        default=60.0,
        help="give up on an extraction after this many seconds (default: 60)",
    )
    p.add_argument(
        "--max-connections",
        type=int,
        default=DEFAULT_MAX_CONNECTIONS,
        help="answer 503 beyond this many open connections (default: 100)",
    )
    p.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="also answer requests for this host name (repeatable; behind a reverse proxy, "
        "its public name). On a loopback address only loopback names are answered, against "
        "DNS rebinding; '*' answers any",
    )
    p.add_argument("--log-level", default="info", choices=("debug", "info", "warning", "error"))
    p.set_defaults(func=run)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def missing_store(target: str, *, named: bool) -> str | None:
    """Why ``serve`` refuses ``target`` without ``--create``, or None. A SQLite file that is
    not there would be made, and a mistyped ``--db stroe.db`` would serve an empty reader;
    ``named``: whether ``--db`` gave it (else it is ``$ONRECORD_DB`` or ``./onrecord.db``).
    A PostgreSQL URL is never refused here: the server makes no database, only its tables."""
    if target.startswith(URL_PREFIXES) or Path(target).exists():
        return None
    where = "" if named else " (the default: $ONRECORD_DB, else ./onrecord.db)"
    return (
        f"no store at {target}{where}: run `onrecord ingest` first, name one with --db, or "
        "pass --create to start an empty one"
    )


def check_model(name: str | None) -> None:
    """Fail before binding when the pipeline cannot be found, rather than on every request.
    Cheap: looks for the package or path without loading it."""
    import spacy.util

    resolved = settings.spacy_pipeline(name)
    if not (spacy.util.is_package(resolved) or Path(resolved).exists()):
        raise OnrecordError(
            f"cannot find the spaCy pipeline {resolved!r}: install it or pass --model NAME_OR_PATH"
        )


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from onrecord.serve.app import LOOPBACK_HOSTS, create_app
        from onrecord.serve.extraction import default_nlp_factory
        from onrecord.serve.protocol import SERVER_OPTIONS
    except ImportError as exc:
        raise OnrecordError(
            f"onrecord serve needs its extra dependencies ({exc.name} is missing): "
            "pip install 'onrecord[serve]'"
        ) from None
    from onrecord.store import default_db

    if args.workers < 0:
        raise OnrecordError("--workers must not be negative")
    if not 0 <= args.port <= MAX_PORT:
        # Else uvicorn's bind() fails with a traceback ("OverflowError: port must be 0-65535").
        raise OnrecordError(f"--port must be 0-{MAX_PORT} (0: any free port), not {args.port}")
    if args.max_body < 1 or args.max_chars < 1 or args.timeout <= 0:
        raise OnrecordError("--max-body, --max-chars and --timeout must be positive")
    target = args.db or default_db()
    missing = None if args.create else missing_store(target, named=bool(args.db))
    if missing:
        raise OnrecordError(missing)
    check_model(args.model)
    token = args.token or settings.serve_token()
    loopback = is_loopback(args.host)
    if not loopback and not token:
        print(
            f"onrecord: warning: serving on {args.host} without a token: anyone who can reach "
            "it can store documents (set --token or ONRECORD_TOKEN)",
            file=sys.stderr,
        )
    # On loopback, answer only to loopback names (DNS rebinding) plus those allowed; elsewhere
    # any name unless some are given.
    hosts = [*LOOPBACK_HOSTS, *args.allow_host] if loopback else list(args.allow_host)
    app = create_app(
        target,
        create=args.create,
        token=token,
        nlp_factory=default_nlp_factory(
            args.model, use_model=not args.no_model, reader=args.reader
        ),
        workers=args.workers,
        max_body=args.max_body,
        max_chars=args.max_chars,
        extract_timeout=args.timeout,
        allowed_hosts=hosts if hosts and "*" not in hosts else None,
    )
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        limit_concurrency=args.max_connections,
        **SERVER_OPTIONS,
    )
    return Exit.OK
