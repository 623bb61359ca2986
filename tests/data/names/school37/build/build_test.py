"""Build test.jsonl from sources/lines_*.txt.
Markup: [[Name]] or [[Name|kind]] = directory span (roster person); {{Name}} = detector span (not on roster).
A line starting with '?? ' is ambiguous. '#' lines are comments."""
import glob, json, os, re, sys
from common import ROOT, load_roster, form_index, fold, classify_case

MARK = re.compile(r'\[\[(.+?)\]\]|\{\{(.+?)\}\}')


def parse(line):
    out, spans, pos = [], [], 0
    notes = []
    for m in MARK.finditer(line):
        out.append(line[pos:m.start()])
        start = sum(len(x) for x in out)
        if m.group(1) is not None:
            txt, kind = (m.group(1).split('|') + [None])[:2]
            spans.append([start, start + len(txt), 'directory', txt])
            notes.append(kind)
        else:
            txt = m.group(2)
            spans.append([start, start + len(txt), 'detector', txt])
            notes.append(None)
        out.append(txt)
        pos = m.end()
    out.append(line[pos:])
    return ''.join(out), spans, notes


def main():
    roster = load_roster()
    idx = form_index(roster)
    recs, errors, seen = [], [], set()
    for path in sorted(glob.glob(os.path.join(ROOT, 'sources', 'lines_*.txt'))):
        for n, raw in enumerate(open(path, encoding='utf-8'), 1):
            raw = raw.rstrip('\n')
            if not raw.strip() or raw.startswith('#'):
                continue
            amb = raw.startswith('?? ')
            if amb:
                raw = raw[3:]
            subj, spans, notes = parse(raw)
            where = f'{os.path.basename(path)}:{n}'
            if subj in seen:
                errors.append(f'{where} duplicate subject {subj!r}')
            seen.add(subj)
            kinds = set()
            for sp, k in zip(spans, notes):
                if sp[2] == 'directory':
                    people = idx.get(fold(sp[3]), [])
                    pk = {p['kind'] for p in people}
                    if not people:
                        errors.append(f'{where} not a roster name form: {sp[3]!r}')
                    elif k:
                        if k not in pk:
                            errors.append(f'{where} {sp[3]!r} kind {k} not in {pk}')
                        kinds.add(k)
                    elif len(pk) == 1:
                        kinds |= pk
                    else:
                        errors.append(f'{where} {sp[3]!r} needs kind, one of {sorted(pk)}')
                else:
                    if fold(sp[3]) in idx:
                        errors.append(f'{where} detector equals roster form: {sp[3]!r}')
            recs.append({'subject': subj, 'spans': spans, 'case': classify_case(subj),
                         'kinds': sorted(kinds), 'ambiguous': amb})
    if errors:
        print('\n'.join(errors))
        sys.exit(1)
    with open(os.path.join(ROOT, 'test.jsonl'), 'w', encoding='utf-8') as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + '\n')
    print('lines', len(recs))


if __name__ == '__main__':
    main()
