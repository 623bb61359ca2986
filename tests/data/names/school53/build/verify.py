"""Check roster.csv and test.jsonl against every rule of the brief. Standard library only.

Usage: python3 build/verify.py [--warn]   (--warn also lists unspanned single tokens that are roster names)
Prints OK when every check passes, otherwise the errors, and exits 1.
"""
import collections
import csv
import json
import os
import re
import sys
import unicodedata

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "cllr", "rev", "revd", "pc", "ds", "dc",
          "prof", "professor", "fr", "sr", "sgt"}
SPECIAL = {"ł": "l", "Ł": "L", "ı": "i", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ß": "ss",
           "æ": "ae", "Æ": "AE", "’": "'", "‘": "'"}
SMALL = {"a", "an", "and", "the", "of", "for", "to", "in", "on", "at", "w/", "by", "with", "from", "or",
         "vs", "v", "per", "via", "re", "re:", "fw:", "fwd:", "as", "into", "is"}


def fold(s):
    s = "".join(SPECIAL.get(c, c) for c in s)
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def norm(s):
    return re.sub(r"\s+", " ", fold(s).lower()).strip()


def name_forms(first, preferred, last):
    firsts = set()
    for f in (first, preferred):
        if f:
            firsts.add(f)
            if "-" in f:
                firsts |= {f.replace("-", ""), f.replace("-", " ")}
    lasts = {last} if last else set()
    parts = last.split()
    if len(parts) == 2 and parts[0].lower() in ("kaur", "singh"):
        lasts.add(parts[1])
    forms = firsts | lasts
    for f in firsts:
        for l in lasts:
            i = f[0]
            forms |= {f"{f} {l}", f"{l} {f}", f"{l}, {f}", f"{i} {l}", f"{i}. {l}", f"{l} {i}",
                      f"{l}, {i}", f"{l}, {i}.", f"{l} {i}.", f"{f} {l[0]}", f"{f} {l[0]}."}
    return {norm(x) for x in forms}


def case_of(s):
    letters = [c for c in s if c.isalpha()]
    if letters and s == s.upper():
        return "upper"
    if letters and s == s.lower():
        return "lower"
    sig = []
    for tok in s.split():
        t = tok.lstrip("([\"'“‘-–/&+#")
        if not t or not t[0].isalpha() or t.lower() in SMALL:
            continue
        sig.append(t)
    if len(sig) >= 2 and all(t[0].isupper() for t in sig) and any(c.islower() for t in sig for c in t):
        return "title"
    return "sentence"


def main():
    warn = "--warn" in sys.argv
    err = []
    # ---------------- roster
    with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8", newline="") as f:
        rd = csv.reader(f)
        header = next(rd)
        rows = list(rd)
    if header != HEADER:
        err.append(f"roster header {header}")
    ids, emails, codes = set(), set(), set()
    forms = collections.defaultdict(set)      # norm form -> kinds
    full_names = set()
    kind_count = collections.Counter()
    pre = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
    for r in rows:
        if len(r) != 8:
            err.append(f"roster row has {len(r)} fields: {r}")
            continue
        pid, first, pref, last, kind, email, personal, mis = r
        if kind not in pre:
            err.append(f"{pid}: bad kind {kind}")
            continue
        kind_count[kind] += 1
        if not re.fullmatch(pre[kind], pid):
            err.append(f"{pid}: id does not fit kind {kind}")
        if pid in ids:
            err.append(f"duplicate id {pid}")
        ids.add(pid)
        if not first or not last:
            err.append(f"{pid}: missing name")
        if not email.isascii() or not re.fullmatch(r"[a-z0-9.\-_]+@[a-z0-9.\-]+\.[a-z]+", email):
            err.append(f"{pid}: bad email {email!r}")
        if email in emails:
            err.append(f"{pid}: duplicate email")
        emails.add(email)
        for pe in filter(None, personal.split(";")):
            if not re.fullmatch(r"[a-z0-9.\-_]+@[a-z0-9.\-]+\.[a-z]+", pe):
                err.append(f"{pid}: bad personal email {pe!r}")
        if kind == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", mis):
            err.append(f"{pid}: bad UPN {mis!r}")
        if kind == "staff":
            if not re.fullmatch(r"[A-Z]{3}", mis) or mis in codes:
                err.append(f"{pid}: bad/duplicate staff code {mis!r}")
            codes.add(mis)
        if kind == "parent" and mis and mis not in ids and not re.fullmatch(r"P\d{4}", mis):
            err.append(f"{pid}: bad parent mis_ref {mis!r}")
        if pref and pref == first:
            err.append(f"{pid}: preferred name equals first name")
        for x in name_forms(first, pref, last):
            forms[x].add(kind)
        for fn in filter(None, {first, pref}):
            full_names.add(norm(f"{fn} {last}"))
    if not 450 <= len(rows) <= 650:
        err.append(f"roster size {len(rows)} not in 450-650")
    for r in rows:
        if r[4] == "parent" and r[7] and r[7] not in ids:
            err.append(f"{r[0]}: mis_ref {r[7]} is not a roster id")

    # ---------------- test set
    recs = []
    with open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                recs.append((n, json.loads(line)))
            except json.JSONDecodeError as e:
                err.append(f"line {n}: bad json {e}")
    if len(recs) != 600:
        err.append(f"test.jsonl has {len(recs)} lines, expected 600")
    seen = set()
    amb = 0
    word = re.compile(r"\w", re.UNICODE)
    warnings = collections.Counter()
    for n, r in recs:
        if set(r) != {"subject", "spans", "case", "kinds", "ambiguous"}:
            err.append(f"line {n}: keys {sorted(r)}")
            continue
        s = r["subject"]
        if s in seen:
            err.append(f"line {n}: duplicate subject")
        seen.add(s)
        if not isinstance(r["ambiguous"], bool):
            err.append(f"line {n}: ambiguous not bool")
        amb += r["ambiguous"] is True
        if r["case"] != case_of(s):
            err.append(f"line {n}: case {r['case']} but computed {case_of(s)}")
        prev_end = 0
        kinds_possible = []
        for sp in r["spans"]:
            if len(sp) != 4:
                err.append(f"line {n}: span {sp}")
                continue
            a, b, label, text = sp
            if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)):
                err.append(f"line {n}: bad offsets {sp}")
                continue
            if s[a:b] != text:
                err.append(f"line {n}: span text {text!r} != {s[a:b]!r}")
            if a < prev_end:
                err.append(f"line {n}: spans unsorted or overlapping")
            prev_end = b
            if label not in ("directory", "detector"):
                err.append(f"line {n}: bad label {label}")
            if text != text.strip():
                err.append(f"line {n}: span has outer whitespace {text!r}")
            if (a > 0 and word.match(s[a - 1])) or (b < len(s) and word.match(s[b])):
                err.append(f"line {n}: span {text!r} cuts a word")
            toks = text.split()
            if toks and toks[0].rstrip(".").lower() in TITLES:
                err.append(f"line {n}: title inside span {text!r}")
            if re.search(r"['’]s?$", text):
                err.append(f"line {n}: possessive inside span {text!r}")
            key = norm(text)
            if label == "directory":
                if key not in forms:
                    err.append(f"line {n}: {text!r} is not a roster name form")
                else:
                    kinds_possible.append(forms[key])
            elif label == "detector" and key in forms:
                err.append(f"line {n}: detector {text!r} equals a roster name form")
        kinds = r["kinds"]
        if kinds != sorted(set(kinds)) or any(k not in ("pupil", "staff", "parent") for k in kinds):
            err.append(f"line {n}: kinds not sorted unique valid {kinds}")
        for poss in kinds_possible:
            if not poss & set(kinds):
                err.append(f"line {n}: kinds {kinds} miss every kind of a spanned person ({sorted(poss)})")
        for k in kinds:
            if not any(k in poss for poss in kinds_possible):
                err.append(f"line {n}: kind {k} not supported by any span")
        # unspanned roster full names (a missed person) - not checked on ambiguous lines
        if not r["ambiguous"]:
            masked = list(s)
            for sp in r["spans"]:
                for i in range(sp[0], sp[1]):
                    masked[i] = "#"
            rest = norm("".join(masked))
            toks = re.findall(r"[\w'\-]+", rest)
            for i in range(len(toks) - 1):
                if f"{toks[i]} {toks[i + 1]}" in full_names:
                    err.append(f"line {n}: unspanned roster full name {toks[i]} {toks[i + 1]!r} in {s!r}")
            if warn:
                for t in toks:
                    t2 = t[:-2] if t.endswith("'s") else t
                    if t2 in forms and len(t2) > 2:
                        warnings[t2] += 1
    if amb > 10:
        err.append(f"{amb} ambiguous lines (max 10)")
    if warn:
        print("unspanned tokens that are roster name forms:", dict(warnings.most_common()))
    if err:
        print("\n".join(err[:200]))
        print(f"FAILED: {len(err)} errors")
        sys.exit(1)
    print(f"OK: roster {len(rows)} ({dict(kind_count)}), test.jsonl {len(recs)} lines")


if __name__ == "__main__":
    main()
