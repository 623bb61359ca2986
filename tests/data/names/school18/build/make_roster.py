"""Build roster.csv from sources/roster_core.txt (hand-written) + seeded filler pupils/parents/staff."""
import random, csv, os, sys
sys.path.insert(0, os.path.dirname(__file__))
from common import fold, ROOT
rng = random.Random(18)
core = []
for line in open(os.path.join(ROOT, 'sources/roster_core.txt'), encoding='utf-8'):
    line = line.rstrip('\n')
    if not line.strip() or line.startswith('#'): continue
    k, f, pref, l, note, pers = [x.strip() for x in line.split('|')]
    core.append(dict(kind={'S': 'staff', 'P': 'pupil', 'G': 'parent'}[k], first_name=f, preferred_name=pref,
                     last_name=l, note=note, personal_emails=pers))
# filler pools: chosen to avoid word-names, detector names and subject-line vocabulary
FIRST = {
 'pak': 'Aisha Fatima Umar Bilal Hafsa Maryam Rayyan Haris Inaya Anaya Zara Eesa Sami Laiba Noor Rehan Areeb Manahil',
 'ban': 'Rafiq Sadia Mahira Rumana Tahsin Adnan Farhan Shakil Jannat Samiha Nabil Ishraq Rifat Tamim Raisa',
 'som': 'Abdullahi Ilhan Sagal Hibaaq Bashir Ayan Idil Nimco Mahad Liban Sahra Khadar Ifrah',
 'rom': 'Darius Maria Alexandru Ilinca Rares Sofia Luca Denisa Cosmin Ana Teodora Vlad',
 'bul': 'Viktor Mila Boris Nikol Preslava Martin Radoslav Siyana Ivaylo',
 'alb': 'Drilon Blerta Ardit Erjona Besart Klea Lorik Rina Endrit',
 'lit': 'Ugne Domantas Emilija Jokubas Austeja Nojus Kamile',
 'pol': 'Maja Filip Antoni Julia Wiktoria Oskar Hanna Igor Natalia Kacper',
 'tur': 'Yusuf Ela Kerem Defne Arda Ecem Burak Asya Efe',
 'gha': 'Kofi Ama Kojo Efua Yaw Adwoa Kwame Esi Kwesi',
 'nig': 'Tolu Ife Chidi Adaeze Femi Ebuka Ayomide Zainab Tobiloba Nkechi Ikenna Damilola',
 'jam': 'Kai Jayden Aaliyah Tianna Malachi Kemani Javon Shantel Dante Imani',
 'bra': 'Enzo Heitor Manuela Davi Helena Lorenzo Beatriz Caio Yasmin',
 'ecu': 'Santiago Camila Joel Kimberly Dylan Nayeli Josue Belen',
 'tam': 'Aravind Nivetha Sanjeev Keerthana Dinesh Vaishnavi Kishan Thulasi Harini',
 'afg': 'Ahmad Mursal Bilal Nazanin Omid Shabnam Wahid Mariam Sohail',
 'wb': 'Oscar Mia Harry Evie Theo Isla Archie Ava George Millie Reggie Florence Arthur Ellie-May Teddy Phoebe Finley Maisie Louie Darcie',
}
LAST = {
 'pak': 'Khan Hussain Akhtar Mahmood Shah Siddiqui Anwar Rashid Aslam Nawaz Ahmed Zaman',
 'ban': 'Miah Uddin Ahmed Alam Hoque Sarkar Karim Chowdhury Rahman Begum Khatun Haque',
 'som': 'Mohamed Hassan Abdi Nur Ahmed Aden Hirsi Egal Farah Warsame Yusuf',
 'rom': 'Popa Ionescu Radu Constantin Stan Marin Ungureanu Florea Matei',
 'bul': 'Georgiev Todorov Stoyanov Nikolova Koleva Hristova Angelov',
 'alb': 'Hoxha Shehu Morina Kelmendi Basha Dervishi Leka',
 'lit': 'Vaitkus Butkus Zukauskas Paulauskas Stankevicius',
 'pol': 'Kaminski Wojcik Lewandowski Mazur Kowalska Szymanska Dabrowski Kaczmarek',
 'tur': 'Ozturk Sahin Kaya Arslan Dogan Ozdemir Kilic Aksoy',
 'gha': 'Mensah Boateng Owusu Ofori Darko Amoah Agyeman Appiah',
 'nig': 'Okonkwo Adeyemi Olatunji Nwachukwu Bello Eze Ogunbiyi Afolabi Uche',
 'jam': 'Williams Campbell Reid Grant Morgan Bailey Edwards Spence',
 'bra': 'Silva Pereira Costa Rodrigues Almeida Lima Carvalho Gomes',
 'ecu': 'Guaman Tenesaca Zambrano Cevallos Pillco Vera',
 'tam': 'Kumar Rajan Suresh Thevarajah Balachandran Nadarajah Kanagaratnam',
 'afg': 'Popal Karimi Hashimi Safi Stanikzai Wardak',
 'wb': 'Smith Jones Taylor Walker Robinson Wright Hall Wilson Cooper Ward Harris Holmes Fletcher Barnes Webb Cole',
}
filler = []
groups = list(FIRST)
seen = {(p['first_name'], p['last_name']) for p in core}
while len(filler) < 345:
    g = rng.choice(groups)
    f = rng.choice(FIRST[g].split()); l = rng.choice(LAST[g].split())
    if (f, l) in seen: continue
    seen.add((f, l))
    kind = 'pupil' if len(filler) < 300 else ('parent' if len(filler) < 330 else 'staff')
    note = rng.choice('N R 1 2 3 4 5 6'.split()) if kind == 'pupil' else ''
    filler.append(dict(kind=kind, first_name=f, preferred_name='', last_name=l, note=note, personal_emails=''))
people = core + filler
pupils = [p for p in people if p['kind'] == 'pupil']
staff = [p for p in people if p['kind'] == 'staff']
parents = [p for p in people if p['kind'] == 'parent']
def slug(s): return ''.join(c for c in fold(s).lower() if c.isalnum())
used_codes, used_emails, rows = set(), set(), []
def uniq(e):
    base, dom = e.split('@'); n = 1; out = e
    while out in used_emails: n += 1; out = f'{base}{n}@{dom}'
    used_emails.add(out); return out
DOM = 'markhousefields.waltham.sch.uk'
for i, p in enumerate(pupils, 1):
    email = uniq(f"{slug(p['first_name'].split()[0])}{slug(p['last_name'])[:1]}{rng.randint(10,99)}@pupils.{DOM}")
    mis = rng.choice('ABCDEFGHJKLMNPRTVWXYZ') + ''.join(str(rng.randint(0, 9)) for _ in range(12))
    rows.append([f'P{i:04d}', p, email, mis])
for i, p in enumerate(staff, 1):
    email = uniq(f"{slug(p['first_name'])[0]}.{slug(p['last_name'])}@{DOM}")
    code = (slug(p['first_name'])[0] + slug(p['last_name'])[:2]).upper()
    j = 2
    while code in used_codes:
        code = (slug(p['first_name'])[0] + slug(p['last_name'])[0] + slug(p['last_name'])[j % len(slug(p['last_name']))]).upper(); j += 1
        if j > 12: code = code[:2] + chr(65 + rng.randint(0, 25))
    used_codes.add(code)
    rows.append([f'S{i:03d}', p, email, code])
for i, p in enumerate(parents, 1):
    dom = rng.choice(['gmail.com', 'hotmail.co.uk', 'yahoo.com', 'outlook.com', 'icloud.com'])
    email = uniq(f"{slug(p['first_name'])}.{slug(p['last_name'])}{rng.choice(['', str(rng.randint(1,99))])}@{dom}")
    rows.append([f'G{i:03d}', p, email, ''])
with open(os.path.join(ROOT, 'roster.csv'), 'w', newline='', encoding='utf-8') as fh:
    w = csv.writer(fh)
    w.writerow(['id', 'first_name', 'preferred_name', 'last_name', 'kind', 'email', 'personal_emails', 'mis_ref'])
    for pid, p, email, mis in rows:
        w.writerow([pid, p['first_name'], p['preferred_name'], p['last_name'], p['kind'], email, p['personal_emails'], mis])
print('roster:', len(rows), 'pupils', len(pupils), 'staff', len(staff), 'parents', len(parents),
      'preferred', sum(1 for _, p, _, _ in rows if p['preferred_name']))
