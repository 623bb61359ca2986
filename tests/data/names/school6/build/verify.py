"""Verify roster.csv + test.jsonl format and labels. Stdlib only. Exit 1 on any failure."""
import csv, json, os, re, sys, unicodedata
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, '..')
TYPOS = {'grzybowksi': 'grzybowski', 'chukwuemka': 'chukwuemeka'}   # the two deliberate typos
ORDER = ['pupil', 'staff', 'parent']
fails = []

def fold(s):
    s = s.replace('ł', 'l').replace('Ł', 'L').replace('ı', 'i').replace('’', "'")
    s = ''.join(c for c in unicodedata.normalize('NFKD', s) if not unicodedata.combining(c))
    s = s.lower()
    toks = re.findall(r"[a-z]+(?:[-'][a-z]+)*|[.,]", s)
    toks = [TYPOS.get(t, t) for t in toks]
    return ' '.join(toks)

def forms(p):
    fs = set()
    firsts = [x for x in (p['first_name'], p['preferred_name']) if x]
    last = p['last_name']
    for f in firsts:
        fs.add(f)
        fs.add(f + ' ' + last)
        fs.add(last + ', ' + f)
        fs.add(f[0] + '. ' + last)
        fs.add(f[0] + ' ' + last)
        fs.add(f + ' ' + last[0])
        fs.add(f + ' ' + last[0] + '.')
    fs.add(last)
    return {fold(x) for x in fs}

roster = list(csv.DictReader(open(os.path.join(ROOT, 'roster.csv'), encoding='utf-8')))
with open(os.path.join(ROOT, 'roster.csv'), encoding='utf-8') as fh:
    header = fh.readline().strip()
if header != 'id,first_name,preferred_name,last_name,kind,email,personal_emails,mis_ref':
    fails.append('roster header')
ids = set()
for p in roster:
    if p['id'] in ids:
        fails.append('dup id ' + p['id'])
    ids.add(p['id'])
    k = p['kind']
    if k not in ORDER:
        fails.append('kind ' + p['id'])
    pre = {'pupil': 'P', 'staff': 'S', 'parent': 'G'}[k]
    if not re.fullmatch(pre + r'\d{3}', p['id']):
        fails.append('id form ' + p['id'])
    if k == 'pupil':
        if not re.fullmatch(r'[A-Z]\d{12}', p['mis_ref']):
            fails.append('upn ' + p['id'])
        if p['email'] and not re.fullmatch(r'[a-z]+\d\d@pupils\.ashgrovepark\.sch\.uk', p['email']):
            fails.append('pupil email ' + p['id'])
    if k == 'staff' and not re.fullmatch(r'[A-Z]{3}', p['mis_ref']):
        fails.append('staff code ' + p['id'])
    if k == 'parent' and p['mis_ref']:
        fails.append('parent mis_ref ' + p['id'])
    for e in filter(None, p['personal_emails'].split(';')):
        if '@' not in e:
            fails.append('personal email ' + p['id'])
index = {}
for p in roster:
    for f in forms(p):
        index.setdefault(f, set()).add(p['kind'])

KEYS = ['subject', 'spans', 'case', 'kinds', 'ambiguous']
seen = set(); n = 0
for ln, line in enumerate(open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8'), 1):
    n += 1
    try:
        r = json.loads(line)
    except Exception as e:
        fails.append('%d json %s' % (ln, e)); continue
    where = '%d %r' % (ln, r.get('subject'))
    if list(r.keys()) != KEYS:
        fails.append(where + ' keys'); continue
    s = r['subject']
    if s in seen:
        fails.append(where + ' duplicate')
    seen.add(s)
    if r['case'] not in ('sentence', 'lower', 'upper', 'title'):
        fails.append(where + ' case value')
    letters = [c for c in s if c.isalpha()]
    if r['case'] == 'upper' and any(c.islower() for c in letters):
        fails.append(where + ' upper has lower')
    if r['case'] == 'lower' and any(c.isupper() for c in letters):
        fails.append(where + ' lower has upper')
    if r['case'] in ('sentence', 'title') and (not any(c.islower() for c in letters) or not any(c.isupper() for c in letters)):
        fails.append(where + ' case should be upper/lower')
    if not isinstance(r['ambiguous'], bool):
        fails.append(where + ' ambiguous type')
    prev = 0; dkinds = set()
    for sp in r['spans']:
        if len(sp) != 4 or sp[2] not in ('directory', 'detector'):
            fails.append(where + ' span shape'); continue
        a, b, lab, text = sp
        if not (0 <= a < b <= len(s)) or s[a:b] != text:
            fails.append(where + ' offsets %r' % (sp,))
        if a < prev:
            fails.append(where + ' order/overlap')
        prev = b
        if text != text.strip() or text[-1] in ",'’":
            fails.append(where + ' span edges %r' % text)
        f = fold(text)
        if lab == 'directory':
            if f not in index:
                fails.append(where + ' directory span not on roster: %r' % text)
            else:
                ks = index[f] & set(r['kinds'])
                if not ks:
                    fails.append(where + ' span %r kinds %s not in line kinds' % (text, index[f]))
                dkinds |= index[f]
        else:
            if f in index:
                fails.append(where + ' detector span equals roster form: %r' % text)
    if r['kinds'] != [k for k in ORDER if k in r['kinds']] or len(set(r['kinds'])) != len(r['kinds']):
        fails.append(where + ' kinds order')
    if not set(r['kinds']) <= dkinds:
        fails.append(where + ' kinds %s not supported by spans' % r['kinds'])
    if r['kinds'] and not any(sp[2] == 'directory' for sp in r['spans']):
        fails.append(where + ' kinds without directory span')
for f in fails:
    print('FAIL', f)
print('%d lines, %d roster people, %d failures' % (n, len(roster), len(fails)))
sys.exit(1 if fails else 0)
