#!/usr/bin/env python3
"""Build test.jsonl from the hand-written sources/lines_*.txt.
Markup: [[text|p]] / [[text|s]] / [[text|g]] = directory span naming a pupil / staff member / parent on the roster;
{{text}} = detector span (a person not on the roster); a leading '?? ' marks an ambiguous line; '#' lines are comments."""
import glob, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common_case import case_style

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KIND = {'p': 'pupil', 's': 'staff', 'g': 'parent'}
TOKEN = re.compile(r'\[\[(.+?)\|([psg])\]\]|\{\{(.+?)\}\}')

def parse(raw):
    amb = False
    if raw.startswith('?? '):
        amb, raw = True, raw[3:]
    out, spans, kinds, pos = [], [], set(), 0
    for m in TOKEN.finditer(raw):
        out.append(raw[pos:m.start()])
        start = sum(len(x) for x in out)
        if m.group(1) is not None:
            text, label = m.group(1), 'directory'
            kinds.add(KIND[m.group(2)])
        else:
            text, label = m.group(3), 'detector'
        out.append(text)
        spans.append([start, start + len(text), label, text])
        pos = m.end()
    out.append(raw[pos:])
    subject = ''.join(out)
    if '[[' in subject or ']]' in subject or '{{' in subject or '}}' in subject:
        raise ValueError('unparsed markup: ' + raw)
    return dict(subject=subject, spans=spans, case=case_style(subject), kinds=sorted(kinds), ambiguous=amb)

def main():
    recs, seen = [], set()
    for path in sorted(glob.glob(os.path.join(ROOT, 'sources', 'lines_*.txt'))):
        with open(path, encoding='utf-8') as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip('\n')
                if not line.strip() or line.startswith('#'):
                    continue
                r = parse(line)
                if r['subject'] in seen:
                    sys.exit('duplicate subject %s:%d %s' % (path, n, r['subject']))
                seen.add(r['subject'])
                recs.append(r)
    with open(os.path.join(ROOT, 'test.jsonl'), 'w', encoding='utf-8') as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    print('lines:', len(recs))

if __name__ == '__main__':
    main()
