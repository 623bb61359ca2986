"""``etiquette names scan``: find the people named in subject lines.

Reads subject lines, one per line, on standard input and reports, for each,
the names found (and why), so that an admin can see what SUB001 would flag
before turning it on, or audit a mailbox export::

    etiquette names scan --roster people.csv < subjects.txt
    etiquette names scan --json < subjects.txt

Without ``--roster`` only the detector runs (names from the shipped
lexicon, no directory).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from app.names import Mention, NameIndex


def add_parser(subparsers: Any) -> None:
    """Register ``names`` with its ``scan`` subcommand on an argparse subparsers object."""
    names = subparsers.add_parser("names", help="who is named in subject lines")
    sub = names.add_subparsers(dest="names_command", required=True)
    scan = sub.add_parser(
        "scan",
        help="read subject lines on stdin and list the names in each",
        description=__doc__.splitlines()[0] if __doc__ else None,
    )
    scan.add_argument("--roster", type=Path, help="people CSV (MIS export; columns in the README)")
    scan.add_argument("--json", action="store_true", help="one JSON object per line")
    scan.add_argument(
        "--no-detector",
        dest="detector",
        action="store_false",
        help="report only people in the roster",
    )
    scan.add_argument(
        "--min-score",
        type=float,
        default=None,
        help="least confidence to report (default: each finder's operating point, "
        "chosen by cross-validation)",
    )
    scan.add_argument(
        "--explain",
        action="store_true",
        help="list every candidate span (kept or not) with its score and each feature's "
        "weight x value, from the shipped coefficients",
    )
    scan.set_defaults(func=run_scan)


def _record(subject: str, mentions: list[Mention]) -> dict[str, Any]:
    return {
        "subject": subject,
        "names": [
            {
                "text": m.text,
                "start": m.start,
                "end": m.end,
                "source": m.source,
                "kind": m.kind.value if m.kind else None,
                "score": m.score,
                "why": m.why,
            }
            for m in mentions
        ],
    }


def _table_row(subject: str, mentions: list[Mention], out: TextIO) -> None:
    if not mentions:
        out.write(f"{subject}\n    -\n")
        return
    out.write(f"{subject}\n")
    for m in mentions:
        kind = m.kind.value if m.kind else "?"
        out.write(f"    {m.text:<28} {m.source:<9} {kind:<7} {m.score:5.2f}  {m.why}\n")


def _explain(index: NameIndex, subject: str, args: argparse.Namespace, out: TextIO) -> None:
    """Every candidate with its score and its features' contributions."""
    out.write(f"{subject}\n")
    cands = index.candidates(subject, detector=args.detector)
    kept = {(m.start, m.end, m.source) for m in index.mentions(subject, cands, args.min_score)}
    if not cands:
        out.write("    -\n")
    for c in sorted(cands, key=lambda c: (c.i, c.j)):
        text, start, end = index.span_text(subject, c)
        mark = "*" if (start, end, c.source) in kept else " "
        out.write(f"  {mark} {text:<26} {c.source} {c.form}  score {c.score:.3f}\n")
        for name, value, weight in index.contributions(c):
            out.write(
                f"        {weight * value:+7.3f}  {name} = {value:g} (weight {weight:+.3f})\n"
            )


def run_scan(
    args: argparse.Namespace, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> int:
    """Scan stdin; 0 when done (names found or not), 2 when the roster cannot be read."""
    stdin = stdin if stdin is not None else sys.stdin
    stdout = stdout if stdout is not None else sys.stdout
    people = []
    if args.roster is not None:
        from app.directory.csv_roster import RosterError, load_roster_csv

        try:
            people = load_roster_csv(args.roster)
        except (OSError, RosterError) as exc:
            print(f"etiquette names scan: cannot read roster: {exc}", file=sys.stderr)
            return 2
    index = NameIndex.build(people)
    for line in stdin:
        subject = line.rstrip("\r\n")
        if getattr(args, "explain", False):
            _explain(index, subject, args, stdout)
            continue
        mentions = index.find(subject, detector=args.detector, min_score=args.min_score)
        if args.json:
            stdout.write(json.dumps(_record(subject, mentions), ensure_ascii=False) + "\n")
        else:
            _table_row(subject, mentions, stdout)
    return 0
