#!/usr/bin/env python3
"""Re-check every invariant of roster.csv and test.jsonl. Exit status 1 on any error."""
import csv, json, re, sys
from collections import Counter
from common import Directory, ROSTER, TEST, HEADER, TITLES, infer_case, norm

DOMAIN = "ravensfield.org.uk"
errors, warnings = [], []


def err(msg):
    errors.append(msg)


# phrases that are never persons: no span may fall inside one (except on ambiguous lines)
NOT_PERSON = ["Jack Petchey", "Jack Wills", "Ted Baker", "St Mark's", "Duke of Edinburgh", "Peter Pan",
              "Anne Frank", "Marie Curie", "Florence Nightingale", "Martin Luther King", "Shakespeare",
              "Brontë", "Bronte", "Priestley House", "Lister House", "Hepworth House", "Sports Hall",
              "Stanley Park", "Mo Farah", "Leah Williamson", "Jessica Ennis-Hill", "Ben Stokes",
              "Grace Nichols", "Isaac Newton", "Darwin", "White Rose", "Prince's Trust", "King's Trust",
              "King's Cross", "Sky Sports", "Chester Zoo", "Mark scheme", "Rich text", "Grace period",
              "Joy of reading", "Summer term", "Summer fair", "Hope you", "Hope this", "Will do",
              "Will someone", "WILL BE", "Florence Hall", "Baker Days", "Gift Aid", "Lake District",
              "Elland Road", "Sixth Form", "The Hub", "Honour roll", "Amber warning", "Price list",
              "Power cut", "Ray diagrams", "Black History", "Young Carers", "Green Flag"]


def check_roster():
    with open(ROSTER, newline="", encoding="utf-8") as fh:
        rd = csv.reader(fh)
        header = next(rd)
        rows = list(rd)
    if header != HEADER:
        err(f"roster header {header}")
    ids, emails, codes = set(), set(), set()
    kinds = Counter()
    pref = Counter()
    for r in rows:
        if len(r) != len(HEADER):
            err(f"roster row width {r}")
            continue
        p = dict(zip(HEADER, r))
        k = p["kind"]
        kinds[k] += 1
        if p["id"] in ids:
            err(f"duplicate id {p['id']}")
        ids.add(p["id"])
        if not p["first_name"] or not p["last_name"]:
            err(f"{p['id']}: missing name")
        if p["preferred_name"] and p["preferred_name"] == p["first_name"]:
            err(f"{p['id']}: preferred name equals first name")
        if p["preferred_name"]:
            pref[k] += 1
        e = p["email"]
        if e in emails:
            err(f"duplicate email {e}")
        emails.add(e)
        if k == "pupil":
            if not re.fullmatch(r"P\d{4}", p["id"]):
                err(f"pupil id {p['id']}")
            if not re.fullmatch(r"\d{2}[a-z]{2,}\d*@pupils\." + re.escape(DOMAIN), e):
                err(f"pupil email {e}")
            if not re.fullmatch(r"[A-Z]\d{12}", p["mis_ref"]):
                err(f"pupil mis_ref {p['mis_ref']}")
        elif k == "staff":
            if not re.fullmatch(r"S\d{3}", p["id"]):
                err(f"staff id {p['id']}")
            if not re.fullmatch(r"[a-z]\.[a-z]+\d*@" + re.escape(DOMAIN), e):
                err(f"staff email {e}")
            if not re.fullmatch(r"[A-Z]{3}", p["mis_ref"]) or p["mis_ref"] in codes:
                err(f"staff code {p['mis_ref']}")
            codes.add(p["mis_ref"])
        elif k == "parent":
            if not re.fullmatch(r"G\d{3}", p["id"]):
                err(f"parent id {p['id']}")
            if DOMAIN in e or "@" not in e:
                err(f"parent email {e}")
            if p["mis_ref"]:
                err(f"parent with mis_ref {p['id']}")
            if p["personal_emails"]:
                err(f"parent with personal_emails {p['id']}")
        else:
            err(f"bad kind {k}")
        if p["personal_emails"]:
            for x in p["personal_emails"].split(";"):
                if not re.fullmatch(r"[^@\s;]+@[^@\s;]+\.[a-z.]+", x):
                    err(f"personal email {x!r}")
    for k, lo, hi in (("pupil", 380, 460), ("staff", 95, 125), ("parent", 100, 140)):
        if not lo <= kinds[k] <= hi:
            err(f"{kinds[k]} {k}s outside {lo}-{hi}")
    if kinds["pupil"] and not 0.08 <= pref["pupil"] / kinds["pupil"] <= 0.18:
        warnings.append(f"pupil preferred-name rate {pref['pupil'] / kinds['pupil']:.1%}")
    return rows


def check_test():
    d = Directory()
    keys = ["subject", "spans", "case", "kinds", "ambiguous"]
    seen, folded = set(), Counter()
    n_amb = 0
    mismatched_case = 0
    with open(TEST, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    if lines[-1] == "":
        lines.pop()
    for i, line in enumerate(lines, 1):
        try:
            r = json.loads(line)
        except ValueError as ex:
            err(f"line {i}: bad JSON {ex}")
            continue
        if list(r) != keys:
            err(f"line {i}: keys {list(r)}")
            continue
        s = r["subject"]
        where = f"line {i} {s!r}"
        if not isinstance(s, str) or not s or s != s.strip():
            err(f"{where}: bad subject")
        if s in seen:
            err(f"{where}: duplicate subject")
        seen.add(s)
        folded[s.casefold()] += 1
        if r["case"] not in ("sentence", "title", "lower", "upper"):
            err(f"{where}: case {r['case']}")
        if not isinstance(r["ambiguous"], bool):
            err(f"{where}: ambiguous not bool")
        n_amb += r["ambiguous"]
        if not isinstance(r["kinds"], list) or r["kinds"] != sorted(set(r["kinds"])) or \
                not set(r["kinds"]) <= {"pupil", "staff", "parent"}:
            err(f"{where}: kinds {r['kinds']}")
        spans = r["spans"]
        if not isinstance(spans, list):
            err(f"{where}: spans not a list")
            continue
        prev_end = -1
        possible_kinds = []
        for sp in spans:
            if not (isinstance(sp, list) and len(sp) == 4 and isinstance(sp[0], int) and isinstance(sp[1], int)
                    and sp[2] in ("directory", "detector") and isinstance(sp[3], str)):
                err(f"{where}: malformed span {sp}")
                continue
            a, b, typ, text = sp
            if not (0 <= a < b <= len(s)) or s[a:b] != text:
                err(f"{where}: offsets {sp} do not match text")
                continue
            if a < prev_end:
                err(f"{where}: spans unsorted or overlapping")
            prev_end = b
            if text != text.strip():
                err(f"{where}: span whitespace {text!r}")
            first = text.split()[0].rstrip(".").lower()
            if first in TITLES and len(text.split()) > 1:
                err(f"{where}: title inside span {text!r}")
            if re.search(r"['\u2019][sS]$", text):
                err(f"{where}: possessive inside span {text!r}")
            if text[-1] in ",;:-" or (text[-1] == "." and not re.search(r"\b\w\.$", text)):
                err(f"{where}: trailing punctuation in span {text!r}")
            if a > 0 and s[a - 1].isalnum():
                err(f"{where}: span starts inside a word {text!r}")
            if b < len(s) and s[b].isalnum():
                # only an apostrophe-less possessive ("seuns laptop") may follow a name directly
                if not (s[b] in "sS" and (b + 1 == len(s) or not s[b + 1].isalnum())):
                    err(f"{where}: span ends inside a word {text!r}")
            if typ == "directory":
                hits = d.lookup(text)
                if not hits:
                    err(f"{where}: directory span {text!r} not on roster")
                possible_kinds.append({p["kind"] for p in hits})
            else:
                why = d.detector_clash(text)
                if why:
                    err(f"{where}: detector span {text!r} {why}")
            if not r["ambiguous"]:
                for ph in NOT_PERSON:
                    for m in re.finditer(re.escape(ph), s, re.I):
                        if a < m.end() and m.start() < b:
                            err(f"{where}: span {text!r} inside non-person phrase {ph!r}")
        ks = set(r["kinds"])
        if bool(ks) != bool(possible_kinds):
            err(f"{where}: kinds {r['kinds']} vs directory spans")
        for pk in possible_kinds:
            if not pk & ks:
                err(f"{where}: a directory span has none of kinds {r['kinds']}")
        for k in ks:
            if not any(k in pk for pk in possible_kinds):
                err(f"{where}: kind {k} not possible for any span")
        if infer_case(s, spans) != r["case"]:
            mismatched_case += 1
    if n_amb > 10:
        err(f"{n_amb} ambiguous lines (max 10)")
    for k, v in folded.items():
        if v > 1:
            warnings.append(f"subjects differing only in case: {k!r}")
    if mismatched_case:
        warnings.append(f"{mismatched_case} lines whose hand-set case differs from the automatic guess")
    return len(lines)


def main():
    rows = check_roster()
    n = check_test()
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("ERROR:", e)
    print(f"roster: {len(rows)} people; test: {n} lines; {len(errors)} errors, {len(warnings)} warnings")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
