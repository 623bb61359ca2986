"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems."""
import collections, csv, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, TITLES, case_style, fold, name_forms

HEADER = ['id', 'first_name', 'preferred_name', 'last_name', 'kind', 'email', 'personal_emails', 'mis_ref']

def main():
    errs = []
    with open(os.path.join(ROOT, 'roster.csv'), newline='', encoding='utf-8') as f:
        rows = list(csv.reader(f))
    if rows[0] != HEADER:
        errs.append('bad header %r' % rows[0])
    roster = [dict(zip(HEADER, r)) for r in rows[1:]]
    if not 450 <= len(roster) <= 650:
        errs.append('roster size %d' % len(roster))
    ids, emails, codes = set(), set(), set()
    pat = {'pupil': r'P\d{4}', 'staff': r'S\d{3}', 'parent': r'G\d{3}'}
    for r in roster:
        if len(r) != 8 or any(v is None for v in r.values()):
            errs.append('bad row %r' % r); continue
        k = r['kind']
        if k not in pat or not re.fullmatch(pat[k], r['id']):
            errs.append('bad id/kind %s %s' % (r['id'], k))
        if r['id'] in ids:
            errs.append('dup id ' + r['id'])
        ids.add(r['id'])
        if not r['first_name'] or not r['last_name']:
            errs.append('missing name ' + r['id'])
        if not r['email'].isascii() or '@' not in r['email'] or r['email'] in emails:
            errs.append('bad/dup email ' + r['id'])
        emails.add(r['email'])
        for pe in filter(None, r['personal_emails'].split(';')):
            if not pe.isascii() or '@' not in pe:
                errs.append('bad personal email ' + r['id'])
        m = r['mis_ref']
        if k == 'pupil' and not re.fullmatch(r'[A-Z]\d{12}', m):
            errs.append('bad UPN ' + r['id'])
        if k == 'staff':
            if not re.fullmatch(r'[A-Z]{3}', m) or m in codes:
                errs.append('bad/dup staff code ' + r['id'])
            codes.add(m)
        if k == 'parent' and m and m not in ids and not re.fullmatch(r'P\d{4}', m):
            errs.append('bad parent ref ' + r['id'])
    forms_by_kind = collections.defaultdict(set)
    for r in roster:
        forms_by_kind[r['kind']] |= name_forms(r)
    all_forms = set().union(*forms_by_kind.values())

    with open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8') as f:
        lines = f.read().splitlines()
    if len(lines) != 600:
        errs.append('test.jsonl has %d lines, want 600' % len(lines))
    seen = set()
    n_amb = 0
    for n, ln in enumerate(lines, 1):
        try:
            o = json.loads(ln)
        except ValueError:
            errs.append('line %d: bad json' % n); continue
        if set(o) != {'subject', 'spans', 'case', 'kinds', 'ambiguous'}:
            errs.append('line %d: keys %s' % (n, sorted(o)))
            continue
        s = o['subject']
        key = s.strip().lower()
        if key in seen:
            errs.append('line %d: duplicate subject %r' % (n, s))
        seen.add(key)
        if o['case'] != case_style(s):
            errs.append('line %d: case %s != %s' % (n, o['case'], case_style(s)))
        if not isinstance(o['ambiguous'], bool):
            errs.append('line %d: ambiguous not bool' % n)
        n_amb += o['ambiguous']
        prev_end = -1
        kinds_found = set()
        for sp in o['spans']:
            if len(sp) != 4:
                errs.append('line %d: span shape %r' % (n, sp)); continue
            a, b, lab, text = sp
            if not (0 <= a < b <= len(s)) or s[a:b] != text:
                errs.append('line %d: span %r does not index' % (n, sp)); continue
            if a < prev_end:
                errs.append('line %d: spans unsorted/overlap' % n)
            prev_end = b
            if text != text.strip() or text[-1] in ',.;:-/':
                if not (text.endswith('.') and re.search(r'\b\w\.$', text)):
                    errs.append('line %d: span edge %r' % (n, text))
            if a > 0 and (s[a - 1].isalnum()) or b < len(s) and s[b].isalnum():
                errs.append('line %d: span not on word boundary %r' % (n, text))
            first_tok = re.split(r"[\s.,]+", text)[0].lower()
            if first_tok in TITLES:
                errs.append('line %d: title inside span %r' % (n, text))
            if re.search(r"['’]s$", text, re.I):
                errs.append('line %d: possessive inside span %r' % (n, text))
            ft = fold(text)
            if lab == 'directory':
                ks = [k for k, fs in forms_by_kind.items() if ft in fs]
                if not ks:
                    errs.append('line %d: directory span %r is no roster name form' % (n, text))
                ok = [k for k in ks if k in o['kinds']]
                if ks and not ok:
                    errs.append('line %d: span %r kinds %s not in %s' % (n, text, ks, o['kinds']))
                kinds_found |= set(ok)
            elif lab == 'detector':
                if ft in all_forms:
                    errs.append('line %d: detector span %r equals a roster name form' % (n, text))
            else:
                errs.append('line %d: bad label %r' % (n, lab))
        if o['kinds'] != sorted(set(o['kinds'])) or not set(o['kinds']) <= {'pupil', 'staff', 'parent'}:
            errs.append('line %d: kinds not sorted unique %r' % (n, o['kinds']))
        if set(o['kinds']) != kinds_found:
            errs.append('line %d: kinds %s but spans give %s' % (n, o['kinds'], sorted(kinds_found)))
    if n_amb > 10:
        errs.append('too many ambiguous lines: %d' % n_amb)
    if errs:
        print('\n'.join(errs[:200]))
        print('%d problem(s)' % len(errs))
        sys.exit(1)
    print('OK')

if __name__ == '__main__':
    main()
