#!/usr/bin/env python3
"""Re-check every invariant of roster.csv and test.jsonl. Exit 1 on any failure."""
import csv, json, os, re, sys, collections
from common import ROOT, load_roster, form_index, norm_form, case_of

def main():
    errs = []
    def bad(msg): errs.append(msg)
    # ---- roster
    with open(os.path.join(ROOT, 'roster.csv'), encoding='utf-8') as fh:
        header = next(csv.reader(fh))
    if header != ['id','first_name','preferred_name','last_name','kind','email','personal_emails','mis_ref']:
        bad('roster header wrong: %r' % header)
    roster = load_roster()
    ids = [p['id'] for p in roster]
    if len(ids) != len(set(ids)): bad('duplicate roster ids')
    kc = collections.Counter(p['kind'] for p in roster)
    if set(kc) != {'pupil','staff','parent'}: bad('bad kinds %r' % kc)
    codes = collections.Counter(p['mis_ref'] for p in roster if p['kind'] == 'staff')
    for p in roster:
        k = p['kind']
        if not p['first_name'] or not p['last_name']: bad('%s: missing name' % p['id'])
        if k == 'pupil':
            if not re.fullmatch(r'P\d{4}', p['id']): bad('%s: pupil id' % p['id'])
            if not re.fullmatch(r'\d{2}[a-z][a-z]+@pupils\.[a-z.]+', p['email']): bad('%s: pupil email %s' % (p['id'], p['email']))
            if not re.fullmatch(r'[A-Z]\d{12}', p['mis_ref']): bad('%s: UPN' % p['id'])
        elif k == 'staff':
            if not re.fullmatch(r'S\d{3}', p['id']): bad('%s: staff id' % p['id'])
            if not re.fullmatch(r'[a-z]\.[a-z]+@[a-z.]+', p['email']): bad('%s: staff email %s' % (p['id'], p['email']))
            if not re.fullmatch(r'[A-Z]{3}', p['mis_ref']) or codes[p['mis_ref']] > 1: bad('%s: staff code %s' % (p['id'], p['mis_ref']))
        elif k == 'parent':
            if not re.fullmatch(r'G\d{3}', p['id']): bad('%s: parent id' % p['id'])
            if p['mis_ref']: bad('%s: parent has mis_ref' % p['id'])
            if '@' not in p['email']: bad('%s: parent email' % p['id'])
        for e in filter(None, p['personal_emails'].split(';')):
            if '@' not in e: bad('%s: personal email %s' % (p['id'], e))
    idx = form_index(roster)
    # ---- test set
    rows = []
    for n, line in enumerate(open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8'), 1):
        try:
            r = json.loads(line)
        except ValueError as e:
            bad('line %d: bad json %s' % (n, e)); continue
        rows.append((n, r))
    seen = set(); amb = 0
    TITLE = re.compile(r'^(mr|mrs|ms|miss|dr|pc|pcso|sir|mx)\b\.?\s', re.I)
    for n, r in rows:
        where = 'line %d' % n
        if list(r.keys()) != ['subject','spans','case','kinds','ambiguous']: bad('%s: keys %r' % (where, list(r)))
        s = r['subject']
        if not isinstance(s, str) or not s.strip(): bad('%s: subject' % where); continue
        if s in seen: bad('%s: duplicate subject' % where)
        seen.add(s)
        if r['case'] not in ('sentence','title','lower','upper'): bad('%s: case' % where)
        if not isinstance(r['ambiguous'], bool): bad('%s: ambiguous not bool' % where)
        amb += r['ambiguous']
        last_end = -1; kinds_possible = []; has_dir = False
        for sp in r['spans']:
            if not (isinstance(sp, list) and len(sp) == 4): bad('%s: span shape %r' % (where, sp)); continue
            a, b, lab, text = sp
            if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)): bad('%s: offsets %r' % (where, sp)); continue
            if s[a:b] != text: bad('%s: text mismatch %r vs %r' % (where, s[a:b], text))
            if a < last_end: bad('%s: spans overlap/unsorted' % where)
            last_end = b
            if text != text.strip(): bad('%s: span whitespace %r' % (where, text))
            if TITLE.match(text): bad('%s: title inside span %r' % (where, text))
            if re.search(r"['\u2019]s$", text, re.I): bad('%s: possessive inside span %r' % (where, text))
            if a > 0 and s[a-1].isalnum(): bad('%s: span starts mid-word %r' % (where, text))
            if b < len(s) and s[b].isalnum() and not (s[b] in 'sS' and (b + 1 == len(s) or not s[b+1].isalnum())):
                bad('%s: span ends mid-word %r' % (where, text))
            f = norm_form(text)
            if lab == 'directory':
                has_dir = True
                if f not in idx: bad('%s: directory span not on roster %r' % (where, text))
                else: kinds_possible.append(idx[f])
            elif lab == 'detector':
                if f in idx: bad('%s: detector span is on roster %r' % (where, text))
            else:
                bad('%s: label %r' % (where, lab))
        k = r['kinds']
        if k != sorted(set(k)) or not set(k) <= {'pupil','staff','parent'}: bad('%s: kinds not sorted/distinct %r' % (where, k))
        if bool(k) != has_dir: bad('%s: kinds vs directory spans' % where)
        for kind in k:
            if not any(kind in ks for ks in kinds_possible): bad('%s: kind %s not supported by any span' % (where, kind))
        if len(k) < 1 and has_dir: bad('%s: missing kinds' % where)
        if r['case'] != case_of(s, r['spans']): bad('%s: case %s != recomputed %s' % (where, r['case'], case_of(s, r['spans'])))
    if amb > 12: bad('too many ambiguous lines: %d' % amb)
    if errs:
        print('\n'.join(errs[:200])); print('FAILED: %d problems' % len(errs)); sys.exit(1)
    print('OK: roster %d people, %d test lines, %d ambiguous' % (len(roster), len(rows), amb))

if __name__ == '__main__':
    main()
