"""The text of a notice: codes, counts and times, and the sender only where the
school enables it. Built from notification rows, which hold nothing else; so a
notice can carry no subject, body or recipient address, whatever the channel.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from app.store.notifications import NotificationRecord

LONDON = ZoneInfo("Europe/London")

RULE_TITLES = {
    "PUP001": "PUP001 (pupil at a personal address)",
    "PUP002": "PUP002 (pupil emailed from a non-school account)",
    "PUP003": "PUP003 (pupil copied with personal addresses)",
}
TRIGGERS = {"override": "sent anyway", "repeat": "fired repeatedly for one sender"}

# Identity: keyed sender hash -> "Name <staff address>" (the school enabled it), else None.
Identity = Callable[[str], str | None]


@dataclass(frozen=True, slots=True)
class Notice:
    subject: str
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _local(at: datetime) -> str:
    return at.astimezone(LONDON).strftime("%d %b %Y %H:%M")


def _sender(h: str, identity: Identity | None) -> str:
    if not h:
        return "sender not known"
    if identity is not None:
        who = identity(h)
        if who:
            return who
    return f"sender ref {h[:10]}"


def _one(n: NotificationRecord, identity: Identity | None) -> str:
    rule = RULE_TITLES.get(n.rule, n.rule)
    who = _sender(n.sender_hash, identity)
    if n.trigger == "repeat":
        return (
            f"{_local(n.at)}: {rule} fired {n.count} times in {n.window_minutes} minutes "
            f"for one sender ({who})."
        )
    return f"{_local(n.at)}: {rule} was overridden (sent anyway) by {who}."


def instant(school: str, n: NotificationRecord, identity: Identity | None) -> Notice:
    return Notice(
        f"Etiquette: pupil-contact {TRIGGERS.get(n.trigger, n.trigger)} at {school}",
        (
            f"Etiquette notice for {school}.",
            _one(n, identity),
            "Codes, counts and times only: the message itself is not recorded.",
        ),
    )


def digest(
    school: str,
    start: datetime,
    end: datetime,
    items: Sequence[NotificationRecord],
    identity: Identity | None,
) -> Notice:
    by_rule = Counter(n.rule for n in items)
    by_trigger = Counter(n.trigger for n in items)
    lines = [
        f"Etiquette daily digest for {school}: {_local(start)} to {_local(end)} (UK time).",
        f"{len(items)} notice(s).",
        "",
        "Per rule:",
        *(f"  {RULE_TITLES.get(r, r)}: {c}" for r, c in sorted(by_rule.items())),
        "Per trigger:",
        *(f"  {TRIGGERS.get(t, t)}: {c}" for t, c in sorted(by_trigger.items())),
        "",
        "Times:",
        *(f"  {_one(n, identity)}" for n in items),
        "",
        "Codes, counts and times only: the messages themselves are not recorded.",
    ]
    return Notice(
        f"Etiquette daily digest: {len(items)} pupil-contact notice(s) at {school}", tuple(lines)
    )


def test(school: str, now: datetime) -> Notice:
    return Notice(
        f"Etiquette: test notification for {school}",
        (
            f"This is a test notification from Etiquette for {school}, sent {_local(now)}.",
            "Notices about pupil-contact rules will arrive here.",
        ),
    )
