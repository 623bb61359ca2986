"""Build test.jsonl from sources/lines_*.txt (hand-written, inline markup).

Markup: {text|p} pupil, {text|s} staff, {text|g} parent (directory spans), {text|x} detector.
A line starting with '?? ' is ambiguous. Lines starting with '#' are comments.
"""
import glob, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, case_style

KIND = {'p': 'pupil', 's': 'staff', 'g': 'parent'}
TITLE_RE = re.compile(r"^((?:Mr|Mrs|Ms|Miss|Dr|Sir|Cllr|Revd|Rev|PC|Sr\.|Mgr\.|Mme)\.? )", re.I)

def parse(line):
    amb = line.startswith('?? ')
    if amb:
        line = line[3:]
    out, spans, kinds, pos = [], [], set(), 0
    for m in re.finditer(r'\{([^{}|]+)\|([psgx])\}', line):
        out.append(line[pos:m.start()])
        text, lab = m.group(1), m.group(2)
        t = TITLE_RE.match(text)
        if t:  # titles are written inside braces for readability but excluded from the span
            out.append(t.group(1))
            text = text[len(t.group(1)):]
        start = sum(len(x) for x in out)
        out.append(text)
        spans.append([start, start + len(text), 'detector' if lab == 'x' else 'directory', text])
        if lab != 'x':
            kinds.add(KIND[lab])
        pos = m.end()
    out.append(line[pos:])
    subject = ''.join(out)
    return {'subject': subject, 'spans': spans, 'case': case_style(subject),
            'kinds': sorted(kinds), 'ambiguous': amb}

def main():
    recs = []
    for path in sorted(glob.glob(os.path.join(ROOT, 'sources', 'lines_*.txt'))):
        with open(path, encoding='utf-8') as f:
            for ln in f:
                ln = ln.rstrip('\n')
                if not ln.strip() or ln.startswith('#'):
                    continue
                recs.append(parse(ln))
    with open(os.path.join(ROOT, 'test.jsonl'), 'w', encoding='utf-8') as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    print('test lines:', len(recs))

if __name__ == '__main__':
    main()
