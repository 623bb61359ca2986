"""The demo school, St Mary's: synthetic roster, example policy, fixed keys.

Loaded by ``etiquette serve --demo`` so the README's curl examples work at
once. The keys below are public by design and only ever created in demo mode.
"""

from __future__ import annotations

from pathlib import Path

from app.directory.csv_roster import load_groups_csv, load_roster_csv
from app.policy import load_policy_file
from app.store import Store
from app.store.models import ApiKey
from app.store.repository import _now, hash_key

HERE = Path(__file__).parent
SLUG = "stmarys"
DEMO_ADMIN_KEY = "etq_demo_admin_key"
DEMO_CHECK_KEY = "etq_demo_check_key"


def ensure_demo(store: Store) -> str:
    """Create the demo school if it does not exist; returns its tenant id."""
    existing = store.tenant_id_for_slug(SLUG)
    if existing:
        return existing
    tenant_id = store.create_tenant(
        SLUG,
        "St Mary's (demo)",
        domains=["stmarys.sch.uk", "pupils.stmarys.sch.uk"],
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
