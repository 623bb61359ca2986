"""Shared helpers: name folding, name forms, case classification. Standard library only."""
import re, unicodedata, csv, os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPECIAL = str.maketrans({'Ł': 'L', 'ł': 'l', 'Ø': 'O', 'ø': 'o', 'Đ': 'D', 'đ': 'd', 'ß': 'ss',
                         '’': "'", '‘': "'", '`': "'"})
TITLES = ['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'sir', 'cllr', 'rev', 'revd', 'fr', 'father', 'sister',
          'pc', 'pcso', 'dc', 'prof', 'mstr', 'master', 'canon', 'mgr', 'dame', 'lady', 'lord', 'nurse']


def fold(s):
    s = s.translate(SPECIAL)
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace('.', ' ').replace('-', ' ')
    s = re.sub(r'\s*,\s*', ', ', s)
    return re.sub(r'\s+', ' ', s).strip()


def ascii_fold(s):
    s = s.translate(SPECIAL)
    s = unicodedata.normalize('NFKD', s)
    return ''.join(c for c in s if not unicodedata.combining(c) and ord(c) < 128)


def name_forms(first, preferred, last):
    """All accepted written forms of one person (folded)."""
    givens = [g for g in (first, preferred) if g]
    forms = set()
    forms.add(last)
    for g in givens:
        i = g[0]
        forms.update({g, f'{g} {last}', f'{last} {g}', f'{last}, {g}',
                      f'{i} {last}', f'{last} {i}', f'{last}, {i}'})
    return {fold(f) for f in forms}


def load_roster(path=None):
    path = path or os.path.join(ROOT, 'roster.csv')
    with open(path, newline='', encoding='utf-8') as fh:
        return list(csv.DictReader(fh))


def form_index(roster):
    idx = {}
    for r in roster:
        for f in name_forms(r['first_name'], r['preferred_name'], r['last_name']):
            idx.setdefault(f, []).append(r)
    return idx


SMALL = {'a', 'an', 'the', 'of', 'and', 'or', 'for', 'to', 'in', 'on', 'at', 'by', 'with', 'w', 're', 'fwd',
         'fw', 'from', 'vs', 'v', 'via', 'as', 'is', 'it', 'pls', 'per', 'into', 'up', 'out', 'de', 'dela', 'der', 'van'}


def classify_case(s):
    letters = [c for c in s if c.isalpha()]
    if not letters:
        return 'sentence'
    if not any(c.islower() for c in letters):
        return 'upper'
    if not any(c.isupper() for c in letters):
        return 'lower'
    words = [w for w in re.findall(r"[^\W\d_][\w'’]*", s) if not any(ch.isdigit() for ch in w)]
    sig = [w for w in words if w.lower() not in SMALL and len(w) > 1]
    if len(sig) >= 2:
        caps = sum(1 for w in sig if w[0].isupper())
        if caps / len(sig) >= 0.8:
            return 'title'
    return 'sentence'
