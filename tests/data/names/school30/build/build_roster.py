"""Build roster.csv from sources/pupils.txt, staff.txt, parent_pools.txt, carer_surnames.txt."""
import csv, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, SRC, fold


def lines(name):
    with open(os.path.join(SRC, name), encoding='utf-8') as fh:
        return [l.rstrip('\n') for l in fh if l.strip() and not l.startswith('#')]


def ascii_local(*parts):
    out = []
    for p in parts:
        out.append(''.join(c for c in fold(p) if c.isalnum()))
    return '.'.join(out)


def gender_pl(last, sex):
    if sex == 'm':
        if last.endswith('ová'):
            return last[:-3]
        for a, b in (('ska', 'ski'), ('cka', 'cki'), ('dzka', 'dzki')):
            if last.endswith(a):
                return last[:-len(a)] + b
    else:
        for a, b in (('ski', 'ska'), ('cki', 'cka'), ('dzki', 'dzka')):
            if last.endswith(a):
                return last[:-len(a)] + b
    return last


def main():
    pupils = [l.split('|') for l in lines('pupils.txt')]
    staff = [l.split('|') for l in lines('staff.txt')]
    pools = {}
    for l in lines('parent_pools.txt'):
        c, f, m, g = l.split('|')
        pools[c] = (f.split(','), m.split(','), [x.split(':') for x in g.split(',')])
    carers = lines('carer_surnames.txt')
    domains = ['gmail.com', 'hotmail.co.uk', 'outlook.com', 'yahoo.co.uk', 'icloud.com', 'live.co.uk']
    rows, notes = [], []
    emails = set()

    def add(row):
        assert row['email'] not in emails, row['email']
        emails.add(row['email'])
        rows.append(row)

    for i, (first, pref, last, comm) in enumerate(pupils):
        pid = 'P%04d' % (i + 1)
        upn = '%s%012d' % ('ABCDEFGHJKLMNPRT'[i % 16], (483920117 + i * 7919 * 1237) % 10 ** 12)
        personal = ''
        if i % 6 == 2:
            personal = '%s%s%d@%s' % (ascii_local(pref or first), ascii_local(last)[:4], 2009 + i % 5,
                                      domains[i % len(domains)])
        add(dict(id=pid, first_name=first, preferred_name=pref, last_name=last, kind='pupil',
                 email=ascii_local(first, last).replace('..', '.') + '@pupils.riversidelc.org.uk',
                 personal_emails=personal, mis_ref=upn))
    gid = 0
    ctr = {}

    def pick(pool, key):
        n = ctr.get(key, 0)
        ctr[key] = n + 1
        return pool[(n * 5 + len(key)) % len(pool)] if len(pool) % 5 else pool[(n * 3 + len(key)) % len(pool)]
    for i, (first, pref, last, comm) in enumerate(pupils):
        pid = 'P%04d' % (i + 1)
        fem, mal, gran = pools[comm]
        n = 3 if i % 11 < 8 else 2
        foster = (i % 9 == 4)
        people = []
        msur = carers[i % len(carers)] if (i % 4 == 3 and comm == 'wb') else last
        people.append((pick(fem, comm + 'f'), gender_pl(msur, 'f'), 'mother'))
        if foster:
            cs = pick(carers, 'fostersurname')
            wf, wm, _ = pools['wb']
            people.append((pick(wf, 'fosterf'), cs, 'foster carer'))
            if n == 3:
                people.append((pick(wm, 'fosterm'), cs, 'foster carer'))
        else:
            people.append((pick(mal, comm + 'm'), gender_pl(last, 'm'), 'father'))
            if n == 3:
                g, sex = pick(gran, comm + 'g')
                gs = last if i % 2 == 0 else pick(carers, 'gransurname')
                people.append((g, gender_pl(gs, sex), 'grandparent'))
        for k, (f, l, rel) in enumerate(people):
            gid += 1
            em = '%s.%s%s@%s' % (ascii_local(f), ascii_local(l).replace('.', ''), '' if k else str(70 + (i * 3 + k) % 25),
                                 domains[(i + k) % len(domains)])
            if em in emails:
                em = em.replace('@', '%d@' % gid)
            extra = ''
            if (i + k) % 10 == 3:
                extra = '%s%d@%s' % (ascii_local(f)[:1] + ascii_local(l), gid, domains[(i + k + 2) % len(domains)])
            add(dict(id='G%03d' % gid, first_name=f, preferred_name='', last_name=l, kind='parent',
                     email=em, personal_emails=extra, mis_ref=pid))
            notes.append('G%03d %s %s (%s of %s %s %s)' % (gid, f, l, rel, pid, pref or first, last))
    for j, (first, pref, last, code, role) in enumerate(staff):
        add(dict(id='S%03d' % (j + 1), first_name=first, preferred_name=pref, last_name=last, kind='staff',
                 email='%s.%s@riversidelc.org.uk' % (ascii_local(first)[:1], ascii_local(last)),
                 personal_emails='', mis_ref=code))
        notes.append('S%03d %s %s (%s)' % (j + 1, pref or first, last, role))
    order = {'pupil': 0, 'staff': 1, 'parent': 2}
    rows.sort(key=lambda r: (order[r['kind']], r['id']))
    with open(os.path.join(ROOT, 'roster.csv'), 'w', newline='', encoding='utf-8') as fh:
        w = csv.DictWriter(fh, fieldnames='id,first_name,preferred_name,last_name,kind,email,personal_emails,mis_ref'.split(','),
                           lineterminator='\n')
        w.writeheader()
        w.writerows(rows)
    with open(os.path.join(ROOT, 'build', 'roster_relations.txt'), 'w', encoding='utf-8') as fh:
        fh.write('\n'.join(notes) + '\n')
    print('roster:', len(rows), {k: sum(1 for r in rows if r['kind'] == k) for k in order})


if __name__ == '__main__':
    main()
