#!/usr/bin/env python3
"""Build roster.csv and test.jsonl from the hand-written files in sources/. Deterministic, stdlib only.

Line markup in sources/lines/*.txt (one subject per line, '#' starts a comment line):
  [[text]]         directory span (roster person); [[text|kind]] when the name form is shared by several kinds
  {{text}}         detector span (a person who is not on the roster)
  leading '?? '    marks the line ambiguous
"""
import csv, glob, json, os, re, sys, unicodedata
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from verify import fold, name_forms, case_of, HEADER

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, 'sources')


def rows(name):
    out = []
    with open(os.path.join(SRC, name), encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if line.strip() and not line.startswith('#'):
                out.append(line.split('|'))
    return out


def ascii_slug(s):
    s = fold(s)
    return re.sub(r'[^a-z]', '', s)


def build_roster():
    people = []
    used = set()

    def uniq(e):
        base, dom = e.split('@')
        k, cand = 2, e
        while cand in used:
            cand = f'{base}{k}@{dom}'; k += 1
        used.add(cand)
        return cand

    by_name = {}
    for i, (first, pref, last) in enumerate(rows('pupils.txt'), 1):
        pid = f'P{i:04d}'
        yy = 26 + i % 7  # leaving year 26..32
        email = uniq(f'{ascii_slug(last)}.{ascii_slug(pref or first)[:1] or "x"}{yy}@pupils.staldhelms.org.uk')
        personal = ''
        if i % 9 == 0:
            personal = f'{ascii_slug(pref or first)}{ascii_slug(last)[:4]}{(i * 37) % 100:02d}@gmail.com'
        if i % 31 == 0:
            personal += (';' if personal else '') + f'{ascii_slug(first)}.{ascii_slug(last)}@hotmail.co.uk'
        mis = 'ABHKMRTW'[i % 8] + f'{(830000000000 + i * 104729) % 10**12:012d}'
        people.append(dict(id=pid, first_name=first, preferred_name=pref, last_name=last, kind='pupil',
                           email=email, personal_emails=personal, mis_ref=mis))
        by_name.setdefault(f'{first} {last}', pid)
    for i, (title, first, pref, last, code, role) in enumerate(rows('staff.txt'), 1):
        email = uniq(f'{ascii_slug(first)[:1]}.{ascii_slug(last)}@staldhelms.org.uk')
        people.append(dict(id=f'S{i:03d}', first_name=first, preferred_name=pref, last_name=last, kind='staff',
                           email=email, personal_emails='', mis_ref=code))
    domains = ['gmail.com', 'hotmail.com', 'outlook.com', 'yahoo.co.uk', 'icloud.com', 'btinternet.com']
    for i, (title, first, pref, last, child) in enumerate(rows('parents.txt'), 1):
        email = uniq(f'{ascii_slug(first)}.{ascii_slug(last)}@{domains[i % len(domains)]}')
        personal = f'{ascii_slug(first)[:1]}{ascii_slug(last)}{i}@gmail.com' if i % 4 == 0 else ''
        mis = by_name[child]
        people.append(dict(id=f'G{i:03d}', first_name=first, preferred_name=pref, last_name=last, kind='parent',
                           email=email, personal_emails=personal, mis_ref=mis))
    with open(os.path.join(ROOT, 'roster.csv'), 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(HEADER)
        for p in people:
            w.writerow([p[h] for h in HEADER])
    return people


MARK = re.compile(r'\[\[(.+?)(?:\|(pupil|staff|parent))?\]\]|\{\{(.+?)\}\}')


def build_test(people):
    idx = {}
    for p in people:
        for f in name_forms(p['first_name'], p['preferred_name'], p['last_name']):
            idx.setdefault(f, set()).add(p['kind'])
    out, errs, seen = [], [], set()
    for path in sorted(glob.glob(os.path.join(SRC, 'lines', '*.txt'))):
        with open(path, encoding='utf-8') as f:
            for ln, raw in enumerate(f, 1):
                raw = raw.rstrip('\n')
                if not raw.strip() or raw.startswith('#'):
                    continue
                where = f'{os.path.basename(path)}:{ln}'
                amb = raw.startswith('?? ')
                if amb:
                    raw = raw[3:]
                subject, spans, kinds, pos = '', [], set(), 0
                for m in MARK.finditer(raw):
                    subject += raw[pos:m.start()]
                    if m.group(1) is not None:
                        text, kind = m.group(1), m.group(2)
                        cand = idx.get(fold(text))
                        if not cand:
                            errs.append(f'{where}: not a roster name form: {text!r}')
                        elif kind:
                            if kind not in cand:
                                errs.append(f'{where}: {text!r} is not a {kind} ({sorted(cand)})')
                            kinds.add(kind)
                        elif len(cand) > 1:
                            errs.append(f'{where}: {text!r} needs a kind, could be {sorted(cand)}')
                        else:
                            kinds |= cand
                        spans.append([len(subject), len(subject) + len(text), 'directory', text])
                    else:
                        text = m.group(3)
                        if fold(text) in idx:
                            errs.append(f'{where}: detector {text!r} is a roster name form')
                        spans.append([len(subject), len(subject) + len(text), 'detector', text])
                    subject += text
                    pos = m.end()
                subject += raw[pos:]
                if '[[' in subject or '{{' in subject or ']]' in subject or '}}' in subject:
                    errs.append(f'{where}: stray markup')
                if subject in seen:
                    errs.append(f'{where}: duplicate subject {subject!r}')
                seen.add(subject)
                out.append(dict(subject=subject, spans=spans, case=case_of(subject, spans), kinds=sorted(kinds),
                                ambiguous=amb))
    if errs:
        print('\n'.join(errs))
        sys.exit(1)
    with open(os.path.join(ROOT, 'test.jsonl'), 'w', encoding='utf-8') as f:
        for o in out:
            f.write(json.dumps(o, ensure_ascii=False) + '\n')
    return out


if __name__ == '__main__':
    people = build_roster()
    out = build_test(people)
    print(f'roster {len(people)} people; test {len(out)} lines')
