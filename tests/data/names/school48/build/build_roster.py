"""Build roster.csv from sources/*.txt deterministically."""
import csv, os, random
from common import ROOT, read_rows, fold

DOMAIN = 'glodwickbrook.oldham.sch.uk'
rng = random.Random(48)

def slug(s):
    return ''.join(c for c in fold(s).lower() if c.isalnum())

used_emails = set()
def unique(addr):
    local, dom = addr.split('@')
    cand, n = addr, 2
    while cand in used_emails:
        cand = f'{local}{n}@{dom}'; n += 1
    used_emails.add(cand)
    return cand

def upn():
    return rng.choice('ABCDEFGHJKLMNPRTUVWXYZ') + ''.join(rng.choice('0123456789') for _ in range(12))

def personal(first, last):
    dom = rng.choice(['gmail.com', 'hotmail.co.uk', 'outlook.com', 'yahoo.co.uk', 'icloud.com', 'hotmail.com'])
    style = rng.randrange(4)
    f, l = slug(first), slug(last)
    local = [f'{f}.{l}', f'{f}{l}{rng.randrange(70, 99)}', f'{f[0]}{l}{rng.randrange(1, 30)}', f'{l}{f}{rng.randrange(2000, 2024)}'][style]
    return unique(f'{local}@{dom}')

pools = []
for comm, w, firsts, lasts in read_rows('pools.txt'):
    pools.append((comm, int(w), [x.replace('_', ' ') for x in firsts.split()], [x.replace('_', ' ') for x in lasts.split()]))
ppools = {c: (m.split(), d.split()) for c, m, d in read_rows('parent_pools.txt')}
nick = dict(read_rows('nicknames.txt'))

rows = []
# ---- pupils
pupils = [(f, p, l) for f, p, l, _cls in read_rows('pupils_key.txt')]
seen = {(f, l) for f, p, l in pupils}
fill_comm = []
weights = [p[1] for p in pools]
while len(pupils) < 400:
    comm, _, firsts, lasts = rng.choices(pools, weights)[0]
    f, l = rng.choice(firsts), rng.choice(lasts)
    if (f, l) in seen:
        continue
    seen.add((f, l))
    pref = nick.get(f, '') if rng.random() < 0.5 else ''
    pupils.append((f, pref, l))
    fill_comm.append((len(pupils) - 1, comm))
for i, (f, p, l) in enumerate(pupils, 1):
    em = unique(f'{slug(p or f)}.{slug(l)}@pupils.{DOMAIN}')
    pe = personal(f, l) if rng.random() < 0.08 else ''
    rows.append([f'P{i:04d}', f, p, l, 'pupil', em, pe, upn()])
# ---- staff
for code, f, p, l, _role in read_rows('staff.txt'):
    n = len([r for r in rows if r[4] == 'staff']) + 1
    em = unique(f'{slug(f)[0]}.{slug(l)}@{DOMAIN}')
    rows.append([f'S{n:03d}', f, p, l, 'staff', em, '', code])
# ---- parents
parents = [(f, p, l) for f, p, l, _n in read_rows('parents_key.txt')]
pseen = {(f, l) for f, p, l in parents}
k = 0
while len(parents) < 100:
    idx, comm = fill_comm[k]; k += 1
    mums, dads = ppools[comm]
    f = rng.choice(mums if rng.random() < 0.65 else dads)
    l = pupils[idx][2]
    if (f, l) in pseen:
        continue
    pseen.add((f, l))
    parents.append((f, '', l))
for i, (f, p, l) in enumerate(parents, 1):
    em = personal(f, l)
    pe = personal(p or f, l) if rng.random() < 0.25 else ''
    ref = f'C{100000 + i * 37}' if rng.random() < 0.7 else ''
    rows.append([f'G{i:03d}', f, p, l, 'parent', em, pe, ref])

with open(os.path.join(ROOT, 'roster.csv'), 'w', newline='', encoding='utf-8') as fh:
    w = csv.writer(fh, lineterminator='\n')
    w.writerow(['id', 'first_name', 'preferred_name', 'last_name', 'kind', 'email', 'personal_emails', 'mis_ref'])
    w.writerows(rows)
print('roster rows', len(rows))
