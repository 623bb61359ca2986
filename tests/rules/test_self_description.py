"""Rules describe themselves: what they read, their threshold in words, and the
type of their evidence, which serialises one way and loses nothing on the wire."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from pydantic import TypeAdapter

from app.directory.model import Directory
from app.domain import Evidence, EvidenceRecipients, PersonKind, Severity, ThresholdSource
from app.engine import evaluate
from app.rules.base import Reads
from app.rules.registry import BY_CODE, RULES
from tests.conftest import make_message, make_policy
from tests.rules.test_rules_table import CASES

R, S = Reads.RECIPIENTS, Reads.SUBJECT

READS = {
    "REC001": R,
    "REC002": R | Reads.COMPOSE_TYPE,
    "REC003": R,
    "SUB001": S,
    "SUB002": S,
    "ATT001": R | Reads.ATTACHMENTS,
    "OOH001": R | Reads.SEND_TIME,
    "PUP001": R,
    "PUP002": R | Reads.SENDER,
    "PUP003": R,
}


def test_each_rule_says_what_it_reads() -> None:
    assert {r.code: r.reads for r in RULES} == READS
    # What Gmail turns off when it could not read the draft's subject.
    assert {r.code for r in RULES if Reads.SUBJECT in r.reads} == {"SUB001", "SUB002"}


POLICY, DEFAULT = ThresholdSource.POLICY, ThresholdSource.DEFAULT


@pytest.mark.parametrize(
    ("code", "options", "text", "source"),
    [
        ("REC001", {}, "More than 25 recipients", DEFAULT),
        ("REC001", {"max_recipients": 40}, "More than 40 recipients", POLICY),
        ("REC001", {"severity": "block"}, "More than 25 recipients", DEFAULT),
        ("REC002", {}, "Reply-all to more than 10", DEFAULT),
        ("REC002", {"max_recipients": 4}, "Reply-all to more than 4", POLICY),
        ("REC003", {}, "2 or more outside addresses in To/Cc", DEFAULT),
        ("REC003", {"min_visible": 3}, "3 or more outside addresses in To/Cc", POLICY),
        ("ATT001", {}, "A file of 5 MB or 10 MB in all, to colleagues", DEFAULT),
        (
            "ATT001",
            {"max_total_bytes": 25 * 1024 * 1024},
            "A file of 5 MB or 25 MB in all, to colleagues",
            POLICY,
        ),
        ("ATT001", {"max_file_bytes": 1536 * 1024}, "A file of 1.5 MB or 10 MB in all", POLICY),
        ("OOH001", {}, "Outside the school's working hours", None),
        ("SUB001", {}, None, None),
        ("SUB002", {}, None, None),
        ("PUP001", {}, None, None),
        ("PUP002", {}, None, None),
        ("PUP003", {}, None, None),
    ],
)
def test_each_rule_words_its_threshold(
    code: str, options: dict[str, Any], text: str | None, source: ThresholdSource | None
) -> None:
    rule = BY_CODE[code]
    phrase = rule.describe_threshold(rule.Options.model_validate(options))
    if text is None:
        assert phrase is None
        return
    assert phrase is not None
    assert phrase.text.startswith(text)
    assert phrase.source is source


def test_every_rule_is_in_the_threshold_table() -> None:
    # A new rule joins the tables above (with None where it has no threshold).
    assert set(READS) == set(BY_CODE)


# -- evidence -----------------------------------------------------------------------

HITS = [pytest.param(m, p, id=i) for i, m, p, e in CASES if e]


def _from_wire(data: dict[str, Any]) -> dict[str, Any]:
    """The wire's recipients (addresses, or {address, how}) in the typed shape."""
    if "recipients" in data:
        wire = data["recipients"]
        typed: dict[str, Any] = {
            "addresses": [r if isinstance(r, str) else r["address"] for r in wire]
        }
        if wire and not isinstance(wire[0], str):
            typed["how"] = [r["how"] for r in wire]
        data = {**data, "recipients": typed}
    return data


@pytest.mark.parametrize(("message", "policy"), HITS)
def test_evidence_is_the_rules_type_and_survives_the_wire(
    directory: Directory, message: dict[str, Any], policy: dict[str, Any]
) -> None:
    verdict = evaluate(make_message(**message), make_policy(**policy), directory)
    for f in verdict.findings:
        kind = BY_CODE[f.code].evidence_type
        assert type(f.evidence) is kind
        wire = json.loads(json.dumps(f.to_dict()["evidence"]))
        assert TypeAdapter(kind).validate_python(_from_wire(wire)) == f.evidence


@dataclass(frozen=True, slots=True)
class _Part:
    kind: PersonKind | None
    severity: Severity


@dataclass(frozen=True, slots=True, kw_only=True)
class _Detailed(Evidence):
    parts: tuple[_Part, ...]
    note: str | None


@pytest.mark.parametrize(
    ("evidence", "wire"),
    [
        # Members a rule has no value for are left off, never null.
        (Evidence(observed=3), {"observed": 3}),
        (
            Evidence(observed=2, threshold=2, threshold_source=ThresholdSource.DEFAULT),
            {"observed": 2, "threshold": 2, "threshold_source": "default"},
        ),
        # One recipient shape in the type; on the wire an address alone, or with how.
        (
            Evidence(observed=1, recipients=EvidenceRecipients(("a@gmail.com",))),
            {"observed": 1, "recipients": ["a@gmail.com"]},
        ),
        (
            Evidence(observed=1, recipients=EvidenceRecipients(("a@gmail.com",), ("name_match",))),
            {"observed": 1, "recipients": [{"address": "a@gmail.com", "how": "name_match"}]},
        ),
        # A rule's own members: always present, typed values made plain.
        (
            _Detailed(
                observed="x",
                parts=(_Part(PersonKind.PUPIL, Severity.BLOCK), _Part(None, Severity.WARN)),
                note=None,
            ),
            {
                "observed": "x",
                "parts": [
                    {"kind": "pupil", "severity": "block"},
                    {"kind": None, "severity": "warn"},
                ],
                "note": None,
            },
        ),
    ],
)
def test_evidence_serialises_one_way(evidence: Evidence, wire: dict[str, Any]) -> None:
    assert evidence.to_dict() == wire
    assert json.loads(json.dumps(evidence.to_dict())) == wire
    assert TypeAdapter(type(evidence)).validate_python(_from_wire(wire)) == evidence


def test_evidence_refuses_what_it_cannot_serialise() -> None:
    @dataclass(frozen=True, slots=True, kw_only=True)
    class Bad(Evidence):
        what: object

    with pytest.raises(TypeError, match="evidence cannot carry object"):
        Bad(observed=1, what=object()).to_dict()


def test_addresses_read_one_shape() -> None:
    ev = Evidence(
        observed=2,
        recipients=EvidenceRecipients(("a@gmail.com", "b@x.org"), ("name_match", "known_personal")),
    )
    assert ev.addresses == ("a@gmail.com", "b@x.org")
    assert Evidence(observed=0).addresses == ()
    with pytest.raises(ValueError, match="one 'how' per address"):
        EvidenceRecipients(("a@gmail.com", "b@x.org"), ("name_match",))
