"""Shared helpers: accent folding and roster name forms (standard library only)."""
import csv, os, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPECIAL = str.maketrans({'ł': 'l', 'Ł': 'L', 'ø': 'o', 'Ø': 'O', 'ß': 'ss', 'đ': 'd', 'Đ': 'D',
                         '’': "'", '‘': "'", 'ı': 'i'})
TITLES = {'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'sir', 'cllr', 'rev', 'pc', 'pcso', 'prof', 'dame', 'lady', 'lord', 'fr', 'sr', 'nurse'}


def fold(s):
    s = s.translate(SPECIAL)
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(c for c in s if not unicodedata.combining(c))
    return ' '.join(s.lower().split())


def person_forms(first, pref, last):
    firsts = [f for f in (first, pref) if f]
    for f in list(firsts):
        if ' ' in f:
            firsts.append(f.split()[0])
    lasts = [last]
    parts = last.split()
    if len(parts) > 1:
        lasts.append(parts[-1])
    forms = set()
    for l in lasts:
        forms.add(l)
        forms.add(l + ',')
    for f in firsts:
        forms.add(f)
        for l in lasts:
            i = f[0]
            forms.update({f'{f} {l}', f'{l} {f}', f'{l}, {f}', f'{i} {l}', f'{i}. {l}', f'{l} {i}',
                          f'{l}, {i}', f'{l} {i}.', f'{l}, {i}.', f'{f} {l[0]}', f'{f} {l[0]}.'})
    return {fold(x) for x in forms}


def load_roster(path=None):
    path = path or os.path.join(ROOT, 'roster.csv')
    with open(path, encoding='utf-8', newline='') as fh:
        rows = list(csv.DictReader(fh))
    return rows


def form_index(rows):
    """folded name form -> set of kinds (and ids)"""
    idx = {}
    for r in rows:
        for f in person_forms(r['first_name'], r['preferred_name'], r['last_name']):
            idx.setdefault(f, set()).add((r['kind'], r['id']))
    return idx


STOP = {'a', 'an', 'the', 'and', 'or', 'of', 'for', 'to', 'in', 'on', 'at', 'by', 'with', 'w', 're', 'fw',
        'fwd', 'from', 'vs', 'v', 'is', 'per', 'as', 'into', 'via', 'amp', 'x', 'am', 'pm', 's'}


def case_of(s):
    import re
    letters = [c for c in s if c.isalpha()]
    if letters and not any(c.islower() for c in letters):
        return 'upper'
    if not any(c.isupper() for c in letters):
        return 'lower'
    words = re.findall(r"[^\W\d_][^\W_]*", s)
    content = [w for w in words if w.lower() not in STOP]
    if len(content) >= 2 and all(w[0].isupper() for w in content):
        return 'title'
    return 'sentence'
