"""Build test.jsonl from the hand-written sources/lines/*.txt.
Markup: [[text]] or [[text|p/s/g]] = roster person (directory); {{text}} = person not on roster (detector).
A line starting with '?? ' is ambiguous. Lines starting with '#' are comments."""
import json, os, random, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, SRC, fold, read_roster, form_index, case_of

MARK = re.compile(r'\[\[(.+?)(?:\|([psg]))?\]\]|\{\{(.+?)\}\}')
HINT = {'p': 'pupil', 's': 'staff', 'g': 'parent'}


def parse(raw, idx, where):
    amb = raw.startswith('?? ')
    if amb:
        raw = raw[3:]
    out, spans, kinds, pos = '', [], set(), 0
    for m in MARK.finditer(raw):
        out += raw[pos:m.start()]
        text = m.group(1) or m.group(3)
        start = len(out)
        out += text
        if m.group(1):
            ks = idx.get(fold(text))
            if not ks:
                raise ValueError('%s: not a roster name form: %r' % (where, text))
            if m.group(2):
                k = HINT[m.group(2)]
                if k not in ks:
                    raise ValueError('%s: hint %s not possible for %r (%s)' % (where, k, text, ks))
            elif len(ks) == 1:
                k = next(iter(ks))
            else:
                raise ValueError('%s: %r needs a kind hint (%s)' % (where, text, sorted(ks)))
            kinds.add(k)
            spans.append([start, start + len(text), 'directory', text])
        else:
            if fold(text) in idx:
                raise ValueError('%s: detector text is a roster name form: %r' % (where, text))
            spans.append([start, start + len(text), 'detector', text])
        pos = m.end()
    out += raw[pos:]
    if '[[' in out or '{{' in out or ']]' in out or '}}' in out:
        raise ValueError('%s: stray markup' % where)
    return dict(subject=out, spans=spans, case=case_of(out), kinds=sorted(kinds), ambiguous=amb)


def main():
    idx = form_index(read_roster())
    recs, errors, seen = [], [], {}
    d = os.path.join(SRC, 'lines')
    for fn in sorted(os.listdir(d)):
        with open(os.path.join(d, fn), encoding='utf-8') as fh:
            for n, line in enumerate(fh, 1):
                line = line.rstrip('\n')
                if not line.strip() or line.startswith('#'):
                    continue
                where = '%s:%d' % (fn, n)
                try:
                    r = parse(line, idx, where)
                except ValueError as e:
                    errors.append(str(e))
                    continue
                if r['subject'] in seen:
                    errors.append('%s: duplicate of %s: %r' % (where, seen[r['subject']], r['subject']))
                    continue
                seen[r['subject']] = where
                recs.append(r)
    if errors:
        print('\n'.join(errors))
        print(len(errors), 'errors')
        sys.exit(1)
    random.Random(30).shuffle(recs)
    with open(os.path.join(ROOT, 'test.jsonl'), 'w', encoding='utf-8') as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + '\n')
    print('test lines:', len(recs))


if __name__ == '__main__':
    main()
