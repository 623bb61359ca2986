"""A small round-robin HTTP proxy with retries, for benchmarks/multi_instance.py.

    .venv/bin/python benchmarks/rrproxy.py --port 9000 --upstream http://127.0.0.1:9001 ...

Stands in for the load balancer in front of the replicas (nginx's
``proxy_next_upstream error timeout http_502 http_503 non_idempotent`` in
deploy/compose/nginx.conf, a Kubernetes Service + ingress): requests go to the
upstreams in turn; a connection error, a dropped connection or a 502/503 is
retried on the next upstream (up to ``--tries``), and an upstream that refused
a connection is skipped for ``--down-seconds``. Loopback only.
"""

from __future__ import annotations

import argparse
import itertools
import time

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "upgrade", "host", "content-length"}


def make_app(upstreams: list[str], tries: int, down_seconds: float) -> Starlette:
    clients = {
        u: httpx.AsyncClient(
            base_url=u,
            timeout=httpx.Timeout(10.0, connect=1.0),
            limits=httpx.Limits(max_connections=200, max_keepalive_connections=100),
        )
        for u in upstreams
    }
    order = itertools.cycle(upstreams)
    down_until = dict.fromkeys(upstreams, 0.0)
    stats = {"retries": 0, "failed": 0}

    def pick() -> str:
        now = time.monotonic()
        for _ in range(len(upstreams)):
            u = next(order)
            if down_until[u] <= now:
                return u
        return next(order)

    async def proxy(request: Request) -> Response:
        if request.url.path == "/__proxy_stats":
            return Response(f"{stats['retries']} {stats['failed']}")
        body = await request.body()
        headers = {k: v for k, v in request.headers.items() if k.lower() not in _HOP}
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        last: Response | None = None
        for attempt in range(tries):
            u = pick()
            try:
                res = await clients[u].request(request.method, path, content=body, headers=headers)
            except httpx.TransportError:
                down_until[u] = time.monotonic() + down_seconds
                stats["retries"] += attempt + 1 < tries
                continue
            if res.status_code in (502, 503) and attempt + 1 < tries:
                stats["retries"] += 1
                last = Response(res.content, res.status_code)
                continue
            out = {k: v for k, v in res.headers.items() if k.lower() not in _HOP}
            return Response(res.content, res.status_code, headers=out)
        stats["failed"] += 1
        return last or Response(b"no upstream answered", 502)

    methods = ["GET", "POST", "PUT", "PATCH", "DELETE"]
    return Starlette(routes=[Route("/{path:path}", proxy, methods=methods)])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--upstream", action="append", required=True)
    p.add_argument("--tries", type=int, default=3)
    p.add_argument("--down-seconds", type=float, default=1.0)
    a = p.parse_args()
    app = make_app(a.upstream, a.tries, a.down_seconds)
    uvicorn.run(app, host="127.0.0.1", port=a.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
