#!/usr/bin/env python3
"""Build roster.csv and test.jsonl from the hand-written files in ../sources.

sources/roster.txt : sections '## pupils', '## staff', '## parents'; rows first|preferred|last|note
sources/lines_*.txt: one subject per line; person names marked up as
    ⟦text|P⟧ pupil, ⟦text|S⟧ staff, ⟦text|G⟧ parent/carer (all 'directory'), ⟦text|X⟧ not on roster ('detector').
    A line starting with '!A ' is ambiguous (the prefix is removed). '#' lines and blank lines are ignored.
Deterministic: no randomness, files read in sorted order.
"""
import csv, glob, hashlib, json, os, re, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SRC = os.path.join(ROOT, 'sources')

SPECIAL = {'Ł': 'L', 'ł': 'l', 'Ø': 'O', 'ø': 'o', 'ß': 'ss', 'Æ': 'AE', 'æ': 'ae', 'ı': 'i', 'Đ': 'D', 'đ': 'd'}

def ascii_fold(s):
    s = ''.join(SPECIAL.get(c, c) for c in s)
    s = unicodedata.normalize('NFKD', s)
    return ''.join(c for c in s if not unicodedata.combining(c))

def slug(s):
    return re.sub(r'[^a-z0-9]', '', ascii_fold(s).lower())

def digits(key, n):
    h = hashlib.sha256(key.encode('utf-8')).hexdigest()
    return str(int(h, 16))[:n].rjust(n, '0')

def read_roster():
    sec = None
    rows = {'pupils': [], 'staff': [], 'parents': []}
    with open(os.path.join(SRC, 'roster.txt'), encoding='utf-8') as f:
        for raw in f:
            line = raw.strip()
            if not line or (line.startswith('#') and not line.startswith('##')):
                continue
            if line.startswith('##'):
                sec = line[2:].strip()
                continue
            parts = [p.strip() for p in line.split('|')]
            while len(parts) < 4:
                parts.append('')
            rows[sec].append(parts[:4])
    return rows

DOMAINS = ['gmail.com', 'hotmail.co.uk', 'outlook.com', 'yahoo.co.uk', 'icloud.com', 'hotmail.com', 'live.co.uk']

def build_roster():
    rows = read_roster()
    out = []
    used_email = set()
    used_codes = set()
    def uniq_email(local, domain):
        e = f'{local}@{domain}'
        n = 2
        while e in used_email:
            e = f'{local}{n}@{domain}'
            n += 1
        used_email.add(e)
        return e
    for i, (first, pref, last, note) in enumerate(rows['pupils'], 1):
        pid = f'P{i:04d}'
        email = uniq_email(slug(first)[:1] + slug(last), 'pupils.larkspurlodge.bham.sch.uk')
        pers = ''
        if note == 'Pathways' and int(digits(pid, 2)) % 3 == 0:
            pers = uniq_email(slug(pref or first) + slug(last)[:4] + digits(pid + 'x', 2), DOMAINS[int(digits(pid, 3)) % len(DOMAINS)])
        upn = 'L' + '3300' + digits('upn' + pid, 8)
        out.append([pid, first, pref, last, 'pupil', email, pers, upn])
    for i, (first, pref, last, note) in enumerate(rows['staff'], 1):
        sid = f'S{i:03d}'
        email = uniq_email(slug(first) + '.' + slug(last), 'larkspurlodge.bham.sch.uk')
        fl = slug(first)[:1].upper()
        ll = slug(last).upper()
        cands = [fl + ll[:2], fl + ll[0] + ll[-1:], fl + ll[1:3]] + [fl + ll[0] + chr(65 + k) for k in range(26)]
        code = next(c for c in cands if len(c) == 3 and c not in used_codes)
        used_codes.add(code)
        out.append([sid, first, pref, last, 'staff', email, '', code])
    for i, (first, pref, last, note) in enumerate(rows['parents'], 1):
        gid = f'G{i:03d}'
        dom = DOMAINS[int(digits(gid, 3)) % len(DOMAINS)]
        email = uniq_email(slug(first) + '.' + slug(last) + digits(gid, 2), dom)
        pers = ''
        if int(digits(gid + 'p', 2)) % 4 == 0:
            pers = uniq_email(slug(first)[:1] + slug(last) + digits(gid + 'q', 3), DOMAINS[(int(digits(gid, 3)) + 2) % len(DOMAINS)])
        mis = f'C{int(digits(gid, 5)):05d}' if i % 2 == 0 else ''
        out.append([gid, first, pref, last, 'parent', email, pers, mis])
    with open(os.path.join(ROOT, 'roster.csv'), 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['id', 'first_name', 'preferred_name', 'last_name', 'kind', 'email', 'personal_emails', 'mis_ref'])
        w.writerows(out)
    return out

SMALL = {'a', 'an', 'and', 'at', 'as', 'by', 'for', 'from', 'in', 'of', 'on', 'or', 'the', 'to', 'w', 'with',
         're', 'fw', 'fwd', 'vs', 'v', 'via', 'per', 'into', 'up', 'x', 'am', 'pm', 'is', 'be', 'n', 's'}

def case_of(s):
    letters = [c for c in s if c.isalpha()]
    if not any(c.islower() for c in letters):
        return 'upper'
    if not any(c.isupper() for c in letters):
        return 'lower'
    words = re.findall(r"[^\W\d_][\w'’]*", s)
    for w in words:
        if w.lower() in SMALL:
            continue
        if not w[0].isupper():
            return 'sentence'
    return 'title'

KIND = {'P': 'pupil', 'S': 'staff', 'G': 'parent'}
MARK = re.compile(r'⟦([^⟧|]+)\|([PSGX])⟧')

def build_tests():
    recs = []
    seen = {}
    for path in sorted(glob.glob(os.path.join(SRC, 'lines_*.txt'))):
        with open(path, encoding='utf-8') as f:
            for n, raw in enumerate(f, 1):
                line = raw.rstrip('\n')
                if not line.strip() or line.startswith('#'):
                    continue
                amb = False
                if line.startswith('!A '):
                    amb = True
                    line = line[3:]
                subj = ''
                spans = []
                kinds = set()
                pos = 0
                for m in MARK.finditer(line):
                    subj += line[pos:m.start()]
                    text, k = m.group(1), m.group(2)
                    start = len(subj)
                    subj += text
                    spans.append([start, len(subj), 'detector' if k == 'X' else 'directory', text])
                    if k != 'X':
                        kinds.add(KIND[k])
                    pos = m.end()
                subj += line[pos:]
                if '⟦' in subj or '⟧' in subj:
                    sys.exit(f'bad markup {path}:{n}: {line}')
                key = subj
                if key in seen:
                    sys.exit(f'duplicate subject {path}:{n} (first at {seen[key]}): {subj}')
                seen[key] = f'{os.path.basename(path)}:{n}'
                recs.append({'subject': subj, 'spans': spans, 'case': case_of(subj),
                             'kinds': sorted(kinds), 'ambiguous': amb})
    with open(os.path.join(ROOT, 'test.jsonl'), 'w', encoding='utf-8') as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    return recs

def stats(roster, recs):
    from collections import Counter
    kc = Counter(r[4] for r in roster)
    named = [r for r in recs if r['spans']]
    lab = Counter(s[2] for r in recs for s in r['spans'])
    cases = Counter(r['case'] for r in recs)
    kinds = Counter(k for r in recs for k in r['kinds'])
    multi = sum(1 for r in recs if len(r['spans']) >= 2)
    det_lines = sum(1 for r in named if any(s[2] == 'detector' for s in r['spans']))
    print('roster', len(roster), dict(kc))
    print('lines', len(recs), 'named', len(named), 'negative', len(recs) - len(named))
    print('spans', dict(lab), 'lines with detector', det_lines, 'multi-person lines', multi)
    print('case', dict(cases))
    print('kinds (lines)', dict(kinds), 'ambiguous', sum(r['ambiguous'] for r in recs))

if __name__ == '__main__':
    roster = build_roster()
    recs = build_tests()
    stats(roster, recs)
