import collections, json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT
recs = [json.loads(l) for l in open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8')]
named = [r for r in recs if r['spans']]
dirnamed = [r for r in recs if any(s[2] == 'directory' for s in r['spans'])]
print('lines', len(recs), 'named', len(named), 'negative', len(recs) - len(named))
print('spans', collections.Counter(s[2] for r in recs for s in r['spans']))
print('case', collections.Counter(r['case'] for r in recs))
print('lines with detector', sum(1 for r in named if any(s[2] == 'detector' for s in r['spans'])))
print('multi-person lines', sum(1 for r in recs if len(r['spans']) >= 2))
k = collections.Counter(x for r in recs for x in r['kinds'])
print('kinds (lines)', dict(k), 'of named', len(named))
print('ambiguous', sum(r['ambiguous'] for r in recs))
