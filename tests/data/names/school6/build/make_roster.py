"""Build roster.csv from people_key.txt (hand-written key people) + seeded filler. Stdlib only."""
import csv, random, unicodedata, re, os
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'roster.csv')
DOMAIN = 'ashgrovepark.sch.uk'
rng = random.Random(6061)

def fold(s):
    s = s.replace('ł', 'l').replace('Ł', 'L').replace('ı', 'i')
    return ''.join(c for c in unicodedata.normalize('NFKD', s) if not unicodedata.combining(c))

def slug(s):
    return re.sub(r'[^a-z]', '', fold(s).lower())

# filler pools: (first names, surnames) per origin
POOLS = [
 ("Oliver George Alfie Charlie Theo Arthur Evie Lily Isabella Freya Millie Ellie Harper Noah Jacob Tommy", "Smith Jones Walker Harris Cooper Ward Bailey Hughes Turner Collins Price Bennett Richards"),
 ("Connor Ciara Niall Saoirse Ronan Erin", "Kelly Walsh Brennan Doyle Quinn Gallagher"),
 ("Jayden Tianna Kymani Shantelle Jahmai Amari Reuben", "Brown Reid Campbell Williams Gordon Forbes Clarke"),
 ("Kofi Ama Yaw Efua Nana Kojo Akua", "Mensah Boateng Owusu Appiah Agyeman Addo Asante"),
 ("Damilola Tolu Ife Seyi Adaeze Chinonso Ebuka Ifeoma Eseosa Osaretin", "Adeleke Ogundipe Okoro Eze Onyeka Okafor Aigbe Edosa"),
 ("Ayaan Hibo Khadija Liban Sagal Idil", "Mohamed Ahmed Hassan Jama Ali Yusuf"),
 ("Filmon Senait Robel Luwam", "Tekle Ghebre Berhane Kidane"),
 ("Abel Selam Hanna Dawit", "Bekele Girma Alemu"),
 ("Mohamed Malaz Rayan", "Elhassan Abdelrahman Osman"),
 ("Kaviya Arun Sanjay Dharshini Pranav Abinaya", "Kumar Selvaraj Balasubramaniam Ravindran"),
 ("Dinuli Sahan Tharushi", "Fernando Silva Jayasinghe"),
 ("Aarav Riya Jai Mira Anaya Vihaan", "Patel Shah Parmar Solanki Mistry Chauhan"),
 ("Gurveer Simran Arjun Jasleen Manveer", "Singh Kaur Sandhu Gill Dhillon"),
 ("Zainab Musa Hamza Maryam Ibrahim Aleena Rehan", "Iqbal Butt Akram Raza Mahmood"),
 ("Rahim Tasnim Ayesha Nabil Safa Rafi", "Miah Ahmed Islam Hoque Rahman"),
 ("Mustafa Yasin Zahra Farid Nazanin", "Ahmadi Sultani Noori Hakimi"),
 ("Arman Shirin Kian Yasmin Dariush", "Hosseini Moradi Tehrani Javadi"),
 ("Zaid Noor Hussein Maryam", "Al-Tamimi Jassim Al-Saadi"),
 ("Rojda Baran Azad Hevin", "Baran Dogan Kaya Zana"),
 ("Elif Yusuf Ece Kerem Ayse Berk", "Yildiz Ozturk Arslan Celik"),
 ("Mehmet Selin Hasan Ayla", "Huseyin Ibrahim Hussein Mehmet"),
 ("Christos Maria Nikolas Eleni Stelios", "Georgiou Ioannou Kyriakou Constantinou"),
 ("Zofia Kacper Szymon Lena Jakub Oliwia Antoni", "Wiśniewski Lewandowska Kamiński Zając Wróbel Dąbrowski"),
 ("Andrei Bianca Ștefan Daria Luca Ioana", "Ionescu Dumitru Munteanu Constantin"),
 ("Georgi Yoana Nikola Kalina", "Ivanov Georgieva Todorov"),
 ("Klea Enis Arber Ana", "Shehu Kola Berisha Gashi"),
 ("Lukas Emilija Matas Ugnė", "Jankauskas Petrauskas Vasiliauskas"),
 ("Rodrigo Inês Duarte Leonor Afonso", "Santos Pereira Costa Rodrigues"),
 ("Enzo Laura Davi Helena Heitor", "Souza Lima Carvalho Almeida"),
 ("Santiago Isabella Samuel Mariana", "Gómez Londoño Vargas Ospina"),
 ("Joaquín Camila Andrés", "Quispe Chávez Morales"),
 ("Jericho Angelica Miguel Trisha", "Santos Dela Cruz Bautista Mendoza"),
 ("Bao Ngoc Khanh Linh Duc", "Tran Le Hoang Vu Nguyen"),
 ("Zihan Ruoxi Yuming Hao", "Li Zhang Liu Chen Huang"),
 ("Seo-yun Min-jun Ha-eun", "Lee Choi Jung"),
 ("Yui Sota Hina", "Tanaka Suzuki Watanabe"),
 ("Chloé Hugo Manon Louis", "Martin Dubois Lefebvre"),
 ("Sofia Lorenzo Chiara Matteo", "Rossi Bianchi Conti"),
 ("Lucía Hugo Alba Martina", "Fernández López Ruiz"),
]
SHORT = {'Isabella': 'Bella', 'Oliver': 'Ollie', 'Damilola': 'Dami', 'Chinonso': 'Nonso', 'Ifeoma': 'Ify', 'Osaretin': 'Osa',
 'Adaeze': 'Ada', 'Dharshini': 'Dharsh', 'Abinaya': 'Abi', 'Christos': 'Chris', 'Nikolas': 'Niko', 'Stelios': 'Stel', 'Szymon': 'Szymek',
 'Jakub': 'Kuba', 'Antoni': 'Antek', 'Santiago': 'Santi', 'Mariana': 'Mari', 'Jericho': 'Jec', 'Angelica': 'Gelica', 'Kymani': 'Ky',
 'Shantelle': 'Shan', 'Pranav': 'Prav', 'Ibrahim': 'Ibby', 'Matteo': 'Teo', 'Nazanin': 'Naz', 'Zainab': 'Zee', 'Oluwaseyi': 'Seyi',
 'Gurveer': 'Gurv', 'Manveer': 'Manny', 'Abdirahman': 'Abdi', 'Ștefan': 'Stefi', 'Emilija': 'Emi', 'Leonor': 'Leo', 'Heitor': 'Tor',
 'Theodore': 'Theo', 'Arthur': 'Art', 'Jacob': 'Jake', 'Harper': 'Harps', 'Millie': 'Mills', 'Tommy': 'Tom', 'Reuben': 'Reu',
 'Khadija': 'Dija', 'Maryam': 'Mimi', 'Yasmin': 'Yaz', 'Kalina': 'Kali', 'Oliwia': 'Oli', 'Kacper': 'Kacpi', 'Rodrigo': 'Rodri',
 'Samuel': 'Sammy', 'Camila': 'Cami', 'Trisha': 'Trish', 'Lorenzo': 'Renzo'}
PARENT_FIRST = {
 0: "Sarah Emma Kelly Michelle Lisa Darren Stuart Claire Rebecca Jason", 2: "Sandra Andre Winston Paulette", 3: "Esi Kwesi Comfort",
 4: "Bisi Tunde Ada Emeka Osaro", 5: "Fadumo Abdi Sahra", 9: "Kalaivani Suresh", 11: "Hetal Nilesh Bhavna", 13: "Saima Tariq",
 14: "Shirin Jamal", 22: "Katarzyna Piotr", 23: "Alina Florin", 27: "Sofia Nuno", 29: "Paola", 31: "Rowena Joel", 32: "Hanh",
 33: "Mei", 36: "Amélie", 38: "Carmen",
}

def main():
    rows = []
    key = []
    for line in open(os.path.join(HERE, 'people_key.txt'), encoding='utf-8'):
        line = line.rstrip('\n')
        if not line or line.startswith('#'):
            continue
        parts = line.split('|')
        key.append(parts)
    used_full = {(p[1], p[3]) for p in key}
    used_first = {p[1] for p in key} | {p[2] for p in key if p[2]}
    pupils = [p for p in key if p[0] == 'pupil']
    staff = [p for p in key if p[0] == 'staff']
    parents = [p for p in key if p[0] == 'parent']
    # filler pupils: 260 total; some as siblings of key pupils (same surname)
    fill_p = []
    fill_g = []
    tries = 0
    while len(pupils) + len(fill_p) < 260:
        tries += 1
        oi = rng.randrange(len(POOLS))
        firsts, lasts = POOLS[oi][0].split(), POOLS[oi][1].split()
        f, l = rng.choice(firsts), rng.choice(lasts)
        if (f, l) in used_full or f in used_first and rng.random() < 0.7:
            continue
        used_full.add((f, l))
        year = rng.choice(['Nursery', 'Reception', 'Y1', 'Y2', 'Y3', 'Y4', 'Y5', 'Y6', 'Y6', 'Y5', 'Y4'])
        pref = SHORT.get(f, '') if rng.random() < 0.85 else ''
        fill_p.append(['pupil', f, pref, l, year + ' (filler)', oi])
    # filler parents: 100 total
    fam = list(fill_p)
    rng.shuffle(fam)
    for fp in fam:
        if len(parents) + len(fill_g) >= 100:
            break
        oi = fp[5]
        pool = PARENT_FIRST.get(oi)
        if not pool:
            continue
        f = rng.choice(pool.split())
        if (f, fp[3]) in used_full:
            continue
        used_full.add((f, fp[3]))
        fill_g.append(['parent', f, '', fp[3], 'parent of %s %s (filler)' % (fp[1], fp[3])])
    assert len(parents) + len(fill_g) == 100, len(parents) + len(fill_g)
    allp = pupils + [p[:5] for p in fill_p]
    rng.shuffle(allp)
    # --- emit
    out = []
    seen_codes = set(); seen_mail = set()
    webmail = ['gmail.com', 'hotmail.co.uk', 'outlook.com', 'yahoo.co.uk', 'icloud.com', 'live.co.uk', 'btinternet.com']
    work = ['nhs.net', 'tfl.gov.uk', 'met.police.uk', 'sainsburys.co.uk', 'barnet.gov.uk']
    for i, p in enumerate(allp, 1):
        f, pref, l, note = p[1], p[2], p[3], p[4]
        email = ''
        if note.startswith('Y5') or note.startswith('Y6'):
            for n in range(100):
                e = '%s%s%02d@pupils.%s' % (slug(f)[0], slug(l), rng.randrange(10, 99), DOMAIN)
                if e not in seen_mail:
                    break
            seen_mail.add(e); email = e
        upn = rng.choice('ABCDEFGHJKLMNPRTUWXYZ') + ''.join(str(rng.randrange(10)) for _ in range(12))
        out.append(['P%03d' % i, f, pref, l, 'pupil', email, '', upn])
    for i, p in enumerate(staff, 1):
        f, pref, l, note = p[1], p[2], p[3], p[4]
        if len(p) > 5 and p[5] == 'office':
            email = 'office@' + DOMAIN
        else:
            email = '%s.%s@%s' % (slug(f), slug(l), DOMAIN)
        code = (fold(f)[0] + fold(l)[0]).upper()
        c = code + fold(l)[1].upper()
        k = 2
        while c in seen_codes:
            c = code + fold(l)[k].upper(); k += 1
        seen_codes.add(c)
        pe = ''
        if i in (3, 9, 16, 20, 41):
            pe = '%s%s%d@%s' % (slug(f), slug(l)[:3], rng.randrange(70, 99), rng.choice(webmail))
        out.append(['S%03d' % i, f, pref, l, 'staff', email, pe, c])
    allg = parents + fill_g
    for i, p in enumerate(allg, 1):
        f, l = p[1], p[3]
        style = rng.randrange(4)
        if style == 0:
            local = '%s.%s' % (slug(f), slug(l))
        elif style == 1:
            local = '%s%s%d' % (slug(f)[0], slug(l), rng.randrange(1, 99))
        elif style == 2:
            local = '%s_%s%d' % (slug(f), slug(l)[:4], rng.randrange(70, 99))
        else:
            local = '%s%s' % (slug(f), slug(l))
        dom = rng.choice(work) if rng.random() < 0.1 else rng.choice(webmail)
        email = local + '@' + dom
        pe = ''
        if rng.random() < 0.08:
            pe = '%s.%s@%s' % (slug(f), slug(l), rng.choice(webmail))
        out.append(['G%03d' % i, f, p[2], l, 'parent', email, pe, ''])
    with open(OUT, 'w', newline='', encoding='utf-8') as fh:
        w = csv.writer(fh, lineterminator='\n')
        w.writerow(['id', 'first_name', 'preferred_name', 'last_name', 'kind', 'email', 'personal_emails', 'mis_ref'])
        w.writerows(out)
    print(len(out), 'people')

if __name__ == '__main__':
    main()
