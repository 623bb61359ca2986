"""Build test.jsonl from sources/lines_*.txt (hand-written, marked-up subject lines)."""
import glob, json, os, re
from common import ROOT, classify_case

KIND = {'p': 'pupil', 's': 'staff', 'g': 'parent'}
MARK = re.compile(r'\{([^{}|]+)\|([psgx])\}')


def parse(line):
    amb = False
    if line.startswith('?? '):
        amb, line = True, line[3:]
    out, spans, kinds, pos = '', [], set(), 0
    for m in MARK.finditer(line):
        out += line[pos:m.start()]
        text, tag = m.group(1), m.group(2)
        start = len(out)
        out += text
        if tag == 'x':
            spans.append([start, len(out), 'detector', text])
        else:
            spans.append([start, len(out), 'directory', text])
            kinds.add(KIND[tag])
        pos = m.end()
    out += line[pos:]
    if '{' in out or '}' in out:
        raise ValueError('bad markup: ' + line)
    return {'subject': out, 'spans': spans, 'case': classify_case(out), 'kinds': sorted(kinds), 'ambiguous': amb}


def main():
    rows = []
    for path in sorted(glob.glob(os.path.join(ROOT, 'sources', 'lines_*.txt'))):
        for line in open(path, encoding='utf-8'):
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            rows.append(parse(line))
    with open(os.path.join(ROOT, 'test.jsonl'), 'w', encoding='utf-8') as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + '\n')
    print('test lines', len(rows))


if __name__ == '__main__':
    main()
