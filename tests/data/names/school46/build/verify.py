"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems."""
import csv, json, os, re, sys
from namelib import ROOT, fold, load_roster, form_index, classify_case, TITLES

HEADER = ['id', 'first_name', 'preferred_name', 'last_name', 'kind', 'email', 'personal_emails', 'mis_ref']
errs = []
def err(m):
    errs.append(m)

with open(os.path.join(ROOT, 'roster.csv'), newline='', encoding='utf-8') as f:
    rd = csv.reader(f)
    if next(rd) != HEADER:
        err('bad roster header')
roster = load_roster()
if not 450 <= len(roster) <= 650:
    err(f'roster size {len(roster)}')
ids, codes, emails = set(), set(), set()
pat = {'pupil': r'P\d{4}', 'staff': r'S\d{3}', 'parent': r'G\d{3}'}
for r in roster:
    k = r['kind']
    if k not in pat:
        err(f'bad kind {r}'); continue
    if not re.fullmatch(pat[k], r['id']) or r['id'] in ids:
        err(f'bad/dup id {r["id"]}')
    ids.add(r['id'])
    if not r['first_name'] or not r['last_name']:
        err(f'missing name {r["id"]}')
    if not r['email'].isascii() or '@' not in r['email'] or r['email'] in emails:
        err(f'bad email {r["id"]}')
    emails.add(r['email'])
    for pe in filter(None, r['personal_emails'].split(';')):
        if '@' not in pe or not pe.isascii():
            err(f'bad personal email {r["id"]}')
    m = r['mis_ref']
    if k == 'pupil' and not re.fullmatch(r'[A-Z]\d{12}', m):
        err(f'bad UPN {r["id"]}')
    if k == 'staff':
        if not re.fullmatch(r'[A-Z]{3}', m) or m in codes:
            err(f'bad staff code {r["id"]}')
        codes.add(m)
    if k == 'parent' and m and m not in ids:
        err(f'parent mis_ref not a known id {r["id"]}')
idx = form_index(roster)

lines = open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8').read().splitlines()
if len(lines) != 600:
    err(f'{len(lines)} lines, want 600')
subjects = set()
n_amb = 0
for i, line in enumerate(lines, 1):
    try:
        o = json.loads(line)
    except Exception as e:
        err(f'{i}: bad json'); continue
    if set(o) != {'subject', 'spans', 'case', 'kinds', 'ambiguous'}:
        err(f'{i}: keys {sorted(o)}')
    s = o['subject']
    if s in subjects:
        err(f'{i}: duplicate subject')
    subjects.add(s)
    if o['case'] != classify_case(s) or o['case'] not in ('sentence', 'lower', 'upper', 'title'):
        err(f'{i}: case {o["case"]} != {classify_case(s)}')
    if not isinstance(o['ambiguous'], bool):
        err(f'{i}: ambiguous not bool')
    n_amb += o['ambiguous']
    possible, prev_end = [], 0
    for sp in o['spans']:
        if len(sp) != 4:
            err(f'{i}: span shape'); continue
        a, b, lab, text = sp
        if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)) or s[a:b] != text:
            err(f'{i}: span index {sp}'); continue
        if a < prev_end:
            err(f'{i}: spans unsorted/overlap')
        prev_end = b
        if text != text.strip() or (a > 0 and s[a-1].isalnum()) or (b < len(s) and s[b].isalnum()):
            err(f'{i}: span not on word boundary {text!r}')
        first = text.split()[0].rstrip('.').lower()
        if first in TITLES and len(text.split()) > 1:
            err(f'{i}: title inside span {text!r}')
        if re.search(r"['\u2019]s?$", text):
            err(f'{i}: possessive inside span {text!r}')
        if lab == 'directory':
            c = idx.get(fold(text))
            if not c:
                err(f'{i}: directory span not a roster name form {text!r}')
            else:
                possible.append({r['kind'] for r in c})
        elif lab == 'detector':
            if fold(text) in idx:
                err(f'{i}: detector span equals roster form {text!r}')
        else:
            err(f'{i}: bad label {lab}')
    kinds = o['kinds']
    if kinds != sorted(set(kinds)):
        err(f'{i}: kinds not sorted unique')
    if bool(kinds) != bool(possible):
        err(f'{i}: kinds empty/non-empty mismatch')
    for p in possible:
        if not p & set(kinds):
            err(f'{i}: no kind for a directory span')
    if possible and not set(kinds) <= set().union(*possible):
        err(f'{i}: impossible kind {kinds}')
if n_amb > 10:
    err(f'{n_amb} ambiguous lines (max 10)')
if errs:
    print('\n'.join(errs[:50])); print(len(errs), 'problems'); sys.exit(1)
print('OK')
