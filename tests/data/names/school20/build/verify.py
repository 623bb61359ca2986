#!/usr/bin/env python3
"""Check roster.csv and test.jsonl against the rules of the brief. Prints OK or a list of problems.
Standard library only. Also imported by build.py for the shared name-form / case logic."""
import csv, json, os, re, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
HEADER = ['id', 'first_name', 'preferred_name', 'last_name', 'kind', 'email', 'personal_emails', 'mis_ref']
TITLES = {'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'sir', 'dame', 'lady', 'lord', 'cllr', 'rev', 'revd', 'fr',
          'pc', 'ds', 'dc', 'sgt', 'prof', 'mme', 'mlle', 'herr', 'frau', 'sister', 'nurse', 'coach', 'professor', 'maitre', 'canon', 'col', 'lt', 'ssi', 'ranger'}
PARTICLES = {'van', 'von', 'der', 'den', 'de', 'la', 'le', 'du', 'da', 'di', 'dela', 'st', 'ap', 'ni', 'o', 'mac', 'mc'}
SPECIAL = {'ł': 'l', 'Ł': 'L', 'ı': 'i', 'ø': 'o', 'Ø': 'O', 'ß': 'ss', 'æ': 'ae', 'Æ': 'AE', 'đ': 'd', 'Đ': 'D',
           '\u2019': "'", '\u2018': "'"}
SMALL = {'a', 'an', 'the', 'and', 'or', 'of', 'in', 'on', 'at', 'to', 'for', 'with', 'w', 're', 'by', 'from', 'vs',
         'v', 'per', 'via', 'into', 'as', 'is', 'be', 'not', 'but', 'if', 'up', 'off', 'out', 'fwd', 'fw', 'am', 'pm',
         'x', 'mi', 'ma'}


def fold(s):
    s = ''.join(SPECIAL.get(c, c) for c in s)
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(c for c in s if not unicodedata.combining(c))
    return re.sub(r'\s+', ' ', s.lower()).strip()


def surname_variants(last):
    """The surname as stored, plus (for multi-part surnames without particles, e.g. Spanish
    'García López' or 'Kaur Dhillon') each capitalised part of three letters or more."""
    out = [last]
    parts = last.split()
    if len(parts) > 1 and not any(fold(p) in PARTICLES for p in parts):
        out += [p for p in parts if len(p) >= 3]
    return out


def name_forms(first, preferred, last):
    givens = [g for g in (first, preferred) if g]
    forms = set()
    for s in surname_variants(last):
        forms.add(s)
        for g in givens:
            i = g[0]
            forms.update({g, f'{g} {s}', f'{s} {g}', f'{s}, {g}', f'{i} {s}', f'{i}. {s}', f'{i}.{s}',
                          f'{s} {i}', f'{s}, {i}', f'{s}, {i}.', f'{s} {i}.'})
    return {fold(f) for f in forms}


def case_of(subject, spans=()):
    """upper: no lower-case letter; lower: no upper-case letter; otherwise title if at least one "content"
    word remains and >= 75% of them start with a capital, else sentence. Content words exclude the first
    word, words inside person spans (names are capitalised in every style), titles (Mr, Dr...), short
    function words and all-caps acronyms (ISI, UCAS, Y9)."""
    letters = [c for c in subject if c.isalpha()]
    if letters and not any(c.islower() for c in letters):
        return 'upper'
    if not any(c.isupper() for c in letters):
        return 'lower'
    content = []
    for i, m in enumerate(re.finditer(r"[^\W\d_][\w'\u2019.-]*", subject)):
        w = m.group()
        if i == 0 or any(a < m.end() and m.start() < b for a, b, *_ in spans):
            continue
        f = fold(w).strip('.')
        if f in SMALL or f in TITLES or (len(w) > 1 and w.isupper()):
            continue
        content.append(w)
    caps = [w for w in content if w[0].isupper()]
    if content and len(caps) >= 0.75 * len(content):
        return 'title'
    return 'sentence'


def load_roster(path):
    with open(path, encoding='utf-8', newline='') as f:
        rows = list(csv.reader(f))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]], rows


def form_index(people):
    idx = {}
    for p in people:
        for f in name_forms(p['first_name'], p['preferred_name'], p['last_name']):
            idx.setdefault(f, set()).add(p['kind'])
    return idx


def main():
    errs = []
    header, people, raw = load_roster(os.path.join(ROOT, 'roster.csv'))
    if header != HEADER:
        errs.append(f'bad header {header}')
    ids, codes, emails = set(), set(), set()
    counts = {'pupil': 0, 'staff': 0, 'parent': 0}
    prefix = {'pupil': r'P\d{4}', 'staff': r'S\d{3}', 'parent': r'G\d{3}'}
    for r in raw[1:]:
        if len(r) != len(HEADER):
            errs.append(f'bad row length {r}')
    for p in people:
        k = p['kind']
        if k not in counts:
            errs.append(f'bad kind {p}'); continue
        counts[k] += 1
        if not re.fullmatch(prefix[k], p['id']):
            errs.append(f'bad id {p["id"]} for {k}')
        if p['id'] in ids:
            errs.append(f'duplicate id {p["id"]}')
        ids.add(p['id'])
        if not p['first_name'] or not p['last_name']:
            errs.append(f'missing name {p["id"]}')
        if not p['email'].isascii() or '@' not in p['email'] or ' ' in p['email']:
            errs.append(f'bad email {p["id"]} {p["email"]}')
        if p['email'] in emails:
            errs.append(f'duplicate email {p["email"]}')
        emails.add(p['email'])
        for e in filter(None, p['personal_emails'].split(';')):
            if '@' not in e or not e.isascii():
                errs.append(f'bad personal email {p["id"]} {e}')
        m = p['mis_ref']
        if k == 'pupil' and not re.fullmatch(r'[A-Z]\d{12}', m):
            errs.append(f'bad pupil mis_ref {p["id"]} {m}')
        if k == 'staff':
            if not re.fullmatch(r'[A-Z]{3}', m) or m in codes:
                errs.append(f'bad/duplicate staff code {p["id"]} {m}')
            codes.add(m)
        if k == 'parent' and m and m not in ids and not re.fullmatch(r'P\d{4}', m):
            errs.append(f'bad parent mis_ref {p["id"]} {m}')
        if p['preferred_name'] and p['preferred_name'] == p['first_name']:
            errs.append(f'preferred equals first {p["id"]}')
    total = len(people)
    if not 450 <= total <= 650:
        errs.append(f'roster size {total}')
    idx = form_index(people)

    seen = set()
    n = 0
    with open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8') as f:
        for ln, line in enumerate(f, 1):
            n += 1
            try:
                o = json.loads(line)
            except Exception as e:
                errs.append(f'{ln}: bad json {e}'); continue
            if set(o) != {'subject', 'spans', 'case', 'kinds', 'ambiguous'}:
                errs.append(f'{ln}: bad keys {sorted(o)}')
                continue
            s = o['subject']
            if s in seen:
                errs.append(f'{ln}: duplicate subject {s!r}')
            seen.add(s)
            if s != s.strip() or not s:
                errs.append(f'{ln}: subject has outer whitespace')
            prev_end = -1
            kinds_needed = []
            for sp in o['spans']:
                if len(sp) != 4:
                    errs.append(f'{ln}: bad span {sp}'); continue
                a, b, lab, text = sp
                if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)):
                    errs.append(f'{ln}: bad offsets {sp}'); continue
                if s[a:b] != text:
                    errs.append(f'{ln}: span text mismatch {sp} vs {s[a:b]!r}')
                if a < prev_end:
                    errs.append(f'{ln}: spans unsorted/overlapping {o["spans"]}')
                prev_end = b
                if text != text.strip():
                    errs.append(f'{ln}: span has outer whitespace {sp}')
                if (a > 0 and s[a - 1].isalnum()) or (b < len(s) and s[b].isalnum()):
                    errs.append(f'{ln}: span cuts a word {sp}')
                first_tok = fold(text).split(' ')[0].rstrip('.')
                if first_tok in TITLES:
                    errs.append(f'{ln}: title inside span {sp}')
                if re.search(r"['\u2019]s?$", text):
                    errs.append(f'{ln}: possessive inside span {sp}')
                key = fold(text)
                if lab == 'directory':
                    if key not in idx:
                        errs.append(f'{ln}: directory span not a roster name form {sp}')
                    else:
                        kinds_needed.append(idx[key])
                elif lab == 'detector':
                    if key in idx:
                        errs.append(f'{ln}: detector span equals a roster name form {sp}')
                else:
                    errs.append(f'{ln}: bad label {sp}')
            kinds = o['kinds']
            if kinds != sorted(set(kinds)) or any(k not in counts for k in kinds):
                errs.append(f'{ln}: kinds not sorted unique/valid {kinds}')
            if not kinds_needed and kinds:
                errs.append(f'{ln}: kinds without directory spans')
            for cand in kinds_needed:
                if not cand & set(kinds):
                    errs.append(f'{ln}: kinds {kinds} miss a span (candidates {sorted(cand)})')
            for k in kinds:
                if not any(k in c for c in kinds_needed):
                    errs.append(f'{ln}: kind {k} not supported by any span')
            if o['case'] != case_of(s, o['spans']):
                errs.append(f'{ln}: case {o["case"]} but rule says {case_of(s, o["spans"])}')
            if not isinstance(o['ambiguous'], bool):
                errs.append(f'{ln}: ambiguous not bool')
    if n != 600:
        errs.append(f'test.jsonl has {n} lines, expected 600')
    if errs:
        print('\n'.join(errs))
        print(f'FAILED: {len(errs)} problem(s)')
        sys.exit(1)
    print('OK')


if __name__ == '__main__':
    main()
