#!/usr/bin/env python3
"""Build roster.csv from sources/roster_people.txt + sources/filler_names.txt (deterministic)."""
import csv, os, unicodedata, re
HERE = os.path.dirname(os.path.abspath(__file__)); ROOT = os.path.dirname(HERE)
SRC = os.path.join(ROOT, 'sources')

def fold(s):
    s = s.replace('ł', 'l').replace('Ł', 'L').replace('ı', 'i').replace('ø', 'o').replace('ß', 'ss')
    return ''.join(c for c in unicodedata.normalize('NFKD', s) if not unicodedata.combining(c))

def slug(s):
    return re.sub(r'[^a-z]', '', fold(s).lower())

def load():
    people = []
    for ln in open(os.path.join(SRC, 'roster_people.txt'), encoding='utf-8'):
        ln = ln.strip()
        if not ln or ln.startswith('#'): continue
        kind, first, pref, last = ln.split(';')
        people.append([kind, first, pref, last])
    sec = {}; cur = None
    for ln in open(os.path.join(SRC, 'filler_names.txt'), encoding='utf-8'):
        ln = ln.strip()
        if not ln or ln.startswith('#'): continue
        if ln.startswith('['): cur = ln.strip('[]'); sec[cur] = []; continue
        sec[cur].extend(ln.split())
    firsts, lasts, pfirst = sec['first'], sec['last'], sec['parent_first']
    npup = sum(1 for p in people if p[0] == 'pupil'); npar = sum(1 for p in people if p[0] == 'parent')
    seen = {(p[1], p[3]) for p in people}
    i = 0
    while npup < 380:
        f = firsts[i % len(firsts)]; l = lasts[(i * 7 + i // len(firsts)) % len(lasts)]
        i += 1
        if (f, l) in seen: continue
        seen.add((f, l)); people.append(['pupil', f, '', l]); npup += 1
    filler_lasts = [p[3] for p in people if p[0] == 'pupil'][-254:]
    j = 0
    while npar < 100:
        f = pfirst[j % len(pfirst)]; l = filler_lasts[(j * 5) % len(filler_lasts)]
        j += 1
        if (f, l) in seen: continue
        seen.add((f, l)); people.append(['parent', f, '', l]); npar += 1
    return people

def main():
    people = load()
    order = {'pupil': 0, 'staff': 1, 'parent': 2}
    rows = []; counters = {'pupil': 0, 'staff': 0, 'parent': 0}; codes = set(); emails = set()
    pupils_by_last = {}
    for kind, first, pref, last in sorted(people, key=lambda p: order[p[0]]):
        counters[kind] += 1; n = counters[kind]
        if kind == 'pupil':
            pid = 'P%04d' % n
            base = slug(pref or first) + '.' + slug(last)
            email = base + '@pupils.foleshillbrook.coventry.sch.uk'
            k = 2
            while email in emails:
                email = '%s%d@pupils.foleshillbrook.coventry.sch.uk' % (base, k); k += 1
            mis = 'F%012d' % (938000000000 + n * 7919 % 1000000)
            personal = ''
            if n % 9 == 0: personal = '%s%s%d@gmail.com' % (slug(first), slug(last)[:3], 2010 + n % 12)
            pupils_by_last.setdefault(slug(last), pid)
        elif kind == 'staff':
            pid = 'S%03d' % n
            email = (slug(first)[0] + slug(last) + '@foleshillbrook.coventry.sch.uk')
            fl, ll = slug(first), slug(last)
            cands = [(fl[0] + ll[:2]).upper()] + [(fl[0] + ll[0] + c).upper() for c in ll[2:] + fl[1:]] + [(fl[:2] + ll[0]).upper()]
            mis = next(c for c in cands if c not in codes); codes.add(mis)
            personal = ''
        else:
            pid = 'G%03d' % n
            email = '%s.%s%d@%s' % (slug(first), slug(last), n, ['gmail.com', 'hotmail.co.uk', 'outlook.com', 'yahoo.co.uk'][n % 4])
            personal = ''
            if n % 4 == 0: personal = '%s%d@icloud.com' % (slug(first), 70 + n % 20)
            mis = pupils_by_last.get(slug(last), '') if n % 3 else ''
        assert email not in emails, email
        emails.add(email)
        rows.append([pid, first, pref, last, kind, email, personal, mis])
    with open(os.path.join(ROOT, 'roster.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['id', 'first_name', 'preferred_name', 'last_name', 'kind', 'email', 'personal_emails', 'mis_ref'])
        w.writerows(rows)
    print('roster.csv', len(rows), counters)

if __name__ == '__main__':
    main()
