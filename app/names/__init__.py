"""Who is named in a subject line.

Public surface (used by rule SUB001 and ``etiquette names scan``):

- :class:`Mention`: one person mention (span, text, source, person, kind, score, why)
- :class:`NameIndex`: built once from the directory's people; ``find(subject)``
- :func:`redact`: the subject with each mention replaced (initials, MIS reference or a word)
- :func:`mention_initials` / :class:`InitialsStyle`: initials as schools write them
  ("R.S-J.", "D.vdB."), for the fix and for evidence that must not carry the name

Inside: ``_tokens`` (words, case mode, segments), ``_directory`` (the
people the school knows, name parts looked up by dictionary on token spans),
``_detector`` (names no directory knows, from ``data/lexicon.tsv.gz``),
``_evidence`` (the log-odds evidence both share), ``_lexicon`` and
``_vocab`` (the data: derived lists and small curated school vocabularies).
Accuracy and speed: ``benchmarks/eval_names.py`` and ``bench_names.py``.
"""

from app.names._initials import InitialsStyle
from app.names.api import Mention, NameIndex, RedactStyle, mention_initials, redact, says_person

__all__ = [
    "InitialsStyle",
    "Mention",
    "NameIndex",
    "RedactStyle",
    "mention_initials",
    "redact",
    "says_person",
]
