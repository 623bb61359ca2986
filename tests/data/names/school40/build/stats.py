#!/usr/bin/env python3
"""Print the statistics quoted in README.md."""
import json, os, collections
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
recs = [json.loads(l) for l in open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8')]
named = [r for r in recs if r['spans']]
c = collections.Counter()
for r in recs:
    c['case_' + r['case']] += 1
    for s in r['spans']: c['span_' + s[2]] += 1
    for k in r['kinds']: c['kind_' + k] += 1
    c['amb'] += r['ambiguous']
    if len(r['spans']) >= 2: c['multi'] += 1
    if any(s[2] == 'detector' for s in r['spans']): c['det_lines'] += 1
print('lines', len(recs), 'named', len(named), 'negative', len(recs) - len(named))
for k in sorted(c): print(k, c[k], '(%.0f%% of lines, %.0f%% of named)' % (100 * c[k] / len(recs), 100 * c[k] / max(1, len(named))))
