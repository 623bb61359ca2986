#!/usr/bin/env python3
"""Independent check of roster.csv + test.jsonl (does not import build.py). Prints stats; exit 1 on failure."""
import csv, json, os, re, sys, unicodedata, collections

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
fails = []
def fail(m): fails.append(m)

def fold(s): return ''.join(c for c in unicodedata.normalize('NFKD', s) if not unicodedata.combining(c))
def key(s):
    s = fold(s).lower()
    s = re.sub(r'[.,]', ' ', s)
    return ' '.join(s.split())

# ---- roster
with open(os.path.join(ROOT, 'roster.csv'), encoding='utf-8') as fh:
    hdr = fh.readline().strip()
    if hdr != 'id,first_name,preferred_name,last_name,kind,email,personal_emails,mis_ref':
        fail('bad roster header')
with open(os.path.join(ROOT, 'roster.csv'), encoding='utf-8') as fh:
    R = list(csv.DictReader(fh))
kc = collections.Counter(r['kind'] for r in R)
for r in R:
    pref = {'pupil': r'P\d{4}', 'staff': r'S\d{3}', 'parent': r'G\d{3}'}[r['kind']]
    if not re.fullmatch(pref, r['id']): fail('bad id ' + r['id'])
    if not r['email'].isascii(): fail('non-ascii email ' + r['id'])
    for e in filter(None, r['personal_emails'].split(';')):
        if not e.isascii() or '@' not in e: fail('bad personal email ' + r['id'])
    if r['kind'] == 'pupil' and not re.fullmatch(r'[A-Z]\d{12}', r['mis_ref']): fail('bad upn ' + r['id'])
    if r['kind'] == 'staff' and not re.fullmatch(r'[A-Z]{3}', r['mis_ref']): fail('bad staff code ' + r['id'])
    if r['kind'] == 'parent' and r['mis_ref']: fail('parent with mis_ref ' + r['id'])
codes = [r['mis_ref'] for r in R if r['kind'] != 'parent']
if len(codes) != len(set(codes)): fail('duplicate mis_ref')
if len({r['id'] for r in R}) != len(R): fail('duplicate id')
npref = sum(1 for r in R if r['preferred_name'])

# name forms: token-key based (dots/commas ignored)
forms = collections.defaultdict(set)
for r in R:
    L = r['last_name']; li = L.split()[-1][0]
    for F in filter(None, [r['first_name'], r['preferred_name']]):
        for f in [F, L, f'{F} {L}', f'{L} {F}', f'{F} {li}', f'{F[0]} {L}', f'{L} {F[0]}', f'{L} {li}' if False else F]:
            forms[key(f)].add(r['kind'])
        if L.startswith('dela '):
            forms[key(f'{F} {L[5]}')].add(r['kind'])

TITLES = {'mr', 'mrs', 'ms', 'miss', 'dr', 'sir', 'cllr', 'rev', 'revd', 'pc', 'mx', 'sgt', 'canon', 'ven'}
FW = set('''a an the and or but of to in on at for with by from as is are was were be been am it its this that these
those re fw fwd w vs v via per into onto up out off over under about after before not no yes if so do does did has have
had will can could would should may might pls please our your my their his her we you they i me us them am pm etc x'''.split())

def case_of(subj, spans):
    m = re.match(r'^\s*((re|fw|fwd)\s*:\s*)+', subj, re.I)
    off = m.end() if m else 0
    body = subj[off:]
    letters = [c for c in body if c.isalpha()]
    if letters and sum(c.islower() for c in letters) / len(letters) < 0.12:
        return 'upper'
    if not any(c.isupper() for c in body):
        return 'lower'
    if not any(c.isupper() for c in re.sub(r'\bI\b', '', body)):
        return 'lower'
    cw = []
    for mm in re.finditer(r"[^\W\d_][^\W\d_'\u2019-]*", body):
        p = mm.start() + off
        if any(a <= p < b for a, b, *_ in spans): continue
        w = mm.group(0).strip("'\u2019-")
        if len(w) < 2 or w.lower() in FW or w.isupper(): continue
        cw.append(w)
    cap = sum(w[0].isupper() for w in cw)
    return 'title' if cap >= 2 and cap >= 0.75 * len(cw) else 'sentence'

rows = [json.loads(l) for l in open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8')]
stats = collections.Counter()
cases = collections.Counter()
subj_seen = set()
for i, r in enumerate(rows, 1):
    if list(r) != ['subject', 'spans', 'case', 'kinds', 'ambiguous']: fail(f'{i} key order')
    s = r['subject']
    if s in subj_seen: fail(f'{i} duplicate')
    subj_seen.add(s)
    prev = -1
    kinds = set()
    for a, b, t, x in r['spans']:
        if s[a:b] != x: fail(f'{i} offsets {x!r}')
        if a < prev: fail(f'{i} overlap/unsorted')
        prev = b
        if x != x.strip() or x.lower().endswith("'s"): fail(f'{i} edge {x!r}')
        if key(x).split()[0] in TITLES: fail(f'{i} title in span {x!r}')
        if t == 'directory':
            if key(x) not in forms: fail(f'{i} directory not a roster form {x!r}')
            else: kinds |= forms[key(x)]
        elif t == 'detector':
            if key(x) in forms: fail(f'{i} detector equals roster form {x!r}')
        else: fail(f'{i} bad type')
    if not set(r['kinds']) <= kinds: fail(f'{i} kinds {r["kinds"]} not supported by spans')
    if r['kinds'] != sorted(set(r['kinds'])): fail(f'{i} kinds not sorted/distinct')
    if bool(r['kinds']) != any(t == 'directory' for _, _, t, _ in r['spans']): fail(f'{i} kinds/directory mismatch')
    c = case_of(s, r['spans'])
    if c != r['case']: fail(f'{i} case {r["case"]} vs recomputed {c}: {s}')
    cases[r['case']] += 1
    named = bool(r['spans'])
    stats['named'] += named
    stats['with_detector'] += any(t == 'detector' for _, _, t, _ in r['spans'])
    stats['with_directory'] += any(t == 'directory' for _, _, t, _ in r['spans'])
    stats['ambiguous'] += r['ambiguous']
    stats['reply_fwd'] += bool(re.match(r'^\s*(re|fw|fwd)\s*:', s, re.I))
    stats['spans_dir'] += sum(t == 'directory' for _, _, t, _ in r['spans'])
    stats['spans_det'] += sum(t == 'detector' for _, _, t, _ in r['spans'])
    for k in r['kinds']: stats['kind_' + k] += 1

n = len(rows)
print(f'roster: {len(R)} people ({dict(kc)}), preferred_name: {npref}')
print(f'lines: {n}')
print(f"named: {stats['named']} ({100*stats['named']/n:.1f}%), negatives: {n-stats['named']}")
print(f"lines with detector: {stats['with_detector']} ({100*stats['with_detector']/max(1,stats['named']):.1f}% of named)")
print(f"directory spans: {stats['spans_dir']}, detector spans: {stats['spans_det']}")
print('lines by kind:', {k[5:]: v for k, v in stats.items() if k.startswith('kind_')})
print('case:', {k: f'{v} ({100*v/n:.1f}%)' for k, v in sorted(cases.items())})
print(f"ambiguous: {stats['ambiguous']}, RE/FW lines: {stats['reply_fwd']}")
if fails:
    print('\n'.join('FAIL ' + f for f in fails[:50])); print(len(fails), 'failures'); sys.exit(1)
print('all checks passed')
