#!/usr/bin/env python3
"""Recheck every invariant of ../test.jsonl and ../roster.csv; print OK or the problems."""
import json, os, re, sys
from common import ROOT, norm, load_roster, index, compute_case, TITLES

problems = []
def bad(msg):
    problems.append(msg)

# roster
with open(os.path.join(ROOT, 'roster.csv'), encoding='utf-8') as f:
    header = f.readline().rstrip('\n')
if header != 'id,first_name,preferred_name,last_name,kind,email,personal_emails,mis_ref':
    bad('roster header wrong')
roster = load_roster()
ids, mails = set(), set()
for r in roster:
    k = r['kind']
    if k not in ('pupil', 'staff', 'parent'): bad('bad kind %r' % r)
    if r['id'] in ids: bad('dup id ' + r['id'])
    ids.add(r['id'])
    for e in [r['email']] + [x for x in r['personal_emails'].split(';') if x]:
        if not e.isascii() or not re.fullmatch(r'[a-z0-9.]+@[a-z0-9.-]+\.[a-z]+', e): bad('bad email %r' % e)
    if r['email'] in mails: bad('dup email ' + r['email'])
    mails.add(r['email'])
    if not r['first_name'] or not r['last_name']: bad('missing name %r' % r)
    if k == 'pupil':
        if not re.fullmatch(r'P\d{4}', r['id']) or not re.fullmatch(r'\d\d[a-z][a-z]+\d*@pupils\.moorsidefed\.org\.uk', r['email']) \
           or not re.fullmatch(r'[A-Z]\d{12}', r['mis_ref']): bad('pupil format %r' % r)
    elif k == 'staff':
        if not re.fullmatch(r'S\d{3}', r['id']) or not re.fullmatch(r'[a-z][a-z]+\d*@moorsidefed\.org\.uk', r['email']) \
           or not re.fullmatch(r'[A-Z]{3}', r['mis_ref']): bad('staff format %r' % r)
    else:
        if not re.fullmatch(r'G\d{3}', r['id']) or r['mis_ref'] or 'moorsidefed' in r['email']: bad('parent format %r' % r)
codes = [r['mis_ref'] for r in roster if r['kind'] == 'staff']
if len(codes) != len(set(codes)): bad('duplicate staff codes')
by_kind, basic = index(roster)

# test set
KEYS = ['subject', 'spans', 'case', 'kinds', 'ambiguous']
lines = open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8').read().splitlines()
if len(lines) != 600: bad('expected 600 lines, got %d' % len(lines))
seen = set(); amb = 0
for i, l in enumerate(lines, 1):
    r = json.loads(l)
    if list(r.keys()) != KEYS: bad('%d: key order %r' % (i, list(r.keys())))
    s = r['subject']
    if not isinstance(s, str) or not s or s != s.strip(): bad('%d: subject' % i)
    if s in seen: bad('%d: duplicate subject' % i)
    seen.add(s)
    if not isinstance(r['ambiguous'], bool): bad('%d: ambiguous not bool' % i)
    amb += r['ambiguous']
    prev_end = -1; kinds_possible = []
    for sp in r['spans']:
        if len(sp) != 4: bad('%d: span arity' % i); continue
        a, b, lab, text = sp
        if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)): bad('%d: offsets %r' % (i, sp)); continue
        if s[a:b] != text: bad('%d: text mismatch %r' % (i, sp))
        if a < prev_end: bad('%d: spans unsorted/overlapping' % i)
        prev_end = b
        if text != text.strip(): bad('%d: span whitespace %r' % (i, text))
        if re.search(r"['\u2019]s?$", text): bad('%d: possessive in span %r' % (i, text))
        if len(text.split()) > 1 and text.split()[0].casefold() in TITLES: bad('%d: title in span %r' % (i, text))
        if a > 0 and s[a - 1].isalnum() or b < len(s) and s[b].isalnum(): bad('%d: span cuts a word %r' % (i, text))
        n = norm(text)
        if lab == 'directory':
            ks = {k for k, forms in by_kind.items() if n in forms}
            if not ks: bad('%d: directory span not on roster %r' % (i, text))
            kinds_possible.append(ks)
        elif lab == 'detector':
            if n in basic: bad('%d: detector equals roster name form %r' % (i, text))
        else:
            bad('%d: label %r' % (i, lab))
    kinds = r['kinds']
    if kinds != sorted(set(kinds)) or not set(kinds) <= {'pupil', 'staff', 'parent'}: bad('%d: kinds %r' % (i, kinds))
    if bool(kinds) != bool(kinds_possible): bad('%d: kinds vs directory spans' % i)
    for ks in kinds_possible:
        if not ks & set(kinds): bad('%d: span kind not in kinds %r' % (i, kinds))
    for k in kinds:
        if not any(k in ks for ks in kinds_possible): bad('%d: kind %s not supported by a span' % (i, k))
    if compute_case(s, r['spans']) != r['case']: bad('%d: case %r != computed' % (i, r['case']))
if not 5 <= amb <= 10: bad('ambiguous count %d' % amb)

if problems:
    print('\n'.join(problems[:50])); print('FAILED: %d problems' % len(problems)); sys.exit(1)
print('OK: %d roster rows, %d test lines, all invariants hold' % (len(roster), len(lines)))
