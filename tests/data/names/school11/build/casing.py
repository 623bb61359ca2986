"""Case class of a subject line, as defined in the brief."""
import re

PREFIX = re.compile(r"^(?:\s*(?:re|fw|fwd)\s*:\s*)+", re.I)
WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
FUNCTION = set("""a an the and or but nor of to in on at by for from with into onto over under as via per vs v
is are was were be been being am do does did has have had will would can could shall should may might must
i me my we us our you your he him his she her it its they them their this that these those there here
not no so if than then up out off about re fao pls plz n & + if
""".split())


def strip_prefix(subject):
    m = PREFIX.match(subject)
    return m.end() if m else 0


def case_of(subject, spans):
    off = strip_prefix(subject)
    s = subject[off:]
    letters = [c for c in s if c.isalpha()]
    if letters and sum(c.islower() for c in letters) / len(letters) < 0.12:
        return "upper"
    if not any(c.isupper() for c in re.sub(r"(?<![^\W\d_])I(?![^\W\d_])", "", s)):
        return "lower"
    mask = [False] * len(subject)
    for a, b, *_ in spans:
        for i in range(a, b):
            mask[i] = True
    n = cap = 0
    for m in WORD.finditer(subject, off):
        if any(mask[m.start():m.end()]):
            continue
        w = m.group()
        if w.lower() in FUNCTION:
            continue
        if len(w) >= 2 and w.isupper():
            continue  # acronym
        n += 1
        if w[0].isupper():
            cap += 1
    if n >= 2 and cap / n >= 0.75:
        return "title"
    return "sentence"
