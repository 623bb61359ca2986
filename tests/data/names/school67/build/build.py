"""Build roster.csv and test.jsonl from ../sources. Deterministic."""
import csv, hashlib, json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from common import fold, norm, name_forms, case_of

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "sources")


def read_rows(name):
    out = []
    with open(os.path.join(SRC, name), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            out.append([x.strip() for x in line.split(";")])
    return out


def ascii_slug(s):
    return re.sub(r"[^a-z0-9]", "", fold(s))


def digits(key, n):
    h = hashlib.sha256(key.encode()).hexdigest()
    return str(int(h, 16))[:n].rjust(n, "0")


def pools():
    sec, out = None, {}
    with open(os.path.join(SRC, "pupil_pools.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            m = re.match(r"\[(\w+)\]", line)
            if m:
                sec = m.group(1); out[sec] = []
            else:
                out[sec].extend(line.split())
    return out


def build_roster():
    people = []
    pupils = [(a, b, c) for a, b, c in read_rows("pupils.txt")]
    seen = {(a, c) for a, b, c in pupils}
    p = pools()
    combos = [("first", "last", 190), ("eastern_first", "eastern_last", 35), ("kurdish_first", "kurdish_last", 25)]
    for fk, lk, want in combos:
        F, L = p[fk], p[lk]
        i = 0
        got = 0
        while got < want:
            f = F[(i * 7) % len(F)]
            l = L[(i * 11 + i // len(F)) % len(L)]
            i += 1
            if (f, l) in seen:
                continue
            # Polish/Lithuanian feminine surnames for girls
            if fk == "eastern_first" and f in ("Oliwia", "Zuzanna", "Wiktoria", "Amelia", "Paulina", "Natalia"):
                l = re.sub(r"ski$", "ska", l)
                l = re.sub(r"cki$", "cka", l)
            if fk == "eastern_first" and f in ("Gabija", "Ugnė", "Emilija", "Ieva"):
                l = re.sub(r"as$", "aitė", l).replace("ius", "iūtė").replace("is$", "ytė")
                l = re.sub(r"is$", "ytė", l)
                l = re.sub(r"us$", "utė", l)
            if (f, l) in seen:
                continue
            seen.add((f, l))
            pupils.append((f, "", l))
            got += 1
    emails = set()
    for n, (f, pref, l) in enumerate(pupils, 1):
        pid = f"P{n:04d}"
        year = 7 + (n * 3) % 5
        intake = 2025 - (year - 7)
        base = f"{str(intake)[2:]}{ascii_slug(l)}{ascii_slug(f)[0]}"
        e, k = base, 1
        while e in emails:
            k += 1; e = f"{base}{k}"
        emails.add(e)
        pe = ""
        if n % 9 == 0:
            pe = f"{ascii_slug(pref or f)}{ascii_slug(l)}{digits(pid, 2)}@hotmail.co.uk"
        upn = "HJKLMNPR"[n % 8] + digits("upn" + pid, 12)
        people.append(dict(id=pid, first_name=f, preferred_name=pref, last_name=l, kind="pupil",
                           email=f"{e}@pupils.humberreach.org.uk", personal_emails=pe, mis_ref=upn))
    codes = set()
    for n, (f, pref, l, role) in enumerate(read_rows("staff.txt"), 1):
        sid = f"S{n:03d}"
        L = re.sub(r"[^A-Z]", "", fold(l).upper())
        F = fold(f)[0].upper()
        cands = [F + L[:2], F + L[0] + L[-1], F + L[1:3]] + [F + L[0] + c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
        code = next(c for c in cands if c not in codes and len(c) == 3)
        codes.add(code)
        people.append(dict(id=sid, first_name=f, preferred_name=pref, last_name=l, kind="staff",
                           email=f"{ascii_slug(f)[0]}.{ascii_slug(l)}@humberreach.org.uk", personal_emails="",
                           mis_ref=code))
    by_name = {f"{p['first_name']} {p['last_name']}": p["id"] for p in people if p["kind"] == "pupil"}
    for n, (f, pref, l, child) in enumerate(read_rows("parents.txt"), 1):
        gid = f"G{n:03d}"
        dom = ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "icloud.com"][n % 5]
        e = f"{ascii_slug(pref or f)}.{ascii_slug(l)}{digits(gid, 2)}@{dom}"
        pe = ""
        if n % 4 == 0:
            pe = f"{ascii_slug(f)}{ascii_slug(l)}@{['gmail.com', 'hotmail.com'][n % 2]}"
        people.append(dict(id=gid, first_name=f, preferred_name=pref, last_name=l, kind="parent",
                           email=e, personal_emails=pe, mis_ref=by_name[child] if n % 3 else ""))
    return people


SPAN_RE = re.compile(r"\[\[(.+?)\|([psg])\]\]|\{\{(.+?)\}\}")
KIND = {"p": "pupil", "s": "staff", "g": "parent"}


def parse_line(raw):
    amb = False
    if raw.startswith("?? "):
        amb, raw = True, raw[3:]
    out, spans, kinds, pos = [], [], set(), 0
    for m in SPAN_RE.finditer(raw):
        out.append(raw[pos:m.start()])
        start = sum(len(x) for x in out)
        if m.group(1) is not None:
            text, lab = m.group(1), "directory"
            kinds.add(KIND[m.group(2)])
        else:
            text, lab = m.group(3), "detector"
        out.append(text)
        spans.append([start, start + len(text), lab, text])
        pos = m.end()
    out.append(raw[pos:])
    subject = "".join(out)
    return dict(subject=subject, spans=spans, case=case_of(subject), kinds=sorted(kinds), ambiguous=amb)


def build_lines():
    rows = []
    for name in sorted(os.listdir(os.path.join(SRC, "lines"))):
        with open(os.path.join(SRC, "lines", name), encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                rows.append(parse_line(line))
    return rows


def main():
    people = build_roster()
    with open(os.path.join(ROOT, "roster.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames="id,first_name,preferred_name,last_name,kind,email,personal_emails,mis_ref".split(","),
                           lineterminator="\n")
        w.writeheader()
        for p in people:
            w.writerow(p)
    rows = build_lines()
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"roster {len(people)} people, {len(rows)} lines")


if __name__ == "__main__":
    main()
