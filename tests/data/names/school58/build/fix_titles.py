"""One-off helper: move titles out of markup, e.g. {s:Mrs Reid} -> Mrs {s:Reid}."""
import re, sys
T = r"(CLLR|REV|SIR|Mr|Mrs|Ms|Miss|Dr|PC|Cllr|Rev|Sir|MR|MRS|MS|MISS|DR|mr|mrs|ms|miss|dr|pc|cllr)"
for p in sys.argv[1:]:
    s = open(p, encoding="utf-8").read()
    s2 = re.sub(r"\{([psgd]):" + T + r"\.? ", lambda m: m.group(2) + " {" + m.group(1) + ":", s)
    s2 = re.sub(r"[ \t]+\n", "\n", s2)
    if s2 != s:
        open(p, "w", encoding="utf-8").write(s2)
        print("fixed", p)
