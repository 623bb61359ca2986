"""Shared helpers: accent folding and roster name forms."""
import csv, json, os, re, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SPECIAL = {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "’": "'", "‘": "'"}
PARTICLES = {"ó", "o", "mac", "mc", "de", "da", "van", "von", "le", "la", "del", "dos", "das", "di"}


def fold(s):
    s = "".join(SPECIAL.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", s).strip().lower()


def load_roster():
    with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    mid_path = os.path.join(HERE, "middle_names.json")
    middles = json.load(open(mid_path, encoding="utf-8")) if os.path.exists(mid_path) else {}
    for r in rows:
        r["middle"] = middles.get(r["id"], "")
    return rows


def name_forms(r):
    """All accepted written forms (folded) of one roster person."""
    firsts = {r["first_name"]}
    if r["preferred_name"]:
        firsts.add(r["preferred_name"])
    for f in list(firsts):
        parts = re.split(r"[ \-]", f)
        if len(parts) > 1:
            firsts.update(p for p in parts if len(p) > 1)
    lasts = {r["last_name"]}
    lparts = r["last_name"].split()
    if len(lparts) > 1 and fold(lparts[0]) not in PARTICLES:
        lasts.update(lparts)  # Spanish double surname: either part alone
    mid = r.get("middle", "")
    forms = set()
    for f in firsts:
        forms.add(f)
        for l in lasts:
            forms.add(l)
            fi, li = f[0], l[0]
            forms.update({f"{f} {l}", f"{l} {f}", f"{l}, {f}", f"{f} {li}", f"{f} {li}.",
                          f"{fi}. {l}", f"{fi} {l}", f"{fi}.{l}",
                          f"{l} {fi}", f"{l}, {fi}", f"{l} {fi}.", f"{l}, {fi}."})
            if mid:
                mi = mid[0]
                forms.update({f"{f} {mid} {l}", f"{l} {mid} {f}", f"{fi}.{mi}. {l}", f"{fi}{mi} {l}",
                              f"{fi}. {mi}. {l}", f"{f} {mi}. {l}", f"{l}, {f} {mid}"})
    return {fold(x) for x in forms}


def basic_forms(r):
    """first, preferred, last, full (folded) - used for the detector check."""
    out = {r["first_name"], r["last_name"], f'{r["first_name"]} {r["last_name"]}'}
    if r["preferred_name"]:
        out.update({r["preferred_name"], f'{r["preferred_name"]} {r["last_name"]}'})
    return {fold(x) for x in out}


FUNCTION_WORDS = set("""a an the and or but nor of in on at to for from by with without about re as is are was were be been
being am do does did has have had will would can could should shall may might must not no yes if then than so that this
these those it its i me my we our us you your he him his she her they them their there here via per vs v into onto up
down out off over under after before during until while n & + w/ pls please etc""".split())

LETTERS = r"A-Za-z\u00C0-\u024F\u1E00-\u1EFF"
WORD_RE = re.compile(rf"[{LETTERS}][{LETTERS}'’\-]*")
PREFIX_RE = re.compile(r"^\s*((re|fw|fwd)\s*:\s*)+", re.I)


def compute_case(subject, spans):
    m = PREFIX_RE.match(subject)
    off = m.end() if m else 0
    body = subject[off:]
    letters = [c for c in body if c.isalpha()]
    lowers = [c for c in letters if c.islower()]
    if letters and len(lowers) / len(letters) < 0.12:
        return "upper"
    uppers_ok = True
    for w in WORD_RE.findall(body):
        if any(c.isupper() for c in w) and w != "I":
            uppers_ok = False
            break
    if uppers_ok:
        return "lower"
    masked = list(subject)
    for s, e, *_ in spans:
        for i in range(s, e):
            masked[i] = " "
    masked = "".join(masked)[off:]
    content = []
    for w in WORD_RE.findall(masked):
        if w.lower() in FUNCTION_WORDS:
            continue
        if len(w) >= 2 and w.isupper():
            continue  # acronym
        content.append(w)
    caps = [w for w in content if w[0].isupper()]
    if len(caps) >= 2 and len(caps) / len(content) >= 0.75:
        return "title"
    return "sentence"
