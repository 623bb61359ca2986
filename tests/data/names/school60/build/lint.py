import json,csv,re,sys
sys.path.insert(0,'build')
from names import norm
names=set()
for r in csv.DictReader(open('roster.csv',encoding='utf-8')):
    for x in [r['first_name'],r['preferred_name'],r['last_name']]+r['last_name'].split():
        if x: names.add(norm(x))
for l in open('test.jsonl',encoding='utf-8'):
    r=json.loads(l); s=r['subject']
    mask=list(s)
    for a,b,*_ in r['spans']:
        for i in range(a,b): mask[i]=' '
    m=''.join(mask)
    hits=[w for w in re.findall(r"[^\W\d_][^\W\d_'-]*",m) if norm(w) in names and len(w)>1]
    if hits: print(hits,'|',s)
