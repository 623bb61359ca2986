"""Check roster.csv and test.jsonl against the brief's rules. Prints OK or the problems."""
import collections
import csv
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import TITLES, case_style, name_forms, norm  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
errors = []


def err(msg):
    errors.append(msg)


def main():
    with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    if rows[0] != HEADER:
        err("bad header")
    people = [dict(zip(HEADER, r)) for r in rows[1:]]
    if not 450 <= len(people) <= 650:
        err(f"roster size {len(people)}")
    ids, codes, emails = set(), set(), set()
    forms_by_kind = collections.defaultdict(set)
    for p in people:
        k, i = p["kind"], p["id"]
        if i in ids:
            err(f"dup id {i}")
        ids.add(i)
        pat = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}.get(k)
        if not pat or not re.fullmatch(pat, i):
            err(f"bad id/kind {i} {k}")
        if not p["email"].isascii() or "@" not in p["email"]:
            err(f"bad email {i}")
        if p["email"] in emails:
            err(f"dup email {p['email']}")
        emails.add(p["email"])
        for e in filter(None, p["personal_emails"].split(";")):
            if "@" not in e or not e.isascii():
                err(f"bad personal email {i}")
        m = p["mis_ref"]
        if k == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", m):
            err(f"bad UPN {i}")
        if k == "staff":
            if not re.fullmatch(r"[A-Z]{3}", m) or m in codes:
                err(f"bad staff code {i} {m}")
            codes.add(m)
        if k == "parent" and m and m not in ids and not re.fullmatch(r"P\d{4}", m):
            err(f"bad parent ref {i}")
        if not p["first_name"] or not p["last_name"]:
            err(f"missing name {i}")
        forms_by_kind[k] |= name_forms(p["first_name"], p["preferred_name"], p["last_name"])
    all_forms = set().union(*forms_by_kind.values())

    lines = open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8").read().splitlines()
    if len(lines) != 600:
        err(f"test.jsonl has {len(lines)} lines (want 600)")
    seen = set()
    amb = 0
    for n, line in enumerate(lines, 1):
        r = json.loads(line)
        if set(r) != {"subject", "spans", "case", "kinds", "ambiguous"}:
            err(f"{n}: keys {sorted(r)}")
            continue
        s = r["subject"]
        key = s.strip().lower()
        if key in seen:
            err(f"{n}: duplicate subject {s!r}")
        seen.add(key)
        amb += bool(r["ambiguous"])
        prev_end = 0
        kinds = set()
        for sp in r["spans"]:
            a, b, label, text = sp
            if s[a:b] != text:
                err(f"{n}: span text mismatch {sp}")
            if a < prev_end:
                err(f"{n}: spans unsorted/overlap")
            prev_end = b
            if text != text.strip() or not text:
                err(f"{n}: whitespace in span {text!r}")
            if (a > 0 and s[a - 1].isalnum()) or (b < len(s) and s[b].isalnum()):
                err(f"{n}: span not on word boundary {text!r}")
            first_tok = re.split(r"[\s.]+", text)[0].lower()
            if first_tok in TITLES and len(text.split()) > 1:
                err(f"{n}: title inside span {text!r}")
            if re.search(r"['’]s$", text, re.I):
                err(f"{n}: possessive inside span {text!r}")
            t = norm(text)
            if label == "directory":
                ks = [k for k, f in forms_by_kind.items() if t in f]
                if not ks:
                    err(f"{n}: directory span not a roster name form {text!r}")
                kinds.update(ks)
            elif label == "detector":
                if t in all_forms:
                    err(f"{n}: detector span equals roster name form {text!r}")
            else:
                err(f"{n}: bad label {label}")
        # kinds: each listed kind must be possible for some span, each span covered by a listed kind
        for sp in r["spans"]:
            if sp[2] == "directory":
                t = norm(sp[3])
                if not any(t in forms_by_kind[k] for k in r["kinds"]):
                    err(f"{n}: kinds {r['kinds']} do not cover span {sp[3]!r}")
        if r["kinds"] != sorted(set(r["kinds"])) or not set(r["kinds"]) <= kinds:
            err(f"{n}: kinds {r['kinds']} not supported by spans")
        if any(sp[2] == "directory" for sp in r["spans"]) != bool(r["kinds"]):
            err(f"{n}: kinds/spans mismatch")
        if r["case"] != case_style(s):
            err(f"{n}: case {r['case']} != {case_style(s)}")
    if amb > 10:
        err(f"too many ambiguous lines: {amb}")
    if errors:
        for e in errors[:80]:
            print(e)
        print(f"{len(errors)} problem(s)")
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
