"""Build roster.csv and test.jsonl from ../sources. Deterministic; standard library only."""
import csv, glob, hashlib, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import fold, ascii_fold, name_forms, case_of

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "sources")
DOMAIN = "southshore.blackpool.sch.uk"
N_PUPILS, N_PARENTS = 300, 150

def h(s, n=10**12):
    return int(hashlib.sha256(s.encode("utf-8")).hexdigest(), 16) % n

def rows(fn):
    out = []
    for line in open(os.path.join(SRC, fn), encoding="utf-8"):
        line = line.rstrip("\n")
        if line.strip() and not line.startswith("#"):
            out.append(line.split("|"))
    return out

def filler():
    pools, cur = {}, None
    for line in open(os.path.join(SRC, "filler.txt"), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            cur = line.strip("[]"); pools[cur] = []
        else:
            pools[cur].extend(line.split())
    return pools

def slug(s):
    return re.sub(r"[^a-z]", "", ascii_fold(s).lower())

def build_roster():
    people = []
    used_email = set()
    def uniq(e):
        base, n = e, 2
        while e in used_email:
            user, dom = base.split("@"); e = f"{user}{n}@{dom}"; n += 1
        used_email.add(e); return e
    for i, (first, pref, last, role, code) in enumerate(rows("staff.txt"), 1):
        people.append(dict(id=f"S{i:03d}", first_name=first, preferred_name=pref, last_name=last,
                           kind="staff", email=uniq(f"{slug(pref or first)}.{slug(last)}@{DOMAIN}"),
                           personal_emails="", mis_ref=code))
    pools = filler()
    pupils = [r[:3] for r in rows("pupils.txt")]
    fp, sn = pools["pupil_first"], pools["surname"]
    i = 0
    while len(pupils) < N_PUPILS:
        pupils.append([fp[i % len(fp)], "", sn[(i * 7 + i // len(sn)) % len(sn)]]); i += 1
    for i, (first, pref, last) in enumerate(pupils, 1):
        key = f"{first}|{last}|{i}"
        upn = "ABCDEFGHJKLMNPQRTUVWXYZ"[h(key, 23)] + f"{h('upn' + key):012d}"
        yr = 18 + h(key, 7)
        pe = ""
        if h("pe" + key, 10) == 0:
            pe = f"{slug(pref or first)}{slug(last)}{2000 + yr + 5}@gmail.com"
        people.append(dict(id=f"P{i:04d}", first_name=first, preferred_name=pref, last_name=last,
                           kind="pupil", email=uniq(f"{slug(first)[:1]}{slug(last)}{yr}@pupils.{DOMAIN}"),
                           personal_emails=pe, mis_ref=upn))
    parents = [r[:3] for r in rows("parents.txt")]
    pf = pools["parent_first"]
    filler_surnames = [p[2] for p in pupils[len(rows("pupils.txt")):]]
    i = 0
    while len(parents) < N_PARENTS:
        parents.append([pf[i % len(pf)], "", filler_surnames[(i * 3) % len(filler_surnames)]]); i += 1
    hosts = ["hotmail.co.uk", "gmail.com", "outlook.com", "yahoo.co.uk", "icloud.com", "live.co.uk"]
    for i, (first, pref, last) in enumerate(parents, 1):
        key = f"{first}|{last}|{i}"
        main = f"{slug(pref or first)}{'.' if h(key, 2) else ''}{slug(last)}{h(key, 90) + 10 if h(key, 3) else ''}@{hosts[h(key, 6)]}"
        extra = ""
        if h("x" + key, 4) == 0:
            extra = f"{slug(first)}_{slug(last)}@{hosts[(h(key, 6) + 1) % 6]}"
        people.append(dict(id=f"G{i:03d}", first_name=first, preferred_name=pref, last_name=last,
                           kind="parent", email=uniq(main), personal_emails=extra,
                           mis_ref=(f"C{h('c' + key, 10**6):06d}" if h("m" + key, 2) else "")))
    return people

MARK = re.compile(r"\[\[(.+?)(?:\|([psg]))?\]\]|<<(.+?)>>")
TITLE_RE = re.compile(r"(?i)(?:mrs|mr|miss|ms|mx|dr|sir|cllr|rev|revd|pcso|pc|nurse|coach)\.?\s+")
KINDMAP = {"p": "pupil", "s": "staff", "g": "parent"}

def parse_line(raw, index):
    amb = False
    if raw.startswith("!AMB "):
        amb, raw = True, raw[5:]
    out, spans, kinds, pos = [], [], set(), 0
    for m in MARK.finditer(raw):
        out.append(raw[pos:m.start()])
        text = m.group(3) if m.group(3) is not None else m.group(1)
        t = TITLE_RE.match(text)
        if t:  # titles are never part of a span: move them out
            out.append(t.group(0)); text = text[t.end():]
        start = sum(len(x) for x in out)
        if m.group(3) is not None:
            spans.append([start, start + len(text), "detector", text])
        else:
            cands = index.get(fold(text))
            if not cands:
                raise SystemExit(f"not a roster name form: {text!r} in {raw!r}")
            ks = {p["kind"] for p in cands}
            if m.group(2):
                k = KINDMAP[m.group(2)]
                if k not in ks:
                    raise SystemExit(f"kind {k} not among {ks} for {text!r} in {raw!r}")
                ks = {k}
            elif len(ks) > 1:
                raise SystemExit(f"ambiguous kind {ks} for {text!r} in {raw!r}; add |p/|s/|g")
            kinds |= ks
            spans.append([start, start + len(text), "directory", text])
        out.append(text); pos = m.end()
    out.append(raw[pos:])
    subject = "".join(out)
    return dict(subject=subject, spans=spans, case=case_of(subject), kinds=sorted(kinds), ambiguous=amb)

def main():
    people = build_roster()
    with open(os.path.join(ROOT, "roster.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["id", "first_name", "preferred_name", "last_name", "kind",
                                          "email", "personal_emails", "mis_ref"], lineterminator="\n")
        w.writeheader()
        for p in people:
            w.writerow(p)
    index = {}
    for p in people:
        for form in name_forms(p["first_name"], p["preferred_name"], p["last_name"]):
            index.setdefault(form, []).append(p)
    items, errors = [], []
    for fn in sorted(glob.glob(os.path.join(SRC, "lines", "*.txt"))):
        for raw in open(fn, encoding="utf-8"):
            raw = raw.rstrip("\n")
            if raw.strip() and not raw.startswith("#"):
                try:
                    items.append(parse_line(raw, index))
                except SystemExit as e:
                    errors.append(f"{os.path.basename(fn)}: {e}")
    if errors:
        raise SystemExit("\n".join(errors))
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as f:
        for it in items:
            f.write(json.dumps(it, ensure_ascii=False) + "\n")
    print(f"roster: {len(people)} people; test lines: {len(items)}")

if __name__ == "__main__":
    main()
