"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems."""
import collections
import json
import os
import re
import sys

from common import HEADER, ROOT, TITLES, case_of, fold, name_forms, read_roster

problems = []


def bad(msg):
    problems.append(msg)


def check_roster():
    rows = read_roster()
    if rows[0] != HEADER:
        bad("roster header wrong: %r" % rows[0])
    body = rows[1:]
    if not 450 <= len(body) <= 650:
        bad("roster size %d outside 450-650" % len(body))
    ids, emails, codes = set(), set(), set()
    counters = collections.Counter()
    pat = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
    forms_by_kind = collections.defaultdict(set)
    all_forms = set()
    for r in body:
        if len(r) != len(HEADER):
            bad("roster row wrong width: %r" % r)
            continue
        pid, first, pref, last, kind, email, personal, mis = r
        if kind not in pat:
            bad("bad kind %r" % r)
            continue
        counters[kind] += 1
        if not re.fullmatch(pat[kind], pid):
            bad("bad id %s for %s" % (pid, kind))
        if int(pid[1:]) != counters[kind]:
            bad("ids not sequential at %s" % pid)
        if pid in ids:
            bad("duplicate id " + pid)
        ids.add(pid)
        if not first or not last:
            bad("missing name in " + pid)
        if pref == first:
            bad("preferred equals first in " + pid)
        if not email.isascii() or not re.fullmatch(r"[a-z0-9._-]+@[a-z0-9.-]+\.[a-z]+", email):
            bad("bad email %r" % email)
        if email in emails:
            bad("duplicate email " + email)
        emails.add(email)
        if personal:
            for e in personal.split(";"):
                if not e.isascii() or "@" not in e:
                    bad("bad personal email %r" % e)
        if kind == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", mis):
            bad("bad pupil mis_ref %r" % mis)
        if kind == "staff":
            if not re.fullmatch(r"[A-Z]{3}", mis) or mis in codes:
                bad("bad/duplicate staff code %r" % mis)
            codes.add(mis)
        f = name_forms(first, pref, last)
        forms_by_kind[kind] |= f
        all_forms |= f
    for r in body:
        if r[4] == "parent" and r[7] and r[7] not in ids:
            bad("parent mis_ref points nowhere: %r" % r)
    return forms_by_kind, all_forms, counters


def check_test(forms_by_kind, all_forms):
    path = os.path.join(ROOT, "test.jsonl")
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    kinds_path = os.path.join(ROOT, "build", "span_kinds.jsonl")
    with open(kinds_path, encoding="utf-8") as fh:
        span_kinds = [json.loads(x) for x in fh if x.strip()]
    if len(lines) != 600:
        bad("test.jsonl has %d lines, expected 600" % len(lines))
    if len(span_kinds) != len(lines):
        bad("span_kinds.jsonl out of step")
    seen = set()
    seen_fold = set()
    n_amb = 0
    recs = []
    for i, line in enumerate(lines, 1):
        try:
            o = json.loads(line)
        except ValueError:
            bad("line %d not JSON" % i)
            continue
        recs.append(o)
        if set(o) != {"subject", "spans", "case", "kinds", "ambiguous"}:
            bad("line %d keys %r" % (i, sorted(o)))
            continue
        s = o["subject"]
        if not isinstance(s, str) or not s or s != s.strip():
            bad("line %d subject empty/unstripped" % i)
        if s in seen:
            bad("duplicate subject: " + s)
        if s.casefold() in seen_fold and s not in seen:
            bad("duplicate subject (case-insensitive): " + s)
        seen.add(s)
        seen_fold.add(s.casefold())
        sk = span_kinds[i - 1] if i - 1 < len(span_kinds) else {"subject": None}
        if sk["subject"] != s or len(sk["span_kinds"]) != len(o["spans"]):
            bad("line %d span kinds out of step" % i)
            sk = {"span_kinds": [None] * len(o["spans"])}
        prev_end = -1
        kinds = set()
        for sp, kind in zip(o["spans"], sk["span_kinds"]):
            if (not isinstance(sp, list) or len(sp) != 4 or not isinstance(sp[0], int)
                    or not isinstance(sp[1], int)):
                bad("line %d malformed span %r" % (i, sp))
                continue
            a, b, lab, text = sp
            if not (0 <= a < b <= len(s)) or s[a:b] != text:
                bad("line %d span does not index: %r" % (i, sp))
            if a < prev_end:
                bad("line %d spans unsorted/overlapping" % i)
            prev_end = b
            if text != text.strip() or text.endswith(",") or text.endswith("-"):
                bad("line %d span has loose edges %r" % (i, text))
            first_tok = re.split(r"[\s.]+", text.strip())[0].lower()
            if first_tok in TITLES:
                bad("line %d span includes a title: %r" % (i, text))
            if re.search(r"['’]s?$", text):
                bad("line %d span includes a possessive: %r" % (i, text))
            if b < len(s) and (s[b].isalnum()) or (a > 0 and s[a - 1].isalnum()):
                bad("line %d span cuts a word: %r in %r" % (i, text, s))
            key = fold(text)
            if lab == "directory":
                if key not in all_forms:
                    bad("line %d directory span not a roster name form: %r" % (i, text))
                elif kind is None or key not in forms_by_kind[kind]:
                    bad("line %d span %r is not a name form of any %s" % (i, text, kind))
                if kind:
                    kinds.add(kind)
            elif lab == "detector":
                if key in all_forms:
                    bad("line %d detector span equals a roster name form: %r" % (i, text))
                if kind is not None:
                    bad("line %d detector span carries a kind" % i)
            else:
                bad("line %d bad label %r" % (i, lab))
        if o["kinds"] != sorted(kinds):
            bad("line %d kinds %r != %r" % (i, o["kinds"], sorted(kinds)))
        if o["case"] != case_of(s, o["spans"]):
            bad("line %d case %r != %r" % (i, o["case"], case_of(s, o["spans"])))
        if not isinstance(o["ambiguous"], bool):
            bad("line %d ambiguous not bool" % i)
        n_amb += bool(o["ambiguous"])
    if n_amb > 10:
        bad("too many ambiguous lines: %d" % n_amb)
    return recs


def stats(recs):
    named = [r for r in recs if r["spans"]]
    lab = collections.Counter(sp[2] for r in recs for sp in r["spans"])
    case = collections.Counter(r["case"] for r in recs)
    kinds = collections.Counter(k for r in recs for k in r["kinds"])
    det_lines = sum(1 for r in named if any(sp[2] == "detector" for sp in r["spans"]))
    multi = sum(1 for r in recs if len(r["spans"]) >= 2)
    out = collections.OrderedDict()
    out["lines"] = len(recs)
    out["named lines"] = len(named)
    out["negative lines"] = len(recs) - len(named)
    out["spans directory"] = lab["directory"]
    out["spans detector"] = lab["detector"]
    out["lines with a detector span"] = det_lines
    out["lines with 2+ people"] = multi
    out["ambiguous"] = sum(1 for r in recs if r["ambiguous"])
    for c in ("sentence", "lower", "upper", "title"):
        out["case " + c] = case[c]
    for k in ("pupil", "staff", "parent"):
        out["lines naming a " + k] = kinds[k]
    return out


def main():
    forms_by_kind, all_forms, counters = check_roster()
    recs = check_test(forms_by_kind, all_forms)
    if "--stats" in sys.argv:
        print("roster:", dict(counters))
        for k, v in stats(recs).items():
            print("%-28s %d" % (k, v))
    if problems:
        for p in problems[:200]:
            print("PROBLEM:", p)
        print("%d problems" % len(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
