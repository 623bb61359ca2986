#!/usr/bin/env python3
"""Build roster.csv for the invented school (fixed seed). Standard library only.

School: Holy Cross & St Brendan Catholic Academy (11-18), Merseybank, in the
Our Lady of the Wayside Catholic Academy Trust. Domain hxsb.olwcat.org.uk.
Hand-written people (used in subjects) come first; the bulk is generated from
seeded name pools by origin.
"""
import csv, random, unicodedata, os, re

SEED = 20261130
DOMAIN = "hxsb.olwcat.org.uk"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "roster.csv")

def ascii_fold(s):
    s = s.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("đ", "d").replace("Đ", "D")
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))

def slug(s):
    return re.sub(r"[^a-z]", "", ascii_fold(s).lower())

# ---- hand-written people -------------------------------------------------
# pupils: (first, preferred, last, year_of_entry_2digit)  27 = incoming Y7 applicants (feeder Y6)
HAND_PUPILS = [
    ("Hope", "", "Okafor", "25"), ("Chukwuemeka", "Emeka", "Okafor", "22"),
    ("Summer", "", "Walsh", "24"), ("William", "Will", "Kowalczyk", "24"),
    ("Faith", "", "Adebayo", "26"), ("Oluwatobi", "Tobi", "Adebayo", "23"),
    ("Joy", "", "Nwosu", "23"), ("Chidi", "", "Nwosu", "26"),
    ("Miles", "", "Fisher", "22"), ("Richard", "Rich", "Stone", "20"),
    ("Grace", "", "Dela Cruz", "24"), ("Precious", "", "Chukwu", "26"),
    ("King", "", "Nwachukwu", "25"), ("Blessing", "", "Ogundipe", "23"),
    ("Favour", "", "Eze", "24"), ("Gift", "", "Mutombo", "22"),
    ("Mercy", "", "Tesfaye", "25"), ("Patience", "", "Osei", "21"),
    ("Justice", "", "Boateng", "23"), ("Destiny", "", "McCann", "24"),
    ("Trinity", "", "Hughes", "26"), ("Angel", "", "Santos", "25"),
    ("Nevaeh", "", "Brown", "26"), ("Christian", "", "Fernandes", "23"),
    ("Paris", "", "Moss", "24"), ("Brooklyn", "", "Kane", "25"),
    ("Chelsea", "", "Lamb", "22"), ("Ruby", "", "Chester", "23"),
    ("Jack", "", "Preston", "24"), ("Sky", "", "Murphy", "26"),
    ("Hunter", "", "Cross", "25"), ("Prince", "", "Adeyemi", "21"),
    ("Ella", "", "English", "23"), ("Callum", "", "French", "25"),
    ("Maisie", "", "Welsh", "22"), ("Harvey", "", "Hall", "23"),
    ("Florence", "Flo", "Hall", "21"), ("Leo", "", "Street", "26"),
    ("Jayden", "", "Wood", "24"), ("Amelia", "", "Day", "25"),
    ("Evie", "", "Price", "22"), ("Ryan", "", "Law", "23"),
    ("Tyler", "", "Power", "20"), ("Poppy", "", "Judge", "26"),
    ("Ollie", "", "Baker", "24"), ("Sophie", "", "Green", "25"),
    ("Josh", "", "White", "23"), ("Kyle", "", "Black", "22"),
    ("Isla", "", "Young", "26"), ("Alfie", "", "Cook", "25"),
    ("Ellie", "", "Mason", "21"), ("Charlie", "", "Bell", "24"),
    ("Amy", "", "Page", "23"), ("Daisy", "", "Fox", "26"),
    ("Daniel", "", "Hope", "22"), ("Liam", "", "Rose", "24"),
    ("Megan", "", "Bishop", "21"), ("Lily", "", "German", "25"),
    ("Niamh", "", "Gallagher", "24"), ("Oisín", "", "Murphy", "25"),
    ("Pádraig", "Paddy", "Mac an tSaoi", "23"), ("Róisín", "", "Ní Dhuibhir", "22"),
    ("Dearbhla", "", "Quinn", "26"), ("Caoimhe", "", "McAllister", "24"),
    ("Siobhan", "", "Reilly", "21"), ("Aleksandra", "Ola", "Wiśniewska", "23"),
    ("Katarzyna", "Kasia", "Zielińska", "25"), ("Tomasz", "", "Kowalczyk", "24"),
    ("Szymon", "", "Lewandowski", "22"), ("Gabrijela", "Gabi", "Kazlauskaitė", "25"),
    ("Mantas", "", "Petrauskas", "23"), ("Gabija", "", "Jankauskaitė", "26"),
    ("Jhon Paul", "JP", "De los Santos", "24"), ("Maria Cristina", "Tina", "Bautista", "22"),
    ("Mary Joy", "", "Villanueva", "25"), ("Ifeoma", "", "Eze", "21"),
    ("Kofi", "", "Asante", "24"), ("Esi", "", "Owusu", "20"),
    ("Bénédicte", "", "Ilunga", "25"), ("Yonas", "", "Haile", "23"),
    ("Selam", "", "Bekele", "21"), ("Jino", "", "Joseph", "22"),
    ("Ann Maria", "", "Varghese", "25"), ("Alwin", "", "Mathew", "26"),
    ("Kevin", "", "D'Souza", "24"), ("Pedro", "", "da Silva", "23"),
    ("Valentina", "", "Restrepo", "25"), ("Gabriel", "", "Oliveira", "22"),
    ("Luca", "", "Romano", "24"), ("Giulia", "", "Esposito", "21"),
    ("Lan", "", "Nguyễn", "23"), ("Wei", "", "Zhang", "25"),
    ("Jasmine", "", "Chen", "22"), ("Rojin", "", "Mahmoud", "24"),
    ("Omar", "", "Al-Hassan", "23"), ("Zayan", "", "Hamdan", "26"),
    ("Hamza", "", "Hussein", "24"), ("Ayaan", "", "Warsame", "25"),
    ("Amir", "", "Rashid", "22"), ("Priya", "", "Joseph", "20"),
    ("Connor", "", "Fitzgerald", "23"), ("Mia", "", "Robinson", "26"),
    ("Noah", "", "Evans", "25"), ("Jessica", "Jess", "Flynn", "20"),
    ("Daniel", "Dan", "Fitzpatrick-Okoro", "23"), ("Zoë", "", "Kowalski-Hart", "24"),
    ("Leah", "", "Parry", "22"), ("Kayden", "", "Lowe", "24"),
    ("Ciarán", "", "Doherty", "27"), ("Ava", "", "Tierney", "27"),
    ("Ifeanyi", "", "Obi", "27"), ("Maja", "", "Nowicka", "27"),
    ("Rose", "", "Kavanagh", "25"), ("Mark", "", "Ogbonna", "23"),
]
# staff: (first, preferred, last, code)
HAND_STAFF = [
    ("Dominic", "", "Hartigan", "DHA"),          # chaplain, Fr Dominic
    ("Bernadette", "", "McAllister", "BMC"),      # Sr Bernadette, chaplaincy
    ("Siobhán", "", "O'Sullivan-Byrne", "SOB"),   # Head of Year 9
    ("Ciarán", "", "Fitzpatrick", "CFI"),         # RE
    ("Joseph", "", "Varghese", "JVA"),            # Maths
    ("Tintu", "", "Thomas", "TTH"),               # Science
    ("Gráinne", "", "Ní Bhriain", "GNB"),         # SENCo
    ("Mark", "", "Priest", "MPR"),                # DSL
    ("Dawn", "", "Church", "DCH"),                # attendance officer
    ("Patricia", "Trish", "Lancaster", "PLA"),    # exams officer
    ("Ray", "", "Moss", "RMO"),                   # PE
    ("Amber", "", "Street", "AST"),               # PE
    ("Niamh", "", "Kearney", "NKE"),              # English
    ("Anjali", "", "Kurian", "AKU"),              # Head of Sixth Form
    ("Graham", "", "Preston", "GPR"),             # business manager
    ("Robert", "Bob", "Judge", "BJU"),            # site manager
    ("Lourdes", "", "Dela Cruz", "LDC"),          # reception
    ("Kelly", "", "Rice", "KRI"),                 # TA
    ("Carol", "", "Lamb", "CLA"),                 # cover manager
    ("Frank", "", "Wood", "FWO"),                 # pastoral manager
    ("William", "Will", "Baker", "WBA"),          # Geography, trips
    ("Paul", "", "Fenwick", "PFE"),               # Headteacher
    ("Łukasz", "", "Nowak", "LNO"),               # Science
    ("Kwame", "", "Mensah", "KME"),               # Maths
    ("Grace", "", "Power", "GPO"),                # English
    ("Christopher", "Chris", "Doyle", "CDO"),     # 7 Loyola tutor
    ("Aoife", "", "Brennan", "ABR"),              # 10 Becket tutor
    ("Paul", "", "Mason", "PMA"),                 # Head of Year 11
    ("Faith", "", "Adeyemi", "FAD"),              # Science
    ("Daniel", "", "King", "DKI"),                # Maths
    ("Joy", "", "Rafferty", "JRA"),               # HLTA learning support
    ("João", "", "Pereira", "JPE"),               # Music
    ("Minh", "", "Nguyễn", "MNG"),                # Computing
    ("John", "", "Hennessy", "JHN"),              # English (cover code JHN)
    ("Sarah", "", "Whittle", "SWH"),              # Head of Year 7
    ("Tunde", "", "Bakare", "TBA"),               # DDSL / Head of Year 10
    ("Margaret", "Maggie", "Field", "MFI"),       # deputy head
    ("Helen", "", "Bright", "HBR"),               # Head of English
    ("Stephen", "", "Rourke", "SRO"),             # Head of Maths
    ("Agnieszka", "Aga", "Kamińska", "AKA"),      # EAL coordinator
]
# parents/carers: (first, preferred, last, email)
HAND_PARENTS = [
    ("Ngozi", "", "Okafor", "ngozi.okafor@gmail.com"),
    ("Funmilayo", "Funmi", "Adebayo", "funmi.adebayo@outlook.com"),
    ("Tadeusz", "", "Zieliński", "t.zielinski82@wp.pl"),
    ("Nasreen", "", "Begum", "nasreenb1979@hotmail.co.uk"),
    ("Rania", "", "Hamdan", "rania.hamdan@yahoo.com"),
    ("Tracey", "", "Walsh", "traceywalsh71@icloud.com"),
    ("Lorraine", "", "Moss", "lorraine.moss@btinternet.com"),
    ("Denise", "", "Kerr", "denise.kerr@fostercarenw.org.uk"),
    ("Maricel", "", "Bautista", "maricel.bautista@nhs.net"),
    ("Samuel", "", "Tesfaye", "samtesfaye@gmail.com"),
    ("Gary", "", "Hall", "gazhall@hotmail.com"),
    ("Anne", "", "Fisher", "anne.fisher@merseybankcc.gov.uk"),
    ("Bridget", "", "Doherty", "bridgetdoherty@gmail.com"),
    ("Deirdre", "", "Gallagher", "deegallagher@outlook.com"),
    ("Kwabena", "", "Asante", "k.asante@asantelogistics.co.uk"),
    ("Elżbieta", "Ela", "Wiśniewska", "ela.wisniewska@o2.pl"),
    ("Chinedu", "", "Nwosu", "chinedu.nwosu@gmail.com"),
    ("Shirley", "", "Judge", "shirleyjudge@aol.com"),
    ("Babajide", "Jide", "Ogundipe", "jide.ogundipe@gmail.com"),
    ("Mariam", "", "Hussein", "mariam.hussein@hotmail.com"),
    ("Joanne", "Jo", "Street", "jostreet@live.co.uk"),
    ("Sinead", "", "Quinn", "sineadquinn@gmail.com"),
    ("Rosa", "", "Restrepo", "rosa.restrepo@gmail.com"),
    ("Kenneth", "Ken", "Brown", "kenbrown55@btinternet.com"),
]

# ---- pools for the bulk --------------------------------------------------
POOLS = {
 "white_british": (
   "Olivia Amelia Isla Ava Mia Lily Sophia Grace Evie Ella Freya Poppy Millie Layla Erin Holly Katie Lucy Molly Lexi "
   "Oliver George Harry Noah Jack Charlie Leo Jacob Alfie Thomas Oscar James Archie Joshua Freddie Tommy Mason Reuben Lewis Kian Brandon Jake Bailey".split(),
   "Smith Jones Taylor Williams Davies Wilson Roberts Walker Wright Thompson Hughes Edwards Green Hall Wood Harris Lewis Martin Jackson Clarke Clark "
   "Turner Hill Moore Cooper Ward Morris Parker Bennett Ashworth Barlow Heywood Kenyon Rimmer Seddon Tyldesley Unsworth Pilkington Whalley Greenhalgh Entwistle".split()),
 "irish": (
   "Niamh Aoife Ciara Saoirse Orla Clodagh Eimear Sinéad Róisín Caoimhe Aisling Méabh Siobhán Eabha Cian Ciarán Oisín Darragh Seán Eoin Conor Liam Rory Fionn Tadhg Declan Cillian Padraig".split(),
   "Murphy Kelly O'Brien Byrne Ryan O'Connor O'Neill Doyle McCarthy Gallagher Doherty Kennedy Lynch Quinn Brennan Burke Maguire Nolan Carroll Flanagan Duffy Keane McGuinness O'Hara Fitzgerald Connolly Donnelly Mulligan Devlin Heaney".split()),
 "polish_lith": (
   "Zuzanna Julia Maja Zofia Hanna Lena Amelia Oliwia Wiktoria Natalia Jakub Antoni Jan Filip Szymon Kacper Mateusz Bartosz Wojciech Dawid Lukas Domantas Emilija Ugnė Austėja Matas Nojus".split(),
   "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak Dąbrowski Kozłowski Mazur Krawczyk Piotrowski Kazlauskas Jankauskas Petrauskas Stankevičius Vasiliauskas".split()),
 "filipino": (
   "Angelica Kristine Mae Princess Andrea Kimberly Nicole Mariel Althea Jasmine Mark Angelo John Carlo Christian Miguel Rafael Joshua Jericho Paolo Kyle".split(),
   "Santos Reyes Cruz Bautista Ocampo Garcia Mendoza Villanueva Ramos Aquino Castillo Dizon Manalo Pascual Soriano Tolentino".split()),
 "nigerian": (
   "Chiamaka Adaeze Ngozi Chioma Amarachi Ebere Folake Temitope Adaora Oluwaseun Damilola Ayomide Ifunanya Chinedu Obinna Ikenna Emeka Nnamdi Tochukwu Segun Tunde Olumide Ayodele Somto Kelechi".split(),
   "Okonkwo Okoye Nwankwo Eze Obi Chukwu Nnadi Onyeka Okeke Adeyemi Adeleke Balogun Oyelaran Akinola Ogunleye Oladipo Afolabi Ibekwe Udeh Ezeh".split()),
 "ghanaian": (
   "Kwame Kwabena Kojo Kofi Yaw Kwaku Akua Ama Abena Efua Adjoa Afia Nana Kwesi".split(),
   "Mensah Asante Owusu Boateng Appiah Agyeman Ofori Amoah Darko Acheampong Asamoah Opoku".split()),
 "congolese": (
   "Bénédicte Grâce Merveille Exaucé Divine Christelle Jonathan Patrick Glodi Dieumerci Prisca Carine".split(),
   "Ilunga Kabongo Mukendi Tshibangu Kalala Mbuyi Lukusa Ngoy Kasongo Mbala".split()),
 "horn": (
   "Selam Hiwot Meron Saba Helen Ruth Filmon Yonas Dawit Abel Natnael Robel Mussie Semhar Luwam".split(),
   "Tesfaye Haile Bekele Ghebremedhin Tekle Gebremariam Woldemariam Kidane Berhane Tsegay Yohannes Abraha".split()),
 "keralan": (
   "Anjali Ann Tintu Jino Jobin Jithin Aleena Alna Riya Anna Sneha Albin Alwin Abel Jeswin Sona Elsa".split(),
   "Kurian Varghese Mathew Joseph Thomas Chacko Kuriakose Jose Philip Abraham Antony Mathai Cherian".split()),
 "goan_latam": (
   "Maria Ana Beatriz Larissa Camila Valentina Isabela Sofia Mariana Thiago Mateus Felipe Santiago Juan Diego Rodrigo Gustavo Lucas Renata".split(),
   "Fernandes D'Souza Pereira Rodrigues Gomes Costa Almeida Carvalho Moreira Ribeiro Gonçalves Martínez Gómez Rodríguez Castaño Ospina Duarte Barbosa".split()),
 "italian": (
   "Giulia Francesca Chiara Alessia Sofia Martina Marco Alessandro Lorenzo Matteo Francesco Giuseppe Antonio Nicolo".split(),
   "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti Mancini".split()),
 "vietnamese": (
   "Linh Anh Mai Thao Ngoc Huong Minh Duc Bao Khoa Quang Tuan Long".split(),
   "Nguyễn Trần Lê Phạm Hoàng Phan Vũ Đặng Bùi Đỗ".split()),
 "chinese": (
   "Yuxin Yiting Xinyi Mei Jiayi Hao Jun Zihan Yifan Jason Kelly Eric".split(),
   "Chen Wang Li Zhang Liu Yang Huang Zhao Wu Zhou Lin Ho Wong".split()),
 "kurdish_syrian": (
   "Rojin Zana Hevi Shilan Dilan Baran Alan Azad Lina Rama Nour Yara Omar Karim Yusuf Ahmad Ali".split(),
   "Mahmoud Rahman Mustafa Abdullah Ibrahim Haddad Khalil Al-Khatib Al-Masri Darwish Barzani Sulaiman".split()),
 "somali": (
   "Hodan Ayaan Sagal Ifrah Nasra Hibo Abdirahman Abdullahi Mohamed Hassan Yusuf Liban Mahad".split(),
   "Warsame Hussein Farah Abdi Omar Ali Jama Mohamud Nur Egal Osman".split()),
 "pakistani": (
   "Aisha Zainab Maryam Hira Iqra Sana Ayesha Zara Hamza Bilal Ibrahim Zain Rayyan Arham Usman Haris".split(),
   "Khan Hussain Rashid Akhtar Iqbal Butt Malik Mahmood Shah Qureshi Chaudhry Raza".split()),
}
WEIGHTS = {"white_british": 34, "irish": 16, "polish_lith": 8, "filipino": 6, "nigerian": 8, "ghanaian": 3,
           "congolese": 2, "horn": 3, "keralan": 4, "goan_latam": 3, "italian": 3, "vietnamese": 2,
           "chinese": 2, "kurdish_syrian": 2, "somali": 2, "pakistani": 2}
NICK = {"Olivia": "Liv", "Oliver": "Ollie", "Thomas": "Tom", "James": "Jim", "Joshua": "Josh", "Jacob": "Jake",
        "Frederick": "Freddie", "Aleksandra": "Ola", "Wojciech": "Wojtek", "Mateusz": "Mati", "Oluwaseun": "Seun",
        "Temitope": "Tope", "Damilola": "Dami", "Chiamaka": "Amaka", "Ifunanya": "Ify", "Tochukwu": "Tochi",
        "Alessandro": "Alex", "Francesca": "Fran", "Santiago": "Santi", "Abdirahman": "Abdi", "Mohamed": "Mo",
        "Christelle": "Chris", "Alexander": "Alex", "Matthew": "Matt", "Archibald": "Archie", "Zuzanna": "Zuza", "Wiktoria": "Wiki", "Katarzyna": "Kasia", "Oluwadamilare": "Dami", "Adaeze": "Ada", "Obinna": "Obi", "Olumide": "Mide", "Ayomide": "Ayo", "Chinedu": "Nedu", "Kelechi": "Kc", "Kristine": "Tin", "Mariel": "Yel", "Jericho": "Jek", "Giuseppe": "Peppe", "Lorenzo": "Enzo", "Isabela": "Bela", "Valentina": "Vale", "Ifrah": "Ify", "Abdullahi": "Abdi", "Aisling": "Ash", "Cillian": "Cil", "Clodagh": "Clo", "Saoirse": "Seersha", "Domantas": "Domas", "Konstantinos": "Kostas", "Millie": "Mil", "Alessia": "Ally", "Zihan": "Hannah", "Yuxin": "Lucy", "Jiayi": "Joy", "Natnael": "Nati", "Gabriela": "Gabi", "Beatriz": "Bia", "Jobin": "Jobi",
        "Seán": "Shaun", "Padraig": "Paddy", "Cillian": "Cill", "Darragh": "Daz", "Kimberly": "Kim", "Angelica": "Jeka"}
TITLE_ADULT_FIRST = ("Susan Karen Julie Tracy Michelle Lisa Joanne Claire Nicola Paula Sharon Andrew Mark Stephen Gary Lee "
                     "Anthony Darren Neil Martin Kevin Brian Colette Geraldine Philomena Eileen").split()

def pick_origin(rng):
    keys = list(WEIGHTS); return rng.choices(keys, weights=[WEIGHTS[k] for k in keys])[0]

def main():
    rng = random.Random(SEED)
    rows = []
    used_full = set()
    pupil_emails, staff_emails, codes = set(), set(), set()

    def pupil_email(first, last, yoe):
        base = f"{yoe}{slug(first)[:1]}{slug(last)}"
        e, n = base, 1
        while e in pupil_emails:
            n += 1; e = f"{base}{n}"
        pupil_emails.add(e); return f"{e}@pupils.{DOMAIN}"

    def staff_email(first, last):
        base = f"{slug(first)[:1]}.{slug(last)}"
        e, n = base, 1
        while e in staff_emails:
            n += 1; e = f"{slug(first)[:n]}.{slug(last)}"
        staff_emails.add(e); return f"{e}@{DOMAIN}"

    def upn():
        return rng.choice("ABCDEFGHJKLMNPQRTUVWXYZ") + "".join(rng.choice("0123456789") for _ in range(12))

    def add(kind, first, pref, last, email, personal, mis):
        n = {"pupil": "P%04d", "staff": "S%03d", "parent": "G%03d"}[kind] % (1 + sum(r[4] == kind for r in rows))
        rows.append([n, first, pref, last, kind, email, personal, mis])
        used_full.add((first, last))

    # hand pupils
    personal_pupils = {("Tyler", "Power"): "tylerpower2008@gmail.com", ("Esi", "Owusu"): "esi.owusu@icloud.com",
                       ("Priya", "Joseph"): "priyajoseph.06@gmail.com", ("Jessica", "Flynn"): "jessflynn@outlook.com"}
    for f, p, l, y in HAND_PUPILS:
        add("pupil", f, p, l, pupil_email(f, l, y), personal_pupils.get((f, l), ""), upn())
    personal_staff = {("Dominic", "Hartigan"): "fr.dominic@merseybankparish.org.uk", ("Bob", "Judge"): "",
                      ("Robert", "Judge"): "bobjudge64@gmail.com;rjudge.site@gmail.com"}
    for f, p, l, c in HAND_STAFF:
        codes.add(c)
        add("staff", f, p, l, staff_email(f, l), personal_staff.get((f, l), ""), c)
    for f, p, l, e in HAND_PARENTS:
        add("parent", f, p, l, e, "", "")

    # bulk pupils
    n_pupils = 425
    while sum(r[4] == "pupil" for r in rows) < n_pupils:
        o = pick_origin(rng); firsts, lasts = POOLS[o]
        f, l = rng.choice(firsts), rng.choice(lasts)
        if (f, l) in used_full: continue
        pref = NICK.get(f, "") if rng.random() < 0.6 else ""
        if not pref and rng.random() < 0.04:
            pref = f[:3] if len(f) > 5 else ""
        y = rng.choice(["20", "21", "22", "22", "23", "23", "24", "24", "25", "25", "26", "26"])
        add("pupil", f, pref, l, pupil_email(f, l, y), "", upn())
    # bulk staff
    while sum(r[4] == "staff" for r in rows) < 115:
        o = pick_origin(rng); firsts, lasts = POOLS[o]
        f = rng.choice(firsts + TITLE_ADULT_FIRST) if o == "white_british" else rng.choice(firsts)
        l = rng.choice(lasts)
        if (f, l) in used_full: continue
        c = (slug(f)[:1] + slug(l)[:2]).upper()
        i = 2
        while c in codes or len(c) < 3:
            c = (slug(f)[:1] + slug(l)[:1] + slug(l)[i % max(1, len(slug(l)))] ).upper(); i += 1
            if i > 12: c = (slug(f)[:1] + rng.choice("XYZQWK") + rng.choice("XYZQWK")).upper()
        codes.add(c)
        pref = NICK.get(f, "") if rng.random() < 0.3 else ""
        personal = f"{slug(f)}{slug(l)}{rng.randint(10, 99)}@gmail.com" if rng.random() < 0.05 else ""
        add("staff", f, pref, l, staff_email(f, l), personal, c)
    # bulk parents: mostly share a pupil surname
    pupils = [r for r in rows if r[4] == "pupil"]
    hosts = ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "icloud.com", "btinternet.com", "live.co.uk", "nhs.net"]
    while sum(r[4] == "parent" for r in rows) < 140:
        pu = rng.choice(pupils)
        o = pick_origin(rng)
        f = rng.choice(TITLE_ADULT_FIRST) if o in ("white_british", "irish") else rng.choice(POOLS[o][0])
        l = pu[3] if rng.random() < 0.75 else rng.choice(POOLS[o][1])
        if (f, l) in used_full: continue
        e = f"{slug(f)}.{slug(l)}{rng.choice(['', str(rng.randint(1, 99))])}@{rng.choice(hosts)}"
        add("parent", f, "", l, e, "", "")

    with open(OUT, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"])
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUT}")

if __name__ == "__main__":
    main()
