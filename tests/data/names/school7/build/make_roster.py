#!/usr/bin/env python3
"""Generate roster.csv for the invented Ravensfield Academy (blind evaluation set).

Hand-written people (the ones used in subject lines) are listed in HAND_* below;
the bulk is drawn from seeded pools of names by origin. Standard library only.
"""
import csv, os, random, unicodedata, re

SEED = 20261130
DOMAIN = "ravensfield.org.uk"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "roster.csv")

# ---------------------------------------------------------------- hand-written
# (first, preferred, last, year_group)
HAND_PUPILS = [
    ("Muhammad Zayan", "Zayan", "Hussain", 8),
    ("Aisha", "", "Bibi", 9),
    ("Hamza", "", "Hussain", 10),
    ("Muhammad", "Mo", "Iqbal", 9),
    ("Aleksandra", "Ola", "Kowalczyk", 8),
    ("Tomasz", "", "Nowak", 8),
    ("Kofi", "", "Mensah", 8),
    ("Ana", "", "Popa", 8),
    ("Oluwaseun", "Seun", "Adeyemi", 11),
    ("Maximilian", "Max", "German", 10),
    ("Tiago", "Ti", "Ferreira", 7),
    ("Katarzyna", "Kasia", "Wiśniewska", 9),
    ("Abdirahman", "Abdi", "Mohamed", 10),
    ("Hodan", "", "Abdi Warsame", 7),
    ("Chukwudi", "Chuks", "Okafor", 11),
    ("Nkechinyere", "Nkechi", "Eze", 10),
    ("Wiktoria", "Wiki", "Lewandowska", 7),
    ("Hope", "", "Sutcliffe", 7),
    ("Summer", "", "Day", 9),
    ("William", "Will", "Hunter", 9),
    ("Faith", "", "Okonkwo", 11),
    ("Joy", "", "Adjei", 10),
    ("Miles", "", "Green", 12),
    ("Richard", "Rich", "Moss", 11),
    ("Grace", "", "Baker", 8),
    ("Precious", "", "Moyo", 7),
    ("King", "", "Asante", 9),
    ("Blessing", "", "Chikwanha", 10),
    ("Marvellous", "", "Okoro", 8),
    ("Justice", "", "Boateng", 11),
    ("Prince", "", "Owusu", 7),
    ("Gift", "", "Ncube", 9),
    ("Mercy", "", "Banda", 12),
    ("Sky", "", "Holroyd", 8),
    ("Amber", "", "Walsh", 11),
    ("Ruby", "", "French", 10),
    ("Jack", "", "English", 9),
    ("Ellie", "", "Welsh", 7),
    ("Florence", "", "Hall", 10),
    ("Keeley", "", "Church", 9),
    ("Tyler", "", "Street", 8),
    ("Connor", "", "Wood", 10),
    ("Kai", "", "Price", 7),
    ("Leah", "", "Law", 11),
    ("Kian", "", "Power", 9),
    ("Ethan", "", "Judge", 10),
    ("Łukasz", "", "Zieliński", 10),
    ("Zoë", "", "Fletcher", 12),
    ("Oisín", "", "Murphy", 8),
    ("Siobhán", "", "Ní Bhriain", 13),
    ("Ömer", "", "Doğan", 9),
    ("Răzvan", "", "Popescu", 11),
    ("Šimon", "", "Horváth", 8),
    ("Jiří", "", "Lakatoš", 10),
    ("Denisa", "", "Baláž", 9),
    ("Minh", "", "Nguyễn", 11),
    ("Lan", "", "Nguyen Thi", 7),
    ("Daan", "", "van der Berg", 12),
    ("Pieter", "", "van der Merwe", 9),
    ("Gabriel", "", "De Souza", 10),
    ("Niamh", "", "O'Connor", 11),
    ("Callum", "", "McAllister", 10),
    ("Amir", "", "Khan", 11),
    ("Zara", "", "Ali-Khan", 8),
    ("Yusuf", "", "bin Hassan", 12),
    ("Leo", "", "Mitchell", 9),
    ("Priya", "", "Mistry", 13),
    ("Dhruv", "", "Mistry", 8),
    ("Kemal", "", "Aydın", 9),
    ("Sonny", "", "Doyle", 8),
    ("Jaskaran", "Jas", "Sandhu", 13),
    ("Harpreet", "", "Kaur", 11),
    ("Krisha", "", "Parmar", 7),
    ("Ayaan", "", "Farah", 10),
    ("Senait", "", "Tesfay", 9),
    ("Robel", "", "Haile", 11),
    ("Hao", "", "Wang", 12),
    ("Chloe", "", "Chen", 10),
    ("Angelo", "", "Reyes", 9),
    ("Gabija", "", "Kazlauskaitė", 8),
    ("Layla", "", "Haddad", 7),
    ("Shvan", "", "Mahmoud", 10),
    ("Cerys", "", "Pritchard", 11),
    ("Kayden", "", "Smith-Jones", 9),
    ("Alfie", "", "Barraclough", 7),
    ("Mason", "", "Shaw", 8),
    ("Lacey", "", "Young", 10),
    ("Frankie", "", "Black", 9),
    ("Mark", "", "Stone", 11),
    ("Dawn", "", "Akhtar", 13),
    ("Rose", "", "Chester", 7),
    ("Ray", "", "Kowalski", 10),
    ("Hunter", "", "Rhodes", 8),
    ("Chance", "", "Lancaster", 9),
    ("Honour", "", "Osei", 7),
    ("Ibrahim", "", "Rashid", 10),
    ("Maryam", "", "Rashid", 7),
    ("Rayyan", "", "Mahmood", 11),
    ("Inaya", "", "Mahmood", 9),
    ("Tanvir", "", "Ahmed", 10),
    ("Sumaiya", "", "Begum", 8),
    ("Aliyah", "", "Begum", 10),
    ("Harvey", "", "Moss", 7),
    ("Olivia", "", "Field", 12),
    ("Evie", "", "York", 8),
    ("Archie", "", "Leeds", 10),
    ("Poppy", "", "London", 9),
    ("Nathan", "", "Bishop", 11),
    ("Bobbi", "", "Parsons", 8),
    ("Mariam", "", "Yusuf", 12),
    ("Samuel", "Sam", "Okafor", 8),
    ("Jamie", "", "White", 11),
    ("Demi", "", "Cook", 10),
]

# (first, preferred, last, staff_code, role note)
HAND_STAFF = [
    ("Daniel", "Dan", "Priestley", "DPR", "Head of Year 9"),
    ("Shazia", "", "Begum", "SBE", "Teaching assistant"),
    ("Dawn", "", "Holroyd", "DHO", "Business manager"),
    ("Mark", "", "Holt", "MHO", "Maths"),
    ("Robert", "Bob", "Greenwood", "RGR", "Site manager"),
    ("Rose", "", "Armitage", "RAR", "Attendance officer"),
    ("Frank", "", "O'Neill", "FON", "PE"),
    ("Hannah", "", "Rich", "HRI", "English"),
    ("James", "", "Best", "JBE", "Head of Sixth Form"),
    ("Claire", "", "Moss", "CMO", "SENCo"),
    ("Helen", "", "Cook", "HCO", "DSL"),
    ("Imran", "", "Hussain", "IHU", "Head of Year 10"),
    ("Kelly", "", "Mason", "KMA", "Head of Year 7"),
    ("Steven", "", "Lancaster", "SLA", "Head of Year 11"),
    ("Anjali", "", "Mistry", "AMI", "Science"),
    ("Joanne", "Jo", "Price", "JPR", "Exams officer"),
    ("Agata", "", "Nowak", "ANO", "EAL coordinator"),
    ("Christopher", "Chris", "Wood", "CWD", "Cover manager"),
    ("Janet", "Jan", "Baker", "JBA", "Reception"),
    ("Adam", "", "Parsons", "APA", "Geography / trips"),
    ("Eleanor", "Ellie", "Bishop", "EBI", "Form tutor 8EBI"),
    ("Paul", "", "Field", "PFI", "Maths"),
    ("Sarah", "", "Stone", "SST", "Science"),
    ("Rizwan", "", "Ali", "RAL", "Head of Year 8"),
    ("Grace", "", "Whitaker", "GWH", "Pastoral manager"),
    ("Jonathan", "", "Hartley", "JHN", "History"),
    ("Lee", "", "Young", "LYO", "PE"),
    ("Kirsty", "", "Green", "KGR", "English"),
    ("Kwame", "", "Boateng", "KBO", "Science"),
    ("Magdalena", "Magda", "Wójcik", "MWO", "Teaching assistant"),
    ("Tariq", "", "Mahmood", "TMA", "Computing"),
    ("Olumide", "", "Eze", "OEZ", "Maths"),
    ("Nicola", "Nicky", "Judge", "NJU", "Head of English"),
    ("Siobhan", "", "Gallagher", "SGA", "Drama"),
    ("Bethan", "", "Lloyd", "BLL", "Form tutor 7BLL"),
    ("Martin", "", "King", "MKI", "Deputy head"),
    ("Faisal", "", "Chaudhry", "FCH", "Head of Maths"),
    ("Ruth", "", "Ackroyd", "RAC", "Headteacher"),
    ("Summer", "", "Bell", "SBL", "Learning mentor"),
]

# (first, preferred, last, relation note)
HAND_PARENTS = [
    ("Agnieszka", "", "Kowalczyk", "mum of Ola Kowalczyk"),
    ("Piotr", "", "Wiśniewski", "dad of Kasia Wiśniewska"),
    ("Emeka", "", "Eze", "dad of Nkechi Eze"),
    ("Nasreen", "", "Akhtar", "mum of Zayan Hussain"),
    ("Tracey", "", "Street", "mum of Tyler Street"),
    ("Gary", "", "Hunter", "dad of Will Hunter"),
    ("Maureen", "Mo", "Sutcliffe", "grandmother of Hope Sutcliffe"),
    ("Lorraine", "", "Barker", "foster carer of Sonny Doyle"),
    ("Fatima", "", "Bibi", "mum of Aisha Bibi"),
    ("Babatunde", "Tunde", "Adeyemi", "dad of Seun Adeyemi"),
    ("Abena", "", "Mensah", "mum of Kofi Mensah"),
    ("Rukhsana", "", "Khan", "aunt / kinship carer of Amir Khan"),
    ("Milan", "", "Horváth", "dad of Šimon Horváth"),
    ("Elena", "", "Popa", "mum of Ana Popa"),
    ("Kerry", "", "Day", "mum of Summer Day"),
    ("Deborah", "Debbie", "English", "mum of Jack English"),
    ("Mandy", "", "Doyle", "birth mum of Sonny Doyle"),
    ("Grace", "", "Moyo", "mum of Precious Moyo"),
    ("Nadia", "", "Haddad", "mum of Layla Haddad"),
    ("Wayne", "", "Church", "dad of Keeley Church"),
    ("Hope", "", "Okonkwo", "mum of Faith Okonkwo"),
    ("Sandra", "", "Hall", "mum of Florence Hall"),
]

# ---------------------------------------------------------------- bulk pools
POOLS = {
    "british": (
        ["Oliver", "Harry", "George", "Charlie", "Jacob", "Alfie", "Freddie", "Oscar", "Leo", "Archie", "Tommy",
         "Riley", "Logan", "Jake", "Lewis", "Kieran", "Reece", "Bradley", "Ryan", "Callum", "Josh", "Mark",
         "Will", "Bob", "Frank", "Ray", "Miles", "Jack", "Noah", "Theo", "Dylan", "Tyler", "Harley"],
        ["Olivia", "Amelia", "Isla", "Ava", "Mia", "Lily", "Ella", "Grace", "Poppy", "Sophie", "Evie", "Millie",
         "Lacey", "Courtney", "Paige", "Jade", "Chantelle", "Hope", "Faith", "Summer", "Autumn", "Amber", "Ruby",
         "Rose", "Dawn", "Skye", "Holly", "Maisie", "Libby", "Darcey", "Macy"],
        ["Smith", "Jones", "Taylor", "Brown", "Wilson", "Robinson", "Wright", "Walker", "Thompson", "Clarke",
         "Hall", "Wood", "Stone", "Field", "Church", "Street", "Hill", "Bishop", "Parsons", "Chester", "York",
         "Green", "Black", "White", "Young", "Best", "Moss", "Day", "Price", "Law", "Power", "Cook", "Baker",
         "Mason", "Judge", "King", "Sutcliffe", "Holroyd", "Barraclough", "Ackroyd", "Greenwood", "Pickles",
         "Hirst", "Firth", "Crowther", "Haigh", "Illingworth", "Normanton", "Lee", "Marsden", "Booth", "Hardcastle"],
    ),
    "pakistani": (
        ["Muhammad", "Hamza", "Ibrahim", "Yusuf", "Zakariya", "Ayaan", "Rayyan", "Haroon", "Bilal", "Usman",
         "Zain", "Adam", "Musa", "Ismail", "Arham", "Haris", "Subhan", "Umar", "Danyal"],
        ["Aisha", "Maryam", "Fatima", "Zainab", "Inaya", "Hafsa", "Khadija", "Zara", "Amna", "Iqra", "Eman",
         "Hania", "Aleena", "Mahnoor", "Anaya", "Safa", "Noor"],
        ["Hussain", "Khan", "Ali", "Ahmed", "Iqbal", "Akhtar", "Mahmood", "Rashid", "Shah", "Bibi", "Aslam",
         "Zaman", "Butt", "Raza", "Mirza", "Javed", "Riaz", "Saleem", "Nawaz", "Anwar"],
    ),
    "bangladeshi": (
        ["Tanvir", "Rahim", "Sabbir", "Nabil", "Ayan", "Mahir", "Tahmid", "Shahriar", "Rafi", "Imran"],
        ["Sumaiya", "Tasnim", "Nusrat", "Farhana", "Sadia", "Raisa", "Mim", "Jannat", "Tahmina"],
        ["Begum", "Miah", "Uddin", "Rahman", "Islam", "Chowdhury", "Hoque", "Ali", "Khatun", "Ahmed"],
    ),
    "indian": (
        ["Dhruv", "Aarav", "Vihaan", "Rohan", "Jay", "Nikhil", "Jaskaran", "Gurdeep", "Manveer", "Arjun",
         "Harjot", "Kiran"],
        ["Priya", "Anika", "Diya", "Krisha", "Riya", "Harpreet", "Simran", "Navneet", "Jasleen", "Pooja",
         "Kiran", "Meera"],
        ["Patel", "Mistry", "Parmar", "Solanki", "Chauhan", "Lad", "Sandhu", "Gill", "Dhillon", "Kaur", "Singh",
         "Bains", "Sharma", "Rana"],
    ),
    "polish": (
        ["Jakub", "Kacper", "Szymon", "Filip", "Mateusz", "Tomasz", "Łukasz", "Wojciech", "Bartosz", "Igor",
         "Oskar", "Dawid", "Michał"],
        ["Zuzanna", "Julia", "Maja", "Wiktoria", "Oliwia", "Natalia", "Aleksandra", "Katarzyna", "Martyna",
         "Zofia", "Hanna", "Amelia"],
        ["Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński", "Szymański",
         "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Krawczyk", "Piotrowski", "Grabowski"],
    ),
    "roma": (
        ["Šimon", "Jiří", "Dávid", "Patrik", "Marek", "Roman", "Erik", "Dominik", "Tomáš", "Lukáš", "Kevin"],
        ["Denisa", "Nikola", "Veronika", "Kristýna", "Simona", "Dominika", "Vanesa", "Klaudia", "Sabína",
         "Petra"],
        ["Horváth", "Lakatoš", "Baláž", "Oláh", "Giňa", "Kotlár", "Berky", "Dužda", "Gunár", "Červeňák",
         "Pompa", "Rusňák"],
    ),
    "romanian": (
        ["Andrei", "Răzvan", "Ionuț", "Mihai", "Alexandru", "Darius", "Luca", "Sebastian", "Cristian"],
        ["Ioana", "Maria", "Bianca", "Andreea", "Alexandra", "Daria", "Elena", "Larisa", "Denisa"],
        ["Popa", "Popescu", "Ionescu", "Stan", "Dumitru", "Constantin", "Munteanu", "Stoica", "Rusu", "Moldovan"],
    ),
    "lithuanian": (
        ["Lukas", "Matas", "Dominykas", "Nojus", "Jokūbas", "Karolis"],
        ["Gabija", "Emilija", "Austėja", "Ugnė", "Kamilė", "Viltė"],
        ["Kazlauskas", "Petrauskas", "Jankauskas", "Stankevičius", "Vasiliauskas", "Žukauskas"],
    ),
    "kurdish_arabic": (
        ["Shvan", "Rebwar", "Dilan", "Karwan", "Omar", "Ahmad", "Yousef", "Khalid", "Hassan", "Ali", "Kawa",
         "Sami"],
        ["Layla", "Rojin", "Shilan", "Hana", "Noor", "Amira", "Lina", "Jana", "Hevin", "Dilan", "Sara"],
        ["Mahmoud", "Karimi", "Ahmadi", "Haddad", "Al-Rashid", "Saleh", "Hamad", "Mustafa", "Abdullah",
         "Qadir", "Rasul", "Ibrahim"],
    ),
    "somali_eritrean": (
        ["Abdirahman", "Abdullahi", "Mohamed", "Abdi", "Hamse", "Robel", "Yonas", "Dawit", "Filmon", "Mahad"],
        ["Hodan", "Ayaan", "Ifrah", "Sagal", "Hibaaq", "Senait", "Helen", "Selam", "Luwam", "Nasra"],
        ["Farah", "Warsame", "Mohamed", "Hassan", "Abdi", "Omar", "Yusuf", "Tesfay", "Haile", "Tekle",
         "Gebremedhin", "Berhane"],
    ),
    "west_african": (
        ["Kofi", "Kwame", "Kwabena", "Chukwudi", "Emeka", "Tobi", "Oluwaseun", "Tunde", "David", "Daniel",
         "Prince", "King", "Justice", "Samuel", "Joshua", "Michael", "Ayodele", "Femi"],
        ["Precious", "Blessing", "Marvellous", "Mercy", "Favour", "Gift", "Joy", "Peace", "Esther", "Abena",
         "Ama", "Nkechinyere", "Chioma", "Adaeze", "Ifeoma", "Temitope", "Deborah"],
        ["Mensah", "Asante", "Boateng", "Owusu", "Adjei", "Osei", "Okafor", "Eze", "Okonkwo", "Adeyemi",
         "Okoro", "Adebayo", "Ogunleye", "Nwosu", "Oyelaran", "Agyeman", "Darko"],
    ),
    "zimbabwean": (
        ["Tinashe", "Tatenda", "Farai", "Tapiwa", "Takudzwa", "Tendai", "Nyasha"],
        ["Ruvimbo", "Chipo", "Rumbidzai", "Nyasha", "Vimbai", "Tariro", "Gift"],
        ["Moyo", "Ncube", "Chikwanha", "Banda", "Mutasa", "Dube", "Sibanda", "Chirwa", "Mlambo"],
    ),
    "east_asian": (
        ["Hao", "Jun", "Wei", "Minh", "Duc", "Anh", "Kevin", "Jason", "Angelo", "Paolo", "Mark"],
        ["Chloe", "Mei", "Lan", "Linh", "Thao", "Jasmine", "Angel", "Princess", "Bea", "Joy"],
        ["Chen", "Wang", "Li", "Zhang", "Liu", "Nguyen", "Tran", "Pham", "Le", "Santos", "Reyes", "Cruz",
         "Garcia", "Dela Cruz"],
    ),
    "irish_scots_welsh": (
        ["Oisín", "Cian", "Conor", "Seán", "Rhys", "Dafydd", "Euan", "Fraser", "Callum", "Ruairi"],
        ["Niamh", "Aoife", "Siobhán", "Ciara", "Cerys", "Ffion", "Eilidh", "Catriona", "Sinéad"],
        ["O'Connor", "Murphy", "Kelly", "O'Brien", "Byrne", "McAllister", "MacLeod", "Campbell", "Evans",
         "Pritchard", "Griffiths", "Welsh", "Doyle", "McGrath", "Ní Bhriain"],
    ),
    "other_europe": (
        ["Daan", "Pieter", "Tiago", "João", "Gabriel", "Maximilian", "Lorenzo", "Ömer", "Emre"],
        ["Zoë", "Inês", "Beatriz", "Lotte", "Elif", "Chiara", "Amélie"],
        ["van der Berg", "van der Merwe", "De Souza", "Ferreira", "Silva", "Yılmaz", "Doğan", "Rossi",
         "German", "French", "English", "Schmidt"],
    ),
}
# share of the bulk drawn from each origin
WEIGHTS = {"british": 32, "pakistani": 22, "bangladeshi": 5, "indian": 6, "polish": 7, "roma": 5,
           "romanian": 4, "lithuanian": 2, "kurdish_arabic": 5, "somali_eritrean": 4, "west_african": 7,
           "zimbabwean": 2, "east_asian": 3, "irish_scots_welsh": 3, "other_europe": 2}

SHORT = {"Muhammad": "Mo", "Oluwaseun": "Seun", "Maximilian": "Max", "Katarzyna": "Kasia",
         "Aleksandra": "Ola", "Abdirahman": "Abdi", "Chukwudi": "Chuks", "Nkechinyere": "Nkechi",
         "Wiktoria": "Wiki", "Tiago": "Ti", "Joshua": "Josh", "Samuel": "Sam", "Michael": "Mikey",
         "Alexandru": "Alex", "Temitope": "Temi", "Zakariya": "Zak", "Abdullahi": "Abdul",
         "Jokūbas": "Kuba", "Ayodele": "Ayo", "Takudzwa": "Taku", "Tomáš": "Tom", "Dominykas": "Dom",
         "Ifeoma": "Ify", "Oliver": "Ollie", "Jaskaran": "Jas", "Kwabena": "Kobby", "Zuzanna": "Zuza",
         "Jacob": "Jake", "Alexandra": "Alex", "Sebastian": "Seb", "Natalia": "Nat", "Mateusz": "Mati",
         "Danyal": "Dan", "Khadija": "Dija", "Gabriel": "Gabe", "Veronika": "Nika", "Kristýna": "Týna",
         "Nikhil": "Nik", "Adaeze": "Ada", "Rumbidzai": "Rumbi", "Ruvimbo": "Ruvi", "Catriona": "Cat",
         "Lorenzo": "Enzo", "Bartosz": "Bartek", "Wojciech": "Wojtek", "Abdullah": "Abdul",
         "Tinashe": "Tini", "Jasleen": "Jas", "Daniel": "Dan", "Ismail": "Izzy", "Ibrahim": "Ibby",
         "Amelia": "Millie", "Zainab": "Zee", "Dominik": "Dom", "Andreea": "Andi",
         "Jakub": "Kuba", "Tapiwa": "Tapi", "Emilija": "Emi", "Szymon": "Szymek", "Mahnoor": "Mahi"}

ASCII_MAP = str.maketrans({"Ł": "L", "ł": "l", "ı": "i", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D"})


def fold(s):
    s = s.translate(ASCII_MAP)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def email_part(s):
    return re.sub(r"[^a-z]", "", fold(s).lower())


def main():
    rng = random.Random(SEED)
    used_emails = set()

    def unique_email(local, dom):
        e, n = f"{local}@{dom}", 2
        while e in used_emails:
            e = f"{local}{n}@{dom}"
            n += 1
        used_emails.add(e)
        return e

    # entry year (two digits) by current year group, academic year 2026/27
    entry = {7: 26, 8: 25, 9: 24, 10: 23, 11: 22, 12: 21, 13: 20}

    pupils = [(f, p, l, y) for f, p, l, y in HAND_PUPILS]
    hand_full = {(f, l) for f, _, l, _ in pupils}
    origins = list(WEIGHTS)
    wts = [WEIGHTS[o] for o in origins]
    target_pupils = 420
    while len(pupils) < target_pupils:
        o = rng.choices(origins, wts)[0]
        boys, girls, surs = POOLS[o]
        first = rng.choice(boys if rng.random() < 0.5 else girls)
        last = rng.choice(surs)
        if (first, last) in hand_full:
            continue
        hand_full.add((first, last))
        pref = ""
        if first in SHORT and rng.random() < 0.9:
            pref = SHORT[first]
        year = rng.choice([7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 13])
        pupils.append((first, pref, last, year))
    rng.shuffle(pupils)

    rows = []
    for i, (f, p, l, y) in enumerate(pupils, 1):
        ent = entry[y]
        if y >= 12 and rng.random() < 0.3:      # sixth-form joiner
            ent = 25 if y == 12 else 24
        em = unique_email(f"{ent}{email_part(f)[0]}{email_part(l)}", f"pupils.{DOMAIN}")
        upn = rng.choice("ABCDEFGHJKLMNPRTUVWXYZ") + "".join(rng.choice("0123456789") for _ in range(12))
        pers = ""
        if rng.random() < 0.04:
            pers = f"{email_part(p or f)}{email_part(l)}{rng.randint(1, 2012)}@{rng.choice(['gmail.com', 'hotmail.co.uk', 'icloud.com'])}"
            if rng.random() < 0.3:
                pers += f";{email_part(f)}.{email_part(l)}@{rng.choice(['outlook.com', 'yahoo.co.uk'])}"
        rows.append([f"P{i:04d}", f, p, l, "pupil", em, pers, upn])

    # staff
    staff = [(f, p, l, c) for f, p, l, c, _ in HAND_STAFF]
    codes = {c for *_, c in staff}
    sfull = {(f, l) for f, _, l, _ in staff}
    while len(staff) < 110:
        o = rng.choices(origins, [30 if x == "british" else WEIGHTS[x] for x in origins])[0]
        boys, girls, surs = POOLS[o]
        first = rng.choice(boys if rng.random() < 0.45 else girls)
        last = rng.choice(surs)
        if (first, last) in sfull:
            continue
        code = (email_part(first)[:1] + email_part(last)[:2]).upper()
        k = 2
        while code in codes or len(code) < 3:
            code = (email_part(first)[:1] + email_part(last)[k - 1:k] + email_part(last)[k:k + 1]).upper()
            code = code if len(code) == 3 else (code + "XYZ")[:3]
            k += 1
            if k > 8:
                code = "".join(rng.choice("ABCDEFGHJKLMNPRSTVW") for _ in range(3))
        codes.add(code)
        sfull.add((first, last))
        pref = SHORT.get(first, "") if rng.random() < 0.3 else ""
        staff.append((first, pref, last, code))
    rng.shuffle(staff)
    for i, (f, p, l, c) in enumerate(staff, 1):
        em = unique_email(f"{email_part(f)[0]}.{email_part(l)}", DOMAIN)
        pers = ""
        if rng.random() < 0.06:
            pers = f"{email_part(f)}.{email_part(l)}@{rng.choice(['gmail.com', 'outlook.com', 'btinternet.com'])}"
            if rng.random() < 0.3:
                pers += f";{email_part(f)[0]}{email_part(l)}@{rng.choice(['icloud.com', 'hotmail.co.uk'])}"
        rows.append([f"S{i:03d}", f, p, l, "staff", em, pers, c])

    # parents / carers
    parents = [(f, p, l) for f, p, l, _ in HAND_PARENTS]
    pfull = {(f, l) for f, _, l in parents}
    adult_first = {
        "british": ["Gary", "Lee", "Darren", "Craig", "Dean", "Shaun", "Michelle", "Nicola", "Kelly", "Donna",
                    "Leanne", "Stacey", "Joanne", "Carol", "Pauline", "Brian", "Keith", "Julie", "Mark", "Dawn",
                    "Joy", "Faith", "Will"],
        "pakistani": ["Tariq", "Khalid", "Asif", "Shahid", "Nadeem", "Rubina", "Shabana", "Nasreen", "Samina",
                      "Parveen", "Mohammed"],
        "bangladeshi": ["Abdul", "Shahid", "Rumana", "Shamima", "Jamal"],
        "indian": ["Rajesh", "Hitesh", "Sunita", "Jaswinder", "Kulvinder", "Bhavna", "Rupinder"],
        "polish": ["Marcin", "Paweł", "Krzysztof", "Anna", "Magdalena", "Joanna", "Monika"],
        "roma": ["Milan", "Ladislav", "Jozef", "Renáta", "Zuzana", "Monika"],
        "romanian": ["Ionel", "Florin", "Gabriela", "Mihaela", "Nicoleta"],
        "lithuanian": ["Tomas", "Rasa", "Inga"],
        "kurdish_arabic": ["Aram", "Hiwa", "Nasrin", "Rana", "Mohammed"],
        "somali_eritrean": ["Abdikadir", "Faadumo", "Hawa", "Tesfaye", "Mebrat"],
        "west_african": ["Kwaku", "Yaw", "Ngozi", "Funmilayo", "Blessing", "Comfort", "Patience", "Godwin"],
        "zimbabwean": ["Tendai", "Rutendo", "Chiedza", "Tafadzwa"],
        "east_asian": ["Wei", "Thanh", "Maricel", "Rowena"],
        "irish_scots_welsh": ["Siobhan", "Gareth", "Aileen", "Declan"],
        "other_europe": ["Rui", "Marta", "Kemal", "Annelies"],
    }
    while len(parents) < 120:
        f_, p_, l_, y_ = rng.choice(pupils)
        o = None
        for name, (b, g, s) in POOLS.items():
            if l_ in s:
                o = name
                break
        o = o or "british"
        first = rng.choice(adult_first[o])
        last = l_ if rng.random() < 0.75 else rng.choice(POOLS[o][2])
        if (first, last) in pfull:
            continue
        pfull.add((first, last))
        parents.append((first, "", last))
    rng.shuffle(parents)
    webmail = ["gmail.com", "hotmail.co.uk", "hotmail.com", "outlook.com", "yahoo.co.uk", "icloud.com",
               "btinternet.com", "live.co.uk", "nhs.net", "aol.com"]
    for i, (f, p, l) in enumerate(parents, 1):
        style = rng.random()
        if style < 0.4:
            local = f"{email_part(f)}.{email_part(l)}"
        elif style < 0.7:
            local = f"{email_part(f)}{email_part(l)}{rng.randint(1, 99)}"
        else:
            local = f"{email_part(f)[0]}{email_part(l)}{rng.randint(60, 99)}"
        em = unique_email(local, rng.choice(webmail))
        rows.append([f"G{i:03d}", f, p, l, "parent", em, "", ""])

    with open(OUT, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"])
        w.writerows(rows)
    print(f"wrote {OUT}: {len(rows)} people")


if __name__ == "__main__":
    main()
