#!/usr/bin/env python3
"""Print counts for ../test.jsonl and ../roster.csv."""
import json, os, collections
from common import ROOT, load_roster

rows = [json.loads(l) for l in open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8')]
roster = load_roster()
n = len(rows)
named = [r for r in rows if any(s[2] == 'directory' or s[2] == 'detector' for s in r['spans'])]
det = [r for r in rows if any(s[2] == 'detector' for s in r['spans'])]
dirl = [r for r in rows if any(s[2] == 'directory' for s in r['spans'])]
spans = [s for r in rows for s in r['spans']]
single = [s for s in spans if len(s[3].split()) == 1]
case = collections.Counter(r['case'] for r in rows)
kinds = collections.Counter(k for r in rows for k in r['kinds'])
rk = collections.Counter(r['kind'] for r in roster)
print('roster rows: %d (%s); preferred names: %d' % (len(roster), ', '.join('%s %d' % (k, rk[k]) for k in ('pupil', 'staff', 'parent')),
      sum(1 for r in roster if r['preferred_name'])))
print('lines: %d' % n)
print('lines naming someone: %d (%.1f%%); with directory span: %d; nobody named: %d' % (len(named), 100 * len(named) / n, len(dirl), n - len(named)))
print('lines with a detector span: %d (%.1f%% of named lines)' % (len(det), 100 * len(det) / max(1, len(named))))
print('spans: %d (directory %d, detector %d); single-token %d (%.1f%%)' % (len(spans), sum(s[2] == 'directory' for s in spans),
      sum(s[2] == 'detector' for s in spans), len(single), 100 * len(single) / max(1, len(spans))))
print('lines with 3+ spans: %d' % sum(1 for r in rows if len(r['spans']) >= 3))
print('case: ' + ', '.join('%s %d (%.1f%%)' % (c, case[c], 100 * case[c] / n) for c in ('sentence', 'title', 'lower', 'upper')))
print('lines by kind named: ' + ', '.join('%s %d' % (k, kinds[k]) for k in ('pupil', 'staff', 'parent')))
print('ambiguous lines: %d' % sum(1 for r in rows if r['ambiguous']))
print('reply/forward prefixed lines: %d' % sum(1 for r in rows if r['subject'].lower().startswith(('re:', 'fw:', 'fwd:'))))
