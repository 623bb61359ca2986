"""Build roster.csv from sources/roster_core.txt + deterministic filler from sources/pools.txt."""
import csv
import os
import random
import re
from common import ROOT, SRC, HEADER, ascii_fold

TARGET = {"pupil": 280, "staff": 70, "parent": 130}
DOMAIN = "penwithbay.cornwall.sch.uk"


def read_pools():
    pools, cur = {}, None
    for line in open(os.path.join(SRC, "pools.txt"), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r"\[(\w+)\]", line)
        if m:
            cur = m.group(1)
            pools[cur] = []
        else:
            pools[cur].extend(line.split())
    return pools


def fem_polish(s):
    for a, b in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
        if s.endswith(a):
            return s[: -len(a)] + b
    return s


def fem_bulgarian(s):
    return s + "a" if s.endswith("ov") or s.endswith("ev") else s


def main():
    rng = random.Random(66)
    pools = read_pools()
    people = []
    for line in open(os.path.join(SRC, "roster_core.txt"), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        kind, first, pref, last = line.split("|")
        people.append({"kind": kind, "first": first, "pref": pref, "last": last, "core": True})
    seen = {(p["first"], p["last"]) for p in people}

    def add(kind, first, last, community=None):
        if (first, last) in seen:
            return False
        seen.add((first, last))
        people.append({"kind": kind, "first": first, "pref": "", "last": last,
                       "core": False, "community": community})
        return True

    # filler pupils by community (weights roughly the school's mix)
    communities = (["british"] * 10 + ["polish"] * 3 + ["portuguese"] * 3 + ["filipino"] * 1
                   + ["bulgarian"] * 1 + ["traveller"] * 1 + ["syrian"] * 1)
    filler_pupils = []
    while sum(p["kind"] == "pupil" for p in people) < TARGET["pupil"]:
        c = rng.choice(communities)
        if c == "british":
            f, l = rng.choice(pools["pupil_first_british"]), rng.choice(pools["surname_cornish_british"])
        elif c == "polish":
            l = rng.choice(pools["surname_polish"])
            if rng.random() < 0.5:
                f = rng.choice(pools["pupil_first_polish_m"])
            else:
                f, l = rng.choice(pools["pupil_first_polish_f"]), fem_polish(l)
        elif c == "portuguese":
            f, l = rng.choice(pools["pupil_first_portuguese"]), rng.choice(pools["surname_portuguese"])
        elif c == "filipino":
            f, l = rng.choice(pools["pupil_first_filipino"]), rng.choice(pools["surname_filipino"])
        elif c == "bulgarian":
            l = rng.choice(pools["surname_bulgarian"])
            if rng.random() < 0.5:
                f = rng.choice(pools["pupil_first_bulgarian_m"])
            else:
                f, l = rng.choice(pools["pupil_first_bulgarian_f"]), fem_bulgarian(l)
        elif c == "traveller":
            f, l = rng.choice(pools["pupil_first_traveller"]), rng.choice(pools["surname_traveller"])
        else:
            f, l = rng.choice(pools["pupil_first_syrian"]), rng.choice(pools["surname_syrian"])
        if add("pupil", f, l, c):
            filler_pupils.append(people[-1])

    while sum(p["kind"] == "staff" for p in people) < TARGET["staff"]:
        add("staff", rng.choice(pools["adult_first"]), rng.choice(pools["surname_cornish_british"]))

    adult_pool = {"british": "adult_first", "polish": "adult_first_polish",
                  "portuguese": "adult_first_portuguese", "filipino": "adult_first_filipino",
                  "bulgarian": "adult_first_bulgarian", "traveller": "adult_first_traveller",
                  "syrian": "adult_first_syrian"}
    order = filler_pupils[:]
    rng.shuffle(order)
    i = 0
    while sum(p["kind"] == "parent" for p in people) < TARGET["parent"]:
        child = order[i % len(order)]
        i += 1
        c = child["community"]
        f = rng.choice(pools[adult_pool[c]])
        l = child["last"]
        if c == "polish":
            l = re.sub(r"ska$", "ski", l) if f in ("Krzysztof", "Paweł", "Marek") else fem_polish(re.sub(r"ska$", "ski", l))
        add("parent", f, l, c)

    prefix = {"pupil": "P", "staff": "S", "parent": "G"}
    width = {"pupil": 4, "staff": 3, "parent": 3}
    counters = {k: 0 for k in prefix}
    used_emails, used_codes = set(), set()
    rows = []
    for p in sorted(people, key=lambda p: ({"pupil": 0, "staff": 1, "parent": 2}[p["kind"]])):
        k = p["kind"]
        counters[k] += 1
        pid = prefix[k] + str(counters[k]).zfill(width[k])
        f = ascii_fold(p["pref"] or p["first"]).lower().replace(" ", "").replace("'", "")
        l = ascii_fold(p["last"]).lower().replace(" ", "").replace("'", "")
        personal = ""
        if k == "pupil":
            base = f"{f[0]}{l}{counters[k] % 100:02d}"
            email = f"{base}@pupils.{DOMAIN}"
            mis = "H" + str(908000000000 + counters[k] * 7919 + 37).zfill(12)
            if rng.random() < 0.08:
                personal = f"{f}{l}{rng.randint(10, 99)}@gmail.com"
        elif k == "staff":
            base = f"{f[0]}.{l}"
            email = f"{base}@{DOMAIN}"
            lets = re.sub(r"[^a-z]", "", l)
            code = (f[0] + lets[0] + lets[1]).upper()
            j = 2
            while code in used_codes:
                j += 1
                code = (f[0] + lets[0] + (lets[j] if j < len(lets) else chr(63 + j))).upper()
            used_codes.add(code)
            mis = code
        else:
            dom = rng.choice(["gmail.com", "hotmail.co.uk", "outlook.com", "icloud.com", "yahoo.co.uk"])
            email = f"{f}.{l}{rng.randint(1, 99)}@{dom}"
            if rng.random() < 0.2:
                personal = f"{f[0]}{l}@{rng.choice(['btinternet.com', 'live.co.uk'])}"
            mis = "C" + str(4000 + counters[k]) if rng.random() < 0.6 else ""
        while email in used_emails:
            email = email.replace("@", "1@", 1)
        used_emails.add(email)
        rows.append([pid, p["first"], p["pref"], p["last"], k, email, personal, mis])

    with open(os.path.join(ROOT, "roster.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    print("roster:", {k: counters[k] for k in counters}, "total", len(rows))


if __name__ == "__main__":
    main()
