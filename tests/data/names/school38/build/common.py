"""Shared helpers: accent folding, roster name forms, case classification."""
import csv, os, re, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPECIAL = {'ł': 'l', 'Ł': 'L', 'ı': 'i', 'İ': 'I', 'ø': 'o', 'Ø': 'O', 'ß': 'ss', 'đ': 'd', 'Đ': 'D'}


def fold(s):
    s = ''.join(SPECIAL.get(c, c) for c in s)
    s = unicodedata.normalize('NFKD', s)
    return ''.join(c for c in s if not unicodedata.combining(c))


def norm(s):
    s = fold(s).lower().replace('\u2019', "'")
    s = re.sub(r'\s+', ' ', s).strip()
    return s


PARTICLES = {'van', 'der', 'de', 'la', 'dela', 'ap', 'von', 'den'}


def surname_parts(last):
    """A multi-part surname may be used by a part (Kaur Gill -> Gill, Smith-Jones -> Smith)."""
    parts = [p for p in re.split(r'[ \-]', last) if p and p.lower() not in PARTICLES]
    return parts if len(parts) > 1 else []


def name_forms(person):
    firsts = [person['first_name']]
    if person['preferred_name']:
        firsts.append(person['preferred_name'])
    lasts = [person['last_name']] + surname_parts(person['last_name'])
    forms = set()
    for f in firsts:
        forms.add(f)
    for l in lasts:
        forms.add(l)
        for f in firsts:
            i = f[0]
            forms.update({f'{f} {l}', f'{l} {f}', f'{l}, {f}', f'{i} {l}', f'{i}. {l}',
                          f'{i}.{l}', f'{l} {i}', f'{l}, {i}', f'{l} {i}.', f'{l}, {i}.'})
    return {norm(x) for x in forms}


def load_roster(path=None):
    path = path or os.path.join(ROOT, 'roster.csv')
    with open(path, newline='', encoding='utf-8') as fh:
        return list(csv.DictReader(fh))


SMALL = {'a', 'an', 'and', 'the', 'of', 'for', 'to', 'in', 'on', 'at', 'w/', 're', 're:', 'fwd', 'fwd:',
         'fw', 'fw:', 'with', 'by', 'from', 'vs', 'or', 'is', 'as', 'per', 'via', 'x', 'w', 'pls', 'into', 'up'}


def classify_case(subject):
    letters = [c for c in subject if c.isalpha()]
    if not letters:
        return 'sentence'
    if not any(c.islower() for c in letters):
        return 'upper'
    if not any(c.isupper() for c in letters):
        return 'lower'
    words = [w for w in re.split(r'[\s/]+', subject) if w]
    content = []
    for w in words:
        core = w.strip('()[]"\'-–—:;,.!?&+')
        if not core or not core[0].isalpha():
            continue
        if core.lower() in SMALL or w.lower() in SMALL:
            continue
        content.append(core)
    if len(content) >= 3 and all(c[0].isupper() for c in content):
        return 'title'
    return 'sentence'
