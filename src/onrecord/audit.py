"""A source audit: who gets quoted, by outlet and by time.

For each group (an outlet, a month, a week, or an outlet in a month) an audit counts the
attributions a reading keeps and their distinct speakers, the shares by speaker type, by
gender among person sources, the share of direct quotations, and the most quoted speakers.
The store answers it (``onrecord.store.audits``); this module holds the result and writes it
as a table, JSON or CSV. JSON keys (``Audit.to_dict``):

================  ===================================================================
key               meaning
================  ===================================================================
by                the grouping: [], ["outlet"], ["month"], ["week"], ["outlet", "month"] ...
groups            one object per group, in order of outlet then time; each also has the
                  group's key fields: ``outlet`` (a name, "" when unknown), ``month``
                  (YYYY-MM), ``week`` (the Monday, YYYY-MM-DD); "" for undated articles
total             the same figures over every group
attributions      how many attributions
speakers          how many distinct speakers (the store's speakers: named people and
                  organisations; groups and unnamed sources are counted by type only)
types             attributions by speaker type: person, organization, group, anonymous,
                  unknown (no speaker found is unknown)
type_shares       the same as shares of ``attributions`` (0 to 1)
persons           attributions whose speaker is a person
genders           person attributions by gender: female, male, unknown
gender_shares     the same as shares of ``persons``
direct            direct quotations
direct_share      ``direct`` as a share of ``attributions``
top_speakers      the most quoted speakers: [{id, name, type, gender, attributions}]
================  ===================================================================
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from onrecord.record import GENDERS, SPEAKER_TYPES

GROUPINGS: tuple[str, ...] = ("outlet", "month", "week")
TOP_SPEAKERS = 5


def parse_by(value: str | None) -> tuple[str, ...]:
    """``"outlet,month"`` as the grouping it names; month and week do not go together."""
    if value is None or not value.strip():
        return ()
    named = [v.strip().lower() for v in value.split(",") if v.strip()]
    unknown = sorted(set(named) - set(GROUPINGS))
    if unknown:
        raise ValueError(
            f"cannot group by {', '.join(unknown)}: choose from outlet, month, week, "
            "outlet,month or outlet,week"
        )
    if "month" in named and "week" in named:
        raise ValueError("group by month or by week, not both")
    return tuple(g for g in GROUPINGS if g in named)


def week_of(day: str) -> str:
    """The Monday of the ISO week a YYYY-MM-DD day falls in ("" for no day):
    ``week_of("2024-05-02")`` is ``"2024-04-29"``."""
    if not day:
        return ""
    d = date.fromisoformat(day[:10])
    return (d - timedelta(days=d.weekday())).isoformat()


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


@dataclass(frozen=True)
class TopSpeaker:
    id: int
    name: str
    type: str
    gender: str | None
    attributions: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "gender": self.gender,
            "attributions": self.attributions,
        }


@dataclass
class Tally:
    """The counts of one group as the store's rows add up."""

    types: Counter[str] = field(default_factory=Counter)
    genders: Counter[str] = field(default_factory=Counter)
    direct: int = 0

    def add(self, kind: str, speaker_type: str, gender: str, n: int) -> None:
        self.types[speaker_type] += n
        if speaker_type == "person":
            self.genders[gender or "unknown"] += n
        if kind == "direct":
            self.direct += n

    def merge(self, other: Tally) -> None:
        self.types.update(other.types)
        self.genders.update(other.genders)
        self.direct += other.direct


@dataclass(frozen=True)
class AuditGroup:
    key: dict[str, str]
    attributions: int
    speakers: int
    types: dict[str, int]
    genders: dict[str, int]
    direct: int
    top_speakers: tuple[TopSpeaker, ...]

    @property
    def persons(self) -> int:
        return self.types.get("person", 0)

    @property
    def label(self) -> str:
        """The group's key as one line: "apnews.com 2024-05", "(no outlet)", "all"."""
        parts = [v or f"(no {k})" for k, v in self.key.items()]
        return " ".join(parts) or "all"

    def type_shares(self) -> dict[str, float]:
        return {t: _share(self.types.get(t, 0), self.attributions) for t in SPEAKER_TYPES}

    def gender_shares(self) -> dict[str, float]:
        return {g: _share(self.genders.get(g, 0), self.persons) for g in GENDERS}

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.key,
            "attributions": self.attributions,
            "speakers": self.speakers,
            "types": {t: self.types.get(t, 0) for t in SPEAKER_TYPES},
            "type_shares": self.type_shares(),
            "persons": self.persons,
            "genders": {g: self.genders.get(g, 0) for g in GENDERS},
            "gender_shares": self.gender_shares(),
            "direct": self.direct,
            "direct_share": _share(self.direct, self.attributions),
            "top_speakers": [s.to_dict() for s in self.top_speakers],
        }


@dataclass(frozen=True)
class Audit:
    by: tuple[str, ...]
    groups: tuple[AuditGroup, ...]
    total: AuditGroup
    # How the store answered: from its tallies ("tallies") or by reading every attribution
    # ("attributions": a least confidence, a custom selection, dates inside a month, weeks).
    read_from: str = "tallies"

    def to_dict(self) -> dict[str, Any]:
        return {
            "by": list(self.by),
            "groups": [g.to_dict() for g in self.groups],
            "total": self.total.to_dict(),
        }


def csv_text(audit: Audit) -> str:
    """One row per group (then the total), the JSON's figures as flat columns."""
    out = io.StringIO()
    names = [
        *audit.by,
        "attributions",
        "speakers",
        *(f"type_{t}" for t in SPEAKER_TYPES),
        *(f"share_{t}" for t in SPEAKER_TYPES),
        "persons",
        *(f"gender_{g}" for g in GENDERS),
        *(f"share_{g}" for g in GENDERS),
        "direct",
        "direct_share",
        "top_speakers",
    ]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for group, is_total in [*((g, False) for g in audit.groups), (audit.total, True)]:
        d = group.to_dict()
        writer.writerow(
            [
                *(("total" if is_total and i == 0 else "") if is_total else d[k]
                  for i, k in enumerate(audit.by)),
                d["attributions"],
                d["speakers"],
                *(d["types"][t] for t in SPEAKER_TYPES),
                *(d["type_shares"][t] for t in SPEAKER_TYPES),
                d["persons"],
                *(d["genders"][g] for g in GENDERS),
                *(d["gender_shares"][g] for g in GENDERS),
                d["direct"],
                d["direct_share"],
                "; ".join(f"{s.name} ({s.attributions})" for s in group.top_speakers),
            ]
        )  # fmt: skip
    return out.getvalue()


def _percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def table_text(audit: Audit) -> str:
    """A plain-text table: a line per group and the total, shares as percentages."""
    head = [
        "group", "attrib.", "speakers", "person", "org", "group", "anon", "unknown",
        "female", "male", "g.unknown", "direct", "top speakers",
    ]  # fmt: skip
    rows = [head]
    for group in [*audit.groups, audit.total]:
        types, genders = group.type_shares(), group.gender_shares()
        rows.append(
            [
                "total" if group is audit.total else group.label,
                str(group.attributions),
                str(group.speakers),
                *(_percent(types[t]) for t in SPEAKER_TYPES),
                *(_percent(genders[g]) for g in GENDERS),
                _percent(_share(group.direct, group.attributions)),
                ", ".join(s.name for s in group.top_speakers[:3]),
            ]
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(head) - 1)]
    lines = []
    for r in rows:
        cells = [r[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(r[1:-1], widths[1:], strict=True)
        ]
        lines.append("  ".join([*cells, r[-1]]).rstrip())
    return "\n".join(lines) + "\n"
