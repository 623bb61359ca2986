import csv, unicodedata, random
random.seed(4)
SPECIAL = {'ł':'l','Ł':'L','ı':'i','İ':'I','ø':'o','ß':'ss','đ':'d','æ':'ae'}
def fold(s):
    s = ''.join(SPECIAL.get(c, c) for c in s)
    s = unicodedata.normalize('NFKD', s)
    return ''.join(c for c in s if not unicodedata.combining(c))
def local(s):
    s = fold(s).lower()
    return ''.join(c for c in s if c.isalnum() or c == '-')
def read(fn):
    return [l.rstrip('\n').split(';') for l in open(fn, encoding='utf-8') if l.strip()]
rows, used = [], set()
def uniq(e):
    base, dom = e.split('@'); n = 2; out = e
    while out in used:
        out = f"{base}{n}@{dom}"; n += 1
    used.add(out); return out
for i, (f, p, l) in enumerate(read('pupils.txt'), 1):
    e = uniq(f"{local(f)}.{local(l)}@students.oakfieldpark.sch.uk")
    rows.append([f"P{i:03d}", f, p, l, 'pupil', e, '', f"ADM{20000 + i*37 % 9000 + i:05d}"])
for i, (f, p, l, t) in enumerate(read('staff.txt'), 1):
    e = uniq(f"{local(f)[0]}{local(l)}@oakfieldpark.sch.uk")
    pe = ''
    if i in (7, 23, 41):
        pe = f"{local(p or f)}{local(l)}{random.randint(10,99)}@gmail.com"
    rows.append([f"S{i:03d}", f, p, l, 'staff', e, pe, f"STF{100 + i*7:03d}"])
doms = ['gmail.com','outlook.com','yahoo.co.uk','icloud.com','btinternet.com']
for i, (f, p, l) in enumerate(read('parents.txt'), 1):
    d = doms[i % 5]
    style = i % 4
    lf, ll = local(f).replace('-', ''), local(l).replace('-', '')
    if style == 0: e = f"{lf}.{ll}@{d}"
    elif style == 1: e = f"{lf}{ll}{random.randint(1,99)}@{d}"
    elif style == 2: e = f"{lf[0]}{ll}{random.randint(60,99)}@{d}"
    else: e = f"{ll}.{lf}@{d}"
    e = uniq(e)
    pe = ''
    if i % 9 == 0:
        pe = uniq(f"{lf}.{ll}.home@{doms[(i+2)%5]}")
    rows.append([f"G{i:03d}", f, p, l, 'parent', e, pe, ''])
with open('../roster.csv', 'w', encoding='utf-8', newline='') as fh:
    w = csv.writer(fh, lineterminator='\n')
    w.writerow(['id','first_name','preferred_name','last_name','kind','email','personal_emails','mis_ref'])
    w.writerows(rows)
print(len(rows))
