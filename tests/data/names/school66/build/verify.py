"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems."""
import csv
import hashlib
import json
import os
import re
import subprocess
import sys
from collections import Counter
from common import ROOT, HEADER, TITLES, fold, name_forms, case_of

problems = []


def bad(msg):
    problems.append(msg)


def check_roster():
    path = os.path.join(ROOT, "roster.csv")
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    if rows[0] != HEADER:
        bad(f"roster header is {rows[0]}")
    recs = [dict(zip(HEADER, r)) for r in rows[1:]]
    if not 450 <= len(recs) <= 650:
        bad(f"roster has {len(recs)} people")
    ids, emails, codes = set(), set(), set()
    pat = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
    for r in recs:
        if len(r) != len(HEADER):
            bad(f"bad row {r}")
        k = r["kind"]
        if k not in pat:
            bad(f"{r['id']}: kind {k}")
            continue
        if not re.fullmatch(pat[k], r["id"]) or r["id"] in ids:
            bad(f"bad or duplicate id {r['id']}")
        ids.add(r["id"])
        if not r["first_name"] or not r["last_name"]:
            bad(f"{r['id']}: missing name")
        if r["preferred_name"] == r["first_name"]:
            bad(f"{r['id']}: preferred equals first")
        e = r["email"]
        if not e.isascii() or not re.fullmatch(r"[a-z0-9.\-_]+@[a-z0-9.\-]+\.[a-z]+", e) or e in emails:
            bad(f"{r['id']}: bad or duplicate email {e}")
        emails.add(e)
        for pe in filter(None, r["personal_emails"].split(";")):
            if not pe.isascii() or "@" not in pe:
                bad(f"{r['id']}: bad personal email {pe}")
        m = r["mis_ref"]
        if k == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", m):
            bad(f"{r['id']}: pupil mis_ref {m}")
        if k == "staff":
            if not re.fullmatch(r"[A-Z]{3}", m) or m in codes:
                bad(f"{r['id']}: staff code {m}")
            codes.add(m)
    return recs


def check_test(roster):
    idx = {}
    for r in roster:
        for f in name_forms(r["first_name"], r["preferred_name"], r["last_name"]):
            idx.setdefault(f, set()).add(r["kind"])
    lines = open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8").read().splitlines()
    if len(lines) != 600:
        bad(f"test.jsonl has {len(lines)} lines")
    seen = set()
    n_amb = 0
    for n, line in enumerate(lines, 1):
        try:
            r = json.loads(line)
        except ValueError:
            bad(f"line {n}: not JSON")
            continue
        if set(r) != {"subject", "spans", "case", "kinds", "ambiguous"}:
            bad(f"line {n}: keys {sorted(r)}")
            continue
        s = r["subject"]
        if not s or s != s.strip() or "  " in s:
            bad(f"line {n}: whitespace problem {s!r}")
        key = fold(s)
        if key in seen:
            bad(f"line {n}: duplicate subject {s!r}")
        seen.add(key)
        if r["case"] != case_of(s):
            bad(f"line {n}: case {r['case']} should be {case_of(s)}")
        if not isinstance(r["ambiguous"], bool):
            bad(f"line {n}: ambiguous not bool")
        n_amb += r["ambiguous"]
        last_end = -1
        need = []
        for sp in r["spans"]:
            if len(sp) != 4:
                bad(f"line {n}: span {sp}")
                continue
            a, b, label, text = sp
            if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)):
                bad(f"line {n}: offsets {sp}")
                continue
            if s[a:b] != text:
                bad(f"line {n}: {s[a:b]!r} != {text!r}")
            if a < last_end:
                bad(f"line {n}: spans unsorted or overlapping")
            last_end = b
            if label not in ("directory", "detector"):
                bad(f"line {n}: label {label}")
            if text != text.strip() or not text[0].isalpha():
                bad(f"line {n}: span edges {text!r}")
            if a > 0 and (s[a - 1].isalnum()) or b < len(s) and s[b].isalnum():
                bad(f"line {n}: span cuts a word {text!r}")
            first_tok = re.split(r"[\s.]+", text)[0].lower()
            if first_tok in TITLES and len(text.split()) > 1:
                bad(f"line {n}: title inside span {text!r}")
            if re.search(r"['’]s$", text, re.I):
                bad(f"line {n}: possessive inside span {text!r}")
            got = idx.get(fold(text), set())
            if label == "directory":
                if not got:
                    bad(f"line {n}: directory span not a roster name form {text!r}")
                need.append(got)
            elif got:
                bad(f"line {n}: detector span equals a roster name form {text!r}")
        kinds = r["kinds"]
        if kinds != sorted(set(kinds)) or not set(kinds) <= {"pupil", "staff", "parent"}:
            bad(f"line {n}: kinds {kinds}")
        for g in need:
            if not g & set(kinds):
                bad(f"line {n}: kinds {kinds} miss a span's kind {sorted(g)}")
        for k in kinds:
            if not any(k in g for g in need):
                bad(f"line {n}: kind {k} not supported by any span")
    if n_amb > 10:
        bad(f"{n_amb} ambiguous lines (max 10)")


def check_deterministic():
    files = [os.path.join(ROOT, f) for f in ("roster.csv", "test.jsonl")]
    before = [hashlib.sha256(open(f, "rb").read()).hexdigest() for f in files]
    here = os.path.dirname(os.path.abspath(__file__))
    for script in ("build_roster.py", "build_test.py"):
        res = subprocess.run([sys.executable, os.path.join(here, script)], cwd=here,
                             capture_output=True, text=True)
        if res.returncode:
            bad(f"{script} failed: {res.stdout}{res.stderr}")
    after = [hashlib.sha256(open(f, "rb").read()).hexdigest() for f in files]
    if before != after:
        bad("rebuilding changed the outputs (not deterministic or not rebuilt)")


def main():
    check_deterministic()
    roster = check_roster()
    check_test(roster)
    if problems:
        print("\n".join(problems))
        print(f"FAILED ({len(problems)} problems)")
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
