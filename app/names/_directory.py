"""Matching the people the school knows, by their name parts.

Why name *parts* and not whole forms: every way of writing a person
("Amir Khan", "Khan, Amir", "A. Khan", "Amir K", "Mr Khan", "Amir's") is a
combination of a few parts (first or preferred name, surname, an initial, a
title). A dictionary holds each distinct folded part once (about 40,000
for 200,000 people, instead of millions of full forms), looked up on each
run of up to a few of the subject's tokens, and dictionary look-ups keyed
by part ids join adjacent parts into people. That keeps the build under a few
seconds and the memory small, and makes a look-up cost the same for 2,000
or 200,000 people.

Variants are generated per part: diacritics and curly apostrophes are
folded (``Zoë O’Neill`` = ``zoe o'neill``), a hyphenated or apostrophised
surname is also indexed with a space and with nothing (``smith jones``,
``oneill``), and a multi-word surname also squashed (``vanderberg``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from app.domain import PersonKind
from app.frozen import tuples_in_place, tuples_of
from app.names._detector import (
    followed_by_surname,
    initial_ends_name,
    surname_follows,
)
from app.names._evidence import Candidate
from app.names._lexicon import UNKNOWN, Entry, namelike, places, wordness, world_names
from app.names._tokens import WORD_RE, CaseMode, Token, fold_fast, title_reaches, tokenize
from app.names._vocab import (
    FIRST_NAME_TITLES,
    GIVEN_NAME_PREFIXES,
    GROUP_WORDS,
    HONORIFICS,
    PARTICLES,
    PLACE_HEADS,
    SCHOOL_WORDS,
    YEAR_WORDS,
)
from app.people import Person

_SPACES = re.compile(r"\s+")
_K = 1 << 22  # part ids stay below this, so (a, b) packs into one int key
_INITIAL_A_I = {"a", "i"}
_TYPO_MIN = 6  # shortest word read as a slip of a name part
# Letters that Unicode does not decompose into a base letter + accent, written
# without it on an English keyboard: "Łukasz" -> "Lukasz", "Yılmaz" -> "Yilmaz".
_TRANSLIT = str.maketrans("łıøđħŧ", "liodht")  # an article or pronoun as often as an initial


_KIND_BIT = {k: 1 << n for n, k in enumerate(PersonKind)}


@cache
def _kind_features(mask: int, prefix: str = "") -> dict[str, float]:
    """ "kind:pupil" etc. for the kinds in ``mask``, after ``prefix`` ("first:")
    (shared, never mutated)."""
    return {f"{prefix}kind:{k.value}": 1.0 for k, bit in _KIND_BIT.items() if mask & bit}


# Romanised spellings of one name that schools see side by side: the roster
# has "Mohamed", the subject says "Mohammed". Each spelling finds the others.
_SPELLINGS = (
    "muhammad muhammed mohammed mohammad mohamed mohamad muhamed mohammod",
    "ahmed ahmad ahmet",
    "yusuf yousef yusef yousuf yosef",
    "aisha ayesha aysha aishah",
    "fatima fatimah fatuma",
    "hussain hussein husain husein",
    "mustafa mustapha mostafa",
    "abdullah abdulla abdallah",
    "ibrahim ebrahim",
    "ismail ismael",
    "khadija khadijah",
    "zainab zaynab",
    "maryam mariam",
)
_SAME_NAME = {w: tuple(g.split()) for g in _SPELLINGS for w in g.split()}


def _variants(name: str) -> set[str]:
    base = _SPACES.sub(" ", fold_fast(name.strip()))
    if not base:
        return set()
    out = {base, base.translate(_TRANSLIT), *_SAME_NAME.get(base, ())}
    if "-" in base or "'" in base:
        out.add(re.sub(r"['-]", " ", base))
        out.add(re.sub(r"['-]", "", base))
    if " " in base:
        out.add(base.replace(" ", ""))
    return {v for v in out if v and v.strip()}


# words in a class's name that say what it is, not which ("Rowan Class",
# "Year 3 Oak", "Form 7 Don", "Tutor Group Loxley")
_CLASS_NAME_WORDS = GROUP_WORDS | YEAR_WORDS | frozenset(["year", "yr", "form", "tutor", "the"])


def class_words(people: Sequence[Person]) -> frozenset[str]:
    """The words the school names its classes, tutor groups and houses by
    (folded; from every person's ``classes``): the last word of each name
    that says which class it is, "Rowan" (``Rowan Class``), "Don" (``7
    Don``), "Seacole" (``Mary Seacole``: a house named after someone is
    called by the surname, and "Mary" stays a name). A first name or surname
    alone that is one of these may be the class ("spare clothes running out
    in rowan"), and the scorer weighs that (``class_word``).

    A plural class is known by the singular too ("Wrens": "wren").

    Left out: codes ("7HB", "10X/Ma1"), words that say what a class is
    ("class", "year", "form"), and a title and the name after it ("Mrs Reid's
    class": a class named after its teacher, who is a person)."""
    names = {c for p in people for c in p.classes}
    if not names:
        return frozenset()
    out: set[str] = set()
    for name in names:
        titled = False
        word = ""
        for t in tokenize(name, fold_fast(name)):
            if t.key in HONORIFICS:
                titled = True
            elif titled:
                titled, word = False, ""
            elif t.alpha and len(t.key) >= 2 and t.key not in _CLASS_NAME_WORDS:
                word = t.key
        if word:
            out.add(word)
            if len(word) > 4 and word[-1] == "s" and word[-2] != "s":
                out.add(word[:-1])
    return frozenset(out)


class DirectoryIndex:
    """Name parts by text plus join tables over ``people`` (indices into it)."""

    def __init__(self, people: Sequence[Person]) -> None:
        self.people = people
        ids: dict[str, int] = {}
        first_of: list[list[int]] = []
        last_of: list[list[int]] = []
        first_mask: list[int] = []  # the kinds of people behind each part, as bits
        last_mask: list[int] = []
        adult_mask: list[int] = []

        def part(text: str) -> int:
            pid = ids.get(text)
            if pid is None:
                pid = ids[text] = len(ids)
                first_of.append([])
                last_of.append([])
                first_mask.append(0)
                last_mask.append(0)
                adult_mask.append(0)
            return pid

        memo: dict[str, tuple[int, ...]] = {}

        def parts(name: str) -> tuple[int, ...]:
            # Names repeat a lot (thousands of Smiths), so each is parsed once.
            got = memo.get(name)
            if got is None:
                got = memo[name] = tuple(part(v) for v in _variants(name))
            return got

        pair: dict[int, list[int]] = {}
        first_initial: dict[int, list[int]] = {}
        initial_last: dict[int, list[int]] = {}
        middle: set[int] = set()
        # Each person's index is one object, shared by every table that holds
        # it: a compiled build (setup.py) would box a fresh int at each append,
        # a third more memory for a large trust's directory.
        boxed: list[object] = list(range(len(people)))
        for pos, p in enumerate(people):
            idx: Any = boxed[pos]
            pref = p.preferred_name or ""
            firsts = set(parts(p.first_name))
            if pref:
                firsts.update(parts(pref))
            given = p.first_name.split()
            if len(given) > 1:
                firsts.update(parts(given[0]))
                if fold_fast(given[0]).rstrip(".") in GIVEN_NAME_PREFIXES:
                    # "Md Shahidul", "Syed Ali Raza": the name the child is
                    # called by follows the prefix ("Shahidul Islam")
                    firsts.update(parts(" ".join(given[1:])))
                    firsts.update(parts(given[1]))
            lasts = parts(p.last_name)
            # A Spanish or Portuguese double surname ("Restrepo Gómez") is
            # written with either part alone as often as whole; a surname with a
            # particle ("van der Berg", "Ó Briain") is not split.
            double = fold_fast(p.last_name).split()
            if len(double) > 1 and not any(w in PARTICLES or len(w) < 3 for w in double):
                lasts = (*lasts, *(x for w in double for x in parts(w)))
            for m in p.middle_names.split():
                middle.update(parts(m))
            bit = _KIND_BIT[p.kind]
            for f in firsts:
                first_of[f].append(idx)
                first_mask[f] |= bit
            for last in lasts:
                last_of[last].append(idx)
                last_mask[last] |= bit
                if p.kind is not PersonKind.PUPIL:
                    adult_mask[last] |= bit
            initials = {fold_fast(x)[:1] for x in (p.first_name, pref) if x}
            folded_last = fold_fast(p.last_name)
            surname_initials = {folded_last[:1]}
            if " " in folded_last or "-" in folded_last:
                surname_initials.update(w[:1] for w in folded_last.replace("-", " ").split())
            for f in firsts:
                for last in lasts:
                    pair.setdefault(f * _K + last, []).append(idx)
                for ch in surname_initials:
                    first_initial.setdefault(f * _K + ord(ch), []).append(idx)
            for ch in initials:
                for last in lasts:
                    initial_last.setdefault(ord(ch) * _K + last, []).append(idx)

        self.first_of = tuples_in_place(first_of)
        self.last_of = tuples_in_place(last_of)
        adult = [p.kind is not PersonKind.PUPIL for p in people]
        self.adult_last_of = [tuple(i for i in x if adult[i]) for x in self.last_of]
        # The kinds of the people behind each part, computed once: a common first
        # name fits thousands of people in a big trust.
        self.first_kinds = [_kind_features(m, "first:") for m in first_mask]
        self.last_kinds = [_kind_features(m) for m in last_mask]
        self.last_alone_kinds = [_kind_features(m, "last:") for m in last_mask]
        self.adult_last_kinds = [_kind_features(m) for m in adult_mask]

        def kinds_of(x: Sequence[int]) -> dict[str, float]:
            mask = 0
            for i in x:
                mask |= _KIND_BIT[people[i].kind]
            return _kind_features(mask)

        self.kinds_of = kinds_of
        self._kinds_cache: dict[int, dict[str, float]] = {}
        memo.clear()
        self.pair = tuples_of(pair)
        self.first_initial = tuples_of(first_initial)
        self.initial_last = tuples_of(initial_last)
        self.middle = frozenset(middle)
        # Part texts -> ids; a part is looked up on the subject's token spans
        # (the folded text from a token's start to a later token's end), up to
        # the longest part's length: a few dictionary look-ups per token,
        # whatever the directory's size.
        self.ids = ids
        self.max_len = max(map(len, ids), default=0)
        words = [WORD_RE.findall(t) for t in ids]
        self.max_tokens = max(map(len, words), default=0)
        # the first word of every part: a token that is none starts no part
        self.first_words = frozenset(w[0] for w in words if w)
        self.empty = not ids
        self.class_words = class_words(people)

    def _typo(self, key: str, lex: dict[str, Entry]) -> int | None:
        """The one-word name part ``key`` is a slip of, if any: one letter
        typed twice or too many, or two next to each other swapped
        ("Kowalcyzk", "Shevchuck"). Only for a word of six letters or more
        in no dictionary; a few dozen look-ups."""
        if len(key) < _TYPO_MIN or not key.isalpha() or key in lex or key in world_names():
            return None  # a word, or a name in its own right ("Kaminski" beside "Kaminsky")
        if key[:-1] in places():
            return None  # a place's people or language ("Israeli", "Pakistani"), no slip
        get = self.ids.get
        found = None
        for k in range(len(key)):
            for v in (
                key[:k] + key[k + 1 :],
                key[:k] + key[k + 1] + key[k] + key[k + 2 :] if k + 1 < len(key) else "",
            ):
                pid = get(v) if v and v != key else None
                if pid is not None and pid != found:
                    if found is not None:
                        return None  # a slip of two names: no guess
                    found = pid
        return found

    # -- finding ---------------------------------------------------------------

    @staticmethod
    def _before_other_name(tokens: list[Token], k: int, lex: dict[str, Entry]) -> bool:
        """Token ``k`` is followed, in its segment, by a capitalised word in no
        dictionary: the first name of someone else's full name ("Tesfaye
        Gebru"), no slip of a rostered surname."""
        if k + 1 >= len(tokens):
            return False
        nxt = tokens[k + 1]
        return (
            not nxt.seg_start
            and nxt.cap
            and not nxt.upper
            and nxt.alpha
            and not lex.get(nxt.key, UNKNOWN).is_common_word
        )

    def lattice(
        self, folded: str, tokens: list[Token], lex: dict[str, Entry] | None = None
    ) -> list[list[tuple[int, int]]]:
        """For each token index, the parts ``(last token index, part id)`` starting there.

        With ``lex``, a word in no dictionary that is one slip away from a
        name part stands for it (see :meth:`_typo`; the token is marked)."""
        n = len(tokens)
        hits: list[list[tuple[int, int]]] = [[] for _ in range(n)]
        if self.empty:
            return hits
        get = self.ids.get
        limit = self.max_len
        span = self.max_tokens
        starts = self.first_words
        for k1 in range(n):
            if tokens[k1].key not in starts:
                if (
                    lex is not None
                    and len(tokens[k1].key) >= _TYPO_MIN
                    and not self._before_other_name(tokens, k1, lex)
                ):
                    pid = self._typo(tokens[k1].key, lex)
                    if pid is not None:
                        tokens[k1].typo = True
                        hits[k1].append((k1, pid))
                continue
            s = tokens[k1].start
            row = hits[k1]
            for k2 in range(k1, min(n, k1 + span)):
                e = tokens[k2].end
                if e - s > limit:
                    break
                pid = get(folded[s:e])
                if pid is not None:
                    row.append((k2, pid))
        return hits

    def candidates(
        self,
        tokens: list[Token],
        hits: list[list[tuple[int, int]]],
        mode: CaseMode,
        lex: dict[str, Entry],
    ) -> list[Candidate]:
        out: list[Candidate] = []
        n = len(tokens)
        first_of, last_of = self.first_of, self.last_of

        def word(k: int, end: int = -1) -> float:
            # a part of several tokens ("Al-Rashid", "van der Berg") is as
            # word-like as its most name-like token, not as "al" or "van"
            if end <= k:
                return wordness(tokens[k].key, lex)
            return min(wordness(tokens[x].key, lex) for x in range(k, end + 1))

        def is_initial(k: int) -> bool:
            t = tokens[k]
            if len(t.text) != 1 or not t.alpha or not (t.cap or mode is CaseMode.LOWER):
                return False
            # "jack n kofi": a lower-case "n" between two name parts is "and"
            return not (t.text == "n" and k + 1 < n and hits[k + 1])

        def middle_word(k: int) -> bool:
            # a middle name the roster does not hold ("Nguyen Thi Lan", "Ana
            # Sofia Reyes"): one name-shaped word, cased like the name around it,
            # between two parts of the same person's name
            t = tokens[k]
            return (
                not t.seg_start
                and t.alpha
                and len(t.key) > 1
                and (t.cap or mode is CaseMode.LOWER)
                and not tokens[k - 1].possessive
                and not lex.get(t.key, UNKNOWN).is_common_word
            )

        cache = self._kinds_cache

        def kinds(persons: tuple[int, ...]) -> dict[str, float]:
            # The join tables' tuples live as long as the index: cache by identity.
            got = cache.get(id(persons))
            if got is None:
                got = cache[id(persons)] = self.kinds_of(persons)
            return got

        for i in range(n):
            t = tokens[i]
            titled = (
                i > 0
                and tokens[i - 1].key in HONORIFICS
                and tokens[i - 1].key not in FIRST_NAME_TITLES
                and title_reaches(tokens, i)
            )
            # honorific + surname ("Mrs Begum", "Mr & Mrs Khan", "Mrs ap Gwilym")
            if t.key in HONORIFICS:
                k = i + 1
                if k + 1 < n and tokens[k].key in ("&", "and") and tokens[k + 1].key in HONORIFICS:
                    k += 2
                if (
                    k < n
                    and title_reaches(tokens, k)
                    and (
                        not tokens[k].lower or mode is CaseMode.LOWER or tokens[k].key in PARTICLES
                    )
                ):
                    for j, pid in hits[k]:
                        persons = last_of[pid]
                        if not persons or (j + 1 < n and tokens[j + 1].joined):
                            continue
                        # A title says adult: "Mrs Begum" is Aisha's mother, not Aisha.
                        adults = self.adult_last_of[pid]
                        persons = adults or persons
                        pkinds = self.adult_last_kinds[pid] if adults else self.last_kinds[pid]
                        nxt = tokens[j + 1] if j + 1 < n else None
                        e = lex.get(nxt.key) if nxt is not None else None
                        # "Mr Lewis Hope (Randstad)", "Mr Haile Berhane": the title
                        # leads someone's full name, a rostered surname its first
                        # word; the model weighs it
                        before_name = (
                            nxt is not None
                            and not nxt.seg_start
                            and nxt.alpha
                            and len(nxt.text) > 1
                            and (nxt.cap or mode is CaseMode.LOWER)
                            and (e is None or e.surname > 0)
                            and nxt.key not in SCHOOL_WORDS
                            and nxt.key not in HONORIFICS
                        )
                        out.append(
                            Candidate(
                                k,
                                j,
                                "title+last",
                                "directory",
                                {
                                    "form:title+last": 1.0,
                                    **pkinds,
                                    "title+last:before_name": float(before_name),
                                },
                                [f"title '{t.text}' + directory surname"],
                                persons=persons,
                                titled=True,
                            )
                        )
            row = hits[i]
            # In a sentence-case subject, an everyday word typed in lower case
            # ("will", "young", "best") is that word: no name alone starts here.
            # The subject's first word is exempt: a writer who does not capitalise
            # it ("faith forgot her PE kit") says nothing by its case.
            lone = bool(row) and not (
                mode is CaseMode.SENTENCE
                and i > 0
                and t.lower
                and lex.get(t.key, UNKNOWN).is_common_word
            )
            for j1, fpid in row:
                # first (+ middle) + surname
                if first_of[fpid]:
                    k = j1 + 1
                    starts = [k]
                    if (
                        k + 1 < n
                        # "Reem (Khaled Al Azzani)": a bracket or dash before the
                        # middle name ends the name as it does before a surname
                        and not tokens[k].seg_start
                        # "Evie Bell bell duty": a word in lower case after a
                        # capitalised name is no part of it where case tells
                        and not (mode is CaseMode.SENTENCE and tokens[k + 1].lower and t.cap)
                        and (
                            is_initial(k)
                            or any(p in self.middle or first_of[p] for _, p in hits[k])
                            or middle_word(k)
                        )
                    ):
                        starts.append(k + 1)
                    for k in starts:
                        # "Jada (Brown)", "Amir - Khan": a bracket or dash ends the name
                        if k >= n or tokens[k - 1].possessive or tokens[k].seg_start:
                            continue
                        for j2, lpid in hits[k]:
                            match = self.pair.get(fpid * _K + lpid)
                            if match:
                                w = min(word(i), word(k))
                                # "Storm BIRD" inside "BIRD Storm BIRD King": a
                                # surname in capitals after a first name that is not
                                caps_last = (
                                    mode is not CaseMode.UPPER
                                    and not t.upper
                                    and all(x.upper for x in tokens[k : j2 + 1])
                                )
                                out.append(
                                    Candidate(
                                        i,
                                        j2,
                                        "full",
                                        "directory",
                                        {
                                            "form:full": 1.0,
                                            "full:word": w,
                                            "full:caps_last": float(caps_last),
                                            **kinds(match),
                                        },
                                        ["directory full name"],
                                        persons=match,
                                        titled=titled,
                                    )
                                )
                    # first + surname initial ("Leo M", "Amir K.")
                    k = j1 + 1
                    if (
                        k < n
                        and is_initial(k)
                        and not tokens[j1].possessive
                        and not (k + 1 < n and hits[k + 1] and not tokens[k + 1].seg_start)
                    ):
                        match = self.first_initial.get(fpid * _K + ord(tokens[k].key))
                        if match:
                            out.append(
                                Candidate(
                                    i,
                                    k,
                                    "first+initial",
                                    "directory",
                                    {
                                        "form:first+initial": 1.0,
                                        "first+initial:word": word(i),
                                        "first+initial:dot": float(tokens[k].dot),
                                        **kinds(match),
                                    },
                                    ["directory first name + surname initial"],
                                    persons=match,
                                    titled=titled,
                                )
                            )
                    # first or preferred name alone: anyone on the roster, judged
                    # by the words around it
                    persons = first_of[fpid]
                    if not titled and lone:
                        w = word(i, j1)
                        e = lex.get(t.key)
                        feats = {
                            "form:first": 1.0,
                            "first:word": w,
                            "first:name_only": float(w < 0.2),
                            "first:lexicon_first": e.first_strength if e else 0.0,
                            "first:lexicon_bias": e.name_bias if e else 0.0,
                            "first:school_word": float(t.key in SCHOOL_WORDS),
                            # in capitals inside a subject that is not: an
                            # acronym as often as a name ("TAF meeting notes")
                            "first:caps_in_mixed": float(
                                t.upper and len(t.text) > 1 and mode is not CaseMode.UPPER
                            ),
                            **self.first_kinds[fpid],
                        }
                        why = ["directory first name"]
                        nxt = tokens[j1 + 1] if j1 + 1 < n else None
                        if nxt is not None and surname_follows(tokens, j1 + 1, mode, lex):
                            feats[followed_by_surname(mode)] = 1.0
                            why.append("followed by another surname")
                        out.append(
                            Candidate(
                                i, j1, "first", "directory", feats, why, wordness=w, persons=persons
                            )
                        )
                # a surname alone ("Khan's detention", "w/ Kowalczyk, Popa & Hassan";
                # after "w/" the "w" is no initial: the slash ends a segment)
                if (
                    last_of[fpid]
                    and lone
                    and not titled
                    and not (i > 0 and is_initial(i - 1) and not t.seg_start)
                ):
                    w = word(i, j1)
                    persons = last_of[fpid]
                    entry = lex.get(t.key) if i == j1 else None
                    out.append(
                        Candidate(
                            i,
                            j1,
                            "last",
                            "directory",
                            {
                                "form:last": 1.0,
                                "last:word": w,
                                "last:school_word": float(t.key in SCHOOL_WORDS),
                                # a surname that heads a place's name: "HALL NOT
                                # AVAILABLE FOR MOCKS", "Church - parking"
                                "last:place_head": float(i == j1 and t.key in PLACE_HEADS),
                                # a surname no lexicon knows is the rostered person's
                                # ("Varga", "Noori"); one that is also a common first
                                # name may be someone else's ("Jordan", "Tate")
                                "last:unlisted": float(entry is None),
                                "last:also_first": entry.first_strength if entry else 0.0,
                                "last:surname": entry.surname_strength if entry else 0.0,
                                # spelt as names are, not as words ("Kaminski" against
                                # "English", "Hall"): character n-grams, -1..1
                                "last:namelike": namelike(t.key) / 4.0 if i == j1 else 0.0,
                                **self.last_alone_kinds[fpid],
                            },
                            ["directory surname alone"],
                            wordness=w,
                            persons=persons,
                        )
                    )
                # surname, first ("Khan, Amir"; MIS style "HALL Grace")
                if last_of[fpid]:
                    lpid = fpid
                    k = j1 + 1
                    comma = tokens[j1].comma
                    caps = mode is not CaseMode.UPPER and all(x.upper for x in tokens[i : j1 + 1])
                    # where case says nothing ("O'SULLIVAN NIAMH - MEDICAL",
                    # "khan amir"), a rostered surname then that person's first
                    # name is the register's order
                    uncased = mode is CaseMode.UPPER or mode is CaseMode.LOWER
                    # "Lewis June - A level entry": both capitalised, the pair
                    # one rostered person's; the features say which order cue held
                    plain = (
                        not uncased and t.cap and k < n and tokens[k].cap and not tokens[k].upper
                    )
                    if k < n and (
                        comma or ((caps or uncased or plain) and not tokens[k].seg_start)
                    ):
                        # "Nguyen Thi Lan", "GARCIA, MARIA JOSE": a middle name
                        # the roster does not hold may stand between
                        # (never across a break: "Mrs Nowak Phoned - Olek")
                        for k2 in (
                            (k, k + 1)
                            if k + 1 < n and middle_word(k) and not tokens[k + 1].seg_start
                            else (k,)
                        ):
                            for j2, f2 in hits[k2]:
                                match = self.pair.get(f2 * _K + lpid)
                                if match:
                                    out.append(
                                        Candidate(
                                            i,
                                            j2,
                                            "reversed",
                                            "directory",
                                            {
                                                "form:reversed": 1.0,
                                                "reversed:comma": float(comma),
                                                # "BIRD Storm": an MIS export's order
                                                "reversed:caps": float(
                                                    caps and not tokens[k].upper
                                                ),
                                                "reversed:plain": float(
                                                    plain and not comma and not caps
                                                ),
                                                "reversed:middle": float(k2 > k),
                                            },
                                            ["directory 'Surname, First'"],
                                            persons=match,
                                        )
                                    )
                    # surname + first initial, as registers and exam lists
                    # write them ("KOWALCZYK J", "Price, L", "FOX D, MASS K")
                    if (
                        k < n
                        and is_initial(k)
                        and (comma or not tokens[k].seg_start)
                        and not tokens[j1].possessive
                        and (match := self.initial_last.get(ord(tokens[k].key) * _K + lpid))
                    ):
                        out.append(
                            Candidate(
                                i,
                                k,
                                "last+initial",
                                "directory",
                                {
                                    "form:last+initial": 1.0,
                                    "last+initial:word": word(i, j1),
                                    "last+initial:comma": float(comma),
                                    "last+initial:dot": float(tokens[k].dot),
                                    "last+initial:end": float(initial_ends_name(tokens, k)),
                                    "last+initial:school_word": float(t.key in SCHOOL_WORDS),
                                    **kinds(match),
                                },
                                ["directory surname + first initial"],
                                persons=match,
                            )
                        )
            # initial + surname ("A. Khan", "A Khan", "W Brown")
            if is_initial(i) and i + 1 < n and not tokens[i + 1].seg_start:
                for j2, lpid in hits[i + 1]:
                    match = self.initial_last.get(ord(t.key) * _K + lpid)
                    if match:
                        out.append(
                            Candidate(
                                i,
                                j2,
                                "initial+last",
                                "directory",
                                {
                                    "form:initial+last": 1.0,
                                    "initial+last:word": word(i + 1),
                                    "initial+last:dot": float(t.dot),
                                    "initial+last:a_i": float(t.key in _INITIAL_A_I and not t.dot),
                                    **kinds(match),
                                },
                                ["directory initial + surname"],
                                persons=match,
                                titled=titled,
                            )
                        )
        return out
