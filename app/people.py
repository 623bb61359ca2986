"""Who someone is at a school: a :class:`Person` and their :class:`Relationship` to pupils.

The rows every directory source produces. They sit below both the name matcher
(``app.names`` indexes people's names) and the directory snapshot
(``app.directory.model`` indexes people by address and holds the name matcher),
so neither has to import the other's layer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.calendar import WorkingHours
from app.domain import PersonKind


@dataclass(frozen=True, slots=True)
class Relationship:
    """A contact's link to a pupil: "Samina Khan is Amir Khan's mother".

    Held on the contact (``Person.relationships``). ``relationship`` is the
    MIS's own word (mother, father, carer, grandparent...), lower-cased;
    ``parental_responsibility`` is ``None`` where the source does not say.
    """

    pupil_id: str
    relationship: str = ""
    parental_responsibility: bool | None = None


@dataclass(frozen=True, slots=True)
class Person:
    """A pupil, member of staff, parent/carer or other contact.

    ``email`` is the school-issued address (pupils and staff) or the address
    the school holds (parents). ``personal_emails`` are other addresses known
    to belong to the person (a pupil's Gmail recorded by the MIS, a parent's
    second address). ``mis_ref`` is the MIS's reference (e.g. a UPN-free admin
    number) used by SUB001's "reference" fix style. ``working_hours`` are the
    person's own where the school records them (part-time staff); OOH001 uses
    them instead of the school's for that recipient.

    ``roles`` and ``departments`` are a member of staff's (job titles such as
    "Teacher" or "DSL"; "Science"); ``classes`` are the classes, tutor groups
    and year groups a pupil (or teacher) is in, by name. A contact's
    ``relationships`` say whose parent or carer they are. Staff personal
    addresses, where the school records them, are ``personal_emails``.
    ``source`` is the directory source the row came from (``csv`` for an
    upload): each sync replaces only its own rows.
    """

    id: str
    first_name: str
    last_name: str
    kind: PersonKind
    email: str | None = None
    preferred_name: str | None = None
    personal_emails: tuple[str, ...] = ()
    mis_ref: str | None = None
    middle_names: str = ""
    working_hours: WorkingHours | None = None  # a part-timer's own days and hours, if known
    roles: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    classes: tuple[str, ...] = ()
    relationships: tuple[Relationship, ...] = ()
    source: str = "csv"

    @property
    def display_name(self) -> str:
        return f"{self.preferred_name or self.first_name} {self.last_name}".strip()

    @property
    def initials(self) -> str:
        first = (self.preferred_name or self.first_name)[:1].upper()
        last_parts = [p for p in re.split(r"[\s\-]+", self.last_name) if p]
        last = last_parts[-1][:1].upper() if last_parts else ""
        return ".".join(x for x in (first, last) if x) + "." if (first or last) else ""
