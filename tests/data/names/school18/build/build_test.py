"""Parse sources/subjects_*.txt -> test.jsonl.
Markup: [Name] directory span, [Name|kind] with kind hint (pupil/staff/parent) when the form is shared across kinds,
{Name} detector span. Line prefixes: '?' ambiguous, 'U>' uppercase whole line, 'L>' lowercase whole line.
'#' comments, blank lines ignored."""
import json, os, re, sys, glob
sys.path.insert(0, os.path.dirname(__file__))
from common import ROOT, norm, forms, load_roster
from casing import case_of
roster = load_roster()
form_kinds = {}
for p in roster:
    for f in forms(p):
        form_kinds.setdefault(f, set()).add(p['kind'])
TOK = re.compile(r'\[([^\]|]+)(?:\|(\w+))?\]|\{([^}]+)\}')
ERRS = []
def fail(m): ERRS.append(m)
def parse(raw, where):
    amb = False
    if raw.startswith('?'): amb = True; raw = raw[1:].lstrip()
    if raw.startswith('U>'): raw = raw[2:].lstrip().upper()
    elif raw.startswith('L>'): raw = raw[2:].lstrip().lower()
    out, spans, kinds, pos = '', [], set(), 0
    for m in TOK.finditer(raw):
        out += raw[pos:m.start()]
        if m.group(1) is not None:
            text, hint = m.group(1), m.group(2)
            ks = form_kinds.get(norm(text)) or set()
            if not ks: fail(f'{where}: directory span not on roster: {text!r}')
            if hint:
                hint = hint.lower()
                if hint not in ks: fail(f'{where}: hint {hint} not among {ks} for {text!r}')
                kinds.add(hint)
            elif len(ks) > 1: fail(f'{where}: {text!r} matches kinds {sorted(ks)}; add a hint')
            else: kinds |= ks
            spans.append([len(out), len(out) + len(text), 'directory', text])
        else:
            text = m.group(3)
            if norm(text) in form_kinds: fail(f'{where}: detector span equals roster form: {text!r}')
            spans.append([len(out), len(out) + len(text), 'detector', text])
        out += text; pos = m.end()
    out += raw[pos:]
    if '[' in out or '{' in out or ']' in out or '}' in out: fail(f'{where}: stray bracket: {out!r}')
    return dict(subject=out, spans=spans, case=case_of(out, spans), kinds=sorted(kinds), ambiguous=amb)
def main():
    recs = []
    for fn in sorted(glob.glob(os.path.join(ROOT, 'sources/subjects_*.txt'))):
        for i, line in enumerate(open(fn, encoding='utf-8'), 1):
            line = line.rstrip('\n')
            if not line.strip() or line.lstrip().startswith('#'): continue
            recs.append(parse(line, f'{os.path.basename(fn)}:{i}'))
    if ERRS: sys.exit('\n'.join(ERRS))
    seen = set()
    for r in recs:
        if r['subject'] in seen: sys.exit(f'duplicate subject {r["subject"]!r}')
        seen.add(r['subject'])
    with open(os.path.join(ROOT, 'test.jsonl'), 'w', encoding='utf-8') as fh:
        for r in recs: fh.write(json.dumps(r, ensure_ascii=False) + '\n')
    print('wrote', len(recs), 'lines')
main()
