"""Build roster.csv from sources/people.txt + sources/fillers.txt (deterministic)."""
import csv, os, unicodedata
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOMAIN = "penhallow.cornwall.sch.uk"
TARGET = {"p": 420, "s": 90, "g": 50}

def fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).replace("ł", "l").replace("Ł", "L").replace("ı", "i")

def slug(s):
    return "".join(c for c in fold(s).lower() if c.isalnum())

def load():
    people = []
    for line in open(os.path.join(ROOT, "sources", "people.txt"), encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        k, f, pref, l, code = line.split("|")
        people.append([k, f, pref, l, code])
    pools, cur = {}, None
    for line in open(os.path.join(ROOT, "sources", "fillers.txt"), encoding="utf-8"):
        line = line.strip()
        if line.startswith("["):
            cur = line[1:-1]; pools[cur] = []
        elif line:
            pools[cur].extend(line.split())
    return people, pools

def main():
    people, pools = load()
    seen = {(p[1], p[3]) for p in people}
    key = {"p": "pupil", "s": "staff", "g": "parent"}
    for k in "psg":
        firsts, lasts = pools[key[k] + "_first"], pools[key[k] + "_last"]
        have = sum(1 for p in people if p[0] == k)
        i = 0
        while have < TARGET[k]:
            f = firsts[i % len(firsts)]
            m = next(x for x in (11, 13, 17, 19) if len(lasts) % x)
            l = lasts[(i * m + i // len(firsts)) % len(lasts)]
            i += 1
            if (f, l) in seen:
                continue
            seen.add((f, l)); people.append([k, f, "", l, ""]); have += 1
    # staff codes for fillers
    codes = {p[4] for p in people if p[4]}
    for p in people:
        if p[0] == "s" and not p[4]:
            base = (fold(p[1])[0] + fold(p[3])[:2]).upper()
            c, n = base, 0
            while c in codes:
                n += 1
                c = (fold(p[1])[0] + fold(p[3])[0] + fold(p[3])[min(n + 1, len(fold(p[3])) - 1)]).upper()
                if n > 6:
                    c = base[:2] + "XYZQWV"[n % 6]
            codes.add(c); p[4] = c
    rows, emails, cnt = [], set(), {"p": 0, "s": 0, "g": 0}
    for idx, (k, f, pref, l, code) in enumerate(people):
        cnt[k] += 1
        n = cnt[k]
        if k == "p":
            pid = "P%04d" % n
            year = 2019 + (n % 7)
            email = "%02d%s%s@%s" % (year % 100, slug(l), slug(f)[0], DOMAIN)
            mis = "%s%012d" % ("ABCDEFGHJKLMNPRTUVWXYZ"[n % 22], (n * 7919301 + 820000000041) % 10**12)
            personal = "%s.%s%d@gmail.com" % (slug(pref or f), slug(l), n % 97) if n % 5 == 0 else ""
        elif k == "s":
            pid = "S%03d" % n
            email = "%s.%s@%s" % (slug(f)[0], slug(l), DOMAIN)
            mis = code
            personal = ""
        else:
            pid = "G%03d" % n
            dom = ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "btinternet.com"][n % 5]
            email = "%s.%s@%s" % (slug(f), slug(l), dom)
            mis = "" if n % 3 else "PAR%05d" % n
            personal = "%s%s%d@hotmail.com" % (slug(f)[0], slug(l), n) if n % 4 == 0 else ""
        base = email; j = 1
        while email in emails:
            j += 1; u, d = base.split("@"); email = "%s%d@%s" % (u, j, d)
        emails.add(email)
        rows.append([pid, f, pref, l, {"p": "pupil", "s": "staff", "g": "parent"}[k], email, personal, mis])
    with open(os.path.join(ROOT, "roster.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"])
        w.writerows(rows)
    print("roster:", len(rows), cnt)

if __name__ == "__main__":
    main()
