"""Build roster.csv and test.jsonl from the hand-written files in sources/.
Standard library only; deterministic."""
import csv
import glob
import hashlib
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import fold, key, form_index, case_of  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "sources")
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]


def slug(s):
    return re.sub(r"[^a-z]", "", fold(s).lower())


def upn(i):
    h = hashlib.sha256(("firshill-upn-%d" % i).encode()).hexdigest()
    digits = str(int(h, 16))[:12]
    return "ABCDEFGHJKLMNPRTUVWXYZ"[i % 22] + digits


def lines_of(path):
    with open(path, encoding="utf-8") as fh:
        for ln in fh:
            ln = ln.rstrip("\n")
            if ln.strip() and not ln.lstrip().startswith("#"):
                yield ln


def build_roster():
    rows, used_emails = [], set()

    def uniq(e):
        base, dom = e.split("@")
        cand, n = e, 1
        while cand in used_emails:
            n += 1
            cand = "%s%d@%s" % (base, n, dom)
        used_emails.add(cand)
        return cand

    pid = 0
    pupils_by_name = {}
    for ln in lines_of(os.path.join(SRC, "pupils.txt")):
        last, firsts = ln.split(":", 1)
        last = last.strip()
        for f in firsts.split(","):
            f = f.strip()
            first, _, pref = f.partition("/")
            pid += 1
            i = "P%04d" % pid
            email = uniq("%s%s@pupils.firshillvale.org.uk" % (slug(first)[:1] + slug(last), ""))
            pers = ""
            if pid % 9 == 4:
                pers = "%s%s%02d@gmail.com" % (slug(pref or first), slug(last)[:4], (pid * 7) % 100)
            rows.append([i, first, pref, last, "pupil", email, pers, upn(pid)])
            full = first + " " + last
            if full in pupils_by_name:
                raise SystemExit("duplicate pupil " + full)
            pupils_by_name[full] = i
    sid = 0
    codes = set()
    for ln in lines_of(os.path.join(SRC, "staff.txt")):
        code, first, pref, last, _role = ln.split("|")
        assert code not in codes, code
        codes.add(code)
        sid += 1
        email = uniq("%s.%s@firshillvale.org.uk" % (slug(pref or first), slug(last)))
        rows.append(["S%03d" % sid, first, pref, last, "staff", email, "", code.upper()])
    gid = 0
    for ln in lines_of(os.path.join(SRC, "parents.txt")):
        first, pref, last, child, extra = ln.split("|")
        gid += 1
        dom = ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk"][gid % 4]
        email = uniq("%s.%s%d@%s" % (slug(first), slug(last), 70 + gid % 25, dom))
        pers = ""
        if extra.strip() == "y":
            pers = "%s%s@%s" % (slug(pref or first)[:1], slug(last), ["hotmail.com", "gmail.com", "icloud.com"][gid % 3])
        ref = pupils_by_name.get(child, "") if gid % 5 != 0 else ""
        if child and child not in pupils_by_name:
            raise SystemExit("unknown child " + child)
        rows.append(["G%03d" % gid, first, pref, last, "parent", email, pers, ref])
    with open(os.path.join(ROOT, "roster.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    return [dict(zip(HEADER, r)) for r in rows]


TOKEN = re.compile(r"\{([^{}|]+)(?:\|([psg]))?\}|<([^<>]+)>")
KMAP = {"p": "pupil", "s": "staff", "g": "parent"}


def parse(raw, idx, where):
    amb = False
    if raw.startswith("?? "):
        amb, raw = True, raw[3:]
    out, spans, kinds, pos = [], [], set(), 0
    for m in TOKEN.finditer(raw):
        out.append(raw[pos:m.start()])
        start = sum(len(x) for x in out)
        if m.group(3) is not None:
            text = m.group(3)
            if key(text) in idx:
                raise SystemExit("%s: detector text is a roster name form: %r" % (where, text))
            spans.append([start, start + len(text), "detector", text])
        else:
            text = m.group(1)
            ks = idx.get(key(text))
            if not ks:
                raise SystemExit("%s: not a roster name form: %r" % (where, text))
            if m.group(2):
                k = KMAP[m.group(2)]
                if k not in ks:
                    raise SystemExit("%s: %r is not a %s" % (where, text, k))
            elif len(ks) == 1:
                k = next(iter(ks))
            else:
                raise SystemExit("%s: %r matches kinds %s, annotate" % (where, text, sorted(ks)))
            kinds.add(k)
            spans.append([start, start + len(text), "directory", text])
        out.append(text)
        pos = m.end()
    out.append(raw[pos:])
    subject = "".join(out)
    if any(c in subject for c in "{}<>"):
        raise SystemExit("%s: stray markup in %r" % (where, raw))
    return {"subject": subject, "spans": spans, "case": case_of(subject),
            "kinds": sorted(kinds), "ambiguous": amb}


def main():
    roster = build_roster()
    idx = form_index(roster)
    recs, seen, errors = [], set(), []
    for path in sorted(glob.glob(os.path.join(SRC, "lines_*.txt"))):
        for n, raw in enumerate(lines_of(path), 1):
            where = "%s:%d" % (os.path.basename(path), n)
            try:
                rec = parse(raw, idx, where)
            except SystemExit as e:
                errors.append(str(e))
                continue
            if rec["subject"] in seen:
                errors.append("%s: duplicate subject %r" % (where, rec["subject"]))
            seen.add(rec["subject"])
            recs.append(rec)
    if errors:
        raise SystemExit("\n".join(errors))
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("roster %d people, %d lines" % (len(roster), len(recs)))


if __name__ == "__main__":
    main()
