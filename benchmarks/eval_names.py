"""Accuracy of the subject-line name finder on the labelled evaluation set.

Usage::

    .venv/bin/python benchmarks/eval_names.py [--errors]

Reads ``tests/data/names/roster.csv`` (synthetic roster) and
``tests/data/names/eval.jsonl`` (subject lines with every person span
labelled ``directory`` or ``detector``) and prints precision, recall and F1:

- *subject level*: does the subject name anyone at all (what decides
  whether SUB001 fires);
- *span level*: a found span counts only if its start and end are exactly a
  labelled span's (a partial name would leave part of it in the subject).

Three set-ups are measured:

``directory``  roster loaded, ``detector=False``, scored against the
               ``directory`` spans only (the people the school knows);
``full``       roster loaded, detector on, against every span;
``detector``   empty roster (``NameIndex.build([])``), against every span:
               the detector alone must find known and unknown people.

The detector is also reported on the Title Case and ALL CAPS subjects
alone, where capital letters give no help.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.directory.csv_roster import load_roster_csv  # noqa: E402
from app.names import NameIndex  # noqa: E402

DATA = ROOT / "tests" / "data" / "names"


@dataclass
class Record:
    subject: str
    spans: list[tuple[int, int, str]]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Result:
    name: str
    subjects: Counts
    spans: Counts


def load_eval(path: Path = DATA / "eval.jsonl") -> list[Record]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                r = json.loads(line)
                out.append(Record(r["subject"], [(s, e, src) for s, e, src, *_ in r["spans"]]))
    return out


def casing(subject: str) -> str:
    """ "upper", "title" or "other", judged from the words of 3+ letters."""
    words = [w for w in subject.split() if sum(c.isalpha() for c in w) >= 3]
    if not words:
        return "other"
    if all(w.upper() == w for w in words):
        return "upper"
    small = {"and", "for", "the", "with", "from", "of", "to", "in", "on", "at", "a", "re"}
    if all(w[0].isupper() or w.lower() in small for w in words if w[0].isalpha()):
        return "title"
    return "other"


def evaluate(
    index: NameIndex,
    records: list[Record],
    *,
    name: str,
    detector: bool,
    sources: tuple[str, ...] = ("directory", "detector"),
) -> Result:
    subj, spans = Counts(), Counts()
    for r in records:
        gold = {(s, e) for s, e, src in r.spans if src in sources}
        found = index.find(r.subject, detector=detector)
        got = {(m.start, m.end) for m in found}
        if gold and got:
            subj.tp += 1
        elif got:
            subj.fp += 1
            subj.errors.append(f"FP  {r.subject!r}: {[m.text for m in found]}")
        elif gold:
            subj.fn += 1
            subj.errors.append(f"FN  {r.subject!r}: {[r.subject[s:e] for s, e in gold]}")
        spans.tp += len(gold & got)
        spans.fp += len(got - gold)
        spans.fn += len(gold - got)
        if got != gold:
            spans.errors.append(
                f"{r.subject!r}: want {[r.subject[s:e] for s, e in sorted(gold)]} "
                f"got {[(m.text, m.score, m.why) for m in found]}"
            )
    return Result(name, subj, spans)


def run(records: list[Record] | None = None) -> list[Result]:
    records = records if records is not None else load_eval()
    roster = NameIndex.build(load_roster_csv(DATA / "roster.csv"))
    empty = NameIndex.build([])
    title = [r for r in records if casing(r.subject) == "title"]
    upper = [r for r in records if casing(r.subject) == "upper"]
    return [
        evaluate(roster, records, name="directory", detector=False, sources=("directory",)),
        evaluate(roster, records, name="full", detector=True),
        evaluate(empty, records, name="detector", detector=True),
        evaluate(empty, title, name=f"detector: Title ({len(title)})", detector=True),
        evaluate(empty, upper, name=f"detector: CAPS ({len(upper)})", detector=True),
    ]


def table(results: list[Result], n: int, named: int) -> str:
    lines = [
        f"{n} subjects, {named} naming someone",
        f"{'set-up':<22}{'level':<9}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>5}{'FN':>5}",
    ]
    for res in results:
        for level, c in (("subject", res.subjects), ("span", res.spans)):
            lines.append(
                f"{res.name:<22}{level:<9}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}"
                f"{c.tp:>6}{c.fp:>5}{c.fn:>5}"
            )
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", action="store_true", help="list every mistake")
    ap.add_argument(
        "--set",
        choices=["eval", "holdout"],
        default="eval",
        help="eval.jsonl (the main set) or holdout.jsonl (written after the matcher; "
        "never tuned on)",
    )
    args = ap.parse_args()
    records = load_eval(DATA / f"{args.set}.jsonl")
    results = run(records)
    print(table(results, len(records), sum(bool(r.spans) for r in records)))
    if args.errors:
        for res in results[:3]:
            print(f"\n== {res.name}: span errors")
            print("\n".join(res.spans.errors))


if __name__ == "__main__":
    main()
