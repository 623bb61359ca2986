#!/usr/bin/env python3
"""Print counts for roster.csv and test.jsonl."""
import json, os, collections
from common import ROOT, load_roster

def main():
    roster = load_roster()
    rows = [json.loads(l) for l in open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8')]
    kc = collections.Counter(p['kind'] for p in roster)
    print('roster: %d people (%s); preferred names: %d' % (len(roster), ', '.join('%s %d' % kv for kv in sorted(kc.items())),
          sum(1 for p in roster if p['preferred_name'])))
    n = len(rows); named = [r for r in rows if r['spans']]
    det = [r for r in named if any(s[2] == 'detector' for s in r['spans'])]
    print('lines: %d' % n)
    print('lines naming someone: %d (%.1f%%)' % (len(named), 100.0 * len(named) / n))
    print('lines naming nobody: %d (%.1f%%)' % (n - len(named), 100.0 * (n - len(named)) / n))
    print('named lines with a detector person: %d (%.1f%% of named)' % (len(det), 100.0 * len(det) / max(1, len(named))))
    sp = collections.Counter(s[2] for r in rows for s in r['spans'])
    print('spans: %d (directory %d, detector %d)' % (sum(sp.values()), sp['directory'], sp['detector']))
    cc = collections.Counter(r['case'] for r in rows)
    print('case: ' + ', '.join('%s %d (%.1f%%)' % (k, cc[k], 100.0 * cc[k] / n) for k in ('sentence', 'title', 'lower', 'upper')))
    kk = collections.Counter(k for r in rows for k in r['kinds'])
    print('lines by directory kind: ' + ', '.join('%s %d' % (k, kk[k]) for k in ('pupil', 'staff', 'parent')))
    multi = sum(1 for r in rows if len(r['spans']) >= 3)
    print('lines with 3+ spans: %d' % multi)
    print('ambiguous lines: %d' % sum(1 for r in rows if r['ambiguous']))
    single = sum(1 for r in rows for s in r['spans'] if ' ' not in s[3].strip())
    print('single-token spans: %d' % single)

if __name__ == '__main__':
    main()
