import json,collections
R=[json.loads(l) for l in open(__import__('os').path.join(__import__('os').path.dirname(__import__('os').path.dirname(__import__('os').path.abspath(__file__))),'test.jsonl'),encoding='utf-8')]
named=[r for r in R if r['spans']]
n=len(named)
print('total',len(R),'named',n,'neg',len(R)-n, f"{(len(R)-n)/len(R):.2%}")
c=collections.Counter(r['case'] for r in R); print('case',{k:f"{v} {v/len(R):.1%}" for k,v in c.items()})
d=sum(any(s[2]=='detector' for s in r['spans']) for r in named); print('det lines',d,f"{d/n:.1%}")
print('multi',sum(len(r['spans'])>=2 for r in R))
k=collections.Counter(x for r in named for x in r['kinds']); print('kinds',{a:f"{b} {b/n:.1%}" for a,b in k.items()})
print('spans',collections.Counter(s[2] for r in R for s in r['spans']))
print('amb',sum(r['ambiguous'] for r in R))
