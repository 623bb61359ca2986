"""The demo school, St Mary's: synthetic roster, example policy, fixed keys.

Loaded by ``etiquette serve --demo`` so the README's curl examples work at
once. The keys below are public by design and only ever created in demo mode;
they are honoured only in demo mode, the demo keeps to its own database
(``data/demo.sqlite3``), and :func:`check_isolation` stops either mode from
starting on a database that mixes the demo school with real ones.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from app.directory.csv_roster import load_groups_csv, load_roster_csv
from app.errors import EtiquetteError
from app.policy import load_policy_file
from app.store import Store
from app.store.models import ApiKey, Tenant
from app.store.repository import _now, hash_key
from app.tenants import NotificationSettings, TenantSettings

HERE = Path(__file__).parent
SLUG = "stmarys"
DEMO_ADMIN_KEY = "etq_demo_admin_key"
DEMO_CHECK_KEY = "etq_demo_check_key"
DEMO_KEY_HASHES = frozenset(hash_key(k) for k in (DEMO_ADMIN_KEY, DEMO_CHECK_KEY))


class DemoIsolationError(EtiquetteError, RuntimeError):
    """The database mixes the demo school (public keys) with real use."""


def check_isolation(store: Store, *, demo: bool) -> None:
    """Refuse a database that holds the demo school outside demo mode, or
    real schools in demo mode. The demo school is recognised by its public
    keys (revoked or not), not by its slug, which a real school may share."""
    with store.db.session() as s:
        demo_ids = set(
            s.scalars(select(ApiKey.tenant_id).where(ApiKey.key_hash.in_(DEMO_KEY_HASHES)))
        )
        if not demo and demo_ids:
            raise DemoIsolationError(
                "this database holds the demo school, whose admin key is published: "
                "run the demo on its own database (the default for --demo) and remove it "
                f"here with `etiquette school delete {SLUG} --yes`"
            )
        if demo:
            others = s.scalar(
                select(func.count()).select_from(Tenant).where(Tenant.id.not_in(demo_ids))
            )
            if others:
                raise DemoIsolationError(
                    "demo mode will not put its public keys into a database that holds "
                    "real schools: unset DATABASE_URL to use the demo's own database"
                )


def ensure_demo(store: Store, *, history: bool = False) -> str:
    """Create the demo school if it does not exist; returns its tenant id.
    With ``history``, a school with no audit event gets synthetic history
    (:mod:`app.demo.history`) so its console dashboard is not empty."""
    tenant_id = _ensure_school(store)
    if history:
        from app.demo.history import seed_history

        seed_history(store, tenant_id)
    return tenant_id


def _ensure_school(store: Store) -> str:
    existing = store.tenant_id_for_slug(SLUG)
    if existing:
        return existing
    tenant_id = store.create_tenant(
        SLUG,
        "St Mary's (demo)",
        domains=["stmarys.sch.uk", "pupils.stmarys.sch.uk"],
        # Notifications on, at once, to a Teams webhook the demo has no URL for:
        # a check sent anyway shows on the Notifications page, and its outbox
        # row says what is missing.
        settings=TenantSettings(
            notifications=NotificationSettings(
                enabled=True,
                channel="teams",
                mode="instant",
                webhook_url_env="ETIQUETTE_DEMO_TEAMS_WEBHOOK",
            )
        ),
        policy=load_policy_file(HERE / "policy.yaml"),
        by="demo",
    )
    with store.db.session() as s:
        repo = store.scoped(s, tenant_id)
        repo.replace_directory(
            load_roster_csv(HERE / "roster.csv"), load_groups_csv(HERE / "groups.csv")
        )
        for key, role in ((DEMO_ADMIN_KEY, "admin"), (DEMO_CHECK_KEY, "check")):
            s.add(
                ApiKey(
                    tenant_id=tenant_id,
                    key_hash=hash_key(key),
                    role=role,
                    label=f"demo-{role}",
                    created_at=_now(),
                )
            )
    return tenant_id
