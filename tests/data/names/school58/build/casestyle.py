"""Case style of a subject line (shared by build_test.py and verify.py).
upper: has letters, none lower case.  lower: has letters, none upper case.
title: at least 2 'content' words start with a capital and >= 75% of content words do
       (content word = alphabetic token that is not all caps, not a minor word).
sentence: everything else."""
import re

MINOR = {"a", "an", "and", "the", "of", "for", "to", "in", "on", "at", "w", "with", "by",
         "or", "from", "re", "fw", "fwd", "as", "per", "vs", "v", "is", "it", "be", "we", "our"}


def case_style(s):
    letters = [c for c in s if c.isalpha()]
    if letters and not any(c.islower() for c in letters):
        return "upper"
    if letters and not any(c.isupper() for c in letters):
        return "lower"
    caps = low = 0
    for tok in re.findall(r"[^\W\d_][\w'’-]*", s):
        if tok.lower() in MINOR:
            continue
        alpha = [c for c in tok if c.isalpha()]
        if len(alpha) > 1 and all(c.isupper() for c in alpha):
            continue  # acronyms and codes are neutral
        if tok[0].isupper():
            caps += 1
        else:
            low += 1
    if caps >= 2 and caps >= 0.75 * (caps + low):
        return "title"
    return "sentence"
