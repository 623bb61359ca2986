#!/usr/bin/env python3
"""Write ../roster.csv: hand-chosen people used in subjects, then seeded fill by origin."""
import csv, random, re, unicodedata, os

SEED = 1313
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'roster.csv')

# kind|first|preferred|last   (pupil lines may carry |yy entry year)
HAND = """
p|Faith||Wood|20
p|Alfred|Alfie|Wood|22
p|Hope||Shipley|21
p|Joy||Bird|19
p|Storm||Bird|23
p|Willow||Bird|22
p|Summer||Hall|20
p|Star||Hall|23
p|Ruby||Moss|19
p|Harmony||Moss|21
p|Archibald|Archie|Moss|24
p|Amber||Keighley|20
p|Robin||Keighley|22
p|Jasmine||Akhtar|19
p|Melody||Akhtar|22
p|Poppy||Lister|21
p|Rowan||Lister|19
p|Daisy||Robins|20
p|Hazel||Robins|23
p|Holly||Priestley|19
p|Charlotte|Charlie|Priestley|22
p|Rose||Bradford|21
p|Jack||Bradford|19
p|Sky||Halifax|22
p|Kingston|King|Bird|20
p|Lily||Horváthová|21
p|Dušan||Horváth|19
p|Lukáš||Baláž|20
p|Marína||Balážová|22
p|Zuzana|Zuzka|Dudová|19
p|Angel||Dudová|23
p|Iris||Nowak|21
p|Katarzyna|Kasia|Nowak|19
p|Izabela|Bella|Kowalska|20
p|Maya||Kowalczyk|22
p|Wojciech|Wojtek|Kowalczyk|19
p|Oliwia||Wiśniewska|21
p|Honey||Miah|22
p|Tahmid||Miah|19
p|Prince||Ali|21
p|Hamza||Ali|20
p|Sana||Khan|20
p|Aisha||Khan|22
p|Musa||Khan|19
p|Muhammad|Hamza|Khan|21
p|Haris||Khan|23
p|Noor||Hussain|21
p|Zara||Hussain|22
p|Zoya||Hussain|19
p|Ashraf|Ash|Hussain|20
p|Aman||Patel|19
p|Krish||Patel|22
p|Diya||Mistry|20
p|Riya||Lad|23
p|Asia||Mahmood|20
p|Ayesha||Mahmood|22
p|Eesa||Mahmood|19
p|Dua||Ahmed|21
p|Inaya||Ahmed|23
p|Abdul-Hadi|Hadi|Ahmed|19
p|Iman||Warsame|20
p|Ayaan||Warsame|22
p|Hodan||Abdi|21
p|Abdirahman|Abdi|Yusuf|19
p|Yusuf||Mohamed|20
p|Rida||Begum|22
p|Sumaiya||Begum|20
p|Nur-Ul-Huda|Huda|Begum|19
p|Fatima-Zahra||Al-Jubouri|21
p|Mustafa||Al-Jubouri|19
p|Zainab||Al-Jubouri|23
p|Ali||Hassan|20
p|Amal||Al-Sharabi|22
p|Mohammed|Mo|Akhtar|19
p|Zain||Akhtar|21
p|Maryam||Bibi|22
p|Ibrahim||Smith-Akhtar|20
p|Rebin||Karim|19
p|Shilan||Karim|22
p|Dilan||Rashid|21
p|Nabila||Uddin|20
p|Ayaan||Rahman|23
p|Tyler||Wood|19
p|Ishaan||Solanki|22
p|Jayden||Halifax|20
s|Grace||Ashworth
s|Mark||Sutcliffe
s|Nasreen||Akhtar
s|Joy||Holroyd
s|Imran||Hussain
s|Dawn||Pickles
s|Sophie||Barraclough
s|Shabana||Begum
s|William|Bill|Greenwood
s|Susan|Sue|Naylor
s|Frank||Ogden
s|William|Will|Hirst
s|Patricia|Pat|Crowther
s|Rukhsana||Bibi
s|Parveen||Akhtar
s|Rehana||Khatun
s|Samira||Al-Amri
s|Renáta||Gáborová
s|Małgorzata|Gosia|Zielińska
s|Tariq||Mahmood
s|Karen||Illingworth
s|Jodie||Pearson
s|Amy||Rhodes
s|Daniel||Craven
s|Sarah||Whiteley
s|Hannah||Dobson
s|Adeel||Khan
s|Ruth||Booth
s|Chloe||Sugden
s|Thomas|Tom|Ackroyd
s|Kamran||Ali
s|Denise||Holt
s|Jean||Hardcastle
s|Fozia||Hussain
s|Kelly||Dyson
s|Nadia||Begum
s|Shazia|Shaz|Ahmed
s|Robin||Sykes
s|Muhammad||Iqbal
s|Raj||Mistry
s|Lorraine||Wadsworth
s|Bushra||Mahmood
s|Martin||Haigh
s|Hazel||Brook
s|Anita||Chauhan
s|Gary||Firth
p|Abdul-Rahman|Rahman|Ali|20
g|Salma||Begum
g|Rokeya||Begum
g|Tahir||Hussain
g|Farzana||Hussain
g|Asif||Khan
g|Naseem||Bibi
g|Jamal||Ahmed
g|Shabnam||Akhtar
g|Khalid||Mahmood
g|Waqas||Ali
g|Nilesh||Patel
g|Hetal||Patel
g|Bhavna||Mistry
g|Abdul||Miah
g|Jana||Horváthová
g|Milan||Horváth
g|Peter||Baláž
g|Monika||Balážová
g|Silvia||Dudová
g|Agnieszka||Wiśniewska
g|Ewa||Nowak
g|Tomasz|Tomek|Kowalczyk
g|Marta||Kowalska
g|Hawre||Karim
g|Nasrin||Rashid
g|Ahmed||Al-Jubouri
g|Abdullah||Hassan
g|Huda||Al-Sharabi
g|Fadumo||Warsame
g|Khadra||Mohamed
g|Leanne||Wood
g|Craig||Shipley
g|Gemma||Lister
g|Dean||Hall
g|Stacey||Moss
g|Pauline||Moss
g|Kirsty||Bird
g|Wayne||Keighley
g|Claire||Priestley
g|Jade||Robins
g|Lee||Bradford
g|Chantelle||Halifax
g|Rachel||Smith-Akhtar
g|Shirin||Uddin
g|Mizanur|Mizan|Rahman
g|Rubina||Kauser
g|Saeed||Yusuf
g|Dawn||Lister
g|Sadia||Khan
g|Mohammad||Hussain
g|Joanne||Keighley
g|Ayesha||Ali
g|Zahid||Akhtar
"""

POOLS = {
 'pakistani': ("Ayaan Zayn Rayyan Hassan Ismail Yahya Ilyas Umar Bilal Arham Zakariya Haroon Sami Amaan Zakir Aliyan Huzaifa Ammar "
               "Aleena Amna Anaya Hafsa Hania Hareem Khadija Mahnoor Maira Manahil Mehak Mishal Safa Samiya Sumayyah Zunaira Laiba Areeba",
               "Khan Hussain Begum Ahmed Ali Akhtar Bibi Mahmood Iqbal Rafiq Shah Hanif Aslam Butt Bashir Nawaz Sadiq Anwar Riaz Tariq Majid Kauser Raza Javed Malik"),
 'bangladeshi': ("Rayhan Tanvir Sabbir Imtiaz Ashiqur Nayeem Arafat Tasnim Nusrat Sadia Farhana Mim Jannat Sharmin Tahmina Lamia Anika",
                 "Miah Uddin Rahman Begum Islam Chowdhury Khatun Hoque Ahmed Ullah Sultana"),
 'gujarati': ("Dev Arjun Vivaan Kiran Ishaan Rohan Meera Anvi Priya Kavya Saanvi Nisha Jiya",
              "Patel Mistry Lad Parmar Solanki Chauhan Desai Makwana Rana"),
 'arab': ("Omar Yousef Khaled Adam Hamoud Saif Layla Mariam Nour Rahaf Jana Haneen Ruqaya",
          "Al-Jubouri Al-Sharabi Hassan Saleh Mansour Al-Ammari Qassim Al-Obaidi Nasser"),
 'somali': ("Abdullahi Mahad Liban Sakariye Guled Ifrah Hibo Sagal Nimco Sahra Idil Ubah",
            "Warsame Abdi Mohamed Yusuf Hersi Jama Osman Aden Egal"),
 'roma': ("Marek Radek Patrik Denis Tomáš Martin Kristián Nikola Simona Veronika Dominika Natália Kristína Erika",
          "Horváth Baláž Duda Gabor Lakatoš Kotlár Oláh Pompa Rigo Sivák Tancoš"),
 'polish': ("Jakub Kacper Szymon Filip Antoni Mateusz Julia Zuzanna Hanna Amelia Natalia Wiktoria Lena",
            "Nowak Kowalczyk Wiśniewski Wójcik Kamiński Lewandowski Zieliński Szymański Dąbrowski Kozłowski"),
 'kurdish': ("Aram Karwan Shvan Rebaz Hemin Avin Rojin Shno Hana Bawan",
             "Karim Rashid Aziz Ahmad Salih Qadir Mustafa"),
 'white': ("Oliver George Harry Noah Leo Oscar Freddie Theo Mason Kian Riley Bobby Reggie Tommy Ellie Evie Grace Isla Mia Sophie Millie Esme Lacey Kayla Paige Scarlett",
           "Wood Hall Moss Bird Shipley Lister Priestley Robins Bradford Halifax Keighley Sutcliffe Greenwood Ackroyd Holroyd Booth Sykes Firth Haigh Rhodes Dyson Normington Clegg Pickersgill Whitaker Barker Tordoff Hemingway Brear Speight"),
}
MIX_FIRST = "Jayden Kai Ezra Aaliyah Zion Malachi Amara Nia Tiana Leon"
MIX_LAST = ["Smith-Akhtar", "Campbell", "Brown-Hussain", "Walker", "Thompson-Ali", "Greenwood"]
GENDERED = {'Horváth': 'Horváthová', 'Baláž': 'Balážová', 'Duda': 'Dudová', 'Gabor': 'Gáborová', 'Lakatoš': 'Lakatošová',
            'Kotlár': 'Kotlárová', 'Oláh': 'Oláhová', 'Pompa': 'Pompová', 'Rigo': 'Rigová', 'Sivák': 'Siváková', 'Tancoš': 'Tancošová',
            'Wiśniewski': 'Wiśniewska', 'Wójcik': 'Wójcik', 'Kamiński': 'Kamińska', 'Lewandowski': 'Lewandowska',
            'Zieliński': 'Zielińska', 'Szymański': 'Szymańska', 'Dąbrowski': 'Dąbrowska', 'Kozłowski': 'Kozłowska'}
FEMALE = set(("Aleena Amna Anaya Hafsa Hania Hareem Khadija Mahnoor Maira Manahil Mehak Mishal Safa Samiya Sumayyah Zunaira Laiba Areeba "
              "Tasnim Nusrat Sadia Farhana Mim Jannat Sharmin Tahmina Lamia Anika Meera Anvi Priya Kavya Saanvi Nisha Jiya Layla Mariam Nour "
              "Rahaf Jana Haneen Ruqaya Ifrah Hibo Sagal Nimco Sahra Idil Ubah Nikola Simona Veronika Dominika Natália Kristína Erika Julia Zuzanna Hanna "
              "Amelia Natalia Wiktoria Lena Avin Rojin Shno Hana Ellie Evie Grace Isla Mia Sophie Millie Esme Lacey Kayla Paige Scarlett Aaliyah Amara Nia Tiana").split())
ADULT_F = {'pakistani': "Shabnam Nasim Samina Tahira Rizwana Kalsoom Shazia Uzma Fauzia Ghazala Saima Nazia",
           'bangladeshi': "Rumana Shahnaz Afroza Jesmin Rupna Lovely Momtaz",
           'gujarati': "Hema Sunita Jayshree Dipti Rekha",
           'arab': "Amira Suad Hanan Rasha Wafa",
           'somali': "Hodan Faadumo Safiya Amina Deeqa",
           'roma': "Helena Jarmila Vlasta Gabriela Renata",
           'polish': "Anna Katarzyna Magdalena Joanna Beata",
           'kurdish': "Nazdar Shilan Bahar Tara",
           'white': "Donna Tracey Nicola Michelle Sharon Lisa Emma Jenny Helen Vicky Rebecca Kerry Amanda Jill Linda"}
ADULT_M = {'pakistani': "Imtiaz Nadeem Shahid Zulfiqar Tanveer Sajid Naveed Arshad Faisal Irfan",
           'bangladeshi': "Shahid Jahangir Mamun Rubel Kamal",
           'gujarati': "Hitesh Rakesh Sanjay Manoj",
           'arab': "Fadhel Mohsen Nabil Ali",
           'somali': "Abdiqadir Hassan Mahamed Ismail",
           'roma': "Jozef Ladislav Roman Vladimír",
           'polish': "Piotr Krzysztof Marcin Paweł",
           'kurdish': "Dlshad Sherzad Kawa",
           'white': "Darren Paul Steven Ryan Jason Neil Mark Carl Andrew Kevin Simon Ian"}
WEIGHTS = [('pakistani', 34), ('bangladeshi', 12), ('gujarati', 7), ('arab', 7), ('somali', 6), ('roma', 9), ('polish', 7),
           ('kurdish', 4), ('white', 12), ('mixed', 3)]
STAFF_ORIGIN = [('white', 55), ('pakistani', 30), ('bangladeshi', 5), ('gujarati', 5), ('polish', 3), ('arab', 2)]
PREF = {'Zakariya': 'Zak', 'Jakub': 'Kuba', 'Zuzanna': 'Zuzia', 'Kristián': 'Kiko', 'Katarzyna': 'Kasia',
        'Krzysztof': 'Krzysiek', 'Rebecca': 'Becky', 'Andrew': 'Andy', 'Abdullahi': 'Abdi'}
WEBMAIL = ['gmail.com', 'hotmail.co.uk', 'outlook.com', 'yahoo.co.uk', 'hotmail.com', 'icloud.com', 'live.co.uk', 'btinternet.com']
WORK = ['bradford.nhs.uk', 'bthft.nhs.uk', 'bradford.gov.uk', 'morrisons.com', 'arriva.co.uk', 'yorkshirewater.co.uk']

_T = str.maketrans({'ł': 'l', 'Ł': 'L', 'ø': 'o', 'ß': 'ss', 'đ': 'd'})
def fold(s):
    s = s.translate(_T)
    return ''.join(c for c in unicodedata.normalize('NFKD', s) if not unicodedata.combining(c))
def slug(s):
    return re.sub(r'[^a-z]', '', fold(s).lower())

def main():
    rng = random.Random(SEED)
    people = []  # dicts
    for line in HAND.strip().splitlines():
        parts = line.split('|')
        k, first, pref, last = parts[:4]
        yy = parts[4] if len(parts) > 4 else ''
        people.append(dict(kind={'p': 'pupil', 's': 'staff', 'g': 'parent'}[k], first=first, pref=pref, last=last, yy=yy))
    full = {(p['kind'], p['first'], p['last']) for p in people}
    want = {'pupil': 220, 'staff': 110, 'parent': 150}
    def pick(weights):
        tot = sum(w for _, w in weights); r = rng.uniform(0, tot)
        for o, w in weights:
            r -= w
            if r <= 0: return o
        return weights[-1][0]
    def surname(origin, female):
        if origin == 'mixed':
            return rng.choice(MIX_LAST)
        s = rng.choice(POOLS[origin][1].split())
        if female and s in GENDERED: s = GENDERED[s]
        return s
    for kind in ('pupil', 'staff', 'parent'):
        while sum(1 for p in people if p['kind'] == kind) < want[kind]:
            o = pick(STAFF_ORIGIN if kind == 'staff' else WEIGHTS)
            if kind == 'pupil':
                if o == 'mixed':
                    first = rng.choice(MIX_FIRST.split()); female = first in FEMALE
                else:
                    first = rng.choice(POOLS[o][0].split()); female = first in FEMALE
            else:
                oo = 'white' if o == 'mixed' else o
                female = rng.random() < (0.8 if kind == 'staff' else 0.62)
                first = rng.choice((ADULT_F if female else ADULT_M)[oo].split())
            last = surname(o, female)
            if (kind, first, last) in full: continue
            full.add((kind, first, last))
            people.append(dict(kind=kind, first=first, pref=PREF.get(first, ''), last=last, yy=str(rng.randint(19, 24)) if kind == 'pupil' else ''))
    rows = []; used_mail = set(); used_code = set(); n = {'pupil': 0, 'staff': 0, 'parent': 0}
    for p in people:
        k = p['kind']; n[k] += 1
        personal = ''
        if k == 'pupil':
            pid = 'P%04d' % n[k]
            base = '%s%s%s' % (p['yy'], slug(p['first'])[0], slug(p['last']))
            dom = 'pupils.moorsidefed.org.uk'
            mis = rng.choice('ABCDEFGHJKLMNPRTUVWXYZ') + '380' + p['yy'] + '%07d' % rng.randint(0, 9999999)
        elif k == 'staff':
            pid = 'S%03d' % n[k]
            base = slug(p['first'])[0] + slug(p['last'])
            dom = 'moorsidefed.org.uk'
            code = (slug(p['first'])[0] + slug(p['last'])[:2]).upper()
            i = 2
            while code in used_code:
                code = (slug(p['first'])[0] + slug(p['last'])[0] + slug(p['last'])[min(i, len(slug(p['last'])) - 1)]).upper()
                if code in used_code:
                    code = code[:2] + chr(65 + rng.randint(0, 25))
                i += 1
            used_code.add(code); mis = code
            if rng.random() < 0.12:
                personal = '%s.%s%d@%s' % (slug(p['first']), slug(p['last']), rng.randint(1, 99), rng.choice(WEBMAIL))
        else:
            pid = 'G%03d' % n[k]
            mis = ''
            if rng.random() < 0.8:
                style = rng.randint(0, 3)
                f, l = slug(p['first']), slug(p['last'])
                base = [f + l, f + '.' + l, f + l + str(rng.randint(1, 99)), f[0] + l + str(rng.randint(70, 99))][style]
                dom = rng.choice(WEBMAIL)
            else:
                base = slug(p['first']) + '.' + slug(p['last']); dom = rng.choice(WORK)
            if rng.random() < 0.15:
                personal = '%s%s%d@%s' % (slug(p['first'])[:3], slug(p['last']), rng.randint(1, 999), rng.choice(WEBMAIL))
                if rng.random() < 0.3:
                    personal += ';%s.%s@%s' % (slug(p['last']), slug(p['first']), rng.choice(WORK))
        email = base + '@' + dom; i = 2
        while email in used_mail:
            email = '%s%d@%s' % (base, i, dom); i += 1
        used_mail.add(email)
        rows.append([pid, p['first'], p['pref'], p['last'], k, email, personal, mis])
    with open(OUT, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['id', 'first_name', 'preferred_name', 'last_name', 'kind', 'email', 'personal_emails', 'mis_ref'])
        w.writerows(rows)
    print('roster: %d rows (%s)' % (len(rows), ', '.join('%s %d' % kv for kv in n.items())))

if __name__ == '__main__':
    main()
