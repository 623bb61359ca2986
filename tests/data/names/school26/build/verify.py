"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems."""
import collections, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import TITLES, case_of, fold, form_index, load_roster

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
errs = []


def err(msg):
    errs.append(msg)


def check_roster():
    with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8") as fh:
        head = fh.readline().rstrip("\n").split(",")
    if head != HEADER:
        err("roster header wrong: %r" % head)
    rows = load_roster(os.path.join(ROOT, "roster.csv"))
    if not 450 <= len(rows) <= 650:
        err("roster size %d" % len(rows))
    ids, emails, codes = set(), set(), set()
    pat = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
    for r in rows:
        k = r["kind"]
        if k not in pat:
            err("bad kind %r" % k); continue
        if not re.fullmatch(pat[k], r["id"]):
            err("bad id %s for %s" % (r["id"], k))
        if r["id"] in ids:
            err("dup id " + r["id"])
        ids.add(r["id"])
        if not r["first_name"] or not r["last_name"]:
            err("missing name " + r["id"])
        e = r["email"]
        if not e.isascii() or not re.fullmatch(r"[a-z0-9.'_-]+@[a-z0-9.-]+\.[a-z]+", e):
            err("bad email %s %r" % (r["id"], e))
        if e in emails:
            err("dup email " + e)
        emails.add(e)
        if r["personal_emails"]:
            for pe in r["personal_emails"].split(";"):
                if not pe.isascii() or "@" not in pe:
                    err("bad personal email %s" % r["id"])
        m = r["mis_ref"]
        if k == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", m):
            err("bad UPN " + r["id"])
        if k == "staff":
            if not re.fullmatch(r"[A-Z]{3}", m) or m in codes:
                err("bad/dup staff code " + r["id"])
            codes.add(m)
        if k == "parent" and m and m not in ids and not re.fullmatch(r"P\d{4}", m):
            err("bad parent ref " + r["id"])
    pupil_ids = {r["id"] for r in rows if r["kind"] == "pupil"}
    for r in rows:
        if r["kind"] == "parent" and r["mis_ref"] and r["mis_ref"] not in pupil_ids:
            err("parent ref to unknown pupil " + r["id"])
    return rows


def check_test(rows):
    idx = form_index(rows)
    seen = set()
    n = 0
    for ln, line in enumerate(open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8"), 1):
        n += 1
        r = json.loads(line)
        if set(r) != {"subject", "spans", "case", "kinds", "ambiguous"}:
            err("%d keys %r" % (ln, sorted(r)))
            continue
        s = r["subject"]
        key = s.strip().lower()
        if key in seen:
            err("%d duplicate subject %r" % (ln, s))
        seen.add(key)
        if r["case"] != case_of(s, r["spans"]):
            err("%d case %s != %s" % (ln, r["case"], case_of(s, r["spans"])))
        if not isinstance(r["ambiguous"], bool):
            err("%d ambiguous not bool" % ln)
        prev_end = -1
        possible = []
        for sp in r["spans"]:
            st, en, lab, text = sp
            if s[st:en] != text:
                err("%d span text mismatch %r" % (ln, sp)); continue
            if st < prev_end:
                err("%d spans unsorted/overlapping" % ln)
            prev_end = en
            if text != text.strip() or not text:
                err("%d span whitespace %r" % (ln, text))
            toks = text.split()
            if len(toks) > 1 and toks[0].lower().rstrip(".") in TITLES:
                err("%d title inside span %r" % (ln, text))
            if re.search(r"['\u2019]s$", text, re.I):
                err("%d possessive inside span %r" % (ln, text))
            if st > 0 and (s[st - 1].isalnum()) or en < len(s) and s[en].isalnum():
                err("%d span cuts a word %r" % (ln, text))
            f = fold(text)
            if lab == "directory":
                if f not in idx:
                    err("%d directory span not a roster name form: %r" % (ln, text))
                else:
                    possible.append(idx[f])
            elif lab == "detector":
                if f in idx:
                    err("%d detector span equals a roster name form: %r" % (ln, text))
            else:
                err("%d bad label %r" % (ln, lab))
        kinds = r["kinds"]
        if kinds != sorted(set(kinds)) or any(k not in ("pupil", "staff", "parent") for k in kinds):
            err("%d kinds malformed %r" % (ln, kinds))
        if bool(kinds) != bool(possible):
            err("%d kinds %r but %d directory spans" % (ln, kinds, len(possible)))
        union = set().union(*possible) if possible else set()
        if not set(kinds) <= union:
            err("%d kinds %r not supported by spans %r" % (ln, kinds, union))
        for p in possible:
            if not p & set(kinds):
                err("%d a span's kinds %r missing from kinds %r" % (ln, p, kinds))
    if n != 600:
        err("test.jsonl has %d lines (want 600)" % n)


def main():
    rows = check_roster()
    check_test(rows)
    if errs:
        for e in errs[:200]:
            print(e)
        print("%d problems" % len(errs))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
