"""Build roster.csv and test.jsonl from ../sources. Deterministic, stdlib only."""
import csv
import glob
import hashlib
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import fold, norm, name_forms, case_style  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "sources")
DOMAIN = "stosmundbarrow.org.uk"
KIND = {"p": "pupil", "s": "staff", "g": "parent"}


def read_people(fname):
    out = []
    for line in open(os.path.join(SRC, fname), encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("|")
        first, last = parts[0].strip(), parts[1].strip()
        pref = parts[2].strip() if len(parts) > 2 else ""
        out.append((first, pref, last))
    return out


def ascii_slug(s):
    return re.sub(r"[^a-z0-9]", "", fold(s).lower())


def h(s, n):
    return int(hashlib.sha256(s.encode("utf-8")).hexdigest(), 16) % n


def build_roster():
    rows = []
    used_email = set()

    def uniq(local, dom):
        e, i = f"{local}@{dom}", 2
        while e in used_email:
            e = f"{local}{i}@{dom}"
            i += 1
        used_email.add(e)
        return e

    hosts = ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "icloud.com", "live.co.uk"]
    letters = "ABCDEFGHJKLMNPRTUVWXYZ"
    for i, (f, p, l) in enumerate(read_people("roster_pupils.txt"), 1):
        key = f"P{i:04d}{f}{l}"
        intake = 19 + h(key, 7)
        email = uniq(f"{intake}{ascii_slug(f)}.{ascii_slug(l)}", "pupils." + DOMAIN)
        pers = ""
        if h(key + "pe", 6) == 0:
            pers = f"{ascii_slug(p or f)}{ascii_slug(l)}{h(key, 90) + 10}@{hosts[h(key, len(hosts))]}"
        mis = letters[h(key + "l", len(letters))] + f"{h(key + 'n', 10**12):012d}"
        rows.append([f"P{i:04d}", f, p, l, "pupil", email, pers, mis])
    codes = set()
    for i, (f, p, l) in enumerate(read_people("roster_staff.txt"), 1):
        email = uniq(f"{ascii_slug(f)[0]}.{ascii_slug(l)}", DOMAIN)
        fa, la = fold(f).upper(), re.sub(r"[^A-Z]", "", fold(l).upper())
        cands = [fa[0] + la[:2]] + [fa[0] + la[0] + c for c in la[2:]] + [fa[:2] + la[0]] + \
                [fa[0] + la[0] + c for c in "ABCDEFGHJKLMNPRSTUVWXYZ"]
        code = next(c for c in cands if c not in codes)
        codes.add(code)
        rows.append([f"S{i:03d}", f, p, l, "staff", email, "", code])
    for i, (f, p, l) in enumerate(read_people("roster_parents.txt"), 1):
        key = f"G{i:03d}{f}{l}"
        email = uniq(f"{ascii_slug(p or f)}.{ascii_slug(l)}{h(key, 80) + 10}", hosts[h(key, len(hosts))])
        pers = ""
        if h(key + "2", 4) == 0:
            pers = f"{ascii_slug(l)}family@{hosts[h(key + 'h', len(hosts))]}"
        mis = f"C{10000 + h(key, 89999)}" if h(key + "m", 3) else ""
        rows.append([f"G{i:03d}", f, p, l, "parent", email, pers, mis])
    return rows


SPAN_RE = re.compile(r"\[\[(.+?)\|([psg]+)\]\]|<<(.+?)>>")


def parse_lines():
    out = []
    for path in sorted(glob.glob(os.path.join(SRC, "lines_*.txt"))):
        for ln, raw in enumerate(open(path, encoding="utf-8"), 1):
            raw = raw.rstrip("\n")
            if not raw.strip() or raw.startswith("#"):
                continue
            amb = False
            if raw.startswith("?? "):
                amb, raw = True, raw[3:]
            subject, spans, kinds, pos = "", [], set(), 0
            for m in SPAN_RE.finditer(raw):
                subject += raw[pos:m.start()]
                if m.group(1) is not None:
                    text = m.group(1)
                    spans.append([len(subject), len(subject) + len(text), "directory", text])
                    for k in m.group(2):
                        kinds.add(KIND[k])
                else:
                    text = m.group(3)
                    spans.append([len(subject), len(subject) + len(text), "detector", text])
                subject += text
                pos = m.end()
            subject += raw[pos:]
            if "[[" in subject or "<<" in subject or "]]" in subject or ">>" in subject:
                raise SystemExit(f"bad markup {path}:{ln}: {raw}")
            out.append({"subject": subject, "spans": spans, "case": case_style(subject),
                        "kinds": sorted(kinds), "ambiguous": amb,
                        "_src": f"{os.path.basename(path)}:{ln}"})
    return out


def main():
    rows = build_roster()
    with open(os.path.join(ROOT, "roster.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"])
        w.writerows(rows)
    # check markup kinds against roster while building
    forms = {}
    for r in rows:
        for f in name_forms(r[1], r[2], r[3]):
            forms.setdefault(f, set()).add(r[4])
    lines = parse_lines()
    errs = 0
    for d in lines:
        for s, e, lab, t in d["spans"]:
            if lab == "directory":
                ks = forms.get(norm(t), set())
                if not ks:
                    print("NOT ON ROSTER:", d["_src"], t, "|", d["subject"]); errs += 1
            else:
                if norm(t) in forms:
                    print("DETECTOR COLLIDES:", d["_src"], t, "|", d["subject"]); errs += 1
        dk = set()
        for s, e, lab, t in d["spans"]:
            if lab == "directory":
                dk |= forms.get(norm(t), set())
        if not set(d["kinds"]) <= dk:
            print("KIND MISMATCH:", d["_src"], d["kinds"], dk, d["subject"]); errs += 1
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
        for d in lines:
            d = {k: v for k, v in d.items() if not k.startswith("_")}
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(f"roster {len(rows)}  lines {len(lines)}  errors {errs}")


if __name__ == "__main__":
    main()
