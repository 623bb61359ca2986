#!/usr/bin/env python3
"""Print stats of test.jsonl (markdown), used for README."""
import json, os, collections
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

def stats():
    recs = [json.loads(l) for l in open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8')]
    n = len(recs)
    named = [r for r in recs if r['spans']]
    neg = n - len(named)
    lab = collections.Counter(s[2] for r in recs for s in r['spans'])
    case = collections.Counter(r['case'] for r in recs)
    kinds = collections.Counter(k for r in recs for k in r['kinds'])
    det_lines = sum(1 for r in named if any(s[2] == 'detector' for s in r['spans']))
    multi = sum(1 for r in recs if len(r['spans']) >= 2)
    amb = sum(1 for r in recs if r['ambiguous'])
    L = []
    L.append('| measure | count | share |')
    L.append('|---|---|---|')
    L.append('| lines | %d | |' % n)
    L.append('| negative lines (no span) | %d | %.1f%% |' % (neg, 100 * neg / n))
    L.append('| named lines (>=1 span) | %d | %.1f%% |' % (len(named), 100 * len(named) / n))
    L.append('| named lines with a detector span | %d | %.1f%% of named |' % (det_lines, 100 * det_lines / max(1, len(named))))
    L.append('| lines with 2+ people | %d | |' % multi)
    L.append('| ambiguous lines | %d | |' % amb)
    L.append('| spans: directory | %d | |' % lab['directory'])
    L.append('| spans: detector | %d | |' % lab['detector'])
    for c in ('sentence', 'lower', 'upper', 'title'):
        L.append('| case %s | %d | %.1f%% |' % (c, case[c], 100 * case[c] / n))
    for k in ('pupil', 'staff', 'parent'):
        L.append('| named lines naming a %s | %d | %.1f%% of named |' % (k, kinds[k], 100 * kinds[k] / max(1, len(named))))
    return '\n'.join(L)

if __name__ == '__main__':
    print(stats())
