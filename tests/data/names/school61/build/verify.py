"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems found."""
import csv
import hashlib
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import HEADER, ROOT, TITLES, classify_case, form_index, norm  # noqa: E402

errors = []


def err(msg):
    errors.append(msg)


def sha(path):
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def check_roster():
    path = os.path.join(ROOT, "roster.csv")
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        if header != HEADER:
            err(f"roster header {header}")
        rows = [dict(zip(HEADER, r)) for r in reader]
    if not 450 <= len(rows) <= 650:
        err(f"roster has {len(rows)} people")
    ids, codes = set(), set()
    pat = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
    for r in rows:
        if len(r) != len(HEADER):
            err(f"bad row {r}")
            continue
        k = r["kind"]
        if k not in pat:
            err(f"{r['id']}: kind {k}")
            continue
        if not re.fullmatch(pat[k], r["id"]) or r["id"] in ids:
            err(f"bad or duplicate id {r['id']}")
        ids.add(r["id"])
        if not r["first_name"].strip() or not r["last_name"].strip():
            err(f"{r['id']}: empty name")
        if r["preferred_name"] == r["first_name"]:
            err(f"{r['id']}: preferred name equals first name")
        if not r["email"].isascii() or not re.fullmatch(r"[a-z0-9._'-]+@[a-z0-9.-]+\.[a-z]+", r["email"]):
            err(f"{r['id']}: email {r['email']!r}")
        if r["personal_emails"]:
            for e in r["personal_emails"].split(";"):
                if not e.isascii() or "@" not in e:
                    err(f"{r['id']}: personal email {e!r}")
        m = r["mis_ref"]
        if k == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", m):
            err(f"{r['id']}: UPN {m!r}")
        if k == "staff":
            if not re.fullmatch(r"[A-Z]{3}", m) or m in codes:
                err(f"{r['id']}: staff code {m!r}")
            codes.add(m)
    for r in rows:
        if r["kind"] == "parent" and r["mis_ref"] and r["mis_ref"] not in ids:
            err(f"{r['id']}: parent mis_ref {r['mis_ref']} is not an id")
    return rows


def check_test(rows):
    idx = form_index(rows)
    seen = set()
    n_amb = 0
    lines = open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8").read().splitlines()
    if len(lines) != 600:
        err(f"test.jsonl has {len(lines)} lines, expected 600")
    for n, line in enumerate(lines, 1):
        try:
            it = json.loads(line)
        except ValueError:
            err(f"line {n}: not JSON")
            continue
        if set(it) != {"subject", "spans", "case", "kinds", "ambiguous"}:
            err(f"line {n}: keys {sorted(it)}")
            continue
        s = it["subject"]
        if not isinstance(s, str) or not s.strip() or s != s.strip():
            err(f"line {n}: bad subject")
        if s in seen:
            err(f"line {n}: duplicate subject {s!r}")
        seen.add(s)
        prev_end = -1
        span_kinds = []
        for sp in it["spans"]:
            if not (isinstance(sp, list) and len(sp) == 4 and isinstance(sp[0], int) and isinstance(sp[1], int)):
                err(f"line {n}: malformed span {sp}")
                continue
            a, b, label, text = sp
            if not 0 <= a < b <= len(s) or s[a:b] != text:
                err(f"line {n}: span {sp} does not index the subject")
                continue
            if a < prev_end:
                err(f"line {n}: spans unsorted or overlapping")
            prev_end = b
            if label not in ("directory", "detector"):
                err(f"line {n}: label {label}")
            if text != text.strip(" ,.-:;/&+()"):
                err(f"line {n}: span {text!r} has loose punctuation/space at an edge")
            if (a > 0 and s[a - 1].isalnum()) or (b < len(s) and s[b].isalnum()):
                err(f"line {n}: span {text!r} cuts a word")
            first = text.split()[0].rstrip(".").lower()
            if first in TITLES and len(text.split()) > 1:
                err(f"line {n}: title inside span {text!r}")
            if first in TITLES and len(text.split()) == 1 and norm(text) not in idx:
                err(f"line {n}: span is a bare title {text!r}")
            if re.search(r"['\u2019]s$", text, re.I):
                err(f"line {n}: possessive inside span {text!r}")
            key = norm(text)
            if label == "directory":
                if key not in idx:
                    err(f"line {n}: directory span {text!r} is not a roster name form")
                else:
                    span_kinds.append({k for _, k in idx[key]})
            elif label == "detector" and key in idx:
                err(f"line {n}: detector span {text!r} equals a roster name form")
        kinds = it["kinds"]
        if kinds != sorted(set(kinds)) or not set(kinds) <= {"pupil", "staff", "parent"}:
            err(f"line {n}: kinds {kinds}")
        if bool(kinds) != bool(span_kinds):
            err(f"line {n}: kinds {kinds} but {len(span_kinds)} directory spans")
        for ks in span_kinds:
            if not ks & set(kinds):
                err(f"line {n}: a directory span has none of the kinds {kinds}")
        for k in kinds:
            if not any(k in ks for ks in span_kinds):
                err(f"line {n}: kind {k} not supported by any span")
        if it["case"] != classify_case(s):
            err(f"line {n}: case {it['case']} but subject is {classify_case(s)}")
        if not isinstance(it["ambiguous"], bool):
            err(f"line {n}: ambiguous not bool")
        n_amb += it["ambiguous"] is True
    if n_amb > 10:
        err(f"{n_amb} ambiguous lines (max 10)")


def check_deterministic():
    before = {f: sha(os.path.join(ROOT, f)) for f in ("roster.csv", "test.jsonl")}
    here = os.path.dirname(os.path.abspath(__file__))
    for script in ("build_roster.py", "build_test.py"):
        r = subprocess.run([sys.executable, os.path.join(here, script)], capture_output=True, text=True)
        if r.returncode:
            err(f"{script} failed: {r.stdout}{r.stderr}")
    for f, h in before.items():
        if sha(os.path.join(ROOT, f)) != h:
            err(f"{f} is not what the build produces from sources/ (stale or non-deterministic)")


def main():
    check_deterministic()
    rows = check_roster()
    check_test(rows)
    if errors:
        print("\n".join(errors[:200]))
        print(f"FAILED: {len(errors)} problems")
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
