"""One-off source tidy: move a title written inside markup to just before it ({S:Mr Wear} -> Mr {S:Wear})."""
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s2 = re.sub(r"\{([PSGD]):((?:Mr|Mrs|Ms|Miss|Dr|PCSO|Mme|Cllr|PC|Sir|Rev|mr|mrs|ms|miss|MR|MRS|MS|MISS|DR)\.? )", r"\2{\1:", s)
open(p, "w", encoding="utf-8").write(s2)
print("moved", len(re.findall(r"\{([PSGD]):((?:Mr|Mrs|Ms|Miss|Dr|PCSO|Mme|Cllr|PC|Sir|Rev|mr|mrs|ms|miss|MR|MRS|MS|MISS|DR)\.? )", s)))
