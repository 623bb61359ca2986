"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems."""
import csv, json, os, re, sys
from collections import Counter
from common import ROOT, HEADER, TITLES, fold, name_forms, case_of, load_roster, form_index

errs = []


def err(msg):
    errs.append(msg)


def check_roster():
    with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8", newline="") as fh:
        r = csv.reader(fh)
        header = next(r)
        body = list(r)
    if header != HEADER:
        err(f"bad header {header}")
    rows = load_roster()
    if not 450 <= len(rows) <= 650:
        err(f"roster size {len(rows)}")
    ids, emails, codes = set(), set(), set()
    counters = {"pupil": 0, "staff": 0, "parent": 0}
    pre = {"pupil": ("P", 4), "staff": ("S", 3), "parent": ("G", 3)}
    for row in rows:
        k = row["kind"]
        if k not in pre:
            err(f"bad kind {row}")
            continue
        counters[k] += 1
        p, n = pre[k]
        if row["id"] != f"{p}{counters[k]:0{n}d}":
            err(f"bad id {row['id']}")
        if row["id"] in ids:
            err(f"dup id {row['id']}")
        ids.add(row["id"])
        if not row["first_name"] or not row["last_name"]:
            err(f"missing name {row['id']}")
        e = row["email"]
        if not e.isascii() or not re.fullmatch(r"[a-z0-9.]+@[a-z0-9.]+", e):
            err(f"bad email {e}")
        if e in emails:
            err(f"dup email {e}")
        emails.add(e)
        for pe in filter(None, row["personal_emails"].split(";")):
            if not pe.isascii() or "@" not in pe:
                err(f"bad personal email {pe}")
        m = row["mis_ref"]
        if k == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", m):
            err(f"bad upn {m}")
        if k == "staff":
            if not re.fullmatch(r"[A-Z]{3}", m) or m in codes:
                err(f"bad/dup staff code {m}")
            codes.add(m)
        if k == "parent" and m and m not in {x["id"] for x in rows}:
            err(f"parent mis_ref not an id {m}")
        if row["preferred_name"] == row["first_name"]:
            err(f"preferred == first {row['id']}")
    return rows


def check_tests(rows):
    idx = form_index(rows)
    codes = {r["mis_ref"] for r in rows if r["kind"] == "staff"}
    seen = set()
    recs = []
    with open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            try:
                rec = json.loads(line)
            except ValueError:
                err(f"line {n}: bad json")
                continue
            recs.append(rec)
            if set(rec) != {"subject", "spans", "case", "kinds", "ambiguous"}:
                err(f"line {n}: keys {sorted(rec)}")
            s = rec["subject"]
            key = fold(s)
            if key in seen:
                err(f"line {n}: duplicate subject {s!r}")
            seen.add(key)
            if s != s.strip() or not s:
                err(f"line {n}: whitespace/empty")
            if rec["case"] != case_of(s):
                err(f"line {n}: case {rec['case']} != {case_of(s)}")
            if not isinstance(rec["ambiguous"], bool):
                err(f"line {n}: ambiguous not bool")
            kinds = set()
            last_end = -1
            for sp in rec["spans"]:
                if len(sp) != 4:
                    err(f"line {n}: span shape {sp}")
                    continue
                a, b, lab, text = sp
                if s[a:b] != text:
                    err(f"line {n}: span {sp} indexes {s[a:b]!r}")
                if a < last_end or a >= b:
                    err(f"line {n}: unsorted/overlap {sp}")
                last_end = b
                if a > 0 and s[a - 1].isalnum():
                    err(f"line {n}: span starts mid-word {sp}")
                if b < len(s) and s[b].isalnum():
                    err(f"line {n}: span ends mid-word {sp}")
                if text != text.strip():
                    err(f"line {n}: span whitespace {sp}")
                first = re.split(r"[\s.]+", fold(text))[0]
                if first in TITLES and len(text.split()) > 1:
                    err(f"line {n}: title inside span {sp}")
                if re.search(r"['’]s$", text, re.I) and fold(text) not in idx:
                    err(f"line {n}: possessive inside span {sp}")
                if re.search(r"['’]s\b", text[-2:].lower()) and b < len(s):
                    pass
                if text in codes:
                    err(f"line {n}: staff code as span {sp}")
                f = fold(text)
                if lab == "directory":
                    if f not in idx:
                        err(f"line {n}: directory span not a roster name form {text!r}")
                    else:
                        kinds |= idx[f]
                elif lab == "detector":
                    if f in idx:
                        err(f"line {n}: detector span equals roster name form {text!r}")
                else:
                    err(f"line {n}: bad label {lab}")
            if not set(rec["kinds"]) <= kinds or rec["kinds"] != sorted(set(rec["kinds"])):
                err(f"line {n}: kinds {rec['kinds']} not supported by spans ({sorted(kinds)})")
            if any(sp[2] == "directory" for sp in rec["spans"]) and not rec["kinds"]:
                err(f"line {n}: directory spans but no kinds")
            if not any(sp[2] == "directory" for sp in rec["spans"]) and rec["kinds"]:
                err(f"line {n}: kinds without directory spans")
    if len(recs) != 600:
        err(f"test has {len(recs)} lines, want 600")
    if sum(r["ambiguous"] for r in recs) > 10:
        err("more than 10 ambiguous lines")
    return recs


def main():
    rows = check_roster()
    check_tests(rows)
    if errs:
        for e in errs[:200]:
            print(e)
        print(f"{len(errs)} problems")
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
