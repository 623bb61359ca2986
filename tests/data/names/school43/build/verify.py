"""Check roster.csv and test.jsonl against every rule of the brief; print stats and OK."""
import csv, json, os, re, sys, unicodedata
from collections import Counter
from common import ROOT, HEADER, TITLES, read_roster, form_index, fold, case_of

errs = []


def err(msg):
    errs.append(msg)


def main():
    header, people = read_roster()
    if header != HEADER:
        err(f"bad header {header}")
    if not 450 <= len(people) <= 650:
        err(f"roster size {len(people)}")
    ids, codes, emails = set(), set(), set()
    pat = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
    for p in people:
        k = p["kind"]
        if k not in pat:
            err(f"bad kind {p}"); continue
        if not re.fullmatch(pat[k], p["id"]) or p["id"] in ids:
            err(f"bad/duplicate id {p['id']}")
        ids.add(p["id"])
        if not p["first_name"] or not p["last_name"]:
            err(f"missing name {p['id']}")
        if not p["email"].isascii() or "@" not in p["email"] or p["email"] in emails:
            err(f"bad email {p['id']} {p['email']}")
        emails.add(p["email"])
        for pe in filter(None, p["personal_emails"].split(";")):
            if "@" not in pe or not pe.isascii():
                err(f"bad personal email {p['id']}")
        m = p["mis_ref"]
        if k == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", m):
            err(f"bad UPN {p['id']} {m}")
        if k == "staff":
            if not re.fullmatch(r"[A-Z]{3}", m) or m in codes:
                err(f"bad staff code {p['id']} {m}")
            codes.add(m)
        if k == "parent" and m and m not in ids and not re.fullmatch(r"P\d{4}", m):
            err(f"bad parent ref {p['id']} {m}")
    kinds_of = form_index(people)

    recs = []
    with open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            recs.append((n, json.loads(line)))
    seen = set()
    for n, r in recs:
        if set(r) != {"subject", "spans", "case", "kinds", "ambiguous"}:
            err(f"{n}: keys {sorted(r)}")
        s = r["subject"]
        if s in seen:
            err(f"{n}: duplicate subject")
        seen.add(s)
        prev_end = 0
        supported = set()
        for sp in r["spans"]:
            a, b, lab, text = sp
            if s[a:b] != text:
                err(f"{n}: span text mismatch {sp}")
            if a < prev_end:
                err(f"{n}: spans unsorted/overlapping")
            prev_end = b
            if text != text.strip() or not text:
                err(f"{n}: whitespace in span {sp}")
            first = re.split(r"[\s.]+", text)[0].lower()
            if first in TITLES:
                err(f"{n}: title inside span {sp}")
            if re.search(r"['\u2019]s$", text, re.I) and fold(text) not in kinds_of:
                err(f"{n}: possessive inside span {sp}")
            # span boundaries must not cut a word
            if a > 0 and s[a - 1].isalnum() or b < len(s) and s[b].isalnum():
                err(f"{n}: span cuts a word {sp}")
            f = fold(text)
            if lab == "directory":
                if f not in kinds_of:
                    err(f"{n}: directory span not a roster name form {sp}")
                else:
                    ks = kinds_of[f] & set(r["kinds"])
                    if not ks:
                        err(f"{n}: no kind in {r['kinds']} for {sp}")
                    supported |= kinds_of[f]
            elif lab == "detector":
                if f in kinds_of:
                    err(f"{n}: detector span equals roster name form {sp}")
            else:
                err(f"{n}: bad label {lab}")
        if r["kinds"] != sorted(set(r["kinds"])) or not set(r["kinds"]) <= supported:
            err(f"{n}: kinds {r['kinds']} not supported")
        if not any(sp[2] == "directory" for sp in r["spans"]) and r["kinds"]:
            err(f"{n}: kinds without directory spans")
        if r["case"] != case_of(s, r["spans"]):
            err(f"{n}: case {r['case']} != {case_of(s, r['spans'])}")
        if r["ambiguous"] not in (True, False):
            err(f"{n}: ambiguous not bool")
    amb = sum(r["ambiguous"] for _, r in recs)
    if amb > 10:
        err(f"too many ambiguous lines: {amb}")

    # stats
    named = [r for _, r in recs if r["spans"]]
    lab = Counter(sp[2] for _, r in recs for sp in r["spans"])
    kinds = Counter(k for r in named for k in r["kinds"])
    print(f"roster: {len(people)} {dict(Counter(p['kind'] for p in people))}")
    print(f"lines: {len(recs)}  named: {len(named)}  negative: {len(recs) - len(named)}  ambiguous: {amb}")
    print(f"spans: {dict(lab)}  lines with detector: {sum(1 for r in named if any(s[2]=='detector' for s in r['spans']))}")
    print(f"multi-person lines: {sum(1 for r in named if len(r['spans']) >= 2)}")
    print(f"case: {dict(Counter(r['case'] for _, r in recs))}")
    print(f"kinds (lines naming each): {dict(kinds)}")
    if errs:
        print("\n".join(errs[:50]))
        print(f"FAILED ({len(errs)} errors)")
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
