#!/usr/bin/env python3
"""Strip inline markup from src/*.txt, check against roster.csv, write ../test.jsonl."""
import glob, json, os, random, re, sys
from common import ROOT, HERE, norm, load_roster, index, compute_case, TITLES

SEED = 13
MARK = re.compile(r'\[([^\[\]|]+)\|([psgd])\]')
KIND = {'p': 'pupil', 's': 'staff', 'g': 'parent'}

def parse(line):
    amb = line.startswith('?? ')
    if amb:
        line = line[3:]
    out, spans, pos = [], [], 0
    for m in MARK.finditer(line):
        out.append(line[pos:m.start()])
        start = sum(len(x) for x in out)
        text = m.group(1)
        out.append(text)
        spans.append([start, start + len(text), 'detector' if m.group(2) == 'd' else 'directory', text, m.group(2)])
        pos = m.end()
    out.append(line[pos:])
    subject = ''.join(out)
    return subject, spans, amb

def main():
    roster = load_roster()
    by_kind, basic = index(roster)
    errors, rows, seen = [], [], {}
    files = sorted(glob.glob(os.path.join(HERE, 'src', '*.txt')))
    for fn in files:
        for ln, raw in enumerate(open(fn, encoding='utf-8'), 1):
            raw = raw.rstrip('\n')
            if not raw.strip() or raw.startswith('#'):
                continue
            where = '%s:%d' % (os.path.basename(fn), ln)
            subject, spans, amb = parse(raw)
            if '[' in subject or '|' in subject and re.search(r'\|[psgd]\]', subject):
                errors.append('%s: leftover markup: %s' % (where, raw))
            if subject != subject.strip():
                errors.append('%s: leading/trailing space' % where)
            key = subject
            if key in seen:
                errors.append('%s: duplicate of %s: %s' % (where, seen[key], subject)); continue
            seen[key] = where
            kinds = set()
            for s, e, lab, text, k in spans:
                n = norm(text)
                if text != text.strip() or text.endswith("'s") or text.endswith("s'") and False:
                    errors.append('%s: bad span edges %r' % (where, text))
                if text.split()[0].casefold().rstrip('.') in TITLES and len(text.split()) > 1:
                    errors.append('%s: title inside span %r' % (where, text))
                if lab == 'directory':
                    if n not in by_kind[KIND[k]]:
                        errors.append('%s: %r not a %s on roster' % (where, text, KIND[k]))
                    kinds.add(KIND[k])
                else:
                    if n in basic:
                        errors.append('%s: detector %r equals a roster name form' % (where, text))
            spans2 = [[s, e, lab, text] for s, e, lab, text, k in spans]
            rows.append({'subject': subject, 'spans': spans2, 'case': compute_case(subject, spans2),
                         'kinds': sorted(kinds), 'ambiguous': amb, '_src': where})
    if errors:
        print('\n'.join(errors)); print('%d errors' % len(errors)); sys.exit(1)
    random.Random(SEED).shuffle(rows)
    with open(os.path.join(ROOT, 'test.jsonl'), 'w', encoding='utf-8') as f:
        for r in rows:
            r.pop('_src')
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    print('wrote %d lines from %d source files' % (len(rows), len(files)))

if __name__ == '__main__':
    main()
