#!/usr/bin/env python3
"""Independent checks on ../test.jsonl against ../roster.csv, then stats."""
import csv, json, os, re, sys, unicodedata
from collections import Counter
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
def fold(s): return ''.join(c for c in unicodedata.normalize('NFKD', s) if not unicodedata.combining(c))
def key(s): return ' '.join(re.sub(r"[.,'’]", ' ', fold(s).lower().replace("'", '').replace('’', '')).replace('-', ' ').split())
rows = list(csv.DictReader(open(os.path.join(ROOT, 'roster.csv'), encoding='utf-8')))
bad = []
assert list(rows[0].keys()) == 'id first_name preferred_name last_name kind email personal_emails mis_ref'.split()
ids = [r['id'] for r in rows]; assert len(set(ids)) == len(ids)
codes = [r['mis_ref'] for r in rows if r['kind'] == 'staff']; assert len(set(codes)) == len(codes) and all(re.fullmatch('[A-Z]{3}', c) for c in codes)
assert all(re.fullmatch(r'[A-Z]\d{12}', r['mis_ref']) for r in rows if r['kind'] == 'pupil')
assert all(r['mis_ref'] == '' for r in rows if r['kind'] == 'parent')
assert all(r['email'].isascii() and r['personal_emails'].isascii() for r in rows)
F = {}
for r in rows:
    fs = {r['first_name']} | ({r['preferred_name']} if r['preferred_name'] else set())
    fs |= {f.split()[0] for f in fs}
    ls = {r['last_name'], r['last_name'].replace(' ', '')}
    forms = set(fs) | ls
    ini = {''.join(w[0] for w in r['first_name'].split()), ' '.join(w[0] for w in r['first_name'].split())}
    for l in ls:
        for f in fs:
            forms |= {f'{f} {l}', f'{l} {f}', f'{l}, {f}', f'{f} {l[0]}', f'{f[0]} {l}', f'{l} {f[0]}'}
        for i in ini | {f[0] for f in fs}:
            forms |= {f'{i} {l}', f'{l} {i}'}
    for f in forms: F.setdefault(key(f), set()).add(r['kind'])
TITLES = re.compile(r'^(mr|mrs|ms|miss|dr|sir|cllr|rev|pc|fr|sister|professor)\b\.?\s', re.I)
FORBID = ["hope left her bag in 7b", "hope you had a good half term", "priyanka missing pe kit", "kemal - detention", "meeting with eze",
          "w/ kowalczyk, popa & hassan", "swap: tomasz to 8q, kofi to 8r", "amir khan - safeguarding concern", "y10 english mock results",
          "a ted baker voucher", "trip to stanley park", "peter pan rehearsals", "jack wills hoodies", "florence hall booking"]
recs = [json.loads(l) for l in open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8')]
seen = set()
for i, r in enumerate(recs, 1):
    s = r['subject']
    if list(r) != ['subject', 'spans', 'case', 'kinds', 'ambiguous']: bad.append((i, 'key order'))
    if s.lower() in seen: bad.append((i, 'duplicate'))
    seen.add(s.lower())
    if any(f in s.lower() for f in FORBID): bad.append((i, 'forbidden example'))
    last, kinds = 0, set()
    for st, en, typ, text in r['spans']:
        if s[st:en] != text: bad.append((i, 'offset', text))
        if st < last: bad.append((i, 'order/overlap'))
        last = en
        if TITLES.match(text) or text != text.strip() or re.search(r"['’]s$", text): bad.append((i, 'span edges', text))
        k = F.get(key(text))
        if typ == 'directory':
            if not k: bad.append((i, 'not on roster', text))
            else: kinds |= k
        elif typ == 'detector':
            if k: bad.append((i, 'detector equals roster form', text))
        else: bad.append((i, 'type'))
    if not set(r['kinds']) <= kinds or (r['spans'] and any(t == 'directory' for *_, t2, t in [(0, 0, x[2], x[2]) for x in r['spans']]) and not r['kinds']):
        bad.append((i, 'kinds', r['kinds'], kinds))
    if r['kinds'] != sorted(set(r['kinds'])): bad.append((i, 'kinds unsorted'))
    if r['case'] not in ('lower', 'upper', 'title', 'sentence'): bad.append((i, 'case'))
    body = re.sub(r'^\s*((re|fw|fwd)\s*:\s*)+', '', s, flags=re.I)
    letters = [c for c in body if c.isalpha()]
    low = sum(c.islower() for c in letters) / max(1, len(letters))
    if (r['case'] == 'upper') != (low < 0.12): bad.append((i, 'upper mismatch'))
    if r['case'] == 'lower' and re.sub(r'\bI\b', '', body) != re.sub(r'\bI\b', '', body).lower(): bad.append((i, 'lower has caps'))
n = len(recs)
named = [r for r in recs if r['spans']]
det = [r for r in named if any(x[2] == 'detector' for x in r['spans'])]
print('lines', n, '| named', len(named), f'({len(named)/n:.1%})', '| with detector', len(det), f'({len(det)/max(1,len(named)):.1%} of named)')
print('case', {k: f'{v} ({v/n:.1%})' for k, v in Counter(r['case'] for r in recs).most_common()})
print('kinds', Counter(k for r in recs for k in r['kinds']))
print('spans', Counter(x[2] for r in recs for x in r['spans']), '| ambiguous', sum(r['ambiguous'] for r in recs))
print('chains', sum(1 for r in recs if re.match(r'\s*(re|fw|fwd)\s*:', r['subject'], re.I)))
print('roster', len(rows), Counter(r['kind'] for r in rows), 'preferred', sum(1 for r in rows if r['preferred_name']))
if bad:
    print('PROBLEMS:'); [print(' ', b) for b in bad]; sys.exit(1)
print('all checks passed')
