"""A policy-only change reloads without re-reading the roster (both databases)."""

from __future__ import annotations

import pytest

from app.store import Store
from tests.conftest import GROUPS, PEOPLE, make_policy


@pytest.mark.parametrize(
    ("cached", "reads_directory"),
    [
        (None, True),  # first load: everything
        ("current", False),  # directory unchanged (a policy change): people not read
        ("older", True),  # the roster moved: read it
    ],
)
def test_load_skips_an_unchanged_directory(
    store: Store, cached: str | None, reads_directory: bool
) -> None:
    tid = store.create_tenant("a", "A", ["stmarys.sch.uk"], policy=make_policy())
    with store.db.session() as s:
        version = store.scoped(s, tid).replace_directory(list(PEOPLE), list(GROUPS))
    with store.db.session() as s:
        store.scoped(s, tid).put_policy(make_policy(rules={"REC003": "block"}), by="t")
    want = {None: None, "current": version, "older": version - 1}[cached]
    rec = store.load(tid, want)
    full = store.load(tid)
    assert rec.directory_version == full.directory_version == version
    assert rec.policy == full.policy and rec.revision == full.revision and rec.keys == full.keys
    assert rec.policy.rules["REC003"].severity.value == "block"  # type: ignore[union-attr]
    assert (len(rec.people), len(rec.groups)) == (
        (len(PEOPLE), len(GROUPS)) if reads_directory else (0, 0)
    )
