"""Build test.jsonl from sources/lines_*.txt.
Markup: [[text|p]] pupil, [[text|s]] staff, [[text|g]] parent (directory spans);
<<text>> person not on the roster (detector span); a line starting with '?? ' is ambiguous."""
import glob, json, os, random, re
from common import ROOT, SRC, case_of

TOK = re.compile(r'\[\[(.+?)\|([psg])\]\]|<<(.+?)>>')
KIND = {'p': 'pupil', 's': 'staff', 'g': 'parent'}

def parse(raw):
    amb = raw.startswith('?? ')
    if amb:
        raw = raw[3:]
    out, spans, kinds, pos = '', [], set(), 0
    for m in TOK.finditer(raw):
        out += raw[pos:m.start()]
        if m.group(1) is not None:
            text, lab = m.group(1), 'directory'
            kinds.add(KIND[m.group(2)])
        else:
            text, lab = m.group(3), 'detector'
        spans.append([len(out), len(out) + len(text), lab, text])
        out += text
        pos = m.end()
    out += raw[pos:]
    return {'subject': out, 'spans': spans, 'case': case_of(out), 'kinds': sorted(kinds), 'ambiguous': amb}

def main():
    items = []
    for path in sorted(glob.glob(os.path.join(SRC, 'lines_*.txt'))):
        with open(path, encoding='utf-8') as f:
            for line in f:
                line = line.rstrip('\n')
                if not line.strip() or line.startswith('#'):
                    continue
                items.append(parse(line))
    random.Random(4848).shuffle(items)
    with open(os.path.join(ROOT, 'test.jsonl'), 'w', encoding='utf-8') as f:
        for it in items:
            f.write(json.dumps(it, ensure_ascii=False) + '\n')
    print('lines', len(items))

if __name__ == '__main__':
    main()
