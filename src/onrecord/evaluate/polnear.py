"""Read PolNeAR (brat standoff) into gold :class:`~onrecord.record.Article` records.

A split folder holds ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann``. Gold and
predictions share one type so the scorer needs no second representation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from onrecord import settings
from onrecord.errors import InputError
from onrecord.record import Article, Attribution, Span

# Only the head of a T line is trusted: its text field may run over several lines (a
# discontinuous span is written with its pieces' texts joined, newlines included), so the
# text always comes from the .txt file by offset.
_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d; ]+)\t", re.MULTILINE)
_E_LINE = re.compile(r"^(E\d+)\t([^\n]*)$", re.MULTILINE)

# "Content2" marks a second content piece of the same attribution (a quote resumed after
# an interruption); it is folded into the content span as another fragment.
_ROLE_OF_ARG = {"Content": "content", "Content2": "content", "Cue": "cue", "Source": "source"}

_OPENING_QUOTES = "\"'“‘«„"
_QUOTES = _OPENING_QUOTES + "”’»"


@dataclass(frozen=True)
class TextBound:
    """One ``T`` annotation: a label over one or more character ranges."""

    id: str
    label: str
    pieces: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Event:
    """One ``E`` annotation: its trigger label and its ``role -> T id`` arguments in order."""

    id: str
    label: str
    args: tuple[tuple[str, str], ...]


def default_corpus_dir() -> Path:
    """``$ONRECORD_POLNEAR``, else ``../shared/corpora/polnear`` beside the repository."""
    env = settings.polnear_dir()
    if env:
        return Path(env)
    return (Path(__file__).resolve().parents[3] / "../shared/corpora/polnear").resolve()


def parse_pieces(field: str) -> tuple[tuple[int, int], ...]:
    """``"3 9;12 20"`` -> ``((3, 9), (12, 20))``."""
    pieces = []
    for part in field.split(";"):
        start, end = part.split()
        pieces.append((int(start), int(end)))
    return tuple(pieces)


def parse_ann(ann: str) -> tuple[dict[str, TextBound], list[Event]]:
    """The text-bound annotations (by id) and events of one .ann file; other lines
    (AnnotatorNotes, continuation lines of multi-line texts) are ignored."""
    bounds = {
        m.group(1): TextBound(m.group(1), m.group(2), parse_pieces(m.group(3)))
        for m in _T_LINE.finditer(ann)
    }
    events = []
    for m in _E_LINE.finditer(ann):
        args = [_role_and_id(arg) for arg in m.group(2).split() if ":" in arg]
        if args:
            # The first argument is the trigger (Attribution / Attribution-no-source).
            events.append(Event(m.group(1), args[0][0], tuple(args[1:])))
    return bounds, events


def _role_and_id(arg: str) -> tuple[str, str]:
    role, tid = arg.split(":", 1)
    return role, tid


def guess_kind(content: Span) -> str:
    """PolNeAR has no quote kinds; guess one from quote marks so gold reads like output.
    Not scored: it only makes gold error records easier to read."""
    body = content.text.strip()
    if not body:
        return "indirect"
    if body[0] in _OPENING_QUOTES:
        return "direct"
    # Apostrophes double as single quotes, so only double quotes mark a mixed quote.
    if any(ch in _QUOTES for ch in body if ch not in "'’‘"):
        return "mixed"
    return "indirect"


def _span(text: str, pieces: list[tuple[int, int]], where: str) -> Span | None:
    pieces = [p for p in pieces if p[1] > p[0]]
    if not pieces:
        return None
    for start, end in pieces:
        if not 0 <= start < end <= len(text):
            raise InputError(f"{where}: offsets {start}-{end} outside the text ({len(text)})")
    return Span.from_pieces(text, pieces)


def attributions_from_ann(text: str, ann: str, where: str = "") -> list[Attribution]:
    """Gold attributions: one per event that has a Content argument."""
    bounds, events = parse_ann(ann)
    out: list[Attribution] = []
    for event in events:
        pieces: dict[str, list[tuple[int, int]]] = {"content": [], "cue": [], "source": []}
        for arg_role, tid in event.args:
            role = _ROLE_OF_ARG.get(arg_role)
            if role is not None and tid in bounds:
                pieces[role].extend(bounds[tid].pieces)
        content = _span(text, pieces["content"], f"{where} {event.id}")
        if content is None:
            continue
        out.append(
            Attribution(
                id=event.id,
                kind=guess_kind(content),
                content=content,
                cue=_span(text, pieces["cue"], f"{where} {event.id}"),
                source=_span(text, pieces["source"], f"{where} {event.id}"),
                confidence=1.0,
            )
        )
    out.sort(key=lambda a: (a.content.start, a.content.end, a.id))
    return out


def read_text(path: Path) -> str:
    # newline="" keeps "\r\n" as two characters: the offsets count them.
    with path.open(encoding="utf-8", newline="") as fh:
        return fh.read()


def annotation_files(split_dir: Path) -> dict[str, Path]:
    """Article name -> its annotation file; with several annotators, the first in sorted
    order, so every run reads the same gold."""
    chosen: dict[str, Path] = {}
    texts = {p.stem for p in (split_dir / "text").glob("*.txt")}
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        if name in texts and name not in chosen:
            chosen[name] = ann
    return chosen


def iter_split(split_dir: str | Path, limit: int | None = None) -> Iterator[Article]:
    """Gold articles of one split, in sorted name order; articles without annotations are
    skipped (nothing to score them against)."""
    split_dir = Path(split_dir)
    if not (split_dir / "text").is_dir() or not (split_dir / "attributions").is_dir():
        raise InputError(f"{split_dir}: not a PolNeAR split (needs text/ and attributions/)")
    for n, (name, ann_path) in enumerate(sorted(annotation_files(split_dir).items())):
        if limit is not None and n >= limit:
            return
        text_path = split_dir / "text" / f"{name}.txt"
        text = read_text(text_path)
        ann = ann_path.read_text(encoding="utf-8")
        yield Article(
            id=name,
            text=text,
            source=str(text_path),
            attributions=attributions_from_ann(text, ann, str(ann_path)),
            metadata={
                "annotation": ann_path.name,
                "annotator": ann_path.stem.rsplit("_", 1)[1],
            },
        )


def read_split(split_dir: str | Path, limit: int | None = None) -> list[Article]:
    return list(iter_split(split_dir, limit))
