"""Independent verification of test.jsonl + roster.csv invariants, then stats."""
import json, os, re, sys, csv, collections, unicodedata
sys.path.insert(0, os.path.dirname(__file__))
from common import ROOT, norm, forms, load_roster
from casing import case_of
errs = []
roster = load_roster()
hdr = open(os.path.join(ROOT, 'roster.csv'), encoding='utf-8').readline().strip()
if hdr != 'id,first_name,preferred_name,last_name,kind,email,personal_emails,mis_ref': errs.append('bad roster header')
ids, codes = set(), set()
for p in roster:
    k = p['kind']; i = p['id']
    if i in ids: errs.append(f'dup id {i}')
    ids.add(i)
    pat = {'pupil': r'P\d{4}$', 'staff': r'S\d{3}$', 'parent': r'G\d{3}$'}[k]
    if not re.match(pat, i): errs.append(f'bad id {i}')
    if not p['email'].isascii() or not re.match(r'^[\w.+-]+@[\w.-]+\.\w+$', p['email']): errs.append(f'bad email {p["email"]}')
    for e in filter(None, p['personal_emails'].split(';')):
        if not e.isascii() or '@' not in e: errs.append(f'bad personal email {e}')
    m = p['mis_ref']
    if k == 'pupil' and not re.match(r'^[A-Z]\d{12}$', m): errs.append(f'bad UPN {i} {m}')
    if k == 'staff':
        if not re.match(r'^[A-Z]{3}$', m) or m in codes: errs.append(f'bad staff code {i} {m}')
        codes.add(m)
    if k == 'parent' and m: errs.append(f'parent with mis_ref {i}')
form_kinds = collections.defaultdict(set)
for p in roster:
    for f in forms(p): form_kinds[f].add(p['kind'])
TITLES = {'mr', 'mrs', 'ms', 'miss', 'dr', 'sir', 'cllr', 'rev', 'pc', 'coach', 'nurse', 'mx'}
recs = [json.loads(l) for l in open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8')]
for n, r in enumerate(recs, 1):
    if list(r) != ['subject', 'spans', 'case', 'kinds', 'ambiguous']: errs.append(f'{n}: key order')
    s = r['subject']; prev = 0; kinds = set()
    for a, b, src, text in r['spans']:
        if s[a:b] != text: errs.append(f'{n}: offset mismatch {text!r}')
        if a < prev: errs.append(f'{n}: spans overlap/unsorted')
        prev = b
        if text != text.strip() or text.endswith("'s") or text.endswith("\u2019s"): errs.append(f'{n}: span edge {text!r}')
        if text.split()[0].lower().strip('.') in TITLES: errs.append(f'{n}: title inside span {text!r}')
        if src == 'directory':
            if norm(text) not in form_kinds: errs.append(f'{n}: directory not on roster {text!r}')
            kinds |= form_kinds[norm(text)]
        elif src == 'detector':
            if norm(text) in form_kinds: errs.append(f'{n}: detector equals roster form {text!r}')
        else: errs.append(f'{n}: bad source')
    if not set(r['kinds']) <= kinds: errs.append(f'{n}: kinds {r["kinds"]} not possible {kinds}')
    if bool(r['kinds']) != any(sp[2] == 'directory' for sp in r['spans']): errs.append(f'{n}: kinds/directory mismatch')
    if r['kinds'] != sorted(set(r['kinds'])): errs.append(f'{n}: kinds unsorted')
    if r['case'] != case_of(s, r['spans']): errs.append(f'{n}: case mismatch')
    if not isinstance(r['ambiguous'], bool): errs.append(f'{n}: ambiguous not bool')
    if r['ambiguous'] and not r['spans']: errs.append(f'{n}: ambiguous without span')
# forbidden examples
FORBID = ["hope left her bag in 7b", "hope you had a good half term", "priyanka missing pe kit", "kemal - detention",
          "meeting with eze", "w/ kowalczyk, popa & hassan", "swap: tomasz to 8q, kofi to 8r", "amir khan - safeguarding concern",
          "y10 english mock results", "a ted baker voucher", "trip to stanley park", "peter pan rehearsals", "jack wills hoodies", "florence hall booking"]
for n, r in enumerate(recs, 1):
    for f in FORBID:
        if f in r['subject'].lower(): errs.append(f'{n}: forbidden example {f!r}')
# warn: unmarked capitalised tokens that are roster first names/surnames (review list, not an error)
single = {f for f in form_kinds if ' ' not in f}
warn = collections.Counter()
for r in recs:
    chars = list(r['subject'])
    for a, b, *_ in r['spans']:
        for k in range(a, b): chars[k] = ' '
    for tok in re.findall(r"[^\W\d_][\w'-]*", ''.join(chars)):
        t = re.sub(r"'s$", '', tok)
        if norm(t) in single: warn[t] += 1
N = len(recs)
named = [r for r in recs if r['spans']]
det = [r for r in named if any(s[2] == 'detector' for s in r['spans'])]
dirl = [r for r in recs if any(s[2] == 'directory' for s in r['spans'])]
print('roster:', len(roster), dict(collections.Counter(p['kind'] for p in roster)),
      'preferred:', sum(1 for p in roster if p['preferred_name']))
print('lines:', N)
print(f'named: {len(named)} ({len(named)/N:.1%}); with detector: {len(det)} ({len(det)/max(1,len(named)):.1%} of named); hard negatives: {N-len(named)}')
cc = collections.Counter(r['case'] for r in recs)
print('case:', {k: f'{v} ({v/N:.1%})' for k, v in sorted(cc.items())})
print('spans:', dict(collections.Counter(s[2] for r in recs for s in r['spans'])))
print('kinds:', dict(collections.Counter(k for r in recs for k in r['kinds'])))
print('ambiguous:', sum(r['ambiguous'] for r in recs))
print('reply/forward prefixes:', sum(1 for r in recs if re.match(r'(?i)\s*(re|fw|fwd)\s*:', r['subject'])))
print('multi-person lines:', sum(1 for r in recs if len(r['spans']) > 1))
print('review (unmarked roster-name tokens):', ', '.join(f'{k}x{v}' for k, v in warn.most_common()))
if errs:
    print('ERRORS:'); print('\n'.join(errs[:50])); sys.exit(1)
print('ALL CHECKS PASSED')
