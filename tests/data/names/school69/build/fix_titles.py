"""One-off helper used while writing: move a leading title out of a markup span in sources/lines_*.txt."""
import glob, os, re
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
T = r"(?i:mr|mrs|ms|miss|dr|cllr|rev|pcso|pc|sir|nurse)"
for p in sorted(glob.glob(os.path.join(ROOT, "sources", "lines_*.txt"))):
    s = open(p, encoding="utf-8").read()
    s2 = re.sub(r"\{(" + T + r"\.?) ", r"\1 {", s)
    s2 = re.sub(r"<(" + T + r"\.?) ", r"\1 <", s2)
    if s2 != s:
        open(p, "w", encoding="utf-8").write(s2)
        print("fixed", p)
