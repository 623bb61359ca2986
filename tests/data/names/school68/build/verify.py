#!/usr/bin/env python3
"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the list of problems."""
import csv, json, os, re, sys, unicodedata
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = ['id', 'first_name', 'preferred_name', 'last_name', 'kind', 'email', 'personal_emails', 'mis_ref']
TITLES = {'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'sir', 'cllr', 'rev', 'revd', 'pc', 'pcso', 'prof', 'coach',
          'nurse', 'lady', 'lord', 'dame', 'fr', 'sr', 'imam', 'mister', 'madam'}
SPECIAL = {'ł': 'l', 'Ł': 'L', 'ı': 'i', 'ß': 'ss', 'ø': 'o', 'Ø': 'O', 'đ': 'd', 'æ': 'ae'}
SMALL = {'a', 'an', 'and', 'as', 'at', 'but', 'by', 'for', 'from', 'in', 'into', 'of', 'on', 'or',
         'the', 'to', 'with', 'via', 'vs', 'w', 'am', 'pm'}
errors = []

def err(msg):
    errors.append(msg)

def fold(s):
    s = ''.join(SPECIAL.get(c, c) for c in s)
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(c for c in s if not unicodedata.combining(c))
    s = s.replace('’', "'").replace('.', ' ').casefold()
    s = re.sub(r'\s+', ' ', s).strip()
    s = re.sub(r' ,', ',', s)
    return s

def name_forms(first, pref, last):
    firsts = [x for x in (first, pref) if x]
    lasts = [last]
    parts = last.split(' ')
    if len(parts) > 1 and parts[0].lower() not in ('van', 'de', 'dela', 'del', 'da', 'von', 'la', 'le', 'di'):
        lasts.append(parts[-1])          # "Kaur Dhillon" -> "Dhillon"
    forms = set()
    for l in lasts:
        li = l[0]
        forms |= {l}
        for f in firsts:
            fi = f[0]
            forms |= {f, f + ' ' + l, l + ' ' + f, l + ', ' + f, l + ',' + f,
                      fi + ' ' + l, l + ' ' + fi, l + ', ' + fi, f + ' ' + li, fi + li}
    return {fold(x) for x in forms}

def case_style(s):
    letters = [c for c in s if c.isalpha()]
    if letters and not any(c.islower() for c in letters):
        return 'upper'
    if not any(c.isupper() for c in letters):
        return 'lower'
    words = re.findall(r"[^\W\d_][\w'’\-]*", s)
    content = [w for w in words if w.lower() not in SMALL]
    caps = [w for w in content if w[0].isupper()]
    if len(content) >= 2 and len(caps) == len(content):
        return 'title'
    return 'sentence'

# ---------------- roster ----------------
with open(os.path.join(ROOT, 'roster.csv'), encoding='utf-8', newline='') as f:
    rows = list(csv.reader(f))
if rows[0] != HEADER:
    err('roster header wrong: %r' % rows[0])
people = [dict(zip(HEADER, r)) for r in rows[1:]]
if not 450 <= len(people) <= 650:
    err('roster size %d outside 450-650' % len(people))
ids, emails, codes = set(), set(), set()
prefix = {'pupil': r'P\d{4}', 'staff': r'S\d{3}', 'parent': r'G\d{3}'}
form_kinds = defaultdict(set)
for p in people:
    if len(p) != 8 or any(v is None for v in p.values()):
        err('bad row %r' % p); continue
    k = p['kind']
    if k not in prefix:
        err('bad kind %r' % p); continue
    if not re.fullmatch(prefix[k], p['id']):
        err('bad id %s for %s' % (p['id'], k))
    if p['id'] in ids:
        err('duplicate id ' + p['id'])
    ids.add(p['id'])
    if not p['first_name'] or not p['last_name']:
        err('missing name ' + p['id'])
    if not re.fullmatch(r'[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[a-z]{2,}', p['email']):
        err('bad email %s %s' % (p['id'], p['email']))
    if p['email'] in emails:
        err('duplicate email ' + p['email'])
    emails.add(p['email'])
    if p['personal_emails']:
        for e in p['personal_emails'].split(';'):
            if not re.fullmatch(r'[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[a-z]{2,}', e):
                err('bad personal email %s %s' % (p['id'], e))
    m = p['mis_ref']
    if k == 'pupil' and not re.fullmatch(r'[A-Z]\d{12}', m):
        err('bad pupil mis_ref %s %s' % (p['id'], m))
    if k == 'staff':
        if not re.fullmatch(r'[A-Z]{3}', m):
            err('bad staff code %s %s' % (p['id'], m))
        if m in codes:
            err('duplicate staff code ' + m)
        codes.add(m)
    if k == 'parent' and m and not re.fullmatch(r'[A-Z0-9]{3,12}', m):
        err('bad parent mis_ref %s %s' % (p['id'], m))
    for form in name_forms(p['first_name'], p['preferred_name'], p['last_name']):
        form_kinds[form].add(k)
for k in prefix:
    got = sorted(int(p['id'][1:]) for p in people if p['kind'] == k)
    if got != list(range(1, len(got) + 1)):
        err('ids for %s not consecutive from 1' % k)

# ---------------- test set ----------------
lines = open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8').read().split('\n')
if lines and lines[-1] == '':
    lines.pop()
if len(lines) != 600:
    err('test.jsonl has %d lines, expected 600' % len(lines))
subjects = set()
n_amb = 0
for i, line in enumerate(lines, 1):
    try:
        r = json.loads(line)
    except ValueError as e:
        err('line %d not JSON: %s' % (i, e)); continue
    if set(r) != {'subject', 'spans', 'case', 'kinds', 'ambiguous'}:
        err('line %d keys %r' % (i, sorted(r))); continue
    s = r['subject']
    tag = 'line %d %r: ' % (i, s)
    if not isinstance(s, str) or not s.strip() or s != s.strip():
        err(tag + 'empty or untrimmed subject')
    if s in subjects:
        err(tag + 'duplicate subject')
    subjects.add(s)
    if not isinstance(r['ambiguous'], bool):
        err(tag + 'ambiguous not bool')
    n_amb += bool(r['ambiguous'])
    if r['case'] != case_style(s):
        err(tag + 'case %s, computed %s' % (r['case'], case_style(s)))
    prev_end = 0
    kinds_needed = []
    for sp in r['spans']:
        if not (isinstance(sp, list) and len(sp) == 4 and isinstance(sp[0], int) and isinstance(sp[1], int)):
            err(tag + 'bad span %r' % (sp,)); continue
        a, b, label, text = sp
        if not 0 <= a < b <= len(s):
            err(tag + 'span out of range %r' % (sp,)); continue
        if s[a:b] != text:
            err(tag + 'span text mismatch %r vs %r' % (s[a:b], text))
        if a < prev_end:
            err(tag + 'spans unsorted or overlapping')
        prev_end = b
        if label not in ('directory', 'detector'):
            err(tag + 'bad label ' + str(label))
        if text != text.strip() or not text[0].isalpha() or not (text[-1].isalpha() or text[-1] == '.'):
            err(tag + 'span has stray edge characters %r' % text)
        if a > 0 and (s[a - 1].isalnum()):
            err(tag + 'span starts inside a word %r' % text)
        if b < len(s) and s[b].isalnum():
            err(tag + 'span ends inside a word %r' % text)
        first_tok = re.split(r"[\s.]", text, 1)[0].casefold()
        if first_tok in TITLES and ' ' in text:
            err(tag + 'title inside span %r' % text)
        if re.search(r"['’]s$", text, re.I):
            err(tag + 'possessive inside span %r' % text)
        f = fold(text)
        if label == 'directory':
            if f not in form_kinds:
                err(tag + 'directory span is not a roster name form: %r' % text)
            else:
                kinds_needed.append(form_kinds[f])
        elif label == 'detector':
            if f in form_kinds:
                err(tag + 'detector span equals a roster name form: %r' % text)
            for tok in f.replace(',', ' ').split():
                pass
    kinds = r['kinds']
    if kinds != sorted(set(kinds)) or any(k not in ('pupil', 'staff', 'parent') for k in kinds):
        err(tag + 'kinds not sorted unique valid %r' % kinds)
    if not kinds_needed and kinds:
        err(tag + 'kinds given but no directory span')
    for ks in kinds_needed:
        if not ks & set(kinds):
            err(tag + 'a directory span matches no roster person of kinds %r' % kinds)
    for k in kinds:
        if not any(k in ks for ks in kinds_needed):
            err(tag + 'kind %s not supported by any span' % k)
    if r['ambiguous'] and r['spans']:
        pass
if n_amb > 10:
    err('too many ambiguous lines: %d' % n_amb)

if errors:
    for e in errors[:200]:
        print(e)
    print('%d problem(s)' % len(errors))
    sys.exit(1)
print('OK')
