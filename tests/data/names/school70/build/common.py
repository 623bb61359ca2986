"""Shared helpers: name folding, name forms, case classification. Standard library only."""
import re
import unicodedata

EXTRA_FOLD = {"ł": "l", "Ł": "L", "ı": "i", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ß": "ss",
              "’": "'", "‘": "'", "`": "'"}
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "revd", "pc", "pcso", "prof", "mstr", "dame", "lady", "lord"}


def fold(s):
    s = "".join(EXTRA_FOLD.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace(".", " ")
    s = re.sub(r"\s*,\s*", ", ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s


def ascii_slug(s):
    s = fold(s)
    return re.sub(r"[^a-z0-9]", "", s)


def name_forms(first, preferred, last):
    """Every way a member of staff might write this person's name (folded)."""
    forms = set()
    givens = [g for g in {first, preferred} if g]
    if last:
        forms.add(last)
    for g in givens:
        forms.add(g)
        if not last:
            continue
        i = g[0]
        li = last[0]
        forms.update({
            f"{g} {last}", f"{last} {g}", f"{last}, {g}",
            f"{i} {last}", f"{i}. {last}", f"{last} {i}", f"{last}, {i}",
            f"{g} {li}", f"{g} {li}.",
        })
    return {fold(f) for f in forms}


MINOR = {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "w", "with", "re", "fw", "fwd",
         "vs", "v", "by", "from", "am", "pm", "y", "is", "as", "per", "via", "into", "up", "off", "out", "not",
         "i", "x", "yr", "but", "if", "so", "be", "me", "my", "we", "us", "it", "its", "all", "no"}


def case_of(s):
    has_upper = any(c.isupper() for c in s)
    has_lower = any(c.islower() for c in s)
    if has_upper and not has_lower:
        return "upper"
    if has_lower and not has_upper:
        return "lower"
    words = re.findall(r"[^\W\d_][^\s/()\[\]:;,&+\"!?]*", s)
    content = [w for w in words if w.lower().strip(".'-") not in MINOR]
    if len(content) >= 3:
        cap = sum(1 for w in content if w[0].isupper())
        if cap / len(content) >= 0.8:
            return "title"
    return "sentence"
