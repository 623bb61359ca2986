"""Build roster.csv from sources/people.txt (hand-picked) + sources/pools.txt (deterministic filler)."""
import csv, hashlib, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, fold

TARGET = {'pupil': 400, 'staff': 100, 'parent': 100}
DOMAIN = 'harehillslane.leeds.sch.uk'


def ascii_name(s):
    return ''.join(c for c in fold(s) if c.isalnum())


def read(name):
    with open(os.path.join(ROOT, 'sources', name), encoding='utf-8') as fh:
        return [l.rstrip('\n') for l in fh if l.strip() and not l.startswith('#')]


def main():
    people = []
    seen = set()
    for l in read('people.txt'):
        kind, first, pref, last, pe = l.split('|')
        people.append([kind, first, pref, last, pe])
        seen.add((kind, fold(first), fold(last)))
    pools = {}
    for l in read('pools.txt'):
        kind, firsts, lasts = l.split('|')
        pools.setdefault(kind, []).append((firsts.split(','), lasts.split(',')))
    for kind in ('pupil', 'staff', 'parent'):
        have = sum(1 for p in people if p[0] == kind)
        cands = []
        for gi, (firsts, lasts) in enumerate(pools[kind]):
            for f in firsts:
                for la in lasts:
                    key = hashlib.sha1(f'{kind}|{f}|{la}'.encode()).hexdigest()
                    cands.append((key, f, la))
        cands.sort()
        step = 0
        for key, f, la in cands:
            if have >= TARGET[kind]:
                break
            step += 1
            if (kind, fold(f), fold(la)) in seen:
                continue
            seen.add((kind, fold(f), fold(la)))
            pe = ''
            if kind == 'parent' and step % 3 == 0:
                pe = f'{ascii_name(f)}{ascii_name(la)}{step % 90 + 10}@gmail.com'
            people.append([kind, f, '', la, pe])
            have += 1
    out = []
    counters = {'pupil': 0, 'staff': 0, 'parent': 0}
    codes = set()
    emails = set()
    for kind, first, pref, last, pe in people:
        counters[kind] += 1
        n = counters[kind]
        if kind == 'pupil':
            pid = f'P{n:04d}'
            h = int(hashlib.sha1(pid.encode()).hexdigest(), 16)
            mis = 'H' + f'{h % 10**12:012d}'
            base = f'{ascii_name(pref or first)}.{ascii_name(last)}'
            email = base + '@pupils.' + DOMAIN
            i = 2
            while email in emails:
                email = f'{base}{i}@pupils.{DOMAIN}'; i += 1
            if n % 11 == 0:
                pe = f'{ascii_name(first)}{ascii_name(last)}{n % 97}@gmail.com'
        elif kind == 'staff':
            pid = f'S{n:03d}'
            letters = ascii_name(first)[0] + ascii_name(last)
            cand = (letters[0] + letters[1:3]).upper()
            j = 3
            while cand in codes:
                cand = (letters[0] + letters[1] + letters[j % len(letters)]).upper() if j < len(letters) else f'{letters[0].upper()}{chr(65 + j % 26)}{chr(65 + (j * 7) % 26)}'
                j += 1
            codes.add(cand)
            mis = cand
            base = f'{ascii_name(first)[0]}.{ascii_name(last)}'
            email = base + '@' + DOMAIN
            i = 2
            while email in emails:
                email = f'{base}{i}@{DOMAIN}'; i += 1
        else:
            pid = f'G{n:03d}'
            mis = f'P{(n * 37) % 400 + 1:04d}' if n % 2 else ''
            email = pe.split(';')[0] if pe else ''
            pe = ';'.join(pe.split(';')[1:])
        emails.add(email)
        out.append({'id': pid, 'first_name': first, 'preferred_name': pref, 'last_name': last, 'kind': kind,
                    'email': email, 'personal_emails': pe, 'mis_ref': mis})
    with open(os.path.join(ROOT, 'roster.csv'), 'w', encoding='utf-8', newline='') as fh:
        w = csv.DictWriter(fh, fieldnames=['id', 'first_name', 'preferred_name', 'last_name', 'kind', 'email',
                                           'personal_emails', 'mis_ref'], lineterminator='\n')
        w.writeheader()
        w.writerows(out)
    print('roster', counters)


if __name__ == '__main__':
    main()
