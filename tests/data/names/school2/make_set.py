#!/usr/bin/env python3
"""Build the synthetic 'school2' evaluation set for person-name detection in
UK school staff email subject lines.

Outputs (next to this script): roster.csv, dev.jsonl, holdout.jsonl, README.md

Re-runnable and deterministic (seeded).  Every span offset is verified with an
assert: subject[start:end] == text.

All people are synthetic: first and last names are recombined at random from
per-origin pools, with a blocklist of well-known real people.
"""
import csv
import json
import os
import random
import re
import unicodedata
from collections import Counter

SEED = 20240917
OUT = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(SEED)

# ---------------------------------------------------------------------------
# Name pools (hand-picked, many origins).  Surname "A|B" = male|female form.
# ---------------------------------------------------------------------------
POOLS = {
    "english": dict(
        m=["Oliver", "George", "Harry", "Noah", "Jacob", "Charlie", "Freddie", "Alfie", "Theo",
           "Archie", "Leo", "Oscar", "Joshua", "Thomas", "William", "Alexander", "Samuel",
           "Benjamin", "Daniel", "Joseph", "Ethan", "Reuben", "Stanley", "Arthur", "Jack",
           "Miles", "Christopher", "Jonathan", "Henry", "Toby", "Finley"],
        f=["Amelia", "Olivia", "Ava", "Mia", "Isabella", "Poppy", "Lily", "Evie", "Sophie",
           "Freya", "Florence", "Elsie", "Millie", "Harriet", "Charlotte", "Hope", "Summer",
           "Grace", "May", "Rose", "Amber", "Ruby", "Ivy", "Daisy", "Chloé", "Zoë",
           "Elizabeth", "Rebecca", "Imogen", "Matilda", "Beatrice", "Phoebe"],
        s=["Smith", "Jones", "Taylor", "Wilson", "Davies", "Evans", "Roberts", "Walker",
           "Wright", "Robinson", "Thompson", "White", "Hughes", "Edwards", "Harris", "Cooper",
           "Ward", "Turner", "Hill", "Atkinson", "Pearson", "Marshall", "Fletcher", "Holloway",
           "English", "French", "Hall", "Church", "Rose", "Young", "Baker", "Wood", "Green",
           "Brown", "Wells", "Marsh", "Field", "Music", "Law", "Bell", "Lord", "Best", "May",
           "Stone", "King", "Page", "Love", "Moss", "Smith-Jones", "Hughes-Whitfield",
           "Ashworth-Dale", "Van der Berg"]),
    "celtic": dict(
        m=["Dafydd", "Gethin", "Rhys", "Ewan", "Callum", "Lachlan", "Hamish", "Iwan", "Osian",
           "Oisín", "Cian", "Darragh", "Tadhg", "Seán", "Ciarán", "Niall", "Conor"],
        f=["Eilidh", "Seren", "Cerys", "Mairi", "Ffion", "Catrin", "Isla", "Aoife", "Siobhán",
           "Niamh", "Caoimhe", "Saoirse", "Róisín", "Orla", "Clodagh"],
        s=["McAllister", "MacDonald", "Fraser", "Morgan", "Pritchard", "Llewellyn", "ap Gwilym",
           "Cameron", "Lloyd", "Griffiths", "Rees", "O'Connor", "O'Brien", "Murphy", "Byrne",
           "Mac an tSaoi", "Gallagher", "Doherty", "Kavanagh", "Fitzgerald",
           "Ó Súilleabháin|Ní Shúilleabháin", "Ó Briain|Ní Bhriain", "McGettigan"]),
    "south_asian": dict(
        m=["Ayaan", "Arjun", "Rohan", "Aditya", "Gurdeep", "Mohammed", "Zayan", "Ibrahim",
           "Hamza", "Yusuf", "Rahul", "Vikram", "Sunil", "Kabir", "Imran", "Arnav", "Rayyan"],
        f=["Priyanka", "Harpreet", "Zainab", "Aisha", "Fatima", "Ananya", "Simran", "Nusrat",
           "Tasnim", "Maryam", "Anjali", "Jaspreet", "Sana", "Ishani", "Rukhsana"],
        s=["Patel", "Begum", "Chowdhury", "Hussain", "Khan", "Ahmed", "Shah", "Sharma",
           "Singh|Kaur", "Islam", "Rahman", "Mistry", "Uddin", "Gill", "Sandhu", "Iqbal",
           "Malik", "Bhatt", "Choudhry", "Parmar"]),
    "west_african": dict(
        m=["Chidi", "Oluwaseun", "Kofi", "Kwame", "Chukwuemeka", "Oluwatobi", "Tunde", "Femi",
           "Nnamdi", "Yaw", "Ikenna", "Kwesi"],
        f=["Adaeze", "Ama", "Chiamaka", "Folake", "Abena", "Ngozi", "Temitope", "Efua",
           "Adwoa", "Ifeoma", "Oluwaseun", "Joy", "Faith"],
        s=["Eze", "Okafor", "Mensah", "Adeyemi", "Okonkwo", "Boateng", "Asante", "Owusu",
           "Adebayo", "Nwachukwu", "Oyelaran", "Ogunleye", "Agyeman", "Oduya"]),
    "somali": dict(
        m=["Abdirahman", "Abdullahi", "Mohamed", "Liban", "Mahad", "Abdikarim"],
        f=["Hodan", "Hibo", "Ifrah", "Sahra", "Nimco", "Deeqa", "Ubah"],
        s=["Farah", "Warsame", "Hassan", "Abdi", "Mohamud", "Jama", "Osman", "Egal", "Hirsi",
           "Guled"]),
    "polish": dict(
        m=["Łukasz", "Jakub", "Wojciech", "Tomasz", "Szymon", "Kacper", "Mateusz", "Piotr"],
        f=["Zofia", "Aleksandra", "Katarzyna", "Małgorzata", "Julia", "Zuzanna", "Wiktoria",
           "Maja"],
        s=["Kowalczyk", "Wiśniewski|Wiśniewska", "Nowak", "Kowalski|Kowalska",
           "Lewandowski|Lewandowska", "Wójcik", "Kamiński|Kamińska", "Zając", "Mazur",
           "Grabowski|Grabowska"]),
    "lithuanian": dict(
        m=["Jonas", "Lukas", "Matas", "Dovydas", "Tomas"],
        f=["Rūta", "Gabija", "Ugnė", "Emilija", "Austėja"],
        s=["Kazlauskas|Kazlauskaitė", "Petrauskas|Petrauskaitė", "Jankauskas|Jankauskaitė",
           "Butkus|Butkutė", "Žukauskas|Žukauskaitė"]),
    "romanian": dict(
        m=["Andrei", "Mihai", "Ștefan", "Alexandru", "Vlad", "Cristian"],
        f=["Ioana", "Elena", "Bianca", "Andreea", "Ilinca", "Denisa"],
        s=["Popa", "Dumitru", "Popescu", "Ionescu", "Stoica", "Munteanu", "Rădulescu",
           "Constantin"]),
    "chinese": dict(
        m=["Wei", "Hao", "Jun", "Zihan", "Yichen", "Haoran"],
        f=["Xin", "Mei", "Yutong", "Xinyi", "Ling", "Ruoxi"],
        s=["Zhang", "Liu", "Wang", "Li", "Chen", "Huang", "Zhou", "Wu", "Lin"]),
    "turkish": dict(
        m=["Kemal", "Emre", "Mehmet", "Burak", "Arda", "Kerem"],
        f=["Elif", "Şule", "Zeynep", "Ayşe", "Defne", "Ece"],
        s=["Yılmaz", "Demir", "Kaya", "Şahin", "Çelik", "Öztürk", "Aydın"]),
    "caribbean": dict(
        m=["Kemar", "Delroy", "Jaden", "Marcus", "Andre", "Nathaniel", "Tyrese"],
        f=["Shanice", "Tanisha", "Keisha", "Alicia", "Monique", "Chantelle", "Jade", "Honey",
           "Autumn"],
        s=["Campbell", "Clarke", "Grant", "Francis", "Bailey", "Samuels", "McKenzie", "Henry",
           "Gayle", "Forbes", "Beckford", "Stewart"]),
    "portuguese": dict(
        m=["José", "João", "Tiago", "Rafael", "Diogo"],
        f=["Inês", "Beatriz", "Leonor", "Mariana"],
        s=["De Souza", "da Silva", "Ferreira", "Santos", "Rodrigues", "Gonçalves", "Costa",
           "Pereira"]),
    "arabic": dict(
        m=["Omar", "Khalid", "Ahmad", "Karim", "Tariq", "Yasin"],
        f=["Layla", "Noor", "Amira", "Yasmin", "Rania", "Hala"],
        s=["Al-Hassan", "Al-Masri", "Haddad", "Nasser", "El-Amin", "Saleh", "Abboud",
           "Mansour"]),
    "ukrainian": dict(
        m=["Mykola", "Danylo", "Bohdan"],
        f=["Sofiia", "Daryna", "Oksana"],
        s=["Kovalenko", "Bondarenko", "Tkachenko", "Melnyk"]),
}
ORIGIN_WEIGHTS = {"english": 34, "celtic": 9, "south_asian": 13, "west_african": 8,
                  "somali": 4, "polish": 6, "lithuanian": 3, "romanian": 4, "chinese": 3,
                  "turkish": 3, "caribbean": 6, "portuguese": 3, "arabic": 3, "ukrainian": 2}

PREF = {"Alexander": "Alex", "Oluwaseun": "Seun", "Aleksandra": "Ola", "Thomas": "Tom",
        "Mohammed": "Mo", "Isabella": "Bella", "Siobhán": "Shiv", "William": "Will",
        "Richard": "Rich", "Robert": "Bob", "Elizabeth": "Lizzie", "Katarzyna": "Kasia",
        "Małgorzata": "Gosia", "Abdirahman": "Abdi", "Oluwatobi": "Tobi",
        "Christopher": "Chris", "Benjamin": "Ben", "Samuel": "Sam", "Chukwuemeka": "Emeka",
        "Jonathan": "Jon", "Rebecca": "Becky", "Wojciech": "Wojtek", "Aditya": "Adi",
        "Sunil": "Sunny", "Arthur": "Art", "Alexandru": "Alex", "Temitope": "Temi",
        "Zuzanna": "Zuzia", "Haoran": "Henry", "Yutong": "Tina"}

WORD_FIRSTS = {"Hope", "Summer", "Will", "Joy", "Grace", "Faith", "Miles", "Mark", "Rich", "Bob",
               "May", "Rose", "Autumn", "Amber", "Jack", "Bill", "Sunny", "Honey", "Jade", "Ruby",
               "Ivy", "Daisy", "Sky", "Storm", "Art", "Henry"}
WORD_SURNAMES = {"English", "French", "Hall", "Church", "Rose", "Young", "Baker", "Wood", "Green",
                 "Brown", "Wells", "Marsh", "Field", "Music", "Law", "Bell", "Lord", "Best", "May",
                 "Stone", "King", "Page", "Love", "Moss", "Gill"}

# Well-known real people to avoid (display or legal first + last, lower case, no accents).
BLOCK = {"mo farah", "mohamed farah", "mohammed farah", "will young", "william young",
         "grace jones", "mark wood", "emma stone", "amir khan", "imran khan", "zayn malik",
         "sky brown", "ruby rose", "rose byrne", "james brown", "gordon brown", "tom daley",
         "daisy ridley", "amber rudd", "jade goody", "lily allen", "lily cole", "zoe ball",
         "tom jones", "charlie brown", "harry styles", "chloe kelly", "ben stokes", "joe root",
         "mark wright", "will smith", "sam smith", "kofi annan", "tom walker", "daisy lowe",
         "harry kane", "mark king", "george ezra", "jack king", "bob marley", "ruby wax",
         "mark page", "harry hill", "rose hill", "ivy green", "jack wood", "faith hill",
         "will wood", "grace stone", "joy love", "elizabeth taylor", "james taylor",
         "richard hammond", "bill turner", "jack turner", "amelia smith",
         "holly willoughby", "henry cooper", "phoebe waller", "mark rose", "tom rose"}

FIRST_GENDER = {}
for o, p in POOLS.items():
    for n in p["m"]:
        FIRST_GENDER.setdefault(n, "m")
    for n in p["f"]:
        FIRST_GENDER.setdefault(n, "f")

TRANS = str.maketrans({"Ł": "L", "ł": "l", "ı": "i", "ø": "o", "Ø": "O", "đ": "d"})


def strip_accents(s):
    s = s.translate(TRANS)
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def email_part(s):
    s = strip_accents(s).lower()
    return re.sub(r"[^a-z\-]", "", s)


def surname_for(s, g):
    if "|" in s:
        m, f = s.split("|")
        return m if g == "m" else f
    return s


class Person:
    def __init__(self, first, last, gender, kind, pref=""):
        self.first, self.last, self.gender, self.kind, self.pref = first, last, gender, kind, pref
        self.id = None
        self.title = None
        self.child = None   # parents: linked pupil
        self.form = None

    @property
    def display_first(self):
        return self.pref or self.first

    def key(self):
        return (strip_accents(self.first).lower(), strip_accents(self.last).lower())


def blocked(first, last, pref=""):
    names = {strip_accents(f"{first} {last}").lower()}
    if pref:
        names.add(strip_accents(f"{pref} {last}").lower())
    return bool(names & BLOCK)


def pick_origin():
    return rng.choices(list(ORIGIN_WEIGHTS), weights=list(ORIGIN_WEIGHTS.values()))[0]


def random_person(kind, seen, gender=None, origin=None, last=None):
    for _ in range(1000):
        o = origin or pick_origin()
        g = gender or rng.choice("mf")
        first = rng.choice(POOLS[o][g])
        # mixed heritage / intermarriage: 15% surname from another origin
        so = o if rng.random() > 0.15 else pick_origin()
        ln = last or surname_for(rng.choice(POOLS[so]["s"]), g)
        pref = ""
        if first in PREF and rng.random() < 0.8:
            pref = PREF[first]
        p = Person(first, ln, g, kind, pref)
        if p.key() in seen or blocked(first, ln, pref):
            continue
        seen.add(p.key())
        return p
    raise RuntimeError("could not make person")


def build_roster():
    seen = set()
    pupils, staff, parents = [], [], []
    forced_pupils = [
        ("Florence", "", "Hall", "f"), ("Jack", "", "Wills", "m"),
        ("Hope", "", "Okafor", "f"), ("Hope", "", "Marsh", "f"), ("Summer", "", "Begum", "f"),
        ("Summer", "", "Clarke", "f"), ("William", "Will", "Kowalczyk", "m"),
        ("William", "Will", "Adeyemi", "m"), ("Joy", "", "Mensah", "f"),
        ("Grace", "", "Popa", "f"), ("Grace", "", "Field", "f"), ("Faith", "", "Owusu", "f"),
        ("Miles", "", "Hughes-Whitfield", "m"), ("May", "", "Zhang", "f"),
        ("Rose", "", "Gallagher", "f"), ("Autumn", "", "Bailey", "f"),
        ("Amber", "", "Yılmaz", "f"), ("Jack", "", "Church", "m"), ("Sunil", "Sunny", "Gill", "m"),
        ("Honey", "", "Francis", "f"), ("Jade", "", "Hussain", "f"), ("Ruby", "", "Stone", "f"),
        ("Ivy", "", "Wiśniewska", "f"), ("Daisy", "", "O'Connor", "f"), ("Sky", "", "Marshall", "f"),
        ("Storm", "", "Beckford", "f"), ("Arthur", "Art", "Lord", "m"),
        ("Oluwaseun", "Seun", "Adebayo", "m"), ("Aleksandra", "Ola", "Nowak", "f"),
        ("Thomas", "Tom", "English", "m"), ("Mohammed", "Mo", "Chowdhury", "m"),
        ("Isabella", "Bella", "De Souza", "f"), ("Siobhán", "Shiv", "Ní Bhriain", "f"),
        ("Alexander", "Alex", "Van der Berg", "m"), ("Oisín", "", "Mac an tSaoi", "m"),
        ("Łukasz", "", "Kowalczyk", "m"), ("Zoë", "", "Smith-Jones", "f"),
        ("José", "", "Ferreira", "m"), ("Chloé", "", "Wood", "f"), ("Rūta", "", "Kazlauskaitė", "f"),
        ("Şule", "", "Demir", "f"), ("Priyanka", "", "Patel", "f"), ("Ayaan", "", "Hussain", "m"),
        ("Zainab", "", "Begum", "f"), ("Chidi", "", "Eze", "m"), ("Adaeze", "", "Okafor", "f"),
        ("Kofi", "", "Mensah", "m"), ("Ama", "", "Boateng", "f"), ("Abdirahman", "Abdi", "Warsame", "m"),
        ("Hodan", "", "Farah", "f"), ("Zofia", "", "Wiśniewska", "f"), ("Jonas", "", "Kazlauskas", "m"),
        ("Andrei", "", "Dumitru", "m"), ("Ioana", "", "Popa", "f"), ("Wei", "", "Liu", "m"),
        ("Xin", "", "Zhang", "f"), ("Kemal", "", "Yılmaz", "m"), ("Elif", "", "Demir", "f"),
        ("Niamh", "", "O'Brien", "f"), ("Caoimhe", "", "Kavanagh", "f"), ("Dafydd", "", "Pritchard", "m"),
        ("Gethin", "", "Rees", "m"), ("Aoife", "", "McAllister", "f"), ("Layla", "", "Al-Hassan", "f"),
        ("Harpreet", "", "Kaur", "f"), ("Tomasz", "", "Zając", "m"), ("Ella", "", "Music", "f"),
        ("Noah", "", "Law", "m"), ("Evie", "", "Best", "f"), ("Oscar", "", "Young", "m"),
        ("Poppy", "", "Bell", "f"), ("Leo", "", "Page", "m"), ("Millie", "", "Love", "f"),
        ("Reuben", "", "Moss", "m"), ("Freya", "", "Wells", "f"), ("Archie", "", "Green", "m"),
        ("Theo", "", "Brown", "m"), ("Imogen", "", "Baker", "f"), ("Alfie", "", "King", "m"),
        ("Harriet", "", "May", "f"), ("George", "", "French", "m"), ("Tanisha", "", "Rose", "f"),
    ]
    for first, pref, last, g in forced_pupils:
        p = Person(first, last, g, "pupil", pref)
        assert p.key() not in seen and not blocked(first, last, pref), (first, last)
        seen.add(p.key())
        pupils.append(p)
    while len(pupils) < 420:
        pupils.append(random_person("pupil", seen))

    forced_staff = [
        ("Mark", "", "Okonkwo", "m", "Mr"), ("Richard", "Rich", "Holloway", "m", "Mr"),
        ("Robert", "Bob", "Fletcher", "m", "Mr"), ("William", "Bill", "Atkinson", "m", "Mr"),
        ("Helen", "", "English", "f", "Mrs"), ("Claire", "", "French", "f", "Miss"),
        ("Paul", "", "Music", "m", "Mr"), ("Sarah", "", "Law", "f", "Ms"), ("David", "", "Best", "m", "Mr"),
        ("Rachel", "", "Lord", "f", "Mrs"), ("Gareth", "", "Love", "m", "Mr"), ("Joanne", "", "Church", "f", "Mrs"),
        ("Neil", "", "Hall", "m", "Mr"), ("Karen", "", "Stone", "f", "Dr"), ("Simon", "", "Young", "m", "Mr"),
        ("Anita", "", "Patel", "f", "Mrs"), ("Rukhsana", "", "Begum", "f", "Ms"),
        ("Kwame", "", "Asante", "m", "Mr"), ("Małgorzata", "Gosia", "Kowalczyk", "f", "Mrs"),
        ("Ciarán", "", "Doherty", "m", "Mr"), ("Elena", "", "Popescu", "f", "Miss"),
        ("Tariq", "", "Hussain", "m", "Mr"), ("Folake", "", "Adeyemi", "f", "Dr"),
        ("Seren", "", "Llewellyn", "f", "Miss"), ("Kemal", "", "Aydın", "m", "Mr"),
        ("Inês", "", "Costa", "f", "Ms"), ("Ling", "", "Chen", "f", "Ms"),
        ("Lachlan", "", "McAllister", "m", "Mr"), ("Shanice", "", "Grant", "f", "Miss"),
        ("Hannah", "", "Marsh", "f", "Mrs"), ("Steven", "", "Field", "m", "Mr"),
    ]
    adult_extra_f = ["Sarah", "Claire", "Helen", "Joanne", "Karen", "Hannah", "Laura", "Emma",
                     "Nicola", "Kirsty", "Gemma", "Lucy", "Victoria", "Rachel", "Louise"]
    adult_extra_m = ["Paul", "David", "Neil", "Simon", "Steven", "Gareth", "Matthew", "Andrew",
                     "Ian", "Craig", "Darren", "Stuart", "Martin", "Richard"]
    for first, pref, last, g, title in forced_staff:
        p = Person(first, last, g, "staff", pref)
        p.title = title
        assert p.key() not in seen and not blocked(first, last, pref), (first, last)
        seen.add(p.key())
        staff.append(p)
    while len(staff) < 90:
        if rng.random() < 0.4:
            g = rng.choice("mf")
            first = rng.choice(adult_extra_m if g == "m" else adult_extra_f)
            last = surname_for(rng.choice(POOLS["english"]["s"] + POOLS["celtic"]["s"]), g)
            p = Person(first, last, g, "staff", PREF.get(first, "") if rng.random() < 0.3 else "")
            if p.key() in seen or blocked(first, last, p.pref):
                continue
            seen.add(p.key())
        else:
            p = random_person("staff", seen)
        staff.append(p)
    for p in staff:
        if not p.title:
            if p.gender == "m":
                p.title = rng.choices(["Mr", "Dr"], [12, 1])[0]
            else:
                p.title = rng.choices(["Mrs", "Ms", "Miss", "Dr"], [5, 4, 4, 1])[0]

    # parents: linked to distinct pupils; mostly share surname
    forced_parent_links = [("Zainab", "Begum", "Nusrat", "f"), ("Chidi", "Eze", "Ngozi", "f"),
                           ("Hope", "Okafor", "Nnamdi", "m"), ("Łukasz", "Kowalczyk", "Piotr", "m"),
                           ("Kofi", "Mensah", "Abena", "f"), ("Andrei", "Dumitru", "Bianca", "f"),
                           ("Priyanka", "Patel", "Anjali", "f"), ("Hodan", "Farah", "Sahra", "f"),
                           ("Oisín", "Mac an tSaoi", "Clodagh", "f"), ("Wei", "Liu", "Jun", "m"),
                           ("Kemal", "Yılmaz", "Ayşe", "f"), ("Florence", "Hall", "Rebecca", "f")]
    by_name = {(p.first, p.last): p for p in pupils}
    linked = set()
    for cf, cl, pf, g in forced_parent_links:
        child = by_name[(cf, cl)]
        last = child.last
        if last == "Kazlauskaitė":
            last = "Kazlauskienė"
        par = Person(pf, last, g, "parent")
        assert par.key() not in seen
        seen.add(par.key())
        par.child = child
        linked.add(id(child))
        parents.append(par)
    pool = [p for p in pupils if id(p) not in linked]
    rng.shuffle(pool)
    for child in pool:
        if len(parents) >= 90:
            break
        g = rng.choices("fm", [3, 2])[0]
        origin = next((o for o, pl in POOLS.items()
                       if child.first in pl["m"] or child.first in pl["f"]), "english")
        if rng.random() < 0.85:
            # same surname family name (gendered for Polish/Lithuanian/Irish)
            last = child.last
            for o, pl in POOLS.items():
                for s in pl["s"]:
                    if "|" in s and last in s.split("|"):
                        last = surname_for(s, g)
            if last.endswith("aitė") or last.endswith("utė"):
                last = last[:-4] + "ienė" if last.endswith("aitė") else last[:-3] + "ienė"
            try:
                par = random_person("parent", seen, gender=g, origin=origin, last=last)
            except RuntimeError:
                continue
        else:
            par = random_person("parent", seen, gender=g, origin=origin)
        par.child = child
        linked.add(id(child))
        parents.append(par)
    for p in parents:
        p.title = "Mr" if p.gender == "m" else rng.choices(["Mrs", "Ms", "Miss", "Dr"], [6, 3, 1, 1])[0]

    # forms for pupils
    houses = "BRQXT"
    for p in pupils:
        yr = rng.randint(7, 13)
        p.form = f"{yr}{rng.choice(houses)}"

    # ids, emails
    used_emails = set()
    rows = []
    pid = 1
    for lst in (pupils, staff, parents):
        for p in lst:
            p.id = f"P{pid:04d}"
            pid += 1
            fe, le = email_part(p.first), email_part(p.last)
            if p.kind == "pupil":
                base = f"{fe}.{le}"
                dom = "pupils.oakridge.sch.uk"
            elif p.kind == "staff":
                base = f"{fe[0]}.{le}"
                dom = "oakridge.sch.uk"
            else:
                style = rng.choice(["{f}.{l}", "{f}{l}", "{f}_{l}{n}", "{f}{n}", "{i}{l}{n}"])
                base = style.format(f=fe, l=le.replace("-", ""), i=fe[0], n=rng.randint(1, 99))
                dom = rng.choice(["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk",
                                  "icloud.com", "btinternet.com", "live.co.uk"])
            email = f"{base}@{dom}"
            k = 2
            while email in used_emails:
                email = f"{base}{k}@{dom}"
                k += 1
            used_emails.add(email)
            p.email = email
            personal = ""
            if p.kind == "staff" and rng.random() < 0.3:
                personal = f"{fe}.{le.replace('-', '')}{rng.randint(1, 90)}@gmail.com"
            elif p.kind == "parent" and rng.random() < 0.2:
                personal = f"{fe}{le[:3]}{rng.randint(10, 99)}@hotmail.com"
            p.personal = personal
            if p.kind == "pupil":
                p.mis = f"ADM{rng.randint(10000, 99999)}"
            elif p.kind == "staff":
                p.mis = f"STF{rng.randint(100, 999)}"
            else:
                p.mis = f"CON{rng.randint(10000, 99999)}"
            rows.append(p)
    return pupils, staff, parents, rows


PUPILS, STAFF, PARENTS, ROSTER = build_roster()
ROSTER_LASTS = {strip_accents(p.last).lower() for p in ROSTER}
ROSTER_FIRSTS = {strip_accents(p.first).lower() for p in ROSTER} | \
    {strip_accents(p.pref).lower() for p in ROSTER if p.pref}
FIXED = {"FH": next(p for p in PUPILS if (p.first, p.last) == ("Florence", "Hall")),
         "JW": next(p for p in PUPILS if (p.first, p.last) == ("Jack", "Wills"))}

# ---------------------------------------------------------------------------
# People NOT on the roster (outside professionals, visitors, new starters...)
# ---------------------------------------------------------------------------
DETECTOR = [("Dr", "Imelda", "Prothero"), ("Ms", "Rosalind", "Achterberg"),
            ("Mr", "Desmond", "Okwuosa"), ("Mr", "Gareth", "Trevelyan"),
            ("Mrs", "Harriet", "Quennell"), ("Mr", "Bartosz", "Zieliński"),
            ("Ms", "Nkechi", "Umeadi"), ("Dr", "Farida", "Lakhani"), ("Mr", "Callum", "Strachan"),
            ("Ms", "Yetunde", "Bankole"), ("Mr", "Ruairí", "Ó Dubhghaill"),
            ("Mrs", "Sunita", "Ramaswamy"), ("Ms", "Greta", "Lindqvist"),
            ("Mr", "Tadeusz", "Wróbel"), ("Mrs", "Gülşen", "Korkmaz"), ("Ms", "Phoebe", "Ashdown"),
            ("Dr", "Kwabena", "Asante-Mireku"), ("Mrs", "Deborah", "Pennock"),
            ("Mr", "Ilie", "Constantinescu"), ("Mr", "Jarrah", "Whitlock"),
            ("Ms", "Marisol", "Quintero"), ("Mr", "Declan", "Fennessy"),
            ("Mrs", "Lorna", "Haverstock"), ("Ms", "Tamsin", "Greaves"),
            ("Miss", "Bethan", "Pugh-Morris"), ("Mr", "Olamide", "Fashola"),
            ("Mrs", "Parveen", "Akhtar"), ("Ms", "Ingrid", "Solberg"), ("Mr", "Ravi", "Venkatesan"),
            ("Dr", "Aurelia", "Montgomery-Fyfe"), ("Mr", "Hyun-woo", "Baek"),
            ("Ms", "Keziah", "Dunmore"), ("Mrs", "Agnieszka", "Sadowska"), ("Mr", "Rhodri", "Vaughan")]
for t, f, l in DETECTOR:
    assert strip_accents(l).lower() not in ROSTER_LASTS, l


def det_person(t, f, l):
    p = Person(f, l, "m" if t == "Mr" else "f", "detector")
    p.title = t
    return p


DET_PEOPLE = [det_person(*d) for d in DETECTOR]

# ---------------------------------------------------------------------------
# Fillers
# ---------------------------------------------------------------------------
FILL = {
    "form": ["7B", "7R", "8Q", "8R", "9X", "9T", "10B", "10X2", "11X2", "11Q", "12B", "13R",
             "7Q1", "9R", "8X"],
    "yr": ["Y7", "Y8", "Y9", "Y10", "Y11", "Yr 9", "Yr 10", "Year 11", "Year 8", "yr7", "Y12",
           "Yr 13", "KS3", "KS4", "Y6 transition"],
    "per": ["P1", "P2", "P3", "P4", "P5", "P6", "period 3", "P2-3", "p5", "lesson 4"],
    "day": ["Mon", "Tues", "Weds", "Thurs", "Fri", "tomorrow", "today", "Monday", "Thursday",
            "next week", "this pm"],
    "subj": ["maths", "English", "French", "History", "Music", "Science", "PE", "Geography",
             "RE", "DT", "Art", "Drama", "Computing", "Spanish", "Biology", "Food tech"],
    "date": ["12/3", "3rd Oct", "14/11", "w/c 6th Jan", "21.2", "9th May", "1/12", "27 June"],
    "n": [str(i) for i in range(2, 14)],
    "money": ["4.60", "12.40", "23.15", "38.00", "7.85", "56.70"],
    "room": ["S12", "M4", "the Hall", "E7", "LRC", "H3", "the sports hall", "G14"],
    "time": ["8.15", "3.20", "12.30", "10am", "2pm", "4.15"],
}

# ---------------------------------------------------------------------------
# Templates.  Slots: {TYPE<n>:form}
#  TYPE: P pupil, PW pupil w/ word-like first name, PS pupil w/ word surname,
#        PA pupil w/ accented name, PM pupil w/ multi-part surname,
#        PP pupil w/ preferred name, S staff, SW staff w/ word surname,
#        G parent, K child of G<n>, D person not on roster, @FH / @JW fixed.
#  form: full, first, legal, pref, sur, tsur (title excluded from span),
#        tfull (title excluded), lf ("Last, First"), LF ("LAST, First"),
#        fi ("First L"/"First L."), is ("F. Last"/"F Last"), strip (accents removed).
# ---------------------------------------------------------------------------
DEV_POS = [
    "{P1:full} - missing PE kit again",
    "{PW1:first} left bag in {form} - can someone check?",
    "{P1:full} {form} - behaviour incident {per}",
    "CP concern - {P1:full} ({yr})",
    "Detention {day}: {P1:fi}, {P2:fi}, {P3:fi}",
    "Swap: {P1:first} to {form}, {P2:first} to {form}",
    "call back {G1:tsur} re {K1:first}",
    "Meeting with {G1:tsur} and {S1:tsur} re {K1:full}",
    "{P1:first}'s reading age results",
    "{P1:first}’s EHCP annual review - draft attached",
    "Attendance concern: {P1:lf}",
    "{P1:is} - medical (asthma) - inhaler in office",
    "Cover for {S1:tsur} {per} {day}",
    "{SW1:tsur} off sick - cover needed {per}",
    "Isolation today: {P1:full}, {P2:full}",
    "Lunch debt - {P1:full} ({form}) £{money}",
    "MyConcern log for {P1:first} {form}",
    "Parents evening appt - {G1:tfull}",
    "{K1:first}'s mum ({G1:tsur}) rang re bullying",
    "Safeguarding - {P1:full} - please read",
    "FAO {S1:tsur}: {P1:first} lost blazer",
    "Predicted grades query from {G1:tsur}",
    "Exclusion letter {P1:full} - needs signing by {S1:tsur}",
    "Welfare check on {P1:first} please - very upset after lunch",
    "{PA1:full} - EAL assessment booked",
    "{PA1:strip} timetable clash {yr}",
    "{PM1:full} - trip consent form not returned",
    "{PP1:pfull} - change of preferred name on Arbor",
    "EP visit - {D1:tfull} in Thurs P3-4 for {P1:full}",
    "Welcome {D1:tfull} - new TA starting Mon",
    "{D1:tsur} (social worker) wants to see {P1:first} today",
    "SEN review {P1:full} w/ {D1:tsur} (SALT)",
    "Science detention w/ {P1:sur}, {P2:sur} & {P3:sur}",
    "{P1:fi} and {P2:fi} - fight at break",
    "Mocks: {P1:full} needs reader + extra time",
    "Reading age retest - {PW1:first} & {P2:first}",
    "RE: {P1:full} phone confiscated",
    "{S1:tsur}'s form - tutor time cover",
    "Thanks {S1:first}!",
    "{S1:first} - can you cover {SW1:tsur}’s duty {day}?",
    "Lost property - {P1:first}'s coat",
    "Well done {PW1:first} - 100% attendance this half term",
    "Behaviour points {form} - {P1:first} top again",
    "{G1:tsur} emailed again re {K1:first}'s detention",
    "Is {PW1:full} in today?",
    "{PW1:first} was upset in {subj} - can someone check in",
    "{SW1:tfull} - DBS renewal",
    "Risk assessment - {P1:full} (climbing frame)",
    "{P1:lf} ({form}) - EHCP draft from LA",
    "Letter home for {P1:is}",
    "CPOMS - {P1:full} - disclosure to {S1:tsur}",
    "Translator needed for {G1:tfull} parents evening",
    "{K1:full}'s dad ({G1:full}) called - pick up 2pm",
    "Please can {PW1:first} see me at break - {S1:tsur}",
    "Y11 predicted grades - {P1:full} query",
    "Re: Fwd: {P1:full} - attendance panel",
    "{D1:tfull} (ex-pupil) visiting {day} to talk to {yr}",
    "Supply today: {D1:tfull} covering {S1:tsur}",
    "{PS1:full} - uniform (trainers again)",
    "{SW1:tsur} {subj} set 2 - marking moderation",
    "{P1:first} & {P2:first} ({form}) - sent out of {subj}",
    "Homework not in: {P1:sur}, {P2:sur}, {P3:sur}",
    "SIMS export - {P1:LF} duplicate record",
    "{PA1:first} in {form} - medical note",
    "Toilet pass for {PM1:full}",
    "{PP1:pref} forgot lunch - can office ring home",
    "{@FH:full} - nosebleed in PE",
    "Medical: {@FH:full} collected by mum",
    "{@JW:full} - detention {day}",
    "{PS1:full}: late x3 this week",
    "Duty swap with {S1:tsur}? ({day} break)",
    "{G1:tfull} - lunch debt reminder",
    "ATT: {P1:first} absent - no call from home",
    "Fwd: {P1:full} - Year 9 options",
    "{PW1:first}'s EHCP - draft from {D1:tsur}",
    "{S1:is} - parents evening slots",
    "{P1:first} {form} - isolation tomorrow",
    "Please add {P1:full} to the trip list",
]

HOLD_POS = [
    "Incident report {date} - {P1:full}",
    "Pls can someone find {P1:first} - not in {per}",
    "{P1:full} feeling dizzy - sent to medical room",
    "Chasing: {P1:lf} consent form",
    "{P1:first}/{P2:first}/{P3:first} - seating plan {form}",
    "Contact from {G1:tfull} - complaint",
    "{D1:full} from CAMHS - referral update for {P1:fi}",
    "Handover: {P1:fi} collected by {G1:tsur}",
    "Concern raised by {S1:tsur} about {P1:first}",
    "{S1:is} absence {day}",
    "Re: Re: {P1:first} {form} homework club",
    "Kit sizes - {P1:first}, {P2:first}, {P3:first}, {P4:first}",
    "{PW1:first} in {form} has nits - letter to go home",
    "{PW1:full} - Duke of Edinburgh forms",
    "Behaviour contract signed by {G1:tsur}",
    "{P1:first} (not {P2:first}) - wrong name on certificate",
    "Who has {P1:first} {per}?",
    "{P1:full}’s laptop - IT ticket raised",
    "Referral to MASH - {P1:full}",
    "Please chase {G1:tsur} for medical form",
    "{S1:first} / {S2:first} - cover swap {day}",
    "Inhaler - {P1:is} - expires {date}",
    "{PA1:full}: lunch debt £{money}",
    "{PA1:strip} - new arrival, needs a buddy",
    "{PM1:lf} - SEN support plan",
    "Extra time for {P1:first} in mocks?",
    "{P1:full}: {subj} catch-up",
    "Thank you card from {G1:tfull}",
    "Fw: {G1:tsur} - holiday request (term time)",
    "{PP1:pref} - behaviour in {subj}",
    "{SW1:tsur} on a course Thurs - {yr} cover",
    "Trip money - {K1:full} paid cash ({G1:tsur})",
    "Guest speaker {D1:tfull} - {day} assembly",
    "Interpreter booked ({D1:tsur}) for {G1:tsur} meeting",
    "Toilet vandalism - {P1:first} and {P2:first} seen on CCTV",
    "{P1:fi} ({form}) dropped off late by taxi",
    "Congrats to {PW1:first} in {form} - star of the week",
    "Has anyone seen {PW1:first}? Not registered {per}",
    "Reading buddy pairs: {P1:first} + {P2:first}",
    "{S1:tsur} & {S2:tsur} - moderation {day}",
    "From {S1:tsur}: {P1:full} in isolation",
    "{D1:tsur} visit cancelled - {P1:first} {yr}",
    "{PS1:full} {form} - report card",
    "FYI {SW1:tsur} is leading Faith assembly {day}",
    "{P1:first} says {P2:first} took phone from bag",
    "Ask {S1:first} re {P1:first}’s EHCP",
    "{@FH:full} (8R) collected early - dentist",
    "{@FH:full} - sunburn, no sun cream in bag",
    "{@JW:fi} - see {S1:tsur}",
    "{PW1:full} - reading age 8.2",
    "Sanction logged: {P1:LF}",
    "Year 10 work experience - {P1:full} placement fell through",
    "{G1:tsur} (parent of {K1:full}) - urgent call back",
    "{PA1:first}: translation of letter needed for home",
    "{PM1:full} in {subj} - refused to work",
    "Spoke to {K1:first}'s carer ({G1:tfull})",
    "{P1:full} + {P2:full} - restorative meeting {day}",
    "Attendance panel list: {P1:lf}; {P2:lf}",
    "CP - {P1:fi} - update from {D1:tsur}",
    "New starter {D1:full} - laptop and SIMS login",
    "{PW1:first}'s mum says bus was late",
    "{S1:tfull} - leaving do?",
    "Quick one {S1:first} - {P1:first}'s folder?",
    "Medical room: {P1:first} ({form}) headache",
    "Seating: move {P1:sur} away from {P2:sur}",
    "{PP1:pfull} - music lesson clash",
    "Cover work for {SW1:tsur}'s {yr} class",
    "Interview panel - {D1:tfull} (candidate)",
    "{P1:first} - merit for {subj} homework",
    "Detention list {day}: {P1:sur}, {P2:sur}",
    "{K1:first} collected by {G1:tsur} at {time}",
]

DEV_NEG = [
    "Hope you had a good half term!",
    "Will you cover {per} {day}?",
    "Grace period for {subj} coursework ends Fri",
    "Summer term dates - draft",
    "Mark scheme for {yr} mock",
    "Rich text editor broken in Arbor",
    "{subj} dept budget 24/25",
    "May half term - site closed",
    "Ted Baker voucher for the raffle",
    "Stanley Park trip - risk assessment",
    "Peter Pan rehearsals moved to {day}",
    "Jack Wills hoodies x3 in lost property - unnamed",
    "Jack Petchey award nominations due {date}",
    "Florence Nightingale assembly slides",
    "Grace Academy fixture cancelled",
    "Churchill House points total",
    "{yr} English mock results",
    "French trip letter - final version",
    "History homework club - new room",
    "Music dept budget request",
    "Lost property - {n} blazers unnamed",
    "Duty rota {date}",
    "Parents evening {yr} - booking system open",
    "SIMS down again",
    "CPOMS training {day} after school",
    "Fire drill {day} {per}",
    "Trip consent forms {yr} - {n} outstanding",
    "Reading age data {yr}",
    "Cover {per} in {room}",
    "Mocks timetable {yr} v3",
    "Predicted grades deadline {date}",
    "Lunch debt letters - template",
    "Isolation room rota",
    "Attendance figures w/e {date}",
    "EHCP annual reviews - LA deadlines",
    "Safeguarding update - KCSIE changes",
    "SEN register refresh",
    "Behaviour policy consultation",
    "Staff briefing moved to {time}",
    "Christmas jumper day",
    "Red Nose Day - cake sale",
    "World Book Day costumes",
    "Sports day - volunteers needed",
    "Leaving collection - card in staffroom",
    "Green Flag eco award",
    "Young Carers group {day}",
    "Wood delivery for DT",
    "Wells Cathedral trip {yr}",
    "Church service rehearsal {day}",
    "Field trip {yr} geography",
    "Marsh ecology fieldwork kit",
    "King's Trust referrals",
    "Page numbers wrong on {yr} booklets",
    "Stone circle trip - coach times",
    "Moss on the astroturf - site team",
    "Law Society mock trial",
    "Bell times change from {date}",
    "Lord of the Flies texts returned?",
    "Brown envelopes for reports",
    "Joy of reading week",
    "Faith assembly rota",
    "Miles to walk for charity",
    "Summer fair stall list",
    "Autumn term data drop",
    "Amber weather warning - buses",
    "Storm Bert - early closure",
    "Art exhibition - hanging {day}",
    "Sunny day - sun cream reminder",
    "Honey from the eco club hives",
    "Bill from coach company",
    "Minibus jack missing",
    "Rose garden planting {day}",
    "Harry Potter book night",
    "Roald Dahl day - costumes",
    "Anne Frank Trust workshop {yr}",
    "Duke of Edinburgh expedition kit list",
    "St Mark's visit",
    "Oliver! auditions",
    "Matilda the Musical trip - coach",
    "Mr Men day in reception",
    "Doctor Who club moved to {room}",
    "Victoria Park run {day}",
    "Alexandra Palace trip - payments",
    "Ivy on the car park wall",
    "Ruby anniversary celebration planning",
    "Best wishes to all for the holidays",
    "Love Island chat in form time - PSHE",
    "Florence Hall booking for {day}",
    "reminder - {yr} reports due {date}",
    "Free school meals vouchers",
    "Y11 revision sessions {day}",
    "Exam access arrangements - deadline",
    "Exclusions data for governors",
    "Photocopier jam in {room}",
    "Pupil premium spend",
    "Arbor parent app not loading",
    "Cover slip {per}",
    "Welfare room needs restocking",
    "Medical forms - trip {date}",
    "Jade Garden order for staff social",
]

HOLD_NEG = [
    "Hoping to finalise the timetable by Fri",
    "will do - thanks",
    "Can you mark the {yr} papers?",
    "Grace before lunch - chaplaincy",
    "Summer school applications",
    "Joy in maths - puzzle competition",
    "Faith schools network meeting",
    "Mark entry deadline {date}",
    "Miles walked so far - charity tracker",
    "Sunny intervals - sports day still on",
    "Honey sale after school",
    "Bill for minibus repairs",
    "Ivy League talk for sixth form",
    "Sky Academy studios trip",
    "Storm Darragh - site update",
    "Art & Design moderation",
    "Rose Bruford open day - drama students",
    "Amber behaviour card system review",
    "Autumn 2 assessment window",
    "Hope House hospice fundraiser",
    "Will writing seminar - staff pension",
    "May Day bank holiday - no clubs",
    "May we use the hall {day}?",
    "Young Enterprise final",
    "King Edward's fixture moved",
    "Prince's Trust workshop",
    "Elizabeth line strike - late arrivals",
    "Stanley knife missing from DT",
    "Winston Churchill essay competition",
    "Victoria sponge for bake off",
    "Marks & Spencer vouchers",
    "Fields in Trust grant bid",
    "French exchange host families",
    "English Heritage membership renewal",
    "Music service invoice",
    "History mock paper 2",
    "Law & ethics AS session",
    "Brown bag lunch CPD",
    "Green screen in media room broken",
    "Hall booked for exams - no PE",
    "Church Lane crossing patrol",
    "Moss Side fixture away",
    "Best of luck {yr}!",
    "Stone Age topic resources",
    "Page 3 missing from {yr} papers",
    "Love Parks week",
    "Bell rang early again",
    "Lord Mayor visit {day}",
    "Marsh Road traffic cones",
    "Paddington 2 film afternoon",
    "Horrible Histories live tickets",
    "Shakespeare Schools Festival",
    "Rosa Parks assembly - Black History Month",
    "Grace Mary Primary transition day",
    "St Thomas' hospital work experience",
    "Ben Nevis DofE practice walk",
    "Charlie and the Chocolate Factory rehearsal",
    "Hamilton trip - deposit",
    "Is Florence Hall free {per} for the {yr} assembly?",
    "Jack Wills gilet handed in to the office",
    "Jack Petchey winner - presentation {day}",
    "Grace Darling assembly resources",
    "Daisy chain of emails re parking",
    "Ruby Tuesday? no - Thurs cover",
    "Jade plant in reception needs water",
    "Wood Lane site - key holders",
    "Kings College outreach day",
    "Bob the Builder costume for book day",
    "Eco council minutes",
    "Bus passes {yr}",
    "Supply invoice query",
    "Headlice letter for {form}",
    "Behaviour log - {form} {per}",
    "Quick q re the CPOMS categories",
    "Admissions appeal paperwork",
    "Intervention groups {yr} maths",
    "SENCo drop-in {day}",
    "Attendance rewards - ideas?",
    "Detention room change {day}",
    "Parents' evening rota {yr}",
    "Lost: staff lanyard near {room}",
    "Trip to Kew - packed lunches",
    "New MyConcern categories",
    "Exclusion appeal - governors panel",
    "Cover arrangements {date}",
    "Uniform shop closed {day}",
    "Reading age tests - scanning",
    "Y13 UCAS references",
    "Oracy week - speaking frames",
    "Medical room stock check",
    "Water leak in {room}",
    "Class charts sync with SIMS",
    "Form tutor notes {form}",
    "Staff room fridge clear-out {day}",
    "Mocks results - analysis template",
    "Safeguarding CPD - sign-in sheet",
    "Predicted grades v2",
    "Nativity costumes",
]

AMBIGUOUS_MARKERS = {"Florence Hall booking for {day}",
                     "Is Florence Hall free {per} for the {yr} assembly?",
                     "Jack Wills gilet handed in to the office"}

DEV_PREFIX = ["Re: ", "RE: ", "RE: FW: ", "Fwd: ", "FW: ", "Re: Re: "]
HOLD_PREFIX = ["Re: ", "RE: RE: ", "Fw: ", "Fwd: Re: ", "FW: ", "RE:", "re: "]

SLOT = re.compile(r"\{(?:@(?P<fx>[A-Z]+)|(?P<typ>[A-Z]+)(?P<idx>\d*)):(?P<form>\w+)\}|\{(?P<fill>\w+)\}")


def is_accented(p):
    return strip_accents(p.first + p.last) != p.first + p.last


def is_multipart(p):
    return bool(re.search(r"[ \-'’]", p.last))


def candidates(typ):
    if typ == "P":
        return PUPILS
    if typ == "PW":
        return [p for p in PUPILS if p.display_first in WORD_FIRSTS or p.first in WORD_FIRSTS]
    if typ == "PS":
        return [p for p in PUPILS if p.last in WORD_SURNAMES and p is not FIXED["FH"]]
    if typ == "PA":
        return [p for p in PUPILS if is_accented(p)]
    if typ == "PM":
        return [p for p in PUPILS if is_multipart(p)]
    if typ == "PP":
        return [p for p in PUPILS if p.pref]
    if typ == "S":
        return STAFF
    if typ == "SW":
        return [p for p in STAFF if p.last in WORD_SURNAMES]
    if typ == "G":
        return PARENTS
    if typ == "D":
        return DET_PEOPLE
    raise KeyError(typ)


def render(p, form, typ):
    """Return list of (text, is_span) pieces."""
    if typ == "PW":
        first = p.pref if p.pref in WORD_FIRSTS else p.first
    elif form == "legal":
        first = p.first
    elif form == "pref":
        first = p.pref or p.first
    else:
        first = p.pref if (p.pref and rng.random() < 0.75) else p.first
    last = p.last
    if form == "full":
        return [(f"{first} {last}", True)]
    if form == "pfull":
        return [(f"{p.pref or p.first} {last}", True)]
    if form in ("first", "legal", "pref"):
        return [(first, True)]
    if form == "sur":
        return [(last, True)]
    if form == "tsur":
        return [(p.title + " ", False), (last, True)]
    if form == "tfull":
        return [(p.title + " ", False), (f"{first} {last}", True)]
    if form == "lf":
        return [(f"{last}, {first}", True)]
    if form == "LF":
        return [(f"{last.upper()}, {first}", True)]
    if form == "fi":
        dot = "." if rng.random() < 0.5 else ""
        return [(f"{first} {last[0].upper()}{dot}", True)]
    if form == "is":
        sep = ". " if rng.random() < 0.6 else " "
        return [(f"{first[0]}{sep}{last}", True)]
    if form == "strip":
        return [(strip_accents(f"{first} {last}"), True)]
    raise KeyError(form)


def title_case(s):
    return re.sub(r"(^|(?<=[\s\-/(\[]))([a-z])", lambda m: m.group(2).upper(), s)


def fill_template(tpl):
    """Return (pieces, persons) where pieces are (text, person_or_None, label)."""
    people = {}
    used = set()

    def get(typ, idx):
        key = typ + idx
        if typ == "@":
            return FIXED[idx]
        if key in people:
            return people[key]
        if typ == "K":
            par = get("G", idx)
            people[key] = par.child
            used.add(id(par.child))
            return par.child
        cands = [c for c in candidates(typ) if id(c) not in used]
        if typ == "G":
            cands = [c for c in cands if id(c.child) not in used]
        p = rng.choice(cands)
        used.add(id(p))
        people[key] = p
        return p

    # resolve parents before children so K links work regardless of order
    for m in SLOT.finditer(tpl):
        if m.group("typ") == "G":
            get("G", m.group("idx"))
    pieces = []
    pos = 0
    for m in SLOT.finditer(tpl):
        if m.start() > pos:
            pieces.append((tpl[pos:m.start()], None, None))
        if m.group("fill"):
            pieces.append((rng.choice(FILL[m.group("fill")]), None, None))
        else:
            if m.group("fx"):
                typ, idx = "@", m.group("fx")
            else:
                typ, idx = m.group("typ"), m.group("idx")
            form = m.group("form")
            p = get(typ, idx)
            label = "detector" if p.kind == "detector" else "directory"
            for text, is_span in render(p, form, typ):
                pieces.append((text, p if is_span else None, label if is_span else None))
        pos = m.end()
    if pos < len(tpl):
        pieces.append((tpl[pos:], None, None))
    return pieces


def apply_case(pieces, case):
    out = []
    for text, p, label in pieces:
        if case == "upper":
            text = text.upper()
        elif case == "lower":
            text = text.lower()
        elif case == "title" and p is None:
            text = title_case(text)
        out.append((text, p, label))
    if case == "title" and out and out[0][1] is None:
        t = out[0][0]
        out[0] = (t[:1].upper() + t[1:], None, None)
    return out


def odd_space(pieces):
    kind = rng.choice(["double", "lead", "trail", "dash"])
    pieces = list(pieces)
    if kind == "lead":
        pieces.insert(0, ("  " if rng.random() < .5 else " ", None, None))
    elif kind == "trail":
        pieces.append(("  ", None, None))
    else:
        idxs = [i for i, (t, p, _) in enumerate(pieces) if p is None and " " in t]
        if not idxs:
            pieces.append((" ", None, None))
        else:
            i = rng.choice(idxs)
            t = pieces[i][0]
            if kind == "dash" and " - " in t:
                t = t.replace(" - ", "  -  ", 1)
            else:
                j = rng.choice([k for k, c in enumerate(t) if c == " "])
                t = t[:j] + "  " + t[j + 1:]
            pieces[i] = (t, None, None)
    return pieces


def assemble(pieces):
    subject = ""
    spans = []
    kinds = []
    for text, p, label in pieces:
        start = len(subject)
        subject += text
        if p is not None:
            spans.append([start, len(subject), label, text])
            kinds.append(p.kind if label == "directory" else "unknown")
    for s, e, lab, t in spans:
        assert subject[s:e] == t, (subject, s, e, t)
        assert t == t.strip() and t, (subject, t)
    for a, b in zip(spans, spans[1:]):
        assert a[1] <= b[0]
    return subject, spans, kinds


def case_label(subject, applied):
    if any(c.isalpha() for c in subject) and subject == subject.upper():
        return "upper"
    if subject == subject.lower():
        return "lower"
    return applied


def build_split(pos_tpls, neg_tpls, prefixes, n_total, pos_frac=0.45):
    n_pos = round(n_total * pos_frac)
    n_neg = n_total - n_pos
    cases = (["sentence"] * round(n_total * .55) + ["title"] * round(n_total * .12) +
             ["upper"] * round(n_total * .15) + ["lower"] * round(n_total * .15))
    cases += ["odd"] * (n_total - len(cases))
    rng.shuffle(cases)
    plan = [True] * n_pos + [False] * n_neg
    rng.shuffle(plan)
    out, seen_subj = [], set()
    fixed_used = Counter()
    tpl_iters = {True: [], False: []}

    def next_tpl(positive):
        lst = tpl_iters[positive]
        if not lst:
            lst.extend(pos_tpls if positive else neg_tpls)
            rng.shuffle(lst)
        return lst.pop()

    for positive, case in zip(plan, cases):
        for _attempt in range(200):
            tpl = next_tpl(positive)
            if "@" in tpl or tpl in AMBIGUOUS_MARKERS:
                if fixed_used[tpl] >= 1:
                    continue
            pieces = fill_template(tpl)
            if rng.random() < 0.18 and not tpl.lower().startswith(("re:", "fwd:", "fw:")):
                pieces.insert(0, (rng.choice(prefixes), None, None))
            applied = "sentence" if case == "odd" else case
            pieces = apply_case(pieces, applied)
            if case == "odd":
                pieces = odd_space(pieces)
            subject, spans, kinds = assemble(pieces)
            if subject.lower() in seen_subj:
                continue
            seen_subj.add(subject.lower())
            fixed_used[tpl] += 1
            rec = {"subject": subject, "spans": spans, "case": case_label(subject, applied),
                   "kinds": kinds}
            if tpl in AMBIGUOUS_MARKERS:
                rec["ambiguous"] = True
            if case == "odd":
                rec["odd_spacing"] = True
            assert bool(spans) == positive
            out.append(rec)
            break
        else:
            raise RuntimeError("ran out of templates")
    return out


def check_templates():
    for t in DEV_POS + HOLD_POS:
        assert any(m.group("form") for m in SLOT.finditer(t)), t
    for t in DEV_NEG + HOLD_NEG:
        assert not any(m.group("form") for m in SLOT.finditer(t)), t
    # holdout wording must not reuse dev templates
    assert not set(DEV_POS) & set(HOLD_POS)
    assert not set(DEV_NEG) & set(HOLD_NEG)


def stats(recs):
    c = Counter()
    c["subjects"] = len(recs)
    c["with_names"] = sum(1 for r in recs if r["spans"])
    c["no_names"] = sum(1 for r in recs if not r["spans"])
    c["ambiguous"] = sum(1 for r in recs if r.get("ambiguous"))
    c["odd_spacing"] = sum(1 for r in recs if r.get("odd_spacing"))
    for r in recs:
        c["case_" + r["case"]] += 1
        for s, k in zip(r["spans"], r["kinds"]):
            c["spans_" + s[2]] += 1
            c["kind_" + k] += 1
    return c


def main():
    check_templates()
    with open(os.path.join(OUT, "roster.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email",
                    "personal_emails", "mis_ref"])
        for p in ROSTER:
            w.writerow([p.id, p.first, p.pref, p.last, p.kind, p.email, p.personal, p.mis])
    dev = build_split(DEV_POS, DEV_NEG, DEV_PREFIX, 350)
    hold = build_split(HOLD_POS, HOLD_NEG, HOLD_PREFIX, 350)
    dev_subj = {r["subject"].lower() for r in dev}
    assert not any(r["subject"].lower() in dev_subj for r in hold)
    for name, recs in (("dev.jsonl", dev), ("holdout.jsonl", hold)):
        with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
            for r in recs:
                for s, e, lab, t in r["spans"]:
                    assert r["subject"][s:e] == t
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    kinds = Counter(p.kind for p in ROSTER)
    npref = sum(1 for p in ROSTER if p.pref)
    sd, sh = stats(dev), stats(hold)
    write_readme(kinds, npref, sd, sh)
    print("roster", dict(kinds), "preferred", npref)
    print("dev", dict(sd))
    print("holdout", dict(sh))


def write_readme(kinds, npref, sd, sh):
    keys = ["subjects", "with_names", "no_names", "ambiguous", "spans_directory",
            "spans_detector", "kind_pupil", "kind_staff", "kind_parent", "kind_unknown",
            "case_sentence", "case_title", "case_upper", "case_lower", "odd_spacing"]
    table = "| count | dev | holdout |\n|---|---|---|\n" + "\n".join(
        f"| {k} | {sd.get(k, 0)} | {sh.get(k, 0)} |" for k in keys)
    text = f"""# school2 - synthetic eval set: person names in UK school email subjects

**Everything here is synthetic.** The roster is made of random first-name/surname
combinations from hand-written pools covering many origins. A blocklist stops
well-known real people's names being generated. Subject lines come from hand-written templates in UK
school staff shorthand. Names are filled from the roster (or from a pool of made-up outside
people who are not on it). This set was written from the task brief alone, without
reading the project's code or data.

Regenerate with `python3 make_set.py` (seed {SEED}; deterministic). The script asserts
`subject[start:end] == text` for every span. It also asserts that holdout templates and
subjects do not overlap with dev, and that no outside person's surname is on the roster.

## Files
- `roster.csv`: {sum(kinds.values())} people ({kinds['pupil']} pupils, {kinds['staff']} staff,
  {kinds['parent']} parents), {npref} with a preferred name ({100*npref/sum(kinds.values()):.1f}%).
  Header `id,first_name,preferred_name,last_name,kind,email,personal_emails,mis_ref`.
  Pupils `first.last@pupils.oakridge.sch.uk` + `ADMnnnnn`; staff `f.last@oakridge.sch.uk` +
  `STFnnn`; parents webmail + `CONnnnnn`. Email local parts have accents, spaces and
  apostrophes removed. Deliberate traps on the roster:
  - first names that are ordinary words (Hope, Summer, Will, Joy, Grace, Faith, Miles, Mark, Rich,
    Bob, May, Rose, Autumn, Amber, Jack, Bill, Sunny, Honey, Jade, Ruby, Ivy, Daisy, Sky, Storm,
    Art, Henry)
  - surnames that are words, subjects or places (English, French, Music, Law, Hall, ...)
  - multi-part surnames (Smith-Jones, Van der Berg, De Souza, O'Connor, Mac an tSaoi, Al-Hassan,
    Ní Bhriain, ap Gwilym)
  - accented names (Zoë, Oisín, Łukasz, José, Chloé, Rūta, Şule, Yılmaz)
  - pupils **Florence Hall** and **Jack Wills**, which clash with a venue and a brand.
- `dev.jsonl`, `holdout.jsonl`: one JSON object per line:
  `{{"subject", "spans": [[start, end, label, text], ...], "case", "kinds"}}`. Some lines also have
  `"ambiguous": true` or `"odd_spacing": true`.
  Holdout uses a separately written set of templates and reply prefixes, so no template is shared
  with dev. Both splits use the same roster.

## Counts
{table}

## Labelling conventions
- `directory` = a person on roster.csv, written in a form that fits them. `detector` = a real-world
  (still synthetic) person being written about who is NOT on the roster: EPs, social workers,
  SALT, CAMHS, supply/new staff, interview candidates, visitors, ex-pupils. Their surnames do not
  appear on the roster.
- `kinds` has one entry per span, in span order: pupil/staff/parent for directory spans, `unknown`
  for detector spans. A negative line has `[]`.
- A span covers the name only:
  - Titles (Mr/Mrs/Ms/Miss/Dr) are excluded: `Mrs Begum` → span `Begum`; `Dr Imelda Prothero` →
    `Imelda Prothero`.
  - Possessive `'s` / `’s` is excluded: `Amir's` → `Amir`.
  - Initials and their dot are included: `Zofia W.`, `Z. Wiśniewska`, `Z Wiśniewska`.
  - Particles are included: `Van der Berg`, `Mac an tSaoi`, `Ní Bhriain`, `De Souza`.
  - `Surname, First` is one span that includes the comma (also the SIMS-style `KOWALCZYK, Zofia`).
  - A full name is one span. Every person in a list gets their own span.
- Names keep the subject's case (ALL CAPS or all lower-case lines have ALL CAPS / lower-case
  names). Forms with the accents removed (`Oisin`, `Lukasz`) are still `directory`.
- Word uses of name-like words are not labelled: "Hope you...", "Will you cover", "Mark scheme",
  "Summer term", "May half term", subjects named English/French/Music/Art, places and
  organisations (Stanley Park, Wells Cathedral, Grace Academy, King's Trust), brands
  (Ted Baker, Jack Wills hoodies), awards and works (Jack Petchey award, Peter Pan, Matilda), and
  historical people used as assembly themes (Florence Nightingale, Grace Darling, Rosa Parks).
- Ambiguous: "Florence Hall booking..." / "Is Florence Hall free..." (a venue, but there is a pupil
  called Florence Hall) and "Jack Wills gilet handed in" (brand or pupil) have no span and
  `"ambiguous": true`. The lines that clearly mean the pupils (e.g. "Florence Hall - nosebleed in
  PE", "Jack Wills - detention Thurs") are labelled `directory`.
- `case` is worked out from the final string: `upper` if it equals its upper-case form, `lower` if it
  equals its lower-case form, otherwise the style that was applied (`title` or `sentence`).
  Odd-spacing lines (double spaces, leading/trailing spaces) are sentence case and have
  `odd_spacing: true`.
- About 18% of lines get a reply/forward prefix (`Re:`, `RE: FW:`, `Fwd: Re:` ...).

## Known limitations
- The templates are reused with different names (about 80 positive and 100 negative templates per
  split), so the wording is less varied than real mail.
- Title Case leaves the particles inside names as they are (`van`/`der`, `an`, `de`).
"""
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
