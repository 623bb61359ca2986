"""One-off helper used while writing: move a title out of a span in the source markup."""
import glob
import os
import re

T = r"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Cllr|Rev|PC|PCSO|Nurse|MR|MRS|MS|MISS|DR|mr|mrs|ms|miss|dr)"
SRC = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "sources")
for p in sorted(glob.glob(os.path.join(SRC, "lines_*.txt"))):
    s = open(p, encoding="utf-8").read()
    s2 = re.sub(r"(<<|\{\{)(" + T + r"\.?) ", r"\2 \1", s)
    if s2 != s:
        open(p, "w", encoding="utf-8").write(s2)
        print("fixed titles in", os.path.basename(p))
