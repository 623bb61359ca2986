"""The database fixtures, a plugin of tests/conftest.py (so every package has
them): a fresh database per test, SQLite always, PostgreSQL too when
``TEST_DATABASE_URL`` is set (each test in its own schema, dropped after).

``db_url`` is migrated to the newest revision without running the migrations
per test: they run once per session (per xdist worker) into a template, and
each test gets a copy: on SQLite the template file, on PostgreSQL the
statements the migrations sent, recorded once and replayed into the test's
empty schema (the same SQL without Alembic and its Python per operation:
about half the time). ``tests/store/test_template.py`` checks that a copy has
the same tables, columns, indexes and constraints as a database the
migrations built. ``empty_db_url`` is an empty database, for the tests of the
migrations themselves and of start-up on an empty database.

``shared_db_url`` is one migrated database for all of a module's tests on a
backend (``backend``, each in turn), for a module whose cases only read: they
share one app instead of building one each. A case that writes takes a fresh
database from ``new_db_url`` instead.
"""

from __future__ import annotations

import secrets
import shutil
import weakref
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.pool import NullPool, Pool

from app.store import Database, Store
from app.store.db import normalise_url
from tests.conftest import postgres_url

BACKENDS = ["sqlite", "postgresql"]


@dataclass(frozen=True)
class Statement:
    sql: str
    parameters: Any
    many: bool


# Every PostgreSQL connection a pool opens during a test; the session's own
# (the admin engine's) are kept open on purpose.
_opened: weakref.WeakSet[Any] = weakref.WeakSet()
_kept: weakref.WeakSet[Any] = weakref.WeakSet()
# The connections to a database a module's tests share (shared_db_url), by its
# schema: the module's app keeps them in its pool from one test to the next, so
# they are checked when the module is done with the database (its app disposed),
# not after each test.
_shared: dict[str, weakref.WeakSet[Any]] = {}
_SEARCH_PATH = "-csearch_path="


@event.listens_for(Pool, "connect")
def _remember(dbapi_conn: Any, _record: object) -> None:
    if type(dbapi_conn).__module__.startswith("psycopg"):
        owner = None
        if _shared:
            options = dbapi_conn.info.get_parameters().get("options", "")
            owner = _shared.get(options.removeprefix(_SEARCH_PATH))
        (_opened if owner is None else owner).add(dbapi_conn)


def _left_open(connections: weakref.WeakSet[Any]) -> list[Any]:
    return [c for c in connections if not c.closed and c not in _kept]


@pytest.fixture(autouse=True)
def _no_connection_left_open() -> Iterator[None]:
    """A connection still open after a test's teardown is in a pool nobody will
    dispose (an engine not disposed, or a thread that gave it back after the
    dispose): psycopg warns when the collector finds it, in a later test, and
    under ``filterwarnings=error`` that test fails. Fail this one instead."""
    _opened.clear()
    yield
    left = _left_open(_opened)
    _opened.clear()
    assert not left, f"{len(left)} PostgreSQL connection(s) opened by this test left open"


@pytest.fixture(scope="session")
def _pg_admin() -> Iterator[Engine | None]:
    """One engine per session for creating and dropping the tests' schemas."""
    base = postgres_url()
    if not base:
        yield None
        return
    admin = create_engine(normalise_url(base), pool_size=1)
    event.listen(admin, "connect", lambda conn, _record: _kept.add(conn))
    yield admin
    admin.dispose()


@contextmanager
def _schema(admin: Engine, base: str, *, shared: bool = False) -> Iterator[str]:
    """A new empty schema, as a URL whose search_path is that schema; dropped after.
    ``shared``: for a module's tests (shared_db_url), its connections checked at the end."""
    schema = f"etq_{secrets.token_hex(4)}"
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    if shared:
        _shared[schema] = weakref.WeakSet()
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        owned = _shared.pop(schema, None)
    if owned is not None:
        left = _left_open(owned)
        assert not left, f"{len(left)} PostgreSQL connection(s) to a shared database left open"


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "migrated.sqlite3"
    db = Database(f"sqlite:///{path}")
    db.migrate()
    db.dispose()  # the last connection closed: the write-ahead log is folded in
    assert not path.with_name(path.name + "-wal").exists()
    return path


@pytest.fixture(scope="session")
def _pg_template(_pg_admin: Engine | None) -> list[Statement]:
    """What the migrations send to an empty PostgreSQL schema, minus the reads."""
    base = postgres_url()
    assert _pg_admin is not None and base
    sent: list[Statement] = []

    def record(
        conn: object, cursor: object, sql: str, params: Any, context: object, many: bool
    ) -> None:
        if not sql.lstrip().upper().startswith(("SELECT", "SHOW")):
            sent.append(Statement(sql, params, many))

    with _schema(_pg_admin, base) as url:
        db = Database(url)
        event.listen(db.engine, "before_cursor_execute", record)
        db.migrate()
        db.dispose()
    return sent


def _replay(url: str, statements: list[Statement]) -> None:
    if not statements:
        return
    engine = create_engine(normalise_url(url), poolclass=NullPool)
    try:
        with engine.begin() as conn:
            cur = conn.connection.cursor()
            for s in statements:
                if s.many:
                    cur.executemany(s.sql, s.parameters)
                else:
                    cur.execute(s.sql, s.parameters or None)
            cur.close()
    finally:
        engine.dispose()


def _pg_base() -> str:
    base = postgres_url()
    if not base:
        pytest.skip("PostgreSQL store tests skipped: TEST_DATABASE_URL is not set")
    return base


@contextmanager
def database(request: pytest.FixtureRequest, backend: str, *, migrated: bool) -> Iterator[str]:
    """A new database on ``backend`` (``sqlite`` or ``postgresql``), as a URL:
    empty, or a copy of the migrated template. From a fixture wider than a test
    (``request.scope``), a shared one: see ``shared_db_url``."""
    shared = request.scope != "function"
    if backend == "sqlite":
        folder = (
            request.getfixturevalue("tmp_path_factory").mktemp("shared")
            if shared
            else request.getfixturevalue("tmp_path")
        )
        path = folder / f"store-{secrets.token_hex(4)}.sqlite3"
        if migrated:
            shutil.copyfile(request.getfixturevalue("_sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    base = _pg_base()
    admin: Engine = request.getfixturevalue("_pg_admin")
    statements = request.getfixturevalue("_pg_template") if migrated else []
    with _schema(admin, base, shared=shared) as url:
        _replay(url, statements)
        yield url


@pytest.fixture(params=BACKENDS)
def empty_db_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """An empty database (no tables), on each backend."""
    with database(request, request.param, migrated=False) as url:
        yield url


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A database migrated to the newest revision, on each backend."""
    with database(request, request.param, migrated=True) as url:
        yield url


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    db = Database(db_url)
    yield Store(db)
    db.dispose()


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The backend of a module's shared database (``shared_db_url``), each in turn."""
    return str(request.param)


@pytest.fixture(scope="module")
def shared_db_url(request: pytest.FixtureRequest, backend: str) -> Iterator[str]:
    """One migrated database for all of a module's tests on ``backend``: for a
    module whose cases only read, so one app serves them all. Its PostgreSQL
    connections are checked when the module is done with it (the leak guard
    above, for the module's app rather than each test)."""
    with database(request, backend, migrated=True) as url:
        yield url


@pytest.fixture
def new_db_url(request: pytest.FixtureRequest, backend: str) -> Iterator[Callable[[], str]]:
    """Makes a new migrated database on the module's ``backend``, for a case that
    writes (an app of its own beside the module's shared one); dropped after the test."""
    with ExitStack() as stack:
        yield lambda: stack.enter_context(database(request, backend, migrated=True))
