"""Print counts for test.jsonl (used for README)."""
import json, collections, os
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
rows = [json.loads(l) for l in open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8')]
named = [r for r in rows if r['spans']]
det = sum(1 for r in named if any(s[2] == 'detector' for s in r['spans']))
print('lines', len(rows), '| named', len(named), '(%.1f%%)' % (100 * len(named) / len(rows)), '| none', len(rows) - len(named))
print('named lines with a detector span', det, '(%.1f%% of named)' % (100 * det / len(named)))
print('spans', dict(collections.Counter(s[2] for r in rows for s in r['spans'])))
c = collections.Counter(r['case'] for r in rows)
print('case', {k: '%d (%.0f%%)' % (v, 100 * v / len(rows)) for k, v in c.most_common()})
print('lines by kind', dict(collections.Counter(k for r in rows for k in r['kinds'])))
print('kinds combos', dict(collections.Counter(tuple(r['kinds']) for r in rows)))
print('ambiguous', sum(r['ambiguous'] for r in rows))
print('spans per line', dict(collections.Counter(len(r['spans']) for r in rows)))
