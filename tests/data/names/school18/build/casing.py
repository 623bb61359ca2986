import re
PREFIX = re.compile(r'^\s*((re|fw|fwd|aw)\s*:\s*)+', re.I)
FUNC = set('a an the and or but nor of to in on at for with from by as is are was be been re w vs v via per into onto up off out about over after before under until than then so if not no yes it its this that these those our your my his her their we you i me us them he she they am pm etc & + - x'.split())
def strip_prefix(s):
    m = PREFIX.match(s)
    return (s[m.end():], m.end()) if m else (s, 0)
def case_of(subject, spans):
    body, off = strip_prefix(subject)
    letters = [c for c in body if c.isalpha()]
    if letters and sum(c.islower() for c in letters) / len(letters) < 0.12: return 'upper'
    if not any(c.isupper() for c in body): return 'lower'
    # blank out name spans
    chars = list(subject)
    for s, e, *_ in spans:
        for k in range(s, e): chars[k] = ' '
    rest = ''.join(chars)[off:]
    content = cap = 0
    for tok in rest.split():
        w = tok.strip('.,:;!?()"\'/-–—&*[]#@')
        w = re.sub(r"'s$", '', w)
        if not w or any(c.isdigit() for c in w) or not any(c.isalpha() for c in w): continue
        letters_w = [c for c in w if c.isalpha()]
        if len(letters_w) < 2: continue
        if w.lower() in FUNC: continue
        if len(letters_w) >= 2 and all(c.isupper() for c in letters_w): continue  # acronym
        content += 1
        if w[0].isupper(): cap += 1
    if content >= 2 and cap >= 2 and cap / content >= 0.75: return 'title'
    return 'sentence'
