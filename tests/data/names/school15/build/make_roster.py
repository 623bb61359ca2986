"""Build roster.csv from sources/roster_people.txt plus seeded filler people."""
import csv, os, random, re, json
from common import ROOT, fold

rng = random.Random(1515)
DOM = "wycliffemeadow.org.uk"

hand = []
for line in open(os.path.join(ROOT, "sources", "roster_people.txt"), encoding="utf-8"):
    line = line.rstrip("\n")
    if not line.strip() or line.startswith("#"):
        continue
    parts = line.split("|") + [""] * 7
    key, kind, first, pref, last, code, pers = parts[:7]
    hand.append(dict(key=key, kind=kind, first=first, pref=pref, last=last, code=code, pers=pers))

POOLS = {
 "guj": (["Anjali", "Nikhil", "Pooja", "Sahil", "Roshni", "Vikram", "Khushi", "Harsh", "Janvi", "Nirav", "Payal", "Ronak", "Isha", "Parth", "Mansi", "Jeet", "Dhara", "Kishan"],
         ["Patel", "Mistry", "Chauhan", "Parmar", "Lad", "Gohil", "Joshi", "Vaghela", "Makwana", "Pandya", "Desai", "Chudasama", "Vadher", "Modha", "Kotecha", "Thakrar"]),
 "sikh": (["Harleen", "Jasdeep", "Gurleen", "Ravneet", "Karanveer", "Prabhjot", "Amandeep", "Sukhman", "Parminder", "Inderjit", "Harjot", "Kirandeep", "Rajveer", "Tejpal"],
          ["Singh", "Kaur", "Gill", "Sandhu", "Dhaliwal", "Bains", "Sahota", "Bhogal", "Rai", "Atwal", "Virdi", "Mann", "Heer", "Basra"]),
 "gmus": (["Aaliyah", "Adam", "Zahra", "Idris", "Sumayyah", "Yahya", "Khadijah", "Musa", "Amina", "Haroon", "Inaya", "Uthman", "Ruqayyah", "Suhail"],
          ["Patel", "Bhayat", "Lunat", "Mulla", "Ismail", "Vali", "Essa", "Motala", "Sidat", "Kadodia", "Bhana", "Dadabhai", "Limbada", "Hafejee"]),
 "som": (["Abdullahi", "Hibaaq", "Mahad", "Ubah", "Yasmin", "Guled", "Deeqa", "Ayaan", "Sahra", "Bashir", "Nimco", "Hamdi", "Zakaria", "Faisal"],
         ["Mohamed", "Ali", "Hussein", "Farah", "Osman", "Jama", "Yusuf", "Egal", "Nur", "Abdi", "Ahmed", "Warsame", "Hersi", "Duale"]),
 "pol": (["Julia", "Szymon", "Zuzanna", "Mateusz", "Hanna", "Antoni", "Lena", "Igor", "Wiktoria", "Dawid", "Nikola", "Michał", "Alicja", "Paweł"],
         ["Kowalczyk", "Nowicki", "Wiśniewski", "Kaczmarek", "Zając", "Pawlak", "Jankowski", "Woźniak", "Kubiak", "Sikora", "Grabowski", "Michalski", "Nowakowski"]),
 "rom": (["Gabriel", "Ana-Maria", "Cosmin", "Larisa", "Vlad", "Alexia", "Robert", "Daria", "Sebastian", "Teodora", "Ionela", "Marius", "Andreea"],
         ["Popa", "Radu", "Stoica", "Moraru", "Dobre", "Barbu", "Nistor", "Ene", "Matei", "Ciobanu", "Gheorghe", "Dinu", "Lazăr"]),
 "bul": (["Ivan", "Mariya", "Boris", "Desislava", "Stoyan", "Gergana", "Hristo", "Radostina", "Petar", "Tsvetelina", "Yordan", "Kalina"],
         ["Ivanov", "Dimitrov", "Stoyanova", "Nikolova", "Kolev", "Angelov", "Marinov", "Yordanova", "Hristov", "Vasilev"]),
 "kur": (["Aram", "Zhilwan", "Rozhan", "Sherwan", "Lana", "Karwan", "Dilvin", "Hawar", "Shno", "Renas", "Avan", "Baxtiyar"],
         ["Aziz", "Mahmoud", "Karim", "Rashid", "Qadir", "Salih", "Mustafa", "Hamad", "Jalal", "Abdulla", "Kareem"]),
 "afg": (["Mustafa", "Zahra", "Sultan", "Freshta", "Najib", "Marwa", "Rahmatullah", "Hosna", "Ajmal", "Sahar", "Wahid", "Parwana"],
         ["Hakimi", "Rahimi", "Sultani", "Amiri", "Popal", "Karimi", "Wardak", "Safi", "Haidari", "Noorzai", "Azizi", "Ahmadzai"]),
 "fil": (["Ethan Joseph", "Mikaela", "Rhian", "Angel", "Jasper", "Czarina", "Jhon", "Kristine", "Mark Anthony", "Aira"],
         ["Santos", "Reyes", "Garcia", "Mendoza", "Villanueva", "Bautista", "Ramos", "Aquino", "Castillo", "Navarro", "Domingo"]),
 "zim": (["Tanaka", "Ruvimbo", "Takudzwa", "Farai", "Anesu", "Tinotenda", "Panashe", "Rumbidzai", "Simbarashe", "Chipo", "Munashe"],
         ["Moyo", "Ncube", "Sibanda", "Dube", "Ndlovu", "Mutasa", "Zhou", "Chikwanha", "Mhlanga", "Makoni", "Nyathi"]),
 "wb": (["Olivia", "George", "Amelie", "Thomas", "Isabella", "Harvey", "Sophie", "Jacob", "Millie", "Ethan", "Chloe", "Riley", "Maisie", "Logan", "Phoebe", "Alfie", "Scarlett", "Callum", "Holly", "Lewis", "Megan", "Jamie", "Erin", "Connor", "Eliza", "Toby"],
        ["Smith", "Taylor", "Johnson", "Walker", "Wilson", "Robinson", "Clarke", "Wright", "Thompson", "Green", "Harrison", "Lewis", "Wood", "Jackson", "Hill", "Moore", "Allen", "Barker", "Cooper", "Fletcher", "Lee", "Spencer", "Dawson", "Pickering", "Sharpe"]),
 "trav": (["Johnny", "Mary", "Tommy", "Nora", "Jimmy", "Chrissie", "Francie", "Winnie", "Pat", "Teresa"],
          ["McDonagh", "Ward", "Joyce", "Quinn", "Maughan", "Doran", "Connors", "McGinley", "Collins", "Stokes"]),
}
WEIGHTS = {"guj": 16, "sikh": 10, "gmus": 12, "som": 9, "pol": 8, "rom": 7, "bul": 4, "kur": 4, "afg": 4, "fil": 3, "zim": 4, "wb": 16, "trav": 3}
STAFF_FIRST = ["Sarah", "David", "Helen", "Andrew", "Claire", "Michael", "Emma", "Richard", "Nicola", "James", "Kate", "Stuart", "Lisa", "Matthew", "Rebecca", "Jonathan", "Hannah", "Ian", "Vicky", "Simon", "Priti", "Sanjay", "Farzana", "Jaspal", "Aneela", "Tariq", "Marta", "Adrian"]
STAFF_LAST = ["Whitaker", "Pearson", "Dale", "Holloway", "Brennan", "Oakes", "Hewitt", "Kaye", "Lowe", "Burton", "Marriott", "Sutcliffe", "Goodwin", "Osborne", "Vaughan", "Kent", "Doyle", "Reeves", "Pritchard", "Kaur", "Mehta", "Rana", "Hussain", "Bibi", "Kozak", "Lodge", "Haynes", "Sturgess"]
PARENT_FIRST = {"guj": ["Dipika", "Rakesh", "Bhavna", "Mukesh"], "sikh": ["Sukhjinder", "Rajinder", "Balvinder"], "gmus": ["Fatima", "Yunus", "Shabana"],
    "som": ["Hodo", "Abdikadir", "Faadumo"], "pol": ["Katarzyna", "Piotr", "Ewelina"], "rom": ["Mirela", "Cristian", "Nicoleta"], "bul": ["Svetla", "Todor"],
    "kur": ["Shirin", "Kawa"], "afg": ["Gulalai", "Nasir"], "fil": ["Marites", "Rodel"], "zim": ["Shingai", "Tendai"], "wb": ["Donna", "Lee", "Tracey", "Wayne"],
    "trav": ["Kathleen", "Joe"]}

people = [dict(h) for h in hand]
seen = {(fold(p["first"]).lower(), fold(p["last"]).lower()) for p in people}

def add(kind, first, last, pref=""):
    k = (fold(first).lower(), fold(last).lower())
    if k in seen:
        return False
    seen.add(k)
    people.append(dict(key="", kind=kind, first=first, pref=pref, last=last, code="", pers=""))
    return True

pools = [h for h, w in WEIGHTS.items() for _ in range(w)]
npup = sum(1 for p in people if p["kind"] == "pupil")
while npup < 430:
    h = rng.choice(pools)
    fn, ln = POOLS[h]
    if add("pupil", rng.choice(fn), rng.choice(ln)):
        npup += 1
nstaff = sum(1 for p in people if p["kind"] == "staff")
while nstaff < 82:
    if add("staff", rng.choice(STAFF_FIRST), rng.choice(STAFF_LAST)):
        nstaff += 1
npar = sum(1 for p in people if p["kind"] == "parent")
while npar < 48:
    h = rng.choice(pools)
    if add("parent", rng.choice(PARENT_FIRST[h]), rng.choice(POOLS[h][1])):
        npar += 1

# ids, emails, codes
def slug(s):
    return re.sub(r"[^a-z]", "", fold(s).lower())

counters = {"pupil": 0, "staff": 0, "parent": 0}
codes, emails = set(p["code"] for p in people if p["code"]), set()
order = {"pupil": 0, "staff": 1, "parent": 2}
people.sort(key=lambda p: order[p["kind"]])  # stable: hand-picked first within kind
rows, keymap = [], {}
for p in people:
    counters[p["kind"]] += 1
    n = counters[p["kind"]]
    if p["kind"] == "pupil":
        pid = "P%04d" % n
        intake = rng.choice([21, 22, 23, 24, 25])
        base = "%d%s%s" % (intake, slug(p["last"])[:10], slug(p["first"])[0])
        dom = "students." + DOM
        mis = rng.choice("ABCDEFGHJKLMNPRT") + "".join(rng.choice("0123456789") for _ in range(12))
    elif p["kind"] == "staff":
        pid = "S%03d" % n
        base = "%s.%s" % (slug(p["first"])[0], slug(p["last"]))
        dom = DOM
        code = p["code"]
        if not code:
            cands = [(p["first"][0] + p["last"][:2]).upper(), (p["first"][0] + p["last"][0] + p["last"][-1]).upper(),
                     (p["first"][:2] + p["last"][0]).upper()]
            code = next((c for c in cands if c not in codes), None)
            while code is None or code in codes:
                code = p["first"][0].upper() + "".join(rng.choice("ABCDEFGHJKLMNPRSTWXZ") for _ in range(2))
            codes.add(code)
        mis = fold(code)
    else:
        pid = "G%03d" % n
        base = "%s.%s%d" % (slug(p["first"]), slug(p["last"]), rng.randint(1, 99))
        dom = rng.choice(["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk"])
        mis = ""
    e = base
    i = 2
    while e + "@" + dom in emails:
        e = base + str(i); i += 1
    emails.add(e + "@" + dom)
    rows.append([pid, p["first"], p["pref"], p["last"], p["kind"], e + "@" + dom, p["pers"], mis])
    if p["key"]:
        keymap[p["key"]] = pid

with open(os.path.join(ROOT, "roster.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"])
    w.writerows(rows)
with open(os.path.join(HERE_KEYS := os.path.join(ROOT, "build"), "keymap.json"), "w") as f:
    json.dump(keymap, f, indent=0, sort_keys=True)
print("roster:", len(rows), counters)
