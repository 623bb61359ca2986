import unicodedata, re, csv, os
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXTRA = {'ł': 'l', 'Ł': 'L', 'ı': 'i', 'İ': 'I', 'ø': 'o', 'Ø': 'O', 'ß': 'ss', 'đ': 'd', 'Đ': 'D', 'æ': 'ae'}
def fold(s):
    s = ''.join(EXTRA.get(c, c) for c in s)
    s = unicodedata.normalize('NFKD', s)
    return ''.join(c for c in s if not unicodedata.combining(c))
def norm(s):
    s = fold(s).casefold().replace('.', ' ').replace(',', ' ').replace('\u2019', "'")
    return ' '.join(s.split())
def forms(p):
    last = p['last_name']
    firsts = {p['first_name']}
    if p['preferred_name']: firsts.add(p['preferred_name'])
    if ' ' in p['first_name']: firsts.add(p['first_name'].split()[0])
    out = {last}
    for f in firsts:
        out |= {f, f'{f} {last}', f'{f} {last[0]}', f'{f[0]}. {last}', f'{f[0]} {last}', f'{last}, {f}',
                f'{last} {f}', f'{last} {f[0]}', f'{last} {f[0]}.'}
        if ' ' in f:
            ini = ''.join(w[0] + '.' for w in f.split())
            out |= {f'{ini} {last}', f'{ini}{last}'}
    return {norm(x) for x in out}
def load_roster():
    with open(os.path.join(ROOT, 'roster.csv'), newline='', encoding='utf-8') as fh:
        return list(csv.DictReader(fh))
