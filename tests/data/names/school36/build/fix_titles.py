"""Move a leading title out of span markup: [[Mrs X|k]] -> Mrs [[X|k]] (run on hand-written source files)."""
import re
import sys
T = r"(mr|mrs|ms|miss|mx|dr|sir|cllr|rev|pc|prof)"
for p in sys.argv[1:]:
    s = open(p, encoding="utf-8").read()
    s = re.sub(r"\[\[" + T + r"\.? ", lambda m: m.group(0)[2:] + "[[", s, flags=re.I)
    s = re.sub(r"\{\{" + T + r"\.? ", lambda m: m.group(0)[2:] + "{{", s, flags=re.I)
    open(p, "w", encoding="utf-8").write(s)
