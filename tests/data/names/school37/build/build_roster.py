"""Build roster.csv from sources/{staff,pupils,parents}.txt (deterministic)."""
import csv, os, re, zlib
from common import ROOT, ascii_fold

SRC = os.path.join(ROOT, 'sources')


def parse_entry(e):
    e = e.strip()
    first, last = e.split(' ', 1)
    pref = ''
    if '/' in first:
        first, pref = first.split('/', 1)
    return first.replace('_', ' '), pref.replace('_', ' '), last.strip()


def read_list(name):
    out = []
    for line in open(os.path.join(SRC, name), encoding='utf-8'):
        line = line.strip()
        if not line or line.startswith('#'):
            continue
        line = line.split('|')[0]
        for e in line.split(','):
            if e.strip():
                out.append(parse_entry(e))
    return out


def slug(s):
    return re.sub(r'[^a-z]', '', ascii_fold(s).lower())


def h(s, mod):
    return zlib.crc32(s.encode('utf-8')) % mod


def main():
    rows, used_emails, used_codes = [], set(), set()

    def uniq(base, dom):
        e, n = f'{base}@{dom}', 2
        while e in used_emails:
            e, n = f'{base}{n}@{dom}', n + 1
        used_emails.add(e)
        return e

    pupils = read_list('pupils.txt')
    first_by_surname = {}
    for i, (f, p, l) in enumerate(pupils, 1):
        pid = f'P{i:04d}'
        first_by_surname.setdefault(l, pid)
        upn = 'ABCDEFGHJKLMNPQRTUVWXYZ'[h(pid, 23)] + f'{h(pid + f + l, 10**12):012d}'
        pe = ''
        if h(pid + 'pe', 9) == 0:
            pe = f'{slug(p or f)}{slug(l)}{h(pid, 90) + 10}@gmail.com'
        rows.append([pid, f, p, l, 'pupil',
                     uniq(f'{slug(f)}.{slug(l)}', 'pupils.stwinefrides.liverpool.sch.uk'), pe, upn])
    for i, (f, p, l) in enumerate(read_list('staff.txt'), 1):
        sid = f'S{i:03d}'
        code = (f[0] + l.replace("'", '').replace(' ', '')[:2]).upper()
        code = ascii_fold(code)
        k = 2
        while code in used_codes:
            code = (f[0] + l.replace("'", '')[0] + l.replace("'", '').replace(' ', '')[k]).upper()
            code = ascii_fold(code)
            k += 1
        used_codes.add(code)
        rows.append([sid, f, p, l, 'staff',
                     uniq(f'{slug(f)[0]}{slug(l)}', 'stwinefrides.liverpool.sch.uk'), '', code])
    for i, (f, p, l) in enumerate(read_list('parents.txt'), 1):
        gid = f'G{i:03d}'
        dom = ['gmail.com', 'hotmail.co.uk', 'outlook.com', 'yahoo.co.uk', 'icloud.com'][h(gid, 5)]
        email = uniq(f'{slug(p or f)}{slug(l)}{h(gid, 89) + 10}', dom)
        pe = ''
        if h(gid + 'x', 4) == 0:
            pe = f'{slug(f)}.{slug(l)}@hotmail.com'
        rows.append([gid, f, p, l, 'parent', email, pe, first_by_surname.get(l, '')])
    with open(os.path.join(ROOT, 'roster.csv'), 'w', newline='', encoding='utf-8') as fh:
        w = csv.writer(fh, lineterminator='\n')
        w.writerow(['id', 'first_name', 'preferred_name', 'last_name', 'kind', 'email', 'personal_emails', 'mis_ref'])
        w.writerows(rows)
    print('roster rows', len(rows))


if __name__ == '__main__':
    main()
