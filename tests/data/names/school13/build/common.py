"""Shared helpers for build.py / verify.py / stats.py (standard library only)."""
import csv, re, unicodedata, os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, '..')
_T = str.maketrans({'ł': 'l', 'Ł': 'L', 'ø': 'o', 'ß': 'ss', 'đ': 'd'})

def fold(s):
    s = s.translate(_T)
    return ''.join(c for c in unicodedata.normalize('NFKD', s) if not unicodedata.combining(c))

def norm(s):
    """case- and accent-insensitive key; hyphen/dot/comma treated as spaces, apostrophes dropped."""
    s = fold(s).casefold().replace('\u2019', "'").replace("'", '')
    s = re.sub(r'[-.,]', ' ', s)
    return ' '.join(s.split())

def load_roster():
    with open(os.path.join(ROOT, 'roster.csv'), encoding='utf-8') as f:
        return list(csv.DictReader(f))

def directory_forms(r):
    """All accepted written forms for one roster row (normalised)."""
    firsts = [r['first_name']] + ([r['preferred_name']] if r['preferred_name'] else [])
    last = r['last_name']
    forms = {norm(last)}
    for f in firsts:
        parts = norm(f).split()
        ini = ''.join(p[0] for p in parts)
        forms |= {norm(f), norm(f + ' ' + last), norm(last + ' ' + f), norm(f + ' ' + last[0]),
                  norm(ini + ' ' + last), norm(' '.join(ini) + ' ' + last)}
    return forms

def basic_forms(r):
    """first, preferred, last, full -- what a detector span must never equal."""
    out = {norm(r['first_name']), norm(r['last_name']), norm(r['first_name'] + ' ' + r['last_name'])}
    if r['preferred_name']:
        out |= {norm(r['preferred_name']), norm(r['preferred_name'] + ' ' + r['last_name'])}
    return out

def index(roster):
    by_kind = {'pupil': set(), 'staff': set(), 'parent': set()}
    basic = set()
    for r in roster:
        by_kind[r['kind']] |= directory_forms(r)
        basic |= basic_forms(r)
    return by_kind, basic

PREFIX = re.compile(r'^(?:\s*(?:re|fw|fwd)\s*:\s*)+', re.I)
FUNCTION = set("""a an the and or but nor of in on at to for from by with without into onto over under up down off out about as
is are was were be been am do does did has have had not no yes so if then than that this these those it its it's i
me my we our us you your he she his her they their them who what when where why how all any some per via vs v re
n & + / - can will would could should may might must just pls please also too only still""".split())
WORD = re.compile(r"[^\W\d_][\w'\u2019\-]*", re.U)

def compute_case(subject, spans):
    m = PREFIX.match(subject)
    start = m.end() if m else 0
    body = subject[start:]
    letters = [c for c in body if c.isalpha()]
    if not letters:
        return 'lower'
    lower = sum(1 for c in letters if c.islower())
    if lower / len(letters) < 0.12:
        return 'upper'
    ups = [w for w in WORD.finditer(body) if any(c.isupper() for c in w.group())]
    if all(w.group() == 'I' for w in ups):
        return 'lower'
    inside = lambda a, b: any(s <= a and b <= e for s, e, *_ in spans)
    content = []
    for w in WORD.finditer(body):
        a, b = w.start() + start, w.end() + start
        if inside(a, b):
            continue
        t = w.group()
        if t.casefold() in FUNCTION:
            continue
        lets = [c for c in t if c.isalpha()]
        if len(lets) >= 2 and all(c.isupper() for c in lets):
            continue  # acronym
        content.append(t)
    capd = sum(1 for t in content if t[0].isupper())
    if capd >= 2 and capd >= 0.75 * len(content):
        return 'title'
    return 'sentence'

TITLES = {'mr', 'mrs', 'ms', 'miss', 'dr', 'sir', 'pcso', 'cllr', 'mx', 'prof', 'imam', 'cllr.', 'mr.', 'mrs.', 'dr.'}
