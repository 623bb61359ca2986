# one-off helper used while writing: moves titles typed inside [..]/{..} markup to before it
import re, glob, os
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
T = r'(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Rev|Mme|MR|MRS|MISS|MS|DR|mrs|mr|miss|ms)'
for fn in glob.glob(os.path.join(ROOT, 'sources', 'lines_*.txt')):
    s = open(fn, encoding='utf-8').read()
    s2 = re.sub(r'([\[{])(' + T + r') ', r'\2 \1', s)
    if s2 != s: open(fn, 'w', encoding='utf-8').write(s2)
