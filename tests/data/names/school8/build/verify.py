#!/usr/bin/env python3
"""Re-check every invariant of roster.csv and test.jsonl. Exit 1 on any failure."""
import csv, json, os, re, sys
from common import ROOT, TITLES, norm, load_roster, classify_case

HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
KEYS = ["subject", "spans", "case", "kinds", "ambiguous"]
errs = []
def err(msg):
    errs.append(msg)

def check_roster():
    with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    if rows[0] != HEADER:
        err(f"roster header {rows[0]}")
    ids, emails = set(), set()
    for r in rows[1:]:
        d = dict(zip(HEADER, r))
        if len(r) != len(HEADER): err(f"roster row width {r}")
        if d["id"] in ids: err(f"dup id {d['id']}")
        ids.add(d["id"])
        if d["email"] in emails: err(f"dup email {d['email']}")
        emails.add(d["email"])
        if not d["first_name"] or not d["last_name"]: err(f"missing name {r}")
        k = d["kind"]
        if k == "pupil":
            if not re.fullmatch(r"P\d{4}", d["id"]): err(f"pupil id {d['id']}")
            if not re.fullmatch(r"\d{2}[a-z][a-z0-9]+@pupils\.[a-z.-]+", d["email"]): err(f"pupil email {d['email']}")
            if not re.fullmatch(r"[A-Z]\d{12}", d["mis_ref"]): err(f"UPN {d['mis_ref']}")
        elif k == "staff":
            if not re.fullmatch(r"S\d{3}", d["id"]): err(f"staff id {d['id']}")
            if not re.fullmatch(r"[a-z]\.[a-z0-9]+@[a-z.-]+", d["email"]): err(f"staff email {d['email']}")
            if not re.fullmatch(r"[A-Z]{3}", d["mis_ref"]): err(f"staff code {d['mis_ref']}")
        elif k == "parent":
            if not re.fullmatch(r"G\d{3}", d["id"]): err(f"parent id {d['id']}")
            if d["mis_ref"]: err(f"parent with mis_ref {d['id']}")
        else:
            err(f"bad kind {k}")
        for pe in filter(None, d["personal_emails"].split(";")):
            if not re.fullmatch(r"[^@\s;]+@[^@\s;]+\.[a-z.]+", pe): err(f"personal email {pe!r}")
    codes = [r[7] for r in rows[1:] if r[4] == "staff"]
    if len(codes) != len(set(codes)): err("duplicate staff codes")
    return len(rows) - 1

def check_test():
    roster = load_roster()
    seen, amb, n = set(), 0, 0
    for ln, line in enumerate(open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8"), 1):
        n += 1
        r = json.loads(line)
        where = f"line {ln}"
        if list(r) != KEYS: err(f"{where}: keys {list(r)}"); continue
        s = r["subject"]
        if not isinstance(s, str) or not s or s != s.strip(): err(f"{where}: subject {s!r}")
        if s in seen: err(f"{where}: duplicate subject {s!r}")
        seen.add(s)
        if r["case"] not in ("sentence", "title", "lower", "upper"): err(f"{where}: case {r['case']}")
        if r["case"] != classify_case(s, r["spans"]): err(f"{where}: case {r['case']} != {classify_case(s, r['spans'])}")
        if not isinstance(r["ambiguous"], bool): err(f"{where}: ambiguous not bool")
        amb += r["ambiguous"]
        prev_end, possible = -1, []
        for sp in r["spans"]:
            if not (isinstance(sp, list) and len(sp) == 4): err(f"{where}: span shape {sp}"); continue
            a, b, typ, text = sp
            if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)): err(f"{where}: offsets {sp}"); continue
            if s[a:b] != text: err(f"{where}: text mismatch {sp} vs {s[a:b]!r}")
            if a < prev_end: err(f"{where}: spans overlap or unsorted")
            prev_end = b
            if typ not in ("directory", "detector"): err(f"{where}: span type {typ}")
            if text != text.strip() or re.search(r"['’]s$", text, re.I) or text[0] in ".,-'":
                err(f"{where}: span boundary {text!r}")
            if text.endswith(".") and not re.search(r"(^|\s)\w\.$", text): err(f"{where}: trailing dot {text!r}")
            if norm(text).split()[0].rstrip(".") in TITLES: err(f"{where}: title inside span {text!r}")
            if a > 0 and (s[a - 1].isalnum()) or b < len(s) and s[b].isalnum(): err(f"{where}: span cuts a word {text!r}")
            found = roster.get(norm(text), set())
            if typ == "directory":
                if not found: err(f"{where}: directory span {text!r} not on roster")
                possible.append(found)
            else:
                if found: err(f"{where}: detector span {text!r} is on roster")
                toks = norm(text).replace(".", "").split()
                if len(toks) > 1 and toks[-1] in roster: err(f"{where}: detector surname {toks[-1]!r} on roster")
        kinds = r["kinds"]
        if kinds != sorted(set(kinds)) or any(k not in ("pupil", "staff", "parent") for k in kinds):
            err(f"{where}: kinds {kinds}")
        if bool(kinds) != bool(possible): err(f"{where}: kinds {kinds} vs directory spans")
        for k in kinds:
            if not any(k in f for f in possible): err(f"{where}: kind {k} fits no span")
        for f in possible:
            if not f & set(kinds): err(f"{where}: a span has no kind in {kinds}")
    if amb > 10: err(f"{amb} ambiguous lines (max 10)")
    return n

if __name__ == "__main__":
    nr = check_roster()
    nt = check_test()
    for e in errs[:50]:
        print(e)
    print(f"roster rows {nr}, test lines {nt}: {'FAIL, ' + str(len(errs)) + ' problems' if errs else 'all invariants hold'}")
    sys.exit(1 if errs else 0)
