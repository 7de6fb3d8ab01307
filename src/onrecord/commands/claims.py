"""``onrecord claims``: claims across a store (docs/claims.md).

onrecord claims --db news.db --link                 # link new claims into corpus claims
onrecord claims "did not pull the trigger" --db news.db
onrecord claims --id 12 --db news.db --format json  # who is behind it, who disputes it
"""

from __future__ import annotations

import argparse
import json

from onrecord.commands.exits import Exit
from onrecord.commands.options import add_db_option
from onrecord.store import default_db, open_store


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
    p.set_defaults(func=run_claims)


def run_claims(args: argparse.Namespace) -> int:
    from onrecord.claims.corpus import link_store

    if not (args.link or args.query or args.id is not None):
        print("onrecord claims: give words to search, --id N or --link")
        return Exit.USAGE
    with open_store(args.db or default_db(), create=False) as store:
        if args.link:
            linked = link_store(store)
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
