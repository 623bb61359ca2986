"""``Directory`` look-ups: the one-call name match gives the two-step answers."""

from __future__ import annotations

import pytest

from app.directory.csv_roster import parse_people
from app.directory.model import Directory

PEOPLE = """id,kind,first_name,preferred_name,last_name,email
P1,pupil,Amir,,Khan,amir.khan@pupils.oak.sch.uk
P2,pupil,Zoë,,O'Neill,zoe.oneill@pupils.oak.sch.uk
P3,pupil,Robert,Bobby,Van Der Berg,bobby.vdb@pupils.oak.sch.uk
P4,pupil,Mary Ann,,Smith,mary.smith@pupils.oak.sch.uk
C1,parent,Samina,,Khan,samina.khan@gmail.com
"""

DIRECTORY = Directory.build(parse_people(PEOPLE))


@pytest.mark.parametrize(
    ("name", "address"),
    [
        # display-name hits
        ("Amir Khan", "x1@gmail.com"),
        ("KHAN, Amir", "x2@gmail.com"),
        ("Amir J Khan", "x3@gmail.com"),
        ("Zoë O’Neill", "x4@gmail.com"),
        ("Bobby Van Der Berg", "x5@gmail.com"),
        ("van der berg, Bobby", "x6@gmail.com"),
        ("'Amir Khan'", "x7@gmail.com"),
        # local-part hits
        ("", "amir.khan@gmail.com"),
        ("Mum", "khan.amir07@hotmail.com"),
        ("", "amirkhan2011@yahoo.co.uk"),
        ("Parent", "zoe_o'neill@gmail.com"),
        ("", "zoeo'neill@gmail.com"),
        # near misses: a title, a surname alone, initials, a parent, two-word first names
        ("Mrs Khan", "akhan@gmail.com"),
        ("Khan", "khan@gmail.com"),
        ("Samina Khan", "samina.khan@gmail.com"),
        ("Mary Ann Smith", "m.a.smith@gmail.com"),
        ("Mary Smith", "mary@gmail.com"),
        ("", ""),
        (",", "@gmail.com"),
        ("Khan,", "amir@gmail.com"),
    ],
)
def test_name_match_in_one_call_is_the_two_step_answer(name: str, address: str) -> None:
    d = DIRECTORY
    two_step = d.pupils_named(name) if name else ()
    if not two_step:
        two_step = d.pupils_matching_local_part(address.rpartition("@")[0])
    assert d.pupils_named_or_matching(name, address) == two_step


def test_some_cases_hit() -> None:
    # The table above is not all misses.
    assert DIRECTORY.pupils_named_or_matching("KHAN, Amir", "x@gmail.com")[0].id == "P1"
    assert DIRECTORY.pupils_named_or_matching("", "amirkhan2011@gmail.com")[0].id == "P1"
    assert DIRECTORY.pupils_named_or_matching("Mary Smith", "mary@gmail.com") == ()
