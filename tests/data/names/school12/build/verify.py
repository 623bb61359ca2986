#!/usr/bin/env python3
"""Re-check every invariant of roster.csv and test.jsonl; prints OK or the failures."""
import csv, json, os, re, sys
from common import fold, ROOT, load_roster, index_roster
from build import case_of, TITLES

fails = []
def bad(msg): fails.append(msg)

rows = load_roster()
with open(os.path.join(ROOT, 'roster.csv'), encoding='utf-8') as fh:
    header = fh.readline().strip()
if header != 'id,first_name,preferred_name,last_name,kind,email,personal_emails,mis_ref': bad('roster header')
ids = set(); emails = set()
for r in rows:
    k = r['kind']
    if k not in ('pupil', 'staff', 'parent'): bad(f"kind {r['id']}")
    if r['id'] in ids: bad(f"dup id {r['id']}")
    ids.add(r['id'])
    pat = {'pupil': r'^P\d{4}$', 'staff': r'^S\d{3}$', 'parent': r'^G\d{3}$'}[k]
    if not re.match(pat, r['id']): bad(f"id format {r['id']}")
    e = r['email']
    if not e.isascii() or e != e.lower() or e in emails: bad(f"email {r['id']} {e}")
    emails.add(e)
    if k == 'pupil' and not (re.match(r'^\d\d[a-z][a-z0-9-]+\d*@pupils\.fenlandvale\.org\.uk$', e) and re.match(r'^[A-Z]\d{12}$', r['mis_ref'])): bad(f"pupil fmt {r['id']}")
    if k == 'staff' and not (re.match(r'^[a-z][a-z0-9-]+\d*@fenlandvale\.org\.uk$', e) and re.match(r'^[A-Z]{3}$', r['mis_ref'])): bad(f"staff fmt {r['id']}")
    if k == 'parent' and (r['mis_ref'] or 'fenlandvale' in e): bad(f"parent fmt {r['id']}")
    for pe in filter(None, r['personal_emails'].split(';')):
        if not pe.isascii() or '@' not in pe: bad(f"personal email {r['id']}")
codes = [r['mis_ref'] for r in rows if r['kind'] == 'staff']
if len(codes) != len(set(codes)): bad('duplicate staff codes')
counts = {k: sum(1 for r in rows if r['kind'] == k) for k in ('pupil', 'staff', 'parent')}
if not (170 <= counts['pupil'] <= 210 and 100 <= counts['staff'] <= 140 and 120 <= counts['parent'] <= 160): bad(f'roster sizes {counts}')
npref = sum(1 for r in rows if r['preferred_name'])
if not 20 <= npref <= 40: bad(f'preferred names {npref}')

by_kind, allforms = index_roster(rows)
lines = open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8').read().splitlines()
if len(lines) != 600: bad(f'{len(lines)} lines, expected 600')
seen = set(); amb = 0
for n, line in enumerate(lines, 1):
    x = json.loads(line)
    if list(x) != ['subject', 'spans', 'case', 'kinds', 'ambiguous']: bad(f'{n}: key order'); continue
    s = x['subject']
    if s in seen: bad(f'{n}: duplicate')
    seen.add(s)
    amb += x['ambiguous'] is True
    if not isinstance(x['ambiguous'], bool): bad(f'{n}: ambiguous not bool')
    prev = 0; kinds_possible = []
    for sp in x['spans']:
        a, b, t, text = sp
        if s[a:b] != text: bad(f'{n}: offsets {sp}')
        if a < prev: bad(f'{n}: unsorted/overlap')
        prev = b
        if text != text.strip() or not text: bad(f'{n}: span whitespace')
        if fold(text.split()[0].rstrip('.')) in TITLES: bad(f'{n}: title in span {text}')
        if t == 'directory':
            ks = {k for k in by_kind if fold(text) in by_kind[k]}
            if not ks: bad(f'{n}: directory span not on roster: {text}')
            kinds_possible.append(ks)
        elif t == 'detector':
            if fold(text) in allforms: bad(f'{n}: detector equals roster form: {text}')
        else: bad(f'{n}: span type {t}')
    ks = set(x['kinds'])
    if x['kinds'] != sorted(ks) or not ks <= {'pupil', 'staff', 'parent'}: bad(f'{n}: kinds format')
    if bool(kinds_possible) != bool(ks): bad(f'{n}: kinds vs spans')
    for p in kinds_possible:
        if not p & ks: bad(f'{n}: span kind not in kinds')
    if x['case'] != case_of(s, x['spans']): bad(f'{n}: case {x["case"]} != {case_of(s, x["spans"])}')
if not 5 <= amb <= 10: bad(f'ambiguous count {amb}')

if fails:
    print('\n'.join(fails[:50])); print(f'FAILED ({len(fails)})'); sys.exit(1)
print('OK')
