"""Writes roster.csv (+ build/middle_names.json). Fixed seed. Hand-chosen people first, then seeded fill."""
import csv, json, os, random, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import fold, ROOT, HERE

rng = random.Random(1414)
DOM = "deptfordparkgirls.org.uk"
ENTRY = {7: "24", 8: "23", 9: "22", 10: "21", 11: "20", 12: "19", 13: "18"}

# (first, preferred, last, middle, year)
PUPILS = [
    ("Precious", "", "Adebayo", "", 8), ("Blessing", "", "Okonkwo", "", 9), ("Favour", "", "Mensah", "", 7),
    ("Comfort", "", "Boateng", "", 10), ("Patience", "", "Kamara", "", 11), ("Princess", "", "Sesay", "", 8),
    ("Destiny", "", "Campbell", "", 9), ("Treasure", "", "Eze", "", 7), ("Liberty", "", "Green", "", 10),
    ("Sky", "", "Johnson", "", 8), ("River", "", "Black", "", 7), ("Jade", "", "White", "", 11),
    ("Amber", "", "Young", "", 9), ("Ruby", "", "Sharp", "", 8), ("Crystal", "", "Brown", "", 10),
    ("Star", "", "Okafor", "", 7), ("Honey", "", "Rich", "", 9), ("Summer", "", "Bishop", "", 8),
    ("Autumn", "", "Deacon", "", 11), ("April", "", "Kent", "", 10), ("June", "", "Lewis", "", 12),
    ("Ivy", "", "Hooper", "", 7), ("Joy", "", "Asante", "", 8), ("Hope", "", "Franklin", "", 9),
    ("Faith", "", "Ogunleye", "", 10), ("Grace", "", "Bangura", "", 11), ("Mercy", "", "Tesfaye", "", 7),
    ("Marvellous", "", "Adeyemi", "", 12), ("Unique", "", "Thomas", "", 9), ("Bliss", "", "Reid", "", 8),
    ("Gift", "", "Chukwu", "", 10), ("Peace", "", "Ayodele", "", 7), ("Charity", "", "Bundu", "", 11),
    ("Heaven", "", "Lindo", "", 8), ("Miracle", "", "Obi", "", 9),
    ("María José", "", "García López", "", 10), ("Valentina", "", "Restrepo Gómez", "", 8),
    ("Sofía", "", "Cárdenas", "", 12), ("Ximena", "", "Villacís", "", 9), ("João", "", "Ferreira", "", 13),
    ("Gülşen", "", "Yıldız", "", 11), ("Elif", "", "Demir", "", 7), ("Şeyma", "", "Aksoy", "", 9),
    ("Lan", "", "Nguyen", "Thi", 10), ("Phương", "", "Trần", "Minh", 8), ("Anh", "", "Pham", "Ngoc", 12),
    ("Tuấn", "", "Lê", "Minh", 13),
    ("Oluwadamilola", "Dami", "Akinola", "", 11), ("Chiamaka", "Amaka", "Nwosu", "", 9),
    ("Oluwatobiloba", "Tobi", "Fashola", "", 12), ("Fatima-Zahra", "Zahra", "Hassan", "", 9),
    ("Thenmozhi", "Thenu", "Sivakumar", "", 10), ("Muhammad", "Hamza", "Jalloh", "", 13),
    ("Abdul-Rahman", "Rahman", "Yusuf", "", 12), ("Alfred", "Alfie", "Baxter", "", 13),
    ("Archibald", "Archie", "Cole", "", 12), ("Charlotte", "Charlie", "Webb", "", 10),
    ("Zuzanna", "Zuza", "Kowalska", "", 8), ("Katarína", "Katka", "Horváthová", "", 9),
    ("Małgorzata", "Gosia", "Wiśniewska", "", 11), ("Kwabena", "Kobby", "Owusu", "", 13),
    ("Temitope", "Temi", "Bakare", "", 7), ("Ifeoluwa", "Ife", "Ogundipe", "", 8),
    ("Nneka", "", "Okeke", "", 10), ("Adwoa", "", "Mensah", "", 11), ("Abena", "", "Darko", "", 9),
    ("Isatu", "", "Koroma", "", 8), ("Kadiatu", "", "Conteh", "", 10), ("Shanice", "", "Williams", "", 11),
    ("Tiana", "", "Charles", "", 12), ("Keisha", "", "Baptiste", "", 9), ("Ayan", "", "Abdi", "", 7),
    ("Hodan", "", "Warsame", "", 8), ("Tharshika", "", "Rajendran", "", 7), ("Kezia", "", "Mahoney", "", 11),
    ("Aoife", "", "Ó Briain", "", 12), ("Siobhán", "", "MacCarthy", "", 9), ("Semhar", "", "Haile", "", 11),
    ("Rojda", "", "Kaya", "", 10), ("Zilan", "", "Doğan", "", 8), ("Camila", "", "Andrade", "", 9),
    ("Daniela", "", "Ospina", "", 11), ("Beatriz", "", "Santos", "", 8), ("Inês", "", "Rodrigues", "", 10),
    ("Ellie", "", "Parker", "", 7), ("Megan", "", "Holloway", "", 9), ("Daniel", "", "Osei", "", 13),
    ("Jayden", "", "Clarke", "", 12), ("Deborah", "Debs", "Amoah", "", 13), ("Nicolás", "Nico", "Vargas", "", 12),
    ("Yohannes", "", "Berhane", "", 13), ("Stefania", "Stef", "Pereira", "", 12),
    ("Rukiye", "", "Çelik", "", 10), ("Saoirse", "", "Dunne", "", 8), ("Jasmine", "Jaz", "Okoye", "", 11),
]
# (title, first, preferred, last, code, personal)
STAFF = [
    ("Ms", "Helen", "", "Marsh", "HMA", ""), ("Mr", "Desmond", "Des", "Okoro", "DOK", ""),
    ("Mrs", "Angela", "", "Pryce", "APR", ""), ("Ms", "Grace", "", "Whitfield", "GWH", "gracewhitfield@gmail.com"),
    ("Mr", "Frank", "", "Adjei", "FAD", ""), ("Ms", "Dawn", "", "Fairweather", "DFA", ""),
    ("Mr", "Mark", "", "Delaney", "MDE", "markdelaney77@hotmail.co.uk"), ("Miss", "Joy", "", "Okonjo", "JOK", ""),
    ("Mr", "William", "Will", "Tennant", "WTE", ""), ("Mrs", "Susan", "Sue", "Harrington", "SHA", ""),
    ("Ms", "Rose", "", "Ashdown", "RAS", ""), ("Dr", "Patrick", "Pat", "O'Sullivan", "POS", ""),
    ("Ms", "Nadia", "", "Chowdhury", "NCH", ""), ("Mr", "William", "Bill", "Hargreaves", "BHA", ""),
    ("Mrs", "Linda", "", "Farrow", "LFA", ""), ("Ms", "Selin", "", "Arslan", "SAR", ""),
    ("Mrs", "Bernadette", "", "Quinn", "BQU", ""), ("Mrs", "Carol", "", "Dunmore", "CDU", ""),
    ("Mr", "Ian", "", "Pocock", "IPO", ""), ("Ms", "Olufunmilayo", "Funmi", "Adesanya", "FAS", ""),
    ("Ms", "Miriam", "", "Lowe", "MLO", ""), ("Miss", "Kerry-Ann", "", "Walters", "KWA", "kerryann.walters@gmail.com"),
    ("Mr", "Dean", "", "Fowler", "DFO", ""), ("Mr", "Tomasz", "Tomek", "Nowak", "TNO", ""),
    ("Ms", "Esther", "", "Abara", "EAB", ""), ("Mr", "Colin", "", "Reeve", "CRE", ""),
    ("Mr", "Barry", "", "Tulloch", "BTU", ""), ("Mr", "Sunil", "", "Perera", "SPE", ""),
    ("Mrs", "Maureen", "", "Kelly", "MKE", ""), ("Mrs", "Sandra", "", "Boyce", "SBO", ""),
    ("Miss", "Chantelle", "", "Morgan", "CMO", ""), ("Mr", "Hakan", "", "Yilmaz", "HYI", ""),
    ("Mr", "Graham", "", "Leckie", "GLE", ""), ("Miss", "Jodie", "", "Farrell", "JFA", ""),
    ("Ms", "Amina", "", "Jama", "AJA", ""), ("Mrs", "Lorraine", "", "Cope", "LCO", ""),
    ("Mr", "Babatunde", "Tunde", "Bello", "TBE", ""), ("Ms", "Hannah", "", "Price", "HPR", ""),
    ("Mr", "Julian", "", "Marchetti", "JMA", ""), ("Mrs", "Nkechi", "", "Udeh", "NUD", ""),
    ("Ms", "Carmen", "", "Rivas", "CRI", ""), ("Mr", "Owen", "", "Griffiths", "OGR", ""),
    ("Ms", "Rachel", "", "Stein", "RST", ""), ("Mr", "Victor", "", "Ampofo", "VAM", ""),
    ("Mr", "Samuel", "Sam", "Wyatt", "SWY", ""), ("Mrs", "Patricia", "Pat", "Mulligan", "PMU", ""),
    ("Ms", "Pearl", "", "Ngata", "PNG", ""), ("Mr", "Rupert", "", "Sweeney", "RSW", ""),
    ("Ms", "Thanh", "", "Vo", "TVO", ""), ("Miss", "Lucía", "", "Herrera", "LHE", ""),
]
# (first, preferred, last, middle, email)
PARENTS = [
    ("Folake", "", "Adebayo", "", "folake.adebayo@gmail.com"), ("Chinedu", "", "Okonkwo", "", "c.okonkwo@lewisham-nhs-trust.example.org"),
    ("Akosua", "", "Mensah", "", "akosuamensah@hotmail.co.uk"), ("Marcia", "", "Campbell", "", "marcia.campbell62@yahoo.co.uk"),
    ("Delroy", "", "Green", "", "delroygreen@btinternet.com"), ("Paulette", "", "Johnson", "", "paulettej@outlook.com"),
    ("Tracey", "", "Black", "", "traceyblack88@gmail.com"), ("Kofi", "", "Boateng", "", "kofi.boateng@gmail.com"),
    ("Fatmata", "", "Kamara", "", "fatmatakamara@yahoo.com"), ("Hawa", "", "Sesay", "", "hawa.sesay@hotmail.com"),
    ("Yetunde", "", "Akinola", "", "yetunde.akinola@outlook.com"), ("Ngozi", "", "Nwosu", "", "ngozinwosu@gmail.com"),
    ("Mohamed", "", "Hassan", "", "m.hassan1975@gmail.com"), ("Luz Marina", "", "López", "", "luzmarina.lopez@hotmail.com"),
    ("Gloria", "", "Restrepo", "", "gloria.restrepo@gmail.com"), ("Ayşe", "", "Yıldız", "", "ayse.yildiz@hotmail.co.uk"),
    ("Mehmet", "", "Demir", "", "mehmetdemir@gmail.com"), ("Hoa", "", "Nguyen", "Thi", "hoa.nguyen@yahoo.co.uk"),
    ("Kavitha", "", "Sivakumar", "", "kavitha.siva@gmail.com"), ("Seán", "", "Ó Briain", "", "sean.obriain@eircom.example.net"),
    ("Dorota", "", "Kowalska", "", "dorota.kowalska@wp.pl"), ("Jana", "", "Horváthová", "", "jana.horvathova@azet.sk"),
    ("Alhaji", "", "Jalloh", "", "alhaji.jalloh@gmail.com"), ("Claire", "", "Hooper", "", "claire.hooper@southwark.example.gov.uk"),
    ("Paul", "", "Franklin", "", "paulfranklin@btinternet.com"), ("Debbie", "", "Sharp", "", "debbiesharp@gmail.com"),
    ("Gary", "", "White", "", "gary.white@tfl.example.gov.uk"), ("Lorna", "", "Rich", "", "lornarich@hotmail.co.uk"),
    ("Saba", "", "Tesfaye", "", "saba.tesfaye@gmail.com"), ("Yvonne", "", "Williams", "", "yvonne.williams@outlook.com"),
    ("Carlos", "", "Ferreira", "", "carlos.ferreira@sapo.pt"), ("Fadumo", "", "Warsame", "", "fadumo.w@gmail.com"),
    ("Nicola", "", "Parker", "", "nicky.parker@gmail.com"), ("Deborah", "", "Baptiste", "", "debbaptiste@yahoo.co.uk"),
    ("Emeka", "", "Eze", "", "emeka.eze@gmail.com"), ("Oksana", "", "Deacon", "", "oksana.deacon@gmail.com"),
    ("Dermot", "", "Mahoney", "", "dermot.mahoney@gmail.com"), ("Mariana", "", "Andrade", "", "mariana.andrade@hotmail.com"),
    ("Bukola", "", "Bakare", "", "bukola.bakare@gmail.com"), ("Veronica", "", "Lewis", "", "vlewis@gmail.com"),
    ("Sandeep", "", "Kent", "", "sandeep.kent@accenture.example.com"), ("Kemal", "", "Aksoy", "", "kemalaksoy@gmail.com"),
    ("Elsa", "", "Haile", "", "elsa.haile@gmail.com"), ("Rosemary", "", "Bishop", "", "rosemarybishop@aol.com"),
]

FILL_PUPIL = {
    "nigerian": (["Adaeze", "Ebunoluwa", "Morenike", "Chidinma", "Oyinkansola", "Kemi", "Ifunanya", "Adunni", "Titilayo", "Ugochi"],
                 ["Adeleke", "Oyelaran", "Nnamdi", "Okafor", "Ibekwe", "Balogun", "Oyenuga", "Anyanwu", "Adegoke", "Ezenwa"]),
    "ghanaian": (["Akua", "Efua", "Ama", "Esi", "Yaa", "Afia", "Naana", "Dzifa"],
                 ["Agyeman", "Quaye", "Addo", "Ofori", "Tetteh", "Frimpong", "Amankwah", "Sarpong"]),
    "caribbean": (["Shantel", "Tamika", "Kayla", "Aaliyah", "Tia", "Nia", "Shanelle", "Renee", "Kiara", "Zaria"],
                  ["Gayle", "McKenzie", "Bailey", "Francis", "Henry", "Samuels", "Forbes", "Grant", "Ramsaran", "Joseph"]),
    "sierraleone": (["Mariama", "Fatu", "Aminata", "Hawanatu", "Kumba"], ["Turay", "Kanu", "Mansaray", "Fofanah", "Bangali"]),
    "somali": (["Hibaq", "Ikran", "Sagal", "Nimco", "Ubah", "Filsan"], ["Farah", "Omar", "Aden", "Ismail", "Egal", "Nur"]),
    "eritrean": (["Luwam", "Selam", "Hanna", "Eden", "Winta"], ["Tekle", "Ghebre", "Weldu", "Kidane", "Abraha"]),
    "turkish": (["Zeynep", "Büşra", "Ebru", "Dilan", "Hazal", "Nisa"], ["Öztürk", "Koç", "Aydın", "Şahin", "Polat", "Arslanoğlu"]),
    "vietnamese": (["Linh", "Mai", "Thảo", "Ngân", "Vy", "Quỳnh"], ["Hoàng", "Đặng", "Võ", "Bùi", "Huỳnh", "Phan"]),
    "latin": (["Isabella", "Mariana", "Luciana", "Gabriela", "Paula", "Alejandra", "Juliana"],
              ["Moreno", "Castaño", "Zambrano", "Montoya", "Guerrero", "Cevallos", "Salazar"]),
    "tamil": (["Kavya", "Nilani", "Abirami", "Dharshini", "Keerthana"], ["Kanagaratnam", "Thiruchelvam", "Yogarajah", "Ponnampalam", "Selvarajah"]),
    "portuguese": (["Leonor", "Matilde", "Carolina", "Mafalda"], ["Gonçalves", "Sousa", "Fernandes", "Lopes"]),
    "irish": (["Niamh", "Ciara", "Róisín", "Orla", "Clodagh"], ["Brennan", "Doherty", "Gallagher", "Keane", "Lynch"]),
    "british": (["Lily", "Chloe", "Poppy", "Freya", "Millie", "Holly", "Evie", "Isla", "Lacey", "Maisie", "Sienna", "Phoebe"],
                ["Harris", "Turner", "Cooper", "Mitchell", "Ward", "Ellis", "Hughes", "Barker", "Knight", "Stone", "Fletcher", "Lawson"]),
}
BOYS = ["Kayode", "Emmanuel", "Kwame", "Dylan", "Tyrell", "Luca", "Mateo", "Ibrahim", "Emre", "Minh", "Kieran", "Callum", "Yusuf"]
STAFF_FILL_F = ["Joanne", "Sarah", "Claire", "Nicola", "Abimbola", "Rebecca", "Fiona", "Laura", "Yasmin", "Gemma", "Harriet", "Shona", "Priti", "Aisling", "Maria"]
STAFF_FILL_M = ["Andrew", "Richard", "Kwesi", "Gareth", "Martin", "Stuart", "Lewis", "Adam", "Femi", "Declan", "Paolo", "Rhys"]
STAFF_FILL_L = ["Atherton", "Blackwood", "Corrigan", "Dale", "Eastwood", "Fenwick", "Goodwin", "Halloran", "Ingram", "Jarvis",
                "Kingsley", "Lamb", "McAllister", "Newbold", "Oakley", "Pemberton", "Radcliffe", "Sutton", "Thorne", "Underwood",
                "Vickers", "Whitaker", "Yates", "Ashby", "Brophy", "Chadwick", "Danso", "Ekwueme", "Forde", "Gill", "Hale",
                "Iqbal", "Joshi", "Kowalczyk", "Lindsay", "Mburu", "Nolan", "Osborne", "Pearce", "Quarshie"]
PARENT_FILL_F = ["Bola", "Grace-Ann", "Josephine", "Tina", "Samira", "Thuy", "Fatou", "Lola", "Sharon", "Elena", "Birgul", "Comfort"]
PARENT_FILL_M = ["Segun", "Winston", "Ahmed", "Ricardo", "Patrick", "Kwaku", "Huseyin", "Duc", "Tesfalem", "Abu", "Nelson", "Brian"]
WEBMAIL = ["gmail.com", "hotmail.co.uk", "yahoo.co.uk", "outlook.com", "icloud.com", "btinternet.com", "live.co.uk"]


def slug(s):
    return re.sub(r"[^a-z0-9]", "", fold(s))


def main():
    rows, middles, emails = [], {}, set()

    def uniq(e):
        base, dom = e.split("@")
        n, out = 1, e
        while out in emails:
            n += 1
            out = f"{base}{n}@{dom}"
        emails.add(out)
        return out

    used_upn = set()

    def upn():
        while True:
            u = rng.choice("ABCDEFGHJKLMNPRTWXYZ") + "".join(rng.choice("0123456789") for _ in range(12))
            if u not in used_upn:
                used_upn.add(u)
                return u

    pupils = list(PUPILS)
    pupil_surnames = [p[2] for p in PUPILS]
    origins = list(FILL_PUPIL)
    seen = {(fold(p[0]), fold(p[2])) for p in PUPILS}
    while len(pupils) < 210:
        o = rng.choice(origins)
        fs, ls = FILL_PUPIL[o]
        year = rng.choice([7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 13])
        first = rng.choice(BOYS) if year >= 12 and rng.random() < 0.4 else rng.choice(fs)
        last = rng.choice(ls)
        if (fold(first), fold(last)) in seen:
            continue
        seen.add((fold(first), fold(last)))
        pupils.append((first, "", last, "", year))
    for i, (f, pref, l, mid, yr) in enumerate(pupils, 1):
        pid = f"P{i:04d}"
        email = uniq(f"{ENTRY[yr]}{slug(f)[0]}{slug(l)}@students.{DOM}")
        personal = ""
        if rng.random() < 0.04:
            personal = f"{slug(pref or f)}{slug(l)}{rng.randint(1, 99)}@{rng.choice(['gmail.com', 'icloud.com'])}"
        rows.append([pid, f, pref, l, "pupil", email, personal, upn()])
        if mid:
            middles[pid] = mid
    staff = list(STAFF)
    used_codes = {s[4] for s in STAFF}
    while len(staff) < 120:
        first = rng.choice(STAFF_FILL_F + STAFF_FILL_M)
        last = rng.choice(STAFF_FILL_L)
        code = (first[0] + last[:2]).upper()
        k = 2
        while code in used_codes:
            code = (first[0] + last[0] + last[k % len(last)]).upper()
            k += 1
            if k > 12:
                code = first[0] + "".join(rng.choice("ABCDEFGHJKLMNPRSTWXYZ") for _ in range(2))
        if any(fold(first) == fold(s[1]) and fold(last) == fold(s[3]) for s in staff):
            continue
        used_codes.add(code)
        staff.append((rng.choice(["Mr"] if first in STAFF_FILL_M else ["Ms", "Mrs", "Miss"]), first, "", last, code, ""))
    for i, (t, f, pref, l, code, pers) in enumerate(staff, 1):
        sid = f"S{i:03d}"
        email = uniq(f"{slug(f)[0]}{slug(l)}@{DOM}")
        rows.append([sid, f, pref, l, "staff", email, pers, code])
    parents = list(PARENTS)
    fill_sn = [p[2] for p in pupils[len(PUPILS):]]
    while len(parents) < 150:
        first = rng.choice(PARENT_FILL_F + PARENT_FILL_M)
        last = rng.choice(fill_sn)
        if any(fold(first) == fold(p[0]) and fold(last) == fold(p[2]) for p in parents):
            continue
        r = rng.random()
        if r < 0.8:
            email = f"{slug(first)}.{slug(last)}@{rng.choice(WEBMAIL)}"
        else:
            email = f"{slug(first)[0]}{slug(last)}@{rng.choice(['nhs.example.net', 'lewisham.example.gov.uk', 'sainsburys.example.co.uk', 'kcl.example.ac.uk'])}"
        parents.append((first, "", last, "", email))
    for i, (f, pref, l, mid, email) in enumerate(parents, 1):
        gid = f"G{i:03d}"
        personal = ""
        if rng.random() < 0.05:
            personal = f"{slug(f)}{rng.randint(10, 99)}@gmail.com;{slug(f)[0]}{slug(l)}@icloud.com"
        rows.append([gid, f, pref, l, "parent", uniq(email), personal, ""])
        if mid:
            middles[gid] = mid
    with open(os.path.join(ROOT, "roster.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"])
        w.writerows(rows)
    json.dump(middles, open(os.path.join(HERE, "middle_names.json"), "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    print(len(rows), "people;", sum(r[4] == "pupil" for r in rows), "pupils,",
          sum(r[4] == "staff" for r in rows), "staff,", sum(r[4] == "parent" for r in rows), "parents")


if __name__ == "__main__":
    main()
