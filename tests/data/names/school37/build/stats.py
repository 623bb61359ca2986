"""Print summary statistics of test.jsonl (used for README)."""
import json, os
from collections import Counter
from common import ROOT
R = [json.loads(l) for l in open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8')]
named = [r for r in R if r['spans']]
lab = Counter(s[2] for r in R for s in r['spans'])
print('lines', len(R), '| named', len(named), '| negative', len(R) - len(named))
print('spans', sum(lab.values()), dict(lab))
print('lines with detector', sum(any(s[2] == 'detector' for s in r['spans']) for r in R))
print('lines with 2+ people', sum(len(r['spans']) >= 2 for r in R))
print('case', dict(Counter(r['case'] for r in R)))
print('kinds (lines naming)', dict(Counter(k for r in R for k in r['kinds'])))
print('ambiguous', sum(r['ambiguous'] for r in R))
import csv
rows = list(csv.DictReader(open(os.path.join(ROOT, 'roster.csv'), encoding='utf-8')))
print('roster', len(rows), dict(Counter(r['kind'] for r in rows)))
