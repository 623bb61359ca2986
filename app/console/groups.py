"""Group roles for Google sign-ins.

A Google ID token carries no groups. When some role is given to a group, the
person's groups are read from the school's Google Workspace directory: the
Admin SDK's ``groups.list(userKey=<their address>)`` with the service account
(and delegated admin) of the school's ``kind: google`` directory source, the
one its directory sync already uses. Only schools of the sign-in's own
Workspace domain (``hd``) are asked. A group role is given by the group's
email address (or its Admin SDK id); only direct membership counts (the
Directory API lists direct groups).

If nobody holds a role by group, nothing is asked. If a group role exists but
the groups cannot be read (no such source, Google refused or failed), the
session is marked "groups unknown": only roles given by email apply, and the
pages say so. Entra ID's groups (and its overage) are :mod:`app.console.auth`'s.
"""

from __future__ import annotations

import asyncio
import dataclasses

import httpx

from app.console.auth import Identity
from app.directory.sources.base import SourceError
from app.directory.sources.google import GoogleSource
from app.runtime import Runtime
from app.store.console import ConsoleStore
from app.store.sync import SourceRecord, SyncRepo


def _google_sources(runtime: Runtime, hd: str) -> list[SourceRecord]:
    out: list[SourceRecord] = []
    for school in runtime.tenants():
        trust = runtime.trust(school.trust_id) if school.trust_id else None
        domains = {school.settings.gmail.google_domain, trust.google_domain if trust else None}
        if hd not in {d.lower() for d in domains if d}:
            continue
        with runtime.store.db.session() as session:
            out += [s for s in SyncRepo(session, school.id).sources() if s.kind == "google"]
    return out


async def with_google_groups(
    identity: Identity, runtime: Runtime, store: ConsoleStore, http: httpx.AsyncClient
) -> Identity:
    """``identity`` with the groups (among those holding a role) it is in."""
    candidates = set(await asyncio.to_thread(store.group_principals))
    if identity.provider != "google" or not candidates:
        return identity
    sources = await asyncio.to_thread(_google_sources, runtime, identity.org)
    for source in sources:
        try:
            groups = await GoogleSource(source.name, source.config, http=http).member_groups(
                identity.email
            )
        except SourceError:
            continue  # another source of the same domain may answer
        found = tuple(sorted({g for g in groups if g in candidates}))
        return dataclasses.replace(identity, groups=found)
    return dataclasses.replace(identity, groups=(), groups_unknown=True)
