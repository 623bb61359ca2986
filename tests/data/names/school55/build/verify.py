"""Check roster.csv and test.jsonl against the common brief's rules. Prints OK or the problems."""
import collections, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, TITLES, fold, load_roster, name_forms, case_of

errs = []
def err(m):
    errs.append(m)

HEADER = 'id,first_name,preferred_name,last_name,kind,email,personal_emails,mis_ref'
with open(os.path.join(ROOT, 'roster.csv'), encoding='utf-8') as fh:
    if fh.readline().rstrip('\n') != HEADER:
        err('bad roster header')
roster = load_roster()
if not 450 <= len(roster) <= 650:
    err('roster size %d' % len(roster))
ids, codes, emails = set(), set(), set()
for p in roster:
    k, i = p['kind'], p['id']
    if i in ids: err('dup id ' + i)
    ids.add(i)
    pat = {'pupil': r'P\d{4}$', 'staff': r'S\d{3}$', 'parent': r'G\d{3}$'}.get(k)
    if not pat or not re.match(pat, i): err('bad id/kind %s %s' % (i, k))
    if not p['first_name'] or not p['last_name']: err('missing name ' + i)
    if not re.match(r'^[\x21-\x7e]+@[\w.-]+$', p['email']) or p['email'] in emails: err('bad email ' + i)
    emails.add(p['email'])
    for pe in filter(None, p['personal_emails'].split(';')):
        if '@' not in pe: err('bad personal email ' + i)
    if k == 'pupil' and not re.match(r'^[A-Z]\d{12}$', p['mis_ref']): err('bad UPN ' + i)
    if k == 'staff':
        if not re.match(r'^[A-Z]{3}$', p['mis_ref']) or p['mis_ref'] in codes: err('bad staff code ' + i)
        codes.add(p['mis_ref'])
    if k == 'parent' and p['mis_ref'] and p['mis_ref'] not in {q['id'] for q in roster}: err('bad parent ref ' + i)

forms = collections.defaultdict(set)
for p in roster:
    for f in name_forms(p):
        forms[f].add(p['kind'])

seen = set()
n = 0
with open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8') as fh:
    for ln, line in enumerate(fh, 1):
        n += 1
        try:
            r = json.loads(line)
        except Exception:
            err('line %d: bad json' % ln); continue
        if set(r) != {'subject', 'spans', 'case', 'kinds', 'ambiguous'}: err('line %d: keys' % ln)
        s = r['subject']
        if s in seen: err('line %d: duplicate subject %r' % (ln, s))
        seen.add(s)
        if s != s.strip() or not s: err('line %d: whitespace' % ln)
        last_end = 0
        union = set()
        for sp in r['spans']:
            st, en, lab, text = sp
            if s[st:en] != text: err('line %d: span index %r' % (ln, sp))
            if st < last_end: err('line %d: unsorted/overlap' % ln)
            last_end = en
            if text != text.strip(): err('line %d: span whitespace %r' % (ln, text))
            first_tok = re.split(r'[\s.]+', text.strip())[0].lower()
            if first_tok in TITLES: err('line %d: title inside span %r' % (ln, text))
            if re.search(r"['’]s$", text): err('line %d: possessive inside span %r' % (ln, text))
            if st > 0 and s[st - 1].isalnum() or en < len(s) and s[en].isalnum():
                err('line %d: span cuts a word %r' % (ln, text))
            f = fold(text)
            if lab == 'directory':
                if f not in forms: err('line %d: directory span not a roster name form %r' % (ln, text))
                else:
                    if not (forms[f] & set(r['kinds'])): err('line %d: span %r kind not in kinds' % (ln, text))
                    union |= forms[f]
            elif lab == 'detector':
                if f in forms: err('line %d: detector span equals roster name %r' % (ln, text))
            else:
                err('line %d: bad label' % ln)
        if not set(r['kinds']) <= union: err('line %d: kinds %r not supported' % (ln, r['kinds']))
        if r['kinds'] != sorted(set(r['kinds'])): err('line %d: kinds unsorted' % ln)
        if r['case'] != case_of(s): err('line %d: case %s != %s' % (ln, r['case'], case_of(s)))
        if not isinstance(r['ambiguous'], bool): err('line %d: ambiguous not bool' % ln)
if sum(1 for l in open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8') if json.loads(l)['ambiguous']) > 10:
    err('too many ambiguous')
if errs:
    print('\n'.join(errs[:200]))
    print('FAIL (%d problems, %d lines)' % (len(errs), n))
    sys.exit(1)
print('OK: roster %d people, test %d lines' % (len(roster), n))
