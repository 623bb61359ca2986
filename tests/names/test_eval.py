"""The accuracy targets, measured by the evaluation harness on the labelled set.

``benchmarks/eval_names.py`` prints the full table; this test holds the
line on the figures issue 3 asks for (not on timing: see bench_names.py).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_names", ROOT / "benchmarks/eval_names.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eval_names", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def results() -> dict[str, Any]:
    harness = _harness()
    records = harness.load_eval()
    assert len(records) >= 400
    named = sum(bool(r.spans) for r in records)
    assert 0.35 <= named / len(records) <= 0.65  # about half name nobody
    return {r.name: r for r in harness.run(records)}


def test_directory_matching_targets(results: dict[str, Any]) -> None:
    spans = results["directory"].spans
    assert spans.recall >= 0.99
    assert spans.precision >= 0.98


def test_detector_targets_without_a_directory(results: dict[str, Any]) -> None:
    subjects = results["detector"].subjects
    assert subjects.precision >= 0.90
    assert subjects.recall >= 0.90


@pytest.mark.parametrize("casing", ["Title", "CAPS"])
def test_detector_targets_on_title_case_and_all_caps(results: dict[str, Any], casing: str) -> None:
    [subjects] = [
        r.subjects for name, r in results.items() if name.startswith(f"detector: {casing}")
    ]
    assert subjects.precision >= 0.90
    assert subjects.recall >= 0.90


def test_full_system_stays_precise(results: dict[str, Any]) -> None:
    spans = results["full"].spans
    assert spans.precision >= 0.98
    assert spans.recall >= 0.98


@pytest.fixture(scope="module")
def school2() -> dict[str, Any]:
    harness = _harness()
    es = harness.SETS["school2-dev"]
    return {r.name: r for r in harness.run(harness.load_eval(es.path), es.roster)}


def test_school2_dev_holds_the_line(school2: dict[str, Any]) -> None:
    # Trained on (see school2-dev-cv for the out-of-fold figures): this only
    # catches a regression. The honest figure is school3, run once.
    # Precision 0.966 since the sixteenth round's refit (school33 and school34
    # in the training data): two in-sample lines sit just above the 0.45
    # operating point ("Matilda the Musical trip" 0.45, "Marsh ecology
    # fieldwork kit" 0.47), so the guard is 0.96 and not 0.97.
    directory = school2["directory"].spans
    assert directory.recall >= 0.98 and directory.precision >= 0.96
    detector = school2["detector"].subjects
    assert detector.recall >= 0.93 and detector.precision >= 0.93
