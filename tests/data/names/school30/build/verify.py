"""Verify roster.csv and test.jsonl against the brief's rules. Prints OK or the problems."""
import csv, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, TITLES, fold, read_roster, form_index, case_of

HEADER = 'id,first_name,preferred_name,last_name,kind,email,personal_emails,mis_ref'
errs = []
with open(os.path.join(ROOT, 'roster.csv'), encoding='utf-8') as fh:
    if fh.readline().strip() != HEADER:
        errs.append('roster header')
rows = read_roster()
if not 450 <= len(rows) <= 650:
    errs.append('roster size %d' % len(rows))
ids, codes, emails = set(), set(), set()
pat = {'pupil': r'P\d{4}$', 'staff': r'S\d{3}$', 'parent': r'G\d{3}$'}
for r in rows:
    k = r['kind']
    if k not in pat or not re.match(pat[k], r['id']):
        errs.append('bad id/kind %s' % r['id'])
    if r['id'] in ids:
        errs.append('dup id %s' % r['id'])
    ids.add(r['id'])
    if not r['email'].isascii() or '@' not in r['email'] or r['email'] in emails:
        errs.append('bad email %s' % r['id'])
    emails.add(r['email'])
    if k == 'pupil' and not re.match(r'[A-Z]\d{12}$', r['mis_ref']):
        errs.append('bad UPN %s' % r['id'])
    if k == 'staff':
        if not re.match(r'[A-Z]{3}$', r['mis_ref']) or r['mis_ref'] in codes:
            errs.append('bad staff code %s' % r['id'])
        codes.add(r['mis_ref'])
    if k == 'parent' and r['mis_ref'] and not re.match(r'P\d{4}$', r['mis_ref']):
        errs.append('bad parent ref %s' % r['id'])
    for e in filter(None, r['personal_emails'].split(';')):
        if not e.isascii() or '@' not in e:
            errs.append('bad personal email %s' % r['id'])
idx = form_index(rows)

subjects = set()
n = amb = 0
with open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8') as fh:
    for ln, line in enumerate(fh, 1):
        n += 1
        r = json.loads(line)
        w = 'line %d' % ln
        if set(r) != {'subject', 'spans', 'case', 'kinds', 'ambiguous'}:
            errs.append(w + ' keys')
            continue
        s = r['subject']
        if s in subjects:
            errs.append(w + ' duplicate subject')
        subjects.add(s)
        amb += bool(r['ambiguous'])
        if r['case'] != case_of(s):
            errs.append(w + ' case %s != %s' % (r['case'], case_of(s)))
        prev_end, possible_kinds = -1, []
        for sp in r['spans']:
            a, b, lab, text = sp
            if s[a:b] != text:
                errs.append(w + ' span text mismatch %r' % text)
            if a < prev_end or a >= b:
                errs.append(w + ' spans unsorted/overlap')
            prev_end = b
            if (a > 0 and s[a - 1].isalnum()) or (b < len(s) and s[b].isalnum()):
                errs.append(w + ' span cuts a word %r' % text)
            first = re.split(r'[\s.]', text)[0].lower()
            if first in TITLES and len(text.split()) > 1 and fold(text) not in idx:
                errs.append(w + ' title inside span %r' % text)
            if re.search(r"['’]s$", text, re.I):
                errs.append(w + ' possessive inside span %r' % text)
            if text != text.strip():
                errs.append(w + ' whitespace at span edge')
            if lab == 'directory':
                ks = idx.get(fold(text))
                if not ks:
                    errs.append(w + ' not a roster name form %r' % text)
                else:
                    possible_kinds.append(ks)
            elif lab == 'detector':
                if fold(text) in idx:
                    errs.append(w + ' detector equals roster name form %r' % text)
            else:
                errs.append(w + ' bad label')
        kinds = r['kinds']
        if kinds != sorted(set(kinds)) or any(k not in pat for k in kinds):
            errs.append(w + ' kinds not sorted unique/valid')
        for ks in possible_kinds:
            if not ks & set(kinds):
                errs.append(w + ' kinds miss a span')
        for k in kinds:
            if not any(k in ks for ks in possible_kinds):
                errs.append(w + ' kind %s not supported by spans' % k)
        if not possible_kinds and kinds:
            errs.append(w + ' kinds without directory spans')
if n != 600:
    errs.append('test has %d lines, expected 600' % n)
if amb > 10:
    errs.append('too many ambiguous lines')
if errs:
    print('\n'.join(errs[:50]))
    print(len(errs), 'problems')
    sys.exit(1)
print('OK')
