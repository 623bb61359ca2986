#!/usr/bin/env python3
"""Build roster.csv for the invented Tamar & Teifi Church Schools Federation.
Core cast is hand-written; the rest of the pupils/parents are filled from hand-picked
pools with a fixed seed so the roster is reproducible. Everyone is invented."""
import csv, random, os, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'roster.csv')
DOMAIN = 'tamarteifi.sch.uk'
random.seed(16)

def fold(s):
    return ''.join(c for c in unicodedata.normalize('NFKD', s) if not unicodedata.combining(c))

def slug(s):
    return ''.join(c for c in fold(s).lower() if c.isalnum())

# ---- staff: (first, preferred, last, code, personal)
STAFF = [
    ('Andrew', 'Andy', 'Penhaligon', 'APN', 'andypenhaligon@btinternet.com'),  # executive (teaching) head
    ('Lowenna', '', 'Hicks', 'LHI', ''),          # school business manager
    ('Rachel', '', 'Bishop', 'RBI', ''),          # SENCo
    ('Martin', '', 'Day', 'MDA', ''),             # DSL / deputy
    ('Siân', '', 'Prosser', 'SPR', ''),           # head of school, Ysgol Sant Dewi
    ('Gwen', '', 'Morgan', 'GMO', ''),
    ('Emma', '', 'Cook', 'ECO', ''),              # Robins (Reception)
    ('Hannah', '', 'Mill', 'HMI', ''),            # Wrens (Y1/2)
    ('Thomas', 'Tom', 'Fisher', 'TFI', ''),       # Choughs (Y3/4)
    ('Claire', '', 'Summers', 'CSU', ''),         # Kittiwakes (Y5/6)
    ('Jessica', 'Jess', 'Rowe', 'JRO', ''),       # Puffins (Y2/3)
    ('Dawn', '', 'Little', 'DLI', ''),            # TA
    ('Patricia', 'Pat', 'Hunter', 'PHU', ''),     # TA
    ('William', 'Bill', 'Mason', 'WMA', ''),      # minibus driver / site
    ('Sandra', '', 'Baker', 'SBA', ''),           # cook
    ('Ivy', '', 'Long', 'ILO', ''),               # kitchen assistant
    ('Lisa', '', 'Trevithick', 'LTR', ''),        # TA
    ('Loveday', '', 'Penrose', 'LPE', ''),        # Gannets teacher (Y4/5), St Keyne
    ('Michael', 'Mike', 'Chapman', 'MCH', ''),    # Porthmeor (Y5/6) St Keyne
    ('Joanna', 'Jo', 'Greenslade', 'JGR', 'jo.greenslade@outlook.com'),  # TA
    ('Bethan', '', 'Jones', 'BJO', ''),           # TA Sant Dewi
    ('Dafydd', '', 'Evans', 'DEV', ''),           # teacher Sant Dewi
    ('Rhiannon', '', 'Price', 'RPR', ''),         # admin Sant Dewi
    ('Susan', 'Sue', 'Harvey', 'SHA', ''),        # office St Morwenna
    ('Nicola', '', 'Friend', 'NFR', ''),          # TA
    ('Gareth', '', 'Williams', 'GWI', ''),        # caretaker Sant Dewi
    ('Helen', '', 'Nancarrow', 'HNA', ''),        # Kynance (Reception/Y1) St Keyne
    ('Stephen', 'Steve', 'Pascoe', 'SPA', ''),    # PE / sports coach (employed)
    ('Agnieszka', 'Aga', 'Nowak', 'ANO', ''),     # TA, EAL
    ('Rosalind', 'Rosie', 'Cornish', 'RCO', ''),  # TA
    ('Kate', '', 'Penwarden', 'KPE', ''),         # Lantic (Y2/3) St Keyne
    ('Louise', '', 'Carne', 'LCA', ''),           # HLTA
    ('Julie', '', 'Sweet', 'JSW', ''),            # MDSA
    ('Fiona', '', 'Grey', 'FGR', ''),             # MDSA
    ('Paul', '', 'Tonkin', 'PTO', ''),            # site St Keyne
    ('Mary', '', 'Holman', 'MHO', ''),            # TA
    ('Christopher', 'Chris', 'Oates', 'COA', ''), # teacher / computing lead
    ('Naomi', '', 'Angove', 'NAN', ''),           # teacher, Whitsand (Y3/4) St Keyne
    ('Eleanor', 'Ellie', 'Kitto', 'EKI', ''),     # TA
    ('Carys', '', 'Hughes', 'CHU', ''),           # Dosbarth Barcud teacher
    ('Wendy', '', 'Pender', 'WPE', ''),           # kitchen St Keyne
    ('Robert', 'Bob', 'Jewell', 'RJE', ''),       # minibus driver (second)
]

# ---- core pupils: (first, preferred, last, year)
PUPILS = [
    ('Jago', '', 'Trevithick', 3), ('Demelza', '', 'Rowe', 5), ('Tamsin', '', 'Penrose', 6),
    ('Morwenna', 'Wenna', 'Tonkin', 2), ('Kerensa', '', 'Hext', 4), ('Piran', '', 'Hext', 1),
    ('Cerys', '', 'Pritchard', 4), ('Rhys', '', 'Howells', 6), ('Gethin', '', 'Lloyd', 3),
    ('Elin', '', 'Bowen', 3), ('Dafydd', '', 'Rees', 5), ('Ffion', '', 'Watkins', 2),
    ('Siôn', '', 'Parry', 6), ('Llŷr', '', 'Jenkins', 4), ('Osian', '', 'Griffiths', 1),
    ('Llywelyn', 'Llew', 'Pritchard', 6), ('Nia', '', 'Howells', 2),
    ('Levi', '', 'Boswell', 4), ('Tyson', '', 'Boswell', 2), ('Romany', '', 'Lee', 5),
    ('James', 'Jimmy', 'Loveridge', 3), ('Kezia', '', 'Lee', 1), ('Shyanne', '', 'Loveridge', 6),
    ('Katarzyna', 'Kasia', 'Wiśniewska', 5), ('Aleksander', 'Olek', 'Nowak', 3),
    ('Zofia', 'Zosia', 'Kaczmarek', 1), ('Filip', '', 'Zieliński', 6),
    ('João', '', 'Ferreira', 4), ('Beatriz', '', 'Costa', 2), ('Tiago', '', 'Sousa', 5), ('Inês', '', 'Pereira', 0),
    ('Angelo', '', 'Reyes', 3), ('Princess Mae', '', 'Santos', 2), ('Juan Carlo', 'JC', 'dela Cruz', 5),
    ('Althea', '', 'Bautista', 6),
    ('Oleksandr', 'Sasha', 'Kovalenko', 4), ('Anastasiia', 'Nastya', 'Shevchenko', 6),
    ('Mykola', '', 'Bondar', 2), ('Daryna', '', 'Melnyk', 1),
    ('Harrison', '', 'Scott', 5), ('Freya', '', 'Marshall', 3), ('Callum', '', 'Marshall', 6),
    ('May', '', 'Fisher', 2), ('Summer', '', 'Hunter', 5), ('Robin', '', 'Cook', 1),
    ('Wren', '', 'Day', 0), ('Rowan', '', 'Penrose', 3), ('Poppy', '', 'Long', 4),
    ('Oscar', '', 'Hall', 6), ('Matilda', 'Tilly', 'Field', 1), ('Alfred', 'Alfie', 'Baker', 3),
    ('Noah', '', 'Church', 2), ('Holly', '', 'Mason', 5), ('Jack', '', 'Bishop', 4),
    ('Ruby', '', 'Summers', 0), ('Archie', '', 'Little', 6), ('Evie', '', 'May', 3),
    ('Theodore', 'Teddy', 'Rowe', 1), ('Isla', '', 'Mill', 5), ('Rosalie', 'Rosie', 'Penhale', 4),
    ('Ellis', '', 'Trewin', 6), ('Lowen', '', 'Pascoe', 0), ('Elowen', '', 'Dunn', 2),
    ('Kenver', '', 'Bray', 4), ('Tegen', '', 'Bray', 1), ('Ivy', '', 'Moyle', 3),
    ('Dawn', '', 'Strike', 6), ('Georgina', 'George', 'Hocking', 5), ('Maximilian', 'Max', 'Williams', 2),
    ('Benjamin', 'Ben', 'Cook', 6), ('Jacob', '', 'Harvey', 3), ('Lily', '', 'Friend', 2),
    ('Mason', '', 'Rowe', 4), ('Hunter', '', 'Kitto', 1), ('Bethany', 'Beth', 'Symons', 5),
]

# ---- core parents: (first, preferred, last, child index list into PUPILS by (first,last), personal)
PARENTS = [
    ('Rebecca', 'Becky', 'Trevithick', ''), ('Kevin', '', 'Rowe', ''), ('Robert', 'Rob', 'Hext', 'robhext.farm@gmail.com'),
    ('Nicola', 'Nikki', 'Bray', 'nikkibray.pta@gmail.com'), ('Glyn', '', 'Pritchard', ''), ('Awen', '', 'Howells', ''),
    ('Tracey', '', 'Boswell', ''), ('Shannon', '', 'Loveridge', ''), ('Olena', '', 'Kovalenko', ''),
    ('Ana', '', 'Ferreira', ''), ('Marisol', '', 'Reyes', ''), ('Joy', '', 'Santos', ''),
    ('Magdalena', 'Magda', 'Wiśniewska', ''), ('Craig', '', 'Scott', ''), ('Lindsey', '', 'Marshall', ''),
    ('Gemma', '', 'Fisher', ''), ('Stacey', '', 'Hunter', ''), ('Sophie', '', 'Church', ''),
    ('Daniel', 'Dan', 'Baker', ''), ('Kayleigh', '', 'Little', ''), ('Mark', '', 'Penrose', ''),
    ('Natalia', '', 'Kaczmarek', ''), ('Iryna', '', 'Shevchenko', ''), ('Rhodri', '', 'Bowen', ''),
    ('Sioned', '', 'Jenkins', ''), ('Lee', '', 'Tonkin', ''), ('Amber', '', 'Hall', ''),
    ('Jason', '', 'Field', ''), ('Carla', '', 'Sousa', ''), ('Patience', '', 'Lee', ''),
    ('Heledd', '', 'Parry', ''), ('Andrea', '', 'Long', ''), ('Wayne', '', 'Mason', ''),
    ('Dean', '', 'Strike', ''), ('Charlotte', 'Lottie', 'Penhale', ''), ('Grace', '', 'Dunn', ''),
]

# ---- filler pools (hand-picked, avoid the detector names used in sources)
F_FIRST = ['Oliver', 'Harry', 'Charlie', 'Alfie', 'Freddie', 'Arthur', 'Leo', 'Oscar', 'George', 'Jacob', 'Henry',
           'Archie', 'Finley', 'Reuben', 'Tobias', 'Ethan', 'Logan', 'Riley', 'Jenson', 'Albie', 'Louie', 'Ezra',
           'Olivia', 'Amelia', 'Isla', 'Ava', 'Mia', 'Evie', 'Sophia', 'Lily', 'Ella', 'Daisy', 'Florence',
           'Willow', 'Esme', 'Matilda', 'Elsie', 'Harper', 'Phoebe', 'Millie', 'Maisie', 'Lacey', 'Scarlett',
           'Bonnie', 'Orla', 'Imogen', 'Eliza', 'Aria', 'Mabli', 'Efa', 'Alys', 'Iolo', 'Macsen', 'Tomos',
           'Caio', 'Seren', 'Jory', 'Senara', 'Peran', 'Bryony', 'Fern', 'Kacper', 'Maja',
           'Duarte', 'Leonor', 'Marites', 'Ivan', 'Sofiia', 'Bohdan', 'Kyle', 'Tayla', 'Kian', 'Aimee']
F_LAST = ['Pengelly', 'Nance', 'Treloar', 'Couch', 'Chegwidden', 'Hambly', 'Rundle', 'Sleeman', 'Uren',
          'Carter', 'Wood', 'Turner', 'Walker', 'Hill', 'Stone', 'Ward', 'Parsons', 'Gill', 'Knight',
          'Lang', 'Squire', 'Hoskin', 'Polglase', 'Bennett', 'Matthews', 'Tucker', 'Webber', 'Dart', 'Cole',
          'Brewer', 'Dymond', 'Luxton', 'Northcott', 'Heard', 'Vosper', 'Prout', 'Isaac', 'Rees', 'Vaughan',
          'Meredith', 'Lewis', 'Powell', 'Kowalski', 'Lis', 'Almeida', 'Garcia', 'Moroz', 'Tkachenko',
          'Frost', 'Green', 'Sawyer', 'Gardner', 'Fowler', 'Bond', 'Young', 'Hooper', 'Crocker']

def main():
    rows = []
    used_codes = set()
    for i, (f, p, l, code, pers) in enumerate(STAFF, 1):
        assert code not in used_codes; used_codes.add(code)
        email = f'{slug(p or f)}.{slug(l)}@{DOMAIN}'
        rows.append([f'S{i:03d}', f, p, l, 'staff', email, pers, code])
    pupils = list(PUPILS)
    seen = {(a, c) for a, _, c, _ in pupils}
    while len(pupils) < 320:
        f = random.choice(F_FIRST); l = random.choice(F_LAST)
        if (f, l) in seen or f == l:
            continue
        seen.add((f, l))
        pupils.append((f, '', l, random.randint(0, 6)))
    upn_seen = set()
    for i, (f, p, l, yr) in enumerate(pupils, 1):
        while True:
            upn = random.choice('ABCDEFGHJKLMNPQRTUVWXYZ') + ''.join(random.choice('0123456789') for _ in range(12))
            if upn not in upn_seen:
                upn_seen.add(upn); break
        entry = 2026 - yr
        email = f'{slug(p or f)}.{slug(l)}{entry % 100:02d}@pupils.{DOMAIN}'
        rows.append([f'P{i:04d}', f, p, l, 'pupil', email, '', upn])
    parents = list(PARENTS)
    pseen = {(a, c) for a, _, c, _ in parents}
    PF = ['Sarah', 'Laura', 'Kirsty', 'Jodie', 'Hayley', 'Leanne', 'Zoe', 'Rachael', 'Vicky',
          'Matt', 'Darren', 'Ian', 'Neil', 'Jamie', 'Ross', 'Ryan', 'Tomasz', 'Paulo', 'Rowena', 'Bronagh',
          'Ceri', 'Llinos', 'Dylan', 'Owain', 'Oksana', 'Rosa', 'Marta', 'Danielle', 'Kerry', 'Shaun']
    while len(parents) < 150:
        # filler parents share a surname with a filler pupil (families)
        f = random.choice(PF); l = pupils[random.randint(75, len(pupils) - 1)][2]
        if (f, l) in pseen:
            continue
        pseen.add((f, l)); parents.append((f, '', l, ''))
    for i, (f, p, l, pers) in enumerate(parents, 1):
        n = random.randint(1, 99)
        email = pers or f'{slug(p or f)}{slug(l)}{n}@' + random.choice(['gmail.com', 'hotmail.co.uk', 'yahoo.co.uk', 'icloud.com', 'btinternet.com'])
        rows.append([f'G{i:03d}', f, p, l, 'parent', email, '', ''])
    with open(OUT, 'w', newline='', encoding='utf-8') as fh:
        w = csv.writer(fh)
        w.writerow(['id', 'first_name', 'preferred_name', 'last_name', 'kind', 'email', 'personal_emails', 'mis_ref'])
        w.writerows(rows)
    print(len(rows), 'people;', sum(1 for r in rows if r[2]), 'with preferred_name')

if __name__ == '__main__':
    main()
