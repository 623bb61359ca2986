"""ONE-OFF helper, already applied to sources/lines_*.txt on the day the set was written; NOT part of the build
(re-running it would trim again). After hand-writing ~650 lines, it (1) dropped 40 negatives and 14 plain named
lines at random (seeded) to reach 600 and the target negative share, sparing negatives that carry a name-like
trap word, and (2) re-cased a seeded selection of sentence-case lines into the upper / lower / Title styles of
the senders who write that way (attendance/office/EYFS -> UPPER, DSL/TAs/clubs -> lower, office/PA -> Title)."""
import glob, os, random, re, sys
sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..'))
from common import SRC, case_of
from build_tests import parse

TRAP = re.compile(r'\b(hope|will|grace|joy|summer|autumn|bill|mark|miles|rich|faith|hall|field|king|bell|rose|brook|'
                  r'cross|day|moss|stone|wood|young|best|short|sharp|hill|dean|lee|price|ward|april|monday|sunday|star|'
                  r'sky|rain|honey|cherry|poppy|daisy|lily|ruby|amber|sunny|gift|precious|blessing|favour|miracle|noor|'
                  r'pat|rob|cotton|mill|booth|lees|royton|chadderton|oldham|bury|ashton|mossley|shaw|hazel|rowan|ash|oak|'
                  r'wilson|dahl|rowling|morpurgo|walliams|donaldson|seuss|blyton|rosen|cowell|annie|kenney|churchill|'
                  r'armitage|gruffalo|peppa|paddington|tom|florence|rosa|mary|marcus|palin|potter|seacole|michael|mro)\b', re.I)
rng = random.Random(2026)
files = sorted(glob.glob(os.path.join(SRC, 'lines_*.txt')))
data = {f: open(f, encoding='utf-8').read().split('\n') for f in files}
cands_neg, cands_named = [], []
for f, lines in data.items():
    for i, l in enumerate(lines):
        if not l.strip() or l.startswith('#') or l.startswith('??'):
            continue
        it = parse(l)
        if not it['spans'] and not TRAP.search(l):
            cands_neg.append((f, i))
        elif len(it['spans']) == 1 and it['spans'][0][2] == 'directory':
            cands_named.append((f, i))
drop = set(rng.sample(cands_neg, 40)) | set(rng.sample(cands_named, 14))
for f, i in drop:
    data[f][i] = None
for f in files:
    data[f] = [l for l in data[f] if l is not None]

def upper(l):
    return re.sub(r'\|([PSG])\]\]', lambda m: '|' + m.group(1).lower() + ']]', l.upper())
def lower(l):
    return l.lower()
MINOR = {'a', 'an', 'the', 'of', 'and', 'or', 'to', 'in', 'on', 'at', 'for', 'with', 'w', 'by', 'from', 'vs', 'v', 'per', 'x'}
def title(l):
    return re.sub(r"(?<![\w|'’])([a-z])([\w'’\-]*)", lambda m: m.group(0) if m.group(0) in MINOR else m.group(1).upper() + m.group(2), l)

pref = {'upper': ['attendance', 'eyfs_office', 'business', 'visitors', 'teaching'],
        'lower': ['dsl', 'clubs_misc', 'senco', 'teaching', 'attendance'],
        'title': ['eyfs_office', 'business', 'teaching', 'senco']}
want = {'upper': 120, 'lower': 132, 'title': 100}
def count():
    c = {}
    for f in files:
        for l in data[f]:
            if l.strip() and not l.startswith('#'):
                k = parse(l)['case']; c[k] = c.get(k, 0) + 1
    return c
for style, fn in (('upper', upper), ('lower', lower), ('title', title)):
    need = want[style] - count().get(style, 0)
    pool = [(f, i) for f in files for i, l in enumerate(data[f])
            if any(p in os.path.basename(f) for p in pref[style]) and l.strip() and not l.startswith('#')
            and not l.startswith('??') and parse(l)['case'] == 'sentence']
    for f, i in rng.sample(pool, min(need, len(pool))):
        new = fn(data[f][i])
        if parse(new)['case'] == style:
            data[f][i] = new
for f in files:
    open(f, 'w', encoding='utf-8').write('\n'.join(data[f]))
print(count())
