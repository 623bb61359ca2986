"""One-off helper used once while writing: adds U>/L> recasing prefixes to selected source lines
(every k-th eligible line) to reach the target case mix. Kept for transparency; not part of the rebuild."""
import glob, os, sys, importlib.util
sys.argv = ['x']
spec = importlib.util.spec_from_file_location('bt', os.path.join(os.path.dirname(__file__), 'build_test.py'))
src = open(spec.origin).read().replace('\nmain()\n', '\n')
ns = {'__file__': spec.origin, '__name__': 'bt'}; exec(compile(src, spec.origin, 'exec'), ns)
want = {('sentence', 'U'): 78, ('title', 'U'): 21, ('sentence', 'L'): 18}
UP_FILES = ['01', '02', '03', '04', '06', '07', '10', '11', '12', '13', '08']
LO_FILES = ['14', '09', '07', '06', '02']
cands = {k: [] for k in want}
files = sorted(glob.glob(os.path.join(ns['ROOT'], 'sources/subjects_*.txt')))
lines = {f: open(f, encoding='utf-8').read().split('\n') for f in files}
for f in files:
    tag = os.path.basename(f)[9:11]
    for i, l in enumerate(lines[f]):
        if not l.strip() or l.startswith('#') or l.startswith(('?', 'U>', 'L>')): continue
        c = ns['parse'](l, '')['case']
        if tag in UP_FILES and c in ('sentence', 'title'): cands[(c, 'U')].append((f, i))
        if tag in LO_FILES and c == 'sentence': cands[(c, 'L')].append((f, i))
used = set()
for k, n in want.items():
    pool = [x for x in cands[k] if x not in used]
    step = len(pool) / n
    for j in range(n):
        f, i = pool[int(j * step)]
        if (f, i) in used: continue
        used.add((f, i)); lines[f][i] = k[1] + '> ' + lines[f][i]
for f in files: open(f, 'w', encoding='utf-8').write('\n'.join(lines[f]))
print('recased', len(used))
