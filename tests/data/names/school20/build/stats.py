#!/usr/bin/env python3
"""Print statistics of test.jsonl (used for README)."""
import json, os, collections
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
L = [json.loads(l) for l in open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8')]
named = [o for o in L if o['spans']]
c = collections.Counter
print('lines', len(L), 'named', len(named), 'negative', len(L) - len(named))
print('spans by label', dict(c(s[2] for o in L for s in o['spans'])))
print('lines with detector', sum(any(s[2] == 'detector' for s in o['spans']) for o in L))
print('lines with directory', sum(any(s[2] == 'directory' for s in o['spans']) for o in L))
print('case', dict(c(o['case'] for o in L)))
print('kinds (lines containing)', {k: sum(k in o['kinds'] for o in L) for k in ('pupil', 'staff', 'parent')})
print('ambiguous', sum(o['ambiguous'] for o in L))
print('multi-span lines (2+ spans)', sum(len(o['spans']) >= 2 for o in L))
