"""Build test.jsonl from sources/lines_*.txt.
Markup: <<Text|p>> pupil, <<Text|s>> staff, <<Text|g>> parent (directory spans); <<Text|d>> detector span.
A line starting with '?? ' is ambiguous. '#' lines are comments."""
import glob, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, case_of
KIND = {'p': 'pupil', 's': 'staff', 'g': 'parent'}
PAT = re.compile(r'<<(.+?)\|([psgd])>>')

def parse(line):
    amb = False
    if line.startswith('?? '):
        amb, line = True, line[3:]
    out, spans, kinds, pos = '', [], set(), 0
    for m in PAT.finditer(line):
        out += line[pos:m.start()]
        text, k = m.group(1), m.group(2)
        start = len(out)
        out += text
        spans.append([start, len(out), 'detector' if k == 'd' else 'directory', text])
        if k != 'd':
            kinds.add(KIND[k])
        pos = m.end()
    out += line[pos:]
    assert '<<' not in out and '>>' not in out, line
    return dict(subject=out, spans=spans, case=case_of(out), kinds=sorted(kinds), ambiguous=amb)

def main():
    recs = []
    for fn in sorted(glob.glob(os.path.join(ROOT, 'sources', 'lines_*.txt'))):
        for line in open(fn, encoding='utf-8'):
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            recs.append(parse(line))
    with open(os.path.join(ROOT, 'test.jsonl'), 'w', encoding='utf-8') as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + '\n')
    print('test: %d lines' % len(recs))

if __name__ == '__main__':
    main()
