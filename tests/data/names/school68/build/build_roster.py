#!/usr/bin/env python3
"""Build roster.csv from sources/roster_core.txt (hand-written) + sources/pools.txt (filler, fixed seed)."""
import csv, os, random, re, unicodedata, hashlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SRC = os.path.join(ROOT, 'sources')
DOMAIN = 'buryparklane.luton.sch.uk'
TARGET = {'pupil': 340, 'staff': 100, 'parent': 160}

SPECIAL = {'ł': 'l', 'Ł': 'L', 'ı': 'i', 'ß': 'ss', 'ø': 'o', 'Ø': 'O', 'đ': 'd', 'æ': 'ae'}

def ascii_fold(s):
    s = ''.join(SPECIAL.get(c, c) for c in s)
    s = unicodedata.normalize('NFKD', s)
    return ''.join(c for c in s if not unicodedata.combining(c))

def slug(s):
    return re.sub(r'[^a-z0-9]', '', ascii_fold(s).lower())

def read_core():
    people = []
    with open(os.path.join(SRC, 'roster_core.txt'), encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            parts = line.split('|')
            kind, first, pref, last = parts[:4]
            note = parts[4] if len(parts) > 4 else ''
            code = parts[5] if len(parts) > 5 else ''
            people.append(dict(kind=kind, first=first, pref=pref, last=last, note=note, code=code, community=None))
    return people

def read_pools():
    pools = []
    with open(os.path.join(SRC, 'pools.txt'), encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            name, w, kids, adults, surs = line.split('|')
            pools.append(dict(name=name, w=int(w), kids=kids.split(','), adults=adults.split(','), surs=surs.split(',')))
    return pools

def main():
    rng = random.Random(68)
    people = read_core()
    pools = read_pools()
    weights = [p['w'] for p in pools]
    seen = {(p['first'], p['last']) for p in people}
    counts = {k: sum(1 for p in people if p['kind'] == k) for k in TARGET}
    filler_pupils = []
    while counts['pupil'] < TARGET['pupil']:
        pool = rng.choices(pools, weights)[0]
        first, last = rng.choice(pool['kids']), rng.choice(pool['surs'])
        if (first, last) in seen:
            continue
        seen.add((first, last))
        year = rng.choice(['N', 'R', '1', '2', '3', '4', '5', '6'])
        p = dict(kind='pupil', first=first, pref='', last=last, note='Y' + year, code='', community=pool)
        people.append(p); filler_pupils.append(p); counts['pupil'] += 1
    rng.shuffle(filler_pupils)
    i = 0
    while counts['parent'] < TARGET['parent']:
        child = filler_pupils[i]; i += 1
        pool = child['community']
        first = rng.choice(pool['adults'])
        last = child['last'] if rng.random() < 0.8 else rng.choice(pool['surs'])
        if (first, last) in seen:
            continue
        seen.add((first, last))
        people.append(dict(kind='parent', first=first, pref='', last=last, note='parent of %s %s' % (child['first'], child['last']), code='', community=pool))
        counts['parent'] += 1
    roles = ['class teacher', 'TA', 'TA', 'lunchtime supervisor', 'breakfast club', 'HLTA', 'governor', 'cleaner', 'TA']
    staff_w = [3 if p['name'] in ('pakistani', 'bangladeshi') else 6 if p['name'] == 'white_british' else 1 for p in pools]
    while counts['staff'] < TARGET['staff']:
        pool = rng.choices(pools, staff_w)[0]
        first, last = rng.choice(pool['adults']), rng.choice(pool['surs'])
        if (first, last) in seen:
            continue
        seen.add((first, last))
        people.append(dict(kind='staff', first=first, pref='', last=last, note=rng.choice(roles), code='', community=pool))
        counts['staff'] += 1

    # ids, emails, refs
    order = {'pupil': 'P%04d', 'staff': 'S%03d', 'parent': 'G%03d'}
    n = {'pupil': 0, 'staff': 0, 'parent': 0}
    emails, codes = set(), {p['code'] for p in people if p['code']}
    rows = []
    for kind in ('pupil', 'staff', 'parent'):
        for p in [q for q in people if q['kind'] == kind]:
            n[kind] += 1
            pid = order[kind] % n[kind]
            f, l = slug(p['pref'] or p['first']), slug(p['last'])
            if kind == 'pupil':
                base = '%s%s' % (slug(p['first'])[0], l)
                email = base + '@' + DOMAIN
                k = 2
                while email in emails:
                    email = '%s%d@%s' % (base, k, DOMAIN); k += 1
                h = hashlib.sha1(pid.encode()).hexdigest()
                mis = 'ABCDEFGHJKLMNPQRTUVWXYZ'[int(h[:4], 16) % 23] + '82' + '%010d' % (int(h[4:16], 16) % 10**10)
                personal = ''
                if int(h[16:18], 16) % 9 == 0:
                    personal = '%s.%s%02d@gmail.com' % (f, l, int(h[18:20], 16) % 100)
            elif kind == 'staff':
                base = '%s.%s' % (slug(p['first'])[0], l)
                email = base + '@' + DOMAIN
                k = 2
                while email in emails:
                    email = '%s%d@%s' % (base, k, DOMAIN); k += 1
                mis = p['code']
                if not mis:
                    a = ascii_fold(p['first'])[0].upper(); b = slug(p['last']).upper()
                    cands = [a + b[0] + b[j] for j in range(1, len(b))] + [a + b[0] + c for c in 'XYZQWV']
                    mis = next(c for c in cands if c not in codes)
                    codes.add(mis)
                personal = ''
            else:
                h = hashlib.sha1(pid.encode()).hexdigest()
                dom = ['gmail.com', 'hotmail.co.uk', 'outlook.com', 'yahoo.co.uk', 'icloud.com'][int(h[:2], 16) % 5]
                base = '%s%s%02d' % (f, l, int(h[2:4], 16) % 100)
                email = base + '@' + dom
                while email in emails:
                    email = base + 'x@' + dom
                personal = ''
                if int(h[4:6], 16) % 4 == 0:
                    personal = '%s.%s@hotmail.com' % (f, l)
                mis = 'C%05d' % (int(h[6:12], 16) % 100000) if int(h[12:14], 16) % 3 else ''
            emails.add(email)
            rows.append([pid, p['first'], p['pref'], p['last'], kind, email, personal, mis])
    with open(os.path.join(ROOT, 'roster.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['id', 'first_name', 'preferred_name', 'last_name', 'kind', 'email', 'personal_emails', 'mis_ref'])
        w.writerows(rows)
    print('roster:', {k: n[k] for k in n}, 'total', len(rows))

if __name__ == '__main__':
    main()
