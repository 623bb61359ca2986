"""Shared helpers for build.py / verify.py / stats.py (stdlib only)."""
import csv, os, re, unicodedata
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, '..')
KIND_CODE = {'p': 'pupil', 's': 'staff', 'g': 'parent'}

def fold(s):
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(c for c in s if not unicodedata.combining(c))
    return s.replace('ł', 'l').replace('Ł', 'L').lower()

def norm_form(s):
    s = fold(s).replace('\u2019', "'")
    s = re.sub(r'\s+', ' ', s.strip())
    s = re.sub(r'\.', '', s)
    return s

def load_roster():
    with open(os.path.join(ROOT, 'roster.csv'), encoding='utf-8') as fh:
        return list(csv.DictReader(fh))

def forms_of(p):
    firsts = [p['first_name']] + ([p['preferred_name']] if p['preferred_name'] else [])
    last = p['last_name']
    out = set([last])
    for f in firsts:
        out |= {f, f + ' ' + last, last + ', ' + f, last + ' ' + f, f + ' ' + last[0], f[0] + ' ' + last,
                f + ' ' + last.replace('-', ' ')}
        if '-' in f:
            out.add(f.replace('-', ' ')); out.add(f.replace('-', ' ') + ' ' + last)
    if ' ' in last:  # particles: 'van der Berg' -> also 'Berg'? keep only full
        pass
    return {norm_form(x) for x in out}

def form_index(roster):
    idx = {}
    for p in roster:
        for f in forms_of(p):
            idx.setdefault(f, set()).add(p['kind'])
    return idx

PREFIX = re.compile(r'^\s*((re|fw|fwd|aw)\s*:\s*)+', re.I)
SMALL = {'a','an','the','of','for','and','to','in','on','at','with','re','by','from','or','vs','v','&','+','n','is',
         'as','per','via','into','up','off','out','am','pm'}

def case_of(subject, spans):
    masked = list(subject)
    for sp in spans:
        for i in range(sp[0], sp[1]):
            masked[i] = ' '
    s = PREFIX.sub('', ''.join(masked))
    full = PREFIX.sub('', subject)
    spantext = set(w for sp in spans for w in re.findall(r"[A-Za-zÀ-ɏ][A-Za-zÀ-ɏ'\u2019]*", sp[3]))
    words = re.findall(r"[A-Za-zÀ-ɏ][A-Za-zÀ-ɏ'\u2019]*", s)
    letters = [c for c in full if c.isalpha()]
    if not letters:
        return 'sentence'
    low = sum(1 for c in letters if c.islower())
    if low / len(letters) < 0.12:
        return 'upper'
    def is_acr(w):
        return len(w) >= 2 and w.replace("'", '').isupper()
    fwords = re.findall(r"[A-Za-zÀ-ɏ][A-Za-zÀ-ɏ'\u2019]*", full)
    caps = [w for w in fwords if any(c.isupper() for c in w) and w != 'I']
    if not caps:
        return 'lower'
    content = [w for w in words if w.lower() not in SMALL and not is_acr(w)]
    if len(content) >= 2 and sum(1 for w in content if w[0].isupper()) >= 2:
        capped = sum(1 for w in content if w[0].isupper())
        if capped / len(content) >= 0.75:
            return 'title'
    return 'sentence'
