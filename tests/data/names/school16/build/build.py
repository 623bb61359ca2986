#!/usr/bin/env python3
"""Build test.jsonl from sources/*.txt and verify every invariant.

Source markup (one subject per line; '#' comments and blank lines ignored):
  {text}          directory span (person on the roster); kind resolved from roster.csv
  {text|P}        ... disambiguated by kind letter P/S/G (pupil/staff/parent) when the text fits several kinds
  <text>          detector span (real person not on the roster)
  leading '?'     ambiguous line (careful human could not tell if a person is meant)
  leading '!U '   mechanically upper-case the whole line;  '!L ' lower-case it;  '!T ' title-case non-span words
Stdlib only.
"""
import csv, json, os, re, sys, unicodedata, glob, collections

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, '..')
KINDLET = {'P': 'pupil', 'S': 'staff', 'G': 'parent'}
TITLES = {'mr', 'mrs', 'ms', 'miss', 'dr', 'sir', 'cllr', 'rev', 'revd', 'pc', 'mx', 'prof', 'fr', 'canon', 'ven', 'sgt'}
FUNCTION = set('''a an the and or but of to in on at for with by from as is are was were be been am it its this that
these those re fw fwd w vs v via per into onto up out off over under about after before not no yes if so do does did
has have had will can could would should may might pls please our your my their his her we you they i me us them
am pm etc & x'''.split())

def fold(s):
    return ''.join(c for c in unicodedata.normalize('NFKD', s) if not unicodedata.combining(c))

def norm(s):
    s = fold(s).lower().replace('\u2019', "'")
    s = re.sub(r'\s*,\s*', ', ', s)
    s = re.sub(r'\s*\.\s*', '. ', s).strip()
    return re.sub(r'\s+', ' ', s).strip()

def load_roster():
    people = list(csv.DictReader(open(os.path.join(ROOT, 'roster.csv'), encoding='utf-8')))
    forms = collections.defaultdict(set)   # norm form -> set of ids
    kind = {}
    for p in people:
        kind[p['id']] = p['kind']
        firsts = [p['first_name']] + ([p['preferred_name']] if p['preferred_name'] else [])
        L = p['last_name']
        li = L.replace('dela ', '')[0]
        fs = set()
        fs.add(L)
        for F in firsts:
            fi = F[0]
            fs |= {F, f'{F} {L}', f'{L}, {F}', f'{L} {F}', f'{F} {li}', f'{F} {li}.', f'{fi}. {L}', f'{fi} {L}',
                   f'{L} {fi}', f'{L}, {fi}.', f'{L} {fi}.'}
        for f in fs:
            forms[norm(f)].add(p['id'])
    return people, forms, kind

SPAN_RE = re.compile(r'\{([^{}|]+)(?:\|([PSG]))?\}|<([^<>]+)>')

def parse_line(raw):
    amb = False
    mode = None
    s = raw
    if s.startswith('?'):
        amb = True; s = s[1:]
    m = re.match(r'!([ULT]) ', s)
    if m:
        mode = m.group(1); s = s[3:]
    out, spans, pos = [], [], 0
    for m in SPAN_RE.finditer(s):
        out.append(s[pos:m.start()])
        start = sum(len(x) for x in out)
        if m.group(1) is not None:
            text, k, typ = m.group(1), m.group(2), 'directory'
        else:
            text, k, typ = m.group(3), None, 'detector'
        out.append(text)
        spans.append([start, start + len(text), typ, text, k])
        pos = m.end()
    out.append(s[pos:])
    subj = ''.join(out)
    if mode == 'U':
        subj = subj.upper()
    elif mode == 'L':
        subj = subj.lower()
    elif mode == 'T':
        chars = list(subj)
        inspan = set(i for sp in spans for i in range(sp[0], sp[1]))
        for mm in re.finditer(r"[A-Za-z][A-Za-z']*", subj):
            w = mm.group(0)
            if mm.start() in inspan or w.lower() in FUNCTION and mm.start() != 0:
                continue
            chars[mm.start()] = chars[mm.start()].upper()
        subj = ''.join(chars)
    for sp in spans:
        sp[3] = subj[sp[0]:sp[1]]
    return subj, spans, amb

PREFIX = re.compile(r'^\s*((re|fw|fwd)\s*:\s*)+', re.I)

def content_words(body, spans_off):
    words = []
    for m in re.finditer(r"[^\W\d_][^\W\d_'\u2019-]*", body):
        if any(a <= m.start() < b for a, b in spans_off):
            continue
        w = m.group(0).strip("'\u2019-")
        if not w or w.lower() in FUNCTION:
            continue
        if len(w) >= 2 and w.isupper():   # acronym
            continue
        if len(w) == 1:
            continue
        words.append(w)
    return words

def compute_case(subj, spans):
    m = PREFIX.match(subj)
    off = m.end() if m else 0
    body = subj[off:]
    letters = [c for c in body if c.isalpha()]
    low = sum(1 for c in letters if c.islower())
    if letters and low / len(letters) < 0.12:
        return 'upper'
    ups = [mm for mm in re.finditer(r'[^\W\d_]+', body) if any(c.isupper() for c in mm.group(0))]
    if not ups:
        return 'lower'
    sp = [(a - off, b - off) for a, b, *_ in spans]
    cw = content_words(body, sp)
    cap = sum(1 for w in cw if w[0].isupper())
    if cap >= 2 and cap / len(cw) >= 0.75:
        return 'title'
    return 'sentence'

def main():
    people, forms, kind = load_roster()
    allforms = set(forms)
    # roster sanity
    ids = [p['id'] for p in people]
    assert len(ids) == len(set(ids))
    codes = [p['mis_ref'] for p in people if p['kind'] == 'staff']
    assert len(codes) == len(set(codes)) and all(re.fullmatch(r'[A-Z]{3}', c) for c in codes)
    assert all(re.fullmatch(r'[A-Z]\d{12}', p['mis_ref']) for p in people if p['kind'] == 'pupil')
    assert all(p['mis_ref'] == '' for p in people if p['kind'] == 'parent')
    assert all(p['email'].isascii() and '@' in p['email'] for p in people)
    fullnames = {norm(p['first_name'] + ' ' + p['last_name']) for p in people}

    records, errors, warns = [], [], []
    for path in sorted(glob.glob(os.path.join(ROOT, 'sources', '*.txt'))):
        src = os.path.basename(path)
        for ln, raw in enumerate(open(path, encoding='utf-8'), 1):
            raw = raw.rstrip('\n')
            if not raw.strip() or raw.lstrip().startswith('#'):
                continue
            where = f'{src}:{ln}'
            subj, spans, amb = parse_line(raw)
            kinds = set()
            for a, b, typ, text, k in spans:
                if subj[a:b] != text:
                    errors.append(f'{where} offset mismatch')
                if a > 0 and subj[a - 1].isalnum() or b < len(subj) and subj[b].isalnum():
                    errors.append(f'{where} span not on word boundary: {text!r}')
                if text != text.strip() or re.search(r"['\u2019]s$", text):
                    errors.append(f'{where} bad span edge {text!r}')
                if norm(text).split(' ')[0].rstrip('.') in TITLES:
                    errors.append(f'{where} title inside span {text!r}')
                n = norm(text)
                if typ == 'directory':
                    ids_ = forms.get(n)
                    if not ids_:
                        errors.append(f'{where} directory span not a roster form: {text!r}')
                        continue
                    ks = {kind[i] for i in ids_}
                    if k:
                        if KINDLET[k] not in ks:
                            errors.append(f'{where} kind {k} not possible for {text!r}')
                        ks = {KINDLET[k]}
                    elif len(ks) > 1:
                        errors.append(f'{where} ambiguous kind for {text!r}: {sorted(ks)} (add |P/|S/|G)')
                    kinds |= ks
                else:
                    if n in allforms:
                        errors.append(f'{where} detector equals roster form: {text!r}')
            spans.sort()
            for s1, s2 in zip(spans, spans[1:]):
                if s1[1] > s2[0]:
                    errors.append(f'{where} overlapping spans')
            # warn on unmarked roster full names
            low = norm(subj)
            for fn in fullnames:
                if re.search(r'\b' + re.escape(fn) + r'\b', low):
                    covered = any(norm(t) == fn or fn in norm(t) for *_, t, _k in spans)
                    if not covered:
                        warns.append(f'{where} unmarked roster full name {fn!r}: {subj}')
            case = compute_case(subj, spans)
            body = PREFIX.sub('', subj)
            if case != 'lower' and re.search(r'[A-Z]', body) and not re.search(r'[A-Z]', re.sub(r'\bI\b', '', body)):
                warns.append(f'{where} only a lone "I" is upper-case: {subj}')
            rec = {'subject': subj, 'spans': [[a, b, t, x] for a, b, t, x, _ in spans], 'case': case,
                   'kinds': sorted(kinds), 'ambiguous': amb}
            records.append((where, rec))
    subs = collections.Counter(r['subject'] for _, r in records)
    for s, c in subs.items():
        if c > 1:
            errors.append(f'duplicate subject: {s}')
    banned = ['hope left her bag in 7b', 'hope you had a good half term', 'priyanka missing pe kit', 'kemal - detention',
              'meeting with eze', 'w/ kowalczyk, popa & hassan', 'swap: tomasz to 8q, kofi to 8r',
              'amir khan - safeguarding concern', 'y10 english mock results', 'a ted baker voucher',
              'trip to stanley park', 'peter pan rehearsals', 'jack wills hoodies', 'florence hall booking']
    for _, r in records:
        for b in banned:
            if b in r['subject'].lower():
                errors.append(f'banned example used: {r["subject"]}')
    for w in warns:
        print('WARN', w)
    if errors:
        for e in errors:
            print('ERROR', e)
        sys.exit(1)
    with open(os.path.join(ROOT, 'test.jsonl'), 'w', encoding='utf-8') as fh:
        for _, r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + '\n')
    print(f'wrote {len(records)} lines')

if __name__ == '__main__':
    main()
