"""Build roster.csv from sources/people_key.txt + sources/pools.txt (deterministic)."""
import csv, os, random, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, ascii_slug, fold

SRC = os.path.join(ROOT, 'sources')
N_PUPIL, N_STAFF, N_PARENT = 380, 70, 110
TRUST = {'Whitfield', 'Patel', 'Osei', 'Dunmore'}

def lines(name):
    with open(os.path.join(SRC, name), encoding='utf-8') as f:
        for ln in f:
            ln = ln.rstrip('\n')
            if ln.strip() and not ln.startswith('#'):
                yield ln

def main():
    rng = random.Random(29)
    key = [ln.split('|') for ln in lines('people_key.txt')]
    pools = {}
    parent_firsts = {}
    for ln in lines('pools.txt'):
        g, fld, names = ln.split('|')
        if g == 'pa':
            parent_firsts[fld] = names.split()
        else:
            pools[(g, fld)] = names.split()
    pref = dict(ln.split('|') for ln in lines('preferred.txt'))

    people = {'pupil': [], 'staff': [], 'parent': []}
    seen = set()
    for kind, first, pn, last in key:
        people[kind].append([first, pn, last])
        seen.add(fold(first + ' ' + last))

    groups = ['lt'] * 14 + ['lv'] * 4 + ['pl'] * 12 + ['roma'] * 9 + ['ro'] * 7 + ['pt'] * 9 + \
             ['pk'] * 16 + ['ku'] * 5 + ['af'] * 4 + ['wb'] * 16 + ['ot'] * 6
    fem_form = {'lt': 'lf', 'lv': 'lf', 'pl': 'lf', 'roma': 'lf'}
    fillers = []  # (group, last, gender) for parents
    while len(people['pupil']) < N_PUPIL:
        g = rng.choice(groups)
        sex = rng.choice('mf')
        first = rng.choice(pools[(g, sex)])
        if g in fem_form:
            idx = rng.randrange(len(pools[(g, 'lm')]))
            last = pools[(g, 'lm' if sex == 'm' else 'lf')][idx]
        else:
            last = rng.choice(pools[(g, 'l')])
        k = fold(first + ' ' + last)
        if k in seen:
            continue
        seen.add(k)
        pn = pref.get(first, '') if rng.random() < 0.6 else ''
        people['pupil'].append([first, pn, last])
        fillers.append((g, last, sex, len(people['pupil'])))
    used_staff_last = {l for _, _, l in people['staff']}
    used_staff_first = {f for f, _, _ in people['staff']}
    while len(people['staff']) < N_STAFF:
        sex = rng.choice('mf')
        first = rng.choice(pools[('sf', sex)])
        last = rng.choice(pools[('sf', 'l')])
        k = fold(first + ' ' + last)
        if k in seen or last in used_staff_last or first in used_staff_first:
            continue
        seen.add(k)
        used_staff_last.add(last)
        used_staff_first.add(first)
        pn = pref.get(first, '') if rng.random() < 0.5 else ''
        people['staff'].append([first, pn, last])
    mother_form = {'lt': lambda l: l.replace('aitė', 'ienė').replace('utė', 'ienė').replace('iūtė', 'ienė')}
    i = 0
    while len(people['parent']) < N_PARENT:
        g, last, sex, pidx = fillers[i]
        i += 1
        first = rng.choice(parent_firsts[g])
        plast = last
        if g == 'lt' and sex == 'f':
            plast = last[:-4] + 'ienė' if last.endswith('aitė') else last
        k = fold(first + ' ' + plast)
        if k in seen:
            continue
        seen.add(k)
        people['parent'].append([first, '', plast])

    rows = []
    emails = set()
    codes = set()
    def uniq_email(e):
        base, dom = e.split('@')
        n = 1
        while e in emails:
            n += 1
            e = '%s%d@%s' % (base, n, dom)
        emails.add(e)
        return e
    pupil_ids = []
    for n, (first, pn, last) in enumerate(people['pupil'], 1):
        pid = 'P%04d' % n
        pupil_ids.append((pid, fold(last)))
        yy = 20 + n % 5
        email = uniq_email('%d%s%s@nenebrook.org.uk' % (yy, ascii_slug(last), ascii_slug(first)[0]))
        pers = ''
        if rng.random() < 0.15:
            pers = '%s%s%d@%s' % (ascii_slug(pn or first), ascii_slug(last)[:4], rng.randrange(1, 99),
                                  rng.choice(['gmail.com', 'hotmail.co.uk', 'outlook.com']))
        mis = rng.choice('ABHKLMNRTZ') + ''.join(str(rng.randrange(10)) for _ in range(12))
        rows.append([pid, first, pn, last, 'pupil', email, pers, mis])
    for n, (first, pn, last) in enumerate(people['staff'], 1):
        sid = 'S%03d' % n
        dom = 'onlt.org.uk' if last in TRUST else 'nenebrook.org.uk'
        email = uniq_email('%s.%s@%s' % (ascii_slug(first)[0], ascii_slug(last), dom))
        fa, la = ascii_slug(first).upper(), ascii_slug(last).upper()
        cands = [fa[0] + la[:2], fa[0] + la[0] + la[-1], fa[:2] + la[0]] + \
                [fa[0] + la[0] + c for c in 'ABCDEFGHIJKLMNOPQRSTUVWXYZ']
        code = next(c for c in cands if c not in codes)
        codes.add(code)
        rows.append([sid, first, pn, last, 'staff', email, '', code])
    for n, (first, pn, last) in enumerate(people['parent'], 1):
        gid = 'G%03d' % n
        email = uniq_email('%s.%s@%s' % (ascii_slug(first), ascii_slug(last),
                                         rng.choice(['gmail.com', 'hotmail.co.uk', 'yahoo.com', 'outlook.com'])))
        pers = ''
        if rng.random() < 0.2:
            pers = '%s%s%d@gmail.com' % (ascii_slug(first)[0], ascii_slug(last), rng.randrange(70, 99))
        stem = fold(last)[:6]
        link = next((pid for pid, pl in pupil_ids if pl[:6] == stem), '')
        rows.append([gid, first, pn, last, 'parent', email, pers, link])
    with open(os.path.join(ROOT, 'roster.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['id', 'first_name', 'preferred_name', 'last_name', 'kind', 'email', 'personal_emails', 'mis_ref'])
        w.writerows(rows)
    print('roster:', len(rows), {k: len(v) for k, v in people.items()})

if __name__ == '__main__':
    main()
