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
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Any, Protocol
from zoneinfo import ZoneInfo

import holidays
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    field_serializer,
    field_validator,
    model_validator,
)

from app.domain import Weekday


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Nation(StrEnum):
    """Whose bank holidays apply (they differ: St Andrew's Day, the Twelfth...)."""

    ENGLAND = "england"
    WALES = "wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern_ireland"

    @property
    def subdivision(self) -> str:
        """The ISO 3166-2:GB code the ``holidays`` package uses."""
        return {"england": "ENG", "wales": "WLS", "scotland": "SCT", "northern_ireland": "NIR"}[
            self.value
        ]


class WorkingHours(_Strict):
    """When staff are expected to read email.

    Default Monday-Friday 07:30-18:00: the trust policy asks senders not to
    "expect recipients to read and/or respond outside of normal working
    hours" (§7 "Before using e-mail") and the school policy says staff
    "should not be required to read or respond to emails in the evenings or
    at weekends" (§4.5). 07:30 is when staff are commonly on site before
    registration; 18:00 is the usual close of after-school commitments.
    """

    days: tuple[Weekday, ...] = Field(
        default=(
            Weekday.MONDAY,
            Weekday.TUESDAY,
            Weekday.WEDNESDAY,
            Weekday.THURSDAY,
            Weekday.FRIDAY,
        ),
        description="Working days by name (monday ... sunday); numbers 0 = Monday ... "
        "6 = Sunday are accepted too. Always answered as names.",
        min_length=1,
    )
    start: time = Field(default=time(7, 30), description="Start of the working day (school time).")
    end: time = Field(default=time(18, 0), description="End of the working day (school time).")

    @field_validator("days", mode="before")
    @classmethod
    def _days_by_name(cls, v: Any) -> Any:
        if isinstance(v, list | tuple):
            out = []
            for d in v:
                if isinstance(d, str) and not d.isdigit():
                    try:
                        out.append(Weekday[d.strip().upper()])
                    except KeyError:
                        raise ValueError(f"unknown weekday {d!r}") from None
                else:
                    out.append(d)
            return tuple(sorted(set(out)))
        return v

    @field_serializer("days", when_used="json")
    def _days_as_names(self, days: tuple[Weekday, ...]) -> list[str]:
        # Names round-trip: a policy file that says "monday" reads back "monday".
        return [Weekday(d).name.lower() for d in days]

    @model_validator(mode="after")
    def _ordered(self) -> WorkingHours:
        if self.start >= self.end:
            raise ValueError("working_hours.start must be before working_hours.end")
        return self


class Holiday(_Strict):
    """A school holiday (inclusive dates), e.g. half term."""

    name: str = Field(default="", max_length=100)
    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> Holiday:
        if self.start > self.end:
            raise ValueError(f"holiday {self.name!r}: start is after end")
        return self


class WorkingCalendar(Protocol):
    """What working time is reckoned from: a school's :class:`~app.policy.Policy`
    has these (the policy is built above this module, so it is named by shape)."""

    @property
    def working_hours(self) -> WorkingHours: ...

    @property
    def bank_holidays(self) -> Nation: ...

    @property
    def school_holidays(self) -> tuple[Holiday, ...]: ...

    @property
    def zone(self) -> ZoneInfo: ...


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


@lru_cache(maxsize=256)
def _bank_holidays(nation: Nation, year: int) -> dict[date, str]:
    # A plain dict per nation and year: ``HolidayBase.get`` converts its key
    # and checks the year on every call, and this is asked on every check.
    return {
        day: str(name)
        for day, name in holidays.country_holidays(
            "GB", subdiv=nation.subdivision, years=year
        ).items()
        if name
    }


def bank_holiday(day: date, nation: Nation) -> str | None:
    """The bank holiday's name on this day in this nation, if it is one."""
    return _bank_holidays(nation, day.year).get(day)


def _school_holiday(day: date, policy: WorkingCalendar) -> str | None:
    for h in policy.school_holidays:
        if h.start <= day <= h.end:
            return h.name or "school holiday"
    return None


def _day_off(day: date, policy: WorkingCalendar, hours: WorkingHours) -> tuple[Reason, str] | None:
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
    local: datetime, policy: WorkingCalendar, hours: WorkingHours | None = None
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
    local: datetime, policy: WorkingCalendar, hours: WorkingHours | None = None
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
