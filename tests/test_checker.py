"""app.checker: one check path (evaluate, time, meter, audit) and outcomes vetted against it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.checker import Checker, Outcome, OutcomeRefused, Purpose, RecentActions
from app.cli import main
from app.directory.model import Directory
from app.domain import Action
from app.eml import read_eml
from app.policy import Policy
from tests.conftest import (
    ADMIN,
    CHECKER,
    GROUPS,
    PEOPLE,
    SCHOOL,
    WORKDAY,
    make_message,
    make_policy,
)

EXTERNAL = ["parent1@gmail.com", "parent2@outlook.com"]


@dataclass
class School:
    """A Target: what TenantState offers the checker."""

    policy: Policy
    directory: Directory
    id: str = "t-1"

    def policy_for(self, sender: str) -> Policy:
        return self.policy

    def staff_group(self, sender: str) -> str:
        return ""


class Sink:
    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []

    def submit(self, event: dict[str, Any]) -> None:
        self.events.append(event)


def school() -> School:
    return School(make_policy(), Directory.build(PEOPLE, GROUPS))


# (audit sink?, audit=, expect an event and a check id)
AUDITING = [
    ("sink, audited", True, True, True),
    ("sink, not audited (dry-run, fix look-up)", True, False, False),
    ("null sink (the CLI)", False, True, False),
]


@pytest.mark.parametrize(("name", "has_sink", "audit", "recorded"), AUDITING)
def test_a_check_is_timed_always_and_recorded_only_when_audited(
    name: str, has_sink: bool, audit: bool, recorded: bool
) -> None:
    sink = Sink()
    checker = Checker(sink if has_sink else None, secret_key="k")
    msg = make_message(to=EXTERNAL, subject="Trip")
    result = checker.check(school(), msg, purpose=Purpose.REVIEW, audit=audit)
    assert result.verdict.action is Action.WARN and result.verdict.duration_ms > 0
    assert bool(result.check_id) is recorded
    assert len(sink.events) == (1 if recorded else 0)
    assert len(checker.recent) == (1 if recorded else 0)
    if recorded:
        (event,) = sink.events
        assert event["check_id"] == result.check_id and event["tenant_id"] == "t-1"
        assert event["purpose"] == "review" and event["codes"] == "REC003"
        assert "parent1" not in str(event)  # no address, hashed sender only


class Broken(School):
    def policy_for(self, sender: str) -> Policy:
        raise RuntimeError("a policy that does not load")


def test_warming_checks_each_school_unaudited_and_loads_what_rules_load_lazily() -> None:
    from app.calendar import _bank_holidays
    from app.names._lexicon import world_names

    world_names.cache_clear()
    _bank_holidays.cache_clear()
    sink = Sink()
    checker = Checker(sink, secret_key="k")
    # The out-of-hours rule looks at mail to colleagues: the school's domain is internal.
    ours = School(make_policy(), Directory.build(PEOPLE, GROUPS, internal_domains=[SCHOOL]))
    assert checker.warm([ours, Broken(make_policy(), Directory()), school()]) == 2
    assert sink.events == [] and len(checker.recent) == 0  # nothing audited
    # What the first real check used to load while a teacher waited.
    assert world_names.cache_info().currsize == 1
    assert _bank_holidays.cache_info().currsize >= 1


def test_a_policy_given_overrides_the_schools() -> None:
    checker = Checker(None)
    msg = make_message(to=EXTERNAL, subject="Trip")
    off = make_policy(rules={"REC003": "off"})
    assert checker.check(school(), msg).verdict.action is Action.WARN
    assert checker.check(school(), msg, policy=off).verdict.action is Action.ALLOW


def _blocked(checker: Checker) -> str:
    msg = make_message(to=EXTERNAL, subject="Trip")
    block = make_policy(rules={"REC003": "block"})
    result = checker.check(school(), msg, policy=block)
    assert result.verdict.action is Action.BLOCK
    return result.check_id


def test_sent_anyway_after_a_block_is_refused_from_memory() -> None:
    sink = Sink()
    checker = Checker(sink)
    check_id = _blocked(checker)
    with pytest.raises(OutcomeRefused):
        checker.record_outcome("t-1", 1, check_id, Outcome.SENT_ANYWAY, host="api")
    checker.record_outcome("t-1", 1, check_id, Outcome.FIXED, host="api")
    # Another school's outcome for this id is not vetted against this school's verdict.
    checker.record_outcome("t-2", 1, check_id, Outcome.SENT_ANYWAY, host="api")
    assert [e["kind"] for e in sink.events] == ["check", "outcome", "outcome"]


# What the audit trail says about a check this instance forgot -> recorded?
TRAIL = [
    ("trail says block", lambda t, c: "block", False),
    ("trail says warn", lambda t, c: "warn", True),
    ("trail does not know it", lambda t, c: None, True),
    ("database down", lambda t, c: (_ for _ in ()).throw(ConnectionError("down")), True),
]


@pytest.mark.parametrize(("name", "trail", "recorded"), TRAIL)
def test_a_forgotten_check_is_looked_up_in_the_audit_trail(
    name: str, trail: Any, recorded: bool
) -> None:
    sink = Sink()
    checker = Checker(sink, check_action=trail, recent=RecentActions(size=1))
    forgotten = _blocked(checker)
    _blocked(checker)  # pushes the first out of memory
    if recorded:
        checker.record_outcome("t-1", 1, forgotten, Outcome.SENT_ANYWAY, host="api")
        assert sink.events[-1]["kind"] == "outcome"
    else:
        with pytest.raises(OutcomeRefused):
            checker.record_outcome("t-1", 1, forgotten, Outcome.SENT_ANYWAY, host="api")


def test_recent_actions_forget_the_oldest_first() -> None:
    recent = RecentActions(size=2)
    for i in range(3):
        recent.add(f"c{i}", "t", "warn")
    assert (recent.get("c0", "t"), recent.get("c2", "t"), len(recent)) == (None, "warn", 2)
    assert recent.get("c2", "other-school") is None


# -- every entry point goes through one checker ------------------------------------

DEMO = Path(__file__).resolve().parents[1] / "app" / "demo"
PARENTS_VISIBLE = Path(__file__).resolve().parent / "data" / "eml" / "parents-visible.eml"


def _same(findings: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    return [(f["code"], f["severity"], f["message"]) for f in findings]


def test_the_api_the_dry_run_and_the_cli_give_one_verdict(
    client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same message and the demo school's policy and roster, three ways in."""
    message = read_eml(PARENTS_VISIBLE, default_send_at=WORKDAY)
    body = {
        "sender": {"email": message.sender.email},
        "to": [{"email": r.email, "name": r.name} for r in message.to],
        "subject": message.subject,
        "send_at": message.send_at.isoformat(),
        "host": "api",
    }
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    calls: list[tuple[Purpose, bool]] = []
    real = runtime.checker.check

    def spy(*args: Any, **kw: Any) -> Any:
        calls.append((kw.get("purpose", Purpose.SEND), kw.get("audit", True)))
        return real(*args, **kw)

    runtime.checker.check = spy
    api = client.post("/v1/check", headers=CHECKER, json=body).json()
    dry = client.post(
        "/v1/admin/schools/stmarys/policy/dry-run", headers=ADMIN, json={"message": body}
    ).json()
    assert calls == [(Purpose.SEND, True), (Purpose.SEND, False), (Purpose.SEND, False)]

    files = ["--policy", str(DEMO / "policy.yaml"), "--roster", str(DEMO / "roster.csv")]
    assert (
        main(
            ["check", str(PARENTS_VISIBLE), *files, "--groups", str(DEMO / "groups.csv"), "--json"]
        )
        == 1
    )
    cli = json.loads(capsys.readouterr().out)

    assert api["action"] == dry["current"]["action"] == dry["draft"]["action"] == cli["action"]
    assert api["action"] == "warn"
    assert _same(api["findings"]) == _same(dry["current"]["findings"]) == _same(cli["findings"])
    assert api["findings"] == dry["current"]["findings"]
