"""Review helper (not part of verify): list words outside spans that equal a roster first/preferred/last name."""
import json, os, re
from common import ROOT, norm, load_roster, surname_parts

names = set()
for p in load_roster():
    for x in [p['first_name'], p['preferred_name'], p['last_name']] + surname_parts(p['last_name']):
        if x:
            names.add(norm(x))
for line in open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8'):
    o = json.loads(line)
    s = o['subject']
    for a, b, *_ in o['spans']:
        s = s[:a] + '#' * (b - a) + s[b:]
    hits = [w for w in re.findall(r"[^\W\d_]+(?:['\-][^\W\d_]+)*", s) if norm(w) in names]
    if hits:
        print(hits, '|', o['subject'])
