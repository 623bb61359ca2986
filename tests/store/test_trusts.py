"""Trusts in the store, on SQLite and PostgreSQL: shared domains, identities,
scoping from a trust to its schools, overlays validated against every level."""

from __future__ import annotations

import pytest

from app.domain import PersonKind
from app.errors import Conflict, NotFound
from app.people import Person
from app.policy import Policy
from app.schools import DomainError
from app.store import Store
from app.store.trusts import (
    IdentityError,
    TrustStore,
    delete_school_staff_group,
    put_school_staff_group,
    school_staff_groups,
)
from app.tenants import TenantSettings
from app.trusts.overlay import OverlayError

ENTRA = "11111111-2222-3333-4444-555555555555"
ASH_ENTRA = "aaaaaaaa-2222-3333-4444-555555555555"
OTHER = "bbbbbbbb-2222-3333-4444-555555555555"


@pytest.fixture
def trusts(store: Store) -> TrustStore:
    return TrustStore(store.db)


def test_two_schools_of_one_trust_share_its_domain(store: Store, trusts: TrustStore) -> None:
    tid, key = trusts.create_trust("oak", "Oak", ["oak.org.uk"], entra_tenant_id=ENTRA)
    assert key.startswith("etq_trust_")
    north, _ = trusts.create_school(tid, "north", "North")
    south, _ = trusts.create_school(tid, "south", "South", ["south.sch.uk"])
    rec = trusts.load(tid)
    assert rec.domains == ("oak.org.uk",) and rec.entra_tenant_id == ENTRA
    assert rec.schools == ((north, "north"), (south, "south"))
    assert store.load(north).trust_id == tid and store.load(north).domains == ()
    assert store.load(south).domains == ("south.sch.uk",)


@pytest.mark.parametrize(
    ("action", "error"),
    [
        # two trusts never share a domain or an identity
        (lambda t, s: t.create_trust("elm", "Elm", ["oak.org.uk"]), Conflict),
        (lambda t, s: t.create_trust("elm", "Elm", entra_tenant_id=ENTRA.upper()), Conflict),
        (lambda t, s: t.create_trust("elm", "Elm", google_domain="oak-google.org.uk"), Conflict),
        # nor a trust and a school
        (lambda t, s: t.create_trust("elm", "Elm", ["ash.sch.uk"]), Conflict),
        (lambda t, s: s.create_tenant("x", "X", ["oak.org.uk"]), Conflict),
        (
            lambda t, s: s.create_tenant(
                "x",
                "X",
                ["x.sch.uk"],
                settings=TenantSettings.model_validate({"outlook": {"entra_tenant_id": ENTRA}}),
            ),
            Conflict,
        ),
        (lambda t, s: t.create_trust("elm", "Elm", entra_tenant_id=ASH_ENTRA), Conflict),
        # validated like a school's
        (lambda t, s: t.create_trust("elm", "Elm", ["gmail.com"]), DomainError),
        (lambda t, s: t.create_trust("elm", "Elm", entra_tenant_id="not-a-guid"), IdentityError),
        (lambda t, s: t.create_trust("oak", "Again"), Conflict),
        # near misses that are fine
        (lambda t, s: t.create_trust("elm", "Elm", ["elm.org.uk"], entra_tenant_id=OTHER), None),
        (lambda t, s: t.create_trust("elm", "Elm"), None),
    ],
)
def test_claims_are_unique_across_trusts_and_schools(
    store: Store, trusts: TrustStore, action: object, error: type[Exception] | None
) -> None:
    trusts.create_trust(
        "oak", "Oak", ["oak.org.uk"], entra_tenant_id=ENTRA, google_domain="oak-google.org.uk"
    )
    store.create_tenant(
        "ash",
        "Ash",
        ["ash.sch.uk"],
        settings=TenantSettings.model_validate({"outlook": {"entra_tenant_id": ASH_ENTRA}}),
    )
    assert callable(action)
    if error is None:
        action(trusts, store)
    else:
        with pytest.raises(error):
            action(trusts, store)


def test_a_trust_reaches_only_its_own_schools(store: Store, trusts: TrustStore) -> None:
    oak, _ = trusts.create_trust("oak", "Oak", ["oak.org.uk"])
    elm, _ = trusts.create_trust("elm", "Elm", ["elm.org.uk"])
    trusts.create_school(oak, "north", "North")
    trusts.create_school(elm, "birch", "Birch")
    store.create_tenant("ash", "Ash", ["ash.sch.uk"])
    with store.db.session() as s:
        repo = trusts.scoped(s, oak)
        assert repo.school("north").record().slug == "north"
        for other in ("birch", "ash", "nope"):
            with pytest.raises(NotFound):
                repo.school(other)
        assert [slug for _, slug, _ in repo.schools()] == ["north"]
    with store.db.session() as s, pytest.raises(NotFound):
        trusts.scoped(s, "no-such-trust")


def test_an_existing_school_joins_a_trust(store: Store, trusts: TrustStore) -> None:
    oak, _ = trusts.create_trust("oak", "Oak", ["oak.org.uk"])
    elm, _ = trusts.create_trust("elm", "Elm")
    ash = store.create_tenant("ash", "Ash", ["ash.sch.uk"], policy=Policy(school_name="Ash"))
    before = store.load(ash).revision
    with store.db.session() as s:
        trusts.scoped(s, oak).adopt_school(ash)
    rec = store.load(ash)
    assert rec.trust_id == oak and rec.revision > before and rec.policy.school_name == "Ash"
    with store.db.session() as s, pytest.raises(Conflict):
        trusts.scoped(s, elm).adopt_school(ash)


def test_trust_policy_is_checked_against_each_schools_policy(
    store: Store, trusts: TrustStore
) -> None:
    oak, _ = trusts.create_trust("oak", "Oak", policy={"rules": {"REC001": {"max_recipients": 40}}})
    school = Policy.model_validate({"working_hours": {"end": "08:00"}})
    north, _ = trusts.create_school(oak, "north", "North", policy=school)
    before = store.load(north).revision
    with store.db.session() as s:
        repo = trusts.scoped(s, oak)
        with pytest.raises(OverlayError, match="north"):
            repo.put_policy({"working_hours": {"start": "09:00"}}, by="t")  # after 08:00
        assert repo.put_policy({"rules": {"large-audience": {"max_recipients": 50}}}, by="t") == 2
        assert repo.policy_overlay() == {"rules": {"REC001": {"max_recipients": 50}}}
    assert store.load(north).revision > before  # its schools reload


def test_staff_groups_at_both_levels(store: Store, trusts: TrustStore) -> None:
    oak, _ = trusts.create_trust("oak", "Oak")
    north, _ = trusts.create_school(oak, "north", "North")
    with store.db.session() as s:
        t = trusts.scoped(s, oak)
        t.put_staff_group("slt", roles=["Headteacher"], policy={"rules": {"REC001": "off"}}, by="t")
        with pytest.raises(OverlayError):
            t.put_staff_group("bad", roles=["x"], policy={"rules": {"REC001": "loud"}}, by="t")
        with pytest.raises(OverlayError):
            t.put_staff_group("nobody", policy={}, by="t")  # matches no one
        with pytest.raises(OverlayError):
            t.put_staff_group("Bad Name", roles=["x"], by="t")
        repo = t.school("north")
        put_school_staff_group(repo, "office", departments=["Office"], policy={}, by="s")
        put_school_staff_group(repo, "office", departments=["Admin"], policy={}, by="s")
        assert [(g.name, g.departments) for g in school_staff_groups(repo)] == [
            ("office", ("Admin",))
        ]
        assert [g.name for g in t.staff_groups()] == ["slt"]
    with store.db.session() as s:
        repo = store.scoped(s, north)
        delete_school_staff_group(repo, "office")
        with pytest.raises(NotFound):
            delete_school_staff_group(repo, "office")
    # deleting a school takes its groups with it
    with store.db.session() as s:
        put_school_staff_group(store.scoped(s, north), "x", roles=["r"], by="s")
    assert store.delete_tenant(north)["policy_versions"] == 0
    assert trusts.load(oak).schools == ()


def test_a_school_with_a_roster_joins_with_its_directory(store: Store, trusts: TrustStore) -> None:
    oak, _ = trusts.create_trust("oak", "Oak", ["oak.org.uk"])
    people = [Person("S1", "Sam", "Lee", PersonKind.STAFF, email="s.lee@oak.org.uk")]
    north, key = trusts.create_school(oak, "north", "North", people=people)
    assert [p.email for p in store.load(north).people] == ["s.lee@oak.org.uk"]
    assert key.startswith("etq_")


def test_trust_keys_are_revoked_but_never_the_last(store: Store, trusts: TrustStore) -> None:
    oak, first = trusts.create_trust("oak", "Oak")
    with store.db.session() as s:
        repo = trusts.scoped(s, oak)
        second = repo.create_admin_key("deputy")
        ids = [k[0] for k in repo.api_keys()]
        with pytest.raises(NotFound):
            repo.revoke_key(999)
        repo.revoke_key(ids[0])
        with pytest.raises(Conflict):
            repo.revoke_key(ids[1])  # the last one
    assert list(trusts.load(oak).keys.values()) == ["deputy"]
    assert second.startswith("etq_trust_") and first != second
