"""One-off authoring helper: move titles written inside markup braces outside them."""
import glob, re, os
T = r"(Mr|Mrs|Ms|Miss|Dr|Pan|Fr|Rev|Cllr|PC|MR|MRS|MS|MISS|DR|mr|mrs|ms|miss|dr)"
for fn in glob.glob(os.path.join(os.path.dirname(__file__), "..", "sources", "lines", "*.txt")):
    s = open(fn, encoding="utf-8").read()
    s2 = re.sub(r"\{" + T + r" ([^{}]+)\}", r"\1 {\2}", s)
    s2 = re.sub(r"<<" + T + r" ([^<>]+)>>", r"\1 <<\2>>", s2)
    s2 = s2.replace("|}", "}")
    if s2 != s:
        open(fn, "w", encoding="utf-8").write(s2)
        print("fixed", fn)
