"""Finding person names the directory does not know.

Parents, social workers, an educational psychologist, a teacher at another
school: the detector reads the same forms as the directory matcher (full
name, title + surname, initial + surname, first name + initial, "Surname,
First", a first name alone) but judges the parts from the shipped lexicon
instead of a roster:

- a *first name* is a token in the ONS England and Wales list (or the US
  Census first-name lists, which cover the parents' and staff's
  generation), weighted by how common it is;
- a *surname* is a Census surname, or a capitalised token that is in no
  dictionary ("Okonkwo", "Fairbairn"): most surnames in a UK school are in
  no surname list, but they are in no dictionary either. A hyphenated or
  particled surname ("Smith-Jones", "van der Berg") is one unit;
- both are discounted by their *wordness* (how often the token is written
  in lower case as an ordinary word), so "Will", "Grace" and "Hall" need
  more evidence than "Amir" and "Khan". School words (months, subjects)
  count as at least 0.8 word-like.
"""

from __future__ import annotations

import re

from app.names._evidence import Candidate
from app.names._lexicon import (
    UNKNOWN,
    WORLD_FIRST,
    WORLD_LAST,
    WORLD_SHORT,
    Entry,
    is_verb_only,
    namelike,
    verb_forms,
    wordness,
    world_names,
)
from app.names._tokens import CaseMode, Token, title_reaches
from app.names._vocab import (
    AFTER_NAME_VERBS,
    CONTEXT_WORDS,
    FAMILY_WORDS,
    FESTIVAL_WORDS,
    HONORIFICS,
    JOINERS,
    LANGUAGE_WORDS,
    LEAD_WORDS,
    MODALS,
    PARTICLES,
    PLACE_HEADS,
    PLACE_LEADS,
    REPLY_PREFIXES,
    ROLE_NOUNS,
    ROLE_WORDS,
    SCHOOL_SYSTEMS,
    SCHOOL_WORDS,
    STOP_WORDS,
    SURNAME_PARTICLES,
    WELSH_WORDS,
    is_group_code,
)

_NEVER = (
    STOP_WORDS
    | CONTEXT_WORDS
    | HONORIFICS
    | LANGUAGE_WORDS
    | WELSH_WORDS
    | SCHOOL_SYSTEMS
    | FESTIVAL_WORDS
)
_VOWELS = frozenset("aeiouy")
_PLACE_SURNAME = 1.5  # "Hall", "Green", "Church": surnames, but also place words


def initial_ends_name(tokens: list[Token], k: int) -> bool:
    """The initial at ``k`` ends a "SURNAME I" name: the subject, a segment or a
    list item ends after it ("KOWALCZYK J", "FOX D, MASS K", "PRICE J & ...")."""
    nxt = tokens[k + 1] if k + 1 < len(tokens) else None
    return nxt is None or nxt.seg_start or tokens[k].comma or nxt.key in JOINERS


def followed_by_surname(mode: CaseMode) -> str:
    """The feature of a first name alone with a surname-like word after it:
    weighed apart where case says nothing ("aoife ucas ref done": any word in
    no dictionary looks like a surname in lower case or ALL CAPS)."""
    if mode is CaseMode.LOWER or mode is CaseMode.UPPER:
        return "first:followed_by_surname_uncased"
    return "first:followed_by_surname"


def surname_follows(tokens: list[Token], k: int, mode: CaseMode, lex: dict[str, Entry]) -> bool:
    """A surname-like word at ``k`` could end the first name before it in a
    full name. Where case says nothing, a verb there is what the person did,
    not a surname ("summer needs new book bag", "will rides home"; Needs and
    Rides are listed surnames), and so, where case says nothing, is an
    everyday word ("ARDIT RED CARD", "leah captain for county")."""
    if k >= len(tokens) or tokens[k].seg_start or tokens[k - 1].possessive:
        return False
    key = tokens[k].key
    if mode is not CaseMode.SENTENCE and (key in AFTER_NAME_VERBS or key in verb_forms()):
        return False  # "Hodan Needs Halal Meals": every word capitalised
    if (mode is CaseMode.LOWER or mode is CaseMode.UPPER) and lex.get(key, UNKNOWN).is_common_word:
        return False  # "ARDIT RED CARD AT LUNCH", "LEAH CAPTAIN FOR COUNTY"
    return surname_at(tokens, k, mode, lex) is not None


def _cased(t: Token, mode: CaseMode) -> bool:
    """Written the way a name is written in this subject: never a short word
    with a capital at both ends and a small letter between ("HoY", "DfE",
    "SoW": an acronym)."""
    text = t.text
    if 3 <= len(text) <= 4 and text[0].isupper() and text[-1].isupper() and not t.upper:
        return False
    if mode is CaseMode.SENTENCE:
        return t.cap and not t.upper
    if mode is CaseMode.TITLE:
        return t.cap
    return True


def _first(t: Token, mode: CaseMode, lex: dict[str, Entry]) -> tuple[float, float, float] | None:
    """(strength, wordness, name bias) if ``t`` can be a first name here."""
    if not t.alpha or len(t.text) < 2 or t.key in _NEVER or not _cased(t, mode):
        return None
    e = lex.get(t.key)
    if e is None or not e.first:
        # a first name from another country's lists ("Tunde", "Wojtek", "Guled"),
        # unless it is an everyday English word
        if world_names().get(t.key, 0) & WORLD_FIRST and (e is None or not e.is_common_word):
            return 0.0, wordness(t.key, lex), 0.0
        return None
    bias = e.name_bias
    if bias < 0.0 and world_names().get(t.key, 0) & WORLD_SHORT:
        # a short form ("Phil", "Dave", "Bev") is registered for few babies but
        # written for many adults: its text frequency is no sign of a word
        bias = 0.0
    return e.first_strength, wordness(t.key, lex), bias


_USERNAME = re.compile(r"[A-Z][A-Z][a-z]{2,}")


def _unknown_name(t: Token, mode: CaseMode, lex: dict[str, Entry]) -> bool:
    """Shaped like a name but in no list and no dictionary ("Savita", "Jaesoo")."""
    if not t.alpha or len(t.text) < 3 or t.key in _NEVER or not _cased(t, mode):
        return False
    if t.upper and mode is not CaseMode.UPPER:
        return False  # an acronym
    e = lex.get(t.key)
    return e is None or (not e.first and not e.surname and e.lower < 0.3 and e.logp < -14.0)


def _surname_only(t: Token, mode: CaseMode, lex: dict[str, Entry]) -> bool:
    """In the lists only as a surname, and no everyday word: as the first of two
    name-shaped words it may be a given name the lists miss ("Sagun Shrestha")."""
    if not t.alpha or len(t.text) < 3 or t.key in _NEVER or not _cased(t, mode):
        return False
    if t.upper and mode is not CaseMode.UPPER:
        return False
    e = lex.get(t.key)
    return (
        e is not None
        and e.surname > 0
        and not e.first
        and not e.is_common_word
        and t.key not in SCHOOL_WORDS
        and t.key not in PLACE_HEADS
    )


def _lone_surname(t: Token, mode: CaseMode, lex: dict[str, Entry]) -> bool:
    """Could stand alone as a surname leading a segment: a surname in the lists,
    or a word in none whose spelling is a name's ("Ferreira", "Tesfay"); never
    an acronym ("SLT - agenda", "CPOMS - LOGIN") or a short code."""
    if not t.alpha or len(t.text) < 3 or t.key in _NEVER or not _cased(t, mode):
        return False
    if t.upper and mode is not CaseMode.UPPER:
        return False
    e = lex.get(t.key)
    if e is not None and e.surname:
        return True
    return len(t.key) > 3 and namelike(t.key) > (1.0 if mode is CaseMode.UPPER else 0.0)


def _unit_end(tokens: list[Token], k: int) -> int:
    """Last token of the hyphen/apostrophe-joined unit starting at ``k``."""
    while k + 1 < len(tokens) and tokens[k + 1].joined:
        k += 1
    return k


# Context words that are also common surnames: after a first name, in case
# that marks names, the surname ("Coach Jermaine Foster", not "foster carer").
_SURNAME_TOO = frozenset({"foster"})


def _plain_surname(key: str, lex: dict[str, Entry]) -> bool:
    """A surname in the lists, or in another country's, and no everyday word:
    typed in lower case after a capitalised first name ("Nevaeh bradshaw mum
    rang", "Gosia kozlowska - medical absence") it is still the surname."""
    if key in _NEVER or key in SCHOOL_WORDS or key in PLACE_HEADS:
        return False
    e = lex.get(key)
    if e is not None and (e.is_common_word or e.lower >= 0.3):
        return False
    return (e is not None and e.surname > 0) or bool(world_names().get(key, 0) & WORLD_LAST)


def surname_at(
    tokens: list[Token],
    k: int,
    mode: CaseMode,
    lex: dict[str, Entry],
    *,
    after_first: bool = False,
) -> tuple[int, float, float] | None:
    """(last token, log-odds, wordness) if a surname starts at token ``k``.

    Particles ("van der", "Ní") may lead; hyphenated parts are one unit and
    the unit counts as its most name-like part. ``after_first``: a first name
    comes just before, so a context word that is also a common surname
    ("Foster") may be one where case marks names.
    """
    n = len(tokens)
    start = k
    while (
        k < n - 1 and tokens[k].key in PARTICLES and k - start < 2 and not tokens[k + 1].seg_start
    ):
        k += 1
    end = _unit_end(tokens, k)
    best: tuple[float, float] | None = None
    for t in tokens[k : end + 1]:
        if not t.alpha or len(t.text) < 2:
            return None
        if not _cased(t, mode) and not (
            after_first and mode is CaseMode.SENTENCE and t.lower and _plain_surname(t.key, lex)
        ):
            return None
        if t.key in _NEVER and not (
            after_first and t.key in _SURNAME_TOO and mode is not CaseMode.LOWER
        ):
            return None
        e = lex.get(t.key, UNKNOWN)
        w = wordness(t.key, lex)
        if t.key in PLACE_HEADS and not e.surname:
            s = None  # "Academy", "Cathedral": only a place
        elif e.surname:
            s = 0.5 + e.surname_strength
        elif e.is_common_word or t.key in SCHOOL_WORDS:
            s = None
        elif e.lower >= 0.6:
            s = None  # a dictionary word, mostly written in lower case
        elif world_names().get(t.key, 0) & WORLD_LAST and e.lower < 0.6:
            s = 1.0  # a surname in another country's lists ("Kazlauskas", "Zając")
        elif e.lower < 0.3:
            s = 0.8  # in no dictionary, or nearly always capitalised: likely a surname
        else:
            s = 0.2
        if s is None:
            if end == k:
                return None
            continue
        if t.key in PLACE_HEADS:
            s -= _PLACE_SURNAME
        if best is None or s - 2.5 * w > best[0] - 2.5 * best[1]:
            best = (s, w)
    if best is None:
        return None
    if k > start:
        best = (best[0] + 0.3, best[1])
    return end, best[0], best[1]


def _name_word(t: Token, mode: CaseMode, lex: dict[str, Entry]) -> bool:
    """Could be one part of a given name or surname of several: cased, no
    everyday or school word ("Hama", "Pedro", "Hei")."""
    if not t.alpha or len(t.text) < 2 or t.key in _NEVER or not _cased(t, mode):
        return False
    if t.upper and mode is not CaseMode.UPPER:
        return False
    if t.key in ROLE_WORDS or t.key in ROLE_NOUNS:
        return False  # "INVIGILATOR DEREK ASHFORD": a role, then the name
    e = lex.get(t.key, UNKNOWN)
    if e.lower >= 0.6 and not e.first and not e.surname:
        return False  # a dictionary word, mostly written in lower case ("adviser")
    return not e.is_common_word and t.key not in SCHOOL_WORDS and t.key not in PLACE_HEADS


_SAINT = frozenset({"st", "ste", "saint"})


def _longer(
    tokens: list[Token], i: int, end: int, mode: CaseMode, lex: dict[str, Entry]
) -> list[tuple[int, int]]:
    """First + surname found at ``i..end``: the spans one name word longer on
    either side, in the same segment (a three-part name)."""
    out = []
    n = len(tokens)
    if (
        end + 1 < n
        and not tokens[end].possessive
        and not tokens[end + 1].seg_start
        and not tokens[end + 1].joined
    ):
        sur = surname_at(tokens, end + 1, mode, lex)
        if sur is not None and _name_word(tokens[end + 1], mode, lex):
            out.append((i, sur[0]))
    if (
        i > 0
        and not tokens[i].seg_start
        and not tokens[i].joined
        and not tokens[i - 1].possessive
        and not tokens[i - 1].joined
        and tokens[i - 1].key not in HONORIFICS
        and tokens[i - 1].key not in _SAINT  # "st mary magdalene": a church
        and _name_word(tokens[i - 1], mode, lex)
    ):
        out.append((i - 1, end))
    return out


def _reversed(sur: tuple[int, float, float], first: tuple[float, float, float]) -> dict[str, float]:
    """The features every surname-first reading has: how much the first word is a
    surname, the second a first name, and either an everyday word."""
    return {
        "form:reversed": 1.0,
        "reversed:surname": sur[1],
        "reversed:first": first[0],
        "reversed:word": sur[2] + first[1],
    }


def candidates(
    tokens: list[Token], mode: CaseMode, lex: dict[str, Entry], *, first_alone: bool = True
) -> list[Candidate]:
    """Candidate spans; ``first_alone=False`` proposes no first name alone."""
    out: list[Candidate] = []
    n = len(tokens)
    cased_only = mode is CaseMode.SENTENCE or mode is CaseMode.TITLE
    for i, t in enumerate(tokens):
        if t.joined:
            continue
        key = t.key
        if (
            (key in _NEVER or (cased_only and t.lower))
            and len(t.text) > 1
            and key not in HONORIFICS
            and key not in PARTICLES
        ):
            # a stop or context word, or a lower-case word where case tells:
            # no name starts here (the checks below would each say so)
            continue
        titled = i > 0 and tokens[i - 1].key in HONORIFICS and title_reaches(tokens, i)
        # title + name ("Mrs Kowalczyk", "Dr Sarah Okonkwo", "Mr & Mrs Khan")
        if t.key in HONORIFICS and i + 1 < n:
            k = i + 1
            if k + 1 < n and tokens[k].key in ("&", "and") and tokens[k + 1].key in HONORIFICS:
                k += 2
            j = k
            ends: list[int] = []
            reaches = title_reaches(tokens, k)
            while reaches and j < n and j - k < 4:
                tj = tokens[j]
                if j > k and (tj.seg_start or tokens[j - 1].possessive):
                    break
                if (
                    j > k
                    and mode is not CaseMode.UPPER
                    and tj.upper
                    and len(tj.text) <= 3
                    and not tokens[j - 1].upper
                ):
                    break  # an abbreviation after a written name: "Ms Fenwick LA moderator"
                if tj.key in PARTICLES and j + 1 < n:
                    j += 1
                    continue
                ok_initial = len(tj.text) == 1 and tj.alpha and tj.cap and not tj.shorthand
                if not ok_initial and (
                    not tj.alpha
                    or len(tj.text) < 2
                    or tj.key in STOP_WORDS
                    or tj.key in CONTEXT_WORDS
                    or not _cased(tj, mode)
                ):
                    break
                if j > k and (
                    tj.key in SCHOOL_WORDS
                    or is_verb_only(tj.key)
                    or tj.key in HONORIFICS
                    or tj.key in ROLE_WORDS
                ):
                    # "Dr Helen Morrissey Wednesday", "MRS BEGUM AGREED", "Mr Reddy HMI",
                    # "mrs thornbury ewo"
                    break
                e = lex.get(tj.key, UNKNOWN)
                if e.is_common_word and (
                    (not e.surname and not e.first)
                    # where case says nothing, a common word after the first
                    # part ends the name even if it is a surname somewhere:
                    # "mr doyle holiday dates", "mrs ogunleye said tobi"
                    or (j > k and mode in (CaseMode.LOWER, CaseMode.UPPER))
                ):
                    break
                j = _unit_end(tokens, j) + 1
                ends.append(j)
            while j - 1 > k and tokens[j - 1].key in PARTICLES:
                j -= 1  # a particle ends no name ("Mr Reyes de" of "Mr Reyes de 10C")
            # Every reading from the longest down: in Title Case the words after a
            # name are capitalised too ("Mrs Church Needs Figures", "Mrs Hussain
            # Cannot Make 4pm"); how word-like the last word is weighs them.
            for end in sorted({e for e in ends if e < j} | {j}, reverse=True):
                if end > k and len(tokens[end - 1].text) >= 2:
                    out.append(
                        Candidate(
                            k,
                            end - 1,
                            "title+last",
                            "detector",
                            {
                                "form:title+last": 1.0,
                                "title+last:parts": float(end - k),
                                "title+last:word_end": wordness(tokens[end - 1].key, lex)
                                if end > k + 1
                                else 0.0,
                                "title+last:cut": float(end < j),
                                # how word-like the first word left out is: "Needs"
                                # in "Mrs Church Needs Figures", not "Okonkwo"
                                "title+last:cut_word": wordness(tokens[end].key, lex)
                                if end < j
                                else 0.0,
                            },
                            [f"title '{t.text}' + name"],
                            titled=True,
                        )
                    )
        fs = _first(t, mode, lex)
        f_end = _unit_end(tokens, i)
        if fs is not None:
            f, w1, bias = fs
            k = f_end + 1
            nxt = tokens[k] if k < n else None
            if nxt is not None and not tokens[f_end].possessive and not nxt.seg_start:
                # first [+ middle initial] + surname
                # (a lower-case "n" is "and" on a phone: "jack n kofi" is two people)
                starts = [] if nxt.text == "n" else [k]
                if (
                    len(nxt.text) == 1
                    and nxt.alpha
                    and not nxt.shorthand
                    and nxt.text != "n"
                    and k + 1 < n
                    and not tokens[k + 1].seg_start
                ):
                    starts.append(k + 1)
                for kk in starts:
                    sur = surname_at(tokens, kk, mode, lex, after_first=True)
                    if sur is not None:
                        end, s, w2 = sur
                        second = tokens[end].key
                        feats = {
                            "form:full": 1.0,
                            # the "surname" is a verb ("dee wont", "LORRAINE NEEDS"); where
                            # case tells, only one staff type after a name ("Amir Needs
                            # help"), not any word that can be a verb ("Tyler Sands")
                            "full:verb2": float(
                                second in AFTER_NAME_VERBS
                                or (mode is not CaseMode.SENTENCE and is_verb_only(second))
                            ),
                            "full:first": f,
                            "full:world_first": float(f == 0.0),
                            # "Kayden walmsley": the surname in lower case where
                            # case marks names (surname_at takes it only then)
                            "full:lower_last": float(cased_only and tokens[end].lower),
                            "full:bias_neg": min(bias, 0.0),
                            "full:surname": s,
                            "full:word1": w1,
                            "full:word2": w2,
                            "full:school_word": float(
                                any(x.key in SCHOOL_WORDS for x in tokens[i : end + 1])
                            ),
                            # "Storm Bert", "King Edward", "Prince William"
                            "full:thing_lead": float(key in PLACE_LEADS),
                            # "Can Amy call me back?": the modal, not the Turkish name
                            "full:modal_first": float(key in MODALS),
                            # "Marina BALAZ" in "BALAZOVA Marina BALAZ Lukas"
                            "full:caps_last": float(
                                cased_only
                                and not t.upper
                                and all(x.upper for x in tokens[kk : end + 1])
                            ),
                            # a "surname" in no list, where case says nothing, may be an
                            # acronym ("SEE CPOMS"): how name-like its spelling is
                            "full:unlisted_last_shape": (
                                namelike(second) / 4.0
                                if not cased_only and not lex.get(second, UNKNOWN).surname
                                else 0.0
                            ),
                        }
                        why = ["first name + surname (lexicon)"]
                        out.append(Candidate(i, end, "full", "detector", feats, why, titled=titled))
                        for a, b in _longer(tokens, i, end, mode, lex):
                            # a two-part given name or surname ("Chun Hei Cheung",
                            # "Joao Pedro da Costa", "Rebin Hama Amin"): weighed apart
                            longer = {**feats, "full:three": 1.0}
                            out.append(
                                Candidate(a, b, "full", "detector", longer, why, titled=titled)
                            )
                # first + surname initial ("Leo M")
                if (
                    len(nxt.text) == 1
                    and nxt.alpha
                    and not nxt.shorthand
                    and (nxt.cap or mode is CaseMode.LOWER)
                ):
                    after = k + 1
                    if nxt.text == "n" and after < n and not tokens[after].seg_start:
                        pass  # "grace n sky": "and", a list
                    elif (
                        after >= n
                        or tokens[after].seg_start
                        or surname_at(tokens, after, mode, lex) is None
                    ):
                        out.append(
                            Candidate(
                                i,
                                k,
                                "first+initial",
                                "detector",
                                {
                                    "form:first+initial": 1.0,
                                    "first+initial:first": f,
                                    "first+initial:world_first": float(f == 0.0),
                                    "first+initial:word": w1,
                                    "first+initial:dot": float(nxt.dot),
                                },
                                ["first name + initial"],
                                titled=titled,
                            )
                        )
            # first name alone
            # (a school word too, "Summer", "May", "Autumn": the words around it decide)
            if first_alone and not titled:
                followed = nxt is not None and surname_follows(tokens, k, mode, lex)
                # Followed by a word that could be a surname, it is still a
                # candidate alone, weighed apart: where case says nothing, any
                # word could ("connor needs a protractor"); the full reading,
                # when it passes, is kept over it (longest first).
                feats = {
                    "form:first": 1.0,
                    "first:first": f,
                    "first:world_first": float(f == 0.0),
                    "first:bias": bias,
                    "first:word": w1,
                    "first:school_word": float(key in SCHOOL_WORDS),
                    # in capitals inside a subject that is not: an acronym as
                    # often as a name ("ENA - Staff Meeting", "NABA Candidate")
                    "first:caps_in_mixed": float(
                        t.upper and len(t.text) > 1 and mode is not CaseMode.UPPER
                    ),
                }
                if followed:
                    feats[followed_by_surname(mode)] = 1.0
                out.append(
                    Candidate(
                        i,
                        f_end,
                        "first",
                        "detector",
                        feats,
                        ["first name (lexicon)"],
                        wordness=w1,
                    )
                )
        elif (
            first_alone
            and not titled
            and f_end == i
            and key not in SCHOOL_WORDS
            and _unknown_name(t, mode, lex)
        ):
            # a name in no list, alone ("efua", "Jurgis"): judged by its spelling
            # (character n-grams, see data/build_namelike.py) and the words around it
            nl = namelike(key)
            # in ALL CAPS an acronym looks the same ("UCAS"): ask more of the spelling;
            # three letters or fewer in no list is a staff code or an acronym
            # ("JHN", "PFI"), not a name: real names that short are in the lists
            if len(key) > 3 and nl > (1.0 if mode is CaseMode.UPPER else 0.0):
                out.append(
                    Candidate(
                        i,
                        i,
                        "first",
                        "detector",
                        {
                            "form:first": 1.0,
                            "first:unlisted": 1.0,
                            "first:namelike": nl,
                            "first:word": wordness(key, lex),
                            # written in capitals inside a subject that is not
                            "first:unlisted_caps": float(t.upper and mode is not CaseMode.UPPER),
                        },
                        ["unlisted name, name-like spelling"],
                        wordness=wordness(key, lex),
                    )
                )
        if (
            fs is None
            and not titled
            and f_end + 1 < n
            and not tokens[f_end].possessive
            and not tokens[f_end + 1].seg_start
            and ((unknown := _unknown_name(t, mode, lex)) or _surname_only(t, mode, lex))
        ):
            # a first name in no list ("Savita Puthigai", "Oluwaseun Adeyemi"):
            # the learned weights decide how much a known or unknown surname
            # after it makes up for that
            sur = surname_at(tokens, f_end + 1, mode, lex)
            if sur is not None:
                end, s, w2 = sur
                out.append(
                    Candidate(
                        i,
                        end,
                        "full",
                        "detector",
                        {
                            "form:full": 1.0,
                            "full:first_unknown": float(unknown),
                            # a given name the lists hold only as a surname
                            # ("Sagun Shrestha", "Kaur Dhillon")
                            "full:first_surname": float(not unknown),
                            "full:namelike": namelike(key),
                            "full:surname": s,
                            "full:word2": w2,
                            "full:school_word": float(
                                any(x.key in SCHOOL_WORDS for x in tokens[i : end + 1])
                            ),
                        },
                        [
                            "unlisted first name + surname"
                            if unknown
                            else "a name listed only as a surname, then a surname"
                        ],
                        titled=titled,
                    )
                )
        # a surname alone in a list or after a lead word ("w/ Kowalczyk, Popa &
        # Hassan", "homework not in: Zając, Parmar, Forbes", "Khan's")
        # (not after an initial: "A Khan" is initial + surname; "w/ Khan" is a lead word)
        # (a surname far more than a first name counts too: "Johnson", "Khan")
        # particles lead a surname alone too: "van der Berg - buddy", "dela Cruz -
        # inhaler form"; the surname after them is what must read as one
        h = i
        while (
            h < min(i + 2, n - 1)
            and tokens[h].key in SURNAME_PARTICLES
            and not (tokens[h].upper and mode is not CaseMode.UPPER)
            and not tokens[h + 1].seg_start
        ):
            h += 1
        s_end = f_end if h == i else _unit_end(tokens, h)
        if (
            not titled
            and (fs is None or fs[2] <= -1.5 or h > i)
            and not (i > 0 and len(tokens[i - 1].text) == 1 and tokens[i - 1].key not in LEAD_WORDS)
            and key not in ROLE_NOUNS  # "Head's report"
            # two capitals in a subject not in capitals: a code ("Mason, TX", "re UK")
            and not (t.upper and len(t.text) <= 2 and mode is not CaseMode.UPPER)
        ):
            prev = tokens[i - 1] if i > 0 else None
            listed = (
                (
                    prev is not None
                    and (prev.comma or prev.key in JOINERS or prev.key in LEAD_WORDS)
                    # "Re: Ferreira - ...": a reply, not "re Ferreira" (regarding)
                    and not (prev.key == "re" and t.seg_start)
                )
                or tokens[s_end].comma
                or tokens[s_end].possessive
                or (s_end + 1 < n and tokens[s_end + 1].key in JOINERS)
                # a household: "the Ahmadi family", "HORVATH FAMILY"
                or (s_end + 1 < n and tokens[s_end + 1].key in FAMILY_WORDS)
            )
            # or leading a segment of its own, or a subject about them:
            # "Ferreira - results enquiry", "ZIELINSKI - ISOLATION", "Kaminski exam clash"
            # (never a subject of one word: "Rimrock", "FW: Bridgeline" name projects)
            leads = (
                not listed
                and t.seg_start
                and (
                    s_end + 1 == n
                    or tokens[s_end + 1].seg_start
                    or tokens[s_end + 1].key in CONTEXT_WORDS  # "Kaminski detention"
                )
                and (s_end + 1 < n or any(x.key not in REPLY_PREFIXES for x in tokens[:i]))
                and _lone_surname(tokens[h], mode, lex)
            )
            sur = surname_at(tokens, i, mode, lex) if listed or leads else None
            if leads and sur is not None and sur[2] >= 0.3 and h == i:
                # leading alone, an everyday word is that word ("FISH - FRIDAY"),
                # unless particles lead it ("van der Berg - buddy")
                sur = None
            if sur is not None and sur[0] == s_end:
                feats = {"form:last": 1.0, "last:surname": sur[1], "last:word": sur[2]}
                if leads:
                    feats["last:leads"] = 1.0
                    feats["last:leads_namelike"] = namelike(tokens[h].key)
                if h > i:
                    feats["last:particle"] = 1.0
                if t.upper and mode is not CaseMode.UPPER:
                    feats["last:caps_in_mixed"] = 1.0  # "ERCOT and NYISO", "ZAJAC, Parmar"
                if tokens[s_end].dot and not tokens[s_end].possessive:
                    feats["last:dot"] = 1.0  # an abbreviation as often: "Mex.", "Bldg."

                out.append(
                    Candidate(
                        i,
                        s_end,
                        "last",
                        "detector",
                        feats,
                        ["surname alone (lexicon or no dictionary)"],
                        wordness=sur[2],
                    )
                )
        # a username: initial + surname run together ("JSmith", "BHall")
        if (
            t.upper is False
            and t.text[1:2].isupper()
            and _USERNAME.fullmatch(t.text)
            and not tokens[f_end].possessive
        ):
            e = lex.get(t.key[1:], UNKNOWN)
            # (not a word with its second letter still shifted: "FInancial")
            if not lex.get(t.key, UNKNOWN).is_common_word and (
                e.surname or (not e.is_common_word and e.lower < 0.3)
            ):
                out.append(
                    Candidate(
                        i,
                        f_end,
                        "username",
                        "detector",
                        {
                            "form:username": 1.0,
                            "username:surname": 0.5 + e.surname_strength if e.surname else 0.0,
                        },
                        ["initial + surname run together"],
                    )
                )
        # initial + surname ("A. Khan", "G Hall")
        if (
            len(t.text) == 1
            and t.alpha
            and not t.shorthand
            and (t.cap or mode is CaseMode.LOWER)
            and i + 1 < n
        ):
            sur = surname_at(tokens, i + 1, mode, lex) if not tokens[i + 1].seg_start else None
            if sur is not None:
                end, s, w2 = sur
                out.append(
                    Candidate(
                        i,
                        end,
                        "initial+last",
                        "detector",
                        {
                            "form:initial+last": 1.0,
                            "initial+last:surname": s,
                            "initial+last:word": w2,
                            "initial+last:dot": float(t.dot),
                            "initial+last:a_i": float(t.key in ("a", "i") and not t.dot),
                        },
                        ["initial + surname (lexicon)"],
                        titled=titled,
                    )
                )
        # surname + first initial, as registers and exam lists write them
        # ("KOWALCZYK J", "DERBY C, FOX D, MASS K", "Price, L", "DOS SANTOS B")
        s_end = f_end
        if key in PARTICLES and not titled:
            lead = surname_at(tokens, i, mode, lex)
            s_end = lead[0] if lead is not None else f_end
        k = s_end + 1
        if (
            k < n
            and not titled
            and not tokens[s_end].possessive
            and len(tokens[k].text) == 1
            and tokens[k].alpha
            and not tokens[k].shorthand
            and (tokens[k].cap or mode is CaseMode.LOWER)
            and (tokens[s_end].comma or not tokens[k].seg_start)
        ):
            sur = surname_at(tokens, i, mode, lex)
            if sur is not None and sur[0] == s_end:
                out.append(
                    Candidate(
                        i,
                        k,
                        "last+initial",
                        "detector",
                        {
                            "form:last+initial": 1.0,
                            "last+initial:surname": sur[1],
                            "last+initial:word": sur[2],
                            "last+initial:comma": float(tokens[s_end].comma),
                            "last+initial:dot": float(tokens[k].dot),
                            "last+initial:end": float(initial_ends_name(tokens, k)),
                        },
                        ["surname (lexicon) + first initial"],
                    )
                )
        # SURNAME First, as an MIS export writes it ("OLAH Patrik", "KHAN Amir"):
        # a surname in capitals, then a first name in ordinary case, in a
        # subject whose case otherwise tells, or pasted into an ALL CAPS one
        # ("POPESCU Ionut - HOLIDAY IN TERM TIME"), where the one word in
        # ordinary case is itself the evidence
        k = f_end + 1
        if (
            (cased_only or mode is CaseMode.UPPER)
            and not titled
            and t.upper
            and len(t.text) >= 2
            and k < n
            and not tokens[f_end].comma
            and not tokens[k].seg_start
            and tokens[k].cap
            and not tokens[k].upper
        ):
            sur = surname_at(tokens, i, mode, lex)
            unlisted = 0.0
            if (
                sur is None
                and t.alpha
                and len(t.text) >= 3
                and t.key not in _NEVER
                and _VOWELS.intersection(t.key)  # "SLT Sarah", "HR Jane": acronyms
            ):
                sur, unlisted = (f_end, 0.8, 0.0), 1.0
            fs2 = _first(tokens[k], mode, lex) if sur is not None and sur[0] == f_end else None
            if sur is not None and fs2 is not None:
                out.append(
                    Candidate(
                        i,
                        _unit_end(tokens, k),
                        "reversed",
                        "detector",
                        {
                            **_reversed(sur, fs2),
                            "reversed:caps": 1.0,
                            "reversed:unlisted": unlisted,
                        },
                        ["'SURNAME First' (lexicon)"],
                    )
                )
        # Surname First with no comma and no case to tell them apart, a segment
        # of its own, as an attendance list writes it ("PATEL AARYAN - OFF ROLL?",
        # "zielinski lukasz - late x4"): weighed by how much the first word is a
        # surname and not a first name, and the second the other way round
        elif (
            not titled
            and not cased_only
            and (t.seg_start or (i > 0 and tokens[i - 1].key in JOINERS))
            and t.key not in ROLE_WORDS  # "EWO ASHBY": a role, then a surname
            and k < n
            and not tokens[f_end].comma
            and not tokens[f_end].possessive
            and not tokens[k].seg_start
            and tokens[k].upper == t.upper
        ):
            k_end = _unit_end(tokens, k)
            sur = surname_at(tokens, i, mode, lex)
            fs2 = (
                _first(tokens[k], mode, lex)
                if sur is not None and sur[0] == f_end and tokens[k].key not in PLACE_HEADS
                else None
            )  # "LAMB LANE": a road, not Lane Lamb
            # or an item of a list joined by "and", "&" or "+" ("HADDAD YOUSEF AND
            # HADDAD RAMA", "TELFER OLIVIA + GRAY OSCAR")
            after_end = tokens[k_end + 1] if k_end + 1 < n else None
            in_list = (not t.seg_start) or (
                after_end is not None and not after_end.seg_start and after_end.key in JOINERS
            )
            # or before a form or year group, as a register writes it
            # ("PARKIN LIBERTY 9W3 - 87%", "WRAGG SKY 9N1")
            grouped = after_end is not None and not after_end.alpha and is_group_code(after_end.key)
            if (
                sur is not None
                and fs2 is not None
                and (after_end is None or after_end.seg_start or in_list or grouped)
                and not tokens[k_end].possessive
            ):
                e0 = lex.get(t.key)
                e1 = lex.get(tokens[k].key)
                out.append(
                    Candidate(
                        i,
                        k_end,
                        "reversed",
                        "detector",
                        {
                            **_reversed(sur, fs2),
                            "reversed:bare": 1.0,
                            # both everyday words ("PETTY CASH", "DUE APRIL")
                            "reversed:both_words": min(sur[2], fs2[1]),
                            "reversed:surname_is_first": e0.first_strength if e0 else 0.0,
                            "reversed:first_is_surname": e1.surname_strength if e1 else 0.0,
                            "reversed:joined_list": float(in_list),
                            "reversed:before_group": float(grouped),
                            # "STORM BERT", "KING JAMES": a storm or a title, first
                            "reversed:thing_lead": float(t.key in PLACE_LEADS),
                        },
                        ["'Surname First', a segment of its own (lexicon)"],
                    )
                )
        # surname, first ("Khan, Amir"; "KHAN, Amir")
        if tokens[f_end].comma and f_end + 1 < n:
            sur = surname_at(tokens, i, mode, lex)
            # "WOOD, MARK - nose bleed", "Stone, Will - transfer file": the two
            # words are a segment of their own, as a register writes a name
            e_sur = lex.get(t.key, UNKNOWN)
            end1 = _unit_end(tokens, f_end + 1)
            pair = (
                t.seg_start
                and end1 == f_end + 1
                and (end1 + 1 == n or tokens[end1 + 1].seg_start)
                and not tokens[end1].comma
                and not tokens[end1].possessive
            )
            if (
                sur is None
                and t.alpha
                and t.key not in _NEVER
                and (t.upper or (pair and t.cap and e_sur.surname))
            ):
                sur = (
                    (f_end, 0.8, 0.0)
                    if t.upper
                    else (f_end, 0.5 + e_sur.surname_strength, wordness(t.key, lex))
                )
            fs2 = (
                _first(tokens[f_end + 1], mode, lex)
                if sur is not None and sur[0] == f_end
                else None
            )
            unlisted_first = False
            if (
                fs2 is None
                and sur is not None
                and sur[0] == f_end
                and _unit_end(tokens, f_end + 1) == f_end + 1
                and _unknown_name(tokens[f_end + 1], mode, lex)
                and namelike(tokens[f_end + 1].key) > 0.0
            ):
                # a given name in no list ("REYES, JHANELLE", "Okafor, Chiamaka")
                fs2, unlisted_first = (0.0, wordness(tokens[f_end + 1].key, lex), 0.0), True
            if sur is not None and fs2 is not None:
                feats = _reversed(sur, fs2)
                if pair:
                    feats["reversed:pair"] = 1.0
                if unlisted_first:
                    feats["reversed:first_unlisted"] = 1.0
                why = ["'Surname, First' (lexicon)"]
                # "Daisy, Callum, Seun": a list of first names, not a surname first
                e0 = lex.get(t.key)
                if e0 is not None and e0.first:
                    feats["reversed:surname_is_first"] = e0.first_strength
                end2 = _unit_end(tokens, f_end + 1)
                if (i > 0 and tokens[i - 1].comma) or tokens[end2].comma:
                    feats["reversed:comma_list"] = 1.0
                if i > 0 and not t.seg_start and _first(tokens[i - 1], mode, lex) is not None:
                    feats["reversed:first_before"] = 1.0
                    why.append("but a first name comes before it")
                out.append(Candidate(i, end2, "reversed", "detector", feats, why))
    return out
