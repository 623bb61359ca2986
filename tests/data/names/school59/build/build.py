"""Build roster.csv and test.jsonl from the hand-written sources. Deterministic."""
import csv
import hashlib
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import fold, case_of  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "sources")
DOMAIN = "wearmouthbridge.org.uk"


def rows(name):
    out = []
    with open(os.path.join(SRC, name), encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            out.append([c.strip() for c in line.split("|")])
    return out


def ascii_slug(s):
    return re.sub(r"[^a-z]", "", fold(s).lower())


def digits(seed, n):
    h = hashlib.sha256(seed.encode("utf-8")).hexdigest()
    return str(int(h, 16))[:n].rjust(n, "0")


FORMS = {7: ["7AB", "7CY", "7NH", "7RW"], 8: ["8JWa", "8DB", "8HP", "8KN"],
         9: ["9KH", "9SW", "9MT", "9GB"], 10: ["10SR", "10KL", "10JSw", "10PH"],
         11: ["11LMc", "11DB", "11HSt", "11CG"]}


def build_roster():
    people = []
    # staff
    for i, (code, title, first, pref, last, role) in enumerate(rows("staff.txt"), 1):
        email = f"{ascii_slug(first)[0]}.{ascii_slug(last)}@{DOMAIN}"
        people.append(dict(id=f"S{i:03d}", first_name=first, preferred_name=pref, last_name=last,
                           kind="staff", email=email, personal_emails="", mis_ref=code))
    # pupils: hand-written core + filler from pools
    pupils = [(f, p, l, int(y)) for f, p, l, y in rows("pupils.txt")]
    pools = {}
    cur = None
    with open(os.path.join(SRC, "pupil_pools.txt"), encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("["):
                cur = line.strip("[]")
                pools[cur] = []
                continue
            for w in line.split():
                if w not in pools[cur]:
                    pools[cur].append(w)
    seen = {(f, l) for f, _, l, _ in pupils}
    F, L = pools["first"], pools["last"]
    k = 0
    while len(pupils) < 400:
        f = F[(k * 7) % len(F)]
        l = L[(k * 11 + 3) % len(L)]
        y = 7 + (k % 5)
        k += 1
        if (f, l) in seen:
            continue
        seen.add((f, l))
        pupils.append((f, "", l, y))
    used_emails = set()
    by_name = {}
    for i, (first, pref, last, year) in enumerate(pupils, 1):
        entry = 2025 - (year - 7) - 0
        base = f"{str(entry)[2:]}{ascii_slug(last)}{ascii_slug(first)[0]}"
        email, n = base, 1
        while email in used_emails:
            n += 1
            email = f"{base}{n}"
        used_emails.add(email)
        pers = ""
        if i % 9 == 0:
            pers = f"{ascii_slug(first)}{ascii_slug(last)[:4]}{digits(first + last, 2)}@gmail.com"
        pid = f"P{i:04d}"
        letter = "ABCDEFGHJKLMNPRTUVWXYZ"[int(digits(pid, 3)) % 22]
        people.append(dict(id=pid, first_name=first, preferred_name=pref, last_name=last,
                           kind="pupil", email=f"{email}@pupils.{DOMAIN}", personal_emails=pers,
                           mis_ref=letter + digits("upn" + pid, 12)))
        by_name[f"{first} {last}"] = pid
    # parents
    for i, (title, first, last, child) in enumerate(rows("parents.txt"), 1):
        if child not in by_name:
            raise SystemExit(f"parent child not found: {child}")
        host = ["hotmail.co.uk", "gmail.com", "outlook.com", "yahoo.co.uk", "icloud.com"][i % 5]
        email = f"{ascii_slug(first)}.{ascii_slug(last)}{digits(first + last, 2)}@{host}"
        pers = ""
        if i % 4 == 0:
            pers = f"{ascii_slug(first)[0]}{ascii_slug(last)}@btinternet.com"
        people.append(dict(id=f"G{i:03d}", first_name=first, preferred_name="", last_name=last,
                           kind="parent", email=email, personal_emails=pers, mis_ref=by_name[child]))
    cols = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
    with open(os.path.join(ROOT, "roster.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        for p in people:
            w.writerow(p)
    return people


MARK = re.compile(r"\{([PSGD]):([^{}]+)\}")
KIND = {"P": "pupil", "S": "staff", "G": "parent"}


def build_lines():
    out = []
    with open(os.path.join(SRC, "lines.txt"), encoding="utf-8") as fh:
        for n, raw in enumerate(fh, 1):
            raw = raw.rstrip("\n")
            if not raw.strip() or raw.startswith("#"):
                continue
            amb = False
            if raw.startswith("?? "):
                amb = True
                raw = raw[3:]
            subject, spans, kinds, pos = "", [], set(), 0
            for m in MARK.finditer(raw):
                subject += raw[pos:m.start()]
                tag, text = m.group(1), m.group(2)
                start = len(subject)
                subject += text
                spans.append([start, len(subject), "detector" if tag == "D" else "directory", text])
                if tag != "D":
                    kinds.add(KIND[tag])
                pos = m.end()
            subject += raw[pos:]
            if "{" in subject or "}" in subject:
                raise SystemExit(f"bad markup line {n}: {raw}")
            out.append({"subject": subject, "spans": spans, "case": case_of(subject),
                        "kinds": sorted(kinds), "ambiguous": amb, "_kinds_by_span":
                        [KIND.get(t) for t, _ in MARK.findall(raw)]})
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
        for o in out:
            o = {k: v for k, v in o.items() if not k.startswith("_")}
            fh.write(json.dumps(o, ensure_ascii=False) + "\n")
    # side file used by verify.py to check each directory span against the intended kind
    with open(os.path.join(ROOT, "build", "span_kinds.json"), "w", encoding="utf-8") as fh:
        json.dump([o["_kinds_by_span"] for o in out], fh, ensure_ascii=False)
    return out


if __name__ == "__main__":
    ppl = build_roster()
    lines = build_lines()
    print(f"roster {len(ppl)} people, {len(lines)} lines")
