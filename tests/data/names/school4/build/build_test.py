import csv, json, re, sys, unicodedata, difflib, glob
from collections import Counter
SPECIAL = {'ł':'l','Ł':'L','ı':'i','İ':'I','ø':'o','ß':'ss'}
def fold(s):
    s = ''.join(SPECIAL.get(c, c) for c in s)
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(c for c in s if not unicodedata.combining(c))
    return s.replace('’', "'").lower()
def norm(s):
    s = fold(s)
    s = re.sub(r"[.,]", " ", s)
    return ' '.join(s.split())
roster = list(csv.DictReader(open('../roster.csv', encoding='utf-8')))
byid = {r['id']: r for r in roster}
def forms(r):
    f, p, l = r['first_name'], r['preferred_name'], r['last_name']
    firsts = [f] + ([p] if p else [])
    out = set()
    for x in firsts:
        out |= {x, f"{x} {l}", f"{l} {x}", f"{l}, {x}"}
        out.add(f"{x[0]} {l}"); out.add(f"{x[0]}. {l}")
        out.add(f"{x} {l[0]}")
    # first token of multi-part given names, last token of multi-part surnames
    out.add(f.split()[0] if ' ' not in f else f)
    out.add(l)
    if len(l.split()) > 1 and l.split()[0].lower() in ('singh',):
        out.add(l.split()[-1])
    if f.lower()=='mohamed': out |= {'Mohammed '+l, 'Mohammed'}
    return {norm(x) for x in out}
FORMS = {r['id']: forms(r) for r in roster}
def resolve(text):
    n = norm(text)
    return [i for i, fs in FORMS.items() if n in fs]
def fuzzy_ok(text, r):
    toks = norm(text).split()
    names = norm(' '.join([r['first_name'], r['preferred_name'], r['last_name']])).split()
    for t in toks:
        if len(t) == 1: 
            if not any(nm.startswith(t) for nm in names): return False
            continue
        if not any(difflib.SequenceMatcher(None, t, nm).ratio() >= 0.75 for nm in names):
            return False
    return True
TOK = re.compile(r"\[\[(.+?)\]\]|\{\{(.+?)\}\}")
SMALL = {'a','an','the','of','and','to','for','in','on','at','w/','re','with','or','by','from','vs','v','&','is','-','–'}
def auto_case(s, spans=()):
    letters = [c for c in s if c.isalpha()]
    if not any(c.islower() for c in letters): return 'upper'
    if not any(c.isupper() for c in letters): return 'lower'
    for a, b, *_ in spans: s = s[:a] + ' ' * (b - a) + s[b:]
    words = [w for w in re.findall(r"[A-Za-zÀ-ž'’]+", s) if w.lower() not in SMALL and w.lower() not in ('re','fw','fwd')]
    words = [w for w in words if not (w.isupper() and len(w) <= 5) and w not in ('Mr','Mrs','Ms','Miss','Dr','Cllr','Sgt','PC','DC','Prof','Rev','Sir','St')]  # acronyms: SLT, EHCP, UCAS
    if len(words) >= 2 and all(w[0].isupper() for w in words): return 'title'
    return 'sentence'
errors, out, review = [], [], []
for fn in sorted(glob.glob('lines_*.txt')):
    for ln, raw in enumerate(open(fn, encoding='utf-8'), 1):
        raw = raw.rstrip('\n')
        if not raw.strip() or raw.startswith('#'): continue
        amb = False; case = None
        if raw.startswith('?? '): amb = True; raw = raw[3:]
        m = re.search(r"\s+#case=(\w+)$", raw)
        if m: case = m.group(1); raw = raw[:m.start()]
        subj, spans, kinds, pos = '', [], [], 0
        ids_here = []
        for mm in TOK.finditer(raw):
            subj += raw[pos:mm.start()]
            if mm.group(1) is not None:
                body = mm.group(1)
                if '|' in body:
                    text, hint = body.rsplit('|', 1)
                    if hint in byid: pid = hint
                    else:
                        c = resolve(text)
                        if hint in ('pupil','staff','parent'): c = [i for i in c if byid[i]['kind'] == hint]
                        else:
                            hc = set(resolve(hint)); c = [i for i in c if i in hc] or list(hc)
                        if not c: errors.append(f"{fn}:{ln} hint {hint} gives nothing for {text}"); continue
                        pid = c[0]
                    if not fuzzy_ok(text, byid[pid]): errors.append(f"{fn}:{ln} '{text}' does not fit {pid} {byid[pid]['first_name']} {byid[pid]['last_name']}")
                    ks = {byid[pid]['kind']}; ids_here.append(pid)
                else:
                    text = body
                    c = resolve(text)
                    if not c: errors.append(f"{fn}:{ln} no roster match for '{text}'"); ks=set()
                    else:
                        ks = {byid[i]['kind'] for i in c}
                        if len(ks) > 1: errors.append(f"{fn}:{ln} '{text}' matches kinds {ks}: {c[:6]}")
                        ids_here.append('/'.join(c[:4]))
                start = len(subj); subj += text
                spans.append([start, len(subj), 'directory', text]); kinds += sorted(ks)
            else:
                text = mm.group(2)
                c = resolve(text)
                if c: errors.append(f"{fn}:{ln} detector '{text}' matches roster {c[:5]}")
                start = len(subj); subj += text
                spans.append([start, len(subj), 'detector', text])
            pos = mm.end()
        subj += raw[pos:]
        if '|' in subj or '[[' in subj or '{{' in subj or ']]' in subj or '}}' in subj: errors.append(f"{fn}:{ln} stray markup")
        ac = auto_case(subj, spans)
        if case and case != ac: review.append(f"override {case} (auto {ac}): {subj}")
        case = case or ac
        kk = []
        for k in ('pupil','staff','parent'):
            if k in kinds: kk.append(k)
        out.append({"subject": subj, "spans": spans, "case": case, "kinds": kk, "ambiguous": amb, "_ids": ids_here, "_src": f"{fn}:{ln}"})
for e in errors: print("ERR", e)
seen = Counter(o['subject'] for o in out)
for s, n in seen.items():
    if n > 1: print("DUP", s)
if '-v' in sys.argv:
    for o in out: print(o['case'][:2], 'A' if o['ambiguous'] else ' ', o['subject'], '|', [(s[3], s[2][:3]) for s in o['spans']], o['_ids'])
import random
random.Random(4).shuffle(out)
with open('../test.jsonl', 'w', encoding='utf-8') as fh:
    for o in out:
        fh.write(json.dumps({k: o[k] for k in ('subject','spans','case','kinds','ambiguous')}, ensure_ascii=False) + '\n')
c = Counter(o['case'] for o in out)
named = sum(1 for o in out if o['spans'])
roster_l = sum(1 for o in out if any(s[2]=='directory' for s in o['spans']))
det_l = sum(1 for o in out if any(s[2]=='detector' for s in o['spans']))
print(len(out), 'lines; named', named, 'roster', roster_l, 'detector', det_l, 'none', len(out)-named, dict(c), 'amb', sum(o['ambiguous'] for o in out), 'errors', len(errors))
