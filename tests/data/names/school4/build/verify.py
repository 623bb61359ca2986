"""Independent checks of roster.csv + test.jsonl (stdlib only)."""
import csv, json, re, sys, unicodedata, difflib
from collections import Counter
SPECIAL = {'ł':'l','Ł':'L','ı':'i','İ':'I','ø':'o','ß':'ss'}
def fold(s):
    s = ''.join(SPECIAL.get(c, c) for c in s)
    s = unicodedata.normalize('NFKD', s)
    return ''.join(c for c in s if not unicodedata.combining(c)).replace('’', "'").lower()
def toks(s): return re.sub(r"[.,]", " ", fold(s)).split()
R = list(csv.DictReader(open('roster.csv', encoding='utf-8')))
hdr = open('roster.csv', encoding='utf-8').readline().strip()
assert hdr == 'id,first_name,preferred_name,last_name,kind,email,personal_emails,mis_ref', hdr
prob = []
ids = Counter(r['id'] for r in R); emails = Counter(r['email'] for r in R)
assert all(v == 1 for v in ids.values()) and all(v == 1 for v in emails.values())
for r in R:
    k = r['kind']
    if k == 'pupil' and not (re.fullmatch(r'ADM\d{5}', r['mis_ref']) and r['email'].endswith('@students.oakfieldpark.sch.uk')): prob.append(r)
    if k == 'staff' and not (re.fullmatch(r'STF\d{3}', r['mis_ref']) and re.fullmatch(r'[a-z][a-z-]+@oakfieldpark\.sch\.uk', r['email'])): prob.append(r)
    if k == 'parent' and (r['mis_ref'] or r['email'].split('@')[1] not in ('gmail.com','outlook.com','yahoo.co.uk','icloud.com','btinternet.com')): prob.append(r)
    if not all(ord(c) < 128 for c in r['email']): prob.append(r)
mis = Counter(r['mis_ref'] for r in R if r['mis_ref'])
assert all(v == 1 for v in mis.values()), 'dup mis_ref'
print('roster problems:', len(prob))
kinds = Counter(r['kind'] for r in R)
print('roster:', dict(kinds), 'preferred names:', sum(1 for r in R if r['preferred_name']),
      'pupils sharing a surname with a roster parent:', sum(1 for r in R if r['kind']=='pupil' and any(p['kind']=='parent' and p['last_name']==r['last_name'] for p in R)))
# name tokens per person
def person_tokens(r):
    return toks(' '.join([r['first_name'], r['preferred_name'], r['last_name']]))
PT = {r['id']: person_tokens(r) for r in R}
def fits(text, r, fuzzy):
    names = PT[r['id']]
    for t in toks(text):
        if len(t) == 1:
            if not any(n.startswith(t) for n in names): return False
        elif fuzzy:
            if not any(difflib.SequenceMatcher(None, t, n).ratio() >= 0.75 or n.startswith(t) for n in names): return False
        else:
            if t not in names and not (t == 'mohammed' and 'mohamed' in names): return False
    return True
def exact_forms(r):
    f, p, l = r['first_name'], r['preferred_name'], r['last_name']
    out = set()
    for x in [f] + ([p] if p else []):
        out |= {' '.join(toks(y)) for y in (f"{x} {l}", f"{l} {x}", f"{x}", f"{x[0]} {l}")}
    out.add(' '.join(toks(l)))
    return out
EF = {r['id']: exact_forms(r) for r in R}
lines = []; bad = 0; n_exact = n_fuzzy = 0
sc = Counter(); cc = Counter(); kc = Counter(); amb = 0
for i, raw in enumerate(open('test.jsonl', encoding='utf-8'), 1):
    o = json.loads(raw)
    assert set(o) == {'subject','spans','case','kinds','ambiguous'}, o
    assert o['case'] in ('sentence','title','upper','lower')
    s = o['subject']
    if o['case'] == 'upper': assert s == s.upper(), s
    if o['case'] == 'lower': assert s == s.lower(), s
    last = 0; kinds_possible = set()
    for a, b, lab, text in o['spans']:
        assert s[a:b] == text, (i, s, a, b, text)
        assert a >= last, ('overlap/order', s); last = b
        assert text == text.strip() and lab in ('directory','detector')
        sc[lab] += 1
        if lab == 'directory':
            ex = [r for r in R if ' '.join(toks(text)) in EF[r['id']] or fits(text, r, False)]
            if ex: n_exact += 1
            else:
                ex = [r for r in R if fits(text, r, True)]
                if ex: n_fuzzy += 1; print('  fuzzy (typo) match:', repr(text), '->', [x['first_name']+' '+x['last_name'] for x in ex][:3])
            if not ex: print('NO ROSTER PERSON for', repr(text), 'in', s); bad += 1
            kinds_possible |= {r['kind'] for r in ex}
        else:
            hit = [r for r in R if ' '.join(toks(text)) in EF[r['id']]]
            if hit: print('DETECTOR NAMES ROSTER PERSON', text, [h['id'] for h in hit]); bad += 1
    if not set(o['kinds']) <= kinds_possible: print('kinds mismatch', s, o['kinds'], kinds_possible); bad += 1
    if o['kinds'] and not any(sp[2]=='directory' for sp in o['spans']): bad += 1
    cc[o['case']] += 1; amb += o['ambiguous']; kc.update(o['kinds'])
    lines.append(o)
n = len(lines)
dup = [k for k, v in Counter(o['subject'] for o in lines).items() if v > 1]
print('duplicates:', dup)
named = sum(1 for o in lines if o['spans'])
dl = sum(1 for o in lines if any(x[2]=='directory' for x in o['spans']))
tl = sum(1 for o in lines if any(x[2]=='detector' for x in o['spans']))
print(f'lines {n}; naming someone {named}; naming a roster person {dl} ({dl/n:.0%}); naming an outside person {tl} ({tl/n:.0%}); both {sum(1 for o in lines if len({x[2] for x in o["spans"]})==2)}; naming nobody {n-named} ({(n-named)/n:.0%})')
print('spans:', dict(sc), 'directory spans matched exactly', n_exact, 'by fuzzy typo match', n_fuzzy)
print('case:', {k: f'{v} ({v/n:.0%})' for k, v in cc.items()}, 'ambiguous:', amb)
print('lines by kind named:', dict(kc))
print('multi-span lines:', sum(1 for o in lines if len(o['spans']) > 1))
print('FAILURES:', bad)
