"""``etiquette names scan``: stdin in, a table or JSON lines out."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

from app.names_cli import add_parser, run_scan

ROSTER = Path(__file__).resolve().parents[1] / "data" / "names" / "roster.csv"
SUBJECTS = "Re: Y9 trip consent - Amir Khan\nParents evening rota\nMeeting with Dr Sarah Okonkwo\n"


def _parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="etiquette")
    add_parser(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(["names", "scan", *argv])


def _scan(*argv: str, stdin: str = SUBJECTS) -> tuple[int, str]:
    args = _parse(*argv)
    out = io.StringIO()
    assert args.func is run_scan
    code = run_scan(args, stdin=io.StringIO(stdin), stdout=out)
    return code, out.getvalue()


def test_json_lines_with_roster() -> None:
    code, out = _scan("--roster", str(ROSTER), "--json")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["subject"] for r in rows] == SUBJECTS.splitlines()
    [amir] = rows[0]["names"]
    assert amir["text"] == "Amir Khan"
    assert [amir[k] for k in ("start", "end", "source", "kind")] == [22, 31, "directory", "pupil"]
    assert set(amir) == {"text", "start", "end", "source", "kind", "score", "why"}
    assert rows[1]["names"] == []
    assert [n["source"] for n in rows[2]["names"]] == ["detector"]


def test_json_without_roster_uses_the_detector() -> None:
    code, out = _scan("--json")
    assert code == 0
    first = json.loads(out.splitlines()[0])
    assert [(n["text"], n["source"], n["kind"]) for n in first["names"]] == [
        ("Amir Khan", "detector", None)
    ]


def test_no_detector_reports_only_the_roster() -> None:
    _, out = _scan("--roster", str(ROSTER), "--json", "--no-detector")
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows[2]["names"] == []


def test_table_output() -> None:
    code, out = _scan("--roster", str(ROSTER))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Re: Y9 trip consent - Amir Khan"
    assert lines[1].split()[:4] == ["Amir", "Khan", "directory", "pupil"]
    assert float(lines[1].split()[4]) >= 0.95
    assert lines[2:4] == ["Parents evening rota", "    -"]


def test_unreadable_roster(tmp_path: Path) -> None:
    code, out = _scan("--roster", str(tmp_path / "missing.csv"))
    assert code == 2
    assert out == ""


def test_explain_lists_every_feature_and_its_weight() -> None:
    code, out = _scan("--roster", str(ROSTER), "--explain")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Re: Y9 trip consent - Amir Khan"
    # each candidate, chosen or not, with its score and the features behind it
    block = "\n".join(lines[1 : lines.index("Parents evening rota")])
    assert "directory full" in block and "form:full" in block and "intercept" in block
