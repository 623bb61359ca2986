"""Print statistics of test.jsonl (used for the README)."""
import json, os
from collections import Counter
from common import ROOT
items = [json.loads(l) for l in open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8')]
named = [i for i in items if i['spans']]
print('lines', len(items), 'named', len(named), 'negative', len(items) - len(named))
print('spans by label', dict(Counter(s[2] for i in items for s in i['spans'])))
print('lines with detector', sum(1 for i in named if any(s[2] == 'detector' for s in i['spans'])))
print('lines with 2+ people', sum(1 for i in items if len(i['spans']) >= 2))
print('case', dict(Counter(i['case'] for i in items)))
kc = Counter(k for i in items for k in i['kinds'])
print('kinds (lines naming each kind)', dict(kc), 'of', len(named), 'named lines')
print('ambiguous', sum(i['ambiguous'] for i in items))
