"""Shared helpers (stdlib only): accent folding, roster name forms, case style."""
import csv, os, re, unicodedata
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TITLES = ['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'sir', 'cllr', 'rev', 'revd', 'pc', 'pcso', 'dc', 'ds', 'mme', 'prof', 'lady', 'dame', 'nurse', 'coach', 'madam']
SMALL = {'a', 'an', 'and', 'the', 'of', 'for', 'to', 'in', 'on', 'at', 'with', 'by', 'from', 'or', 'vs', 'v', 'w', 're', 'fw', 'fwd', 'per', 'via', 'as', 'is', 'into'}

def fold(s):
    s = s.replace('ł', 'l').replace('Ł', 'L').replace('ı', 'i').replace('’', "'").replace('‘', "'")
    s = ''.join(c for c in unicodedata.normalize('NFKD', s) if not unicodedata.combining(c))
    return re.sub(r'\s+', ' ', s).strip().lower()

def load_roster():
    with open(os.path.join(ROOT, 'roster.csv'), encoding='utf-8', newline='') as f:
        return list(csv.DictReader(f))

def name_forms(p):
    last = p['last_name']; givens = [g for g in (p['first_name'], p['preferred_name']) if g]
    out = {last}
    for g in givens:
        i = g[0]
        out |= {g, g + ' ' + last, last + ' ' + g, last + ', ' + g, last + ' ' + i, last + ', ' + i,
                i + ' ' + last, i + '. ' + last, i + '.' + last, last + ' ' + i + '.', last + ', ' + i + '.'}
    if p['preferred_name']:
        out.add(p['first_name'] + ' ' + p['preferred_name'] + ' ' + last)
        out.add(p['first_name'] + ' (' + p['preferred_name'] + ') ' + last)
    return {fold(x) for x in out}

def form_index(roster):
    idx = {}
    for p in roster:
        for f in name_forms(p):
            idx.setdefault(f, set()).add(p['kind'])
    return idx

def case_style(s):
    letters = [c for c in s if c.isalpha()]
    if letters and not any(c.islower() for c in letters):
        return 'upper'
    if not any(c.isupper() for c in letters):
        return 'lower'
    words = [w for w in re.findall(r"[^\W\d_][\w'’\-]*", s)]
    content = [w for w in words if w.lower() not in SMALL]
    if len(content) >= 2 and all(w[0].isupper() for w in content):
        return 'title'
    return 'sentence'
