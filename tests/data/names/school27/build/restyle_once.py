"""ONE-OFF tool (already applied; not part of the build). Recases some hand-written
sentence-case source lines to the house style of the sender (exams office writes in caps,
IT/site write quick lower-case notes, some tutors use Title Case). Kept for transparency."""
import os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from names import case_of, MINOR
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOK = re.compile(r"(\[\[.+?\]\]|<<.+?>>)")

def plain(line):
    return TOK.sub(lambda m: m.group(0)[2:-2].split("|")[0], line)

def _upper(line):
    out, pos = "", 0
    for m in TOK.finditer(line):
        out += line[pos:m.start()].upper()
        inner = m.group(0)[2:-2]
        text, bar, kind = inner.partition("|")
        out += m.group(0)[:2] + text.upper() + bar + kind + m.group(0)[-2:]
        pos = m.end()
    return out + line[pos:].upper()

def lower(line):
    return line.lower()

def title(line):
    def cap(m):
        w = m.group(0)
        return w if w.lower() in MINOR else w[0].upper() + w[1:]
    out, pos = "", 0
    for m in TOK.finditer(line):
        out += re.sub(r"(?<![\w'’])[^\W\d_][\w'’-]*", cap, line[pos:m.start()])
        inner = m.group(0)[2:-2]
        text, bar, kind = inner.partition("|")
        text = re.sub(r"(?<![\w'’])[^\W\d_][\w'’-]*", cap, text)
        out += m.group(0)[:2] + text + bar + kind + m.group(0)[-2:]
        pos = m.end()
    out += re.sub(r"(?<![\w'’])[^\W\d_][\w'’-]*", cap, line[pos:])
    return out[0].upper() + out[1:] if out[0].isalpha() else out

PLAN = {"01_pastoral.txt": [(3, lower), (4, title)], "02_safeguarding.txt": [(3, _upper)],
        "03_exams_cover.txt": [(2, _upper)], "04_ops.txt": [(3, lower), (5, _upper)],
        "05_careers_enrich.txt": [(4, _upper), (5, lower)], "06_parents.txt": [(4, title), (5, _upper)]}
for fn, plan in PLAN.items():
    path = os.path.join(ROOT, "sources", "lines", fn)
    lines = open(path, encoding="utf-8").read().split("\n")
    n = 0
    for i, l in enumerate(lines):
        if not l.strip() or l.startswith("#") or l.startswith("??"):
            continue
        if case_of(plain(l)) != "sentence":
            continue
        n += 1
        for every, fnc in plan:
            if n % every == 0:
                lines[i] = fnc(l)
                break
    open(path, "w", encoding="utf-8").write("\n".join(lines))
