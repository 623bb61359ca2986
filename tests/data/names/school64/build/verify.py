"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems."""
import collections, json, os, re, sys
from common import ROOT, HEADER, TITLES, norm, read_roster, form_index, case_of

errors = []


def err(msg):
    errors.append(msg)


def check_roster():
    header, people = read_roster()
    if header != HEADER:
        err(f"roster header {header}")
    if not 450 <= len(people) <= 650:
        err(f"roster size {len(people)}")
    ids = set()
    pat = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
    codes = set()
    for p in people:
        if p["kind"] not in pat:
            err(f"bad kind {p}"); continue
        if not re.fullmatch(pat[p["kind"]], p["id"]) or p["id"] in ids:
            err(f"bad/duplicate id {p['id']}")
        ids.add(p["id"])
        if not p["first_name"] or not p["last_name"]:
            err(f"missing name {p['id']}")
        if not p["email"] or not p["email"].isascii() or "@" not in p["email"]:
            err(f"bad email {p['id']} {p['email']}")
        for e in filter(None, p["personal_emails"].split(";")):
            if "@" not in e or not e.isascii():
                err(f"bad personal email {p['id']}")
        m = p["mis_ref"]
        if p["kind"] == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", m):
            err(f"bad UPN {p['id']} {m}")
        if p["kind"] == "staff":
            if not re.fullmatch(r"[A-Z]{3}", m) or m in codes:
                err(f"bad staff code {p['id']} {m}")
            codes.add(m)
    for p in people:
        if p["kind"] == "parent" and p["mis_ref"] and p["mis_ref"] not in ids:
            err(f"parent mis_ref not an id {p['id']}")
    return people, codes


def check_tests(people, codes):
    idx = form_index(people)
    path = os.path.join(ROOT, "test.jsonl")
    lines = open(path, encoding="utf-8").read().splitlines()
    if len(lines) != 600:
        err(f"test.jsonl has {len(lines)} lines, expected 600")
    seen, seen_fold, amb = set(), set(), 0
    for n, line in enumerate(lines, 1):
        try:
            r = json.loads(line)
        except ValueError:
            err(f"line {n}: not JSON"); continue
        if set(r) != {"subject", "spans", "case", "kinds", "ambiguous"}:
            err(f"line {n}: keys {sorted(r)}"); continue
        s = r["subject"]
        if not isinstance(s, str) or not s.strip() or s != s.strip():
            err(f"line {n}: bad subject")
        if s in seen:
            err(f"line {n}: duplicate subject {s!r}")
        if s.casefold() in seen_fold and s not in seen:
            err(f"line {n}: duplicate subject (case-folded) {s!r}")
        seen.add(s); seen_fold.add(s.casefold())
        if r["case"] != case_of(s):
            err(f"line {n}: case {r['case']} != {case_of(s)}")
        if not isinstance(r["ambiguous"], bool):
            err(f"line {n}: ambiguous not bool")
        amb += r["ambiguous"]
        prev_end = -1
        allowed = collections.defaultdict(set)
        for sp in r["spans"]:
            if not (isinstance(sp, list) and len(sp) == 4):
                err(f"line {n}: span shape {sp}"); continue
            a, b, label, text = sp
            if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)):
                err(f"line {n}: span bounds {sp}"); continue
            if s[a:b] != text:
                err(f"line {n}: span text mismatch {sp} vs {s[a:b]!r}")
            if a < prev_end:
                err(f"line {n}: spans unsorted/overlapping")
            prev_end = b
            if text != text.strip():
                err(f"line {n}: span has outer whitespace {text!r}")
            if (a > 0 and s[a - 1].isalnum()) or (b < len(s) and s[b].isalnum()):
                err(f"line {n}: span cuts a word {text!r}")
            first_tok = re.split(r"[\s.]+", text)[0].lower()
            if first_tok in TITLES:
                err(f"line {n}: title inside span {text!r}")
            if re.search(r"['\u2019]s$", text, re.I):
                err(f"line {n}: possessive inside span {text!r}")
            if text.upper() in codes and text.isupper() and len(text) == 3 and norm(text) not in idx:
                err(f"line {n}: staff code as span {text!r}")
            key = norm(text)
            if label == "directory":
                if key not in idx:
                    err(f"line {n}: directory span not a roster name form {text!r}")
                else:
                    allowed[key] = idx[key]
            elif label == "detector":
                if key in idx:
                    err(f"line {n}: detector span equals a roster name form {text!r}")
            else:
                err(f"line {n}: bad label {label}")
        kinds = r["kinds"]
        if kinds != sorted(set(kinds)) or any(k not in ("pupil", "staff", "parent") for k in kinds):
            err(f"line {n}: kinds not sorted unique {kinds}")
        if bool(kinds) != bool(allowed):
            err(f"line {n}: kinds {kinds} but directory spans {list(allowed)}")
        for key, ks in allowed.items():
            if not ks & set(kinds):
                err(f"line {n}: span {key!r} can be {sorted(ks)} but kinds {kinds}")
        for k in kinds:
            if not any(k in ks for ks in allowed.values()):
                err(f"line {n}: kind {k} not supported by any span")
    if amb > 10:
        err(f"{amb} ambiguous lines (max 10)")


def main():
    people, codes = check_roster()
    check_tests(people, codes)
    if errors:
        for e in errors[:200]:
            print(e)
        print(f"{len(errors)} problem(s)")
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
