"""Read a real RFC 5322 message (an ``.eml`` file or an mbox entry) into a
:class:`~app.domain.Message`.

The standard library's ``email`` package with ``policy.default`` does the
parsing (encoded words, folded headers, address lists with quoted display
names, MIME trees). We decide only what the engine needs: who, the subject,
attachments and their decoded sizes, the Date as the send time, and whether
the message is a reply or a forward.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import re
from datetime import UTC, datetime
from email.headerregistry import AddressHeader
from email.message import EmailMessage
from email.message import Message as StdMessage
from pathlib import Path

from app.domain import (
    MAX_ATTACHMENTS,
    MAX_PER_FIELD,
    MAX_RECIPIENTS,
    MAX_SUBJECT,
    Address,
    Attachment,
    ComposeType,
    Host,
    Importance,
    Message,
    Recipient,
    RecipientField,
)
from app.errors import Invalid


class EmlError(Invalid):
    """The file is not a message we can check (no sender, unreadable date...)."""


_REPLY = re.compile(r"^\s*(re|aw|sv|vs)\s*(\[\d+\])?\s*:", re.I)
_FORWARD = re.compile(r"^\s*(fw|fwd|wg|tr|rv)\s*(\[\d+\])?\s*:", re.I)


def _addresses(msg: EmailMessage, header: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for value in msg.get_all(header, []):
        if isinstance(value, AddressHeader):
            out.extend((a.addr_spec, a.display_name) for a in value.addresses if a.addr_spec)
        else:  # malformed header: fall back to the lenient parser
            out.extend(
                (addr, name) for name, addr in email.utils.getaddresses([str(value)]) if addr
            )
    return out


def _size(part: StdMessage) -> int:
    payload = part.get_payload(decode=True)
    if isinstance(payload, bytes):
        return len(payload)
    return len(part.as_bytes())  # an attached message (message/rfc822)


def _importance(msg: EmailMessage) -> Importance:
    value = str(msg.get("Importance", "") or msg.get("X-Priority", "")).strip().lower()
    if value.startswith(("high", "1", "2")):
        return Importance.HIGH
    if value.startswith(("low", "5", "4")):
        return Importance.LOW
    return Importance.NORMAL


def parse_message(msg: EmailMessage, *, default_send_at: datetime) -> Message:
    senders = _addresses(msg, "From")
    if not senders:
        raise EmlError("no From address")
    sender_addr, sender_name = senders[0]
    send_at = _date(msg, default_send_at)
    subject = str(msg.get("Subject", "") or "")
    if len(subject) > MAX_SUBJECT:
        raise EmlError(f"Subject: longer than {MAX_SUBJECT} characters (the check API's limit)")
    recipients = {
        fld: tuple(
            Recipient(addr, name, fld) for addr, name in _addresses(msg, fld.value.capitalize())
        )
        for fld in RecipientField
    }
    for fld, found in recipients.items():
        if len(found) > MAX_PER_FIELD:
            raise EmlError(
                f"{fld.value.capitalize()}: {len(found)} recipients (at most {MAX_PER_FIELD})"
            )
        bad = sum(1 for r in found if not _is_address(r.email))
        if bad:
            # Checking a message with an unreadable recipient would judge a different message.
            raise EmlError(
                f"{fld.value.capitalize()}: {bad} recipient(s) not an email address "
                "(expected name@domain)"
            )
    attachments = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        disposition = part.get_content_disposition()
        filename = part.get_filename()
        if disposition not in ("attachment", "inline") and not filename:
            continue  # a body part
        if disposition == "inline" and not filename and part.get_content_maintype() == "text":
            continue
        inline = disposition == "inline" and bool(part.get("Content-ID"))
        attachments.append(
            Attachment(filename or "(unnamed)", _size(part), inline, part.get_content_type())
        )
    n_recipients = sum(len(v) for v in recipients.values())
    if n_recipients > MAX_RECIPIENTS:
        raise EmlError(f"{n_recipients} recipients in all (at most {MAX_RECIPIENTS})")
    if len(attachments) > MAX_ATTACHMENTS:
        raise EmlError(f"{len(attachments)} attachments (at most {MAX_ATTACHMENTS})")
    if _FORWARD.match(subject):
        compose = ComposeType.FORWARD
    elif _REPLY.match(subject) or msg.get("In-Reply-To"):
        compose = ComposeType.REPLY_ALL if n_recipients > 1 else ComposeType.REPLY
    else:
        compose = ComposeType.NEW
    return Message(
        sender=Address(sender_addr, sender_name),
        send_at=send_at,
        to=recipients[RecipientField.TO],
        cc=recipients[RecipientField.CC],
        bcc=recipients[RecipientField.BCC],
        subject=subject,
        attachments=tuple(attachments),
        compose_type=compose,
        importance=_importance(msg),
        host=Host.EML,
    )


def _date(msg: EmailMessage, default: datetime) -> datetime:
    """The Date header as an aware moment, per RFC 5322 section 3.3.

    ``-0000`` means "UTC, local zone unknown", and an obsolete or military zone
    other than UT/GMT/Z counts the same (section 4.3), as does a date with no
    zone at all: all are read as UTC. The standard library returns them as
    naive datetimes; they are not the moment the audit runs. Only a missing or
    unreadable header falls back to ``default``.
    """
    try:
        # get() parses the header already (email.headerregistry.DateHeader): an absurd
        # year (10**19) is an OverflowError there, not a ValueError.
        header = msg.get("Date")
        if header is None:
            return default
        parsed = email.utils.parsedate_to_datetime(str(header))
    except (TypeError, ValueError, IndexError, OverflowError):
        return default
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed if 1990 <= parsed.year <= 2200 else default


def _is_address(value: str) -> bool:
    local, at, domain = value.rpartition("@")
    return bool(at and local and "." in domain.strip(".") and " " not in value)


def read_bytes(data: bytes, *, default_send_at: datetime) -> Message:
    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
    except RecursionError:  # the parser recurses once per attached message it holds
        raise EmlError("messages attached inside each other too deeply to read") from None
    if not isinstance(msg, EmailMessage):  # pragma: no cover - policy.default guarantees it
        raise EmlError("unreadable message")
    return parse_message(msg, default_send_at=default_send_at)


def read_eml(path: Path, *, default_send_at: datetime) -> Message:
    return read_bytes(path.read_bytes(), default_send_at=default_send_at)
