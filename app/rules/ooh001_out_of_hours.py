"""OOH001 out-of-hours."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from app.calendar import OutOfHours as OutOfHoursInfo
from app.calendar import Reason, out_of_hours
from app.domain import Finding, Fix, FixKind, Severity
from app.policy import WorkingHours
from app.rules import sources
from app.rules.base import Context, Rule, RuleOptions, severity_field


class OutOfHoursOptions(RuleOptions):
    severity: Severity = severity_field(
        Severity.WARN, "Warn: senders may work when it suits them; the prompt offers to schedule."
    )


_WHEN = {
    Reason.EVENING: "in the evening",
    Reason.EARLY: "before the working day starts",
    Reason.WEEKEND: "at the weekend",
    Reason.BANK_HOLIDAY: "on a bank holiday",
    Reason.SCHOOL_HOLIDAY: "in the school holidays",
}


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
    Options = OutOfHoursOptions

    def check(self, ctx: Context, opts: OutOfHoursOptions) -> Iterator[Finding]:
        school = ctx.policy.working_hours
        # Whose hours count: each internal recipient's own where the directory
        # knows them (a part-timer), the school's otherwise.
        schedules: dict[WorkingHours, int] = {}
        for r, internal in zip(ctx.recipients, ctx.internal, strict=True):
            if not internal or opts.allows(r):
                continue
            person = ctx.directory.person_by_school_address(r.key)
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
        ooh = misses.get(school) or next(iter(misses.values()))
        nxt = _first_moment_for_all(ctx, misses, schedules)
        local_text = f"{nxt:%A} {nxt.day} {nxt:%B} at {nxt:%H:%M}"
        when = _WHEN[ooh.reason] + (f" ({ooh.detail})" if ooh.reason in _NAMED else "")
        affected = sum(schedules[h] for h in misses)
        own = sum(n for h, n in schedules.items() if h != school)
        who = "colleagues" if school in misses else f"{affected} colleague(s) on their own hours"
        yield self.finding(
            opts,
            title="Sent out of hours",
            message=(
                f"This would reach {who} {when}. Schedule it for {local_text}. Policy: staff "
                '"should not be required to read or respond to emails in the evenings or at '
                'weekends."'
            ),
            evidence={
                "observed": local.isoformat(),
                "reason": ooh.reason.value,
                "detail": ooh.detail,
                "working_hours": {
                    "start": school.start.isoformat("minutes"),
                    "end": school.end.isoformat("minutes"),
                },
                "timezone": ctx.policy.timezone,
                "next_working": nxt.isoformat(),
                "recipients_out_of_hours": affected,
                "recipients_with_own_hours": own,
            },
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


_NAMED = (Reason.BANK_HOLIDAY, Reason.SCHOOL_HOLIDAY)
