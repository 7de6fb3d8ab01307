"""``onrecord claims``: claims across a store (docs/claims.md).

onrecord claims --db news.db --link                 # link new claims into corpus claims
onrecord claims --db news.db --link --engine dask --workers 4   # embed them on a cluster
onrecord claims "did not pull the trigger" --db news.db
onrecord claims --id 12 --db news.db --format json  # who is behind it, who disputes it
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from onrecord.commands.exits import Exit
from onrecord.commands.options import add_db_option
from onrecord.errors import InputError
from onrecord.store import default_db, open_store

if TYPE_CHECKING:
    from onrecord.claims.corpus import Linked
    from onrecord.store import Store


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "claims",
        help="claims across a store: link them, search them by meaning, show one's speakers",
    )
    p.add_argument("query", nargs="?", default="", help="words of a claim, searched by meaning")
    p.add_argument("--link", action="store_true", help="link the claims stored since last time")
    p.add_argument("--id", type=int, metavar="N", help="show corpus claim N")
    p.add_argument("--limit", type=int, default=20, metavar="N")
    p.add_argument("--format", "-f", choices=("table", "json"), default="table")
    add_db_option(p)
    g = p.add_argument_group("linking on a Dask cluster (--link --engine dask)")
    g.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="where --link embeds the claims (default: this process)")  # fmt: skip
    g.add_argument("--workers", type=int, metavar="N", help="dask: local workers to start")
    g.add_argument("--scheduler", metavar="ADDRESS", help="dask: a running cluster to use")
    p.set_defaults(func=run_claims)


# Claims a linking round sends to a cluster: enough chunks to keep every worker busy, few
# enough that a round's vectors (4096 x 384 floats, 6 MB) are small.
DASK_BATCH = 4096


def _link(store: Store, args: argparse.Namespace) -> Linked:
    from onrecord.claims.corpus import link_store

    if args.engine != "dask":
        if args.workers or args.scheduler:
            raise InputError("--workers and --scheduler are for --engine dask")
        return link_store(store)
    if args.scheduler and args.workers:
        raise InputError("--scheduler and --workers exclude each other")
    from onrecord.batch.cluster import open_client
    from onrecord.batch.embed import cluster_embedder
    from onrecord.batch.workers import cluster_workers

    with open_client(args.scheduler, cluster_workers(args.workers, DASK_BATCH)) as client:
        return link_store(store, batch=DASK_BATCH, embed=cluster_embedder(client))


def run_claims(args: argparse.Namespace) -> int:
    if not (args.link or args.query or args.id is not None):
        print("onrecord claims: give words to search, --id N or --link")
        return Exit.USAGE
    with open_store(args.db or default_db(), create=False) as store:
        if args.link:
            linked = _link(store, args)
            print(
                f"linked {linked.claims:,} claims; {linked.started:,} new corpus claims, "
                f"{linked.corpus:,} in all"
            )
        if args.id is not None:
            claim = store.corpus_claim(args.id)
            if claim is None:
                print(f"no corpus claim {args.id}")
                return Exit.NOT_FOUND
            if args.format == "json":
                print(json.dumps(claim.to_dict(), ensure_ascii=False, indent=2))
            else:
                print(f"[{claim.id}] {claim.text}  (first {claim.first_published or 'undated'})")
                for v in claim.voices:
                    where = " ".join(x for x in (v.outlet, v.published) if x)
                    print(f"  + {v.speaker or '?'}: {v.content}  ({where})")
                for v in claim.disputes:
                    print(f"  - {v.speaker or '?'} ({v.relation}): {v.content}")
        if args.query:
            hits = store.search_claims(args.query, limit=args.limit)
            if args.format == "json":
                print(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2))
            else:
                for h in hits:
                    print(f"[{h.id}] {h.similarity:.2f}  {h.text}  ({h.n_claims} claims)")
            if not hits:
                return Exit.NOT_FOUND
    return Exit.OK
