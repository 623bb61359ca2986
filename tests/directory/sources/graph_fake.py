"""A fake Microsoft Graph tenant (and its token endpoint) for the sync tests and benchmark.

Pages are shaped as Graph's documentation shows them (delta query for users:
``@odata.nextLink`` pages, a last page with ``@odata.deltaLink``, removed users
as ``{"id": ..., "@removed": {"reason": "changed"}}``; ``$count`` as text/plain;
429 with ``Retry-After``). ``faults`` queues raw answers for a URL fragment.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx

GRAPH = "https://graph.microsoft.com/v1.0"
LOGIN = "https://login.microsoftonline.com"
TENANT = "8a3c2a40-17c6-4b53-9c4e-0f0d2f4a6b11"
OPENID = f"{LOGIN}/{TENANT}/v2.0/.well-known/openid-configuration"
CONTEXT = f"{GRAPH}/$metadata#users(givenName,surname,displayName,mail,jobTitle,department)"


def graph_user(i: int, domain: str = "oak.sch.uk", **over: Any) -> dict[str, Any]:
    u = {
        "businessPhones": [],
        "displayName": f"Given{i} Family{i}",
        "givenName": f"Given{i}",
        "surname": f"Family{i}",
        "jobTitle": "Teacher",
        "mail": f"user{i}@{domain}",
        "department": "Science",
        "userPrincipalName": f"user{i}@{domain}",
        "accountEnabled": True,
        "id": f"00000000-0000-0000-0000-{i:012d}",
    }
    u.update(over)
    return u


@dataclass
class FakeGraph:
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    groups: list[dict[str, Any]] = field(default_factory=list)
    group_sizes: dict[str, int] = field(default_factory=dict)
    page_size: int = 999
    version: int = 0
    changes: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    faults: list[tuple[str, httpx.Response]] = field(default_factory=list)
    expire_token_once: bool = False
    tokens_issued: int = 0
    requests: list[httpx.Request] = field(default_factory=list)
    edu_students: set[str] = field(default_factory=set)
    edu_classes: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    base: str = GRAPH  # where links point (a local server's address in the benchmark)
    _snapshots: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    # -- the tenant changes ----------------------------------------------------

    def add(self, *users: dict[str, Any]) -> None:
        self.version += 1
        for u in users:
            self.users[u["id"]] = u
            self.changes.append((self.version, u))

    def remove(self, *ids: str, reason: str = "changed") -> None:
        self.version += 1
        for i in ids:
            del self.users[i]
            gone = {"@odata.type": "#microsoft.graph.user", "id": i, "@removed": {"reason": reason}}
            self.changes.append((self.version, gone))

    # -- HTTP ------------------------------------------------------------------

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        url = str(request.url)
        for n, (fragment, resp) in enumerate(self.faults):
            if fragment in url:
                del self.faults[n]
                return resp
        if url.endswith("/v2.0/.well-known/openid-configuration"):
            tenant = url.split("/")[3]
            return httpx.Response(
                200,
                json={
                    "issuer": f"{LOGIN}/{tenant}/v2.0",
                    "authorization_endpoint": f"{LOGIN}/{tenant}/oauth2/v2.0/authorize",
                    "token_endpoint": f"{LOGIN}/{tenant}/oauth2/v2.0/token",
                },
            )
        if "/common/discovery/instance" in url:  # MSAL asks this after a failed token call
            return httpx.Response(
                200,
                json={
                    "tenant_discovery_endpoint": OPENID,
                    "api-version": "1.1",
                    "metadata": [
                        {
                            "preferred_network": "login.microsoftonline.com",
                            "preferred_cache": "login.windows.net",
                            "aliases": ["login.microsoftonline.com", "login.windows.net"],
                        }
                    ],
                },
            )
        if url.endswith("/oauth2/v2.0/token"):
            form = parse_qs(request.content.decode())
            assert form["grant_type"] == ["client_credentials"]
            assert form["scope"] == ["https://graph.microsoft.com/.default"]
            if form.get("client_secret") != ["s3cret"]:
                return httpx.Response(
                    401, json={"error": "invalid_client", "error_description": "AADSTS7000215"}
                )
            self.tokens_issued += 1
            return httpx.Response(
                200,
                json={
                    "token_type": "Bearer",
                    "expires_in": 3599,
                    "ext_expires_in": 3599,
                    "access_token": f"graph-token-{self.tokens_issued}",
                },
            )
        if not url.startswith(self.base):
            return httpx.Response(404)
        if self.expire_token_once and request.headers["Authorization"] == "Bearer graph-token-1":
            self.expire_token_once = False
            return _error(401, "InvalidAuthenticationToken", "Access token has expired.")
        assert request.headers["Authorization"].startswith("Bearer graph-token-")
        path = urlparse(url).path.removeprefix(urlparse(self.base).path)
        query = parse_qs(urlparse(url).query)
        if path == "/users/delta":
            return self._delta(query)
        if path == "/groups":
            return self._page(f"{self.base}/groups", self.groups, query, "groups")
        if path.startswith("/groups/") and path.endswith("/transitiveMembers/$count"):
            assert request.headers.get("ConsistencyLevel") == "eventual"
            gid = path.split("/")[2]
            return httpx.Response(
                200, text=str(self.group_sizes[gid]), headers={"content-type": "text/plain"}
            )
        if path == "/education/users":
            value = [
                {"id": i, "primaryRole": "student" if i in self.edu_students else "teacher"}
                for i in self.users
            ]
            return self._page(f"{self.base}/education/users", value, query, "education/users")
        if path == "/education/classes":
            value = [{"id": k, "displayName": v[0]} for k, v in self.edu_classes.items()]
            return self._page(f"{self.base}/education/classes", value, query, "education/classes")
        if path.startswith("/education/classes/") and path.endswith("/members"):
            cid = path.split("/")[3]
            value = [{"id": m} for m in self.edu_classes[cid][1]]
            return self._page(f"{self.base}{path}", value, query, "members")
        return httpx.Response(404, json={"error": {"code": "Request_ResourceNotFound"}})

    def _page(
        self, base: str, items: list[dict[str, Any]], query: dict[str, list[str]], key: str
    ) -> httpx.Response:
        start = int(query.get("$skiptoken", ["0"])[0])
        chunk = items[start : start + self.page_size]
        body: dict[str, Any] = {"@odata.context": f"{GRAPH}/$metadata#{key}", "value": chunk}
        if start + self.page_size < len(items):
            body["@odata.nextLink"] = f"{base}?$skiptoken={start + self.page_size}"
        return httpx.Response(200, json=body)

    def _delta(self, query: dict[str, list[str]]) -> httpx.Response:
        if "$deltatoken" in query:
            since = int(query["$deltatoken"][0])
            value = [u for v, u in self.changes if v > since]
            body = {"@odata.context": CONTEXT, "value": value}
            body["@odata.deltaLink"] = f"{self.base}/users/delta?$deltatoken={self.version}"
            return httpx.Response(200, json=body)
        if "$skiptoken" in query:
            snap_id, _, start_s = query["$skiptoken"][0].partition(".")
            start = int(start_s)
        else:
            assert "id" in query["$select"][0] and "mail" in query["$select"][0]
            snap_id, start = str(len(self._snapshots)), 0
            self._snapshots[snap_id] = list(self.users.values())
        items = self._snapshots[snap_id]
        chunk = items[start : start + self.page_size]
        body = {"@odata.context": CONTEXT, "value": chunk}
        if start + self.page_size < len(items):
            body["@odata.nextLink"] = (
                f"{self.base}/users/delta?$skiptoken={snap_id}.{start + self.page_size}"
            )
        else:
            body["@odata.deltaLink"] = f"{self.base}/users/delta?$deltatoken={self.version}"
        return httpx.Response(200, content=json.dumps(body).encode(), headers=_JSON)

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handler)


_JSON = {"content-type": "application/json; odata.metadata=minimal"}


def _error(status: int, code: str, message: str, **headers: str) -> httpx.Response:
    return httpx.Response(
        status,
        json={"error": {"code": code, "message": message, "innerError": {"date": "2026-11-30"}}},
        headers=headers,
    )


def throttled(seconds: int = 2) -> httpx.Response:
    return _error(429, "TooManyRequests", "Too many requests", **{"Retry-After": str(seconds)})


def unavailable() -> httpx.Response:
    return _error(503, "serviceNotAvailable", "Service unavailable")
