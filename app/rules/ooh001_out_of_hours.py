"""OOH001 out-of-hours."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from app.calendar import OutOfHours as OutOfHoursInfo
from app.calendar import Reason, WorkingHours, out_of_hours
from app.domain import Evidence, Finding, Fix, FixKind, Severity, Weekday
from app.rules import sources
from app.rules.base import Context, Reads, Rule, RuleOptions, ThresholdPhrase, severity_field


class OutOfHoursOptions(RuleOptions):
    severity: Severity = severity_field(
        Severity.WARN, "Warn: senders may work when it suits them; the prompt offers to schedule."
    )


_WHEN = {
    Reason.EVENING: "in the evening",
    Reason.EARLY: "before the working day starts",
    Reason.WEEKEND: "at the weekend",
    Reason.DAY_OFF: "on a day they do not work",
    Reason.BANK_HOLIDAY: "on a bank holiday",
    Reason.SCHOOL_HOLIDAY: "in the school holidays",
}


@dataclass(frozen=True, slots=True)
class HoursShown:
    """Working hours as the evidence gives them."""

    days: tuple[str, ...]  # monday, tuesday...
    start: str  # HH:MM
    end: str


@dataclass(frozen=True, slots=True, kw_only=True)
class OutOfHoursEvidence(Evidence):
    """``observed`` is the local send time (ISO-8601)."""

    reason: Reason
    detail: str  # the bank or school holiday's name, the day off; never personal data
    working_hours: HoursShown
    hours_source: Literal["school", "recipient"]
    timezone: str
    next_working: str  # ISO-8601 with the school's offset on that date
    recipients_out_of_hours: int
    recipients_with_own_hours: int


class OutOfHours(Rule[OutOfHoursOptions]):
    """Mail that lands in colleagues' inboxes outside working time.

    What it checks
        The send time, in the school's time zone, is outside the policy's
        working hours (default Monday-Friday 07:30-18:00), on a bank holiday
        of the configured nation (from the ``holidays`` package), or within a
        configured school holiday, and at least one recipient is at the
        school's domains. A recipient whose own working days and hours the
        directory holds (a part-timer) is judged by those instead. Daylight-
        saving changes are handled by working in local wall-clock time.

    Why it matters
        School policy §4.5: staff "should not be required to read or respond
        to emails in the evenings or at weekends". Trust policy §7: "draft an
        e-mail in readiness to send during normal working hours". Senders may
        work when it suits them, so the cure is to schedule, not to stop.

    Example
        Sunday 22:40 to a colleague: scheduled for Monday 07:30 (or Tuesday
        07:30 if Monday is a bank holiday).

    Options
        ``severity`` (default warn), ``allow``. Hours, days, nation and
        holidays are school-wide policy settings.

    Fix
        ``schedule_send`` at the next working moment (``send_at``, ISO-8601
        with the school's offset on that date): the first moment that is
        working time for every internal recipient, where one exists.
    """

    code = "OOH001"
    name = "out-of-hours"
    summary = "Sent outside the school's working hours."
    source = sources.OUT_OF_HOURS
    reads = Reads.SEND_TIME | Reads.RECIPIENTS
    Options = OutOfHoursOptions
    evidence_type = OutOfHoursEvidence

    def describe_threshold(self, opts: OutOfHoursOptions) -> ThresholdPhrase:
        # Hours, days and holidays are school-wide policy, not this rule's options.
        return ThresholdPhrase("Outside the school's working hours", None)

    def check(self, ctx: Context, opts: OutOfHoursOptions) -> Iterator[Finding]:
        school = ctx.policy.working_hours
        # Whose hours count: each internal recipient's own where the directory
        # knows them (a part-timer), the school's otherwise.
        schedules: dict[WorkingHours, int] = {}
        exempt = opts.allows if opts.allow else None
        counted = [
            person
            for r, internal, person in zip(ctx.recipients, ctx.internal, ctx.people, strict=True)
            if internal and (exempt is None or not exempt(r))
        ]
        if not any(p is not None and p.working_hours for p in counted):
            # The usual case, counted without hashing the hours once per recipient.
            if counted:
                schedules[school] = len(counted)
        else:
            for person in counted:
                hours = person.working_hours if person and person.working_hours else school
                schedules[hours] = schedules.get(hours, 0) + 1
        if not schedules:
            return
        local = ctx.local_send_at
        misses = {
            h: ooh for h in schedules if (ooh := out_of_hours(local, ctx.policy, h)) is not None
        }
        if not misses:
            return
        # The hours shown are those that were missed: the school's when they
        # apply, else the part-timer's own (never the school's for a colleague
        # judged by their own days).
        shown = school if school in misses else next(iter(misses))
        ooh = misses[shown]
        nxt = _first_moment_for_all(ctx, misses, schedules)
        local_text = f"{nxt:%A} {nxt.day} {nxt:%B} at {nxt:%H:%M}"
        when = _WHEN[ooh.reason] + (f" ({ooh.detail})" if ooh.reason in _NAMED else "")
        affected = sum(schedules[h] for h in misses)
        own = sum(n for h, n in schedules.items() if h != school)
        if shown is school:
            who = "colleagues"
        else:
            who = f"{affected} colleague(s) on their own hours ({_describe(shown)})"
        yield self.finding(
            opts,
            title="Sent out of hours",
            message=(
                f"This would reach {who} {when}. Schedule it for {local_text}. Policy: staff "
                '"should not be required to read or respond to emails in the evenings or at '
                'weekends."'
            ),
            evidence=OutOfHoursEvidence(
                observed=local.isoformat(),
                reason=ooh.reason,
                detail=ooh.detail,
                working_hours=HoursShown(
                    days=tuple(Weekday(d).name.lower() for d in shown.days),
                    start=shown.start.isoformat("minutes"),
                    end=shown.end.isoformat("minutes"),
                ),
                hours_source="school" if shown is school else "recipient",
                timezone=ctx.policy.timezone,
                next_working=nxt.isoformat(),
                recipients_out_of_hours=affected,
                recipients_with_own_hours=own,
            ),
            fixes=(
                Fix(
                    FixKind.SCHEDULE_SEND,
                    f"Schedule for {local_text}",
                    {"send_at": nxt.isoformat(), "local_time": local_text},
                ),
            ),
        )


def _first_moment_for_all(
    ctx: Context, misses: dict[WorkingHours, OutOfHoursInfo], schedules: dict[WorkingHours, int]
) -> datetime:
    """The earliest of the missed recipients' next working moments that is
    working time for every recipient; failing that (schedules that never
    overlap), the latest of them, so everyone has started work at least once."""
    candidates = sorted({ooh.next_working for ooh in misses.values()})
    for c in candidates:
        if all(out_of_hours(c, ctx.policy, h) is None for h in schedules):
            return c
    return candidates[-1]


_NAMED = (Reason.BANK_HOLIDAY, Reason.SCHOOL_HOLIDAY, Reason.DAY_OFF)


def _describe(hours: WorkingHours) -> str:
    """``Mon-Wed 08:30-15:30`` or ``Mon, Wed, Fri 09:00-12:00``."""
    days = [Weekday(d) for d in hours.days]
    names = [d.name[:3].title() for d in days]
    run = len(days) > 2 and [int(d) for d in days] == list(range(days[0], days[-1] + 1))
    text = f"{names[0]}-{names[-1]}" if run else ", ".join(names)
    return f"{text} {hours.start:%H:%M}-{hours.end:%H:%M}"
