"""The session cookie, the sign-in flow cookie and CSRF tokens.

The session itself lives in the database (``console_sessions``, by the hash
of its id); the browser holds only the id, signed with the service's secret
(itsdangerous), in an ``HttpOnly``, ``SameSite=Lax`` cookie scoped to
``/console``, ``Secure`` unless the demo turns that off. Every state-changing
form carries the session's synchronizer token (``csrf``), compared in
constant time. Before sign-in, the flow cookie (signed, ten minutes) holds
MSAL's flow and a token for the sign-in forms.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import Response

from app.console.auth import Identity
from app.console.settings import ConsoleSettings
from app.store.console import ConsoleStore

SESSION_COOKIE = "etq_console"
FLOW_COOKIE = "etq_console_flow"
PATH = "/console"


@dataclass(frozen=True, slots=True)
class User:
    """A signed-in person: their identity, this session's id and CSRF token."""

    identity: Identity
    session_id: str
    csrf: str
    expires_at: datetime


class Cookies:
    def __init__(self, secret: str, settings: ConsoleSettings) -> None:
        self.settings = settings
        self._session = URLSafeTimedSerializer(secret, salt="etiquette.console.session")
        self._flow = URLSafeTimedSerializer(secret, salt="etiquette.console.flow")

    def _clear(self, response: Response, name: str) -> None:
        response.delete_cookie(
            name, path=PATH, secure=self.settings.cookie_secure, httponly=True, samesite="lax"
        )

    def _set(self, response: Response, name: str, value: str, max_age: int) -> None:
        response.set_cookie(
            name,
            value,
            max_age=max_age,
            path=PATH,
            secure=self.settings.cookie_secure,
            httponly=True,
            samesite="lax",
        )

    # Sessions
    def open_session(self, store: ConsoleStore, identity: Identity, response: Response) -> None:
        session_id = secrets.token_urlsafe(32)
        minutes = self.settings.session_minutes
        store.purge_sessions()  # expired ones, anyone's: sign-ins are rare, this is cheap
        store.create_session(
            session_id,
            provider=identity.provider,
            email=identity.email,
            org=identity.org,
            groups=identity.groups,
            groups_unknown=identity.groups_unknown,
            csrf=secrets.token_urlsafe(32),
            expires_at=datetime.now(UTC) + timedelta(minutes=minutes),
        )
        self._set(response, SESSION_COOKIE, self._session.dumps(session_id), minutes * 60)
        self._clear(response, FLOW_COOKIE)

    def user(self, request: Request, store: ConsoleStore) -> User | None:
        raw = request.cookies.get(SESSION_COOKIE)
        if not raw:
            return None
        try:
            session_id = self._session.loads(raw, max_age=self.settings.session_minutes * 60)
        except BadSignature:
            return None
        if not isinstance(session_id, str):
            return None
        row = store.session(session_id)
        if row is None:
            return None
        identity = Identity(row.provider, row.email, row.org, row.groups, row.groups_unknown)
        return User(identity, session_id, row.csrf, row.expires_at)

    def close_session(self, store: ConsoleStore, user: User, response: Response) -> None:
        store.delete_session(user.session_id)
        self._clear(response, SESSION_COOKIE)

    # The sign-in flow (before there is a session)
    def set_flow(self, response: Response, flow: dict[str, Any]) -> None:
        value = self._flow.dumps(flow)
        self._set(response, FLOW_COOKIE, value, self.settings.sign_in_minutes * 60)

    def flow(self, request: Request) -> dict[str, Any] | None:
        raw = request.cookies.get(FLOW_COOKIE)
        if not raw:
            return None
        try:
            flow = self._flow.loads(raw, max_age=self.settings.sign_in_minutes * 60)
        except BadSignature:
            return None
        return flow if isinstance(flow, dict) else None


def same_token(expected: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(expected.encode(), (given or "").encode())
