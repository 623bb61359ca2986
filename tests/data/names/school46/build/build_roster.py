"""Build roster.csv from sources/ deterministically."""
import csv, os, random, re
from namelib import ROOT, ascii_fold

SRC = os.path.join(ROOT, 'sources')

def rows(fn):
    out = []
    for line in open(os.path.join(SRC, fn), encoding='utf-8'):
        line = line.rstrip('\n')
        if not line.strip() or line.startswith('#'):
            continue
        out.append([x.strip() for x in line.split('|')])
    return out

def parts(fn):
    d = {}
    for line in open(os.path.join(SRC, fn), encoding='utf-8'):
        if not line.strip() or line.startswith('#'):
            continue
        com, rest = line.split(':', 1)
        bits = rest.split(';')
        d[com.strip()] = [[w.replace('_', ' ') for w in b.split()] for b in bits]
    return d

def slug(s):
    return re.sub(r'[^a-z0-9]', '', ascii_fold(s).lower())

def main():
    rng = random.Random(4646)
    pupils = [dict(first=a, pref=b, last=c, year=d, com=None) for a, b, c, d in rows('pupils_key.txt')]
    seen = {(p['first'], p['last']) for p in pupils}
    pp = parts('pupil_parts.txt')
    plan = [('british', 58), ('irish', 12), ('bangladeshi', 20), ('pakistani', 10), ('roma', 15),
            ('westafrican', 20), ('eastafrican', 8), ('kurdish', 8), ('filipino', 8), ('polish', 6),
            ('eastasian', 5)]
    years = ['N', 'R', '1', '2', '3', '4', '5', '6']
    filler = []
    for com, n in plan:
        firsts, lasts = pp[com]
        k = 0
        while k < n:
            f, l = rng.choice(firsts), rng.choice(lasts)
            if (f, l) in seen:
                continue
            seen.add((f, l))
            filler.append(dict(first=f, pref='', last=l, year=rng.choice(years), com=com))
            k += 1
    pupils += filler
    assert len(pupils) == 300, len(pupils)
    staff = rows('staff.txt')
    parents = rows('parents_key.txt')
    ap = parts('adult_parts.txt')
    out = []
    emails = set()
    def uniq(e):
        base, dom = e.split('@')
        n, cand = 1, e
        while cand in emails:
            n += 1
            cand = f'{base}{n}@{dom}'
        emails.add(cand)
        return cand
    pid = {}
    for i, p in enumerate(pupils, 1):
        id_ = f'P{i:04d}'
        pid[f"{p['first']} {p['last']}"] = id_
        upn = rng.choice('ABCDEFGHJKLMNPRT') + ''.join(str(rng.randrange(10)) for _ in range(12))
        em = uniq(f"{slug(p['pref'] or p['first'])}.{slug(p['last'])}@pupils.staidans.newcastle.sch.uk")
        pers = ''
        if p['year'] in ('5', '6') and rng.random() < 0.15:
            pers = f"{slug(p['pref'] or p['first'])}{slug(p['last'])}{rng.randrange(10, 99)}@gmail.com"
        out.append([id_, p['first'], p['pref'], p['last'], 'pupil', em, pers, upn])
    codes = set()
    for i, (f, pr, l, role) in enumerate(staff, 1):
        lf = ascii_fold(l).replace(' ', '').replace("'", '').replace('-', '').upper()
        ff = ascii_fold(pr or f).upper()
        cands = [ff[0] + lf[:2], ff[0] + lf[0] + lf[-1], ff[:2] + lf[0], ff[0] + lf[1:3]]
        code = next(c for c in cands if c not in codes)
        codes.add(code)
        em = uniq(f"{slug(f)[0]}{slug(l)}@staidans.newcastle.sch.uk")
        out.append([f'S{i:03d}', f, pr, l, 'staff', em, '', code])
    gid = 0
    doms = ['gmail.com', 'hotmail.co.uk', 'outlook.com', 'yahoo.co.uk', 'icloud.com', 'live.co.uk']
    def add_parent(f, pr, l, child):
        nonlocal gid
        gid += 1
        em = uniq(f"{slug(pr or f)}{slug(l)}{rng.randrange(1, 99)}@{rng.choice(doms)}")
        pers = ''
        if rng.random() < 0.2:
            pers = f"{slug(f)}.{slug(l)}@{rng.choice(doms)}"
        out.append([f'G{gid:03d}', f, pr, l, 'parent', em, pers, pid[child] if child else ''])
    for f, pr, l, child in parents:
        assert child in pid, child
        add_parent(f, pr, l, child)
    for p in filler:
        if gid >= 150:
            break
        if rng.random() < 0.35:
            continue
        f = rng.choice(ap[p['com']][0])
        add_parent(f, '', p['last'], f"{p['first']} {p['last']}")
    for p in filler:
        if gid >= 150:
            break
        f = rng.choice(ap[p['com']][0])
        key = f"{p['first']} {p['last']}"
        if any(r[7] == pid[key] for r in out if r[4] == 'parent'):
            continue
        add_parent(f, '', p['last'], key)
    with open(os.path.join(ROOT, 'roster.csv'), 'w', newline='', encoding='utf-8') as fh:
        w = csv.writer(fh, lineterminator='\n')
        w.writerow(['id', 'first_name', 'preferred_name', 'last_name', 'kind', 'email', 'personal_emails', 'mis_ref'])
        w.writerows(out)
    print('roster', len(out), {k: sum(1 for r in out if r[4] == k) for k in ('pupil', 'staff', 'parent')})

if __name__ == '__main__':
    main()
