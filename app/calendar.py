"""Working time: is a moment within a school's working hours, and if not,
when is the next working moment?

Bank holidays come from the maintained ``holidays`` package (by UK nation);
school holidays and working hours from the policy. All arithmetic is done on
local wall-clock dates and times and converted back with ``zoneinfo``, so a
Saturday-night send before the October clock change still schedules for
07:30 *local* on Monday, whatever the UTC offset then is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import lru_cache

import holidays

from app.domain import Weekday
from app.policy import Nation, Policy, WorkingHours

# The longest stretch of non-working days we search through: a summer
# holiday is ~6.5 weeks; a year covers any sane configuration.
_SEARCH_DAYS = 400


class Reason(StrEnum):
    EVENING = "evening"  # after the end of the working day
    EARLY = "early_morning"  # before the start of the working day
    WEEKEND = "weekend"  # a Saturday or Sunday that is not a working day
    DAY_OFF = "day_off"  # a weekday that is not one of the working days (a part-timer's)
    BANK_HOLIDAY = "bank_holiday"
    SCHOOL_HOLIDAY = "school_holiday"


@dataclass(frozen=True, slots=True)
class OutOfHours:
    reason: Reason
    detail: str  # e.g. the bank holiday's name; never personal data
    next_working: datetime


@lru_cache(maxsize=8)
def _bank_holidays(nation: Nation) -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv=nation.subdivision)


def bank_holiday(day: date, nation: Nation) -> str | None:
    """The bank holiday's name on this day in this nation, if it is one."""
    name = _bank_holidays(nation).get(day)
    return str(name) if name else None


def _school_holiday(day: date, policy: Policy) -> str | None:
    for h in policy.school_holidays:
        if h.start <= day <= h.end:
            return h.name or "school holiday"
    return None


def _day_off(day: date, policy: Policy, hours: WorkingHours) -> tuple[Reason, str] | None:
    if day.weekday() not in hours.days:
        reason = Reason.WEEKEND if day.weekday() >= Weekday.SATURDAY else Reason.DAY_OFF
        return reason, day.strftime("%A")
    name = bank_holiday(day, policy.bank_holidays)
    if name:
        return Reason.BANK_HOLIDAY, name
    school = _school_holiday(day, policy)
    if school:
        return Reason.SCHOOL_HOLIDAY, school
    return None


def next_working_moment(
    local: datetime, policy: Policy, hours: WorkingHours | None = None
) -> datetime:
    """The first moment at or after ``local`` that is within working hours.

    ``local`` must be aware and in the policy's zone. ``hours`` are someone's
    own (a part-timer's) where known; the school's otherwise. The answer is the
    start of a working day (or ``local`` itself if it is already working time).
    """
    hours = hours or policy.working_hours
    zone = policy.zone
    day = local.date()
    wall = local.time().replace(tzinfo=None)
    for offset in range(_SEARCH_DAYS):
        d = day + timedelta(days=offset)
        if _day_off(d, policy, hours):
            continue
        if offset == 0:
            if wall < hours.start:
                return datetime.combine(d, hours.start, tzinfo=zone)
            if wall < hours.end:
                return local
            continue
        return datetime.combine(d, hours.start, tzinfo=zone)
    raise ValueError("no working day within a year: check working_hours.days and school_holidays")


def out_of_hours(
    local: datetime, policy: Policy, hours: WorkingHours | None = None
) -> OutOfHours | None:
    """Why ``local`` (aware, school zone) is outside working time, or ``None``.

    ``hours`` as for :func:`next_working_moment`.
    """
    hours = hours or policy.working_hours
    off = _day_off(local.date(), policy, hours)
    if off is None:
        wall = local.time().replace(tzinfo=None)
        if hours.start <= wall < hours.end:
            return None
        reason, detail = (Reason.EARLY, "") if wall < hours.start else (Reason.EVENING, "")
    else:
        reason, detail = off
    return OutOfHours(
        reason=reason, detail=detail, next_working=next_working_moment(local, policy, hours)
    )
