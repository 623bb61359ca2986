"""Persistence: SQLAlchemy 2 models, Alembic migrations, tenant-scoped repositories.

SQLite by default, PostgreSQL via ``DATABASE_URL``. Nothing here is
SQLite-specific: types are portable, JSON is stored as text, and the store
tests run against both.
"""

from app.store.console_models import ConsoleSession  # noqa: F401  (the console's tables)
from app.store.db import Database
from app.store.notification_models import Notification  # noqa: F401  (notifications, 0008)
from app.store.repository import Store, TenantRepo
from app.store.trust_models import Trust  # noqa: F401  (registers the trust tables)

__all__ = ["Database", "Store", "TenantRepo"]
