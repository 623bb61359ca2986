"""Write roster.csv: hand-chosen people used in the subjects, then seeded filler by origin."""
import csv, glob, os, random, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, fold, norm, basic_forms

random.seed(1111)

# kind|first|preferred|last|personal emails   (yy for pupils is drawn from the seed)
HAND = """
p|Faith||Okonkwo|
p|Patience||Adeyemi|
p|Blessing||Nwosu-Okafor|
p|Gift||Moyo|
p|Favour||Eze|
p|Marvellous||Chikwanha|
p|Precious||Ncube|
p|Destiny||Ogunleye|
p|Jude||Gallagher|
p|Carol||Priest|
p|May||dela Cruz|
p|June||Bishop|
p|Leo||Bishop|
p|April||Santos|
p|Autumn||Church|
p|Ivy||Cross|
p|Holly||English|
p|Bea||Reyes|
p|Sonny||Welsh|
p|Ray||Ireland|
p|Drew||Kerry|
p|Chase||Derby|
p|Reed||Preston|
p|Rowan||Lancaster|
p|Ash||Green|
p|Neve||White|
p|Teresa||Kelly|
p|Clare||Nugent|
p|Seán||Ó Briain|
p|Siobhán|Shiv|Mac an tSaoir|
p|Aoibheann||Fitzgerald|
p|Órla||Quinn|
p|Darragh||Quinn|
p|Żaneta||Kowalczyk|
p|Przemysław|Przemek|Nowak|
p|João||Fernandes-Pereira|
p|Mary Joy||Bautista|
p|John Paul|JP|De Guzman|
p|Ma. Theresa|Tess|Villanueva|
p|Chukwuemeka|Emeka|Obi|
p|Oluwaseun|Seun|Adébáyọ|
p|Jomon|Jo|Varghese|
p|Alphonsa||Joseph|
p|Wing Yan||Chan|
p|Rebin||Ahmed|
p|Shilan||Hassan|
p|Yonas||Tesfay|
p|Selam||Haile|
p|Lucas||de Souza|
p|Ria||D'Souza|
p|Callum||Mercer|
p|Kayden||Rice|
p|Lily-Mae||Fox|
p|Jake||Hunt|
p|Ellie||Rose|
p|Connor||Marsh|
p|Mia||Marsh|
p|Keira||Lane|
p|Tyler||Hill|
p|Brooke||Walker|
p|Mason||Long|
p|Ruby||Short|
p|Alfie||Young|
p|Małgorzata|Gosia|Wiśniewska|
p|Bernadette|Bernie|McCann|
p|Francis|Frankie|Doherty|
p|Maria Goretti|Goretti|Fernandes|
p|Ngozi||Okafor|
p|Conceição||Almeida|
p|Nicole||Mass|
p|Kian||Brennan|
p|Aisling||Murphy|
p|Ciara||Doyle|
p|Dylan||Kenny|
p|Evie||Molloy|
p|Tomasz||Zieliński|
p|Kacper||Wójcik|
p|Hermon||Ghebremedhin|
p|Tinotenda|Tino|Chiwenga|
p|Adaeze|Ada|Nwankwo|
p|Kehinde||Bakare|
p|Taiwo||Bakare|
p|Grace||O'Neill|
p|Kai||Wong|
p|Ella||Walsh|
p|Jack||Lewis|
p|Hoi Ying|Hailey|Lau|
p|Chiamaka||Okeke|
s|Catherine||Dunne|
s|Martin||Hughes|
s|Stephen||Rooney|
s|Grace||Mulligan|
s|Robert|Rob|Jennings|
s|Niamh||Corcoran|
s|Maureen||Tierney|
s|Mark||Delaney|
s|Hope||Lyons|
s|Susan|Sue|Fairclough|
s|William|Bill|Hardcastle|
s|Dawn||Pritchard|
s|Will||Parry|
s|Frank||Osei|
s|Angel||Reyes|
s|Patrick|Pat|Regan|
s|Steve||Melia|
s|Tony||Lunt|
s|Gary|Gaz|Heaton|
s|Jackie||Cullen|
s|Joy||Mendoza|
s|Sharon|Shaz|Kearney|
s|Katarzyna|Kasia|Nowicka|
s|Lisa||Grundy|
s|Rosa||Esteves|
s|Kevin||Mahoney|
s|Ifeoma|Ify|Ude|
s|Thomas|Tom|Heywood|
s|Bernadette|Bernie|Rimmer|
s|Dominic|Dom|Ashcroft|
s|Sinead||Ryan|
s|Biju||Mathew|
s|Liji||Joseph|
s|Chinedu||Okoro|
s|Anna||Kowalska|
s|Ricardo||Pereira|
s|Lucy||English|
s|Kerry||Molyneux|
s|Patrick|Paddy|Quigley|
s|Joe||Cheung|
s|Christine|Chrissy|Boyle|
s|Daniel|Dan|Ellison|
s|Ann||Tighe|
s|Neil||Ashton|
s|Beverley|Bev|Lunt|
s|Robert||Dyson|
s|Sue||Birch|
s|Pat||Gorman|
s|Siobhán||Ní Bhriain|
g|Chioma||Okonkwo|chioma.okonkwo77@gmail.com
g|Tunde||Adeyemi|
g|Nkechi||Nwosu-Okafor|
g|Tendai||Moyo|
g|Rutendo||Ncube|
g|Godwin||Eze|
g|Lorna||Priest|
g|Marites||dela Cruz|
g|Rodel||Bautista|
g|Leah||Church|
g|Gary||English|
g|Donna||Welsh|
g|Maeve||Ó Briain|
g|Małgorzata||Nowak|
g|Conceição||Fernandes-Pereira|
g|Shibu||Varghese|
g|Jincy||Varghese|
g|Ka Ho||Chan|
g|Azad||Ahmed|
g|Senait||Tesfay|
g|Joanne||Kelly|
g|Kevin||Nugent|
g|Siobhan||Doherty|
g|Derek||Hunt|
g|Tracey||Rice|
g|Wojciech||Kowalczyk|
g|Ngozi||Obi|
g|Paulo||de Souza|
g|Rachel||Marsh|
g|Janet||Lancaster|
g|Pauline||Lane|
g|Michael|Mick|Fox|
g|Imelda||Santos|
g|Dawit||Haile|
g|Folake||Bakare|
g|Olumide||Adébáyọ|
g|Colette||Gallagher|
g|Bridget||Mass|
g|Faith||Chikwanha|
g|Dolores||Villanueva|
"""

POOLS = {
    "scouse": (["Liam", "Jamie", "Kyle", "Ryan", "Nathan", "Lewis", "Ben", "Josh", "Harry", "Charlie", "Ethan",
                "Sophie", "Chloe", "Megan", "Jess", "Amy", "Lauren", "Olivia", "Amelia", "Isla", "Poppy", "Evie",
                "Karen", "Julie", "Tracy", "Paula", "Andrew", "Stuart", "Gareth", "Mandy", "Lee", "Carl"],
               ["Roberts", "Jones", "Hughes", "Evans", "Davies", "Parr", "Rimmer", "Melling", "Ashurst",
                "Formby", "Birchall", "Gaskell", "Hesketh", "Prescott", "Tyrer", "Swift", "Seddon", "Critchley",
                "Bibby", "Halsall", "Tomlinson", "Aspinall"]),
    "irish": (["Ciaran", "Eoin", "Padraig", "Cillian", "Roisin", "Niamh", "Saoirse", "Caoimhe", "Eimear",
               "Declan", "Fergal", "Orlaith", "Clodagh", "Aoife", "Conor", "Oisin"],
              ["McGovern", "Flanagan", "Kehoe", "Duffy", "Moran", "Keegan", "Rafferty", "Hennessy", "Carroll",
               "McDermott", "Coyle", "Lynch", "Gilmartin", "Tracey", "Mulhern"]),
    "filipino": (["Jerome", "Rhea", "Kristine", "Mark Anthony", "Jayson", "Angelica", "Princess", "Rowena",
                  "Arnel", "Maricel", "Jun", "Lovely"],
                 ["Manalo", "Garcia", "Mercado", "Soriano", "Aquino", "Pascual", "Lopez", "Navarro", "Tolentino"]),
    "keralan": (["Anish", "Sanju", "Aleena", "Ann Maria", "Jisha", "Tintu", "Bibin", "Sojan", "Nimmy", "Ebin"],
                ["Kurian", "Chacko", "Philip", "Abraham", "Cherian", "Thomas", "Paul", "Kuriakose"]),
    "nigerian": (["Chiamaka", "Obinna", "Ifeanyi", "Nnamdi", "Uchenna", "Temitope", "Ayomide", "Damilola",
                  "Tobiloba", "Somto", "Kelechi", "Ebere"],
                 ["Okeke", "Anyanwu", "Nnaji", "Ogundipe", "Adeleke", "Olaniyan", "Ibekwe", "Okoye", "Afolayan"]),
    "polish": (["Jakub", "Kamil", "Zuzanna", "Wiktoria", "Oliwia", "Szymon", "Agata", "Bartosz", "Ewelina"],
               ["Kaczmarek", "Mazur", "Krawczyk", "Pawlak", "Dąbrowski", "Lewandowska", "Sikora", "Wróbel"]),
    "portuguese_goan": (["Tiago", "Beatriz", "Inês", "Rui", "Leonor", "Afonso", "Clarissa", "Valentino"],
                        ["Rodrigues", "Gonsalves", "Carvalho", "Noronha", "Coutinho", "Rebelo", "Colaço"]),
    "zimbabwean": (["Tatenda", "Farai", "Nyasha", "Rumbidzai", "Tafadzwa", "Kudzai", "Chipo", "Tapiwa"],
                   ["Mutasa", "Sibanda", "Dube", "Mapfumo", "Chari", "Nyathi", "Zvobgo"]),
    "hongkong": (["Ching Yi", "Tsz Kin", "Hiu Tung", "Chun Hei", "Cheuk Lam", "Wai Man"],
                 ["Leung", "Cheng", "Tsang", "Yeung", "Kwok", "Ho"]),
    "kurdish": (["Dilan", "Aram", "Soran", "Rojin", "Bahoz", "Zhilwan", "Nishtiman"],
                ["Mahmoud", "Rasul", "Aziz", "Salih", "Qadir"]),
    "eritrean": (["Filmon", "Ruta", "Semhar", "Biniam", "Merhawi", "Luwam", "Natnael"],
                 ["Kidane", "Habte", "Tekle", "Weldemariam", "Berhane", "Asmerom"]),
}
WEIGHTS = {"scouse": 30, "irish": 14, "filipino": 9, "keralan": 8, "nigerian": 10, "polish": 8,
           "portuguese_goan": 6, "zimbabwean": 5, "hongkong": 4, "kurdish": 3, "eritrean": 3}
TARGET = {"pupil": 170, "staff": 120, "parent": 130}
KINDMAP = {"p": "pupil", "s": "staff", "g": "parent"}


def slug(s):
    return re.sub(r"[^a-z0-9]", "", fold(s).lower())


def detector_spans():
    out = set()
    for fn in glob.glob(os.path.join(ROOT, "sources", "*.txt")):
        for m in re.finditer(r"\[([^\[\]|]+)\|d\]", open(fn, encoding="utf-8").read()):
            out.add(norm(m.group(1)))
    return out


def main():
    banned = detector_spans()
    people = []
    for line in HAND.strip().splitlines():
        k, first, pref, last, pe = line.split("|")
        people.append(dict(kind=KINDMAP[k], first_name=first, preferred_name=pref, last_name=last,
                           personal_emails=pe))
    seen = {(norm(p["first_name"]), norm(p["last_name"])) for p in people}
    origins = [o for o, w in WEIGHTS.items() for _ in range(w)]
    for kind in ("pupil", "staff", "parent"):
        while sum(1 for p in people if p["kind"] == kind) < TARGET[kind]:
            o = random.choice(origins)
            first = random.choice(POOLS[o][0])
            last = random.choice(POOLS[o][1])
            key = (norm(first), norm(last))
            if key in seen or basic_forms(first, "", last) & banned:
                continue
            seen.add(key)
            pe = ""
            if kind != "pupil" and random.random() < 0.12:
                pe = f"{slug(first)}{random.randint(1, 99)}@{random.choice(['gmail.com', 'hotmail.co.uk'])}"
            people.append(dict(kind=kind, first_name=first, preferred_name="", last_name=last, personal_emails=pe))
    rows, used_emails, used_codes = [], set(), set()
    counters = {"pupil": 0, "staff": 0, "parent": 0}
    for p in people:
        kind = p["kind"]
        counters[kind] += 1
        n = counters[kind]
        f, l = slug(p["first_name"]), slug(p["last_name"])
        if kind == "pupil":
            pid = f"P{n:04d}"
            yy = random.choice(range(19, 26))
            base, dom = f"{yy}{f[0]}{l}", "pupils.stbernadettes-liv.org.uk"
            mis = random.choice("ABCDEFGHJKLMNPRTUVWXYZ") + "".join(random.choice("0123456789") for _ in range(12))
        elif kind == "staff":
            pid = f"S{n:03d}"
            base, dom = f"{f[0]}{l}", "stbernadettes-liv.org.uk"
            code = (f[0] + l[:2]).upper()
            i = 2
            while code in used_codes:
                code = (f[0] + l[0] + l[min(i, len(l) - 1)]).upper() if i < len(l) else (f[:2] + l[0]).upper() + str(i)
                code = code[:3]
                i += 1
            used_codes.add(code)
            mis = code
        else:
            pid = f"G{n:03d}"
            r = random.random()
            if r < 0.75:
                dom = random.choice(["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "icloud.com",
                                     "btinternet.com", "live.co.uk"])
                base = random.choice([f"{f}.{l}", f"{f}{l}{random.randint(1, 99)}", f"{f[0]}{l}", f"{l}{f[0]}"])
            else:
                dom = random.choice(["nhs.net", "merseyrail-ops.co.uk", "alderbank-logistics.co.uk",
                                     "wirral-care.org.uk", "northpoint-accountants.co.uk"])
                base = f"{f}.{l}"
            mis = ""
        email, i = f"{base}@{dom}", 2
        while email in used_emails:
            email = f"{base}{i}@{dom}"
            i += 1
        used_emails.add(email)
        rows.append([pid, p["first_name"], p["preferred_name"], p["last_name"], kind, email,
                     p["personal_emails"], mis])
    with open(os.path.join(ROOT, "roster.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"])
        w.writerows(rows)
    print("roster:", {k: counters[k] for k in counters}, "total", len(rows))


if __name__ == "__main__":
    main()
