#!/usr/bin/env python3
"""Generate roster.csv: hand-written people used in subjects + seeded bulk from name pools."""
import csv, random, unicodedata, os
SEED = 1010
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'roster.csv')
DOMAIN = 'kingfisherfed.org.uk'

# (first, preferred, last)
HAND_PUPILS = [
 ('Hope','','Church'),('Summer','','Wood'),('William','Will','Baker'),('Faith','','Adeyemi'),
 ('Joy','','Mensah'),('Miles','','Street'),('Richard','Rich','Power'),('Grace','','Day'),
 ('Precious','','Okonkwo'),('King','','Asante'),('Tyler-Jay','TJ','Price'),('Kayden-Lee','KL','Judge'),
 ('Mohamed','Mo','Warsame'),('Alexandru','Alex','Popescu'),('Bartłomiej','Bartek','Nowak'),
 ('Abdirahman','Abdi','Hassan'),('Łukasz','','Kowalski'),('Ștefan','','Lăcătuș'),('Mălina','Mali','Dumitru'),
 ('Zoë','','Hall'),('Şerif','','Demir'),('Lacey-Mae','','Smith-Jones'),('Kai','','Williams'),
 ('Bailey','','Fox'),('Mason','','Bell'),('Tyler','','Green'),('Hunter','','Lane'),('River','','Moss'),
 ('Storm','','Cooper'),('Blaze','','Hill'),('Rocky','','Loveridge'),('Amir','','Khan'),('Hamza','','Hussain'),
 ('Kofi','','Boateng'),('Tomasz','Tomek','Wiśniewski'),('Ana','','Ferreira'),('Leo','','Marsh'),
 ('Daan','','van der Berg'),('Ruby','','English'),('Frankie','','French'),('Harvey','','German'),
 ('Lily','','Welsh'),('Ellis','','Law'),('Florence','','Hall'),('Justice','','Osei'),('Blessing','','Eze'),
 ('Mercy','','Adjei'),('Prince','','Ali'),('Rio','','Santos'),('Paris','','Campbell'),('Sky','','Bishop'),
 ('Amber','','Stone'),('Raymond','Ray','Brown'),('Sunny','','Judge'),('Levi','','Loveridge'),
 ('Cerise','','Smith'),('Ahmad','','Rahimi'),('Zahra','','Ahmadi'),('Hodan','','Abdi'),('Idris','','Mohamud'),
 ('Shvan','','Ahmed-Ali'),('Wei','','Chen'),('Tiago','','Costa'),('Zuzanna','Zuza','Wójcik'),
 ('Denisa','Deni','Rostaș'),('Jordan','','Wells'),('Carter','','Young'),('Parker','','Bath'),('Chance','','Mullins'),
 ('Jack','','Price'),('Lucky','','Mensah'),('Charlie','','Field'),('Alfie','Alf','Priceman'),('Nathaniel','Nate','Gordon'),
 ('Jayden','','Baker'),('Emily','','Bright'),('Marley','','Hudson'),('Ionuț','Johnny','Stan'),('Aaliyah','','Bristol'),
 ('Mustafa','Musti','Osman'),('Reece','','Rice'),('Kacper','','Lamb'),('Deon','','Black'),('Tilly','','Page'),
 ('Ayaan','','Yusuf'),('Brooke','','Kingdon'),('Keanu','','White'),
]
HAND_STAFF = [
 # (first, preferred, last, code)
 ('Helen','','Ashworth','HAS'),('Mark','','Bishop','MBI'),('Dawn','','Pearce','DPE'),('Rose','','Kelly','RKE'),
 ('Benjamin','Ben','Carter','BCA'),('Priya','','Shah','PSH'),('Thomas','Tom','Law','TLA'),('Robert','Bob','Cook','BCO'),
 ('Frank','','Young','FYO'),('Ray','','Black','RBL'),('Amber','','White','AWH'),('Grace','','Lamb','GLA'),
 ('Joy','','Page','JPA'),('Marcus','','Campbell','MCA'),('Dwayne','','Francis','DFR'),('Kayleigh','','Rice','KRI'),
 ('Stephen','Steve','Hollis','SHO'),('Nadia','','Begum','NBE'),('Ewa','','Zielińska','EZI'),('Hannah','','Best','HBE'),
 ('Claire','','Moss','CMO'),('Christopher','Chris','Stone','CST'),('Kerry','','Bell','KBE'),('Andrew','','Power','APO'),
 ('Terence','Terry','Green','TGR'),('Sharon','','Rice','SRI'),('Rebecca','Becky','Lane','BLA'),('Robin','','Marsh','RMA'),
 ('Gareth','','Bath','GBA'),('Faith','','Okoye','FOK'),('Jack','','Hill','JHI'),('Miles','','Fenwick','MFE'),
 ('Sunita','','Dhillon','SDH'),('Kasia','','Lewandowska','KLE'),('Liam','','Street','LST'),('Jo','','Hope','JHO'),
 ('Tariq','','Mahmood','TMA'),('Sian','','Wells','SWE'),('Dean','','Price','DPR'),('Lorna','','King','LKI'),
 ('Hollie','','Judge','HJU'),('Ade','','Bakare','ABA'),
]
HAND_PARENTS = [
 ('Kelly','','Fox'),('Leanne','','Church'),('Pauline','','Price'),('Beverley','Bev','Osborne'),
 ('Abdullahi','','Warsame'),('Elena','','Popescu'),('Agnieszka','','Nowak'),('Florin','','Lăcătuș'),
 ('Ngozi','','Okonkwo'),('Akosua','','Mensah'),('Gemma','','Taylor'),('Chantelle','','Smith'),('Kwame','','Boateng'),
 ('Shazia','','Khan'),('Fernanda','','Santos'),('Mary','','Loveridge'),('Wayne','','Lane'),('Claire','','Baker'),
 ('Richard','Rich','Street'),('Blessing','','Adeyemi'),('Marcia','','Campbell'),('Dorothy','Dot','Wood'),
 ('Danny','','Green'),('Hawa','','Hassan'),('Sabina','','Rostaș'),('Joanne','Jo','Judge'),('Amina','','Ahmed-Ali'),
 ('Grace','','Moss'),('Tracey','','Hill'),('Lisa','','Williams'),('Steve','','Cooper'),('Dominika','','Wiśniewska'),
 ('Angela','','Young'),('Hope','','Mullins'),
]

POOLS = {
 'white_british': (['Oliver','Harry','George','Charlie','Alfie','Freddie','Archie','Ethan','Callum','Connor',
   'Jake','Lewis','Ryan','Liam','Jessica','Chloe','Megan','Ellie','Sophie','Holly','Lauren','Poppy','Evie',
   'Isla','Millie','Daisy','Harvey','Riley','Kian','Brandon','Jamie','Corey','Taylor','Demi','Shannon'],
   ['Smith','Jones','Taylor','Davies','Evans','Thomas','Roberts','Walker','Wright','Harris','Clarke','Jackson',
    'Turner','Morgan','Hughes','Edwards','Collins','Shaw','Ellis','Webb','Pike','Tucker','Hale','Chard','Snook',
    'Luscombe','Vowles','Fry','Bryant','Hooper']),
 'somali': (['Ahmed','Ayaan','Hamdi','Khadra','Abdullahi','Yasmin','Fadumo','Ismail','Sagal','Ilhan'],
   ['Abdullahi','Nur','Warsame','Farah-Ali','Jama','Aden','Ibrahim','Egal']),
 'polish': (['Jakub','Kacper','Szymon','Oliwia','Maja','Filip','Natalia','Wiktoria','Mikołaj'],
   ['Kowalczyk','Zając','Mazur','Krawczyk','Nowicki','Dąbrowski','Wróbel']),
 'romanian': (['Andrei','Ioana','Gabriel','Bianca','Cristian','Denis','Florentina'],
   ['Ionescu','Munteanu','Radu','Stoica','Matei','Constantin']),
 'kurdish_afghan': (['Aras','Rojin','Soran','Dilan','Omid','Farid','Laila','Mursal','Bahar'],
   ['Karimi','Rasouli','Hamid','Mirza','Barzani','Sultani']),
 'sudanese': (['Malaz','Tasneem','Abubakar','Mazin','Sara'],['Elamin','Babiker','Idris']),
 'caribbean': (['Jaden','Tyrese','Kemar','Shanice','Jahmai','Aaliyah','Tianna','Kyrie','Leon'],
   ['Campbell','Thompson','Richards','Grant','Francis','Morrison','Reid-Brown','Gayle']),
 'west_african': (['Chidi','Tobi','Ama','Yaw','Kwabena','Adaeze','Femi','Esi','Ebo'],
   ['Adebayo','Owusu','Appiah','Nwosu','Danquah','Ogunleye']),
 'lusophone': (['Gabriela','Rafael','Beatriz','Lucas','Matheus','Inês'],['Pereira','Oliveira','Rodrigues','Alves']),
 'chinese': (['Yifan','Hao','Mei','Jun','Xin'],['Wang','Zhang','Liu','Huang']),
 'traveller': (['Tyson','Mikey','Shanelle','Bridget','Jimmy','Johnny'],['Loveridge','Doran','Ward','Joyce','Lee']),
}
# names reserved for detector persons (outside professionals): never generated into the roster
RESERVED = {'Jenkins','Whitfield','Okoro','McAllister','Rowe','Sharma','Crowley','Parfitt','Abernethy','Tranter',
 'Penrose','Farooq','Garside','Dunn','Reid','Hughes','Okafor','Kaminski','Baptiste','Pritchard','Nolan','Ferris',
 'Kowalczuk','Thorne','Lister','Mbeki','Haines','Oduya','Gallagher','Sweeney','Dobson','Quinn','Hartley'}

def strip(s):
    return ''.join(c for c in unicodedata.normalize('NFKD', s) if not unicodedata.combining(c))

def slug(s):
    return ''.join(c for c in strip(s).replace('ł', 'l').replace('Ł', 'L').lower() if c.isascii() and c.isalpha())

def main():
    rng = random.Random(SEED)
    people = []  # dicts
    seen = set()
    def add(kind, first, pref, last, code=''):
        key = (kind, first, last)
        if key in seen: return False
        seen.add(key); people.append(dict(kind=kind, first=first, pref=pref, last=last, code=code)); return True
    for f,p,l in HAND_PUPILS: add('pupil', f, p, l)
    for f,p,l,c in HAND_STAFF: add('staff', f, p, l, c)
    for f,p,l in HAND_PARENTS: add('parent', f, p, l)
    origins = list(POOLS); weights = [10,3,3,2,3,1,3,2,1,1,2]
    def gen(kind, n):
        c = 0
        while c < n:
            o = rng.choices(origins, weights)[0]
            f = rng.choice(POOLS[o][0]); l = rng.choice(POOLS[o][1])
            if l in RESERVED: continue
            pref = ''
            if kind == 'pupil' and rng.random() < 0.06:
                pref = {'Oliver':'Ollie','Jessica':'Jess','Abdullahi':'Abdi','Mikołaj':'Miki','Gabriel':'Gabi',
                        'Alfie':'Alf','Freddie':'Fred','Jakub':'Kuba','Cristian':'Cris'}.get(f, '')
            if add(kind, f, pref, l): c += 1
    n = lambda k: sum(1 for p in people if p['kind']==k)
    gen('pupil', 150 - n('pupil')); gen('staff', 110 - n('staff')); gen('parent', 120 - n('parent'))
    rows = []; counters = {'pupil':0,'staff':0,'parent':0}; codes = {p['code'] for p in people if p['code']}
    webmail = ['gmail.com','hotmail.co.uk','outlook.com','yahoo.co.uk','icloud.com','btinternet.com']
    for p in people:
        k = p['kind']; counters[k] += 1; i = counters[k]
        f, l = slug(p['first']), slug(p['last'])
        personal = ''
        if k == 'pupil':
            pid = 'P%04d' % i; yr = rng.choice(range(17, 26))
            email = '%02d%s%s@pupils.%s' % (yr, f[0], l, DOMAIN)
            mis = rng.choice('ABCDEFGHJKLMNPRT') + ''.join(rng.choice('0123456789') for _ in range(12))
            if rng.random() < 0.04: personal = '%s%s%d@%s' % (f, l, rng.randint(1,99), rng.choice(webmail))
        elif k == 'staff':
            pid = 'S%03d' % i; email = '%s.%s@%s' % (f[0], l, DOMAIN)
            mis = p['code']
            while not mis or (mis in codes and mis != p['code']):
                mis = (f[0] + l[:2]).upper() if not mis else (f[0] + rng.choice(l) + rng.choice(l)).upper()
                if mis in codes: mis = (f[0] + l[0] + rng.choice('ABCDEFGHJKLMNPRSTWXYZ')).upper()
                if mis in codes: mis = ''
            codes.add(mis)
            if rng.random() < 0.06: personal = '%s.%s@%s' % (f, l, rng.choice(webmail))
        else:
            pid = 'G%03d' % i; mis = ''
            if rng.random() < 0.15:
                email = '%s.%s@%s' % (f, l, rng.choice(['nhs.net','bristol.gov.uk','tesco.com','firstgroup.com']))
            else:
                email = rng.choice(['%s%s%d', '%s.%s%d', '%s_%s%d']) % (f, l, rng.randint(1,99)) + '@' + rng.choice(webmail)
        rows.append([pid, p['first'], p['pref'], p['last'], k, email, personal, mis])
    with open(OUT, 'w', newline='', encoding='utf-8') as fh:
        w = csv.writer(fh); w.writerow(['id','first_name','preferred_name','last_name','kind','email','personal_emails','mis_ref'])
        w.writerows(rows)
    print('wrote', len(rows), 'people', counters)

if __name__ == '__main__':
    main()
