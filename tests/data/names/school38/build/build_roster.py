"""Build roster.csv from sources/roster_core.txt + sources/filler_names.txt (deterministic)."""
import csv, hashlib, os, random, re
from common import ROOT, fold

SRC = os.path.join(ROOT, 'sources')
DOMAIN = 'belgravemeadows.org.uk'


def h(s, n):
    return int(hashlib.sha256(s.encode()).hexdigest(), 16) % n


def read_pools():
    pools, cur = {}, None
    for line in open(os.path.join(SRC, 'filler_names.txt'), encoding='utf-8'):
        line = line.strip()
        if not line or line.startswith('#'):
            continue
        m = re.match(r'\[(\w+)\]', line)
        if m:
            cur = m.group(1)
            continue
        if cur == 'other':
            pools[cur] = [tuple(x.split(':')) for x in line.split('|')]
        else:
            pools[cur] = line.split()
    return pools


def ascii_id(s):
    return re.sub(r'[^a-z]', '', fold(s).lower())


def main():
    rng = random.Random(38)
    pools = read_pools()
    people = []
    for line in open(os.path.join(SRC, 'roster_core.txt'), encoding='utf-8'):
        line = line.rstrip('\n')
        if not line.strip() or line.startswith('#'):
            continue
        kind, first, pref, last, extra = line.split('|')
        people.append(dict(kind=kind, first_name=first, preferred_name=pref, last_name=last, extra=extra))
    names = {(p['first_name'], p['last_name']) for p in people}
    comms = [('guj', 30), ('muslim', 14), ('sikh', 9), ('somali', 9), ('roma', 7), ('polish', 7), ('bulg', 4),
             ('afr', 5), ('brit', 14), ('carib', 5), ('other', 4)]
    total_w = sum(w for _, w in comms)
    n_pupils = sum(p['kind'] == 'pupil' for p in people)
    while n_pupils < 420:
        r = rng.randrange(total_w)
        for c, w in comms:
            if r < w:
                break
            r -= w
        if c == 'other':
            first, last = rng.choice(pools['other'])
        else:
            first, last = rng.choice(pools[c + '_first']), rng.choice(pools[c + '_last'])
        if (first, last) in names:
            continue
        names.add((first, last))
        people.append(dict(kind='pupil', first_name=first, preferred_name='', last_name=last, extra=''))
        n_pupils += 1
    codes = {p['extra'] for p in people if p['kind'] == 'staff'}
    n_staff = sum(p['kind'] == 'staff' for p in people)
    while n_staff < 90:
        first, last = rng.choice(pools['staff_first']), rng.choice(pools['staff_last'])
        if (first, last) in names:
            continue
        code = (first[0] + last[:2]).upper()
        k = 2
        while code in codes:
            code = (first[0] + last[0] + last[k]).upper()
            k += 1
        codes.add(code)
        names.add((first, last))
        people.append(dict(kind='staff', first_name=first, preferred_name='', last_name=last, extra=code))
        n_staff += 1
    pupils = [p for p in people if p['kind'] == 'pupil']
    with_parent = {p['extra'] for p in people if p['kind'] == 'parent'}
    n_par = sum(p['kind'] == 'parent' for p in people)
    while n_par < 90:
        child = rng.choice(pupils[len(pupils) // 4:])
        key = child['first_name'] + ' ' + child['last_name']
        if key in with_parent:
            continue
        pool = 'parent_first_f' if rng.random() < 0.65 else 'parent_first_m'
        first = rng.choice(pools[pool])
        if (first, child['last_name']) in names:
            continue
        with_parent.add(key)
        names.add((first, child['last_name']))
        people.append(dict(kind='parent', first_name=first, preferred_name='', last_name=child['last_name'], extra=key))
        n_par += 1
    # ids, emails, refs
    counters = {'pupil': 0, 'staff': 0, 'parent': 0}
    by_name = {}
    rows = []
    used_emails = set()
    for p in people:
        counters[p['kind']] += 1
        n = counters[p['kind']]
        pid = {'pupil': f'P{n:04d}', 'staff': f'S{n:03d}', 'parent': f'G{n:03d}'}[p['kind']]
        f, l = ascii_id(p['first_name']), ascii_id(p['last_name'])
        pers = ''
        if p['kind'] == 'pupil':
            intake = 19 + h(pid, 7)
            email = f'{intake}{l}{f[0]}@{DOMAIN}'
            mis = 'ABCDEFHJKLMNPQRT'[h(pid + 'L', 16)] + f'{h(pid + "U", 10**12):012d}'
            if h(pid + 'pe', 5) == 0:
                pers = f'{f}{l[:4]}{h(pid, 99):02d}@gmail.com'
            by_name[p['first_name'] + ' ' + p['last_name']] = pid
        elif p['kind'] == 'staff':
            email = f'{f[0]}.{l}@{DOMAIN}'
            mis = p['extra']
        else:
            dom = ['gmail.com', 'hotmail.co.uk', 'outlook.com', 'yahoo.co.uk'][h(pid, 4)]
            email = f'{f}.{l}{h(pid, 90) + 10}@{dom}'
            if h(pid + 'x', 3) == 0:
                pers = f'{f[0]}{l}{h(pid + "y", 900) + 100}@hotmail.com'
            mis = by_name[p['extra']]
        while email in used_emails:
            email = email.replace('@', '1@', 1)
        used_emails.add(email)
        rows.append([pid, p['first_name'], p['preferred_name'], p['last_name'], p['kind'], email, pers, mis])
    with open(os.path.join(ROOT, 'roster.csv'), 'w', newline='', encoding='utf-8') as fh:
        w = csv.writer(fh, lineterminator='\n')
        w.writerow(['id', 'first_name', 'preferred_name', 'last_name', 'kind', 'email', 'personal_emails', 'mis_ref'])
        w.writerows(rows)
    print('roster', len(rows), counters)


if __name__ == '__main__':
    main()
