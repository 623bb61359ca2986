"""OOH001 out-of-hours."""

from __future__ import annotations

from collections.abc import Iterator

from app.calendar import Reason, out_of_hours
from app.domain import Finding, Fix, FixKind, Severity
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
        school's domains. Daylight-saving changes are handled by working in
        local wall-clock time.

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
        with the school's offset on that date).
    """

    code = "OOH001"
    name = "out-of-hours"
    summary = "Sent outside the school's working hours."
    source = sources.OUT_OF_HOURS
    Options = OutOfHoursOptions

    def check(self, ctx: Context, opts: OutOfHoursOptions) -> Iterator[Finding]:
        if not any(
            internal and not opts.allows(r)
            for r, internal in zip(ctx.recipients, ctx.internal, strict=True)
        ):
            return
        ooh = out_of_hours(ctx.local_send_at, ctx.policy)
        if ooh is None:
            return
        nxt = ooh.next_working
        local_text = f"{nxt:%A} {nxt.day} {nxt:%B} at {nxt:%H:%M}"
        when = _WHEN[ooh.reason] + (f" ({ooh.detail})" if ooh.reason in _NAMED else "")
        yield self.finding(
            opts,
            title="Sent out of hours",
            message=(
                f"This would reach colleagues {when}. Schedule it for {local_text}. Policy: staff "
                '"should not be required to read or respond to emails in the evenings or at '
                'weekends."'
            ),
            evidence={
                "observed": ctx.local_send_at.isoformat(),
                "reason": ooh.reason.value,
                "detail": ooh.detail,
                "working_hours": {
                    "start": ctx.policy.working_hours.start.isoformat("minutes"),
                    "end": ctx.policy.working_hours.end.isoformat("minutes"),
                },
                "timezone": ctx.policy.timezone,
                "next_working": nxt.isoformat(),
            },
            fixes=(
                Fix(
                    FixKind.SCHEDULE_SEND,
                    f"Schedule for {local_text}",
                    {"send_at": nxt.isoformat(), "local_time": local_text},
                ),
            ),
        )


_NAMED = (Reason.BANK_HOLIDAY, Reason.SCHOOL_HOLIDAY)
