"""What the name finder says about every labelled subject, one line each.

Usage::

    .venv/bin/python scripts/names_fingerprint.py OUT            # this checkout's source
    /opt/venv/bin/python scripts/names_fingerprint.py --installed OUT   # an installed build

For every school set under ``tests/data/names`` (its own roster, detector
on) and for every subject again with an empty roster (detector only), it
writes each mention's span, source, form, kind, score, ambiguity, reasons
and features to OUT, and prints how many subjects and mentions it wrote.
``scripts/check-image.sh`` runs it on the source (plain Python, what the
tests run) and on the image's compiled build (``setup.py``,
``ETIQUETTE_MYPYC=1``) and requires the two files to be identical: the
compiled build must find exactly what the tested source finds.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if "--installed" not in sys.argv:
    sys.path.insert(0, str(ROOT))

from app.directory.csv_roster import load_roster_csv  # noqa: E402
from app.names import NameIndex, build  # noqa: E402

DATA = ROOT / "tests" / "data" / "names"


def subjects(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line)["subject"] for line in fh if line.strip()]


def sets() -> list[tuple[str, Path, Path]]:
    """(name, roster, subjects) for every labelled set with a roster beside it."""
    out = [("eval", DATA / "roster.csv", DATA / "eval.jsonl")]
    for d in sorted(DATA.iterdir()):
        roster = d / "roster.csv"
        if d.is_dir() and roster.is_file():
            out.extend(
                (f"{d.name}/{f.stem}", roster, f)
                for f in sorted(d.glob("*.jsonl"))
                if f.stem in ("test", "dev", "holdout", "eval")
            )
    return out


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--installed"]
    if len(args) != 1:
        sys.exit(__doc__)
    empty = NameIndex.build([])
    n_subjects = n_mentions = 0
    with open(args[0], "w", encoding="utf-8") as out:
        for name, roster, path in sets():
            index = NameIndex.build(load_roster_csv(roster))
            for k, subject in enumerate(subjects(path)):
                for label, idx in (("roster", index), ("detector", empty)):
                    found = [
                        [
                            m.start,
                            m.end,
                            m.source,
                            m.form,
                            m.kind,
                            m.score,
                            m.ambiguous,
                            m.reading,
                            list(m.reasons),
                            sorted(m.features.items()),
                        ]
                        for m in idx.find(subject)
                    ]
                    n_mentions += len(found)
                    out.write(json.dumps([name, k, label, found], ensure_ascii=False) + "\n")
                n_subjects += 1
    print(f"{build()} build: {n_subjects} subjects, {n_mentions} mentions -> {args[0]}")


if __name__ == "__main__":
    main()
