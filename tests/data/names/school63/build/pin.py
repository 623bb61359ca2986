"""Authoring helper: python3 pin.py FILE LINE NAME KIND [NAME KIND ...] - add a kind pin on a given line."""
import sys, os
fn = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sources", "lines", sys.argv[1])
ln = int(sys.argv[2])
lines = open(fn, encoding="utf-8").read().split("\n")
args = sys.argv[3:]
for name, kind in zip(args[::2], args[1::2]):
    a = "{" + name + "}"
    assert a in lines[ln - 1], (a, lines[ln - 1])
    lines[ln - 1] = lines[ln - 1].replace(a, "{" + name + "|" + kind + "}")
open(fn, "w", encoding="utf-8").write("\n".join(lines))
