"""The CSV readers' per-row checks (app/directory/csv_roster.py): the column
length limits, which a fast screen on the raw cells passes nearly every row by."""

from __future__ import annotations

import pytest

from app.directory.csv_roster import RosterError, parse_groups, parse_people, parse_relationships

HEADER = "id,kind,first_name,last_name,email\n"


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        # at the limit, or over it only by the spaces that are stripped: read
        (f"P1,pupil,{'A' * 100},Khan,a@oak.sch.uk", None),
        (f"P1,pupil,   {'A' * 100}   ,Khan,a@oak.sch.uk", None),
        (f"{'P' * 100},pupil,Amir,Khan,a@oak.sch.uk", None),
        # over it: named, by row and column
        (f"P1,pupil,{'A' * 101},Khan,a@oak.sch.uk", "row 2: first_name is longer than 100"),
        (f"{'P' * 101},pupil,Amir,Khan,a@oak.sch.uk", "row 2: id is longer than 100"),
        # a column with no limit of its own (email is checked as an address)
        (f"P1,pupil,Amir,Khan,{'a' * 60}@oak.sch.uk", None),
    ],
)
def test_people_column_limits(row: str, problem: str | None) -> None:
    if problem is None:
        (person,) = parse_people(HEADER + row + "\n")
        assert len(person.first_name) <= 100 and person.first_name == person.first_name.strip()
    else:
        with pytest.raises(RosterError) as exc:
            parse_people(HEADER + row + "\n")
        assert [p.startswith(problem) for p in exc.value.problems] == [True]


def test_every_long_cell_of_a_row_is_named_and_the_row_skipped() -> None:
    text = HEADER + f"P1,pupil,{'A' * 101},{'K' * 101},a@oak.sch.uk\nP2,pupil,Bea,Khan,\n"
    with pytest.raises(RosterError) as exc:
        parse_people(text)
    assert [(p.row, p.column) for p in exc.value.items] == [(2, "first_name"), (2, "last_name")]


def test_an_unnamed_column_is_ignored_and_limits_still_apply() -> None:
    (person,) = parse_people("id,,kind,first_name,last_name\nP1,x,pupil,Amir,Khan\n")
    assert (person.id, person.first_name) == ("P1", "Amir")
    with pytest.raises(RosterError, match="row 2: last_name is longer than 100"):
        parse_people(f"id,,kind,first_name,last_name\nP1,x,pupil,Amir,{'K' * 101}\n")


def test_groups_and_relationships_have_their_limits() -> None:
    with pytest.raises(RosterError, match="row 2: name is longer than 200"):
        parse_groups(f"email,name\nall@oak.sch.uk,{'n' * 201}\n")
    with pytest.raises(RosterError, match="row 3: relationship is longer than 50"):
        parse_relationships(f"contact_id,pupil_id,relationship\nC1,P1,mother\nC1,P2,{'r' * 51}\n")
