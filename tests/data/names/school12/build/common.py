import os, unicodedata, csv
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_EXTRA = str.maketrans({'ł':'l','Ł':'L','đ':'d','Đ':'D','ø':'o','Ø':'O','ß':'ss','’':"'"})
def fold(s):
    s = unicodedata.normalize('NFKD', s.translate(_EXTRA))
    return ''.join(c for c in s if not unicodedata.combining(c)).lower()

def load_roster():
    with open(os.path.join(ROOT, 'roster.csv'), encoding='utf-8') as fh:
        return list(csv.DictReader(fh))

def name_forms(r):
    """All accepted surface forms (folded) for one roster row."""
    givens = [r['first_name']] + ([r['preferred_name']] if r['preferred_name'] else [])
    last = r['last_name']
    out = {fold(last)}
    for g in givens:
        gi = g[0]
        for f in (g, f'{g} {last}', f'{last} {g}', f'{last}, {g}', f'{g} {last[0]}', f'{g} {last[0]}.',
                  f'{gi} {last}', f'{gi}. {last}', f'{gi}.{last}', f'{last} {gi}', f'{last}, {gi}'):
            out.add(fold(f))
    return out

def index_roster(rows):
    by_kind = {}
    allforms = set()
    for r in rows:
        fs = name_forms(r)
        by_kind.setdefault(r['kind'], set()).update(fs)
        allforms |= fs
    return by_kind, allforms
