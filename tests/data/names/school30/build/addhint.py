"""Dev helper: add kind hints. usage: addhint.py file:line:text:hint ..."""
import sys, os
for a in sys.argv[1:]:
    f, n, t, h = a.split(':')
    p = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'sources', 'lines', f)
    L = open(p, encoding='utf-8').read().split('\n')
    i = int(n) - 1
    assert '[[%s]]' % t in L[i], (a, L[i])
    L[i] = L[i].replace('[[%s]]' % t, '[[%s|%s]]' % (t, h), 1)
    open(p, 'w', encoding='utf-8').write('\n'.join(L))
