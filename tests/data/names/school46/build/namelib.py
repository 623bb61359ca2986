"""Shared helpers: folding, name forms, case classification (stdlib only)."""
import csv, os, re, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

SPECIAL = {'ł': 'l', 'Ł': 'L', 'đ': 'd', 'Đ': 'D', 'ø': 'o', 'Ø': 'O', 'ß': 'ss',
           '\u2019': "'", '\u2018': "'", '\u2010': '-', '\u2011': '-', '\u2013': '-'}

def ascii_fold(s):
    s = ''.join(SPECIAL.get(c, c) for c in s)
    s = unicodedata.normalize('NFKD', s)
    return ''.join(c for c in s if not unicodedata.combining(c))

def fold(s):
    s = ascii_fold(s).lower()
    s = re.sub(r'\s+', ' ', s).strip()
    return s

def name_forms(first, preferred, last):
    """All written forms of one person's name, folded."""
    firsts = [n for n in (first, preferred) if n]
    out = set()
    L = last
    out.add(L)
    for n in firsts:
        i = n[0]
        # initials of multi-part first names: "Jhon Lloyd" -> "JL"
        ii = ''.join(w[0] for w in re.split(r'[\s-]+', n) if w)
        out.update({n, f'{n} {L}', f'{L} {n}', f'{L}, {n}',
                    f'{i} {L}', f'{i}. {L}', f'{L} {i}', f'{L}, {i}', f'{L} {i}.', f'{L}, {i}.',
                    f'{ii} {L}', f'{L} {ii}', f'{L}, {ii}', f'{n} {L[0]}'})
    if first and preferred:
        out.add(f'{first} ({preferred}) {L}')
    return {fold(x) for x in out}

def load_roster(path=None):
    path = path or os.path.join(ROOT, 'roster.csv')
    with open(path, newline='', encoding='utf-8') as f:
        return list(csv.DictReader(f))

def form_index(roster):
    idx = {}
    for r in roster:
        for fm in name_forms(r['first_name'], r['preferred_name'], r['last_name']):
            idx.setdefault(fm, []).append(r)
    return idx

SMALL = {'a', 'an', 'the', 'and', 'or', 'of', 'to', 'for', 'in', 'on', 'at', 'by', 'w/', 'with', 'from',
         'vs', 'v', 'via', 'per', 're', 're:', 'fw:', 'fwd:', 'as', 'is', 'into', 'up', '&', '+', 'pm', 'am'}

def classify_case(s):
    letters = [c for c in s if c.isalpha()]
    if letters and all(not c.islower() for c in letters):
        return 'upper'
    if letters and all(not c.isupper() for c in letters):
        return 'lower'
    words = [w for w in re.split(r'[\s/]+', s) if any(c.isalpha() for c in w)]
    content = []
    for w in words:
        core = w.strip('()[]"\'.,:;!?-–')
        if not core or not core[0].isalpha():
            continue
        if core.lower() in SMALL or w.lower() in SMALL:
            continue
        content.append(core)
    if len(content) >= 2 and all(c[0].isupper() for c in content):
        return 'title'
    return 'sentence'

TITLES = {'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'sir', 'cllr', 'rev', 'revd', 'pc', 'pcso', 'fr',
          'father', 'deacon', 'sister', 'prof', 'master', 'mstr', 'dame', 'lord', 'lady', 'canon', 'mgr'}
