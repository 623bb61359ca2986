"""Fit ``namelike.json.gz``: how name-like a token's spelling is, from its letters.

The name lists cannot hold every pupil's name ("Efua", "Gosia", "Jurgis",
"Funmi"), but names of each origin share their spelling: endings such as
-ska, -auskas, -oluwa, -ayo, -deep, letter pairs English words rarely
have. This fits a logistic regression over the character 2- to 4-grams of
a folded token (with ``^`` and ``$`` marking its start and end):

- positives: every first name and surname in the shipped lists
  (``lexicon.tsv.gz``: ONS, US Census; ``world_names.tsv.gz``: Faker's
  locales) that is seldom written in lower case (``lower`` < 0.3 or unknown);
- negatives: every token of the lexicon that is mostly an ordinary English
  word (``lower`` >= 0.6, log probability >= -16) and in no name list.

Run by a maintainer, offline (scikit-learn is a dev dependency only)::

    .venv/bin/python -m app.names.data.build_namelike          # fit, write namelike.json.gz
    .venv/bin/python -m app.names.data.build_namelike --cv     # 5-fold accuracy only

Run time (:func:`app.names._lexicon.namelike`) sums the weights of the
token's n-grams: a dot product, no model library.
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

from app.names._lexicon import WORLD_FIRST, WORLD_LAST, lexicon, world_names

OUT = Path(__file__).with_name("namelike.json.gz")
C = 0.5
MIN_WEIGHT = 0.05  # smaller weights are left out of the shipped table
NGRAMS = (2, 4)


def grams(key: str) -> list[str]:
    w = "^" + key + "$"
    lo, hi = NGRAMS
    return [w[i : i + n] for n in range(lo, hi + 1) for i in range(len(w) - n + 1)]


def examples() -> tuple[list[str], list[int]]:
    lex = lexicon()
    world = world_names()
    pos: set[str] = set()
    neg: set[str] = set()
    for key, e in lex.items():
        if not key.isalpha() or len(key) < 2:
            continue
        named = bool(e.first or e.surname or world.get(key, 0) & (WORLD_FIRST | WORLD_LAST))
        if named and e.lower < 0.3:
            pos.add(key)
        elif not named and e.lower >= 0.6 and e.logp >= -16.0:
            neg.add(key)
    for key, bits in world.items():
        if key.isalpha() and len(key) >= 2 and bits and key not in lex:
            pos.add(key)
    keys = sorted(pos) + sorted(neg)
    return keys, [1] * len(pos) + [0] * len(neg)


def main() -> None:
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_score

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--cv", action="store_true", help="print 5-fold accuracy, write nothing")
    args = ap.parse_args()
    keys, labels = examples()
    vec = CountVectorizer(analyzer=grams, binary=True, min_df=3)
    x = vec.fit_transform(keys)
    lr = LogisticRegression(C=C, max_iter=5000, class_weight="balanced")
    print(f"{sum(labels)} names, {len(labels) - sum(labels)} words, {x.shape[1]} n-grams")
    if args.cv:
        folds = StratifiedKFold(5, shuffle=True, random_state=13)
        acc = cross_val_score(lr, x, labels, cv=folds, scoring="balanced_accuracy")
        print(f"5-fold balanced accuracy: {acc.mean():.3f} ({', '.join(f'{a:.3f}' for a in acc)})")
        return
    lr.fit(x, labels)
    weights = {
        str(g): round(float(w), 2)
        for g, w in zip(vec.get_feature_names_out(), lr.coef_[0], strict=True)
        if abs(w) >= MIN_WEIGHT
    }
    data = {"intercept": round(float(lr.intercept_[0]), 3), "ngrams": list(NGRAMS), "w": weights}
    with gzip.open(OUT, "wt", encoding="utf-8") as fh:
        json.dump(data, fh, sort_keys=True, separators=(",", ":"))
    print(f"wrote {OUT} ({len(weights)} n-grams)")


if __name__ == "__main__":
    main()
