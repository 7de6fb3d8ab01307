"""A reading of the record as SQL: a ``Selection`` and ``Filters`` as conditions on the
attributions table ``a`` and its documents ``d``, the twins of ``Selection.keeps`` and
``Filters.keeps``, so a store counts what extract keeps.

Each function returns (conditions to AND, their parameters) in ``?`` placeholders.
"""

from __future__ import annotations

import calendar
from typing import Any

from onrecord.scope import Filters, Selection, selection


def marks(n: int) -> str:
    """``?, ?, ?`` for three values."""
    return ", ".join("?" * n)


def selection_sql(chosen: Selection) -> tuple[list[str], list[Any]]:
    """The selection's conditions on ``a``."""
    where: list[str] = []
    params: list[Any] = []
    if set(chosen.kinds) != set(Selection().kinds):
        where.append(f"a.kind IN ({marks(len(chosen.kinds))})" if chosen.kinds else "0=1")
        params.extend(chosen.kinds)
    if chosen.top_level:
        where.append("a.parent IS NULL")
    if chosen.body:
        where.append("a.in_boilerplate = 0")
    if chosen.spoken:
        # A row stored before forms were recorded has none: kept, as Selection.keeps does.
        where.append("(a.content_form IS NULL OR a.content_form <> 'phrase')")
    if chosen.min_confidence:
        where.append("a.confidence >= ?")
        params.append(chosen.min_confidence)
    return where, params


def _speech() -> str:
    where, params = selection_sql(selection("speech"))
    assert len(params) == 3  # the speech kinds, written in rather than passed
    sql = " AND ".join(where)
    for kind in params:
        sql = sql.replace("?", f"'{kind}'", 1)
    return sql


# Whether an attribution row is in the speech scope (an SQL boolean over ``a``), for the
# audit's tallies: the same conditions as ``selection("speech")``.
SPEECH_SQL = _speech()

# An attribution's speaker type and a person's gender as the filters and tallies read them:
# no speaker is "unknown"; a person whose gender the article does not show is "unknown";
# other sources have no gender ('').
TYPE_SQL = "COALESCE(a.speaker_type, 'unknown')"
GENDER_SQL = (
    "CASE WHEN a.speaker_type = 'person' THEN COALESCE(a.speaker_gender, 'unknown') ELSE '' END"
)


def filters_sql(chosen: Filters | None) -> tuple[list[str], list[Any]]:
    """The filters' conditions on ``a`` and (for outlets and dates) ``d``."""
    where: list[str] = []
    params: list[Any] = []
    if chosen is None:
        return where, params
    if chosen.speaker_types:
        where.append(f"{TYPE_SQL} IN ({marks(len(chosen.speaker_types))})")
        params.extend(chosen.speaker_types)
    if chosen.genders:
        where.append(
            f"a.speaker_type = 'person' AND ({GENDER_SQL}) IN ({marks(len(chosen.genders))})"
        )
        params.extend(chosen.genders)
    if chosen.outlets:
        where.append(f"d.outlet IN ({marks(len(chosen.outlets))})")
        params.extend(chosen.outlets)
    if chosen.since:
        where.append("d.published >= ?")
        params.append(chosen.since)
    if chosen.until:
        where.append("d.published <= ?")
        params.append(chosen.until)
    return where, params


def reading_sql(chosen: Selection, also: Filters | None) -> tuple[list[str], list[Any]]:
    """Both: the selection's conditions, then the filters'."""
    where, params = selection_sql(chosen)
    more, more_params = filters_sql(also)
    return where + more, params + more_params


def whole_months(filters: Filters) -> bool:
    """Whether the date range starts on a month's first day and ends on a last day."""
    if filters.since and not filters.since.endswith("-01"):
        return False
    if filters.until:
        year, month, day = (int(p) for p in filters.until.split("-"))
        return day == calendar.monthrange(year, month)[1]
    return True


def tally_conditions(filters: Filters) -> tuple[list[str], list[Any]]:
    """The outlet and (whole-month) date filters on a tally ``t``."""
    where: list[str] = []
    params: list[Any] = []
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
    return where, params


def scope_kinds_only(chosen: Selection) -> bool:
    """Whether the selection is a scope preset with all of its own kinds (the speech
    scope's are direct, indirect and mixed) and no least confidence."""
    from onrecord.scope import SPEECH_KINDS

    own = SPEECH_KINDS if chosen.top_level else Selection().kinds
    return (
        chosen.top_level == chosen.body == chosen.spoken
        and set(chosen.kinds) == set(own)
        and not chosen.min_confidence
    )


def people_tallied(chosen: Selection, filters: Filters | None) -> bool:
    """Whether ``audit_people`` (per speaker, outlet and month) answers this reading: a
    scope preset, its own kinds, no least confidence, no speaker filter, whole months."""
    wanted = filters or Filters()
    return scope_kinds_only(chosen) and not wanted.of_speakers and whole_months(wanted)
