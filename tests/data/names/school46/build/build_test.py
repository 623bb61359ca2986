"""Build test.jsonl from sources/lines_*.txt (hand-written, marked up) + roster.csv."""
import glob, json, os, re, sys
from namelib import ROOT, fold, load_roster, form_index, classify_case, TITLES

MARK = re.compile(r'\[\[(.+?)\]\]|\{\{(.+?)\}\}')
KMAP = {'p': 'pupil', 's': 'staff', 'g': 'parent'}

def parse(line, idx, errors, where):
    amb = False
    if line.startswith('?? '):
        amb, line = True, line[3:]
    out, spans, kinds, pos = [], [], set(), 0
    for m in MARK.finditer(line):
        out.append(line[pos:m.start()])
        raw = m.group(1) if m.group(1) is not None else m.group(2)
        label = 'directory' if m.group(1) is not None else 'detector'
        hint = None
        if '|' in raw:
            raw, hint = raw.rsplit('|', 1)
        # move leading titles outside the span
        pre = ''
        toks = raw.split(' ')
        while len(toks) > 1 and toks[0].rstrip('.').lower() in TITLES:
            pre += toks.pop(0) + ' '
            # "Mr and Mrs X"
            if len(toks) > 2 and toks[0].lower() in ('and', '&') and toks[1].rstrip('.').lower() in TITLES:
                pre += toks.pop(0) + ' ' + toks.pop(0) + ' '
        text = ' '.join(toks)
        post = ''
        for suf in ("'s", "\u2019s", "'"):
            if text.endswith(suf) and len(text) > len(suf) + 1:
                text, post = text[:-len(suf)], suf
                break
        out.append(pre)
        start = sum(len(x) for x in out)
        out.append(text)
        out.append(post)
        spans.append([start, start + len(text), label, text])
        titled = bool(pre) or bool(re.search(r'\b(mr|mrs|ms|miss|dr|mx)\.?\s*$', line[:m.start()], re.I))
        if label == 'directory':
            cands = idx.get(fold(text), [])
            if not cands:
                errors.append(f'{where}: not on roster: {text!r}')
                continue
            if hint:
                k = KMAP[hint]
                if k not in {c["kind"] for c in cands}:
                    errors.append(f'{where}: hint {k} not possible for {text!r}')
                kinds.add(k)
            else:
                ks = {c['kind'] for c in cands}
                if titled:
                    ks.discard('pupil')
                elif 'pupil' in ks:
                    ks = {'pupil'}   # convention: a bare name with no title defaults to the pupil reading
                if len(ks) != 1:
                    errors.append(f'{where}: kind ambiguous for {text!r}: {sorted(ks)}')
                    continue
                kinds.add(ks.pop())
        else:
            if fold(text) in idx:
                errors.append(f'{where}: detector equals roster form: {text!r}')
        pos = m.end()
    out.append(line[pos:])
    subject = ''.join(out)
    return dict(subject=subject, spans=spans, case=classify_case(subject), kinds=sorted(kinds), ambiguous=amb)

def main():
    roster = load_roster()
    idx = form_index(roster)
    errors, recs, seen = [], [], {}
    for fn in sorted(glob.glob(os.path.join(ROOT, 'sources', 'lines_*.txt'))):
        for n, line in enumerate(open(fn, encoding='utf-8'), 1):
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            where = f'{os.path.basename(fn)}:{n}'
            r = parse(line, idx, errors, where)
            if r['subject'] in seen:
                errors.append(f'{where}: duplicate of {seen[r["subject"]]}: {r["subject"]!r}')
            seen[r['subject']] = where
            recs.append(r)
    if errors:
        print('\n'.join(errors))
        print(len(errors), 'errors;', len(recs), 'lines')
        sys.exit(1)
    with open(os.path.join(ROOT, 'test.jsonl'), 'w', encoding='utf-8') as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    print('wrote', len(recs), 'lines')

if __name__ == '__main__':
    main()
