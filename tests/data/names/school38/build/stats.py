"""Print statistics of test.jsonl (used for the README)."""
import collections, json, os
from common import ROOT

rows = [json.loads(l) for l in open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8')]
named = [r for r in rows if r['spans']]
dirn = [r for r in rows if any(s[2] == 'directory' for s in r['spans'])]
det = [r for r in rows if any(s[2] == 'detector' for s in r['spans'])]
print('lines', len(rows))
print('with >=1 span', len(named), f'{len(named)/len(rows):.1%}', 'negatives (no span)', len(rows) - len(named))
print('lines with detector span', len(det), f'{len(det)/max(1,len(named)):.1%} of named')
print('spans by label', dict(collections.Counter(s[2] for r in rows for s in r['spans'])))
print('case', dict(collections.Counter(r['case'] for r in rows)))
kc = collections.Counter(k for r in rows for k in r['kinds'])
print('kinds (lines)', dict(kc), {k: f'{v/len(named):.0%}' for k, v in kc.items()})
print('ambiguous', sum(r['ambiguous'] for r in rows))
print('multi-person lines (>=2 spans)', sum(len(r['spans']) >= 2 for r in rows))
