"""Shared helpers for building and verifying the blind30 set (stdlib only)."""
import csv, os, re, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, 'sources')

TITLES = {'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'sir', 'cllr', 'rev', 'pc', 'pcso', 'dc', 'ds', 'prof',
          'dame', 'lady', 'lord', 'fr', 'sgt', 'insp'}
SMALL = {'a', 'an', 'the', 'and', 'of', 'for', 'to', 'in', 'on', 'at', 'with', 'by', 'from', 'or', 're',
         'fw', 'fwd', 'w', 'vs', 'via', 'per', 'is', 'as', 'into', 'after', 'before', 'up', 'over', 'be'}


def fold(s):
    s = s.replace('ł', 'l').replace('Ł', 'L').replace('ı', 'i').replace('’', "'").replace('-', ' ')
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(c for c in s if not unicodedata.combining(c))
    return ' '.join(s.lower().split())


def name_forms(first, pref, last):
    """All accepted name forms of one roster person, folded."""
    firsts = [f for f in (first, pref) if f]
    forms = set()
    forms.add(last)
    for f in firsts:
        i = f[0]
        forms.update({f, f + ' ' + last, last + ' ' + f, last + ', ' + f,
                      i + ' ' + last, i + '. ' + last, i + '.' + last, last + ' ' + i, last + ', ' + i,
                      last + ' ' + i + '.', last + ', ' + i + '.'})
    return {fold(x) for x in forms}


def read_roster(path=None):
    path = path or os.path.join(ROOT, 'roster.csv')
    with open(path, newline='', encoding='utf-8') as fh:
        return list(csv.DictReader(fh))


def form_index(rows):
    idx = {}
    for r in rows:
        for f in name_forms(r['first_name'], r['preferred_name'], r['last_name']):
            idx.setdefault(f, set()).add(r['kind'])
    return idx


def case_of(s):
    if not any(c.isalpha() for c in s):
        return 'sentence'
    if not any(c.islower() for c in s):
        return 'upper'
    if not any(c.isupper() for c in s):
        return 'lower'
    toks = re.findall(r"[^\W\d_][\w'’\-]*", s)
    content = [t for t in toks if t.lower() not in SMALL]
    if len(content) >= 2:
        cap = sum(1 for t in content if t[0].isupper())
        if cap / len(content) >= 0.8:
            return 'title'
    return 'sentence'
