"""The shipped lexicon: first names, surnames and how word-like each token is.

Loaded once per process (about 80,000 rows) and shared by every
:class:`~app.names.NameIndex`. See ``data/build_lexicon.py`` for how it is
made and ``data/NOTICE.md`` for its sources.
"""

from __future__ import annotations

import gzip
import json
import math
from functools import cache, lru_cache
from importlib import resources

from app.names._vocab import SCHOOL_WORDS, WELSH_WORD_NAMES


class Entry:
    """One lexicon row, with the figures the finders read computed once at
    load (they are read for every token of every subject)."""

    __slots__ = (
        "first",
        "first_strength",
        "is_common_word",
        "logp",
        "lower",
        "name_bias",
        "surname",
        "surname_strength",
        "wordness",
    )
    first: int  # ONS registrations, 0 if not a first name
    surname: int  # US Census 1990 rank, 0 if not a listed surname
    lower: float  # share of lower-case uses (0 = only ever a name); -1 = unknown
    logp: float  # log probability of the lower-case word; -99 = unseen
    wordness: float  # how much the token is an ordinary word rather than a name (0..1)
    is_common_word: bool  # an everyday word ("writing", "reports"), not a rare one or a name
    first_strength: float  # 0..1 from how many babies had this first name (20 -> 0.26, 10k -> 0.8)
    surname_strength: float  # 0..1 from the Census rank (1 -> 1.0, 1,000 -> 0.6, 40,000 -> 0.08)
    name_bias: float  # see _name_bias

    def __init__(self, first: int, surname: int, lower: float, logp: float) -> None:
        self.first = first
        self.surname = surname
        self.lower = lower
        self.logp = logp
        self.wordness = lower if lower >= 0 else 0.0
        self.is_common_word = logp >= -13.5 and lower >= 0.5
        self.first_strength = min(1.0, math.log10(first) / 5) if first else 0.0
        self.surname_strength = max(0.0, 1.0 - math.log10(surname) / 5) if surname else 0.0
        self.name_bias = _name_bias(first, lower, logp)

    def __repr__(self) -> str:
        return f"Entry({self.first}, {self.surname}, {self.lower}, {self.logp})"


def _name_bias(first: int, lower: float, logp: float) -> float:
    """How much more often the token is a baby's name than a word in text (log10, -2.5..1).

    "Irish" is in the ONS list (170 babies) but is far commoner as an
    adjective; "Paris" and "Lincoln" are commoner as places than as
    names; "Olivia" is almost only a name. Compares the ONS share of
    registrations with the token's share of English text (all cases).
    0 when the text frequency is unknown.
    """
    if not first or logp <= -99 or lower < 0:
        return 0.0
    text_share = math.exp(logp) / max(lower, 0.01)
    ratio = math.log10(first / _ONS_TOTAL / text_share)
    return max(-2.5, min(1.0, ratio - 2.5))


_ONS_TOTAL = 17_535_867  # registrations in the ONS file, 1996-2024

UNKNOWN = Entry(0, 0, -1.0, -99.0)


@cache
def lexicon() -> dict[str, Entry]:
    path = resources.files("app.names.data").joinpath("lexicon.tsv.gz")
    out: dict[str, Entry] = {}
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            token, first, surname, lower, logp = line.rstrip("\n").split("\t")
            out[token] = Entry(
                int(first),
                int(surname),
                float(lower) if lower else -1.0,
                float(logp) if logp else -99.0,
            )
    return out


SCHOOL_WORDNESS = 0.8
WELSH_WORDNESS = 0.5  # about as word-like as "Hope" or "Summer"


def wordness(key: str, lex: dict[str, Entry]) -> float:
    """How word-like a folded token is, counting school words (months,
    subjects: "May", "Summer", "English") as at least 0.8 whatever their
    corpus figure, since in school mail they are words first, and Welsh
    words that are names too ("Seren", star; "Eira", snow) as at least 0.5."""
    w = lex.get(key, UNKNOWN).wordness
    if key in SCHOOL_WORDS:
        return max(w, SCHOOL_WORDNESS)
    if key in WELSH_WORD_NAMES:
        return max(w, WELSH_WORDNESS)
    return w


@cache
def places() -> frozenset[str]:
    """Folded place names (countries, US states, UK and Irish towns, big cities):
    see ``data/build_places.py``."""
    path = resources.files("app.names.data").joinpath("places.txt.gz")
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        return frozenset(line.rstrip("\n") for line in fh if line.strip())


@cache
def verb_forms() -> dict[str, str]:
    """Inflected English verb forms ("brought", "covering") to the name of the
    feature they give the word before them: ``before_verb_<tense>`` with
    tense ``past``, ``ing`` or ``s``, and ``_also`` when the form is also a
    noun or adjective (see ``data/build_verbs.py``)."""
    path = resources.files("app.names.data").joinpath("verbs.txt.gz")
    out: dict[str, str] = {}
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        for line in fh:
            form, tense, kind = line.rstrip("\n").split("\t")
            out[form] = f"before_verb_{tense}" + ("_also" if kind == "also" else "")
    return out


def is_verb_only(key: str) -> bool:
    """An inflected verb form that reads as nothing else ("agreed", "brought"):
    after a name it is what the person did, not a surname."""
    feature = verb_forms().get(key)
    return feature is not None and not feature.endswith("_also")


WORLD_FIRST = 1
WORLD_LAST = 2
WORLD_SHORT = 4  # a short form of a given name ("Phil", "Bev", "Gosia"): also WORLD_FIRST
_CURATED_BITS = {"surname": WORLD_LAST, "short": WORLD_FIRST | WORLD_SHORT}  # else WORLD_FIRST


@cache
def world_names() -> dict[str, int]:
    """Folded first names and surnames from many origins (``WORLD_FIRST`` |
    ``WORLD_LAST`` | ``WORLD_SHORT`` bits): Faker's locale lists (see
    ``data/build_world_names.py``) and the project's own list of short forms
    and names common in English schools that registrations miss
    (``data/curated_names.txt``: "Steph", "Gosia", "Dami", "Manjit")."""
    data = resources.files("app.names.data")
    out: dict[str, int] = {}
    with (
        data.joinpath("world_names.tsv.gz").open("rb") as raw,
        gzip.open(raw, "rt", encoding="utf-8") as fh,
    ):
        next(fh)
        for line in fh:
            token, first, last, _ = line.rstrip("\n").split("\t")
            out[token] = (WORLD_FIRST if first == "1" else 0) | (WORLD_LAST if last == "1" else 0)
    for line in data.joinpath("curated_names.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, kind, _origin = line.split("|")
        bit = _CURATED_BITS.get(kind, WORLD_FIRST)
        for token in name.replace("-", " ").split():
            out[token] = out.get(token, 0) | bit
    return out


@cache
def _namelike_table() -> tuple[float, int, int, dict[str, float]]:
    path = resources.files("app.names.data").joinpath("namelike.json.gz")
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    lo, hi = data["ngrams"]
    weights = {str(k): float(v) for k, v in data["w"].items()}
    return float(data["intercept"]), int(lo), int(hi), weights


@lru_cache(maxsize=8192)
def namelike(key: str) -> float:
    """How name-like a folded token's spelling is, as log-odds clipped to -4..4
    ("efua" and "kazlauskas" high, "fixture" low): the weights of its
    character n-grams, fitted offline by ``data/build_namelike.py``."""
    b, lo, hi, w = _namelike_table()
    s = "^" + key + "$"
    get = w.get
    total = b
    for n in range(lo, hi + 1):
        for i in range(len(s) - n + 1):
            total += get(s[i : i + n], 0.0)
    return max(-4.0, min(4.0, total))
