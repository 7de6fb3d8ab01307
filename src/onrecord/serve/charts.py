"""The Sources page's charts as geometry: stacked bars of shares per outlet and a line per
share over time, in SVG user units for the template to draw.

Like ``markup``, nothing here makes HTML or SVG text: the template writes the elements, so
every label (an outlet's name is input) reaches the page escaped. Every mark carries a title
(a tooltip and what a screen reader says) and the page puts a table beside each chart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from onrecord.audit import AuditGroup

BAR_WIDTH = 600  # the bars' full length: 100%
BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 170
LINE_WIDTH = 640
LINE_HEIGHT = 220
MARGIN = 36


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    css: str  # the class that colours it: "seg-person", "seg-female" ...
    title: str


@dataclass(frozen=True)
class Bar:
    label: str
    y: float
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class StackedBars:
    title: str
    parts: tuple[tuple[str, str], ...]  # (part, css class), the legend
    bars: tuple[Bar, ...]
    width: float
    height: float
    label_width: float = LABEL_WIDTH


def _percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def stacked_bars(
    title: str,
    groups: Sequence[AuditGroup],
    parts: Sequence[str],
    counts: Callable[[AuditGroup], dict[str, int]],
    whole: Callable[[AuditGroup], int],
) -> StackedBars:
    """One bar per group, its segments each part's share of ``whole``: "apnews.com:
    female 31% (412 of 1,329)"."""
    bars = []
    for i, group in enumerate(groups):
        total, x, segments = whole(group), 0.0, []
        for part in parts:
            n = counts(group).get(part, 0)
            if not total or not n:
                continue
            width = BAR_WIDTH * n / total
            share = _percent(n / total)
            label = f"{group.label}: {part} {share} ({n:,} of {total:,})"
            segments.append(Segment(round(x, 2), round(width, 2), f"seg-{part}", label))
            x += width
        bars.append(Bar(group.label, i * (BAR_HEIGHT + BAR_GAP), tuple(segments)))
    height = max(len(bars), 1) * (BAR_HEIGHT + BAR_GAP)
    return StackedBars(
        title, tuple((p, f"seg-{p}") for p in parts), tuple(bars), LABEL_WIDTH + BAR_WIDTH, height
    )


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    title: str


@dataclass(frozen=True)
class Line:
    name: str
    css: str
    points: tuple[Point, ...]

    @property
    def path(self) -> str:
        """The polyline's ``points`` attribute: numbers only."""
        return " ".join(f"{p.x},{p.y}" for p in self.points)


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class LineChart:
    title: str
    lines: tuple[Line, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    width: float
    height: float
    left: float
    bottom: float


# The shares drawn over time, as (name, css class, the share of a group).
TIME_SHARES: tuple[tuple[str, str, Callable[[AuditGroup], float]], ...] = (
    ("women among person sources", "line-female", lambda g: g.gender_shares()["female"]),
    ("person sources", "line-person", lambda g: g.type_shares()["person"]),
    ("anonymous sources", "line-anonymous", lambda g: g.type_shares()["anonymous"]),
    (
        "direct quotations",
        "line-direct",
        lambda g: g.direct / g.attributions if g.attributions else 0.0,
    ),
)


def shares_over_time(title: str, groups: Sequence[AuditGroup], time_key: str) -> LineChart:
    """A line per share (``TIME_SHARES``), one point per dated group, 0-100% high."""
    dated = [g for g in groups if g.key.get(time_key)]
    n = len(dated)
    step = (LINE_WIDTH - 2 * MARGIN) / max(n - 1, 1)
    bottom = LINE_HEIGHT - MARGIN

    def x(i: int) -> float:
        return round(MARGIN + i * step if n > 1 else LINE_WIDTH / 2, 2)

    def y(share: float) -> float:
        return round(bottom - share * (LINE_HEIGHT - 2 * MARGIN), 2)

    lines = tuple(
        Line(name, css, tuple(
            Point(x(i), y(share(g)), f"{g.key[time_key]}: {name} {_percent(share(g))}")
            for i, g in enumerate(dated)
        ))
        for name, css, share in TIME_SHARES
    )  # fmt: skip
    every = max(1, n // 8)  # at most about eight labels under the axis
    x_ticks = tuple(Tick(x(i), g.key[time_key]) for i, g in enumerate(dated) if i % every == 0)
    y_ticks = tuple(Tick(y(s), _percent(s)) for s in (0.0, 0.25, 0.5, 0.75, 1.0))
    return LineChart(title, lines, x_ticks, y_ticks, LINE_WIDTH, LINE_HEIGHT, MARGIN, bottom)
