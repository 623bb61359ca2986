"""Prometheus metrics (``prometheus-client``), served at ``/metrics`` behind a token.

Every label is a closed set: the client host (``outlook``/``gmail``/``api``),
the purpose, the verdict's action, a rule code from the registry, an outcome,
an HTTP method, a route *template* (``/v1/admin/schools/{slug}``, never the
slug) and a status code. No address, name, subject or school appears in any
label, so a scrape can go to a shared monitoring system.

One registry per process: run one worker per container and scale with
replicas, so each scrape sees one process.
"""

from __future__ import annotations

import hmac
import time
import weakref
from collections.abc import Iterable, Iterator, Sequence, Sized
from typing import TYPE_CHECKING, Protocol

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_LATEST, generate_latest
from prometheus_client.registry import Collector

if TYPE_CHECKING:
    from app.domain import Verdict

REGISTRY = CollectorRegistry(auto_describe=True)

_HOSTS = frozenset({"outlook", "gmail", "api"})
_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})
# The Outlook Send budget is 3 s on the client and the check itself takes
# milliseconds; buckets are dense where a regression would show first.
_CHECK_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0)
_HTTP_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)

CHECK_SECONDS = Histogram(
    "etiquette_check_duration_seconds",
    "Time to evaluate one check against the school's policy, by client host.",
    ["host"],
    buckets=_CHECK_BUCKETS,
    registry=REGISTRY,
)
CHECKS = Counter(
    "etiquette_checks_total",
    "Checks by client host, purpose (send/review/background) and verdict action.",
    ["host", "purpose", "action"],
    registry=REGISTRY,
)
FINDINGS = Counter(
    "etiquette_findings_total",
    "Findings by rule code and the action the finding asks for (advise/warn/block).",
    ["code", "action"],
    registry=REGISTRY,
)
OUTCOMES = Counter(
    "etiquette_outcomes_total",
    "What users did after a verdict (sent_anyway, fixed, cancelled, failed_open), by host.",
    ["host", "outcome"],
    registry=REGISTRY,
)
HTTP_SECONDS = Histogram(
    "etiquette_http_request_duration_seconds",
    "HTTP requests by method, route template and status class.",
    ["method", "route", "status"],
    buckets=_HTTP_BUCKETS,
    registry=REGISTRY,
)
DATABASE_ERRORS = Counter(
    "etiquette_database_errors_total",
    "Database operations that failed, by operation (refresh, readiness). Audit write "
    "failures are etiquette_audit_write_failures_total.",
    ["operation"],
    registry=REGISTRY,
)
REDIS_ERRORS = Counter(
    "etiquette_redis_errors_total",
    "Redis operations that failed, by operation (publish, listen).",
    ["operation"],
    registry=REGISTRY,
)
DIRECTORY_SYNCS = Counter(
    "etiquette_directory_sync_total",
    "Roster and group uploads received by this instance, by result (ok, rejected, failed).",
    ["result"],
    registry=REGISTRY,
)
DIRECTORY_SYNC_LAST_SUCCESS = Gauge(
    "etiquette_directory_sync_last_success_timestamp_seconds",
    "Unix time of the last roster or group upload this instance accepted (0: none yet). "
    "Take the max across instances and over time: an instance that restarted starts at 0.",
    registry=REGISTRY,
)


def _host(value: str) -> str:
    return value if value in _HOSTS else "other"


# Each metric's child per label set, found once: ``labels()`` validates and
# locks on every call, a few microseconds on every check's path. Every label
# is a closed set (see above), so these stay small.
_CHECK_CHILDREN: dict[tuple[str, str, str], tuple[Histogram, Counter]] = {}
_FINDING_CHILDREN: dict[tuple[str, str], Counter] = {}
_HTTP_CHILDREN: dict[tuple[str, str, str], Histogram] = {}


def observe_check(host: str, purpose: str, verdict: Verdict, seconds: float) -> None:
    key = (host, purpose, verdict.action.value)
    children = _CHECK_CHILDREN.get(key)
    if children is None:
        h = _host(host)
        children = (CHECK_SECONDS.labels(h), CHECKS.labels(h, purpose, key[2]))
        _CHECK_CHILDREN[key] = children
    children[0].observe(seconds)
    children[1].inc()
    for f in verdict.findings:
        fkey = (f.code, f.severity.value)
        found = _FINDING_CHILDREN.get(fkey)
        if found is None:
            found = _FINDING_CHILDREN[fkey] = FINDINGS.labels(*fkey)
        found.inc()


def observe_outcome(host: str, outcome: str) -> None:
    OUTCOMES.labels(_host(host), outcome).inc()


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    m = method if method in _METHODS else "OTHER"
    key = (m, route, f"{status // 100}xx")
    child = _HTTP_CHILDREN.get(key)
    if child is None:
        child = _HTTP_CHILDREN[key] = HTTP_SECONDS.labels(*key)
    child.observe(seconds)
    if m == "PUT" and route.endswith(("/directory/people", "/directory/groups")):
        if 200 <= status < 300:
            DIRECTORY_SYNCS.labels("ok").inc()
            DIRECTORY_SYNC_LAST_SUCCESS.set(time.time())
        else:
            DIRECTORY_SYNCS.labels("rejected" if status < 500 else "failed").inc()


# What the collector reads from an app.runtime.Runtime, named by shape: the
# runtime reports to this module, so this module does not import it.
class _AuditCounts(Protocol):
    @property
    def pending(self) -> int: ...
    @property
    def written(self) -> int: ...
    @property
    def failures(self) -> int: ...
    @property
    def spooled_total(self) -> int: ...
    @property
    def spooled(self) -> int: ...


class _People(Protocol):
    @property
    def people(self) -> Sized: ...


class _School(Protocol):
    @property
    def directory(self) -> _People: ...


class RuntimeView(Protocol):
    """The parts of a runtime the scrape reads."""

    @property
    def audit(self) -> _AuditCounts: ...

    def tenants(self) -> Sequence[_School]: ...


class RuntimeCollector(Collector):
    """Reads the live runtimes at scrape time: audit queue, spool, schools loaded.

    Registered once; each app's lifespan adds and removes its runtime, so tests
    that start several apps in one process never collide on metric names.
    """

    def __init__(self) -> None:
        self._runtimes: weakref.WeakSet[RuntimeView] = weakref.WeakSet()

    def attach(self, runtime: RuntimeView) -> None:
        self._runtimes.add(runtime)

    def detach(self, runtime: RuntimeView) -> None:
        self._runtimes.discard(runtime)

    def describe(self) -> Iterable[Metric]:
        return list(self._families())

    def collect(self) -> Iterable[Metric]:
        return list(self._families())

    def _families(self) -> Iterator[Metric]:
        runtimes = list(self._runtimes)
        audits = [r.audit for r in runtimes]
        yield GaugeMetricFamily(
            "etiquette_audit_queue_depth",
            "Audit events accepted and waiting to be written to the database.",
            value=sum(a.pending for a in audits),
        )
        yield CounterMetricFamily(
            "etiquette_audit_events_written",
            "Audit events written to the database by this process.",
            value=sum(a.written for a in audits),
        )
        yield CounterMetricFamily(
            "etiquette_audit_write_failures",
            "Audit batches the database did not take (retried, or kept in the rejected file).",
            value=sum(a.failures for a in audits),
        )
        yield CounterMetricFamily(
            "etiquette_audit_events_spooled",
            "Audit events written to the local spool file (queue full or shutdown with the "
            "database away); the next start writes them back.",
            value=sum(a.spooled_total for a in audits),
        )
        yield GaugeMetricFamily(
            "etiquette_audit_spool_waiting",
            "Audit events waiting in the local spool file (past the queue's bound); they are "
            "written back once the queue drains.",
            value=sum(a.spooled for a in audits),
        )
        yield GaugeMetricFamily(
            "etiquette_schools_loaded",
            "Schools whose policy and directory this instance holds in memory.",
            value=sum(len(r.tenants()) for r in runtimes),
        )
        yield GaugeMetricFamily(
            "etiquette_directory_people",
            "People in every loaded school's directory, summed.",
            value=sum(len(t.directory.people) for r in runtimes for t in r.tenants()),
        )


RUNTIMES = RuntimeCollector()
REGISTRY.register(RUNTIMES)


def render() -> tuple[bytes, str]:
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


def token_ok(expected: str | None, authorization: str | None) -> bool:
    """``Authorization: Bearer <ETIQUETTE_METRICS_TOKEN>``, compared in constant time."""
    if not expected or not authorization:
        return False
    scheme, _, given = authorization.partition(" ")
    # As bytes: compare_digest refuses a str with non-ASCII characters (TypeError),
    # and a header's value is whatever the caller sent (decoded as Latin-1).
    return scheme.lower() == "bearer" and hmac.compare_digest(
        given.strip().encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass")
    )
