"""Check roster.csv and test.jsonl against the brief's rules. Prints OK or the problems."""
import collections
import csv
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import TITLES, case_style, fold, name_forms

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
errors = []


def err(msg):
    errors.append(msg)


def check_roster():
    forms = collections.defaultdict(set)  # folded form -> kinds
    with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if rows[0] != HEADER:
        err("bad header")
    ids, emails, codes = set(), set(), set()
    prefix = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
    for r in rows[1:]:
        if len(r) != 8:
            err(f"roster row width {r}")
            continue
        pid, first, pref, last, kind, email, personal, mis = r
        if kind not in prefix or not re.fullmatch(prefix[kind], pid):
            err(f"bad id/kind {pid} {kind}")
        if pid in ids:
            err(f"dup id {pid}")
        ids.add(pid)
        if not email.isascii() or "@" not in email or email in emails:
            err(f"bad email {pid} {email}")
        emails.add(email)
        for pe in filter(None, personal.split(";")):
            if "@" not in pe or not pe.isascii():
                err(f"bad personal email {pid}")
        if kind == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", mis):
            err(f"bad UPN {pid} {mis}")
        if kind == "staff":
            if not re.fullmatch(r"[A-Z]{3}", mis) or mis in codes:
                err(f"bad staff code {pid} {mis}")
            codes.add(mis)
        if kind == "parent" and mis and mis not in ids:
            err(f"parent mis_ref not an id {pid}")
        if not first or not last:
            err(f"missing name {pid}")
        for form in name_forms(first, pref, last):
            forms[form].add(kind)
    n = len(rows) - 1
    if not 450 <= n <= 650:
        err(f"roster size {n}")
    return forms


def check_test(forms):
    seen = set()
    count = 0
    with open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            count += 1
            r = json.loads(line)
            if set(r) != {"subject", "spans", "case", "kinds", "ambiguous"}:
                err(f"{ln}: keys")
            s = r["subject"]
            if s in seen:
                err(f"{ln}: duplicate subject {s!r}")
            seen.add(s)
            prev_end = -1
            possible = set()
            for sp in r["spans"]:
                st, en, label, text = sp
                if s[st:en] != text:
                    err(f"{ln}: span text mismatch {sp}")
                if st < prev_end:
                    err(f"{ln}: spans overlap/unsorted")
                prev_end = en
                if text != text.strip() or not text:
                    err(f"{ln}: whitespace in span {text!r}")
                if (st > 0 and s[st - 1].isalnum()) or (en < len(s) and s[en].isalnum()):
                    err(f"{ln}: span not on word boundary {text!r}")
                toks = text.replace(".", " ").split()
                if toks and toks[0].lower() in TITLES:
                    err(f"{ln}: title inside span {text!r}")
                if re.search(r"['’]s$", text, re.I):
                    err(f"{ln}: possessive inside span {text!r}")
                k = forms.get(fold(text))
                if label == "directory":
                    if not k:
                        err(f"{ln}: directory span not a roster name form {text!r}")
                    else:
                        possible |= k
                elif label == "detector":
                    if k:
                        err(f"{ln}: detector span equals roster name form {text!r}")
                else:
                    err(f"{ln}: bad label {label}")
            kinds = r["kinds"]
            if kinds != sorted(set(kinds)):
                err(f"{ln}: kinds not sorted unique")
            if not set(kinds) <= possible:
                err(f"{ln}: kinds {kinds} not supported by spans {possible}")
            has_dir = any(sp[2] == "directory" for sp in r["spans"])
            if has_dir and not kinds:
                err(f"{ln}: directory spans but no kinds")
            for sp in r["spans"]:
                if sp[2] == "directory" and kinds and not (forms.get(fold(sp[3]), set()) & set(kinds)):
                    err(f"{ln}: span {sp[3]!r} fits none of kinds {kinds}")
            if r["case"] != case_style(s, r["spans"]):
                err(f"{ln}: case {r['case']} != {case_style(s, r['spans'])}")
            if r["case"] == "upper" and any(c.islower() for t in s.split() if not any(d.isdigit() for d in t) for c in t):
                err(f"{ln}: upper with lower letters")
            if not isinstance(r["ambiguous"], bool):
                err(f"{ln}: ambiguous not bool")
    if count != 600:
        err(f"test.jsonl has {count} lines, expected 600")


def main():
    forms = check_roster()
    check_test(forms)
    if errors:
        for e in errors[:200]:
            print(e)
        print(f"{len(errors)} problem(s)")
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
