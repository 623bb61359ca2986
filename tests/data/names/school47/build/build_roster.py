"""Build roster.csv from sources/roster_named.txt and sources/name_pools.txt (stdlib only, deterministic)."""
import csv, hashlib, os, re, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SRC = os.path.join(ROOT, "sources")
N_PUPIL, N_STAFF, N_PARENT = 400, 100, 100


def fold(s):
    s = s.replace("ł", "l").replace("Ł", "L")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def slug(s):
    return re.sub(r"[^a-z0-9]", "", fold(s).lower())


def h(s, n):
    return int(hashlib.sha256(s.encode("utf-8")).hexdigest(), 16) % n


def read_named():
    out = []
    with open(os.path.join(SRC, "roster_named.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            kind, first, pref, last = [x.strip() for x in line.split("|")]
            out.append((kind, first, pref, last))
    return out


def read_pools():
    pools, cur = {}, None
    with open(os.path.join(SRC, "name_pools.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("["):
                cur = line.strip("[]")
                pools[cur] = []
            else:
                pools[cur].extend(line.split())
    # dedupe preserving order
    return {k: list(dict.fromkeys(v)) for k, v in pools.items()}


def build():
    named = read_named()
    pools = read_pools()
    people = {"p": [], "s": [], "g": []}
    seen = set()
    for kind, first, pref, last in named:
        people[kind].append((first, pref, last))
        seen.add((kind, first, last))
    # fill pupils
    F, L = pools["pupil_first"], pools["pupil_last"]
    i = 0
    while len(people["p"]) < N_PUPIL:
        first, last = F[(i * 7) % len(F)], L[(i * 11 + i // len(L)) % len(L)]
        i += 1
        if ("p", first, last) in seen:
            continue
        seen.add(("p", first, last))
        people["p"].append((first, "", last))
    # fill staff
    F, L = pools["staff_first"], pools["staff_last"]
    i = 0
    while len(people["s"]) < N_STAFF:
        first, last = F[i % len(F)], L[(i * 3) % len(L)]
        i += 1
        if ("s", first, last) in seen:
            continue
        seen.add(("s", first, last))
        people["s"].append((first, "", last))
    # fill parents: surnames of filled pupils
    PF = pools["parent_first"]
    filled_pupils = people["p"][166:]
    i = 0
    while len(people["g"]) < N_PARENT:
        last = filled_pupils[(i * 5) % len(filled_pupils)][2]
        first = PF[(i * 3) % len(PF)]
        i += 1
        if ("g", first, last) in seen:
            continue
        seen.add(("g", first, last))
        people["g"].append((first, "", last))

    rows, used_emails, used_codes = [], set(), set()

    def uniq_email(local, domain):
        e, n = f"{local}@{domain}", 2
        while e in used_emails:
            e = f"{local}{n}@{domain}"
            n += 1
        used_emails.add(e)
        return e

    pupil_ids_by_last = {}
    for n, (first, pref, last) in enumerate(people["p"], 1):
        pid = f"P{n:04d}"
        pupil_ids_by_last.setdefault(last, pid)
        email = uniq_email(f"{slug(pref or first)}.{slug(last)}", "pupils.taffbankhigh.cardiff.sch.uk")
        upn = "W" + str(h("upn" + pid, 10 ** 12)).zfill(12)
        personal = ""
        if h("pe" + pid, 10) == 0:
            personal = f"{slug(pref or first)}{slug(last)}{h('y' + pid, 90) + 10}@gmail.com"
        rows.append([pid, first, pref, last, "pupil", email, personal, upn])
    for n, (first, pref, last) in enumerate(people["s"], 1):
        sid = f"S{n:03d}"
        email = uniq_email(f"{slug(first)[0]}{slug(last)}", "taffbankhigh.cardiff.sch.uk")
        ln = re.sub(r"[^A-Z]", "", fold(last).upper())
        fi = fold(first)[0].upper()
        code = None
        for a in range(1, len(ln)):
            for b in range(a + 1, len(ln)):
                c = fi + ln[a - 1] + ln[b] if a == 1 else fi + ln[0] + ln[b]
                if c not in used_codes:
                    code = c
                    break
            if code:
                break
        if code is None:
            k = 0
            while True:
                c = fi + ln[0] + chr(65 + k)
                if c not in used_codes:
                    code = c
                    break
                k += 1
        used_codes.add(code)
        rows.append([sid, first, pref, last, "staff", email, "", code])
    for n, (first, pref, last) in enumerate(people["g"], 1):
        gid = f"G{n:03d}"
        dom = ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk"][h("d" + gid, 4)]
        email = uniq_email(f"{slug(first)}.{slug(last)}{h('n' + gid, 90) + 10}", dom)
        personal = ""
        if h("pp" + gid, 4) == 0:
            personal = f"{slug(first)}{slug(last)}@hotmail.com"
        link = pupil_ids_by_last.get(last, "")
        rows.append([gid, first, pref, last, "parent", email, personal, link])

    with open(os.path.join(ROOT, "roster.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"])
        w.writerows(rows)
    return rows


if __name__ == "__main__":
    rows = build()
    print(f"roster.csv: {len(rows)} people")
