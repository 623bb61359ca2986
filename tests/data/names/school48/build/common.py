"""Shared helpers (standard library only)."""
import os, re, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, 'sources')

SPECIAL = {'ł': 'l', 'Ł': 'L', 'ø': 'o', 'Ø': 'O', 'ß': 'ss', 'đ': 'd', 'Đ': 'D',
           '’': "'", '‘': "'", 'æ': 'ae', 'Æ': 'AE', 'ı': 'i'}

def fold(s):
    s = ''.join(SPECIAL.get(c, c) for c in s)
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(c for c in s if not unicodedata.combining(c))
    return s

def key(s):
    """case/accent/space-insensitive key for name forms"""
    s = fold(s).lower()
    s = re.sub(r'\s+', ' ', s).strip()
    return s

def read_rows(name):
    rows = []
    with open(os.path.join(SRC, name), encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            rows.append(line.split('|'))
    return rows

def name_forms(first, preferred, last):
    """All the ways staff write a person's name (returned as fold keys)."""
    firsts = [first] + ([preferred] if preferred else [])
    # first part of a hyphenated first name (Lacey-Mae -> Lacey) is a common short form
    for f in list(firsts):
        if '-' in f:
            firsts.append(f.split('-')[0])
    lasts = [last]
    if ' ' in last:               # "Kaur Dhillon" -> "Dhillon"
        lasts.append(last.split(' ')[-1])
    forms = set()
    for f in firsts:
        forms.add(f)
        for l in lasts:
            i = f[0]
            forms.update({
                f'{f} {l}', f'{l} {f}', f'{l}, {f}',
                f'{i} {l}', f'{i}. {l}', f'{i}.{l}', f'{l} {i}', f'{l}, {i}', f'{l}, {i}.', f'{l} {i}.',
                f'{f} {l[0]}', f'{f} {l[0]}.',
            })
    for l in lasts:
        forms.add(l)
    return {key(x) for x in forms}

def case_of(s):
    letters = [c for c in s if c.isalpha()]
    if letters and all(not c.islower() for c in letters) and any(c.isupper() for c in letters):
        return 'upper'
    if letters and all(not c.isupper() for c in letters):
        return 'lower'
    minor = {'a', 'an', 'the', 'of', 'and', 'or', 'to', 'in', 'on', 'at', 'for', 'with', 'w', 'by',
             'from', 'vs', 'v', 'per', 're', 'fw', 'fwd', 'is', 'as', 'into', 'up', 'off', 'am', 'pm', 'x', 's'}
    words = re.findall(r"[^\W\d_][\w'’\-]*", s)
    counted = [w for w in words if w.lower() not in minor]
    if len(counted) >= 2 and all(w[0].isupper() for w in counted):
        return 'title'
    return 'sentence'

TITLES = {'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'sir', 'cllr', 'rev', 'pc', 'pcso', 'prof', 'nurse', 'dame', 'lady', 'lord', 'fr'}
