"""Case-style classifier shared by build_test.py (verify.py carries its own copy)."""
import re
SMALL = {'a', 'an', 'and', 'as', 'at', 'but', 'by', 'for', 'from', 'in', 'into', 'of', 'on', 'or',
         'the', 'to', 'with', 'via', 'vs', 'w', 'am', 'pm'}

def case_style(s):
    letters = [c for c in s if c.isalpha()]
    if letters and not any(c.islower() for c in letters):
        return 'upper'
    if not any(c.isupper() for c in letters):
        return 'lower'
    words = [w for w in re.findall(r"[^\W\d_][\w'’\-]*", s)]
    content = [w for w in words if w.lower() not in SMALL]
    caps = [w for w in content if w[0].isupper()]
    if len(content) >= 2 and len(caps) == len(content):
        return 'title'
    return 'sentence'
