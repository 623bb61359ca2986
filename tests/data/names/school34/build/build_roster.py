"""Build roster.csv from sources/{pupils,staff,parents}.txt (deterministic)."""
import csv, os, re
from common import ROOT, SRC, ascii_fold

def rows(name):
    with open(os.path.join(SRC, name), encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                yield line.split("|")

def slug(s):
    return re.sub(r"[^a-z]", "", ascii_fold(s).lower())

DOMAIN = "breydonsands.norfolk.sch.uk"
MAILS = ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "icloud.com", "live.co.uk"]

def main():
    out, seen_mail, by_name = [], set(), {}
    def uniq(mail):
        base, n = mail, 2
        while mail in seen_mail:
            user, dom = base.split("@")
            mail = f"{user}{n}@{dom}"; n += 1
        seen_mail.add(mail)
        return mail
    for i, (first, pref, last) in enumerate(rows("pupils.txt"), 1):
        pid = f"P{i:04d}"
        intake = 21 + (i * 7) % 5
        email = uniq(f"{intake}{slug(last)}{slug(first)[0]}@{DOMAIN}")
        personal = ""
        if i % 9 == 0:
            personal = f"{slug(pref or first)}{slug(last)}{i % 100:02d}@{MAILS[i % len(MAILS)]}"
        upn = f"{'HJKLMNR'[i % 7]}{(926100000000 + i * 7919) % 10**12:012d}"
        out.append([pid, first, pref, last, "pupil", email, personal, upn])
        by_name[f"{first} {last}"] = pid
    for i, (first, pref, last, code, _role) in enumerate(rows("staff.txt"), 1):
        email = uniq(f"{slug(first)[0]}.{slug(last)}@{DOMAIN}")
        out.append([f"S{i:03d}", first, pref, last, "staff", email, "", code])
    for i, (first, pref, last, child) in enumerate(rows("parents.txt"), 1):
        email = uniq(f"{slug(first)}.{slug(last)}{(i * 37) % 90 + 10}@{MAILS[i % len(MAILS)]}")
        personal = f"{slug(first)[0]}{slug(last)}@{MAILS[(i + 2) % len(MAILS)]}" if i % 4 == 0 else ""
        out.append([f"G{i:03d}", first, pref, last, "parent", email, personal, by_name[child]])
    with open(os.path.join(ROOT, "roster.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"])
        w.writerows(out)
    print(f"roster: {len(out)} people")

if __name__ == "__main__":
    main()
