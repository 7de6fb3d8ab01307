"""The output side: the clusters worth returning, numbered and named, and the speakers and
addressee entities written into the attributions."""

from __future__ import annotations

from collections.abc import Sequence

from onrecord.clean import is_in_boilerplate
from onrecord.record import Boilerplate, Entity, Speaker
from onrecord.record import Span as RecordSpan
from onrecord.speakers.clusters import Cluster, Context
from onrecord.speakers.lexicon import shipped_words
from onrecord.speakers.organizations import NAMED_AFTER
from onrecord.speakers.run import Resolution, Run


def canonical_name(cluster: Cluster) -> str:
    """The fullest name the article uses, else the role relative to its owner ("Lisa
    Torraco's client"), else the phrase that introduced it."""
    if cluster.displays:
        return max(cluster.displays, key=lambda d: (len(d.split()), len(d)))
    if cluster.owner is not None and cluster.role:
        owner = canonical_name(cluster.owner)
        if cluster.role in NAMED_AFTER and cluster.owner.type == "person":
            return f"{surname(owner)} {cluster.role}"  # "her campaign": the Clinton campaign
        return f"{owner}'s {cluster.role}"
    phrases = [p for p in (cluster.nominal, *cluster.phrases) if p]
    if not phrases:
        return "unknown"
    return max(phrases, key=lambda p: len(p.split()))


def surname(name: str) -> str:
    """A person's surname as a name's last word, past a suffix: "Robert Akins Jr." -> Akins."""
    words = name.split()
    suffixes = shipped_words("name_suffixes")
    while len(words) > 1 and words[-1].lower().rstrip(".,") in suffixes:
        words.pop()
    return words[-1] if words else name


def finalize(
    ctx: Context, boilerplate: Sequence[Boilerplate] = ()
) -> tuple[list[Entity], dict[Cluster, str]]:
    """The entities to return, numbered in order of first mention, and their ids."""
    body = {
        c: [(s, e) for s, e in c.spans if not is_in_boilerplate(boilerplate, s, e)]
        for c in ctx.clusters
    }
    kept = [c for c in ctx.clusters if c.spans and (c.referenced or (c.listed and body[c]))]
    kept.sort(key=lambda c: (min(c.spans), c.order))
    ids = {c: f"E{n}" for n, c in enumerate(kept, start=1)}
    text = ctx.doc.text
    if boilerplate:
        for c in kept:
            # Named as the story names it: "(AP Photo/Dana Whitcombe)" in a caption is not
            # the name of the Associated Press of the dateline.
            said = [text[s:e] for s, e in body[c]]
            shown = [d for d in c.displays if any(d in b for b in said)]
            if shown:
                c.displays = shown
    entities = [
        Entity(
            ids[c],
            canonical_name(c),
            c.type,
            [RecordSpan.of(text, s, e) for s, e in sorted(c.spans)],
            c.gender if c.type in ("person", "anonymous") else None,
        )
        for c in kept
    ]
    return entities, ids


def speaker_of(result: Resolution, ids: dict[Cluster, str]) -> Speaker:
    """The record's Speaker for a resolution."""
    c = result.cluster
    if c is None:
        return Speaker(result.name, result.type, None)
    others = [o for o in result.others if o in ids]
    if not others or c not in ids:
        return Speaker(canonical_name(c), c.type, ids.get(c))
    # "Trump and Clinton said": both, the first also as ``entity`` for readers of one.
    names = [canonical_name(x) for x in (c, *others)]
    return Speaker(
        " and ".join([", ".join(names[:-1]), names[-1]]),
        c.type,
        ids[c],
        tuple(ids[x] for x in (c, *others)),
    )


def apply_results(run: Run, ids: dict[Cluster, str]) -> None:
    """Write speakers and addressee entities into the attributions."""
    for k, a in enumerate(run.attributions):
        if k in run.sources:
            a.speaker = speaker_of(run.sources[k], ids)
        found = run.addressees.get(k)
        if a.addressee is not None and found is not None and found.cluster in ids:
            a.addressee.entity = ids[found.cluster]  # type: ignore[index]
