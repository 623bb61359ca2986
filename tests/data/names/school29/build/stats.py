"""Print statistics of test.jsonl (used for README)."""
import collections, json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT

recs = [json.loads(l) for l in open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8')]
named = [r for r in recs if r['spans']]
neg = [r for r in recs if not r['spans']]
lab = collections.Counter(sp[2] for r in recs for sp in r['spans'])
case = collections.Counter(r['case'] for r in recs)
kinds = collections.Counter(k for r in recs for k in r['kinds'])
print('lines', len(recs), 'named', len(named), 'negative', len(neg), '(of which ambiguous', sum(r['ambiguous'] for r in neg), ')')
print('spans', dict(lab), 'total', sum(lab.values()))
print('lines with detector', sum(1 for r in named if any(s[2] == 'detector' for s in r['spans'])))
print('multi-person lines', sum(1 for r in recs if len(r['spans']) >= 2))
print('case', {k: '%d (%.0f%%)' % (v, 100 * v / len(recs)) for k, v in case.items()})
print('kinds (lines)', {k: '%d (%.0f%% of named)' % (v, 100 * v / len(named)) for k, v in kinds.items()})
print('ambiguous', sum(r['ambiguous'] for r in recs))
