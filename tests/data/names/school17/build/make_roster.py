#!/usr/bin/env python3
"""Build roster.csv for St Columba's Catholic College (invented). Deterministic."""
import csv, random, unicodedata, os, re
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'roster.csv')
DOM = 'stcolumbas.sch.uk'

def fold(s):
    return ''.join(c for c in unicodedata.normalize('NFKD', s) if not unicodedata.combining(c))

def slug(s):
    return re.sub(r'[^a-z]', '', fold(s).lower())

# staff: first|preferred|last|code   (hand written)
STAFF = """
Francis|Frank|O'Hare|FOH
Maria||Santos|MSA
Helen||Fitzpatrick|HFI
Joanne|Jo|Parr|JPA
Ciarán||Walsh|CWA
Claire||Moss|CMO
Seán||Lord|SLO
Lorraine||Bell|LBE
Rachel||Holland|RHO
Paul||Marsh|PMA
Daniel|Danny|Fox|DFO
Kevin|Kev|Rourke|KRO
Yvonne||English|YEN
Deborah|Debs|Kinsella|DKI
Tracey||Hill|THI
Bernadette|Bernie|Doyle|BDO
Gareth|Gaz|McCann|GMC
Mohammed|Mo|Al-Sayed|MAS
Anthony|Macca|McAllister|AMC
Niamh||Carr|NCA
Aoife||Ní Bhriain|ANB
Pádraig||Quinn|PQU
Chidinma||Okafor|COK
Tendai||Moyo|TMO
Agnieszka|Aga|Nowak|ANO
Jerome||Bird|JBI
Sarah||Rice|SRI
Liam||Gill|LGI
Katie||Wall|KWA
Thomas|Tom|Gore|TGO
Gemma||Hope|GHO
Stephen|Steve|Welsh|SWE
Siobhan||Mulligan|SMU
Christopher|Kit|Lunt|CLU
Margaret|Peggy|Dolan|MDO
Joseph||Mahon|JMA
Eilish||Costello|ECO
Ruth||Formby|RFO
Adebayo|Bayo|Adeyemi|AAD
Grace||Tan|GTA
Rosa||Ferreira|RFE
Amanda||Pritchard|APR
John|Jack|Devine|JDE
Louise||Harkin|LHA
Mark||Fenton|MFE
Dominic||Keane|DKE
Lisa||Catterall|LCA
Philip||Ormesher|POR
Karen||Heaton|KHE
Teresa||Maguire|TMA
Martin||Byrne|MBY
Nicola||Sefton|NSE
Andrew||Halewood|AHA
Clare||O'Brien|COB
Sinéad||Kavanagh|SKA
Graham||Prescott|GPR
Emma||Jordan|EJO
Richard||Parr|RPA
Diane||Molyneux|DMO
Ian||Crosby|ICR
Patricia|Trish|Murphy|PMU
Carl||Roberts|CRO
Jennifer||Walker|JWA
Vincent||Kearney|VKE
Hannah||Lowe|HLO
Brendan||Gallagher|BGA
Sophie||Marsden|SMA
Joanna||Wiśniewska|JWI
Neil||Ashcroft|NAS
Rebecca||Stanton|RST
David||Hollis|DHO
Colette||Finnegan|CFI
Lewis||Parry|LPA
Yusuf||Ali|YAL
Michelle||Gore|MGO
Kathleen||Rigby|KRI
Simon||Abbott|SAB
Laura||Cunningham|LCU
"""

# pupils: first|preferred|last   (hand written key pupils)
PUPILS = """
Siobhan||O'Neill
Niamh||McDonald
Ciara||Fox
Aoife||Carr
Oisín||Byrne
Oisin||Flanagan
Padraig||Lord
Pádraig|Paddy|Connolly
Caoimhe||Doherty
Caoimhe||Mc Guinness
Bernadette||Wall
Teresa||Hope
Francis|Frankie|Rice
Patrick|Paddy|Moss
Kacper||Nowicki
Zuzanna|Zuza|Kowalska
Jakub|Kuba|Wiśniewski
Maja||Zielińska
Oliwia||Lewandowska
Szymon||Dąbrowski
Jolina||Reyes
Mark Angelo||Santos
Princess||Dela Cruz
Althea||Bautista
Chidi||Okonkwo
Adaeze|Ada|Nwosu
Tobenna|Tobi|Eze
Oluwaseun|Seun|Adebayo
Blessing||Chikwanha
Tinashe||Mutasa
Tatenda||Moyo
Rutendo||Ncube
Omar||Haddad
Lana||Al-Khatib
Yousef||Al-Masri
Rania||Saleh
Ahmed||Al-Hamdani
Mariam||Nasser
Zhang Wei|David|Chen
Li Na||Huang
Mei||Wong
Denis||Horváth
Nikola||Baláž
Erika||Lakatošová
Tomáš||Rusnák
João||Ferreira
Inês||Gonçalves
Beatriz||Freitas
Rodrigo||Abreu
Kristaps||Ozoliņš
Elīna||Bērziņa
Conor||O'Sullivan
Kieran||Macnamara
Declan||McGrath
Shannon||Gill
Megan||Hill
Lewis||Marsh
Callum||Parr
Ellie||Gore
Jayden||Bell
Kayden||Holland
Ruby||English
Owen||Welsh
Leah||Bird
Tyler||Lunt
Ava||Kinsella
Liam||Rooney
Daniel|Danny|Flynn
Jessica|Jess|Carragher
Thomas|Tommy|Heneghan
Alfie||Duffy
Lacey||McCormack
Mia||Gallagher
Grace||Ryan
Jack||Mulhearn
Josh||Ledwith
Kyle||O'Connor
Bethany|Beth|Quigley
Sophie||Tierney
Jordan||Mcloughlin
Harvey||Kearns
Erin||Coyle
Ellis||Murray
Katie-Mae||Rimmer
Rhys||Jones
Summer||Brady
Nathan||Hughes
Amelia||Costigan
Ryan||Shaw
Cara||Devlin
Dylan||Kenny
Roisin||Mahoney
Róisín||Keegan
Eoin||McBride
Saoirse||Dunne
Cian||Molloy
Ronan||MacKenzie
Fionnuala|Nuala|Brennan
Christopher|Kit|Barrett
Benedict|Ben|Lyons
Dominic||Moran
Theresa||Carey
Joseph|Joe|Lynch
Margaret|Maggie|Healy
Michael|Mikey|Farrell
Catherine|Cat|Sweeney
Anthony||Power
Chloe||Whitfield
Lily||Corrigan
Charlie||Kilbride
Isabelle|Izzy|Kane
Evie||Naylor
Keira||Dolan
Finn||Mcgovern
Maisie||Cullen
Brooke||Tyrer
Reece||Sweeney
Mason||Fagan
Tia||Birchall
"""

PARENTS = """
Bridget||O'Neill
Gerard||O'Neill
Joanne||McDonald
Tony||Fox
Sharon||Carr
Dermot||Byrne
Anne-Marie||Flanagan
Stephen||Lord
Marek||Nowicki
Ewa||Kowalska
Rowena||Reyes
Emeka||Okonkwo
Ngozi||Nwosu
Farai||Chikwanha
Khaled||Haddad
Huda||Al-Khatib
Wei||Chen
Milan||Horváth
Paulo||Ferreira
Ilze||Ozoliņa
Colette||O'Sullivan
Terry||Hill
Donna||Marsh
Lee||Parr
Kerry||Gore
Jason||Bell
Natalie||Holland
Wayne||Welsh
Tina||Bird
Paula||Rooney
Carol||Carragher
Mick||Heneghan
Lisa||McCormack
Jackie||Mulhearn
Sandra||Quigley
Gary||Mcloughlin
Vicky||Coyle
Gemma||Rimmer
Leanne||Brady
Siobhan||Devlin
Kathleen||Keegan
Patrick||Dunne
Maureen||Brennan
Tracy||Lynch
Danny||Healy
Julie||Farrell
Marie||Sweeney
Lorraine||Kane
Steven||Naylor
Jacqueline||Dolan
Yemi||Adebayo
Tsitsi||Mutasa
Sadia||Saleh
Ana||Gonçalves
Jozef||Rusnák
Martina||Baláž
Darren||Tyrer
Karen||Fagan
Shauna||Birchall
Joe||Moss
Claire||Hope
Liz||Wall
Martin||Rice
Frances||Doherty
"""

FIRST = """Ella Harry Oliver Jake Lucy Holly Sam Ben Archie Freddie Logan Kai Layla Poppy Scarlett Isla Darcy Aiden
Joel Ethan Matthew Luke Aaron Kian Cole Zac Connor Brandon Courtney Jade Hollie Abbie Amber Paige Molly Millie Lola
Sienna Evan Max Leo Noah Jamie Lewis Corey Riley Mollie Niamh Ciara Aoife Sean Patrick Bridget Eimear Orla Clodagh
Declan Cormac Piotr Natalia Wiktoria Filip Aleksander Julia Maria Adrian Kevin Joy Jhon Nathaniel Precious Chinedu
Ifeoma Kelechi Tanaka Farai Nyasha Amir Layan Hamza Noor Zain Yuki Jia Hao Ana Tiago Luis Diogo Marta Artur Laura
Edgars Anna Marek Jana Lukas""".split()
LAST = """Ainsworth Bamber Birch Blundell Boyle Cain Caddick Clarke Corcoran Cowley Crilly Dalton Daley Dempsey Dwyer
Egan Evans Finch Foley Gaskell Glynn Gorman Hanlon Harrison Hegarty Hennessy Hickey Horan Howard Hurst Irving Jennings
Keating Kehoe Lally Leahy Lennon Linford Lyons Madden Maher Malone Mannion Martin McCabe McEvoy McKenna Meehan Mercer
Mullen Nolan Norris O'Hara O'Keefe O'Rourke Owens Pendleton Phelan Quayle Quinn Redmond Regan Riley Rowlands Scully
Seddon Sheridan Smith Stokes Sullivan Taylor Thompson Tobin Turner Unsworth Vaughan Walton Ward Whelan Wilde Wright
Nowak Kaminski Wojcik Mazur Garcia Mendoza Cruz Okafor Obi Ibe Moyo Sibanda Mahlangu Khalil Hassan Saeed Liu Zhao
Yang Kolar Balog Sousa Pereira Silva Kalnins Berzins""".split()

def rows():
    out = []
    def parse(block):
        return [l.split('|') for l in block.strip().splitlines() if l.strip()]
    used_emails = set()
    def uniq(e):
        base, at, dom = e.partition('@'); n = 1; cand = e
        while cand in used_emails:
            n += 1; cand = f'{base}{n}@{dom}'
        used_emails.add(cand); return cand
    pupils = parse(PUPILS)
    rnd = random.Random(1917)
    seen = {(f, l) for f, _, l in pupils}
    while len(pupils) < 360:
        f, l = rnd.choice(FIRST), rnd.choice(LAST)
        if (f, l) in seen: continue
        seen.add((f, l)); pupils.append([f, '', l])
    for i, (f, p, l) in enumerate(pupils, 1):
        yr = 2019 + (i % 7)
        email = uniq(f'{str(yr)[2:]}{slug(l)}{slug(f)[0]}@{DOM}')
        upn = 'ABCDEFGHJKLMNPQRTUVWXYZ'[rnd.randrange(23)] + ''.join(str(rnd.randrange(10)) for _ in range(12))
        pe = ''
        if i % 37 == 0: pe = f'{slug(f)}{slug(l)}{rnd.randrange(10,99)}@gmail.com'
        out.append([f'P{i:04d}', f, p, l, 'pupil', email, pe, upn])
    for i, (f, p, l, code) in enumerate(parse(STAFF), 1):
        email = uniq(f'{slug(f)[0]}.{slug(l)}@{DOM}')
        pe = f'{slug(p or f)}{slug(l)}@hotmail.co.uk' if i % 11 == 0 else ''
        out.append([f'S{i:03d}', f, p, l, 'staff', email, pe, code])
    doms = ['gmail.com', 'hotmail.co.uk', 'outlook.com', 'yahoo.co.uk', 'icloud.com', 'btinternet.com']
    for i, (f, p, l) in enumerate(parse(PARENTS), 1):
        email = uniq(f'{slug(f)}.{slug(l)}{rnd.randrange(1, 90)}@{rnd.choice(doms)}')
        pe = f'{slug(f)[0]}{slug(l)}@work-mail.co.uk' if i % 13 == 0 else ''
        out.append([f'G{i:03d}', f, p, l, 'parent', email, pe, ''])
    return out

if __name__ == '__main__':
    r = rows()
    with open(OUT, 'w', newline='', encoding='utf-8') as fh:
        w = csv.writer(fh, lineterminator='\n')
        w.writerow(['id', 'first_name', 'preferred_name', 'last_name', 'kind', 'email', 'personal_emails', 'mis_ref'])
        w.writerows(r)
    from collections import Counter
    print(len(r), Counter(x[4] for x in r), 'preferred:', sum(1 for x in r if x[2]))
