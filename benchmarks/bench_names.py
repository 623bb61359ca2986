"""Speed and memory of the subject-line name finder (not a timed test).

Usage::

    .venv/bin/python benchmarks/bench_names.py [--sizes 2000 200000]

For each directory size, synthetic people are drawn (seeded) from the ONS
first names and US Census surnames in the shipped lexicon, weighted by
frequency, with some preferred names, hyphenated and particled surnames, and pupils in
classes (a tutor group and a set by code, a class named after a tree, bird or
person).
Prints the :meth:`NameIndex.build` time, the memory the index holds
(tracemalloc, in a separate build; the lexicon is excluded since every
index shares it) and the process's RSS growth across the timed build,
then the median and p99 time of one ``find`` over the labelled evaluation
subjects (each run ``--repeat`` times, after a warm-up). ``--best-of``
reports each subject's fastest run instead of every run: on a shared,
loaded machine that is the figure that compares across runs.

The first line printed says which build runs: the checkout's source (pure
Python, what the tests run) or, with ``--installed``, the package installed
in the interpreter's environment, such as the image's compiled build
(``setup.py``; README, "Benchmarks", for the commands).
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# --installed: the `app` package installed in this interpreter's environment
# (a compiled build: setup.py, ETIQUETTE_MYPYC=1), not this checkout's source
if "--installed" not in sys.argv:
    sys.path.insert(0, str(ROOT))

from app.domain import PersonKind  # noqa: E402
from app.names import NameIndex  # noqa: E402
from app.names import api as names_api  # noqa: E402
from app.names import build as names_build  # noqa: E402
from app.names._lexicon import lexicon  # noqa: E402
from app.people import Person  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from eval_names import load_eval  # noqa: E402

# class names a primary names its classes by (a pupil may share one) and the
# codes of a secondary's tutor groups and teaching sets: every pupil is in a
# few, as an MIS export says (the finder reads the class names)
CLASS_WORDS = [
    "Oak",
    "Ash",
    "Rowan",
    "Hazel",
    "Willow",
    "Holly",
    "Beech",
    "Elm",
    "Cedar",
    "Maple",
    "Robin",
    "Wren",
    "Kestrel",
    "Heron",
    "Swift",
    "Owl",
    "Puffin",
    "Otter",
    "Badger",
    "Fox",
    "Severn",
    "Thames",
    "Avon",
    "Trent",
    "Curie",
    "Seacole",
    "Turing",
    "Austen",
]


def synthetic_people(n: int, seed: int = 7) -> list[Person]:
    lex = lexicon()
    firsts = [(k, e.first) for k, e in lex.items() if e.first >= 200]
    surnames = [(k, 1.0 / e.surname) for k, e in lex.items() if e.surname]
    rng = random.Random(seed)
    f_names = rng.choices([k for k, _ in firsts], [w for _, w in firsts], k=n)
    s_names = rng.choices([k for k, _ in surnames], [w for _, w in surnames], k=n)
    kinds = (PersonKind.PUPIL,) * 6 + (PersonKind.PARENT,) * 3 + (PersonKind.STAFF,)
    people = []
    for i, (f, s) in enumerate(zip(f_names, s_names, strict=True)):
        last = s.title()
        r = rng.random()
        if r < 0.03:
            last = f"{last}-{rng.choice(s_names).title()}"
        elif r < 0.04:
            last = f"van der {last}"
        people.append(
            Person(
                id=f"X{i}",
                first_name=f.title(),
                last_name=last,
                kind=kinds[i % len(kinds)],
                preferred_name=rng.choice(f_names).title() if rng.random() < 0.05 else None,
                mis_ref=f"ADM{i:06d}",
                classes=(
                    f"{7 + i % 5}{'ABCDEFG'[i % 7]}",
                    f"{7 + i % 5}X/Ma{i % 4 + 1}",
                    f"Year {i % 6 + 1} {CLASS_WORDS[i % len(CLASS_WORDS)]}",
                )
                if kinds[i % len(kinds)] is PersonKind.PUPIL
                else (),
            )
        )
    return people


def rss_mb() -> float:
    """Current resident set size (Linux /proc; elsewhere the peak from getrusage)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench(size: int, subjects: list[str], repeat: int, best_of: int = 0) -> None:
    people = synthetic_people(size)
    lexicon()  # shared, loaded once per process: not part of an index's cost
    # Memory first, in a build of its own: tracemalloc slows the build down.
    gc.collect()
    tracemalloc.start()
    index = NameIndex.build(people)
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del index
    gc.collect()
    rss0 = rss_mb()
    t0 = time.perf_counter()
    index = NameIndex.build(people)
    build_s = time.perf_counter() - t0
    gc.collect()
    rss1 = rss_mb()

    for s in subjects:  # warm-up
        index.find(s)
    times = []
    for _ in range(repeat):
        for s in subjects:
            t = time.perf_counter_ns()
            index.find(s)
            times.append(time.perf_counter_ns() - t)
    if best_of:
        # On a loaded machine, each subject's fastest of best_of runs: what one
        # call costs when it is not preempted (comparable across runs).
        times = [min(times[k :: len(subjects)]) for k in range(len(subjects))]
    times.sort()
    med = statistics.median(times) / 1000
    p99 = times[int(len(times) * 0.99)] / 1000
    print(
        f"{size:>8,} people  build {build_s:6.2f} s  index {held / 2**20:6.1f} MB "
        f"(peak {peak / 2**20:6.1f} MB, RSS +{rss1 - rss0:6.1f} MB)  "
        f"find median {med:6.1f} us  p99 {p99:6.1f} us  ({len(times):,} calls)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[2000, 200_000])
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument(
        "--best-of",
        action="store_true",
        help="report each subject's fastest of --repeat runs (for a loaded machine)",
    )
    ap.add_argument(
        "--installed",
        action="store_true",
        help="measure the app package installed in this environment (e.g. a compiled build), "
        "not this checkout's source",
    )
    args = ap.parse_args()
    print(f"name finder: {names_build()} build, {Path(names_api.__file__ or '?').parent}")
    t0 = time.perf_counter()
    lexicon()
    print(f"lexicon load {time.perf_counter() - t0:.2f} s (once per process)")
    subjects = [r.subject for r in load_eval()]
    for size in args.sizes:
        bench(size, subjects, args.repeat, args.repeat if args.best_of else 0)


if __name__ == "__main__":
    main()
