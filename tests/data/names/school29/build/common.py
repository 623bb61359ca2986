"""Shared helpers: folding, roster loading, name forms, case style."""
import csv, os, re, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

SPECIAL = str.maketrans({'ł': 'l', 'Ł': 'L', 'ı': 'i', 'İ': 'I', 'ø': 'o', 'Ø': 'O',
                         'đ': 'd', 'Đ': 'D', 'ß': 'ss', '’': "'", '‘': "'", 'æ': 'ae'})

def fold(s):
    s = s.translate(SPECIAL)
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r'\s+', ' ', s).strip().lower()
    return s

def ascii_slug(s):
    return re.sub(r'[^a-z0-9]', '', fold(s))

TITLES = {'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'sir', 'cllr', 'rev', 'pc', 'prof', 'mme', 'madame',
          'dame', 'lady', 'lord', 'fr', 'sr', 'sgt', 'insp', 'ds', 'dc', 'revd', 'master', 'mister'}

def load_roster(path=None):
    path = path or os.path.join(ROOT, 'roster.csv')
    with open(path, newline='', encoding='utf-8') as f:
        return list(csv.DictReader(f))

def name_forms(p):
    """All accepted (folded) ways of naming roster person p."""
    firsts = {p['first_name']}
    if p['preferred_name']:
        firsts.add(p['preferred_name'])
    for f in list(firsts):
        if '-' in f:
            firsts.add(f.split('-')[0])
        if ' ' in f:
            firsts.add(f.split(' ')[0])
    last = p['last_name']
    lasts = {last}
    parts = last.split(' ')
    if len(parts) > 1:
        lasts.add(parts[-1])
    forms = set()
    for l in lasts:
        forms.add(l)
        for f in firsts:
            i = f[0]
            forms |= {f, f + ' ' + l, l + ' ' + f, l + ', ' + f, l + ',' + f,
                      i + ' ' + l, i + '. ' + l, i + '.' + l, l + ' ' + i, l + ', ' + i, l + ',' + i,
                      l + ' ' + i + '.', l + ', ' + i + '.', f + ' ' + l[0], f + ' ' + l[0] + '.'}
    return {fold(x) for x in forms}

SMALL = {'a', 'an', 'the', 'of', 'and', 'for', 'to', 'in', 'on', 'at', 'with', 'w', 'by', 'from',
         'via', 'per', 'vs', 'v', 'or', 're', 'fwd', 'fw', 'is', 'as', 'into', 'pls', 'am', 'pm'}

def case_style(s):
    letters = [c for c in s if c.isalpha()]
    if letters and not any(c.islower() for c in letters):
        return 'upper'
    if not any(c.isupper() for c in letters):
        return 'lower'
    words = [w for w in re.findall(r"[^\W\d_][\w'’.-]*", s) if w.lower().strip('.') not in SMALL]
    if len(words) >= 2:
        cap = sum(1 for w in words if w[0].isupper())
        if cap / len(words) >= 0.75:
            return 'title'
    return 'sentence'
