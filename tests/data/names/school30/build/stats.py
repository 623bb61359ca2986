"""Print stats of test.jsonl (used for README)."""
import json, os, sys, collections
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT
recs = [json.loads(l) for l in open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8')]
named = [r for r in recs if r['spans']]
print('lines', len(recs), 'named', len(named), 'negative', len(recs) - len(named))
print('spans by label', collections.Counter(s[2] for r in recs for s in r['spans']))
print('lines with detector', sum(1 for r in named if any(s[2] == 'detector' for s in r['spans'])))
print('case', collections.Counter(r['case'] for r in recs))
kc = collections.Counter(k for r in named for k in r['kinds'])
print('kinds (lines)', kc, {k: round(100 * v / len(named)) for k, v in kc.items()})
print('ambiguous', sum(r['ambiguous'] for r in recs))
print('multi-person lines', sum(1 for r in recs if len(r['spans']) >= 2))
