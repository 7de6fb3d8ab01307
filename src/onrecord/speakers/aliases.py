"""Finding the entity a description repeats by its aliases: "the assistant director" is whoever
was called that before (or, in a lede that describes before it names, is named so later)."""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Token

from onrecord.speakers.clusters import Cluster, Context, is_plural


def alias_match(
    ctx: Context, head: Token, keys: set[str], types: Collection[str]
) -> Cluster | None:
    """The entity of a fitting type and number that has one of ``keys`` as an alias: the
    longest matching alias first ("assistant director" over "director"), then the most
    recent."""
    best: tuple[int, int, int] | None = None
    found = None
    plural = is_plural(head)
    for c in ctx.clusters:
        if c.type not in types or c.plural != plural:
            continue
        shared = keys & c.aliases
        last = c.last_before(head.i)
        if not shared or last < 0:
            continue  # a definite description repeats someone already mentioned
        rank = (max(len(s) for s in shared), last, -c.order)
        if best is None or rank > best:
            best, found = rank, c
    return found if found is not None else named_later(ctx, keys, types, plural)


def named_later(
    ctx: Context, keys: set[str], types: Collection[str], plural: bool
) -> Cluster | None:
    """A named entity introduced after the description: news ledes describe before they
    name ("The assistant director who handed Baldwin the gun ... " and only later
    "assistant director David Halls"). The longest shared alias wins, then the first named."""
    best: tuple[int, int] | None = None
    found = None
    for c in ctx.clusters:
        if c.type not in types or c.plural != plural or not c.names:
            continue
        shared = keys & c.aliases
        if shared and c.positions:
            rank = (max(len(s) for s in shared), -min(c.positions))
            if best is None or rank > best:
                best, found = rank, c
    return found
