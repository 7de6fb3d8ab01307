"""The store's source audit (``onrecord.audit``): two grouped queries, added up in Python.

An audit whose reading the tallies hold (scope all or speech, any kinds, speaker type, gender
and outlet filters, whole months of dates; by outlet and/or month) reads the tallies the
store keeps as articles come in (``schema`` migration 3): a few rows per outlet and month.
By week, the weekly tallies (migration 5) hold a scope preset without speaker filters or
dates. Any other (a least confidence, dates inside a month, weeks with a type or gender
filter or dates) reads every attribution it concerns; the figures are the same either way,
only the time differs.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Any

from onrecord.audit import TOP_SPEAKERS, Audit, AuditGroup, Tally, TopSpeaker, week_of
from onrecord.scope import SPEECH_KINDS, Filters, Selection, selection
from onrecord.store.conditions import (
    GENDER_SQL,
    TYPE_SQL,
    marks,
    people_tallied,
    reading_sql,
    tally_conditions,
    whole_months,
)
from onrecord.store.queries import Queries

_ALL = selection("all")

# Per group key: (distinct speakers, the most quoted as (speaker id, count)); the whole
# selection's under _TOTAL.
Ranked = dict[tuple[str, ...], tuple[int, list[tuple[int, int]]]]
_TOTAL: tuple[str, ...] = ("\x00total",)

# Each grouping as a column of the tallies and of the attributions joined to documents; a
# week is read by day and folded into weeks here.
_TALLY_GROUPS = {"outlet": "t.outlet", "month": "t.month", "week": "t.week"}
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


def _tallied(chosen: Selection, filters: Filters, by: tuple[str, ...]) -> bool:
    # The tallies hold the two scopes' flags, not each one alone.
    return (
        chosen.top_level == chosen.body == chosen.spoken
        and not chosen.min_confidence
        and "week" not in by
        and whole_months(filters)
    )


def _week_tallied(chosen: Selection, filters: Filters, by: tuple[str, ...]) -> bool:
    """Whether the weekly tallies answer: by week (or outlet and week), a scope preset with
    its own kinds and no speaker filter (the weekly tallies rank speakers from one row a
    speaker and week: ``audit_week_people``), and no dates (a month-aligned range would cut
    a week in two)."""
    return (
        "week" in by
        and "month" not in by
        and people_tallied(chosen, filters)
        and not (filters.since or filters.until)
    )


def _narrows_kinds(chosen: Selection) -> bool:
    """Whether the kinds are fewer than the scope's own (the speech scope's are three)."""
    own = SPEECH_KINDS if chosen.top_level else _ALL.kinds
    return set(chosen.kinds) != set(own)


def _tally_plan(chosen: Selection, filters: Filters, by: tuple[str, ...], table: str) -> _Plan:
    where: list[str] = []
    params: list[Any] = []
    if chosen.top_level:  # the speech scope
        where.append("t.speech = 1")
    if _narrows_kinds(chosen):
        where.append(f"t.kind IN ({marks(len(chosen.kinds))})" if chosen.kinds else "0=1")
        params.extend(chosen.kinds)
    if filters.speaker_types:
        where.append(f"t.speaker_type IN ({marks(len(filters.speaker_types))})")
        params.extend(filters.speaker_types)
    if filters.genders:
        where.append(f"t.speaker_type = 'person' AND t.gender IN ({marks(len(filters.genders))})")
        params.extend(filters.genders)
    more, more_params = tally_conditions(filters)
    where.extend(more)
    params.extend(more_params)
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
        weekly = _week_tallied(chosen, wanted, by)
        tallied = weekly or _tallied(chosen, wanted, by)
        table = "audit_week_counts" if weekly else "audit_counts"
        counts_plan = _tally_plan(chosen, wanted, by, table) if tallied else None
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
            if key not in tallies:
                tallies[key] = Tally()
            tallies[key].add(*row[len(by) : -1], int(row[-1]))
        if tallied and people_tallied(chosen, wanted):
            # One row per speaker and group: the speech scope has its own count.
            where, params = tally_conditions(wanted)
            count = "t.n_speech" if chosen.top_level else "t.n"
            where.append(f"{count} > 0")
            people = "audit_week_people t" if weekly else "audit_people t"
            ranked = self._ranked(people, count, where, params, by, list(tallies), top)
        elif tallied:
            fine = _tally_plan(chosen, wanted, by, "audit_speakers")
            ranked = self._ranked_in_one(fine.source, fine.where, fine.params, by, top)
        else:
            ranked = self._speakers_counted(plan, by, fold, top)
        ordered = sorted(tallies)
        total = Tally()
        for tally in tallies.values():
            total.merge(tally)
        everyone = ranked.get(_TOTAL, (0, []))
        wanted_ids = sorted({i for _, best in ranked.values() for i, _ in best})
        names = {row.id: row for row in self._speaker_rows(wanted_ids)}
        return Audit(
            by=by,
            groups=tuple(
                _group(dict(zip(by, k, strict=True)), tallies[k], ranked.get(k, (0, [])), names)
                for k in ordered
            ),
            total=_group({}, total, everyone, names),
            read_from=plan.read_from,
        )

    def _speakers_counted(self, plan: _Plan, by: tuple[str, ...], fold: Any, top: int) -> Ranked:
        """Distinct and most quoted speakers per group (and in all, under ``_TOTAL``) from
        every (group, speaker) count the plan's rows hold."""
        lead = "".join(f"{g}, " for g in plan.groups)
        condition = " AND ".join([f"{plan.speaker} IS NOT NULL", *plan.where])
        counted: dict[tuple[str, ...], dict[int, int]] = {}
        everyone: dict[int, int] = {}
        for row in self._rows(
            f"""SELECT {lead}{plan.speaker}, {plan.count} FROM {plan.source}
                WHERE {condition} GROUP BY {lead}{plan.speaker}""",
            plan.params,
        ):
            key, speaker, n = fold(row[: len(by)]), int(row[-2]), int(row[-1])
            group = counted.get(key)
            if group is None:
                group = counted[key] = {}
            group[speaker] = group.get(speaker, 0) + n
            everyone[speaker] = everyone.get(speaker, 0) + n
        ranked: Ranked = {k: (len(g), _best(g.items(), top)) for k, g in counted.items()}
        ranked[_TOTAL] = (len(everyone), _best(everyone.items(), top))
        return ranked

    def _ranked(
        self,
        source: str,
        count: str,
        where: list[str],
        params: list[Any],
        by: tuple[str, ...],
        keys: list[tuple[str, ...]],
        top: int,
    ) -> Ranked:
        """The same from a tally ``t`` keyed by outlet, month and speaker first: a group's
        distinct speakers are one grouped count, its most quoted one query on the key's
        prefix (a few hundred rows), so nothing is read into Python row by row."""
        condition = " AND ".join(where) or "1=1"
        groups = [_TALLY_GROUPS[g] for g in by]
        lead = "".join(f"{g}, " for g in groups)
        # In audit_people an outlet's month has one row a speaker: ranked off its index,
        # counted by its rows.
        one_row = (source, by) in (
            ("audit_people t", ("outlet", "month")),
            ("audit_week_people t", ("outlet", "week")),
        )
        how_many = "COUNT(*)" if one_row else "COUNT(DISTINCT t.speaker_id)"
        distinct = {
            tuple(str(v) for v in row[:-1]): int(row[-1])
            for row in self._rows(
                f"""SELECT {lead}{how_many} FROM {source}
                    WHERE {condition} {"GROUP BY " + ", ".join(groups) if groups else ""}""",
                params,
            )
        }
        if groups:
            row = self._one(
                f"SELECT COUNT(DISTINCT t.speaker_id) FROM {source} WHERE {condition}", params
            )
            distinct[_TOTAL] = int(row[0]) if row else 0
        else:
            distinct[_TOTAL] = distinct.get((), 0)
        ranked: Ranked = {}
        if top <= 0:  # no one to rank: the distinct counts are all
            return {key: (count_of, []) for key, count_of in distinct.items()}
        for key in [*keys, _TOTAL]:
            at = [] if key == _TOTAL else [f"{g} = ?" for g in groups]
            summed = f"SUM({count})" if key == _TOTAL or not one_row else count
            grouping = "GROUP BY t.speaker_id" if key == _TOTAL or not one_row else ""
            rows = self._rows(
                f"""SELECT t.speaker_id, {summed} FROM {source}
                    WHERE {" AND ".join([*at, condition])}
                    {grouping} ORDER BY 2 DESC, t.speaker_id LIMIT ?""",
                [*(() if key == _TOTAL else key), *params, top],
            )
            ranked[key] = (distinct.get(key, 0), [(int(i), int(n)) for i, n in rows])
        return ranked

    def _ranked_in_one(
        self, source: str, where: list[str], params: list[Any], by: tuple[str, ...], top: int
    ) -> Ranked:
        """The same from a tally with several rows a speaker and group (``audit_speakers``:
        one per kind, type and gender), in one statement a grouping: each (group, speaker)
        summed once, then ranked and counted by window functions. A query per group would
        sum the same rows again for each one (25 months under a gender filter: 1.8 s on a
        100,000-article store, against 0.5 s so)."""
        if top <= 0:  # distinct counts only, as _ranked gives them
            return self._ranked(source, "t.n", where, params, by, [], 0)
        condition = " AND ".join(["t.speaker_id IS NOT NULL", *where])
        groups = [_TALLY_GROUPS[g] for g in by]
        ranked: Ranked = {}
        if groups:
            part = ", ".join(groups)
            named = ", ".join(f"{g} AS g{i}" for i, g in enumerate(groups))
            for row in self._rows(
                f"""SELECT {", ".join(f"g{i}" for i in range(len(by)))}, speaker_id, s, k FROM (
                        SELECT {named}, t.speaker_id AS speaker_id, SUM(t.n) AS s,
                               ROW_NUMBER() OVER (PARTITION BY {part}
                                                  ORDER BY SUM(t.n) DESC, t.speaker_id) AS r,
                               COUNT(*) OVER (PARTITION BY {part}) AS k
                        FROM {source} WHERE {condition}
                        GROUP BY {part}, t.speaker_id) ranked
                    WHERE r <= ? ORDER BY r""",
                [*params, top],
            ):
                key = tuple(str(v) for v in row[: len(by)])
                _, best = ranked.setdefault(key, (int(row[-1]), []))
                best.append((int(row[-3]), int(row[-2])))
        rows = self._rows(
            f"""SELECT t.speaker_id, SUM(t.n), COUNT(*) OVER () FROM {source}
                WHERE {condition} GROUP BY t.speaker_id
                ORDER BY 2 DESC, t.speaker_id LIMIT ?""",
            [*params, top],
        )
        ranked[_TOTAL] = (int(rows[0][2]) if rows else 0, [(int(i), int(n)) for i, n, _ in rows])
        if not groups:  # the one group of an audit by nothing is the whole
            ranked[()] = ranked[_TOTAL]
        return ranked


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


def _best(counts: Any, top: int) -> list[tuple[int, int]]:
    """The ``top`` (speaker, count) pairs, most first, ties by id."""
    return heapq.nsmallest(top, counts, key=lambda item: (-item[1], item[0]))


def _group(
    key: dict[str, str],
    tally: Tally,
    ranked: tuple[int, list[tuple[int, int]]],
    names: dict[int, Any],
) -> AuditGroup:
    distinct, best = ranked
    return AuditGroup(
        key=key,
        attributions=sum(tally.types.values()),
        speakers=distinct,
        types=dict(tally.types),
        genders=dict(tally.genders),
        direct=tally.direct,
        top_speakers=tuple(
            TopSpeaker(i, names[i].name, names[i].type, names[i].gender, n)
            for i, n in best
            if i in names
        ),
    )
