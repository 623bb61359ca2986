"""Who is who at a school: a read-only snapshot the engine consults.

A :class:`Directory` is built once per roster load (from an MIS CSV export,
Microsoft Graph or Google Directory) and then only read. Building it
pre-computes every index the rules need, including the subject-line name
matcher, so that a check does dictionary look-ups and nothing more.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from app.domain import PersonKind, email_domain, normalise_address
from app.frozen import tuples_of
from app.names import NameIndex
from app.people import Person, Relationship
from app.text import fold


@dataclass(frozen=True, slots=True)
class Group:
    """A distribution list or Google group, with its size where known."""

    email: str
    name: str = ""
    member_count: int | None = None
    kind: PersonKind | None = None  # e.g. a "Year 9 parents" list is PARENT
    source: str = "csv"  # the directory source it came from


_LOCAL_SPLIT = re.compile(r"[._\-+0-9]+")
_SEPARATORS = "._-+0123456789"  # what _LOCAL_SPLIT splits on


def name_key(first: str, last: str) -> str:
    """The key pupils are indexed under for personal-address matching."""
    return f"{fold(first).strip()}|{fold(last).strip()}"


@dataclass(slots=True)
class Directory:
    """An immutable snapshot with its indexes. Build with :meth:`build`."""

    people: tuple[Person, ...] = ()
    groups: tuple[Group, ...] = ()
    internal_domains: frozenset[str] = frozenset()
    version: int = 0
    _by_email: dict[str, Person] = field(default_factory=dict, repr=False)
    _by_personal: dict[str, Person] = field(default_factory=dict, repr=False)
    _groups: dict[str, Group] = field(default_factory=dict, repr=False)
    _pupils_by_name: dict[str, tuple[Person, ...]] = field(default_factory=dict, repr=False)
    _pupils_by_concat: dict[str, tuple[Person, ...]] = field(default_factory=dict, repr=False)
    _names: NameIndex | None = field(default=None, repr=False)
    _pupil_firsts: frozenset[str] = field(default=frozenset(), repr=False)
    _by_id: dict[str, Person] = field(default_factory=dict, repr=False)
    _contacts_of: dict[str, tuple[tuple[Person, Relationship], ...]] = field(
        default_factory=dict, repr=False
    )

    @classmethod
    def build(
        cls,
        people: Iterable[Person] = (),
        groups: Iterable[Group] = (),
        *,
        internal_domains: Iterable[str] = (),
        version: int = 0,
        with_names: bool = True,
    ) -> Directory:
        people_t = tuple(people)
        groups_t = tuple(groups)
        d = cls(
            people=people_t,
            groups=groups_t,
            internal_domains=frozenset(email_domain("x@" + x) for x in internal_domains),
            version=version,
        )
        by_name: dict[str, list[Person]] = {}
        by_concat: dict[str, list[Person]] = {}
        contacts_of: dict[str, list[tuple[Person, Relationship]]] = {}
        for p in people_t:
            d._by_id.setdefault(p.id, p)
            for rel in p.relationships:
                contacts_of.setdefault(rel.pupil_id, []).append((p, rel))
            if p.email:
                d._by_email.setdefault(_key(p.email), p)
            for extra in p.personal_emails:
                d._by_personal.setdefault(_key(extra), p)
            if p.kind is PersonKind.PUPIL:
                for first in {p.first_name, p.preferred_name or p.first_name}:
                    by_name.setdefault(name_key(first, p.last_name), []).append(p)
                    concat = _squash(first) + _squash(p.last_name)
                    by_concat.setdefault(concat, []).append(p)
        d._pupil_firsts = frozenset(k.partition("|")[0] for k in by_name)
        d._pupils_by_name = tuples_of(by_name)
        d._pupils_by_concat = tuples_of(by_concat)
        d._contacts_of = tuples_of(contacts_of)
        d._groups = {normalise_address(g.email): g for g in groups_t}
        if with_names:
            d._names = NameIndex.build(people_t)
        return d

    def with_school_accounts(self, people: Iterable[Person]) -> Directory:
        """A copy that also knows these people by their school address.

        For facts learnt per request (Graph saying an unlisted address is in
        the pupils group): the copy shares every other index, and the name
        matcher is not rebuilt.
        """
        by_email = dict(self._by_email)
        for p in people:
            if p.email:
                by_email.setdefault(normalise_address(p.email), p)
        return replace(self, _by_email=by_email)

    # -- look-ups (all O(1)) -------------------------------------------------

    def person_by_address(self, key: str) -> Person | None:
        """The person whose school or personal address this normalised key is."""
        return self._by_email.get(key) or self._by_personal.get(key)

    def person_by_school_address(self, key: str) -> Person | None:
        return self._by_email.get(key)

    def person_by_personal_address(self, key: str) -> Person | None:
        return self._by_personal.get(key)

    def person(self, person_id: str) -> Person | None:
        """The person with this directory (MIS) id."""
        return self._by_id.get(person_id)

    def contacts_of(self, pupil_id: str) -> tuple[tuple[Person, Relationship], ...]:
        """A pupil's parents and carers, each with their link to the pupil."""
        return self._contacts_of.get(pupil_id, ())

    def pupils_of(self, contact: Person) -> tuple[Person, ...]:
        """The pupils a contact is linked to (those still in the directory)."""
        return tuple(p for r in contact.relationships if (p := self._by_id.get(r.pupil_id)))

    def group(self, key: str) -> Group | None:
        return self._groups.get(key)

    # -- the same, for every recipient of a message at once -----------------------

    def school_people(self, keys: Iterable[str]) -> tuple[Person | None, ...]:
        """:meth:`person_by_school_address` of each key, in order."""
        return tuple(map(self._by_email.get, keys))

    def personal_people(self, keys: Iterable[str]) -> tuple[Person | None, ...]:
        """:meth:`person_by_personal_address` of each key, in order."""
        return tuple(map(self._by_personal.get, keys))

    def groups_among(self, keys: Iterable[str]) -> dict[int, Group]:
        """The position of each key that is a group, with the group."""
        if not self._groups:
            return {}
        return {i: g for i, g in enumerate(map(self._groups.get, keys)) if g is not None}

    def pupils_named(self, display_name: str) -> tuple[Person, ...]:
        """Pupils whose first (or preferred) name and surname make up a display name.

        ``"Amir Khan"``, ``"KHAN, Amir"`` and ``"Amir J Khan"`` all find Amir
        Khan; a title or a lone surname ("Mrs Khan") finds nobody, because a
        parent shares the surname.
        """
        text = fold(display_name).strip().strip("'\"")
        if not text:
            return ()
        if "," in text:
            last, _, first = text.partition(",")
            return self._pupils_by_name.get(f"{first.strip().split(' ')[0]}|{last.strip()}", ())
        parts = text.split()
        if len(parts) < 2:
            return ()
        # first token + remaining tokens (multi-part surnames), then first + last.
        for i in range(1, len(parts)):
            hit = self._pupils_by_name.get(f"{parts[0]}|{' '.join(parts[i:])}")
            if hit:
                return hit
        return ()

    def pupils_named_or_matching(self, name: str, address_key: str) -> tuple[Person, ...]:
        """:meth:`pupils_named` for the display name, failing that
        :meth:`pupils_matching_local_part` for the address's local part.

        The same answers, with the look-ups that cannot hit skipped: every
        name key starts with a pupil's first name."""
        firsts = self._pupil_firsts
        if name:
            text = fold(name).strip().strip("'\"")
            if text:
                if "," in text:
                    last, _, first = text.partition(",")
                    head = first.strip().split(" ")[0]
                    if head in firsts:
                        hit = self._pupils_by_name.get(f"{head}|{last.strip()}")
                        if hit:
                            return hit
                else:
                    parts = text.split()
                    if len(parts) >= 2 and parts[0] in firsts:
                        hit = self.pupils_named(name)
                        if hit:
                            return hit
        # pupils_matching_local_part, without the split when the local part is
        # one run of letters ("parent17", "office"): at a thousand recipients
        # the regular expression was a third of the check.
        inner = fold(address_key.rpartition("@")[0]).strip(_SEPARATORS)
        if inner.isalpha():
            return self._pupils_by_concat.get(inner, ())
        tokens = [t for t in _LOCAL_SPLIT.split(inner) if t]
        if not tokens:
            return ()
        if len(tokens) >= 2 and (tokens[0] in firsts or tokens[-1] in firsts):
            for a, b in ((tokens[0], tokens[-1]), (tokens[-1], tokens[0])):
                hit = self._pupils_by_name.get(f"{a}|{b}")
                if hit:
                    return hit
        return self._pupils_by_concat.get("".join(tokens), ())

    def pupils_matching_local_part(self, local: str) -> tuple[Person, ...]:
        """Pupils whose first name and surname make up an address's local part.

        ``amir.khan``, ``amir_khan07``, ``khan.amir`` and ``amirkhan2011`` find
        Amir Khan. Initials alone (``akhan``) do not: too many parents and
        siblings share them.
        """
        tokens = [t for t in _LOCAL_SPLIT.split(fold(local)) if t]
        if not tokens:
            return ()
        if len(tokens) >= 2:
            for a, b in ((tokens[0], tokens[-1]), (tokens[-1], tokens[0])):
                hit = self._pupils_by_name.get(f"{a}|{b}")
                if hit:
                    return hit
        return self._pupils_by_concat.get("".join(tokens), ())

    @property
    def names(self) -> NameIndex | None:
        return self._names


def _key(address: str) -> str:
    """The normalised address, reusing the stored string when it is already
    normal (the usual case): one copy fewer of every address in memory."""
    key = normalise_address(address)
    return address if key == address else key


def _squash(text: str) -> str:
    return re.sub(r"[^a-z]", "", fold(text))
