#!/usr/bin/env python3
"""Re-check every invariant of roster.csv and test.jsonl. Exit 1 on any error."""
import csv, json, os, re, sys
from common import ROOT, load_roster, name_index, norm, case_style, forms

HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
KEYS = ["subject", "spans", "case", "kinds", "ambiguous"]
TITLES = {"mr", "mrs", "ms", "miss", "dr", "fr", "sr", "father", "sister", "canon", "deacon", "pc", "mx", "prof", "rev"}

def main():
    errs, warns = [], []
    with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    if header != HEADER:
        errs.append(f"roster header {header}")
    roster = load_roster()
    ids, emails = set(), set()
    pat = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
    for r in roster:
        k = r["kind"]
        if k not in pat:
            errs.append(f"{r['id']}: bad kind {k}"); continue
        if not re.fullmatch(pat[k], r["id"]) or r["id"] in ids:
            errs.append(f"{r['id']}: bad/duplicate id")
        ids.add(r["id"])
        e = r["email"].lower()
        if e in emails:
            errs.append(f"{r['id']}: duplicate email {e}")
        emails.add(e)
        if not r["first_name"] or not r["last_name"]:
            errs.append(f"{r['id']}: missing name")
        if k == "pupil":
            if not re.fullmatch(r"\d{2}[a-z][a-z]+\d*@pupils\.[a-z.]+", e):
                errs.append(f"{r['id']}: pupil email {e}")
            if not re.fullmatch(r"[A-Z]\d{12}", r["mis_ref"]):
                errs.append(f"{r['id']}: UPN {r['mis_ref']}")
        elif k == "staff":
            if not re.fullmatch(r"[a-z]+\.[a-z]+@[a-z.]+", e) or "@pupils." in e:
                errs.append(f"{r['id']}: staff email {e}")
            if not re.fullmatch(r"[A-Z]{3}", r["mis_ref"]):
                errs.append(f"{r['id']}: staff code {r['mis_ref']}")
        else:
            if r["mis_ref"]:
                errs.append(f"{r['id']}: parent has mis_ref")
            if "olwcat" in e:
                errs.append(f"{r['id']}: parent has a school address")
        for pe in filter(None, r["personal_emails"].split(";")):
            if "@" not in pe:
                errs.append(f"{r['id']}: personal email {pe}")
    codes = [r["mis_ref"] for r in roster if r["kind"] == "staff"]
    if len(codes) != len(set(codes)):
        errs.append("duplicate staff codes")

    idx = name_index(roster)
    full = {}
    for r in roster:
        for f in (r["first_name"], r["preferred_name"]):
            if f:
                full.setdefault(norm(f"{f} {r['last_name']}"), r)
    seen = set()
    n_amb = 0
    for i, line in enumerate(open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8"), 1):
        try:
            rec = json.loads(line)
        except Exception as ex:
            errs.append(f"line {i}: bad json {ex}"); continue
        if list(rec) != KEYS:
            errs.append(f"line {i}: keys {list(rec)}"); continue
        s, spans = rec["subject"], rec["spans"]
        if not isinstance(s, str) or not s or s != s.strip():
            errs.append(f"line {i}: bad subject")
        if s in seen:
            errs.append(f"line {i}: duplicate subject {s!r}")
        seen.add(s)
        if re.search(r"\|[psgd]\]", s):
            errs.append(f"line {i}: markup left in {s!r}")
        if rec["case"] not in ("sentence", "title", "lower", "upper"):
            errs.append(f"line {i}: case {rec['case']}")
        elif rec["case"] != case_style(s, spans):
            errs.append(f"line {i}: case {rec['case']} != {case_style(s, spans)}")
        if not isinstance(rec["ambiguous"], bool):
            errs.append(f"line {i}: ambiguous not bool")
        n_amb += rec["ambiguous"]
        prev_end = -1
        possible = []
        has_dir = False
        for sp in spans:
            if not (isinstance(sp, list) and len(sp) == 4 and isinstance(sp[0], int) and isinstance(sp[1], int)):
                errs.append(f"line {i}: span shape {sp}"); continue
            a, b, tag, text = sp
            if not (0 <= a < b <= len(s)) or s[a:b] != text:
                errs.append(f"line {i}: offsets {sp} vs {s!r}")
            if a < prev_end:
                errs.append(f"line {i}: spans overlap/unsorted")
            prev_end = b
            if text != text.strip() or text[-1] in ",;:-'" or text[0] in ",;:-'.":
                errs.append(f"line {i}: span edge {text!r}")
            key = norm(text)
            if key.split()[0].rstrip(".") in TITLES:
                errs.append(f"line {i}: title inside span {text!r}")
            if key.endswith("'s"):
                errs.append(f"line {i}: possessive inside span {text!r}")
            if a > 0 and s[a - 1].isalnum():
                errs.append(f"line {i}: span starts mid-word {text!r}")
            if tag == "directory":
                has_dir = True
                kinds = {r["kind"] for r in idx.get(key, [])}
                if not kinds:
                    errs.append(f"line {i}: directory span {text!r} matches nobody")
                possible.append(kinds)
            elif tag == "detector":
                if key in idx:
                    errs.append(f"line {i}: detector span {text!r} is on the roster")
            else:
                errs.append(f"line {i}: tag {tag}")
        kinds = rec["kinds"]
        if kinds != sorted(set(kinds)) or any(k not in ("pupil", "staff", "parent") for k in kinds):
            errs.append(f"line {i}: kinds not sorted/distinct {kinds}")
        if bool(kinds) != has_dir:
            errs.append(f"line {i}: kinds {kinds} vs directory spans")
        for ks in possible:
            if ks and not (ks & set(kinds)):
                errs.append(f"line {i}: no kind in {kinds} fits a span ({ks})")
        for k in kinds:
            if not any(k in ks for ks in possible):
                errs.append(f"line {i}: kind {k} fits no span")
        # warn: an unmarked full roster name
        masked = list(s)
        for a, b, *_ in spans:
            for j in range(a, b):
                masked[j] = "#"
        toks = re.findall(r"[^\W\d_][\w'\-]*", "".join(masked))
        for t1, t2 in zip(toks, toks[1:]):
            if norm(f"{t1} {t2}") in full:
                warns.append(f"line {i}: unmarked roster full name {t1} {t2!r} in {s!r}")
    if n_amb > 12:
        errs.append(f"too many ambiguous lines: {n_amb}")
    for w in warns:
        print("WARN", w)
    for e in errs:
        print("ERROR", e)
    print(f"verify: {len(seen)} lines, {len(roster)} roster rows, {len(errs)} errors, {len(warns)} warnings")
    sys.exit(1 if errs else 0)

if __name__ == "__main__":
    main()
