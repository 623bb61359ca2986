"""Shared helpers: folding, name forms, case style. Standard library only."""
import re
import unicodedata

EXTRA = {"ł": "l", "Ł": "L", "ı": "i", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
         "’": "'", "‘": "'", "æ": "ae"}


def ascii_fold(s):
    s = "".join(EXTRA.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def fold(s):
    s = ascii_fold(s).casefold()
    s = re.sub(r"\s+", " ", s).strip()
    return s


PARTICLES = {"van", "der", "de", "dela", "del", "la", "von"}


def name_forms(first, preferred, last):
    """All surface forms that count as naming this person (folded)."""
    firsts = [f for f in (first, preferred) if f]
    lasts = [last]
    parts = last.split()
    if len(parts) > 1 and parts[0].lower() not in PARTICLES:
        lasts.append(parts[-1])          # "Kaur Dhillon" -> "Dhillon"
    forms = set()
    for f in firsts:
        forms.add(f)
    for l in lasts:
        forms.add(l)
        for f in firsts:
            forms.update({f"{f} {l}", f"{l}, {f}", f"{l} {f}", f"{f} {l[0]}", f"{f} {l[0]}."})
            ini = f[0]
            forms.update({f"{ini} {l}", f"{ini}. {l}", f"{ini}.{l}", f"{l} {ini}", f"{l}, {ini}",
                          f"{l}, {ini}.", f"{l} {ini}."})
    return {fold(x) for x in forms}


TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "cllr", "rev", "pc", "mx", "prof", "dame", "lady",
          "lord", "sgt", "ds", "dc", "fr"}

SMALL = {"a", "an", "the", "of", "and", "for", "to", "in", "on", "at", "by", "w/", "with", "or", "re",
         "vs", "v", "&", "+", "-", "/", "from", "is", "per", "into", "as"}


def _letterwords(s):
    out = []
    for tok in s.split():
        if any(ch.isdigit() for ch in tok):
            continue
        if any(ch.isalpha() for ch in tok):
            out.append(tok)
    return out


def case_style(subject, spans):
    words = _letterwords(subject)
    letters = "".join(words)
    if letters and not any(c.islower() for c in letters):
        return "upper"
    if not any(c.isupper() for c in letters):
        return "lower"
    # title: every content word capitalised and >=2 capitalised content words outside spans
    span_ranges = [(s, e) for s, e, *_ in spans]
    pos = 0
    content_ok = True
    outside_caps = 0
    for tok in subject.split():
        i = subject.index(tok, pos)
        pos = i + len(tok)
        if any(ch.isdigit() for ch in tok) or not any(ch.isalpha() for ch in tok):
            continue
        core = tok.strip("()[]\"'.,:;!?-/")
        if not core or core.lower() in SMALL:
            continue
        first_alpha = next(c for c in core if c.isalpha())
        if not first_alpha.isupper():
            content_ok = False
            break
        inside = any(s <= i < e for s, e in span_ranges)
        if not inside:
            outside_caps += 1
    if content_ok and outside_caps >= 2:
        return "title"
    return "sentence"
