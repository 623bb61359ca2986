#!/usr/bin/env python3
"""Generate test.jsonl from
  * situation templates filled with random roster people in random name forms (this file),
  * hand-written marked-up lines (hand_named.txt, hand_detector.txt, ambiguous.txt),
  * hand-written no-person lines (hand_traps.txt, neutral.txt),
then add reply/forward/tag prefixes, apply a case style (sentence/lower/upper/title) to each line,
compute spans from the markup, compute `case` and `kinds` by rule, dedupe and shuffle (fixed seed).

Markup: [text|key] = directory person (key = SPECIAL key or roster id); {text} = detector person.
A line starting with "=" keeps its case as written.
"""
import json, os, random, re, unicodedata
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
rng = random.Random(5150)

people = json.load(open(os.path.join(HERE, "people.json"), encoding="utf-8"))
BYKEY = {}
for p in people:
    BYKEY[p["id"]] = p
    if p.get("key"):
        BYKEY[p["key"]] = p
PUPILS = [p for p in people if p["kind"] == "pupil"]
STAFF = [p for p in people if p["kind"] == "staff"]
PARENTS = [p for p in people if p["kind"] == "parent"]
BULK_PUPILS = [p for p in PUPILS if not p.get("key")]
BULK_STAFF = [p for p in STAFF if not p.get("key")]
BULK_PARENTS = [p for p in PARENTS if not p.get("key")]
KIDS = {}
for p in PUPILS:
    KIDS.setdefault(p["family"], []).append(p)


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("ł", "l").replace("Ł", "L").replace("ı", "i")


# ---------------------------------------------------------------- name forms
def given(p):
    if p["pref"] and rng.random() < 0.7:
        return p["pref"]
    return p["first"]


def maybe_fold(s):
    return fold(s) if rng.random() < 0.35 else s


def form(p, f):
    g = given(p)
    last = p["last"]
    if f == "given":
        s = g
    elif f == "first":
        s = p["first"]
    elif f == "full":
        s = g + " " + last
    elif f == "last":
        s = last
    elif f == "lf":
        s = last + ", " + g
    elif f == "il":
        s = fold(g)[0] + rng.choice([". ", " "]) + last
    elif f == "fi":
        s = g + " " + fold(last)[0] + rng.choice([".", ""])
    else:
        raise ValueError(f)
    return "[" + maybe_fold(s) + "|" + p["id"] + "]"


def title_for(p):
    if p["gender"] == "m":
        return rng.choice(["Mr", "Mr", "Mr", "Dr"]) if p["kind"] == "staff" else "Mr"
    return rng.choice(["Mrs", "Mrs", "Ms", "Miss"]) if p["kind"] == "staff" else rng.choice(["Mrs", "Mrs", "Ms"])


def yr(p):
    y = p["year"]
    if y == "R":
        return rng.choice(["Reception", "Rec", "FS2"])
    return rng.choice(["Y%s" % y, "Y%s" % y, "Yr %s" % y, "year %s" % y])


FORM_LETTERS = {}


def formcode(p):
    if p["id"] not in FORM_LETTERS:
        FORM_LETTERS[p["id"]] = rng.choice(["HM", "JT", "KS", "RB", "AP", "MW", "LC", "DN", "SH", "PK"])
    y = p["year"]
    if y == "R":
        return "RB"
    if int(y) <= 6:
        return "%s%s" % (y, rng.choice("ABC"))
    if int(y) >= 12:
        return "%s%s" % (y, FORM_LETTERS[p["id"]][0])
    return "%s%s" % (y, FORM_LETTERS[p["id"]])


# ---------------------------------------------------------------- templates
# slots: <P1.form> etc. forms: given first full last lf il fi ; extras: yr form tl(title+last) rel child
T_PUPIL = [
    "<P1.given> - nosebleed", "<P1.given> left bag in <P1.form>", "<P1.given> again!!",
    "Behaviour incident - <P1.full> <P1.form>", "<P1.full> <P1.yr> - CPOMS log", "CPOMS: <P1.given> disclosure P4",
    "Re: <P1.full> attendance", "attendance concern - <P1.full> (<N>%)", "<P1.lf> - EHCP annual review",
    "EHCP review <P1.full> w/c <DATE>", "Det tonight - <P1.given> <P1.form>", "Det: <P1.last>, <P2.last>, <P3.given> & <P4.given>",
    "<P1.given>'s inhaler", "<P1.given>s PE kit in lost property", "Medical - <P1.fi> <P1.yr>", "<P1.yr> <P1.fi> - reading age",
    "<P1.given> <P1.form> - missing homework", "Sanctions - <P1.il>", "Parents evening appt for <P1.full>",
    "<P1.full> - PEP meeting", "LAC review - <P1.full>", "FSM query - <P1.last> family", "Pupil premium - <P1.full>",
    "EAL assessment - <P1.full> (new arrival)", "New starter Monday: <P1.full> <P1.yr>", "In-year admission - <P1.full>",
    "Reading with <P1.given> today", "<P1.given> feeling unwell - collected", "ph call to <P1.given>'s mum re det",
    "SEND referral <P1.full>", "Exam access arrangements - <P1.full>", "<P1.full> - UCAS reference",
    "<P1.given> & <P2.given> - lunchtime incident", "<P1.given>, <P2.given> and <P3.given> - isolation P5",
    "Football team: <P1.fi> injured", "Well done <P1.given>!", "Star of the week - <P1.given>",
    "<P1.full> certificate for assembly", "Lost blazer - <P1.full>", "Bus pass <P1.full>", "Mock results <P1.full>",
    "Coursework extension - <P1.given>", "Managed move - <P1.full>", "Safeguarding concern: <P1.il> <P1.yr>",
    "Internal exclusion tomorrow <P1.given> <P1.form>", "Uniform - <P1.given> <P1.form> trainers again",
    "Re: <P1.last> - seating plan", "Peer mentor for <P1.given>?", "Trip consent outstanding: <P1.full>",
    "Speech and language - <P1.full>", "Phonics catch up <P1.given>", "Interpreter needed for <P1.last> parents mtg",
    "Lateness <P1.full> - <N2> lates this half term", "EWO referral - <P1.full>", "Early help - <P1.last> family",
    "Music lesson clash - <P1.given> P2", "Work experience placement <P1.full>", "Prefect application - <P1.full>",
    "f/up from today - <P1.given> <P1.form>", "c/o <P1.given> - forgot dinner money", "attn: <P1.full> timetable",
    "<P1.given> b/c of the bus - late mark removed?", "mtg re <P1.last> Thurs 2pm", "Re: Re: <P1.full> - report card",
    "Y<YR> set 3 - <P1.given> moved up", "<P1.lf> - missing from SIMS", "Arbor: duplicate record <P1.full>",
]
T_STAFF = [
    "Cover for <S1.tl> P3", "cover <S1.tl> P1-2 tomorrow", "<S1.given> - duty swap Thurs?",
    "Meeting w/ <S1.tl> re <P1.given>", "Absence - <S1.full>", "Lesson obs - <S1.tl> Y9 set 2",
    "Re: <S1.given>'s leaving do", "Attn <S1.tl>: room change RM 14", "<S1.full> - DBS renewal",
    "<S1.lf> - appraisal", "Thanks <S1.given>!", "Message from <S1.tl> - Y11 mocks", "Can <S1.given> cover my duty?",
    "Referral from <S1.tl> re <P1.full>", "<S1.tl> off sick - cover needed", "Interview panel: <S1.il>, <S2.il>",
    "Return to work mtg <S1.full>", "Fwd from <S1.given>: CPD dates", "Key worker for <P1.given> - <S1.tl>",
    "<S1.given> - SEN base rota", "Mentor for NQT - <S1.tl>", "ph call from <S1.tl> re <P1.last>",
]
T_PARENT = [
    "Ph call from <G1.tl> (<G1.child>'s <G1.rel>)", "<G1.child>'s <G1.rel> called re pick up", "Email from <G1.full>",
    "Complaint - <G1.tl>", "Meeting request - <G1.tl> re <G1.child>", "<G1.tl> - parking",
    "Msg from <G1.given> (<G1.child>'s <G1.rel>)", "Contact details change - <G1.full>", "<G1.lf> - parents evening",
    "Translation for <G1.tl>?", "<G1.rel> (<G1.tl>) asking about <G1.child>'s report", "<G1.full> - FSM eligibility",
]


def fill(tpl):
    chosen = {}
    used = set()

    def pick(slot):
        if slot in chosen:
            return chosen[slot]
        kind = slot[0]
        while True:
            if kind == "P":
                pool = PUPILS if rng.random() < 0.2 else BULK_PUPILS
            elif kind == "S":
                pool = STAFF if rng.random() < 0.2 else BULK_STAFF
            else:
                pool = [g for g in PARENTS if KIDS.get(g["family"])]
            p = rng.choice(pool)
            if p["id"] not in used:
                break
        used.add(p["id"])
        chosen[slot] = p
        return p

    def rep(m):
        slot, f = m.group(1), m.group(2)
        p = pick(slot)
        if f == "yr":
            return yr(p)
        if f == "form":
            return formcode(p)
        if f == "tl":
            return title_for(p) + " [" + maybe_fold(p["last"]) + "|" + p["id"] + "]"
        if f == "rel":
            return "mum" if p["gender"] == "f" else "dad"
        if f == "child":
            k = rng.choice(KIDS[p["family"]])
            return "[" + maybe_fold(given(k)) + "|" + k["id"] + "]"
        return form(p, f)

    s = re.sub(r"<([PSG]\d)\.(\w+)>", rep, tpl)
    s = s.replace("<N>", str(rng.randint(61, 89))).replace("<N2>", str(rng.randint(4, 15)))
    s = s.replace("<YR>", str(rng.randint(7, 11)))
    s = s.replace("<DATE>", rng.choice(["3/3", "10/3", "17/11", "24/11", "2/6"]))
    return s


# ---------------------------------------------------------------- markup parsing / case
MINOR = set("a an the and or but nor of in on at to for by with from as vs via per re w/ w/c c/o b/c into onto up off out over is".split())
TITLES = set("mr mrs ms miss dr prof prof. rev rev. cllr sgt pc dc sir mx".split())


def parse(marked):
    """-> list of (text, label, key) segments; label None for plain text."""
    segs = []
    pos = 0
    for m in re.finditer(r"\[([^\[\]|]+)\|([^\[\]|]+)\]|\{([^{}]+)\}", marked):
        if m.start() > pos:
            segs.append((marked[pos:m.start()], None, None))
        if m.group(1) is not None:
            segs.append((m.group(1), "directory", m.group(2)))
        else:
            segs.append((m.group(3), "detector", None))
        pos = m.end()
    if pos < len(marked):
        segs.append((marked[pos:], None, None))
    return segs


def titlecase_text(t, first, glued=False):
    out = []
    for i, tok in enumerate(re.split(r"(\s+)", t)):
        if not tok.strip():
            out.append(tok)
            continue
        if i == 0 and glued:
            out.append(tok)  # continuation of a name token ("'s", "s")
            continue
        if any(c.isupper() for c in tok[1:]) or re.match(r"^[a-z]+[A-Z]", tok):
            out.append(tok)  # mixed case (iPad, DofE) left alone
            continue
        core = tok.strip("()[]*:,.!?\"'-").lower()
        if core in MINOR and not (first and i == 0):
            out.append(tok)
            continue
        # capitalise the first letter
        for j, c in enumerate(tok):
            if c.isalpha():
                tok = tok[:j] + c.upper() + tok[j + 1:]
                break
            if c.isdigit():
                break
        out.append(tok)
    return "".join(out)


def apply_style(segs, style):
    res = []
    for i, (t, lab, key) in enumerate(segs):
        if style == "lower":
            t = t.lower()
        elif style == "upper":
            t = t.upper()
        elif style == "title" and lab is None:
            t = titlecase_text(t, i == 0, glued=(i > 0 and t[:1].strip() != ""))
        res.append((t, lab, key))
    return res


def assemble(segs):
    s = ""
    spans = []
    for t, lab, key in segs:
        if lab:
            spans.append([len(s), len(s) + len(t), lab, t, key])
        s += t
    return s, spans


def compute_case(subject, spans):
    letters = [c for c in subject if c.isalpha()]
    if not any(c.islower() for c in letters):
        return "upper"
    if not any(c.isupper() for c in letters):
        return "lower"
    # mask name spans
    masked = list(subject)
    for a, b, *_ in spans:
        for i in range(a, b):
            masked[i] = " "
    words = []
    for tok in "".join(masked).split():
        core = tok.strip("()[]*:,.!?\"'-#&")
        if not core or not any(c.isalpha() for c in core):
            continue
        low = core.lower()
        if low in MINOR or low in TITLES or low.rstrip(".") in TITLES:
            continue
        if any(c.isdigit() for c in core):
            continue  # codes: 7HM, Y10, P3, 3/3
        alpha = [c for c in core if c.isalpha()]
        if len(alpha) >= 2 and all(c.isupper() for c in alpha):
            continue  # acronym: CPOMS, RE, FW
        if core.startswith("'") or core in ("s",):
            continue
        words.append(core)
    if len(words) >= 2 and all(w[0].isupper() or not w[0].isalpha() for w in words):
        return "title"
    return "sentence"


# ---------------------------------------------------------------- prefixes
PREFIX_ANY = ["RE: ", "Re: ", "FW: ", "Fwd: ", "RE: RE: ", "[EXTERNAL] ", "[SECURE] ", "*URGENT* ", "Re: Fw: ",
              "URGENT - ", "FW: [EXTERNAL] ", "RE: FW: ", "Re: Re: Re: ", "Fw: "]
PREFIX_UPPER = ["RE: ", "FW: ", "RE: RE: ", "[EXTERNAL] ", "[SECURE] ", "*URGENT* ", "URGENT: ", "RE: FW: "]
PREFIX_LOWER = ["re: ", "fwd: ", "fw: "]


def load(name):
    out = []
    for line in open(os.path.join(HERE, name), encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        out.append(line)
    return out


def build_line(marked, source, ambiguous=False):
    if marked.startswith("!"):
        marked = marked[1:]
    keep = marked.startswith("=")
    if keep:
        marked = marked[1:]
    has_prefix = bool(re.match(r"(?i)(re|fw|fwd):", marked))
    segs = parse(marked)
    if keep:
        style = None
    else:
        style = rng.choices(["sentence", "lower", "upper", "title"], weights=[40, 21, 20, 19])[0]
        if style:
            segs = apply_style(segs, style)
        if not has_prefix and rng.random() < 0.28:
            pre = rng.choice({"upper": PREFIX_UPPER, "lower": PREFIX_LOWER}.get(style, PREFIX_ANY))
            if style == "lower" and rng.random() < 0.6:
                pre = ""
            segs = [(pre, None, None)] + segs
    subject, spans = assemble(segs)
    return dict(subject=subject, spans=spans, source=source, ambiguous=ambiguous)


def main():
    named = load("hand_named.txt")
    det = load("hand_detector.txt")
    amb = load("ambiguous.txt")
    traps = load("hand_traps.txt")
    neutral = load("neutral.txt")
    rng.shuffle(named)
    rng.shuffle(det)
    rng.shuffle(neutral)
    items = []
    must = [x[1:] for x in named if x.startswith("!")]
    rest = [x for x in named if not x.startswith("!")]
    items += [build_line(x, "hand_named") for x in must + rest[:180 - len(must)]]
    items += [build_line(x, "hand_detector") for x in det[:48]]
    items += [build_line(x, "ambiguous", True) for x in amb]
    items += [build_line(x, "trap") for x in traps]
    items += [build_line(x, "neutral") for x in neutral[:40]]
    # template lines with bulk roster people
    n_tpl = {"P": 48, "S": 14, "G": 12}
    for k, n in n_tpl.items():
        pool = {"P": T_PUPIL, "S": T_STAFF, "G": T_PARENT}[k]
        tpls = list(pool)
        rng.shuffle(tpls)
        for t in tpls[:n]:
            items.append(build_line(fill(t), "template"))
    # dedupe
    seen = set()
    final = []
    for it in items:
        if it["subject"] in seen:
            continue
        seen.add(it["subject"])
        final.append(it)
    rng.shuffle(final)
    OVERRIDE = json.load(open(os.path.join(HERE, "case_overrides.json"), encoding="utf-8"))
    with open(os.path.join(OUT, "test.jsonl"), "w", encoding="utf-8") as fh, \
         open(os.path.join(HERE, "test_with_ids.jsonl"), "w", encoding="utf-8") as fh2:
        for it in final:
            kinds = set()
            for sp in it["spans"]:
                if sp[2] == "directory":
                    kinds.add(BYKEY[sp[4]]["kind"])
            kinds = [k for k in ("pupil", "staff", "parent") if k in kinds]
            case = OVERRIDE.get(it["subject"]) or compute_case(it["subject"], it["spans"])
            rec = {"subject": it["subject"], "spans": [sp[:4] for sp in it["spans"]], "case": case,
                   "kinds": kinds, "ambiguous": it["ambiguous"]}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            rec2 = dict(rec, ids=[BYKEY[sp[4]]["id"] if sp[4] else None for sp in it["spans"]], source=it["source"])
            fh2.write(json.dumps(rec2, ensure_ascii=False) + "\n")
    print("lines", len(final))


if __name__ == "__main__":
    main()
