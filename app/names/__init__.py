"""Who is named in a subject line.

Public surface (used by rule SUB001 and ``etiquette names scan``):

- :class:`Mention`: one person mention (span, text, source, person, kind, score, why)
- :class:`NameIndex`: built once from the directory's people; ``find(subject)``
- :func:`redact`: the subject with each mention replaced (initials, MIS reference or a word)
"""

from app.names.api import Mention, NameIndex, RedactStyle, redact

__all__ = ["Mention", "NameIndex", "RedactStyle", "redact"]
