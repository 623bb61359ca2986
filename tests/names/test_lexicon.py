"""The shipped word lists and the spelling model (app/names/_lexicon.py)."""

from __future__ import annotations

import pytest

from app.names._lexicon import namelike
from app.names._tokens import fold_fast


@pytest.mark.parametrize(
    ("name", "word"),
    [("efua", "fixture"), ("jurgis", "homework"), ("okwuosa", "seating"), ("kazlauskas", "export")],
)
def test_a_name_in_no_list_spells_more_like_a_name_than_a_word(name: str, word: str) -> None:
    assert namelike(name) > 0.0 > namelike(word)


def test_namelike_is_clipped_log_odds() -> None:
    assert all(-4.0 <= namelike(k) <= 4.0 for k in ("a", "zzzzzz", "andreea", "detention"))


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Łukasz", "lukasz"),
        ("Aydın", "aydin"),
        ("Đặng", "dang"),
        ("Øyvind", "oyvind"),
        ("Oisín", "oisin"),
        ("Şule", "sule"),
    ],
)
def test_letters_with_strokes_fold_like_accents(text: str, folded: str) -> None:
    got = fold_fast(text)
    assert got == folded and len(got) == len(text)
