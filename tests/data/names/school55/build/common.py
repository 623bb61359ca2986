import csv, os, re, unicodedata
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TITLES = {'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'sir', 'cllr', 'rev', 'pc', 'pcso', 'prof', 'revd', 'dame', 'lady', 'lord', 'hmi'}
SMALL = {'a', 'an', 'the', 'of', 'and', 'or', 'for', 'to', 'in', 'on', 'at', 'by', 'with', 'w', 'from', 'vs', 'v', 'via', 're', 'fw', 'fwd', 'per', 'as', 'into', 'de', 'van', 'der', 'dela', 'al', 'am', 'pm', 'is', 'it', 'no'}

def fold(s):
    s = s.replace('ł', 'l').replace('Ł', 'L').replace('’', "'").replace('ø', 'o')
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(c for c in s if not unicodedata.combining(c)).casefold()
    s = s.replace('.', ' ')
    return re.sub(r'\s+', ' ', s).strip()

def load_roster():
    with open(os.path.join(ROOT, 'roster.csv'), encoding='utf-8', newline='') as fh:
        return list(csv.DictReader(fh))

PARTICLES = {'van', 'der', 'de', 'dela', 'delos', 'al', 'o', 'mc', 'mac', 'da', 'dos'}

def name_forms(p):
    firsts = [p['first_name']]
    if p['preferred_name']:
        firsts.append(p['preferred_name'])
    if ' ' in p['first_name']:
        firsts.append(p['first_name'].split()[0])
    last = p['last_name']
    lasts = [last]
    parts = re.split(r'[ ]', last)
    if len(parts) > 1:
        lasts += [x for x in parts if x.lower() not in PARTICLES and x.lower() not in ('kaur', 'singh')]
    if '-' in last:
        lasts += last.split('-')
    forms = set()
    for f in firsts:
        forms.add(f)
    for l in lasts:
        forms.add(l)
        for f in firsts:
            forms |= {f + ' ' + l, l + ' ' + f, l + ', ' + f, f[0] + ' ' + l, l + ' ' + f[0], l + ', ' + f[0],
                      f + ' ' + l[0]}
    return {fold(x) for x in forms}

def case_of(s):
    letters = [c for c in s if c.isalpha()]
    if letters and not any(c.islower() for c in letters):
        return 'upper'
    if not any(c.isupper() for c in letters):
        return 'lower'
    words = re.findall(r"[^\W\d_][\w'’\-]*", s)
    content = [w for w in words if w.lower() not in SMALL]
    if len(content) >= 2 and all(w[0].isupper() for w in content):
        return 'title'
    return 'sentence'
