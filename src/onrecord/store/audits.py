"""The store's source audit (``onrecord.audit``): two grouped queries, added up in Python.

An audit whose reading the tallies hold (scope all or speech, any kinds, speaker type, gender
and outlet filters, whole months of dates; by outlet and/or month) reads the tallies the
store keeps as articles come in (``schema`` migration 3): a few rows per outlet and month.
Any other (a least confidence, dates inside a month, weeks) reads every attribution it
concerns; the figures are the same either way, only the time differs.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from typing import Any

from onrecord.audit import TOP_SPEAKERS, Audit, AuditGroup, Tally, TopSpeaker, week_of
from onrecord.scope import Filters, Selection, selection
from onrecord.store.conditions import GENDER_SQL, TYPE_SQL, marks, reading_sql
from onrecord.store.queries import Queries

_ALL = selection("all")

# Each grouping as a column of the tallies and of the attributions joined to documents; a
# week is read by day and folded into weeks here.
_TALLY_GROUPS = {"outlet": "t.outlet", "month": "t.month"}
_ROW_GROUPS = {
    "outlet": "COALESCE(d.outlet, '')",
    "month": "COALESCE(SUBSTR(d.published, 1, 7), '')",
    "week": "COALESCE(d.published, '')",
}


@dataclass(frozen=True)
class _Plan:
    """Where an audit reads: the FROM clause, the conditions, the group columns and the
    columns of kind, speaker type, gender, speaker and count."""

    source: str
    where: list[str]
    params: list[Any]
    groups: list[str]
    kind: str
    speaker_type: str
    gender: str
    speaker: str
    count: str
    read_from: str


def _whole_months(filters: Filters) -> bool:
    """Whether the date range starts on a month's first day and ends on a last day."""
    if filters.since and not filters.since.endswith("-01"):
        return False
    if filters.until:
        year, month, day = (int(p) for p in filters.until.split("-"))
        return day == calendar.monthrange(year, month)[1]
    return True


def _tallied(chosen: Selection, filters: Filters, by: tuple[str, ...]) -> bool:
    # The tallies hold the two scopes' flags, not each one alone.
    return (
        chosen.top_level == chosen.body == chosen.spoken
        and not chosen.min_confidence
        and "week" not in by
        and _whole_months(filters)
    )


def _tally_plan(chosen: Selection, filters: Filters, by: tuple[str, ...], table: str) -> _Plan:
    where: list[str] = []
    params: list[Any] = []
    if chosen.top_level:  # the speech scope
        where.append("t.speech = 1")
    if set(chosen.kinds) != set(_ALL.kinds):
        where.append(f"t.kind IN ({marks(len(chosen.kinds))})" if chosen.kinds else "0=1")
        params.extend(chosen.kinds)
    if filters.speaker_types:
        where.append(f"t.speaker_type IN ({marks(len(filters.speaker_types))})")
        params.extend(filters.speaker_types)
    if filters.genders:
        where.append(f"t.speaker_type = 'person' AND t.gender IN ({marks(len(filters.genders))})")
        params.extend(filters.genders)
    if filters.outlets:
        where.append(f"t.outlet IN ({marks(len(filters.outlets))})")
        params.extend(filters.outlets)
    if filters.since or filters.until:
        where.append("t.month <> ''")
    if filters.since:
        where.append("t.month >= ?")
        params.append(filters.since[:7])
    if filters.until:
        where.append("t.month <= ?")
        params.append(filters.until[:7])
    return _Plan(
        f"{table} t", where, params, [_TALLY_GROUPS[g] for g in by],
        "t.kind", "t.speaker_type", "t.gender", "t.speaker_id", "SUM(t.n)", "tallies",
    )  # fmt: skip


def _row_plan(chosen: Selection, filters: Filters, by: tuple[str, ...]) -> _Plan:
    where, params = reading_sql(chosen, filters)
    return _Plan(
        "attributions a JOIN documents d ON d.id = a.doc_id", where, params,
        [_ROW_GROUPS[g] for g in by], "a.kind", TYPE_SQL, GENDER_SQL, "a.speaker_id",
        "COUNT(*)", "attributions",
    )  # fmt: skip


class Audits(Queries):
    """Who gets quoted, by outlet and time."""

    def audit(
        self,
        *,
        by: tuple[str, ...] = (),
        selection: Selection | None = None,
        filters: Filters | None = None,
        top: int = TOP_SPEAKERS,
    ) -> Audit:
        """The audit of the attributions the selection and filters keep, grouped ``by``
        outlet, month or week (``onrecord.audit.parse_by``)."""
        chosen, wanted = selection or Selection(), filters or Filters()
        tallied = _tallied(chosen, wanted, by)
        counts_plan = _tally_plan(chosen, wanted, by, "audit_counts") if tallied else None
        plan = counts_plan or _row_plan(chosen, wanted, by)
        tallies: dict[tuple[str, ...], Tally] = {}
        fold = _folder(by)
        group_sql = ", ".join(plan.groups)
        lead = f"{group_sql}, " if group_sql else ""
        condition = " AND ".join(plan.where) or "1=1"
        for row in self._rows(
            f"""SELECT {lead}{plan.kind}, {plan.speaker_type}, {plan.gender}, {plan.count}
                FROM {plan.source} WHERE {condition}
                GROUP BY {lead}{plan.kind}, {plan.speaker_type}, {plan.gender}""",
            plan.params,
        ):
            key = fold(row[: len(by)])
            tallies.setdefault(key, Tally()).add(*row[len(by) : -1], int(row[-1]))
        speakers_plan = _tally_plan(chosen, wanted, by, "audit_speakers") if tallied else plan
        condition = " AND ".join([f"{speakers_plan.speaker} IS NOT NULL", *speakers_plan.where])
        for row in self._rows(
            f"""SELECT {lead}{speakers_plan.speaker}, {speakers_plan.count}
                FROM {speakers_plan.source} WHERE {condition}
                GROUP BY {lead}{speakers_plan.speaker}""",
            speakers_plan.params,
        ):
            key = fold(row[: len(by)])
            tallies.setdefault(key, Tally()).by_speaker[int(row[-2])] += int(row[-1])
        total = Tally()
        for tally in tallies.values():
            total.merge(tally)
        ordered = sorted(tallies)
        names = self._top_speakers([total, *(tallies[k] for k in ordered)], top)
        return Audit(
            by=by,
            groups=tuple(
                _group(dict(zip(by, k, strict=True)), tallies[k], names, top) for k in ordered
            ),  # fmt: skip
            total=_group({}, total, names, top),
            read_from=plan.read_from,
        )

    def _top_speakers(self, tallies: list[Tally], top: int) -> dict[int, Any]:
        wanted = sorted({i for t in tallies for i, _ in _ranked(t, top)})
        return {row.id: row for row in self._speaker_rows(wanted)}


def _folder(by: tuple[str, ...]) -> Any:
    """How a row's group columns become its group's key (a day becomes its week)."""
    if "week" not in by:
        return lambda values: tuple(str(v) for v in values)
    at = by.index("week")

    def fold(values: tuple[Any, ...]) -> tuple[str, ...]:
        key = [str(v) for v in values]
        key[at] = week_of(key[at])
        return tuple(key)

    return fold


def _ranked(tally: Tally, top: int) -> list[tuple[int, int]]:
    """The ``top`` speakers by count, ties by id."""
    return sorted(tally.by_speaker.items(), key=lambda item: (-item[1], item[0]))[:top]


def _group(key: dict[str, str], tally: Tally, names: dict[int, Any], top: int) -> AuditGroup:
    return AuditGroup(
        key=key,
        attributions=sum(tally.types.values()),
        speakers=len(tally.by_speaker),
        types=dict(tally.types),
        genders=dict(tally.genders),
        direct=tally.direct,
        top_speakers=tuple(
            TopSpeaker(i, names[i].name, names[i].type, names[i].gender, n)
            for i, n in _ranked(tally, top)
            if i in names
        ),
    )
