#!/usr/bin/env python3
"""Build ../test.jsonl from ../sources/*.txt.
Markup: [[name]] directory span, [[name|k]] with kind hint (p pupil, s staff, g parent),
{{name}} detector span, a leading '? ' marks the line ambiguous, '#' comments, blank lines ignored."""
import csv, glob, json, os, re, sys, unicodedata
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, '..')
KMAP = {'p': 'pupil', 's': 'staff', 'g': 'parent'}

def norm(s):
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace('\u2019', "'").replace("'", '').replace('.', ' ').replace(',', ' ').replace('-', ' ')
    return ' '.join(s.split())

def forms(first, pref, last):
    firsts = {norm(first)}
    if pref: firsts.add(norm(pref))
    for f in list(firsts):
        if ' ' in f: firsts.add(f.split()[0])
    l = norm(last)
    lasts = {l, l.replace(' ', '')}
    out = set(lasts) | firsts
    fi = norm(first)
    inits = {' '.join(w[0] for w in fi.split()), ''.join(w[0] for w in fi.split())}
    for f in firsts:
        inits.add(f[0])
    for L in lasts:
        for f in firsts:
            out |= {f'{f} {L}', f'{L} {f}', f'{f} {L[0]}', f'{L} {f[0]}'}
        for i in inits:
            out |= {f'{i} {L}', f'{L} {i}'}
    return out

def load_roster():
    idx = {}
    with open(os.path.join(ROOT, 'roster.csv'), encoding='utf-8') as fh:
        for r in csv.DictReader(fh):
            for f in forms(r['first_name'], r['preferred_name'], r['last_name']):
                idx.setdefault(f, set()).add(r['kind'])
    return idx

FUNC = set('''a an the and or but nor of in on at to for from by with w re about as is are was were be been it its this
that these those into onto per vs v via not no if up off out over after before our your my his her their them they we i
me you us all any so than then there here too very also can will would should could do does did has have had just
only pls please asp amp etc am pm'''.split())
PREFIX = re.compile(r'^\s*((re|fw|fwd)\s*:\s*)+', re.I)

def case_of(subject, spans):
    m = PREFIX.match(subject)
    off = m.end() if m else 0
    body = subject[off:]
    letters = [c for c in body if c.isalpha()]
    lowers = sum(1 for c in letters if c.islower())
    if letters and lowers / len(letters) < 0.12:
        return 'upper'
    toks = [(mm.start() + off, mm.end() + off, mm.group()) for mm in re.finditer(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’]*", body)]
    if all(not c.isupper() for t in toks if t[2] != 'I' for c in t[2]) and not any(c.isupper() for c in body if not c.isalpha()):
        return 'lower'
    content = []
    for s, e, t in toks:
        if any(s < se and e > ss for ss, se, *_ in spans):
            continue
        if t.lower().strip("'’") in FUNC:
            continue
        if len(t) >= 2 and t.isupper():
            continue
        content.append(t)
    caps = sum(1 for t in content if t[0].isupper())
    if caps >= 2 and caps / len(content) >= 0.75:
        return 'title'
    return 'sentence'

ERRS = []

def recase_text(s, how):
    """mechanical recasing used to balance the case mix (!U upper, !L lower, !T title)"""
    if how == 'U':
        return s.upper()
    if how == 'L':
        return s.lower()
    def cap(m):
        w = m.group()
        if w.lower() in FUNC and m.start() > 0:
            return w
        return w[0].upper() + w[1:]
    return re.sub(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’]*", cap, s)
TOK = re.compile(r'\[\[(.+?)\]\]|\{\{(.+?)\}\}')

def parse(line, idx, where):
    amb, recase = False, None
    if line[:3] in ('!U ', '!L ', '!T '):
        recase, line = line[1], line[3:]
    if line.startswith('? '):
        amb, line = True, line[2:]
    out, spans, kinds, pos = '', [], set(), 0
    for m in TOK.finditer(line):
        out += line[pos:m.start()]
        pos = m.end()
        if m.group(1) is not None:
            text, _, hint = m.group(1).partition('|')
            found = idx.get(norm(text)) or set()
            if not found:
                ERRS.append(f'{where}: directory span {text!r} not on roster')
            if hint:
                k = KMAP[hint]
                if k not in found:
                    ERRS.append(f'{where}: {text!r} has no {k} on roster ({found})')
            else:
                if len(found) > 1:
                    ERRS.append(f'{where}: {text!r} ambiguous kinds {found}; add |p/|s/|g')
                k = next(iter(found), 'pupil')
            kinds.add(k)
            spans.append([len(out), len(out) + len(text), 'directory', text])
        else:
            text = m.group(2)
            if norm(text) in idx:
                ERRS.append(f'{where}: detector span {text!r} equals a roster form')
            spans.append([len(out), len(out) + len(text), 'detector', text])
        out += text
    out += line[pos:]
    if '[[' in out or '{{' in out or ']]' in out or '}}' in out:
        ERRS.append(f'{where}: stray markup')
    if recase:
        new = recase_text(out, recase)
        assert len(new) == len(out), where
        out = new
        for sp in spans:
            sp[3] = out[sp[0]:sp[1]]
    return {'subject': out, 'spans': spans, 'case': case_of(out, spans), 'kinds': sorted(kinds), 'ambiguous': amb}

def main():
    idx = load_roster()
    recs = []
    for fn in sorted(glob.glob(os.path.join(ROOT, 'sources', '*.txt'))):
        for n, raw in enumerate(open(fn, encoding='utf-8'), 1):
            line = raw.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            recs.append(parse(line, idx, f'{os.path.basename(fn)}:{n}'))
    if ERRS:
        sys.exit('\n'.join(ERRS))
    with open(os.path.join(ROOT, 'test.jsonl'), 'w', encoding='utf-8') as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + '\n')
    print('wrote', len(recs), 'lines')

if __name__ == '__main__':
    main()
