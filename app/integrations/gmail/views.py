"""The cards Etiquette shows in Gmail: the homepage and the compose check.

Pure functions from a verdict (or a policy) to a :class:`~.cards.Card`. Every
piece of user data (addresses, subjects) reaches the card only through the
escaping builders in :mod:`.cards`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from app.domain import Action as Act
from app.domain import (
    Finding,
    Fix,
    FixKind,
    OverrideReason,
    Severity,
    ThresholdSource,
    Verdict,
)
from app.integrations.gmail import fixes
from app.integrations.gmail.cards import (
    AMBER,
    BR,
    GREEN,
    GREY,
    RED,
    Action,
    Button,
    ButtonList,
    Card,
    CardHeader,
    DecoratedText,
    Divider,
    Icon,
    Section,
    SelectionInput,
    TextParagraph,
    bold,
    coloured,
    italic,
    join,
    sections_within_limit,
)
from app.integrations.gmail.drafts import DraftStatus
from app.integrations.gmail.events import Platform
from app.policy import Policy
from app.rules.base import Rule, RuleOptions
from app.rules.registry import BY_CODE, RULES

MAX_LISTED = 5  # addresses listed under a finding before "and N more"

_LABEL = {Severity.BLOCK: "Must fix", Severity.WARN: "Check", Severity.ADVISE: "Advice"}
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

_CHECKED = {
    DraftStatus.READ: "Recipients, timing, subject and attachments (from your saved draft).",
    DraftStatus.AMBIGUOUS: "Recipients and timing; the subject and attachments of your most "
    "recently saved draft to these recipients. You have more than one saved draft to them, so "
    "it may not be this one.",
    DraftStatus.OFF: "Recipients and timing. Your school has not turned on subject and "
    "attachment checks in Gmail.",
    DraftStatus.NO_SCOPE: "Recipients and timing. Subject and attachment checks need your "
    "permission to read the draft.",
    DraftStatus.NO_MATCH: "Recipients and timing. Your latest changes are not saved yet, so the "
    "subject and attachments were not read: wait a moment, then Check again.",
    DraftStatus.ERROR: "Recipients and timing. Gmail did not return your draft, so the subject "
    "and attachments were not checked.",
    DraftStatus.TIMEOUT: "Recipients and timing. Gmail took too long to return your draft, so "
    "the subject and attachments were not checked.",
}

SUBJECT_BY_HAND = (
    "Edit the subject yourself: you have more than one saved draft to these recipients, so "
    "Etiquette cannot be sure this subject is this draft's."
)

# Add-ons cannot add or remove attachments (Gmail's compose actions change recipients,
# subject and body only), so ATT001's share_as_link fix is told, not applied.
SHARE_FROM_DRIVE = (
    "To share it as a link instead: remove the attachment (the × beside it), choose Insert "
    "files using Drive (the Drive icon at the bottom of the message), pick the file (upload it "
    "there first if it is only on your computer) and choose Drive link. Only people at your "
    "school need access."
)

REMINDER = (
    "Before you send: make sure the subject names no pupil or family (policy §4.5), and share "
    "large files as a Drive link."
)


@dataclass(frozen=True, slots=True)
class Links:
    """Where buttons call back to (the endpoint, one ``?action=`` per kind)."""

    endpoint: str

    def action(self, name: str, params: tuple[tuple[str, str], ...] = ()) -> Action:
        return Action(f"{self.endpoint}?action={name}", params)


@dataclass(frozen=True, slots=True)
class ComposeView:
    verdict: Verdict
    school: str
    draft_status: DraftStatus
    platform: Platform
    user_zone: tzinfo | None
    school_zone: tzinfo
    links: Links
    secret: str
    check_id: str  # the check this card shows; fix buttons report their outcome against it

    def anyway_action(self) -> Action:
        """ "Sending it as it is": the card's check and its rule codes (ids only),
        signed, so that the outcome recorded is this card's."""
        codes = ",".join(dict.fromkeys(self.verdict.codes))
        return self.links.action(
            "anyway", fixes.anyway_parameters(self.secret, self.check_id, codes)
        )

    def fix_action(self, f: Finding, i: int, fx: Fix) -> Action:
        return self.links.action("fix", fixes.parameters(self.secret, self.check_id, f.code, i, fx))


# -- compose -------------------------------------------------------------------------


def compose_card(view: ComposeView) -> Card:
    findings = view.verdict.findings
    footer = (Button("Check again", view.links.action("check"), filled=True),)
    checked = _checked_section(view)
    if not findings:
        good = Section(
            (
                TextParagraph(
                    join(
                        coloured("✓ Looks good to send", GREEN),
                        BR,
                        "Nothing in this email goes against the school's email policy.",
                    )
                ),
            )
        )
        return Card(
            CardHeader("Looks good to send", view.school),
            (good, checked),
            footer=footer,
            name="compose",
        )
    top = max(f.severity.rank for f in findings)
    if top >= Severity.BLOCK.rank:
        lead = coloured("Fix before sending", RED)
    elif top >= Severity.WARN.rank:
        lead = coloured("Check before sending", AMBER)
    else:
        lead = coloured("Worth a look", GREY)
    n = len(findings)
    summary = Section(
        (
            TextParagraph(
                join(
                    lead,
                    BR,
                    f"{n} thing{'s' if n != 1 else ''} in this email go"
                    f"{'es' if n == 1 else ''} against the school's email policy.",
                )
            ),
        )
    )
    anyway = _anyway_section(view)
    body = sections_within_limit(
        (_finding_section(view, f) for f in findings),
        reserve=len(summary.widgets) + 3 + len(anyway.widgets),
    )
    return Card(
        CardHeader(f"{n} thing{'s' if n != 1 else ''} to check", view.school),
        (summary, *body, anyway, checked),
        footer=footer,
        name="compose",
    )


ANYWAY = (
    "Gmail cannot hold an email back: if you send this one as it is, tell Etiquette, so your "
    "school can see which warnings people find wrong."
)
ANYWAY_REASON = (
    "Your school asks why you are sending this as it is. Choose a reason: only your choice "
    "is recorded, never anything about the email."
)
REASON_ITEMS = tuple((r.value, r.label) for r in OverrideReason)


def _anyway_section(view: ComposeView) -> Section:
    """A warning can be sent anyway: say so, with a reason where the school asks for one.
    Empty (left off the card) for advice and for a block."""
    verdict = view.verdict
    if verdict.action is not Act.WARN or not view.check_id:
        return Section(())
    widgets: list[Any] = [TextParagraph(ANYWAY_REASON if verdict.reason_required else ANYWAY)]
    if verdict.reason_required:
        widgets.append(SelectionInput("reason", "Reason for sending anyway", REASON_ITEMS))
    widgets.append(ButtonList((Button("I'm sending it as it is", view.anyway_action()),)))
    return Section(tuple(widgets), header="Sending it anyway?")


def _checked_section(view: ComposeView) -> Section:
    widgets: list[Any] = [
        DecoratedText(
            _CHECKED[view.draft_status],
            top_label="Checked",
            icon=Icon(material="fact_check"),
        )
    ]
    if view.draft_status is not DraftStatus.READ:
        widgets.append(TextParagraph(REMINDER))
    if view.draft_status is DraftStatus.NO_SCOPE:
        widgets.append(ButtonList((Button("Allow subject checks", view.links.action("grant")),)))
    return Section(tuple(widgets))


def _finding_section(view: ComposeView, f: Finding) -> Section:
    widgets: list[Any] = [TextParagraph(f.message)]
    listed = f.evidence.addresses
    per_recipient = [
        (i, fx)
        for i, fx in enumerate(f.fixes)
        if fx.kind in (FixKind.REPLACE_RECIPIENT, FixKind.REMOVE_RECIPIENT)
    ]
    if listed and not per_recipient:
        shown = ", ".join(listed[:MAX_LISTED])
        more = len(listed) - MAX_LISTED
        widgets.append(
            DecoratedText(
                shown + (f" and {more} more" if more > 0 else ""),
                top_label="Recipients",
                icon=Icon(known="PERSON"),
            )
        )
    for i, fx in per_recipient[:MAX_LISTED]:
        widgets.append(_recipient_fix(view, f, i, fx))
    for fx in f.fixes:
        if fx.kind is FixKind.SCHEDULE_SEND:
            widgets.extend(_schedule(view, fx))
    # The subject is rewritten only when it is certainly this draft's (read, and the
    # only saved draft to these recipients); otherwise say why there is no button.
    subject_known = view.draft_status is DraftStatus.READ
    buttons = tuple(
        Button(fx.title, view.fix_action(f, i, fx))
        for i, fx in enumerate(f.fixes)
        if fx.kind is FixKind.MOVE_TO_BCC or (fx.kind is FixKind.REPLACE_SUBJECT and subject_known)
    )
    if buttons:
        widgets.append(ButtonList(buttons))
    if not subject_known and any(fx.kind is FixKind.REPLACE_SUBJECT for fx in f.fixes):
        widgets.append(TextParagraph(SUBJECT_BY_HAND))
    if any(fx.kind is FixKind.SHARE_AS_LINK for fx in f.fixes):
        widgets.append(TextParagraph(SHARE_FROM_DRIVE))
    widgets.append(_policy(f))
    widgets.append(Divider())
    return Section(tuple(widgets), header=f"{_LABEL.get(f.severity, 'Check')}: {f.title}")


def _recipient_fix(view: ComposeView, f: Finding, i: int, fx: Fix) -> DecoratedText:
    address = str(fx.params.get("address", ""))
    if fx.kind is FixKind.REPLACE_RECIPIENT:
        label, text = f"Use {fx.params.get('replacement', '')} instead", "Use school address"
    else:
        label, text = "Remove this address", "Remove"
    return DecoratedText(
        address,
        bottom_label=label,
        icon=Icon(known="EMAIL"),
        button=Button(text, view.fix_action(f, i, fx)),
    )


def _schedule(view: ComposeView, fx: Fix) -> list[Any]:
    # The engine words the moment in school time (``local_time``); only the user's own
    # clock time, which the engine cannot know, is worked out here.
    local = str(fx.params["local_time"])
    school = datetime.fromisoformat(str(fx.params["send_at"])).astimezone(view.school_zone)
    if view.platform in (Platform.IOS, Platform.ANDROID):
        how = "Tap More (⋮) at the top of the draft, then Schedule send ▸ Pick date & time"
    else:
        how = "Click the arrow beside Send, then Schedule send ▸ Pick date & time"
    mine = school.astimezone(view.user_zone) if view.user_zone is not None else school
    if mine.utcoffset() == school.utcoffset():
        choose = join(f"Add-ons cannot schedule a Gmail send. {how}, and choose ", bold(local), ".")
    else:
        choose = join(
            f"Add-ons cannot schedule a Gmail send. {how}, and choose ",
            bold(_clock(mine, school)),
            f" in your own time zone, which Gmail's picker uses ({local} school time).",
        )
    return [
        DecoratedText(
            bold(local),
            top_label="Next working moment",
            bottom_label=f"School time ({getattr(view.school_zone, 'key', 'school zone')})",
            icon=Icon(known="CLOCK"),
        ),
        TextParagraph(choose),
    ]


def _clock(mine: datetime, school: datetime) -> str:
    """The user's clock time for the school's moment, with the day if it differs."""
    shift = (mine.date() - school.date()).days
    day = {-1: " the day before", 0: "", 1: " the day after"}.get(shift, "")
    return f"{mine:%H:%M}{day}"


def _policy(f: Finding) -> DecoratedText:
    rule = BY_CODE.get(f.code)
    text = rule.source.text if rule is not None and rule.source.ref == f.policy_ref else ""
    if text and text[:40] in f.message:
        text = ""  # the explanation already quotes it
    return DecoratedText(
        italic(f"“{text}”") if text else f.policy_ref,
        top_label="Policy",
        bottom_label=f"{f.policy_ref} · {f.code}" if text else f.code,
        icon=Icon(known="DESCRIPTION"),
    )


def empty_card(links: Links, school: str) -> Card:
    return Card(
        CardHeader("Nothing to check yet", school),
        (
            Section(
                (
                    TextParagraph(
                        "Add the recipients, then press Check again. Etiquette checks the draft "
                        "against your school's email policy before you send it."
                    ),
                )
            ),
        ),
        footer=(Button("Check again", links.action("check"), filled=True),),
        name="compose",
    )


_FIELD_NAMES = {"to": "To", "cc": "Cc", "bcc": "Bcc"}


def oversize_card(links: Links, school: str, oversize: Mapping[str, int], limit: int) -> Card:
    """A draft with more recipients in a field than Etiquette reads: said, not refused."""
    parts = [f"{n:,} in {_FIELD_NAMES.get(k, k)}" for k, n in sorted(oversize.items())]
    return Card(
        CardHeader("Too many recipients to check", school),
        (
            Section(
                (
                    TextParagraph(
                        f"This draft has {', '.join(parts)}. Etiquette reads at most {limit:,} "
                        "addresses in each of To, Cc and Bcc, so it has not checked this email "
                        "and offers no fixes (a fix made to part of the list would lose the "
                        "rest)."
                    ),
                    TextParagraph(
                        "Gmail limits how many people one message can go to. For a list this "
                        "size, use a Google Group or your school's mailing system, then press "
                        "Check again."
                    ),
                )
            ),
        ),
        footer=(Button("Check again", links.action("check"), filled=True),),
        name="compose",
    )


# -- homepage --------------------------------------------------------------------------


def threshold(rule: Rule[Any], opts: RuleOptions) -> str | None:
    """The rule's threshold as the rule words it, saying when the school set it
    (None where a rule has none)."""
    phrase = rule.describe_threshold(opts)
    if phrase is None:
        return None
    school_set = phrase.source is ThresholdSource.POLICY
    return phrase.text + (" (school setting)" if school_set else "")


def working_hours(policy: Policy) -> str:
    wh = policy.working_hours
    days = [d.value for d in wh.days]
    if days == list(range(days[0], days[-1] + 1)) and len(days) > 1:
        span = f"{_DAYS[days[0]]}–{_DAYS[days[-1]]}"
    else:
        span = ", ".join(_DAYS[d] for d in days)
    return f"{span} {wh.start.strftime('%H:%M')}–{wh.end.strftime('%H:%M')}"


def home_card(policy: Policy, school: str, read_drafts: bool, links: Links) -> Card:
    rules: list[Any] = []
    for rule in RULES:
        opts = policy.options(rule.code)
        if opts.severity is Severity.OFF or opts.silent:  # silent: the sender sees nothing
            continue
        rules.append(
            DecoratedText(
                rule.summary,
                top_label=_LABEL.get(opts.severity, "Check"),
                bottom_label=threshold(rule, opts),
                icon=Icon(known="BOOKMARK" if opts.severity is Severity.BLOCK else "DESCRIPTION"),
            )
        )
    n_hol = len(policy.school_holidays)
    hours = DecoratedText(
        working_hours(policy),
        top_label="Working hours",
        bottom_label=f"{policy.timezone}; {policy.bank_holidays.value.replace('_', ' ').title()} "
        f"bank holidays and {n_hol} school holiday{'s' if n_hol != 1 else ''} count as out of "
        "hours",
        icon=Icon(known="CLOCK"),
    )
    mode = (
        "Subject and attachments are checked from your saved draft."
        if read_drafts
        else "Recipients and timing are checked; the subject is yours to check."
    )
    how = TextParagraph(
        join(
            "In a draft, open Etiquette from the toolbar at the bottom and choose ",
            bold("Check this email"),
            ". ",
            mode,
            " Gmail cannot stop a send from an add-on: the check is advice before you press Send.",
        )
    )
    sections: Iterable[Section] = (
        Section((how,)),
        Section(tuple(rules), header="Before you send, Etiquette checks"),
        Section((hours,), header="Your school's hours"),
    )
    return Card(CardHeader("Etiquette", f"{school} email policy"), tuple(sections), name="home")
