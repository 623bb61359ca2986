"""Build roster.csv from sources/roster_core.txt + sources/name_pools.txt (deterministic)."""
import csv, os, random, unicodedata
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SRC = os.path.join(ROOT, 'sources')
DOMAIN = 'itchenquay.org.uk'

def ascii_fold(s):
    s = s.replace('ł', 'l').replace('Ł', 'L').replace('ø', 'o').replace('ß', 'ss')
    s = unicodedata.normalize('NFKD', s)
    return ''.join(c for c in s if not unicodedata.combining(c))

def slug(s):
    return ''.join(c for c in ascii_fold(s).lower() if c.isalnum())

def load_core():
    rows = []
    for line in open(os.path.join(SRC, 'roster_core.txt'), encoding='utf-8'):
        line = line.rstrip('\n')
        if not line.strip() or line.startswith('#'):
            continue
        kind, first, pref, last, child = line.split('|')
        rows.append(dict(kind=kind, first=first, pref=pref, last=last, child=child, origin='core'))
    return rows

def load_pools():
    pools = {}
    for line in open(os.path.join(SRC, 'name_pools.txt'), encoding='utf-8'):
        if not line.strip() or line.startswith('#'):
            continue
        origin, rest = line.split(':', 1)
        firsts, lasts = rest.split(';')
        pools[origin.strip()] = ([f.strip() for f in firsts.split(',') if f.strip()],
                                 [l.strip() for l in lasts.split(',') if l.strip() and l.strip() != '-'])
    return pools

WEIGHTS = [('british', 70), ('polish', 30), ('afghan', 16), ('punjabi', 16), ('somali', 10),
           ('southasian', 16), ('mideast', 14), ('eritrean', 8), ('romanian', 16), ('filipino', 12),
           ('lusophone', 10), ('westafrican', 14), ('eastasian', 10)]

def main():
    rng = random.Random(55)
    pools = load_pools()
    core = load_core()
    people = list(core)
    seen = {(p['first'], p['last']) for p in people}
    n_pupils = sum(1 for p in core if p['kind'] == 'pupil')
    n_staff = sum(1 for p in core if p['kind'] == 'staff')
    n_parents = sum(1 for p in core if p['kind'] == 'parent')
    bag = [o for o, w in WEIGHTS for _ in range(w)]
    fill_pupils = []
    while n_pupils < 400:
        o = rng.choice(bag)
        f, l = rng.choice(pools[o][0]), rng.choice(pools[o][1])
        if (f, l) in seen:
            continue
        seen.add((f, l))
        p = dict(kind='pupil', first=f, pref='', last=l, child='', origin=o)
        people.append(p); fill_pupils.append(p); n_pupils += 1
    sf, sl = pools['staff']
    while n_staff < 100:
        f, l = rng.choice(sf), rng.choice(sl)
        if (f, l) in seen:
            continue
        seen.add((f, l))
        people.append(dict(kind='staff', first=f, pref='', last=l, child='', origin='staff')); n_staff += 1
    while n_parents < 100:
        child = rng.choice(fill_pupils)
        o = child['origin']
        firsts = pools['britishadult'][0] if o == 'british' else pools[o][0]
        f = rng.choice(firsts)
        if (f, child['last']) in seen:
            continue
        seen.add((f, child['last']))
        people.append(dict(kind='parent', first=f, pref='', last=child['last'],
                           child=child['first'] + ' ' + child['last'], origin=o)); n_parents += 1
    order = {'pupil': 0, 'staff': 1, 'parent': 2}
    people.sort(key=lambda p: order[p['kind']])  # stable
    counters = {'pupil': 0, 'staff': 0, 'parent': 0}
    used_codes, used_emails = set(), set()
    byname = {}
    out = []
    for p in people:
        counters[p['kind']] += 1
        n = counters[p['kind']]
        fs, ls = slug(p['first'].split()[0]), slug(p['last'])
        personal = ''
        if p['kind'] == 'pupil':
            pid = 'P%04d' % n
            base = '%02d%s%s' % (16 + n % 5, ls, fs[0])
            mis = 'H%012d' % (850100000000 + (n * 7919) % 99991 * 1000 + n)
            if n % 9 == 0:
                personal = '%s.%s%d@gmail.com' % (fs, ls, 2008 + n % 5)
        elif p['kind'] == 'staff':
            pid = 'S%03d' % n
            base = '%s.%s' % (fs[0], ls)
            letters = ascii_fold(p['first'][0] + p['last'].replace(' ', '').replace('-', '').replace("'", '')).upper()
            cands = [letters[0] + letters[1] + letters[2], letters[0] + letters[1] + letters[-1]] + \
                    [letters[0] + letters[1] + c for c in 'ABCDEFGHIJKLMNOPQRSTUVWXYZ']
            mis = next(c for c in cands if c not in used_codes)
            used_codes.add(mis)
        else:
            pid = 'G%03d' % n
            base = None
            mis = byname.get(p['child'], '')
            hosts = ['gmail.com', 'hotmail.co.uk', 'outlook.com', 'yahoo.co.uk', 'icloud.com']
            email = '%s.%s%d@%s' % (fs, ls, n, hosts[n % 5])
            if n % 4 == 0:
                personal = '%s%s@%s' % (fs[0], ls, hosts[(n + 2) % 5])
        if base is not None:
            email = base
            k = 2
            while email + '@' + DOMAIN in used_emails:
                email = base + str(k); k += 1
            email = email + '@' + DOMAIN
        used_emails.add(email)
        if p['kind'] == 'pupil':
            byname[p['first'] + ' ' + p['last']] = pid
        out.append([pid, p['first'], p['pref'], p['last'], p['kind'], email, personal, mis])
    with open(os.path.join(ROOT, 'roster.csv'), 'w', newline='', encoding='utf-8') as fh:
        w = csv.writer(fh, lineterminator='\n')
        w.writerow(['id', 'first_name', 'preferred_name', 'last_name', 'kind', 'email', 'personal_emails', 'mis_ref'])
        w.writerows(out)
    print('roster: %d people' % len(out))

if __name__ == '__main__':
    main()
