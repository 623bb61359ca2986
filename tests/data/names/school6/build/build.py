"""Build test.jsonl from build/sources/*.txt.
Markup: [text|k] where k in p/s/g (directory pupil/staff/parent) or d (detector).
Line prefix '?? ' = ambiguous; '!case=X ' = hand case override. '#' lines are comments. Stdlib only."""
import glob, json, os, random, re
HERE = os.path.dirname(os.path.abspath(__file__))
KIND = {'p': 'pupil', 's': 'staff', 'g': 'parent'}
ORDER = ['pupil', 'staff', 'parent']
MINOR = set('a an the and or of to in on for at by with from vs v re via per as into nor but up off'.split())
MARK = re.compile(r'\[([^\[\]|]+)\|([psgd])\]')

def parse(line):
    amb = False; override = None
    if line.startswith('?? '):
        amb = True; line = line[3:]
    m = re.match(r'!case=(\w+) ', line)
    if m:
        override = m.group(1); line = line[m.end():]
    out = []; spans = []; pos = 0; kinds = []
    for m in MARK.finditer(line):
        out.append(line[pos:m.start()])
        start = sum(len(x) for x in out)
        text = m.group(1)
        out.append(text)
        tag = m.group(2)
        spans.append([start, start + len(text), 'detector' if tag == 'd' else 'directory', text])
        if tag != 'd':
            kinds.append(KIND[tag])
        pos = m.end()
    out.append(line[pos:])
    subj = ''.join(out)
    if '[' in subj and '|' in subj:
        raise ValueError('bad markup: ' + line)
    return subj, spans, kinds, amb, override

def case_of(subj, spans):
    letters = [c for c in subj if c.isalpha()]
    if letters and not any(c.islower() for c in letters):
        return 'upper'
    if letters and not any(c.isupper() for c in letters):
        return 'lower'
    inside = set()
    for s, e, _, _ in spans:
        inside.update(range(s, e))
    n = 0
    for m in re.finditer(r'\S+', subj):
        if any(i in inside for i in range(m.start(), m.end())):
            continue
        w = re.sub(r"^[^A-Za-z\u00C0-\u024F]+|[^A-Za-z\u00C0-\u024F]+$", '', m.group())
        w = re.sub(r"['\u2019]s$", '', w)
        if not w or not any(c.isalpha() for c in w):
            continue
        if any(c.isdigit() for c in w):
            continue
        core = re.sub(r'[^A-Za-z]', '', w)
        if len(core) >= 2 and core.isupper():
            continue  # acronym
        if w.lower() in MINOR and w[0].islower():
            continue
        if not w[0].isupper():
            return 'sentence'
        n += 1
    return 'title' if n >= 2 else 'sentence'

def main():
    rows = []
    seen = set()
    for path in sorted(glob.glob(os.path.join(HERE, 'sources', '*.txt'))):
        for ln, raw in enumerate(open(path, encoding='utf-8'), 1):
            raw = raw.rstrip('\n').rstrip()
            if not raw or raw.startswith('#'):
                continue
            subj, spans, kinds, amb, override = parse(raw)
            if subj in seen:
                raise SystemExit('duplicate subject %r (%s:%d)' % (subj, path, ln))
            seen.add(subj)
            case = override or case_of(subj, spans)
            ks = [k for k in ORDER if k in kinds]
            rows.append({'subject': subj, 'spans': spans, 'case': case, 'kinds': ks, 'ambiguous': amb,
                         '_src': os.path.basename(path)})
    random.Random(20260306).shuffle(rows)
    with open(os.path.join(HERE, '..', 'test.jsonl'), 'w', encoding='utf-8') as fh:
        for r in rows:
            r = {k: v for k, v in r.items() if not k.startswith('_')}
            fh.write(json.dumps(r, ensure_ascii=False) + '\n')
    print(len(rows), 'lines')

if __name__ == '__main__':
    main()
