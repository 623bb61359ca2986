"""Build roster.csv and test.jsonl from sources/. Deterministic (stdlib only)."""
import csv, json, os, random, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from common import fold, norm, name_forms, classify_case

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "sources")
N_PUPIL, N_STAFF, N_PARENT = 380, 90, 90
DOMAIN = "humberstreet.hull.sch.uk"

def ascii_local(s):
    return re.sub(r"[^a-z0-9]", "", fold(s).lower())

def load_pools():
    pools, sec = {}, None
    for line in open(os.path.join(SRC, "pools.txt"), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r"\[(\w+)\]$", line)
        if m:
            sec = m.group(1); pools[sec] = []; continue
        pools[sec].extend(line.split())
    pools["nick"] = dict(x.split("=") for x in pools["nick"])
    return pools

def build_roster():
    rng = random.Random(42)
    pools = load_pools()
    people = {"pupil": [], "staff": [], "parent": []}
    seen = set()
    for line in open(os.path.join(SRC, "roster_key.txt"), encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        kind, first, pref, last, _note = line.split("|")
        people[kind].append([first, pref, last])
        seen.add((kind, first, last))
    targets = {"pupil": N_PUPIL, "staff": N_STAFF, "parent": N_PARENT}
    pupil_lasts = sorted({p[2] for p in people["pupil"]} | set(pools["pupil_last"]))
    for kind in ("pupil", "staff", "parent"):
        fpool = pools[kind + "_first"]
        lpool = pools["staff_last"] if kind == "staff" else pupil_lasts
        while len(people[kind]) < targets[kind]:
            f, l = rng.choice(fpool), rng.choice(lpool)
            if (kind, f, l) in seen:
                continue
            seen.add((kind, f, l))
            pref = pools["nick"].get(f, "") if rng.random() < 0.6 else ""
            people[kind].append([f, pref, l])
    rows = []
    codes, emails = set(), set()
    mail_hosts = ["gmail.com", "hotmail.co.uk", "outlook.com", "icloud.com", "yahoo.co.uk"]
    for kind, prefix, width in (("pupil", "P", 4), ("staff", "S", 3), ("parent", "G", 3)):
        for i, (f, pref, l) in enumerate(people[kind], 1):
            pid = f"{prefix}{i:0{width}d}"
            fl, ll = ascii_local(f), ascii_local(l)
            personal = ""
            if kind == "staff":
                base = f"{fl[0]}.{ll}"
                email = base + "@" + DOMAIN
                n = 2
                while email in emails:
                    email = f"{base}{n}@{DOMAIN}"; n += 1
                fa, la = fold(f).upper(), re.sub(r"[^A-Z]", "", fold(l).upper())
                cands = [fa[0] + la[:2], fa[0] + la[0] + la[-1], fa[:2] + la[0]] + [fa[0] + la[0] + c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
                code = next(c for c in cands if c not in codes)
                codes.add(code)
                mis = code
            elif kind == "pupil":
                base = f"{ll}{fl[0]}"
                email = f"{base}{rng.randint(10, 99)}@pupils.{DOMAIN}"
                while email in emails:
                    email = f"{base}{rng.randint(10, 99)}@pupils.{DOMAIN}"
                mis = rng.choice("HKNR") + "".join(str(rng.randint(0, 9)) for _ in range(12))
                if rng.random() < 0.15:
                    personal = f"{fl}{ll}{rng.randint(1, 99)}@{rng.choice(mail_hosts)}"
            else:
                email = f"{fl}.{ll}{rng.randint(1, 999)}@{rng.choice(mail_hosts)}"
                while email in emails:
                    email = f"{fl}.{ll}{rng.randint(1, 999)}@{rng.choice(mail_hosts)}"
                mis = ""
                if rng.random() < 0.25:
                    personal = f"{fl[0]}{ll}{rng.randint(70, 99)}@{rng.choice(mail_hosts)}"
            emails.add(email)
            rows.append([pid, f, pref, l, kind, email, personal, mis])
    with open(os.path.join(ROOT, "roster.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"])
        w.writerows(rows)
    return rows

KMAP = {"p": "pupil", "s": "staff", "g": "parent", "x": None}
MARK = re.compile(r"\{([^{}|]+)\|([psgx])\}")

def parse_line(raw, forms_by_kind, where):
    ambiguous = False
    if raw.startswith("?? "):
        ambiguous, raw = True, raw[3:]
    out, spans, kinds, pos = [], [], set(), 0
    for m in MARK.finditer(raw):
        out.append(raw[pos:m.start()])
        start = sum(len(x) for x in out)
        text, k = m.group(1), m.group(2)
        out.append(text)
        if k == "x":
            spans.append([start, start + len(text), "detector", text])
        else:
            if norm(text) not in forms_by_kind[KMAP[k]]:
                raise SystemExit(f"{where}: '{text}' is not a {KMAP[k]} name form")
            spans.append([start, start + len(text), "directory", text])
            kinds.add(KMAP[k])
        pos = m.end()
    out.append(raw[pos:])
    subject = "".join(out)
    if "{" in subject or "}" in subject:
        raise SystemExit(f"{where}: stray brace")
    return {"subject": subject, "spans": spans, "case": classify_case(subject),
            "kinds": sorted(kinds), "ambiguous": ambiguous}

def main():
    rows = build_roster()
    forms_by_kind = {"pupil": set(), "staff": set(), "parent": set()}
    for r in rows:
        forms_by_kind[r[4]] |= name_forms(r[1], r[2], r[3])
    items = []
    for fn in sorted(os.listdir(os.path.join(SRC, "lines"))):
        path = os.path.join(SRC, "lines", fn)
        for n, raw in enumerate(open(path, encoding="utf-8"), 1):
            raw = raw.rstrip("\n")
            if not raw.strip() or raw.startswith("#"):
                continue
            items.append(parse_line(raw, forms_by_kind, f"{fn}:{n}"))
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
        for it in items:
            fh.write(json.dumps(it, ensure_ascii=False) + "\n")
    print(f"roster {len(rows)} people, test {len(items)} lines")

if __name__ == "__main__":
    main()
