"""Build roster.csv and test.jsonl from ../sources. Deterministic, standard library only."""
import csv, json, os, re, sys
from common import fold, norm, name_forms, case_of

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SRC = os.path.join(ROOT, "sources")
DOMAINS = ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "icloud.com", "btinternet.com"]


def read_rows(name):
    out = []
    for line in open(os.path.join(SRC, name), encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        out.append([x.strip() for x in line.split("|")])
    return out


def read_pools():
    pools, cur = {}, None
    for line in open(os.path.join(SRC, "pools.txt"), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            cur = line.strip("[]"); pools[cur] = {}
        else:
            k, v = line.split(":", 1)
            pools[cur][k.strip()] = [x.strip() for x in v.split(",")]
    return pools


def slug(s):
    return re.sub(r"[^a-z0-9]", "", fold(s).lower())


def build_roster():
    pools = read_pools()
    people = []  # dicts
    seen = set()
    for f, p, l in read_rows("pupils.txt"):
        people.append(dict(kind="pupil", first_name=f, preferred_name=p, last_name=l, group="x"))
        seen.add((f, l))
    quotas = [("british", 168), ("nepali", 36), ("polish", 20), ("other", 34)]
    for g, q in quotas:
        fs, ls = pools[g]["firsts"], pools[g]["lasts"]
        i = n = 0
        while n < q:
            f = fs[(i * 7 + 3) % len(fs)]; l = ls[(i * 13 + i // len(ls)) % len(ls)]
            i += 1
            if (f, l) in seen:
                continue
            seen.add((f, l)); n += 1
            people.append(dict(kind="pupil", first_name=f, preferred_name="", last_name=l, group=g))
    pupils = [x for x in people]
    staff = [dict(kind="staff", first_name=f, preferred_name=p, last_name=l, group="x") for f, p, l, _ in read_rows("staff.txt")]
    fs, ls = pools["staff"]["firsts"], pools["staff"]["lasts"]
    for i in range(90 - len(staff)):
        staff.append(dict(kind="staff", first_name=fs[(i * 11) % len(fs)], preferred_name="", last_name=ls[i % len(ls)], group="staff"))
    parents = []
    for f, p, l in read_rows("parents.txt"):
        child = next((x for x in pupils if x["last_name"] == l), None)
        parents.append(dict(kind="parent", first_name=f, preferred_name=p, last_name=l, group="x", child=child))
    used = {id(x["child"]) for x in parents if x.get("child")}
    pq = [("british", 27), ("nepali", 10), ("polish", 7), ("other", 11)]
    for g, q in pq:
        kids = [x for x in pupils if x["group"] == g]
        pf = pools[g]["pfirsts"]
        for j in range(q):
            kid = kids[(j * 5) % len(kids)]
            while id(kid) in used:
                kid = kids[(kids.index(kid) + 1) % len(kids)]
            used.add(id(kid))
            parents.append(dict(kind="parent", first_name=pf[j % len(pf)], preferred_name="", last_name=kid["last_name"], group=g, child=kid))
    # ids, emails, refs
    rows = []
    emails = set()
    codes = set()
    def uniq(e):
        base, dom = e.split("@"); k = 1; out = e
        while out in emails:
            k += 1; out = f"{base}{k}@{dom}"
        emails.add(out); return out
    for n, x in enumerate(pupils, 1):
        x["id"] = f"P{n:04d}"
        yr = 2022 - (n % 5)
        x["email"] = uniq(f"{yr}{slug(x['last_name'])}{slug(x['first_name'])[0]}@pupils.hilseadown.sch.uk")
        x["personal_emails"] = f"{slug(x['preferred_name'] or x['first_name'])}{slug(x['last_name'])}{n % 97}@{DOMAINS[n % 6]}" if n % 9 == 4 else ""
        x["mis_ref"] = "HABCKMNRTWXZ"[n % 12] + f"{(830114000000 + n * 7919317) % 10**12:012d}"
    for n, x in enumerate(staff, 1):
        x["id"] = f"S{n:03d}"
        x["email"] = uniq(f"{slug(x['first_name'])[0]}{slug(x['last_name'])}@hilseadown.sch.uk")
        a, b = fold(x["first_name"]).upper(), re.sub(r"[^A-Z]", "", fold(x["last_name"]).upper())
        cands = [a[0] + b[0] + c for c in b[1:] + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
        code = next(c for c in cands if c not in codes); codes.add(code)
        x["mis_ref"] = code; x["personal_emails"] = ""
    for n, x in enumerate(parents, 1):
        x["id"] = f"G{n:03d}"
        x["email"] = uniq(f"{slug(x['preferred_name'] or x['first_name'])}.{slug(x['last_name'])}{'' if n % 3 else n}@{DOMAINS[(n * 5) % 6]}")
        x["personal_emails"] = f"{slug(x['first_name'])[0]}{slug(x['last_name'])}{n}@{DOMAINS[(n + 2) % 6]}" if n % 4 == 1 else ""
        x["mis_ref"] = x["child"]["id"] if x.get("child") and n % 5 else ""
    allp = pupils + staff + parents
    with open(os.path.join(ROOT, "roster.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"])
        for x in allp:
            w.writerow([x["id"], x["first_name"], x["preferred_name"], x["last_name"], x["kind"], x["email"], x["personal_emails"], x["mis_ref"]])
    index = {}
    for x in allp:
        for form in name_forms(x["first_name"], x["preferred_name"], x["last_name"]):
            index.setdefault(form, set()).add(x["kind"])
    return index


MARK = re.compile(r"\[\[(.+?)(?:\|([psg]))?\]\]|\{\{(.+?)\}\}")
KMAP = {"p": "pupil", "s": "staff", "g": "parent"}


ERRS = []


def fail(m):
    ERRS.append(m)


def parse(line, index, where):
    amb = False
    if line.startswith("?? "):
        amb = True; line = line[3:]
    out, spans, kinds, pos = "", [], set(), 0
    for m in MARK.finditer(line):
        out += line[pos:m.start()]
        if m.group(1) is not None:
            text = m.group(1); start = len(out); out += text
            ks = index.get(norm(text)); k = "pupil"
            if not ks:
                fail(f"{where}: not a roster name form: {text!r}"); ks = {"pupil"}
            if m.group(2):
                k = KMAP[m.group(2)]
                if k not in ks:
                    fail(f"{where}: {text!r} is not a {k}")
            elif len(ks) > 1:
                fail(f"{where}: {text!r} matches kinds {sorted(ks)}; annotate")
            else:
                k = next(iter(ks))
            kinds.add(k); spans.append([start, len(out), "directory", text])
        else:
            text = m.group(3); start = len(out); out += text
            if norm(text) in index:
                fail(f"{where}: detector equals roster form: {text!r}")
            spans.append([start, len(out), "detector", text])
        pos = m.end()
    out += line[pos:]
    return {"subject": out, "spans": spans, "case": case_of(out), "kinds": sorted(kinds), "ambiguous": amb}


def main():
    index = build_roster()
    recs = []
    ldir = os.path.join(SRC, "lines")
    for fn in sorted(os.listdir(ldir)):
        for ln, line in enumerate(open(os.path.join(ldir, fn), encoding="utf-8"), 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            recs.append(parse(line, index, f"{fn}:{ln}"))
    if ERRS:
        sys.exit("\n".join(ERRS))
    seen = set()
    for r in recs:
        if r["subject"] in seen:
            sys.exit(f"duplicate subject: {r['subject']!r}")
        seen.add(r["subject"])
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"built {len(recs)} lines")


if __name__ == "__main__":
    main()
