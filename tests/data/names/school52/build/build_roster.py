"""Build roster.csv from sources/{staff,pupils,parents}.txt (deterministic)."""
import csv
import hashlib
import os
import random
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import read_rows, ascii_slug  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "sources")

N_PUPILS = 400
FILLER_FIRST = ["Oliver", "Jack", "Charlie", "Jacob", "Leo", "Oscar", "Max", "Toby", "Sam", "Ben", "Joseph",
                "Finley", "Louie", "Ruben", "Hugo", "Jude", "Ezra", "Ruby", "Sophie", "Olivia", "Amelia",
                "Isla", "Freya", "Ella", "Emily", "Molly", "Erin", "Esme", "Florence", "Maisie", "Imogen",
                "Lacey", "Chelsea", "Dolly", "Tyler", "Riley", "Kian", "Bobby", "Frankie", "Lexi", "Harley",
                "Hollie", "Millie", "Scarlett", "Phoebe", "Elliot", "Rory", "Alice", "Orla", "Theo"]
FILLER_LAST = ["Powell", "Preece", "Price", "Probert", "Prosser", "Bevan", "Watkins", "Gwilliam", "Jenkins",
               "Morgan", "Vaughan", "Parry", "Pugh", "Griffiths", "Bayliss", "Mailes", "Layton", "Davies",
               "Evans", "Williams", "Jones", "Thomas", "Lewis", "Harris", "Edwards", "Hughes", "Roberts",
               "Phillips", "Bowen", "Howells", "Lloyd", "Beavan", "Gittins", "Pritchard", "Tranter", "Colcombe",
               "Thomas", "Smith", "Lee", "Boswell", "Loveridge", "Ayres", "Small"]
CLASSES = ["Wye", "Arrow", "Frome", "Lugg", "Malvern", "Bredon", "Dinmore", "Garway"]


def digits(seed, n):
    h = hashlib.sha256(seed.encode()).hexdigest()
    return str(int(h, 16))[:n]


def main():
    staff = read_rows(os.path.join(SRC, "staff.txt"))
    pupils = read_rows(os.path.join(SRC, "pupils.txt"))
    parents = read_rows(os.path.join(SRC, "parents.txt"))
    rng = random.Random(52)
    seen = {(p[0], p[2]) for p in pupils}
    while len(pupils) < N_PUPILS:
        f, l = rng.choice(FILLER_FIRST), rng.choice(FILLER_LAST)
        if (f, l) in seen:
            continue
        seen.add((f, l))
        pupils.append([f, "", l, rng.choice(CLASSES)])

    rows = []
    used_emails = set()

    def uniq(local, domain):
        e, n = f"{local}@{domain}", 2
        while e in used_emails:
            e = f"{local}{n}@{domain}"
            n += 1
        used_emails.add(e)
        return e

    for i, (f, p, l, cls) in enumerate(pupils, 1):
        pid = f"P{i:04d}"
        email = uniq(f"{ascii_slug(f)}.{ascii_slug(l)}", "pupils.luggvalley.hereford.sch.uk")
        pe = ""
        if cls in ("Dinmore", "Garway") and i % 5 == 0:
            pe = f"{ascii_slug(p or f)}{ascii_slug(l)}{digits(pid, 2)}@gmail.com"
        mis = "ABCHKNRTW"[i % 9] + digits("upn" + pid, 12)
        rows.append([pid, f, p, l, "pupil", email, pe, mis])
    codes = set()
    for i, (f, p, l, code, _role) in enumerate(staff, 1):
        assert code not in codes, code
        codes.add(code)
        email = uniq(f"{ascii_slug(f)[0]}{ascii_slug(l)}", "luggvalley.hereford.sch.uk")
        rows.append([f"S{i:03d}", f, p, l, "staff", email, "", code])
    domains = ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "btinternet.com", "icloud.com"]
    for i, (f, p, l) in enumerate(parents, 1):
        gid = f"G{i:03d}"
        email = uniq(f"{ascii_slug(p or f)}.{ascii_slug(l)}{digits(gid, 2)}", domains[i % len(domains)])
        pe = ""
        if i % 4 == 0:
            pe = uniq(f"{ascii_slug(f)}{ascii_slug(l)}", "hotmail.com")
        if i % 12 == 0:
            pe += ";" + uniq(f"{ascii_slug(l)}family", "gmail.com")
        mis = f"CON{digits('con' + gid, 5)}" if i % 2 else ""
        rows.append([gid, f, p, l, "parent", email, pe, mis])
    with open(os.path.join(ROOT, "roster.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"])
        w.writerows(rows)
    print(f"roster: {len(rows)} people")


if __name__ == "__main__":
    main()
