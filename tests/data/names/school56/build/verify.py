"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems."""
import csv, json, os, re, sys, collections
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, TITLES, fold, form_index, case_of

HEADER = ['id', 'first_name', 'preferred_name', 'last_name', 'kind', 'email', 'personal_emails', 'mis_ref']
errs = []
with open(os.path.join(ROOT, 'roster.csv'), encoding='utf-8', newline='') as fh:
    rd = csv.reader(fh)
    header = next(rd)
    rows = [dict(zip(header, r)) for r in rd]
if header != HEADER:
    errs.append(f'bad header {header}')
if not 450 <= len(rows) <= 650:
    errs.append(f'roster size {len(rows)}')
ids, codes, emails = set(), set(), set()
pat = {'pupil': r'P\d{4}', 'staff': r'S\d{3}', 'parent': r'G\d{3}'}
for r in rows:
    k = r['kind']
    if k not in pat:
        errs.append(f'bad kind {r}'); continue
    if not re.fullmatch(pat[k], r['id']) or r['id'] in ids:
        errs.append(f'bad/dup id {r["id"]}')
    ids.add(r['id'])
    if not r['first_name'] or not r['last_name']:
        errs.append(f'missing name {r["id"]}')
    if r['email'] and (not r['email'].isascii() or '@' not in r['email'] or r['email'] in emails):
        errs.append(f'bad email {r["id"]} {r["email"]}')
    emails.add(r['email'])
    for pe in filter(None, r['personal_emails'].split(';')):
        if '@' not in pe or not pe.isascii():
            errs.append(f'bad personal email {r["id"]}')
    m = r['mis_ref']
    if k == 'pupil' and not re.fullmatch(r'[A-Z]\d{12}', m):
        errs.append(f'bad UPN {r["id"]}')
    if k == 'staff':
        if not re.fullmatch(r'[A-Z]{3}', m) or m in codes:
            errs.append(f'bad staff code {r["id"]} {m}')
        codes.add(m)
    if k == 'parent' and m and m not in ids and not re.fullmatch(r'[PSG]\d+', m):
        errs.append(f'bad parent ref {r["id"]}')
idx = form_index(rows)

recs = []
with open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8') as fh:
    for n, line in enumerate(fh, 1):
        recs.append((n, json.loads(line)))
if len(recs) != 600:
    errs.append(f'{len(recs)} lines, expected 600')
seen = set()
for n, r in recs:
    if set(r) != {'subject', 'spans', 'case', 'kinds', 'ambiguous'}:
        errs.append(f'{n}: keys {sorted(r)}')
        continue
    s = r['subject']
    if s in seen:
        errs.append(f'{n}: duplicate subject')
    seen.add(s)
    if r['case'] != case_of(s):
        errs.append(f'{n}: case {r["case"]} != {case_of(s)}')
    prev_end = 0
    kinds_needed, kinds_possible = [], set()
    for sp in r['spans']:
        a, b, label, text = sp
        if s[a:b] != text:
            errs.append(f'{n}: span text mismatch {sp}')
        if a < prev_end:
            errs.append(f'{n}: spans unsorted/overlap')
        prev_end = b
        if text != text.strip() or not text:
            errs.append(f'{n}: whitespace in span {text!r}')
        first = text.split()[0].lower().rstrip('.')
        if first in TITLES:
            errs.append(f'{n}: title inside span {text!r}')
        if re.search(r"['’]s$", text):
            errs.append(f'{n}: possessive inside span {text!r}')
        hits = idx.get(fold(text))
        if label == 'directory':
            if not hits:
                errs.append(f'{n}: directory span not a roster name form {text!r}')
            else:
                ks = {k for k, _ in hits}
                kinds_needed.append(ks)
                kinds_possible |= ks
        elif label == 'detector':
            if hits:
                errs.append(f'{n}: detector span equals a roster name form {text!r}')
        else:
            errs.append(f'{n}: bad label {label}')
    kinds = r['kinds']
    if kinds != sorted(set(kinds)):
        errs.append(f'{n}: kinds not sorted unique')
    if not set(kinds) <= kinds_possible:
        errs.append(f'{n}: kinds {kinds} not supported by spans')
    for ks in kinds_needed:
        if not ks & set(kinds):
            errs.append(f'{n}: a directory span has no matching kind in {kinds}')
    if not isinstance(r['ambiguous'], bool):
        errs.append(f'{n}: ambiguous not bool')
if sum(r['ambiguous'] for _, r in recs) > 10:
    errs.append('too many ambiguous lines')
if errs:
    print('\n'.join(errs[:80])); print(f'{len(errs)} problems'); sys.exit(1)
print('OK')
