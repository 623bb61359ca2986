"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems."""
import csv, json, os, re, sys
from collections import Counter
from common import ROOT, key, name_forms, case_of, TITLES

errs = []
def err(msg):
    errs.append(msg)

HEADER = ['id', 'first_name', 'preferred_name', 'last_name', 'kind', 'email', 'personal_emails', 'mis_ref']
with open(os.path.join(ROOT, 'roster.csv'), encoding='utf-8', newline='') as f:
    rd = csv.reader(f)
    header = next(rd)
    people = list(rd)
if header != HEADER:
    err(f'bad header {header}')
if not 450 <= len(people) <= 650:
    err(f'roster size {len(people)}')
forms_by_kind = {'pupil': set(), 'staff': set(), 'parent': set()}
ids, codes, emails = set(), set(), set()
prefix = {'pupil': ('P', 4), 'staff': ('S', 3), 'parent': ('G', 3)}
for r in people:
    if len(r) != 8:
        err(f'bad row {r}'); continue
    pid, first, pref, last, kind, email, pers, ref = r
    if kind not in prefix:
        err(f'{pid} bad kind {kind}'); continue
    p, n = prefix[kind]
    if not re.fullmatch(p + r'\d{%d}' % n, pid) or pid in ids:
        err(f'bad/duplicate id {pid}')
    ids.add(pid)
    if not first or not last:
        err(f'{pid} missing name')
    if not email or not email.isascii() or not re.fullmatch(r'[a-z0-9._\-]+@[a-z0-9.\-]+\.[a-z]+', email):
        err(f'{pid} bad email {email}')
    if email in emails:
        err(f'{pid} duplicate email')
    emails.add(email)
    for pe in filter(None, pers.split(';')):
        if not pe.isascii() or '@' not in pe:
            err(f'{pid} bad personal email {pe}')
    if kind == 'pupil' and not re.fullmatch(r'[A-Z]\d{12}', ref):
        err(f'{pid} bad UPN {ref}')
    if kind == 'staff':
        if not re.fullmatch(r'[A-Z]{3}', ref) or ref in codes:
            err(f'{pid} bad/duplicate staff code {ref}')
        codes.add(ref)
    forms_by_kind[kind] |= name_forms(first, pref, last)
all_forms = set().union(*forms_by_kind.values())

subjects = set()
n = 0
with open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8') as f:
    for ln, line in enumerate(f, 1):
        n += 1
        try:
            o = json.loads(line)
        except Exception as e:
            err(f'line {ln}: bad json {e}'); continue
        if set(o) != {'subject', 'spans', 'case', 'kinds', 'ambiguous'}:
            err(f'line {ln}: keys {sorted(o)}')
        s = o['subject']
        if s in subjects:
            err(f'line {ln}: duplicate subject {s!r}')
        subjects.add(s)
        if s != s.strip() or not s:
            err(f'line {ln}: whitespace/empty subject')
        if o['case'] != case_of(s):
            err(f'line {ln}: case {o["case"]} != {case_of(s)}: {s}')
        if not isinstance(o['ambiguous'], bool):
            err(f'line {ln}: ambiguous not bool')
        prev_end = -1
        kinds_union, needed = set(), []
        for sp in o['spans']:
            if len(sp) != 4:
                err(f'line {ln}: bad span {sp}'); continue
            a, b, lab, text = sp
            if not (0 <= a < b <= len(s)) or s[a:b] != text:
                err(f'line {ln}: span {sp} does not index subject'); continue
            if a < prev_end:
                err(f'line {ln}: spans unsorted/overlapping')
            prev_end = b
            if text != text.strip():
                err(f'line {ln}: span whitespace {text!r}')
            if (a > 0 and (s[a-1].isalnum())) or (b < len(s) and s[b].isalnum()):
                err(f'line {ln}: span {text!r} cuts a word')
            first_tok = re.split(r'[\s.]', text)[0].lower()
            if first_tok in TITLES and len(text.split()) > 1:
                err(f'line {ln}: title inside span {text!r}')
            if re.search(r"['’]s$", text, re.I):
                err(f'line {ln}: possessive inside span {text!r}')
            k = key(text)
            if lab == 'directory':
                match = {kd for kd, fs in forms_by_kind.items() if k in fs}
                if not match:
                    err(f'line {ln}: directory span not a roster name form: {text!r}')
                needed.append(match)
                kinds_union |= match
            elif lab == 'detector':
                if k in all_forms:
                    err(f'line {ln}: detector span equals a roster name form: {text!r}')
            else:
                err(f'line {ln}: bad label {lab}')
        kinds = o['kinds']
        if kinds != sorted(set(kinds)) or not set(kinds) <= {'pupil', 'staff', 'parent'}:
            err(f'line {ln}: kinds not sorted unique {kinds}')
        if not set(kinds) <= kinds_union:
            err(f'line {ln}: kinds {kinds} not supported by spans: {s}')
        for m in needed:
            if m and not (m & set(kinds)):
                err(f'line {ln}: span kinds {m} missing from kinds {kinds}: {s}')
        if not needed and kinds:
            err(f'line {ln}: kinds without directory spans')
if n != 600:
    err(f'test.jsonl has {n} lines, expected 600')
if errs:
    for e in errs[:200]:
        print(e)
    print(f'{len(errs)} problem(s)')
    sys.exit(1)
print(f'OK - {len(people)} people, {n} lines')
