#!/usr/bin/env python3
"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the list of problems."""
import json, os, re, sys, collections
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, TITLES, fold, load_roster, form_index, case_style
errs = []
def err(m): errs.append(m)

HEADER = 'id,first_name,preferred_name,last_name,kind,email,personal_emails,mis_ref'
with open(os.path.join(ROOT, 'roster.csv'), encoding='utf-8') as f:
    if f.readline().rstrip('\n') != HEADER: err('roster header wrong')
roster = load_roster()
if not 450 <= len(roster) <= 650: err('roster size %d' % len(roster))
ids = set(); codes = set(); emails = set(); pref = {'pupil': 'P', 'staff': 'S', 'parent': 'G'}
for p in roster:
    k = p['kind']
    if k not in pref: err('bad kind ' + p['id']); continue
    if p['id'] in ids: err('dup id ' + p['id'])
    ids.add(p['id'])
    if not re.fullmatch(pref[k] + (r'\d{4}' if k == 'pupil' else r'\d{3}'), p['id']): err('bad id ' + p['id'])
    if not p['email'].isascii() or not re.fullmatch(r'[\w.+-]+@[\w.-]+\.\w+', p['email']): err('bad email ' + p['id'])
    if p['email'] in emails: err('dup email ' + p['email'])
    emails.add(p['email'])
    for e in filter(None, p['personal_emails'].split(';')):
        if not re.fullmatch(r'[\w.+-]+@[\w.-]+\.\w+', e): err('bad personal email ' + p['id'])
    m = p['mis_ref']
    if k == 'pupil' and not re.fullmatch(r'[A-Z]\d{12}', m): err('bad UPN ' + p['id'])
    if k == 'staff':
        if not re.fullmatch(r'[A-Z]{3}', m) or m in codes: err('bad staff code ' + p['id'])
        codes.add(m)
    if k == 'parent' and m and m not in ids and not re.fullmatch(r'P\d{4}', m): err('bad parent ref ' + p['id'])
    if not p['first_name'] or not p['last_name']: err('missing name ' + p['id'])
idx = form_index(roster)

TITLE_RE = re.compile(r'^(%s)\.?\s' % '|'.join(TITLES), re.I)
TITLE_BEFORE_ONLY = re.compile(r'(%s)\.?$' % '|'.join(TITLES), re.I)
lines = open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8').read().splitlines()
if len(lines) != 600: err('test.jsonl has %d lines (want 600)' % len(lines))
seen = set(); stats = collections.Counter()
for n, ln in enumerate(lines, 1):
    try: r = json.loads(ln)
    except Exception: err('line %d not json' % n); continue
    if set(r) != {'subject', 'spans', 'case', 'kinds', 'ambiguous'}: err('line %d keys' % n)
    s = r['subject']
    if s in seen: err('line %d duplicate subject' % n)
    seen.add(s)
    if s != s.strip() or not s: err('line %d whitespace' % n)
    prev_end = -1; kinds_possible = set(); need = []
    for sp in r['spans']:
        if len(sp) != 4: err('line %d span shape' % n); continue
        a, b, lab, text = sp
        if s[a:b] != text: err('line %d span text mismatch %r' % (n, text))
        if a < prev_end: err('line %d spans unsorted/overlap' % n)
        prev_end = b
        if text != text.strip(): err('line %d span whitespace %r' % (n, text))
        if a > 0 and (s[a - 1].isalnum()): err('line %d span starts mid-word %r' % (n, text))
        if b < len(s) and s[b].isalnum(): err('line %d span ends mid-word %r' % (n, text))
        if TITLE_RE.match(text): err('line %d title inside span %r' % (n, text))
        if re.search(r"['’]s$", text, re.I): err('line %d possessive inside span %r' % (n, text))
        f = fold(text)
        if lab == 'directory':
            if f not in idx: err('line %d directory span not a roster name form: %r' % (n, text))
            else:
                kinds_possible |= idx[f]; need.append(idx[f])
        elif lab == 'detector':
            if f in idx: err('line %d detector span equals roster name form: %r' % (n, text))
        else: err('line %d bad label %r' % (n, lab))
    kinds = r['kinds']
    if kinds != sorted(set(kinds)): err('line %d kinds not sorted unique' % n)
    if not set(kinds) <= kinds_possible: err('line %d kinds %s not supported by spans' % (n, kinds))
    for cand in need:
        if not (cand & set(kinds)): err('line %d span kind missing from kinds' % n)
    if bool(need) != bool(kinds): err('line %d kinds/spans mismatch' % n)
    if r['case'] != case_style(s): err('line %d case %s != %s' % (n, r['case'], case_style(s)))
    if not isinstance(r['ambiguous'], bool): err('line %d ambiguous not bool' % n)
    stats['amb'] += r['ambiguous']
if stats['amb'] > 10: err('too many ambiguous lines: %d' % stats['amb'])
if errs:
    print('\n'.join(errs[:200])); print('%d problems' % len(errs)); sys.exit(1)
print('OK')
