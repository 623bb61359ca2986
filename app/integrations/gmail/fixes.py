"""Fix buttons: opaque ids out, the draft change back in.

A button carries ``fix=<CODE>.<n>`` and a keyed digest of the fix it was
drawn for; never an address or a name. When it is pressed the server
re-evaluates the draft as the new event describes it, finds the fix with that
id, and applies it only if the digest still matches (the draft may have
changed since the card was drawn). Applying a fix is pure: the current
recipient lists in, the complete new lists (and subject) out, because each
list in ``updateDraftActionMarkup`` replaces the draft's.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, replace

from app.domain import Finding, Fix, FixKind, Verdict, normalise_address
from app.integrations.gmail.cards import DraftUpdate

APPLICABLE = frozenset(
    {
        FixKind.MOVE_TO_BCC,
        FixKind.REPLACE_SUBJECT,
        FixKind.REPLACE_RECIPIENT,
        FixKind.REMOVE_RECIPIENT,
    }
)


@dataclass(frozen=True, slots=True)
class Draft:
    """The draft as the event (and, where read, the Gmail API) describes it."""

    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    bcc: tuple[str, ...] = ()
    subject: str | None = None  # None: not known (draft not read)

    def field(self, name: str) -> tuple[str, ...]:
        return {"to": self.to, "cc": self.cc, "bcc": self.bcc}[name]


def fix_id(code: str, index: int) -> str:
    return f"{code}.{index}"


def digest(secret: str, fix: Fix) -> str:
    data = json.dumps(fix.to_dict(), sort_keys=True, default=str).encode()
    return hmac.new(secret.encode(), data, hashlib.sha256).hexdigest()[:16]


def parameters(secret: str, code: str, index: int, fix: Fix) -> tuple[tuple[str, str], ...]:
    return (("fix", fix_id(code, index)), ("h", digest(secret, fix)))


def find(
    verdict: Verdict, wanted: str | None, sig: str | None, secret: str
) -> tuple[Finding, Fix] | None:
    """The fix a button was drawn for, if the current draft still calls for it."""
    if not wanted or not sig:
        return None
    for finding in verdict.findings:
        for i, fix in enumerate(finding.fixes):
            if fix_id(finding.code, i) == wanted and hmac.compare_digest(digest(secret, fix), sig):
                return finding, fix
    return None


def _without(items: tuple[str, ...], keys: set[str]) -> tuple[str, ...]:
    return tuple(x for x in items if normalise_address(x) not in keys)


def _dedupe(items: list[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    out = []
    for x in items:
        k = normalise_address(x)
        if k not in seen:
            seen.add(k)
            out.append(x)
    return tuple(out)


def apply(fix: Fix, draft: Draft, sender: str) -> tuple[Draft, DraftUpdate] | None:
    """The draft after the fix and the update that makes it so; None if not applicable.

    When To would be left empty the sender goes there: the address Gmail shows
    as the sender in To is harmless, and it sidesteps whether an empty
    ``toRecipients`` clears the field.
    """
    p = fix.params
    if fix.kind is FixKind.MOVE_TO_BCC:
        keys = {normalise_address(a) for a in p.get("addresses", ())}
        moving = [x for x in draft.to + draft.cc if normalise_address(x) in keys]
        if not moving:
            return None
        to = _without(draft.to, keys) or (sender,)
        cc = _without(draft.cc, keys)
        bcc = _dedupe([*draft.bcc, *moving])
        new = replace(draft, to=to, cc=cc, bcc=bcc)
        return new, DraftUpdate(to=to, cc=cc if cc != draft.cc else None, bcc=bcc)
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
                if f in ("to", "cc", "bcc")
                and any(normalise_address(x) == key for x in draft.field(f))
            ),
            None,
        )
        if name is None:
            return None
        items = list(draft.field(name))
        idx = next(i for i, x in enumerate(items) if normalise_address(x) == key)
        if fix.kind is FixKind.REPLACE_RECIPIENT:
            items[idx] = str(p.get("replacement", ""))
        else:
            del items[idx]
        new_items = _dedupe(items)
        if name == "to" and not new_items:
            new_items = (sender,)
        if name == "to":
            return replace(draft, to=new_items), DraftUpdate(to=new_items)
        if name == "cc":
            return replace(draft, cc=new_items), DraftUpdate(cc=new_items)
        return replace(draft, bcc=new_items), DraftUpdate(bcc=new_items)
    return None
