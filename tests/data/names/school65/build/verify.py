"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the list of problems."""
import glob
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, HEADER, TITLES, case_of, norm, read_roster, roster_index  # noqa: E402
import build_test  # noqa: E402

errors = []


def err(msg):
    errors.append(msg)


def check_roster():
    rows = read_roster()
    if rows[0] != HEADER:
        err(f"roster header is {rows[0]}")
    people = rows[1:]
    if not 450 <= len(people) <= 650:
        err(f"roster has {len(people)} people")
    ids, codes, emails = set(), set(), set()
    pat = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
    for r in people:
        if len(r) != len(HEADER):
            err(f"roster row width: {r}"); continue
        rid, first, pref, last, kind, email, pers, mis = r
        if kind not in pat:
            err(f"{rid}: bad kind {kind}"); continue
        if not re.fullmatch(pat[kind], rid):
            err(f"{rid}: id does not fit kind {kind}")
        if rid in ids:
            err(f"duplicate id {rid}")
        ids.add(rid)
        if not first or not last:
            err(f"{rid}: missing name")
        if pref and pref == first:
            err(f"{rid}: preferred name equals first name")
        if not email or not email.isascii() or not re.fullmatch(r"[a-z0-9.\-]+@[a-z0-9.\-]+\.[a-z]+", email):
            err(f"{rid}: bad email {email!r}")
        if email in emails:
            err(f"{rid}: duplicate email {email}")
        emails.add(email)
        if pers:
            for e in pers.split(";"):
                if not e.isascii() or not re.fullmatch(r"[a-z0-9.\-_]+@[a-z0-9.\-]+\.[a-z.]+", e):
                    err(f"{rid}: bad personal email {e!r}")
        if kind == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", mis):
            err(f"{rid}: bad UPN {mis!r}")
        if kind == "staff":
            if not re.fullmatch(r"[A-Z]{3}", mis):
                err(f"{rid}: bad staff code {mis!r}")
            if mis in codes:
                err(f"{rid}: duplicate staff code {mis}")
            codes.add(mis)
    for r in people:
        if r[4] == "parent" and r[7] and r[7] not in ids:
            err(f"{r[0]}: parent mis_ref {r[7]} is not an id")
    return rows


def check_tests(rows):
    idx = roster_index(rows)
    path = os.path.join(ROOT, "test.jsonl")
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    if lines and lines[-1] == "":
        lines = lines[:-1]
    if len(lines) != 600:
        err(f"test.jsonl has {len(lines)} lines, not 600")
    seen, seen_fold = set(), set()
    amb = 0
    recs = []
    for n, line in enumerate(lines, 1):
        try:
            r = json.loads(line)
        except ValueError as e:
            err(f"line {n}: not JSON ({e})"); continue
        recs.append(r)
        if set(r) != {"subject", "spans", "case", "kinds", "ambiguous"}:
            err(f"line {n}: keys {sorted(r)}"); continue
        s = r["subject"]
        where = f"line {n} {s!r}"
        if not isinstance(s, str) or not s.strip() or s != s.strip():
            err(f"{where}: empty or padded subject")
        if s in seen:
            err(f"{where}: duplicate subject")
        if s.casefold() in seen_fold and s not in seen:
            err(f"{where}: duplicate subject (ignoring case)")
        seen.add(s); seen_fold.add(s.casefold())
        if not isinstance(r["ambiguous"], bool):
            err(f"{where}: ambiguous not bool")
        amb += bool(r["ambiguous"])
        if r["case"] != case_of(s):
            err(f"{where}: case {r['case']} but looks {case_of(s)}")
        prev_end = -1
        possible = []
        for sp in r["spans"]:
            if not (isinstance(sp, list) and len(sp) == 4):
                err(f"{where}: bad span {sp}"); continue
            a, b, lab, text = sp
            if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)):
                err(f"{where}: bad offsets {sp}"); continue
            if s[a:b] != text:
                err(f"{where}: span text {text!r} != {s[a:b]!r}")
            if a < prev_end:
                err(f"{where}: spans unsorted or overlapping")
            prev_end = b
            if lab not in ("directory", "detector"):
                err(f"{where}: bad label {lab}")
            if text != text.strip() or text.endswith(","):
                err(f"{where}: span {text!r} has padding")
            first_tok = re.split(r"[\s.]+", text.strip())[0].lower()
            if first_tok in TITLES:
                err(f"{where}: title inside span {text!r}")
            if re.search(r"['’]s$", text, re.I):
                err(f"{where}: possessive inside span {text!r}")
            if a > 0 and s[a - 1].isalnum():
                err(f"{where}: span {text!r} starts inside a word")
            if b < len(s) and s[b].isalnum():
                err(f"{where}: span {text!r} ends inside a word")
            if a > 0:
                before = re.split(r"[\s(]+", s[:a].rstrip())[-1].lower().rstrip(".")
                if before in TITLES and s[:a].rstrip() != s[:a]:
                    pass  # title correctly left outside the span
            key = norm(text)
            if lab == "directory":
                if key not in idx:
                    err(f"{where}: directory span {text!r} is not a roster name form")
                else:
                    possible.append(idx[key])
            elif key in idx:
                err(f"{where}: detector span {text!r} is a roster name form ({sorted(idx[key])})")
        kinds = r["kinds"]
        if kinds != sorted(set(kinds)) or any(k not in ("pupil", "staff", "parent") for k in kinds):
            err(f"{where}: kinds not sorted/unique/valid: {kinds}")
        if not possible and kinds:
            err(f"{where}: kinds {kinds} without directory spans")
        if possible and not kinds:
            err(f"{where}: directory spans but no kinds")
        for p in possible:
            if not (p & set(kinds)):
                err(f"{where}: a span's kinds {sorted(p)} not in {kinds}")
        for k in kinds:
            if not any(k in p for p in possible):
                err(f"{where}: kind {k} not possible for any span")
        if r["ambiguous"] and r["spans"]:
            err(f"{where}: ambiguous lines carry no spans in this set")
    if amb > 10:
        err(f"{amb} ambiguous lines (max 10)")
    # the file must be exactly what the build makes from the sources (deterministic, consistent)
    rebuilt = []
    for p in sorted(glob.glob(os.path.join(ROOT, "sources", "lines", "*.txt"))):
        if os.path.basename(p) == "README.txt":
            continue
        for line in open(p, encoding="utf-8"):
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                rebuilt.append(build_test.parse(line))
    if rebuilt != recs:
        err("test.jsonl differs from what build_test.py makes from sources/lines")


def main():
    for f in ("README.md", "roster.csv", "test.jsonl"):
        if not os.path.exists(os.path.join(ROOT, f)):
            err(f"missing {f}")
    if not errors:
        rows = check_roster()
        check_tests(rows)
    if errors:
        for e in errors[:200]:
            print(e)
        print(f"FAILED: {len(errors)} problem(s)")
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
