"""Authoring helper: lower-case whole source lines: python3 lower_lines.py FILE N [N ...]"""
import sys, os
fn = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sources", "lines", sys.argv[1])
lines = open(fn, encoding="utf-8").read().split("\n")
for n in map(int, sys.argv[2:]):
    lines[n - 1] = lines[n - 1].lower().replace(" ##amb", " ##amb")
open(fn, "w", encoding="utf-8").write("\n".join(lines))
