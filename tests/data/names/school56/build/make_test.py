"""Build test.jsonl from sources/lines_*.txt. Markup: [[text]] / [[text|kind]] directory, {{text}} detector,
leading '?? ' marks an ambiguous line. Case is computed from the subject."""
import json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import TITLES, ROOT, fold, load_roster, form_index, case_of

FILES = ['lines_upper.txt', 'lines_lower.txt', 'lines_title.txt', 'lines_sentence.txt', 'lines_extra.txt']
TOK = re.compile(r'\[\[(.+?)\]\]|\{\{(.+?)\}\}')


def parse(line, idx):
    amb = line.startswith('?? ')
    if amb:
        line = line[3:]
    out, spans, kinds, pos = [], [], set(), 0
    for m in TOK.finditer(line):
        out.append(line[pos:m.start()])
        start = sum(len(x) for x in out)
        if m.group(1) is not None:
            text, _, kind = m.group(1).partition('|')
            hits = idx.get(fold(text))
            if not hits:
                raise ValueError(f'not a roster name form: {text!r} in {line!r}')
            ks = {k for k, _ in hits}
            if kind:
                if kind not in ks:
                    raise ValueError(f'kind {kind} not possible for {text!r}')
            elif len(ks) == 1:
                kind = next(iter(ks))
            else:
                # default: after a title -> staff (else parent); otherwise a pupil
                before = line[:m.start()].rstrip().split()
                titled = bool(before) and before[-1].lower().strip('.') in TITLES
                if titled:
                    kind = 'staff' if 'staff' in ks else 'parent'
                else:
                    kind = 'pupil' if 'pupil' in ks else sorted(ks)[0]
            kinds.add(kind)
            label = 'directory'
        else:
            text = m.group(2)
            label = 'detector'
        out.append(text)
        spans.append([start, start + len(text), label, text])
        pos = m.end()
    out.append(line[pos:])
    subj = ''.join(out).strip()
    return {'subject': subj, 'spans': spans, 'case': case_of(subj), 'kinds': sorted(kinds), 'ambiguous': amb}


def main():
    idx = form_index(load_roster())
    recs, errs = [], []
    for fn in FILES:
        with open(os.path.join(ROOT, 'sources', fn), encoding='utf-8') as fh:
            for line in fh:
                line = line.rstrip('\n')
                if not line.strip() or line.startswith('#'):
                    continue
                try:
                    recs.append(parse(line, idx))
                except ValueError as e:
                    errs.append(str(e))
    if errs:
        print('\n'.join(errs)); sys.exit(1)
    with open(os.path.join(ROOT, 'test.jsonl'), 'w', encoding='utf-8') as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + '\n')
    print('lines', len(recs))


if __name__ == '__main__':
    main()
