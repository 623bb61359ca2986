import json, os, collections, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT
L = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
named = [o for o in L if o["spans"]]
st = collections.Counter()
st["lines"] = len(L); st["named"] = len(named); st["negative"] = len(L) - len(named)
st["ambiguous"] = sum(o["ambiguous"] for o in L)
for o in L:
    for sp in o["spans"]:
        st["span_" + sp[2]] += 1
    st["case_" + o["case"]] += 1
    for k in o["kinds"]:
        st["kind_" + k] += 1
st["lines_with_detector"] = sum(any(s[2] == "detector" for s in o["spans"]) for o in L)
st["lines_with_directory"] = sum(any(s[2] == "directory" for s in o["spans"]) for o in L)
st["multi_person"] = sum(len(o["spans"]) >= 2 for o in L)
for k, v in sorted(st.items()):
    print(f"{k}: {v}")
