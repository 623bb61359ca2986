"""Roll-out: silent rules (checked and audited, never shown) and send-anyway reasons."""

from __future__ import annotations

from typing import Any

import pytest

from app.checker import Checker, Outcome, OutcomeRefused
from app.directory.model import Directory
from app.domain import Action, OverrideReason
from app.engine import evaluate
from app.policy import Policy
from app.trusts.overlay import normalise
from tests.conftest import GROUPS, PEOPLE, make_message, make_policy
from tests.test_checker import School, Sink

EXTERNAL = ["parent1@gmail.com", "parent2@outlook.com"]  # REC003 (warn by default)


# (rules, subject, action, shown codes, silent codes, reason required)
CASES: list[tuple[str, dict[str, Any], str, str, tuple[str, ...], tuple[str, ...], bool]] = [
    ("defaults: unchanged", {}, "Trip", "warn", ("REC003",), (), False),
    ("REC003 silent", {"REC003": {"silent": True}}, "Trip", "allow", (), ("REC003",), False),
    ("shorthand silent", {"REC003": "silent"}, "Trip", "allow", (), ("REC003",), False),
    ("silent block is still silent", {"REC003": {"severity": "block", "silent": True}},
     "Trip", "allow", (), ("REC003",), False),
    ("off beats silent", {"REC003": {"severity": "off", "silent": True}}, "Trip", "allow",
     (), (), False),
    ("one silent, one shown", {"SUB002": "silent"}, "", "warn", ("REC003",), ("SUB002",), False),
    ("reason required on a warn", {"REC003": {"reason_required": True}}, "Trip", "warn",
     ("REC003",), (), True),
    ("reason asked by another warn", {"SUB002": {"reason_required": True}}, "", "warn",
     ("REC003", "SUB002"), (), True),
    ("reason on an advise: no prompt", {"REC003": {"severity": "advise", "reason_required": True}},
     "Trip", "allow", ("REC003",), (), False),
    ("reason on a block: no send anyway", {"REC003": {"severity": "block",
     "reason_required": True}}, "Trip", "block", ("REC003",), (), False),
    ("reason on a silent rule: not asked", {"REC003": {"silent": True, "reason_required": True}},
     "Trip", "allow", (), ("REC003",), False),
]  # fmt: skip


@pytest.mark.parametrize(("name", "rules", "subject", "action", "shown", "silent", "reason"), CASES)
def test_silent_findings_are_kept_apart_and_reasons_asked_on_warnings(
    name: str,
    rules: dict[str, Any],
    subject: str,
    action: str,
    shown: tuple[str, ...],
    silent: tuple[str, ...],
    reason: bool,
) -> None:
    policy = make_policy(rules=rules)
    verdict = evaluate(make_message(to=EXTERNAL, subject=subject), policy)
    assert verdict.action is Action(action)
    assert verdict.codes == shown and verdict.silent_codes == silent
    assert verdict.reason_required is reason
    # What clients read never holds a silent finding.
    wire = verdict.to_dict()
    assert [f["code"] for f in wire["findings"]] == list(shown)
    assert wire["reason_required"] is reason
    for code in silent:
        assert code not in str(wire)


def test_the_audit_holds_silent_codes_apart() -> None:
    sink = Sink()
    target = School(make_policy(rules={"SUB002": "silent"}), Directory.build(PEOPLE, GROUPS))
    result = Checker(sink).check(target, make_message(to=EXTERNAL, subject=""))
    (event,) = sink.events
    assert (event["codes"], event["silent_codes"], event["action"]) == ("REC003", "SUB002", "warn")
    assert event["finding_count"] == 1
    assert result.verdict.silent_codes == ("SUB002",)


def _checked(rules: dict[str, Any]) -> tuple[Checker, Sink, str]:
    sink = Sink()
    checker = Checker(sink)
    target = School(make_policy(rules=rules), Directory.build(PEOPLE, GROUPS))
    check_id = checker.check(target, make_message(to=EXTERNAL)).check_id
    return checker, sink, check_id


# (rules, outcome, reason, needs_reason from the route, refused field or None)
OUTCOMES: list[tuple[str, dict[str, Any], Outcome, OverrideReason | None, bool, str | None]] = [
    ("no reason asked, none given", {}, Outcome.SENT_ANYWAY, None, False, None),
    ("no reason asked, one given", {}, Outcome.SENT_ANYWAY, OverrideReason.OTHER, False, None),
    ("the check asked, none given", {"REC003": {"reason_required": True}}, Outcome.SENT_ANYWAY,
     None, False, "reason"),
    ("the check asked, one given", {"REC003": {"reason_required": True}}, Outcome.SENT_ANYWAY,
     OverrideReason.PARENT_CONSENTED, False, None),
    # the check as remembered decides over the school policy's reading of the
    # codes (a staff group's policy may not ask where the school's does)
    ("the codes asked (route), the check did not", {}, Outcome.SENT_ANYWAY, None, True, None),
    ("fixed needs none", {"REC003": {"reason_required": True}}, Outcome.FIXED, None, False, None),
    ("a reason with fixed", {}, Outcome.FIXED, OverrideReason.OTHER, False, "reason"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "rules", "outcome", "reason", "needs", "refused"), OUTCOMES)
def test_a_reason_is_a_code_and_required_where_the_policy_asks(
    name: str,
    rules: dict[str, Any],
    outcome: Outcome,
    reason: OverrideReason | None,
    needs: bool,
    refused: str | None,
) -> None:
    checker, sink, check_id = _checked(rules)

    def record() -> None:
        checker.record_outcome(
            "t-1", 1, check_id, outcome, host="api", codes=("REC003",), reason=reason,
            needs_reason=needs,
        )  # fmt: skip

    if refused:
        with pytest.raises(OutcomeRefused) as exc:
            record()
        assert exc.value.field == refused
        assert [e["kind"] for e in sink.events] == ["check"]
        return
    record()
    event = sink.events[-1]
    assert event["kind"] == "outcome" and event["outcome"] == outcome.value
    assert event["reason"] == (reason.value if reason else None)


def test_a_check_this_instance_does_not_remember_asks_as_the_route_says() -> None:
    checker, sink, _ = _checked({})
    with pytest.raises(OutcomeRefused) as exc:
        checker.record_outcome(
            "t-1", 1, "unknown-check", Outcome.SENT_ANYWAY, host="api", needs_reason=True
        )
    assert exc.value.field == "reason"
    checker.record_outcome(
        "t-1", 1, "unknown-check", Outcome.SENT_ANYWAY, host="api", needs_reason=False
    )
    assert sink.events[-1]["outcome"] == "sent_anyway"


def test_another_schools_check_does_not_ask_for_a_reason() -> None:
    checker, _, check_id = _checked({"REC003": {"reason_required": True}})
    checker.record_outcome("t-2", 1, check_id, Outcome.SENT_ANYWAY, host="api")
    assert checker.recent.needs_reason(check_id, "t-1")
    assert not checker.recent.needs_reason(check_id, "t-2")


def test_policy_round_trip_keeps_rollout_settings_and_defaults_are_off() -> None:
    p = make_policy(rules={"REC001": {"silent": True, "reason_required": True}})
    assert p.content_dict()["rules"] == {"REC001": {"silent": True, "reason_required": True}}
    again = Policy.model_validate(p.content_dict())
    assert again.rules["REC001"].silent and again.rules["REC001"].reason_required
    assert again.rules["REC001"].severity.value == "warn"  # the rule's default, kept for later
    for code, opts in Policy().rules.items():
        assert (opts.silent, opts.reason_required) == (False, False), code
    with pytest.raises(ValueError, match="reason_required"):
        make_policy(rules={"REC001": {"reason_required": "maybe"}})


def test_trust_overlays_take_the_silent_shorthand() -> None:
    assert normalise({"rules": {"large-audience": "silent", "REC002": "warn"}})["rules"] == {
        "REC001": {"silent": True},
        "REC002": {"severity": "warn"},
    }


def test_the_outlook_add_in_offers_the_same_reasons() -> None:
    import re
    from pathlib import Path

    js = (Path(__file__).parents[1] / "addin-ui" / "src" / "outcome.js").read_text()
    block = js[js.index("E.REASONS = [") : js.index("];", js.index("E.REASONS = ["))]
    codes = re.findall(r'\["(\w+)", "([^"]+)"\]', block)
    assert codes == [(r.value, r.label) for r in OverrideReason]
