"""CSV files as a source: the README formats, read in full; errors say where, not what."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from app.directory.sources.base import SourceError
from app.directory.sources.csv_files import CsvSource


def test_reads_people_groups_and_links(tmp_path: Path) -> None:
    (tmp_path / "p.csv").write_text(
        "id,kind,first_name,last_name,classes\nP1,pupil,Amir,Khan,9X\nC1,parent,Samina,Khan,\n"
    )
    (tmp_path / "g.csv").write_text("email,name,member_count\nall@oak.sch.uk,All,3\n")
    (tmp_path / "r.csv").write_text("contact_id,pupil_id,relationship\nC1,P1,mother\n")
    src = CsvSource(
        "export",
        {
            "people": str(tmp_path / "p.csv"),
            "groups": str(tmp_path / "g.csv"),
            "relationships": str(tmp_path / "r.csv"),
        },
    )
    got = asyncio.run(src.fetch(None))
    assert got.full and {p.source for p in got.people} == {"export"}
    assert next(p for p in got.people if p.id == "C1").relationships[0].pupil_id == "P1"
    assert got.groups is not None and got.groups[0].source == "export"


@pytest.mark.parametrize(
    ("people", "message"),
    [
        (
            "id,kind,first_name,last_name,email\nP1,pupil,Amir,Khan,amir.khan@@bad\n",
            "csv: 1 problem(s), the first at row 2; check the file with PUT /directory/people",
        ),
        (None, "csv: cannot read a file (FileNotFoundError)"),
    ],
)
def test_errors_name_the_row_not_its_content(
    tmp_path: Path, people: str | None, message: str
) -> None:
    path = tmp_path / "p.csv"
    if people is not None:
        path.write_text(people)
    with pytest.raises(SourceError) as exc:
        asyncio.run(CsvSource("export", {"people": str(path)}).fetch(None))
    assert str(exc.value) == message
    assert "amir" not in str(exc.value).lower()
