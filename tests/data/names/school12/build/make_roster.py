#!/usr/bin/env python3
"""Write roster.csv for Fenland Vale Academy (invented people). Fixed seed.
Hand-chosen people (used in src/*.txt subjects) first, then filled from seeded pools by origin."""
import csv, os, random, re, unicodedata
from common import fold, ROOT

random.seed(1212)

# kind|first|preferred|last|yy   (yy = entry year for pupils)
HAND = """
s|Grace||Whitworth
s|Mark||Fenwick
s|Dawn||Ashby
s|Hope||Ridley
s|Joy||Appleby
s|Rasa||Petrauskienė
s|Ilona||Nowak
s|Mihaela||Popescu
s|Desislava|Desi|Petrova
s|Pat||Cooley
s|William|Bill|Sharpe
s|Sue||Hollis
s|Frank||Doherty
s|Robert|Rob|Tennant
s|William|Will|Garner
s|Angel||Martins
s|Nigel||Brand
s|Lorna||Gaunt
s|Dean||Kirkby
s|Andrew||Colley
s|Gary||Nutt
s|Kevin|Kev|Barlow
s|Stuart|Stu|Pinchbeck
s|Brenda||Ford
s|Tracey||Dunmore
s|Lisa||Gedney
s|Jordan||Hunt
s|Rebecca|Becky|Lane
s|Shannon||Rudd
s|Kayleigh||Mercer
s|Ewa||Zielińska
s|Inese||Kalniņa
s|Jenny||Waters
s|Karen||Pickering
s|Marlon||Weekes
s|Priya||Chauhan
s|Tom||English
s|Owen||Welsh
s|Siobhan||Kerry
s|Kate||Priest
s|Daniel||Bishop
s|Hannah||Church
s|Paul||Cross
s|Wing Yan|Winnie|Lau
s|Ahmed||Rashid
s|Claire||Bywater
s|Simon||Mowbray
p|Faith||Boswell|21
p|Patience||Adeyemi|22
p|Blessing||Nwosu|23
p|Precious||Loveridge|20
p|Destiny||Smith|22
p|Jude||Price|21
p|Carol||Ionescu|23
p|April||Welsh|22
p|May||Lee|24
p|June||Hill|20
p|Autumn||Green|21
p|Ivy||Marsh|23
p|Holly||Brown|22
p|Beatrice|Bea|Cross|21
p|Sonny||Loveridge|23
p|Ray||Walker|20
p|Drew||Fox|22
p|Chase||Young|21
p|Rowan||Long|24
p|Ashley|Ash|Short|22
p|Neve||Rice|23
p|Marvellous||Adebayo|20
p|Gift||Chikwanha|24
p|Kyle||Mass|21
p|Chloe||Church|22
p|Liam||Priest|23
p|Evie||Bishop|20
p|Harvey||Chapel|24
p|Ellie-May||English|21
p|Kieran||Ireland|22
p|Jessica||Kerry|23
p|Connor||Derby|20
p|Amelia||Chester|24
p|Lewis||Preston|21
p|Mia||Lancaster|22
p|Leo||Green|23
p|Ruby||White|20
p|Alfred|Alfie|Young|22
p|Archibald|Archie|Walker|23
p|Charlotte|Charlie|Hill|24
p|Freya||Marsh|21
p|Jack||Rose|20
p|Logan||Mercer|22
p|Ellis||Tennyson|23
p|Tia||Boston|21
p|Jayden||Spalding|22
p|Glen||Holt|20
p|Gintarė||Žemaitytė|22
p|Austėja||Kazlauskaitė|21
p|Matas||Kazlauskas|24
p|Lukas|Luke|Jonaitis|23
p|Dominykas|Dom|Petrauskas|20
p|Roberts|Robbie|Bērziņš|22
p|Elīna||Kalniņa|21
p|Jānis|John|Ozoliņš|23
p|Zuzanna|Zuzia|Wiśniewska|24
p|Jakub|Kuba|Kowalczyk|21
p|Małgorzata|Gosia|Nowicka|20
p|Szymon|Szymek|Wróbel|22
p|Wojciech|Wojtek|Lis|23
p|Yoana||Georgieva|21
p|Nikolay|Niki|Ivanov|22
p|Andreea||Țurcanu|20
p|Ionuț||Bălan|23
p|Alexandru|Alex|Popa|24
p|Tiago||Gonçalves|22
p|Beatriz|Bia|Silva-Pereira|21
p|Rafael||da Costa|23
p|Inês||dos Santos|20
p|Dávid||Horváth|22
p|Denisa||Baloghová|21
p|Patrik||Oláh|24
p|Levi||Boswell|23
p|Lenny||Price|20
p|Shanice||Lee|22
p|Omar||Al-Khatib|21
p|Lana||Al-Khatib|24
p|Zahra||Ahmadi|22
p|Mohammad|Mo|Rahimi|23
p|Hoi Ching|Chloe|Wong|21
p|Ka Ho|Marcus|Chan|24
p|Oscar||Smith-Hewitt|22
p|Harley||Dunn|20
p|Kacper||Zając|23
p|Mateus||Ferreira|24
p|Ștefan||Mureșan|21
p|Deimantė||Vaitkutė|20
p|Ugnė||Stankevičiūtė|22
g|Tomas||Kazlauskas
g|Jurgita||Kazlauskienė
g|Rūta||Žemaitienė
g|Līga||Bērziņa
g|Agnieszka|Aga|Wiśniewska
g|Stoyan||Ivanov
g|Florin||Bălan
g|Luís||Gonçalves
g|Fernanda||dos Santos
g|Marek||Horváth
g|Bridget||Boswell
g|Thomas|Tommy|Lee
g|Ahmad||Al-Khatib
g|Farid||Ahmadi
g|Kelvin||Wong
g|Jade||Walker
g|Karen||Spalding
g|Craig||Fox
g|Stacey||Hill
g|Wayne||Preston
g|Michelle||Green
g|Darren||Brown
g|Kirsty||Rose
g|Amanda||Ireland
g|Gemma||White
g|Leanne||Smith-Hewitt
g|Danielle||Church
g|Nadia||Ionescu
g|Rosa||da Costa
g|Shelley||Loveridge
g|Mandy||Price
g|Iveta||Baloghová
g|Oksana||Zając
g|Dorota||Nowicka
g|Sorin||Țurcanu
g|Samira||Rahimi
g|Ruth||Adeyemi
g|Jolanta||Jonaitienė
g|Vanessa||Dunn
g|Lee||Chester
"""

POOLS = {
 'british': (['George','Noah','Jacob','Charlie','Thomas','Joshua','Ethan','Mason','Callum','Kai','Tyler','Riley','Brandon','Reece','Owen','Finley','Aaron','Bradley',
              'Amelia','Olivia','Isla','Emily','Sophie','Lily','Ella','Grace','Jasmine','Lacey','Courtney','Megan','Abigail','Paige','Chelsea','Kelsey','Evie','Maisie','Amber','Leah'],
             ['Allen','Bailey','Barker','Bell','Bennett','Carter','Clarke','Cooper','Dawson','Dixon','Elliott','Fletcher','Gibson','Harrison','Holmes','Jackson','Kemp','Mason','Mills','Nicholls',
              'Osborne','Parker','Pearson','Reynolds','Robinson','Saunders','Sharp','Skinner','Stevens','Thompson','Turner','Ward','Watson','Webb','Wilkinson','Woodcock','Wright','Yates','Odling','Fairburn']),
 'lithuanian': (['Mantas','Eimantas','Rokas','Paulius','Domantas','Gabija','Emilija','Kamilė','Urtė','Miglė','Viltė','Karolis'],
                ['Jankauskas','Žukauskas','Paulauskas','Butkus','Urbonas','Navickas','Rimkus','Balčiūnas']),
 'latvian': (['Artūrs','Kārlis','Emīls','Rūdolfs','Marta','Anete','Katrīna','Alise','Dārta'],
             ['Kļaviņš','Liepiņš','Krūmiņš','Zariņš','Vītols','Lācis','Jansons']),
 'polish': (['Antoni','Filip','Mikołaj','Oliwier','Bartosz','Natalia','Julia','Maja','Hanna','Wiktoria','Oliwia','Łucja','Igor','Dawid'],
            ['Kamiński','Lewandowski','Dąbrowski','Kozłowski','Jankowski','Mazur','Krawczyk','Pawłowski','Michalski','Grabowski','Szczepański']),
 'bulgarian': (['Martin','Viktor','Kaloyan','Boris','Mariya','Gergana','Viktoria','Elena'],
               ['Petrov','Stoyanov','Kolev','Todorov','Angelov','Nikolov']),
 'romanian': (['Andrei','Mihai','Răzvan','Darius','Ioana','Bianca','Alexia','Denisa','Cristiana'],
              ['Stan','Dumitru','Constantin','Marin','Stoica','Lungu','Răducanu','Nistor']),
 'portuguese': (['Gonçalo','Duarte','Rodrigo','Afonso','Leonor','Matilde','Carolina','Margarida'],
                ['Sousa','Rodrigues','Fernandes','Lopes','Marques','Almeida','Ribeiro','Carvalho']),
 'roma': (['Matej','Samuel','Erik','Vanesa','Nikola','Simona','Kristián'],['Kováč','Rusnák','Tóth','Gaži','Mirga','Lakatoš']),
 'traveller': (['Johnny','Levi','Kasey','Bobby','Frankie','Billy-Joe','Shyanne','Lacey-Mae','Roseanne'],['Doe','Ayres','Cooper','Eastwood','Wilson','Buckley','Gaskin']),
}
ORIGIN_W = [('british',50),('lithuanian',10),('latvian',7),('polish',12),('bulgarian',5),('romanian',7),('portuguese',6),('roma',4),('traveller',5)]
STAFF_FIRST = ['Sarah','Helen','Joanne','Nicola','Rachel','Emma','Louise','Victoria','Catherine','Fiona','Alison','Gillian','Deborah','Stephen','Richard','Matthew','Martin','Ian','Neil','Graham',
               'Jonathan','Philip','Adam','Chris','Laura','Amy','Natalie','Sian','Yvonne','Lesley','Trevor','Malcolm','Carl','Stephanie','Zoe','Naomi']
STAFF_LAST = ['Atkinson','Burton','Chambers','Dobson','Everitt','Fielding','Goodacre','Hammond','Ingram','Jarvis','Knowles','Lindley','Maddison','Needham','Oakley','Pattinson','Quarmby','Ramsden',
              'Sewell','Thurlby','Upton','Varley','Whitlam','Brackenbury','Cawthorne','Dowson','Elsom','Frisby','Grummitt','Hebblethwaite','Ingle','Kisby','Leggate','Moulds','Nettleship',
              'Parnham','Rippin','Scoffield','Tointon','Vickers','Wyles','Allbones']
WEBMAIL = ['gmail.com','hotmail.co.uk','outlook.com','yahoo.co.uk','icloud.com','hotmail.com','live.co.uk']
WORK = ['freshfenproduce.co.uk','wellandpack.co.uk','hollandbeachgrowers.co.uk','lincsnhs.example.uk','gedneyfoods.co.uk','nhs.net']

def detector_tokens():
    toks = set()
    src = os.path.join(ROOT, 'src')
    for fn in os.listdir(src):
        for m in re.finditer(r'\[([^\]|]+)\|d\]', open(os.path.join(src, fn), encoding='utf-8').read()):
            for t in re.split(r"[\s,.]+", m.group(1)):
                if t: toks.add(fold(t))
    return toks

def asc(s):
    return re.sub(r'[^a-z0-9-]', '', fold(s))

def main():
    bad = detector_tokens()
    people = []
    for line in HAND.strip().splitlines():
        f = line.split('|') + ['']
        people.append(dict(kind={'p':'pupil','s':'staff','g':'parent'}[f[0]], first=f[1], pref=f[2], last=f[3], yy=f[4]))
    target = {'pupil':190, 'staff':120, 'parent':140}
    have = {k: sum(1 for p in people if p['kind']==k) for k in target}
    used_full = {fold(p['first']+' '+p['last']) for p in people}
    origins = [o for o,w in ORIGIN_W for _ in range(w)]
    def fresh(firsts, lasts):
        while True:
            fi, la = random.choice(firsts), random.choice(lasts)
            if fold(fi) in bad or fold(la) in bad or fold(fi+' '+la) in used_full: continue
            used_full.add(fold(fi+' '+la)); return fi, la
    for kind in ('pupil','parent'):
        while have[kind] < target[kind]:
            o = random.choice(origins); fi, la = fresh(*POOLS[o])
            people.append(dict(kind=kind, first=fi, pref='', last=la, yy=str(random.choice([20,21,22,23,24])) if kind=='pupil' else ''))
            have[kind] += 1
    while have['staff'] < target['staff']:
        fi, la = fresh(STAFF_FIRST, STAFF_LAST)
        people.append(dict(kind='staff', first=fi, pref='', last=la, yy='')); have['staff'] += 1
    emails, codes = set(), set()
    n = {'pupil':0,'staff':0,'parent':0}
    rows = []
    for p in people:
        k = p['kind']; n[k] += 1
        fi, la = asc(p['first']), asc(p['last'])
        if k == 'pupil':
            pid = 'P%04d' % n[k]; base = '%s%s%s' % (p['yy'], fi[0], la.replace('-', '')); dom = 'pupils.fenlandvale.org.uk'
            mis = random.choice('ABCDEFGHJKLMNPQRTUVWXYZ') + ''.join(random.choice('0123456789') for _ in range(12))
        elif k == 'staff':
            pid = 'S%03d' % n[k]; base = fi[0] + la.replace('-', ''); dom = 'fenlandvale.org.uk'
            c = (fi[0] + la[:2]).upper(); i = 2
            while c in codes: c = (fi[0] + la[0] + la[i % len(la)]).upper(); i += 1
            codes.add(c); mis = c
        else:
            pid = 'G%03d' % n[k]; mis = ''
            if random.random() < 0.8:
                base = random.choice(['%s.%s', '%s%s', '%s_%s%d' % ('%s', '%s', random.randint(1, 99))]) % (fi, la.replace('-', ''))
                dom = random.choice(WEBMAIL)
            else:
                base = fi + '.' + la.replace('-', ''); dom = random.choice(WORK)
        e = base + '@' + dom; j = 2
        while e in emails: e = '%s%d@%s' % (base, j, dom); j += 1
        emails.add(e)
        personal = ''
        if k != 'pupil' and random.random() < 0.12:
            personal = ';'.join('%s%s%d@%s' % (fi, la.replace('-', '')[:4], random.randint(1, 999), random.choice(WEBMAIL)) for _ in range(random.choice([1, 1, 2])))
        rows.append([pid, p['first'], p['pref'], p['last'], k, e, personal, mis])
    with open(os.path.join(ROOT, 'roster.csv'), 'w', newline='', encoding='utf-8') as fh:
        w = csv.writer(fh, lineterminator='\n')
        w.writerow(['id','first_name','preferred_name','last_name','kind','email','personal_emails','mis_ref'])
        w.writerows(rows)
    print('roster:', {k: n[k] for k in n}, 'preferred:', sum(1 for r in rows if r[2]))

if __name__ == '__main__':
    main()
