#!/usr/bin/env python3
"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems found."""
import csv, json, os, re, sys, unicodedata
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
errors = []
def err(msg):
    errors.append(msg)

SPECIAL = {'Ł': 'L', 'ł': 'l', 'Ø': 'O', 'ø': 'o', 'ß': 'ss', 'Æ': 'AE', 'æ': 'ae', 'ı': 'i', 'Đ': 'D', 'đ': 'd'}
def fold(s):
    s = ''.join(SPECIAL.get(c, c) for c in s)
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(c for c in s if not unicodedata.combining(c)).casefold()
    s = s.replace('’', "'").replace('.', ' ').replace(',', ' ')
    return ' '.join(s.split())

PARTICLES = {'van', 'der', 'de', 'la', 'dela', 'del', 'von', 'al', 'nic', 'st'}

# ---------------- roster ----------------
HEADER = ['id', 'first_name', 'preferred_name', 'last_name', 'kind', 'email', 'personal_emails', 'mis_ref']
with open(os.path.join(ROOT, 'roster.csv'), encoding='utf-8', newline='') as f:
    rows = list(csv.reader(f))
if rows[0] != HEADER:
    err('roster header wrong: %r' % rows[0])
people = [dict(zip(HEADER, r)) for r in rows[1:]]
if not 450 <= len(people) <= 650:
    err('roster size %d not in 450..650' % len(people))
ids, codes, emails = set(), set(), set()
for p in people:
    pid, kind = p['id'], p['kind']
    if pid in ids:
        err('duplicate id ' + pid)
    ids.add(pid)
    pat = {'pupil': r'P\d{4}', 'staff': r'S\d{3}', 'parent': r'G\d{3}'}.get(kind)
    if not pat:
        err('bad kind %s for %s' % (kind, pid)); continue
    if not re.fullmatch(pat, pid):
        err('id %s does not match kind %s' % (pid, kind))
    if not p['first_name'] or not p['last_name']:
        err('missing name ' + pid)
    e = p['email']
    if not re.fullmatch(r'[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}', e) or not e.isascii():
        err('bad email %r for %s' % (e, pid))
    if e.lower() in emails:
        err('duplicate email ' + e)
    emails.add(e.lower())
    if p['personal_emails']:
        for pe in p['personal_emails'].split(';'):
            if not re.fullmatch(r'[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}', pe):
                err('bad personal email %r for %s' % (pe, pid))
        if kind == 'staff':
            err('staff with personal email ' + pid)
    m = p['mis_ref']
    if kind == 'pupil' and not re.fullmatch(r'[A-Z]\d{12}', m):
        err('bad UPN %r for %s' % (m, pid))
    if kind == 'staff':
        if not re.fullmatch(r'[A-Z]{3}', m):
            err('bad staff code %r for %s' % (m, pid))
        if m in codes:
            err('duplicate staff code ' + m)
        codes.add(m)
    if p['preferred_name'] and p['preferred_name'] == p['first_name']:
        err('preferred name equals first name for ' + pid)
n_by_id = Counter(p['id'][0] for p in people)

def name_forms(p):
    firsts = {p['first_name']} | ({p['preferred_name']} if p['preferred_name'] else set())
    last = p['last_name']
    lasts = {last}
    parts = re.split(r'[\s-]+', last)
    if len(parts) > 1:
        for part in parts:
            if part.lower() not in PARTICLES:
                lasts.add(part)
    forms = set()
    for fn in firsts:
        forms.add(fn)
        for ln in lasts:
            forms |= {fn + ' ' + ln, ln + ' ' + fn, fn + ' ' + ln[0]}
    for ln in lasts:
        forms.add(ln)
        forms |= {p['first_name'][0] + ' ' + ln, ln + ' ' + p['first_name'][0]}
        if p['preferred_name']:
            forms |= {p['preferred_name'][0] + ' ' + ln, ln + ' ' + p['preferred_name'][0]}
    return {fold(x) for x in forms}

form_kinds = {}
for p in people:
    for fm in name_forms(p):
        form_kinds.setdefault(fm, set()).add(p['kind'])

# ---------------- test set ----------------
TITLES = {'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'sir', 'dame', 'cllr', 'rev', 'revd', 'pc', 'ds', 'di', 'prof', 'lady', 'lord'}
SMALL = {'a', 'an', 'and', 'at', 'as', 'by', 'for', 'from', 'in', 'of', 'on', 'or', 'the', 'to', 'w', 'with',
         're', 'fw', 'fwd', 'vs', 'v', 'via', 'per', 'into', 'up', 'x', 'am', 'pm', 'is', 'be', 'n', 's'}
def case_of(s):
    letters = [c for c in s if c.isalpha()]
    if not any(c.islower() for c in letters):
        return 'upper'
    if not any(c.isupper() for c in letters):
        return 'lower'
    for w in re.findall(r"[^\W\d_][\w'’]*", s):
        if w.lower() not in SMALL and not w[0].isupper():
            return 'sentence'
    return 'title'

recs = []
with open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8') as f:
    for n, line in enumerate(f, 1):
        try:
            recs.append((n, json.loads(line)))
        except Exception as e:
            err('line %d: bad JSON %s' % (n, e))
if len(recs) != 600:
    err('test.jsonl has %d lines, expected 600' % len(recs))
seen = set()
KEYS = {'subject', 'spans', 'case', 'kinds', 'ambiguous'}
n_amb = 0
for n, r in recs:
    if set(r) != KEYS:
        err('line %d: keys %s' % (n, sorted(r))); continue
    s = r['subject']
    if not isinstance(s, str) or not s.strip():
        err('line %d: empty subject' % n); continue
    if s in seen:
        err('line %d: duplicate subject %r' % (n, s))
    seen.add(s)
    if r['case'] != case_of(s):
        err('line %d: case %s, computed %s: %r' % (n, r['case'], case_of(s), s))
    if not isinstance(r['ambiguous'], bool):
        err('line %d: ambiguous not bool' % n)
    n_amb += r['ambiguous']
    prev_end = -1
    possible = []
    for sp in r['spans']:
        if not (isinstance(sp, list) and len(sp) == 4):
            err('line %d: bad span %r' % (n, sp)); continue
        a, b, lab, text = sp
        if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)):
            err('line %d: bad offsets %r' % (n, sp)); continue
        if s[a:b] != text:
            err('line %d: span text %r != subject[%d:%d] %r' % (n, text, a, b, s[a:b]))
        if a < prev_end:
            err('line %d: spans unsorted or overlapping' % n)
        prev_end = b
        if text != text.strip() or not text[0].isalpha():
            err('line %d: span %r has stray edge characters' % (n, text))
        if a > 0 and s[a - 1].isalnum() or b < len(s) and s[b].isalnum():
            err('line %d: span %r cuts a word' % (n, text))
        first_tok = re.split(r'[\s.]+', text)[0].lower()
        if first_tok in TITLES and len(text.split()) > 1:
            err('line %d: title inside span %r' % (n, text))
        if re.search(r"['’][sS]$", text):
            err('line %d: possessive inside span %r' % (n, text))
        f = fold(text)
        if lab == 'directory':
            if f not in form_kinds:
                err('line %d: directory span %r is not a roster name form' % (n, text))
            else:
                possible.append(form_kinds[f])
        elif lab == 'detector':
            if f in form_kinds:
                err('line %d: detector span %r equals a roster name form' % (n, text))
        else:
            err('line %d: bad label %r' % (n, lab))
    kinds = r['kinds']
    if kinds != sorted(set(kinds)) or any(k not in ('pupil', 'staff', 'parent') for k in kinds):
        err('line %d: kinds not sorted unique valid %r' % (n, kinds))
    if not possible and kinds:
        err('line %d: kinds without directory spans' % n)
    if possible and not kinds:
        err('line %d: directory spans but no kinds' % n)
    for ps in possible:
        if not ps & set(kinds):
            err('line %d: a directory span has no roster person of kinds %r' % (n, kinds))
    union = set().union(*possible) if possible else set()
    for k in kinds:
        if k not in union:
            err('line %d: kind %s not supported by any span' % (n, k))
if n_amb > 10:
    err('too many ambiguous lines: %d' % n_amb)

if errors:
    for e in errors[:200]:
        print(e)
    print('FAILED: %d problems' % len(errors))
    sys.exit(1)
print('OK')
