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
The image compiles these modules with mypyc (``setup.py``): :func:`build`
says which build a process runs.
"""

from pathlib import Path

from app.names import api as _api
from app.names._initials import InitialsStyle
from app.names.api import Mention, NameIndex, RedactStyle, mention_initials, redact, says_person


def build() -> str:
    """``"compiled"`` where the finder's modules are mypyc's C extensions (the
    image's build, ``setup.py``), else ``"python"`` (a source checkout)."""
    return "compiled" if Path(_api.__file__ or "").suffix in (".so", ".pyd") else "python"


__all__ = [
    "InitialsStyle",
    "Mention",
    "NameIndex",
    "RedactStyle",
    "build",
    "mention_initials",
    "redact",
    "says_person",
]
