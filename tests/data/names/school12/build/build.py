#!/usr/bin/env python3
"""Strip inline markup from src/*.txt, compute offsets/case/kinds, check against roster, write test.jsonl."""
import json, os, random, re, sys
from common import fold, ROOT, load_roster, index_roster

MARK = re.compile(r'\[([^\]|]+)\|([psgd])\]')
KIND = {'p': 'pupil', 's': 'staff', 'g': 'parent'}
PREFIX = re.compile(r'^\s*(?:(?:re|fw|fwd)\s*:\s*)+', re.I)
FUNC = set('a an the and or but nor of in on at to for from by with without into onto over under as is are was were be been am do does did has have had not no yes if then than so via per re vs v & + n x about after before up down off out all any this that these those it its our your my their his her we you they he she i me us them who what when where which why how will can could would should may might must just only also still please pls thanks thank ok'.split())
TITLES = {'mr','mrs','ms','miss','dr','sir','pcso','cllr','mx','prof','rev','sgt','pc','dc'}
N_TARGET = 600

def parse(raw):
    amb = False
    if raw.startswith('?? '):
        amb, raw = True, raw[3:]
    out, spans, pos = [], [], 0
    for m in MARK.finditer(raw):
        out.append(raw[pos:m.start()])
        start = sum(len(x) for x in out)
        text = m.group(1)
        out.append(text)
        spans.append([start, start + len(text), 'detector' if m.group(2) == 'd' else 'directory', text, m.group(2)])
        pos = m.end()
    out.append(raw[pos:])
    s = ''.join(out)
    if '[' in s or ']' in s or '|' in s:
        raise ValueError('leftover markup')
    return s, spans, amb

def case_of(s, spans):
    masked = list(s)
    for a, b, *_ in spans:
        for i in range(a, b): masked[i] = ' '
    masked = ''.join(masked)
    m = PREFIX.match(s)
    cut = m.end() if m else 0
    body, mbody = s[cut:], masked[cut:]
    letters = [c for c in body if c.isalpha()]
    low = sum(1 for c in letters if c.islower())
    if letters and low / len(letters) < 0.12:
        return 'upper'
    if not any(c.isupper() for c in re.sub(r'\bI\b', '', body)):
        return 'lower'
    words = re.findall(r"[^\W\d_][\w'’.-]*", mbody)
    content = []
    for w in words:
        w2 = w.strip(".'’-")
        if not w2 or any(c.isdigit() for c in w2): continue
        if w2.lower() in FUNC: continue
        al = [c for c in w2 if c.isalpha()]
        if len(al) >= 2 and all(c.isupper() for c in al): continue  # acronym
        content.append(w2)
    cap = sum(1 for w in content if w[0].isupper())
    if len(content) >= 2 and cap / len(content) >= 0.75:
        return 'title'
    return 'sentence'

def main():
    by_kind, allforms = index_roster(load_roster())
    errors, items, seen = [], [], set()
    src = os.path.join(ROOT, 'src')
    for fn in sorted(os.listdir(src)):
        if not fn.endswith('.txt'): continue
        for ln, raw in enumerate(open(os.path.join(src, fn), encoding='utf-8'), 1):
            raw = raw.rstrip('\n')
            if not raw.strip() or raw.startswith('#'): continue
            where = f'{fn}:{ln}'
            try:
                s, spans, amb = parse(raw)
            except ValueError as e:
                errors.append(f'{where}: {e}: {raw}'); continue
            if s in seen:
                errors.append(f'{where}: duplicate subject: {s}'); continue
            seen.add(s)
            kinds = set()
            for a, b, typ, text, k in spans:
                if text != text.strip() or text.endswith(("'s", "s'", "’s")) and fold(text) not in allforms:
                    errors.append(f'{where}: bad span edges {text!r}')
                if fold(text.split()[0].rstrip('.')) in TITLES:
                    errors.append(f'{where}: title inside span {text!r}')
                if typ == 'directory':
                    if fold(text) not in by_kind[KIND[k]]:
                        errors.append(f'{where}: {text!r} not a roster {KIND[k]} form')
                    kinds.add(KIND[k])
                else:
                    if fold(text) in allforms:
                        errors.append(f'{where}: detector {text!r} equals a roster name form')
            for i in range(1, len(spans)):
                if spans[i][0] < spans[i-1][1]: errors.append(f'{where}: overlap')
            clean = [[a, b, t, x] for a, b, t, x, _ in spans]
            items.append(dict(subject=s, spans=clean, case=case_of(s, clean), kinds=sorted(kinds), ambiguous=amb, _src=where))
    if errors:
        print('\n'.join(errors)); print(len(errors), 'errors'); sys.exit(1)
    rnd = random.Random(1212)
    rnd.shuffle(items)
    if len(items) > N_TARGET:
        drop = set(rnd.sample([i for i, it in enumerate(items) if not it['ambiguous']], len(items) - N_TARGET))
        items = [it for i, it in enumerate(items) if i not in drop]
    print(f'{len(items)} lines written' + ('' if len(items) == N_TARGET else f' (WARNING: target {N_TARGET})'))
    with open(os.path.join(ROOT, 'test.jsonl'), 'w', encoding='utf-8') as fh:
        for it in items:
            fh.write(json.dumps({k: it[k] for k in ('subject', 'spans', 'case', 'kinds', 'ambiguous')}, ensure_ascii=False) + '\n')
    if '-v' in sys.argv:
        for it in items: print(it['case'][:5], it['_src'], it['subject'])

if __name__ == '__main__':
    main()
