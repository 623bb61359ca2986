#!/usr/bin/env python3
"""Strip inline markup from build/sources/*.txt, check names against roster.csv, write test.jsonl.
Markup: [text|p] pupil, [text|s] staff, [text|g] parent/carer (directory); [text|d] detector (not on roster).
A line starting with '?? ' is ambiguous (flag set, prefix removed). Lines starting with '#' are comments."""
import glob, json, os, random, re, sys
from common import ROOT, HERE, KIND_CODE, load_roster, form_index, norm_form, case_of
MARK = re.compile(r'\[([^\[\]|]+)\|([psgd])\]')
SEED = 20261130

def parse(line):
    out, spans, pos = [], [], 0
    kinds = set()
    for m in MARK.finditer(line):
        out.append(line[pos:m.start()])
        start = sum(len(x) for x in out)
        text, code = m.group(1), m.group(2)
        out.append(text)
        spans.append([start, start + len(text), 'detector' if code == 'd' else 'directory', text, code])
        pos = m.end()
    out.append(line[pos:])
    return ''.join(out), spans

def main():
    roster = load_roster(); idx = form_index(roster)
    rows, errors, seen = [], [], {}
    for path in sorted(glob.glob(os.path.join(HERE, 'sources', '*.txt'))):
        src = os.path.basename(path)
        for n, raw in enumerate(open(path, encoding='utf-8'), 1):
            line = raw.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            amb = line.startswith('?? ')
            if amb: line = line[3:]
            subject, spans = parse(line)
            where = '%s:%d' % (src, n)
            if '[' in subject and '|' in subject:
                errors.append('%s: leftover markup: %s' % (where, subject))
            if subject != subject.strip():
                errors.append('%s: whitespace at ends' % where)
            if subject in seen:
                errors.append('%s: duplicate of %s: %s' % (where, seen[subject], subject)); continue
            seen[subject] = where
            kinds = set()
            for s in spans:
                f = norm_form(s[3]); code = s[4]
                if code == 'd':
                    if f in idx:
                        errors.append('%s: detector %r is on roster (%s)' % (where, s[3], idx[f]))
                else:
                    k = KIND_CODE[code]
                    if k not in idx.get(f, ()):
                        errors.append('%s: directory %r not on roster as %s' % (where, s[3], k))
                    kinds.add(k)
            rows.append({'subject': subject,
                         'spans': [s[:4] for s in spans],
                         'case': case_of(subject, spans),
                         'kinds': sorted(kinds),
                         'ambiguous': amb})
    if errors:
        print('\n'.join(errors)); print(len(errors), 'errors'); sys.exit(1)
    random.Random(SEED).shuffle(rows)
    with open(os.path.join(ROOT, 'test.jsonl'), 'w', encoding='utf-8') as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + '\n')
    print('wrote', len(rows), 'lines')

if __name__ == '__main__':
    main()
