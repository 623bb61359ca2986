#!/usr/bin/env python3
"""Build roster.csv, test.jsonl and README.md from the hand-written sources. Deterministic, stdlib only."""
import csv
import glob
import hashlib
import io
import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SRC = os.path.join(ROOT, "sources")
sys.path.insert(0, HERE)
from common import ascii_fold, fold, name_forms, case_of, TITLES  # noqa: E402

TARGET = {"pupil": 400, "staff": 100, "parent": 100}


def h(s, n=12):
    return int(hashlib.md5(s.encode()).hexdigest(), 16) % (10 ** n)


def slug(s):
    return re.sub(r"[^a-z]", "", ascii_fold(s).lower())


def read_pools():
    pools, cur = {}, None
    for line in open(os.path.join(SRC, "roster_pools.txt"), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            cur = line.strip("[]")
            pools[cur] = {}
            continue
        key, vals = line.split(":", 1)
        pools[cur][key.strip()] = [v.strip() for v in vals.split(",") if v.strip()]
    return pools


def build_roster():
    people = []  # dicts
    keys = {}
    for line in open(os.path.join(SRC, "roster_people.txt"), encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        kind, first, pref, last, note = line.split("|")
        people.append({"kind": kind, "first": first, "preferred": pref, "last": last, "note": note})
    pools = read_pools()
    seen = {fold(p["first"] + " " + p["last"]) for p in people}
    # filler pupils
    groups = ["scottish", "pakistani", "roma", "polish", "arabic", "eastasian", "african", "afghan_ukr", "sikh", "scottish"]
    filler_pupils = {g: [] for g in pools if g != "staff"}
    npupils = sum(1 for p in people if p["kind"] == "pupil")
    passes = [(7, 3), (19, 5), (13, 1), (17, 2)]
    cands = []
    for mult, off in passes:
        for g in groups:
            fs, ls = pools[g]["first"], pools[g]["last"]
            for i, f in enumerate(fs):
                cands.append((g, f, ls[(i * mult + off) % len(ls)]))
    order = sorted(range(len(cands)), key=lambda k: (k % 5, k))
    for k in order:
        if npupils >= TARGET["pupil"]:
            break
        g, f, l = cands[k]
        if fold(f + " " + l) in seen:
            continue
        seen.add(fold(f + " " + l))
        p = {"kind": "pupil", "first": f, "preferred": "", "last": l, "note": "", "group": g}
        people.append(p)
        filler_pupils[g].append(p)
        npupils += 1
    # filler staff
    nstaff = sum(1 for p in people if p["kind"] == "staff")
    fs, ls = pools["staff"]["first"], pools["staff"]["last"]
    i = 0
    while nstaff < TARGET["staff"]:
        f, l = fs[i % len(fs)], ls[(i * 7 + 3) % len(ls)]
        i += 1
        if fold(f + " " + l) in seen:
            continue
        seen.add(fold(f + " " + l))
        people.append({"kind": "staff", "first": f, "preferred": "", "last": l, "note": ""})
        nstaff += 1
    # assign pupil ids now so that filler parents can link
    pid = sid = gid = 0
    for p in people:
        if p["kind"] == "pupil":
            pid += 1
            p["id"] = f"P{pid:04d}"
            if p["note"]:
                keys[p["note"]] = p["id"]
        elif p["kind"] == "staff":
            sid += 1
            p["id"] = f"S{sid:03d}"
    # filler parents
    nparents = sum(1 for p in people if p["kind"] == "parent")
    for g in ["scottish", "pakistani", "roma", "sikh", "polish", "arabic", "eastasian", "african", "afghan_ukr"]:
        kids = filler_pupils[g]
        for j, f in enumerate(pools[g].get("parents", [])):
            if nparents >= TARGET["parent"] or not kids:
                break
            kid = kids[(j * 3) % len(kids)]
            people.append({"kind": "parent", "first": f, "preferred": "", "last": kid["last"],
                           "note": "", "link": kid["id"]})
            nparents += 1
    for p in people:
        if p["kind"] == "parent":
            gid += 1
            p["id"] = f"G{gid:03d}"
            if p["note"]:
                p["link"] = keys[p["note"]]
    # emails, refs
    used_emails, used_codes = set(), set()
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    domains = ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "icloud.com", "hotmail.com"]
    for n, p in enumerate(people):
        f, l = slug(p["first"]), slug(p["last"])
        if p["kind"] == "pupil":
            yy = 19 + h(p["id"], 3) % 6
            base = f"gw{yy}{l}{f}"
            dom = "glow.sch.uk"
        elif p["kind"] == "staff":
            base = f"{f}.{l}"
            dom = "southside-academy.glasgow.sch.uk"
        else:
            base = f"{f}{l}{h(p['id'], 2):02d}"
            dom = domains[h(p["id"] + "d", 3) % len(domains)]
        e, k = f"{base}@{dom}", 2
        while e in used_emails:
            e, k = f"{base}{k}@{dom}", k + 1
        used_emails.add(e)
        p["email"] = e
        pe = []
        if p["kind"] == "parent" and h(p["id"] + "x", 2) % 3 == 0:
            pe.append(f"{l}.{f}@{domains[h(p['id'] + 'y', 2) % len(domains)]}")
        if p["kind"] == "pupil" and h(p["id"] + "x", 2) % 8 == 0:
            pe.append(f"{f}{l}{h(p['id'], 3) % 100}@gmail.com")
        p["personal_emails"] = ";".join(pe)
        if p["kind"] == "pupil":
            p["mis_ref"] = letters[h(p["id"], 4) % len(letters)] + f"{h(p['id'] + 'upn'):012d}"
        elif p["kind"] == "staff":
            fa, la = ascii_fold(p["first"]).upper(), re.sub(r"[^A-Z]", "", ascii_fold(p["last"]).upper())
            tries = [fa[0] + la[:2]] + [fa[0] + la[0] + c for c in la[1:]] + \
                    [fa[0] + a + b for a in la for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
            code = next(t for t in tries if t not in used_codes)
            used_codes.add(code)
            p["mis_ref"] = code
        else:
            p["mis_ref"] = p.get("link", "")
    order = {"pupil": 0, "staff": 1, "parent": 2}
    people.sort(key=lambda p: (order[p["kind"]], p["id"]))
    return people


def write_roster(people):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"])
    for p in people:
        w.writerow([p["id"], p["first"], p["preferred"], p["last"], p["kind"], p["email"],
                    p["personal_emails"], p["mis_ref"]])
    with open(os.path.join(ROOT, "roster.csv"), "w", encoding="utf-8", newline="") as fh:
        fh.write(buf.getvalue())


MARK = re.compile(r"<<(.+?)>>|\{\{(.+?)\}\}")
KINDCODE = {"p": "pupil", "s": "staff", "g": "parent"}


def parse_lines(people):
    index = {}
    for p in people:
        for f in name_forms(p["first"], p["preferred"], p["last"]):
            index.setdefault(f, []).append(p)
    out, errors = [], []
    files = sorted(glob.glob(os.path.join(SRC, "lines", "*.txt")))
    for fn in files:
        for ln, raw in enumerate(open(fn, encoding="utf-8"), 1):
            raw = raw.rstrip("\n")
            if not raw.strip() or raw.startswith("#"):
                continue
            where = f"{os.path.basename(fn)}:{ln}"
            amb = False
            if raw.startswith("?? "):
                amb, raw = True, raw[3:]
            subj, spans, kinds = "", [], set()
            pos = 0
            for m in MARK.finditer(raw):
                subj += raw[pos:m.start()]
                pos = m.end()
                if m.group(1) is not None:
                    body = m.group(1)
                    ann = None
                    if "|" in body:
                        body, ann = body.split("|", 1)
                    start = len(subj)
                    subj += body
                    if body.split()[0].lower().rstrip(".") in TITLES or re.search(r"['’]s$", body):
                        errors.append(f"{where}: title/possessive inside span {body!r}")
                    cands = index.get(fold(body), [])
                    if not cands:
                        errors.append(f"{where}: directory span not on roster: {body!r}")
                        continue
                    if ann:
                        if ann in KINDCODE:
                            ks = {KINDCODE[ann]}
                            if not any(c["kind"] in ks for c in cands):
                                errors.append(f"{where}: {body!r} has no {ann}")
                        else:
                            hit = [c for c in cands if c["id"] == ann]
                            if not hit:
                                errors.append(f"{where}: {body!r} is not {ann}")
                            ks = {c["kind"] for c in hit}
                    else:
                        ks = {c["kind"] for c in cands}
                        if len(ks) > 1:
                            errors.append(f"{where}: {body!r} ambiguous kinds {sorted(ks)}; annotate")
                    kinds |= ks
                    spans.append([start, len(subj), "directory", body])
                else:
                    body = m.group(2)
                    if body.split()[0].lower().rstrip(".") in TITLES or re.search(r"['’]s$", body):
                        errors.append(f"{where}: title/possessive inside span {body!r}")
                    start = len(subj)
                    subj += body
                    if fold(body) in index:
                        errors.append(f"{where}: detector span is a roster name form: {body!r}")
                    spans.append([start, len(subj), "detector", body])
            subj += raw[pos:]
            if "<<" in subj or "{{" in subj or ">>" in subj or "}}" in subj:
                errors.append(f"{where}: stray markup")
            out.append({"subject": subj, "spans": spans, "case": case_of(subj),
                        "kinds": sorted(kinds), "ambiguous": amb, "_where": where})
    subs = Counter(o["subject"] for o in out)
    for o in out:
        if subs[o["subject"]] > 1:
            errors.append(f"{o['_where']}: duplicate subject {o['subject']!r}")
    return out, errors


def stats(lines):
    c = Counter()
    for o in lines:
        named = bool(o["spans"])
        c["lines"] += 1
        c["named" if named else "negative"] += 1
        c["case_" + o["case"]] += 1
        for s in o["spans"]:
            c["span_" + s[2]] += 1
        if any(s[2] == "detector" for s in o["spans"]):
            c["lines_with_detector"] += 1
        if any(s[2] == "directory" for s in o["spans"]):
            c["lines_with_directory"] += 1
        if len(o["spans"]) >= 2:
            c["multi_person"] += 1
        for k in o["kinds"]:
            c["kind_" + k] += 1
        if o["ambiguous"]:
            c["ambiguous"] += 1
    n, named = c["lines"], max(c["named"], 1)
    rows = [
        ("Lines", n, ""),
        ("Named lines (>=1 span)", c["named"], f"{100*c['named']/n:.1f}%"),
        ("Negative lines (no span)", c["negative"], f"{100*c['negative']/n:.1f}%"),
        ("Spans: directory", c["span_directory"], ""),
        ("Spans: detector", c["span_detector"], ""),
        ("Lines with a directory span", c["lines_with_directory"], ""),
        ("Lines with a detector span", c["lines_with_detector"], f"{100*c['lines_with_detector']/named:.1f}% of named"),
        ("Lines with 2+ people", c["multi_person"], ""),
        ("Case: sentence", c["case_sentence"], f"{100*c['case_sentence']/n:.1f}%"),
        ("Case: lower", c["case_lower"], f"{100*c['case_lower']/n:.1f}%"),
        ("Case: upper", c["case_upper"], f"{100*c['case_upper']/n:.1f}%"),
        ("Case: title", c["case_title"], f"{100*c['case_title']/n:.1f}%"),
        ("Lines naming a pupil", c["kind_pupil"], f"{100*c['kind_pupil']/named:.1f}% of named"),
        ("Lines naming staff", c["kind_staff"], f"{100*c['kind_staff']/named:.1f}% of named"),
        ("Lines naming a parent", c["kind_parent"], f"{100*c['kind_parent']/named:.1f}% of named"),
        ("Ambiguous lines", c["ambiguous"], ""),
    ]
    return "| Measure | Count | Share |\n|---|---:|---:|\n" + "\n".join(f"| {a} | {b} | {s} |" for a, b, s in rows)


def main():
    people = build_roster()
    write_roster(people)
    lines, errors = parse_lines(people)
    if errors:
        print("\n".join(errors))
        print(f"{len(errors)} errors")
        sys.exit(1)
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8", newline="\n") as fh:
        for o in lines:
            o = {k: v for k, v in o.items() if not k.startswith("_")}
            fh.write(json.dumps(o, ensure_ascii=False) + "\n")
    kc = Counter(p["kind"] for p in people)
    roster_stats = f"{len(people)} people: {kc['pupil']} pupils, {kc['staff']} staff, {kc['parent']} parents"
    st = stats(lines)
    tmpl = open(os.path.join(SRC, "README.template.md"), encoding="utf-8").read()
    readme = tmpl.replace("@@STATS@@", st).replace("@@ROSTER@@", roster_stats)
    with open(os.path.join(ROOT, "README.md"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write(readme)
    print(roster_stats)
    print(st)


if __name__ == "__main__":
    main()
