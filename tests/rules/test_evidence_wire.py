"""The evidence each rule puts on the wire (``/v1/check``, ``etiquette check
--json``), pinned per rule: a change to it is a visible diff in
``snapshots/evidence.json``. Regenerate with ``ETIQUETTE_SNAPSHOT_UPDATE=1``.

SUB001's mentions are pinned by their keys only: which spans the name matcher
finds, and their scores, belong to ``tests/names``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from app.directory.model import Directory
from app.engine import evaluate
from tests.conftest import make_message, make_policy
from tests.rules.test_rules_table import CASES

SNAPSHOT = Path(__file__).parent / "snapshots" / "evidence.json"

HITS = [(i, m, p) for i, m, p, e in CASES if e]


def _wire(directory: Directory) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for case, message, policy in HITS:
        verdict = evaluate(make_message(**message), make_policy(**policy), directory)
        rows = []
        for f in verdict.to_dict()["findings"]:
            # Through JSON, as a client reads it.
            evidence = json.loads(json.dumps(f["evidence"]))
            if f["code"] == "SUB001":
                evidence["mentions"] = [sorted(m) for m in evidence["mentions"]]
            rows.append({"code": f["code"], "evidence": evidence})
        out[case] = rows
    return out


def test_evidence_on_the_wire_is_unchanged(directory: Directory) -> None:
    got = _wire(directory)
    if os.environ.get("ETIQUETTE_SNAPSHOT_UPDATE") == "1":
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n")
        pytest.skip("snapshot rewritten")
    assert got == json.loads(SNAPSHOT.read_text())
