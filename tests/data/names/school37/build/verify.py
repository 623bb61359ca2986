"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems."""
import csv, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, fold, form_index, classify_case, TITLES

HEADER = ['id', 'first_name', 'preferred_name', 'last_name', 'kind', 'email', 'personal_emails', 'mis_ref']
errs = []


def err(m):
    errs.append(m)


# ---- roster
with open(os.path.join(ROOT, 'roster.csv'), newline='', encoding='utf-8') as fh:
    rd = csv.reader(fh)
    header = next(rd)
    rows = [dict(zip(header, r)) for r in rd]
if header != HEADER:
    err(f'bad header {header}')
if not 450 <= len(rows) <= 650:
    err(f'roster size {len(rows)}')
ids, emails, codes, upns = set(), set(), set(), set()
pat = {'pupil': r'P\d{4}', 'staff': r'S\d{3}', 'parent': r'G\d{3}'}
for r in rows:
    if r['kind'] not in pat:
        err(f'bad kind {r}'); continue
    if not re.fullmatch(pat[r['kind']], r['id']) or r['id'] in ids:
        err(f'bad/dup id {r["id"]}')
    ids.add(r['id'])
    if not r['first_name'] or not r['last_name']:
        err(f'missing name {r["id"]}')
    if not r['email'].isascii() or not re.fullmatch(r'[a-z0-9.]+@[a-z0-9.-]+', r['email']) or r['email'] in emails:
        err(f'bad/dup email {r["id"]} {r["email"]}')
    emails.add(r['email'])
    for pe in filter(None, r['personal_emails'].split(';')):
        if not re.fullmatch(r'[a-z0-9.]+@[a-z0-9.-]+', pe):
            err(f'bad personal email {r["id"]}')
    if r['kind'] == 'pupil':
        if not re.fullmatch(r'[A-Z]\d{12}', r['mis_ref']) or r['mis_ref'] in upns:
            err(f'bad upn {r["id"]}')
        upns.add(r['mis_ref'])
    elif r['kind'] == 'staff':
        if not re.fullmatch(r'[A-Z]{3}', r['mis_ref']) or r['mis_ref'] in codes:
            err(f'bad staff code {r["id"]}')
        codes.add(r['mis_ref'])
    elif r['mis_ref'] and r['mis_ref'] not in ids:
        err(f'parent mis_ref not an id {r["id"]}')
idx = form_index(rows)

# ---- test set
recs = [json.loads(l) for l in open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8')]
if len(recs) != 600:
    err(f'{len(recs)} lines, expected 600')
seen = set()
title_re = re.compile(r'^(%s)\.?\s' % '|'.join(TITLES + ['sr']), re.I)
for n, r in enumerate(recs, 1):
    if set(r) != {'subject', 'spans', 'case', 'kinds', 'ambiguous'}:
        err(f'{n}: keys {sorted(r)}')
    s = r['subject']
    if s in seen:
        err(f'{n}: duplicate subject')
    seen.add(s)
    prev_end = -1
    possible = []
    for sp in r['spans']:
        st, en, lab, txt = sp
        if s[st:en] != txt:
            err(f'{n}: span text mismatch {sp}')
        if st < prev_end or st >= en:
            err(f'{n}: spans unsorted/overlapping {sp}')
        prev_end = en
        if lab not in ('directory', 'detector'):
            err(f'{n}: bad label {lab}')
        if txt != txt.strip() or title_re.match(txt) or re.search(r"['’]s$", txt, re.I) and fold(txt) not in idx:
            err(f'{n}: title/possessive/space inside span {txt!r}')
        if (st > 0 and s[st - 1].isalnum()) or (en < len(s) and s[en].isalnum()):
            err(f'{n}: span not on word boundary {txt!r}')
        if lab == 'directory':
            people = idx.get(fold(txt))
            if not people:
                err(f'{n}: directory span not a roster name form {txt!r}')
            else:
                possible.append({p['kind'] for p in people})
        elif fold(txt) in idx:
            err(f'{n}: detector span equals a roster name form {txt!r}')
    kinds = set(r['kinds'])
    if r['kinds'] != sorted(kinds):
        err(f'{n}: kinds not sorted unique')
    if not kinds <= {'pupil', 'staff', 'parent'}:
        err(f'{n}: bad kinds')
    if not possible and kinds:
        err(f'{n}: kinds without directory spans')
    for pk in possible:
        if not pk & kinds:
            err(f'{n}: a directory span has no kind in {kinds}')
    for k in kinds:
        if not any(k in pk for pk in possible):
            err(f'{n}: kind {k} not supported by any span')
    if r['case'] != classify_case(s):
        err(f'{n}: case {r["case"]} != {classify_case(s)}')
    if not isinstance(r['ambiguous'], bool):
        err(f'{n}: ambiguous not bool')
amb = sum(r['ambiguous'] for r in recs)
if amb > 10:
    err(f'too many ambiguous: {amb}')
if errs:
    print('\n'.join(errs[:200]))
    print(f'FAIL ({len(errs)} problems)')
    sys.exit(1)
print('OK')
