"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems."""
import collections, csv, json, os, re, sys
from common import ROOT, norm, name_forms, classify_case, load_roster

HEADER = ['id', 'first_name', 'preferred_name', 'last_name', 'kind', 'email', 'personal_emails', 'mis_ref']
TITLES = {'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'sir', 'cllr', 'rev', 'pc', 'ds', 'dc', 'prof', 'mstr', 'mister', 'lady', 'dame'}
errors = []


def err(msg):
    errors.append(msg)


def check_roster():
    with open(os.path.join(ROOT, 'roster.csv'), newline='', encoding='utf-8') as fh:
        rd = csv.reader(fh)
        header = next(rd)
        rows = list(rd)
    if header != HEADER:
        err(f'bad header {header}')
    if not 450 <= len(rows) <= 650:
        err(f'roster size {len(rows)}')
    ids, emails, codes = set(), set(), set()
    pat = {'pupil': r'P\d{4}', 'staff': r'S\d{3}', 'parent': r'G\d{3}'}
    all_ids = {r[0] for r in rows}
    for r in rows:
        if len(r) != 8:
            err(f'bad row {r}')
            continue
        pid, first, pref, last, kind, email, pers, mis = r
        if kind not in pat:
            err(f'{pid} bad kind {kind}')
            continue
        if not re.fullmatch(pat[kind], pid):
            err(f'{pid} bad id for {kind}')
        if pid in ids:
            err(f'dup id {pid}')
        ids.add(pid)
        if not first or not last:
            err(f'{pid} missing name')
        if not email.isascii() or '@' not in email or email in emails:
            err(f'{pid} bad/dup email {email}')
        emails.add(email)
        for pe in filter(None, pers.split(';')):
            if '@' not in pe or not pe.isascii():
                err(f'{pid} bad personal email {pe}')
        if kind == 'pupil' and not re.fullmatch(r'[A-Z]\d{12}', mis):
            err(f'{pid} bad UPN {mis}')
        if kind == 'staff':
            if not re.fullmatch(r'[A-Z]{3}', mis) or mis in codes:
                err(f'{pid} bad/dup staff code {mis}')
            codes.add(mis)
        if kind == 'parent' and mis and mis not in all_ids:
            err(f'{pid} parent ref {mis} unknown')


def check_test(roster):
    forms_by_kind = collections.defaultdict(set)
    all_forms = set()
    for p in roster:
        f = name_forms(p)
        forms_by_kind[p['kind']] |= f
        all_forms |= f
    kind_of_forms = {}
    for k, fs in forms_by_kind.items():
        for f in fs:
            kind_of_forms.setdefault(f, set()).add(k)
    seen = set()
    n = 0
    amb = 0
    with open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8') as fh:
        for ln, line in enumerate(fh, 1):
            n += 1
            try:
                o = json.loads(line)
            except Exception as e:
                err(f'line {ln}: bad json {e}')
                continue
            if set(o) != {'subject', 'spans', 'case', 'kinds', 'ambiguous'}:
                err(f'line {ln}: keys {sorted(o)}')
                continue
            s = o['subject']
            key = s.strip().lower()
            if key in seen:
                err(f'line {ln}: duplicate subject {s!r}')
            seen.add(key)
            if o['case'] != classify_case(s) or o['case'] not in ('sentence', 'lower', 'upper', 'title'):
                err(f'line {ln}: case {o["case"]} != {classify_case(s)} {s!r}')
            if not isinstance(o['ambiguous'], bool):
                err(f'line {ln}: ambiguous not bool')
            amb += o['ambiguous']
            prev_end = -1
            kinds = set()
            for sp in o['spans']:
                if len(sp) != 4:
                    err(f'line {ln}: bad span {sp}')
                    continue
                a, b, label, text = sp
                if not (0 <= a < b <= len(s)) or s[a:b] != text:
                    err(f'line {ln}: span {sp} does not index {s!r}')
                    continue
                if a < prev_end:
                    err(f'line {ln}: spans unsorted/overlapping {s!r}')
                prev_end = b
                if text != text.strip() or text[-1] in ",.-&/" and not re.search(r'\b[A-Z]\.$', text):
                    err(f'line {ln}: span has stray edge chars {text!r}')
                toks = re.split(r'[\s.]+', text.lower())
                if toks[0].strip('.') in TITLES:
                    err(f'line {ln}: title inside span {text!r}')
                if re.search(r"['\u2019]s$", text, re.I):
                    err(f'line {ln}: possessive inside span {text!r}')
                # span boundaries must be word boundaries
                if a > 0 and s[a - 1].isalnum() or b < len(s) and s[b].isalnum():
                    err(f'line {ln}: span {text!r} cuts a word in {s!r}')
                nt = norm(text)
                if label == 'directory':
                    if nt not in all_forms:
                        err(f'line {ln}: directory span {text!r} is not a roster name form')
                    else:
                        kinds |= kind_of_forms[nt]
                elif label == 'detector':
                    if nt in all_forms:
                        err(f'line {ln}: detector span {text!r} equals a roster name form')
                else:
                    err(f'line {ln}: bad label {label}')
            # kinds must be sorted unique, and each listed kind must be a possible kind of a spanned name
            if o['kinds'] != sorted(set(o['kinds'])):
                err(f'line {ln}: kinds not sorted unique')
            if not set(o['kinds']) <= kinds:
                err(f'line {ln}: kinds {o["kinds"]} not supported by spans {sorted(kinds)} {s!r}')
            if bool(o['kinds']) != any(sp[2] == 'directory' for sp in o['spans']):
                err(f'line {ln}: kinds/directory mismatch {s!r}')
    if n != 600:
        err(f'test.jsonl has {n} lines, expected 600')
    if amb > 10:
        err(f'too many ambiguous lines {amb}')


def main():
    check_roster()
    check_test(load_roster())
    if errors:
        for e in errors[:200]:
            print(e)
        print(f'{len(errors)} problem(s)')
        sys.exit(1)
    print('OK')


if __name__ == '__main__':
    main()
