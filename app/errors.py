"""The product's own exceptions: one small tree under :class:`EtiquetteError`.

Every error Etiquette raises on purpose derives from one of these four kinds,
so a caller can catch by kind (``except NotFound``) and the API maps a kind to
an HTTP status in one place (``app/api/errors.py``). Messages are written for
the person who sent the request and never carry a subject, a body, a name or
an address. This module imports nothing from the product: every layer may
raise these.

- :class:`NotFound`: the thing does not exist for this caller (which may mean:
  it is another school's). API: 404.
- :class:`Conflict`: the change clashes with data already held (a domain
  another school owns). API: 409.
- :class:`Invalid`: input that breaks a rule of ours beyond its type (a slug,
  a policy overlay, a roster row). Also a ``ValueError``, as these always were.
- :class:`Unavailable`: something outside failed or refused (a directory
  source, Microsoft Graph).
- :class:`Unauthenticated`: credentials we do not accept (an Entra or Google
  token that fails verification).
"""

from __future__ import annotations


class EtiquetteError(Exception):
    """Base of every exception Etiquette raises on purpose."""


class NotFound(EtiquetteError, LookupError):
    """The thing does not exist for this tenant (which may mean: not yours)."""


class Conflict(EtiquetteError, ValueError):
    """The change clashes with existing data (e.g. a domain another school owns)."""


class Invalid(EtiquetteError, ValueError):
    """Input that breaks one of our rules; the message says which, without content."""


class Unavailable(EtiquetteError):
    """Something outside the service failed, refused or did not answer."""


class Unauthenticated(EtiquetteError):
    """A caller's credentials (a token, a key) are missing, expired or not ones we accept."""
