#!/usr/bin/env python3
"""Build test.jsonl from sources/lines_*.txt.
Markup: [text|p] / [text|s] / [text|g] = roster pupil / staff / parent (directory span);
{text} = person not on the roster (detector span); a leading '?' marks an ambiguous line."""
import glob, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, case_style
KIND = {'p': 'pupil', 's': 'staff', 'g': 'parent'}
TOK = re.compile(r'\[([^\[\]|]+)\|([psg])\]|\{([^{}]+)\}')

def parse(line):
    amb = line.startswith('?')
    if amb: line = line[1:].lstrip()
    out = ''; spans = []; kinds = set(); pos = 0
    for m in TOK.finditer(line):
        out += line[pos:m.start()]
        if m.group(1) is not None:
            text, k = m.group(1), m.group(2); label = 'directory'; kinds.add(KIND[k])
        else:
            text, label = m.group(3), 'detector'
        spans.append([len(out), len(out) + len(text), label, text])
        out += text; pos = m.end()
    out += line[pos:]
    if any(c in out for c in '[]{}|'):
        raise SystemExit('bad markup: ' + line)
    return {'subject': out, 'spans': spans, 'case': case_style(out), 'kinds': sorted(kinds), 'ambiguous': amb}

def main():
    recs = []
    for fn in sorted(glob.glob(os.path.join(ROOT, 'sources', 'lines_*.txt'))):
        for ln in open(fn, encoding='utf-8'):
            ln = ln.rstrip('\n')
            if not ln.strip() or ln.startswith('#'): continue
            recs.append(parse(ln))
    with open(os.path.join(ROOT, 'test.jsonl'), 'w', encoding='utf-8') as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    print('test.jsonl', len(recs))

if __name__ == '__main__':
    main()
