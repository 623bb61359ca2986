#!/usr/bin/env python3
"""Print counts for roster.csv and test.jsonl."""
import collections, json, os
from common import ROOT, load_roster

rows = load_roster()
L = [json.loads(l) for l in open(os.path.join(ROOT, 'test.jsonl'), encoding='utf-8')]
kc = collections.Counter(r['kind'] for r in rows)
print(f"roster: {len(rows)} people (pupil {kc['pupil']}, staff {kc['staff']}, parent {kc['parent']}); preferred names {sum(1 for r in rows if r['preferred_name'])}; with personal emails {sum(1 for r in rows if r['personal_emails'])}")
named = [x for x in L if x['spans']]
det = [x for x in named if any(s[2] == 'detector' for s in x['spans'])]
dironly = [x for x in named if any(s[2] == 'directory' for s in x['spans'])]
print(f"lines: {len(L)}; naming someone {len(named)} ({len(named)/len(L):.1%}); naming nobody {len(L)-len(named)}")
print(f"lines with a detector person: {len(det)} ({len(det)/len(named):.1%} of named); lines with a directory person: {len(dironly)}")
cc = collections.Counter(x['case'] for x in L)
print('case: ' + ', '.join(f"{c} {cc[c]} ({cc[c]/len(L):.1%})" for c in ('sentence', 'title', 'lower', 'upper')))
sp = [s for x in L for s in x['spans']]
tc = collections.Counter(s[2] for s in sp)
single = sum(1 for s in sp if len(s[3].split()) == 1)
print(f"spans: {len(sp)} (directory {tc['directory']}, detector {tc['detector']}); single-token {single} ({single/len(sp):.1%})")
print(f"lines with 3+ spans: {sum(1 for x in L if len(x['spans']) >= 3)}; ambiguous: {sum(x['ambiguous'] for x in L)}")
print(f"reply/forward prefixed: {sum(1 for x in L if x['subject'].upper().startswith(('RE:', 'FW:', 'FWD:')))}")
kk = collections.Counter(k for x in L for k in x['kinds'])
print(f"lines by kind named: pupil {kk['pupil']}, staff {kk['staff']}, parent {kk['parent']}")
nonascii = sum(1 for s in sp if not s[3].isascii())
print(f"spans with non-ASCII letters: {nonascii}")
