"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the list of problems."""
import csv
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from names import fold, name_forms, case_of  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "cllr", "rev", "revd", "pc", "ps", "prof", "lady",
          "lord", "coach", "imam", "father", "pani", "pan", "hmi"}
ID_RE = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
errors = []


def err(msg):
    errors.append(msg)


def check_roster():
    path = os.path.join(ROOT, "roster.csv")
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    if rows[0] != HEADER:
        err(f"roster header {rows[0]}")
    people = [dict(zip(HEADER, r)) for r in rows[1:]]
    if not 450 <= len(people) <= 650:
        err(f"roster size {len(people)}")
    ids, emails, codes = set(), set(), set()
    for p in people:
        if len(p) != len(HEADER) or any(v is None for v in p.values()):
            err(f"bad row {p}")
            continue
        k = p["kind"]
        if k not in ID_RE:
            err(f"{p['id']}: kind {k}")
            continue
        if not re.fullmatch(ID_RE[k], p["id"]):
            err(f"{p['id']}: id does not fit kind {k}")
        if p["id"] in ids:
            err(f"duplicate id {p['id']}")
        ids.add(p["id"])
        if not p["first_name"] or not p["last_name"]:
            err(f"{p['id']}: missing name")
        if p["preferred_name"] and p["preferred_name"] == p["first_name"]:
            err(f"{p['id']}: preferred_name equals first_name")
        e = p["email"]
        if not e.isascii() or not re.fullmatch(r"[a-z0-9._-]+@[a-z0-9.-]+\.[a-z]+", e):
            err(f"{p['id']}: email {e!r}")
        if e in emails:
            err(f"duplicate email {e}")
        emails.add(e)
        if p["personal_emails"]:
            for pe in p["personal_emails"].split(";"):
                if not pe.isascii() or "@" not in pe:
                    err(f"{p['id']}: personal email {pe!r}")
        m = p["mis_ref"]
        if k == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", m):
            err(f"{p['id']}: pupil mis_ref {m!r}")
        if k == "staff":
            if not re.fullmatch(r"[A-Z]{3}", m):
                err(f"{p['id']}: staff code {m!r}")
            if m in codes:
                err(f"duplicate staff code {m}")
            codes.add(m)
    for p in people:
        if p.get("kind") == "parent" and p["mis_ref"] and p["mis_ref"] not in ids:
            err(f"{p['id']}: parent mis_ref {p['mis_ref']} is not a roster id")
    counts = {k: sum(1 for p in people if p.get("kind") == k) for k in ID_RE}
    index = {}
    for p in people:
        for f in name_forms(p["first_name"], p["preferred_name"], p["last_name"]):
            index.setdefault(f, set()).add(p["kind"])
    return index, counts


def check_test(index):
    path = os.path.join(ROOT, "test.jsonl")
    lines = open(path, encoding="utf-8").read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) != 600:
        err(f"test.jsonl has {len(lines)} lines, expected 600")
    seen = set()
    amb = 0
    for n, line in enumerate(lines, 1):
        try:
            r = json.loads(line)
        except ValueError:
            err(f"line {n}: not JSON")
            continue
        if set(r) != {"subject", "spans", "case", "kinds", "ambiguous"}:
            err(f"line {n}: keys {sorted(r)}")
            continue
        s = r["subject"]
        if not isinstance(s, str) or not s.strip() or s != s.strip():
            err(f"line {n}: bad subject")
        if s in seen:
            err(f"line {n}: duplicate subject {s!r}")
        seen.add(s)
        if not isinstance(r["ambiguous"], bool):
            err(f"line {n}: ambiguous not bool")
        amb += r["ambiguous"]
        if r["case"] != case_of(s):
            err(f"line {n}: case {r['case']} but computed {case_of(s)}")
        prev_end = -1
        need = set()
        span_kinds = []
        for sp in r["spans"]:
            if not (isinstance(sp, list) and len(sp) == 4):
                err(f"line {n}: malformed span {sp}")
                continue
            a, b, label, text = sp
            if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)):
                err(f"line {n}: bad offsets {sp}")
                continue
            if s[a:b] != text:
                err(f"line {n}: subject[{a}:{b}]={s[a:b]!r} != {text!r}")
            if a < prev_end:
                err(f"line {n}: spans unsorted/overlapping")
            prev_end = b
            if text != text.strip() or not text[0].isalpha():
                err(f"line {n}: span {text!r} has stray edge characters")
            if (a > 0 and s[a - 1].isalnum()) or (b < len(s) and s[b].isalnum()):
                err(f"line {n}: span {text!r} cuts a word")
            first_tok = re.split(r"[\s.]+", text)[0].lower()
            if first_tok in TITLES and len(text.split()) > 1:
                err(f"line {n}: title inside span {text!r}")
            if re.search(r"['’]s$", text, re.I) and fold(text) not in index:
                err(f"line {n}: possessive inside span {text!r}")
            if label == "directory":
                ks = index.get(fold(text))
                if not ks:
                    err(f"line {n}: directory span {text!r} is not a roster name form")
                else:
                    span_kinds.append(ks)
                    need |= ks
            elif label == "detector":
                if fold(text) in index:
                    err(f"line {n}: detector span {text!r} equals a roster name form")
            else:
                err(f"line {n}: label {label!r}")
        kinds = r["kinds"]
        if kinds != sorted(set(kinds)) or any(k not in ID_RE for k in kinds):
            err(f"line {n}: kinds {kinds} not sorted unique valid")
        if not set(kinds) <= need:
            err(f"line {n}: kinds {kinds} not supported by spans")
        for ks in span_kinds:
            if not ks & set(kinds):
                err(f"line {n}: a directory span has none of its possible kinds in {kinds}")
        if not span_kinds and kinds:
            err(f"line {n}: kinds without directory spans")
    if amb > 10:
        err(f"{amb} ambiguous lines (max 10)")


def main():
    index, counts = check_roster()
    check_test(index)
    if errors:
        for e in errors[:200]:
            print("FAIL:", e)
        print(f"{len(errors)} problem(s)")
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
