"""Is this string an email address? The one syntax check for every address the
service takes in: the check API's recipients and every roster row.

Below the API's schemas and the directory's loaders, which both use it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from email_validator import EmailNotValidError, validate_email

# A plain ASCII local part (RFC 5322 dot-atom): the common case, checked here
# so that only the domain (cached: a roster has few) goes to email-validator.
_DOT_ATOM = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*\Z")


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
