"""Is this string an email address? The one syntax check for every address the
service takes in: the check API's recipients and every roster row.

Below the API's schemas and the directory's loaders, which both use it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from email_validator import SPECIAL_USE_DOMAIN_NAMES, EmailNotValidError, validate_email

# A plain ASCII local part (RFC 5322 dot-atom): the common case, checked here
# so that only the domain (cached: a roster has few) goes to email-validator.
_DOT_ATOM = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*\Z")


def _any_case(word: str) -> str:
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else re.escape(c) for c in word)


# What the API's schema says of an address (``pattern`` beside ``format: email``):
# something@domain.tld, and not a special-use domain (RFC 6761 and after: .test,
# .local, ...), which check_address refuses, as email-validator does, whatever
# its case or a trailing dot. Written as an ECMA-262 pattern (JSON Schema's
# dialect) that Python's re reads the same way. check_address remains the full
# check (IDN, quoted local parts, label lengths); its refusals are the same 422.
SPECIAL_USE = tuple(sorted(SPECIAL_USE_DOMAIN_NAMES))
SCHEMA_PATTERN = (
    r"^[^@\s]+@(?![^@\s]*\.(?:"
    + "|".join(_any_case(d) for d in SPECIAL_USE)
    + r")\.?$)[^@\s]+\.[^@\s]+$"
)


@lru_cache(maxsize=4096)
def _domain(domain: str) -> str:
    return validate_email("a@" + domain, check_deliverability=False).normalized[2:]


def check_address(v: str) -> str:
    """Syntax check (IDN and quoted local parts included) with email-validator.

    Same answers as ``validate_email(v, check_deliverability=False).normalized``
    (``tests/api/test_addresses.py`` compares them); a dot-atom ASCII local part
    takes a fast path, which a 400,000-row roster upload needs."""
    try:
        local, at, domain = v.rpartition("@")
        if at and len(local) <= 64 and len(v) <= 254 and _DOT_ATOM.match(local):
            return f"{local}@{_domain(domain)}"
        return validate_email(v, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise ValueError(f"not a valid email address: {exc}") from None
