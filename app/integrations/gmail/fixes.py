"""Fix buttons: opaque ids out, the draft change back in.

A button carries ``fix=<CODE>.<n>``, the id of the check that drew the card
and a keyed digest of both and of the fix it was drawn for; never an address
or a name. When it is pressed the server re-evaluates the draft as the new
event describes it, finds the fix with that id, and applies it only if the
digest still matches (the draft may have changed since the card was drawn).

Gmail lists recipients as written: a bare address or ``Name <addr>``. The
event is parsed once into :class:`~app.domain.Address` values (address and
display name); fixes compare by the normalised address and the update names
plain addresses only, since a draft update's recipient is ``{"email": ...}``.
Applying a fix is pure: the current recipient lists in, the complete new
lists (and subject) out, because each list in ``updateDraftActionMarkup``
replaces the draft's.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from app.domain import Address, Finding, Fix, FixKind, Verdict, normalise_address
from app.integrations.gmail.cards import DraftUpdate
from app.integrations.gmail.events import GmailEvent, split_address

APPLICABLE = frozenset(
    {
        FixKind.MOVE_TO_BCC,
        FixKind.REPLACE_SUBJECT,
        FixKind.REPLACE_RECIPIENT,
        FixKind.REMOVE_RECIPIENT,
    }
)

Listed = tuple[Address, ...]


def parse_recipients(raw: Iterable[str]) -> Listed:
    """Gmail's recipient strings as addresses with their display names (blanks dropped)."""
    out = []
    for item in raw:
        email, name = split_address(item)
        if email:
            out.append(Address(email, name))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Draft:
    """The draft as the event (and, where read, the Gmail API) describes it."""

    to: Listed = ()
    cc: Listed = ()
    bcc: Listed = ()
    # None: not known for certain (not read, or several saved drafts could be this one),
    # so a fix that rewrites the subject is not offered.
    subject: str | None = None

    @classmethod
    def parse(
        cls,
        to: Iterable[str] = (),
        cc: Iterable[str] = (),
        bcc: Iterable[str] = (),
        subject: str | None = None,
    ) -> Draft:
        return cls(parse_recipients(to), parse_recipients(cc), parse_recipients(bcc), subject)

    @classmethod
    def from_event(cls, gmail: GmailEvent | None) -> Draft:
        if gmail is None:
            return cls()
        return cls.parse(gmail.to_recipients, gmail.cc_recipients, gmail.bcc_recipients)

    @property
    def recipients(self) -> Listed:
        return self.to + self.cc + self.bcc

    def field(self, name: str) -> Listed:
        return {"to": self.to, "cc": self.cc, "bcc": self.bcc}[name]


def fix_id(code: str, index: int) -> str:
    return f"{code}.{index}"


def _sign(secret: str, payload: dict[str, Any]) -> str:
    """A button's parameters, signed with the service's secret (16 hex digits)."""
    data = json.dumps(payload, sort_keys=True, default=str).encode()
    return hmac.new(secret.encode(), data, hashlib.sha256).hexdigest()[:16]


def _signed_as(expected: str, given: str) -> bool:
    """``given`` (whatever the request says) is the signature ``expected``.
    Compared as bytes: compare_digest refuses a str with non-ASCII characters."""
    return hmac.compare_digest(expected.encode(), given.encode("utf-8", "surrogatepass"))


def digest(secret: str, check_id: str, fix: Fix) -> str:
    return _sign(secret, {"check": check_id, "fix": fix.to_dict()})


def parameters(
    secret: str, check_id: str, code: str, index: int, fix: Fix
) -> tuple[tuple[str, str], ...]:
    return (("fix", fix_id(code, index)), ("c", check_id), ("h", digest(secret, check_id, fix)))


def anyway_digest(secret: str, check_id: str, codes: str) -> str:
    """The signature of a "sending it as it is" button: its check and rule codes,
    so the outcome it records is the card's, not one typed into a forged request."""
    return _sign(secret, {"anyway": check_id, "codes": codes})


def anyway_parameters(secret: str, check_id: str, codes: str) -> tuple[tuple[str, str], ...]:
    return (("c", check_id), ("codes", codes), ("h", anyway_digest(secret, check_id, codes)))


def anyway_signed(secret: str, check_id: str | None, codes: str | None, sig: str | None) -> bool:
    """The button's parameters are the ones the card was drawn with."""
    if not check_id or codes is None or not sig:
        return False
    return _signed_as(anyway_digest(secret, check_id, codes), sig)


def find(
    verdict: Verdict, wanted: str | None, check_id: str | None, sig: str | None, secret: str
) -> tuple[Finding, Fix] | None:
    """The fix a button was drawn for, if the current draft still calls for it."""
    if not wanted or not check_id or not sig:
        return None
    for finding in verdict.findings:
        for i, fix in enumerate(finding.fixes):
            if fix_id(finding.code, i) == wanted and _signed_as(digest(secret, check_id, fix), sig):
                return finding, fix
    return None


def _without(items: Listed, keys: set[str]) -> Listed:
    return tuple(x for x in items if x.key not in keys)


def _dedupe(items: Iterable[Address]) -> Listed:
    seen: set[str] = set()
    out = []
    for x in items:
        if x.key not in seen:
            seen.add(x.key)
            out.append(x)
    return tuple(out)


def _emails(items: Listed) -> tuple[str, ...]:
    return tuple(x.email for x in items)


def apply(fix: Fix, draft: Draft, sender: str) -> tuple[Draft, DraftUpdate] | None:
    """The draft after the fix and the update that makes it so; None if not applicable.

    When To would be left empty the sender goes there: the address Gmail shows
    as the sender in To is harmless, and it sidesteps whether an empty
    ``toRecipients`` clears the field.
    """
    p = fix.params
    me = (Address(sender),)
    if fix.kind is FixKind.MOVE_TO_BCC:
        keys = {normalise_address(str(a)) for a in p.get("addresses", ())}
        moving = [x for x in draft.to + draft.cc if x.key in keys]
        if not moving:
            return None
        to = _without(draft.to, keys) or me
        cc = _without(draft.cc, keys)
        bcc = _dedupe([*draft.bcc, *moving])
        new = replace(draft, to=to, cc=cc, bcc=bcc)
        return new, DraftUpdate(
            to=_emails(to), cc=_emails(cc) if cc != draft.cc else None, bcc=_emails(bcc)
        )
    if fix.kind is FixKind.REPLACE_SUBJECT:
        subject = str(p.get("subject", ""))
        if draft.subject is None:
            return None
        return replace(draft, subject=subject), DraftUpdate(subject=subject)
    if fix.kind in (FixKind.REPLACE_RECIPIENT, FixKind.REMOVE_RECIPIENT):
        key = normalise_address(str(p.get("address", "")))
        preferred = str(p.get("field", "to"))
        fields = [preferred] + [f for f in ("to", "cc", "bcc") if f != preferred]
        name = next(
            (
                f
                for f in fields
                if f in ("to", "cc", "bcc") and any(x.key == key for x in draft.field(f))
            ),
            None,
        )
        if name is None:
            return None
        items = list(draft.field(name))
        idx = next(i for i, x in enumerate(items) if x.key == key)
        if fix.kind is FixKind.REPLACE_RECIPIENT:
            replacement = str(p.get("replacement", ""))
            if "@" not in replacement:
                return None
            items[idx] = Address(replacement)
        else:
            del items[idx]
        new_items = _dedupe(items)
        if name == "to" and not new_items:
            new_items = me
        emails = _emails(new_items)
        if name == "to":
            return replace(draft, to=new_items), DraftUpdate(to=emails)
        if name == "cc":
            return replace(draft, cc=new_items), DraftUpdate(cc=emails)
        return replace(draft, bcc=new_items), DraftUpdate(bcc=emails)
    return None
