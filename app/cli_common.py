"""What every ``etiquette`` subcommand shares: the one-line user error, and
loading a policy file, a CSV, the settings and the store with every user
mistake turned into that error.

Below ``app.cli`` (which builds the parser) and the subcommand modules it
mounts (``app.trusts.cli``...), so a subcommand never imports the command.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import ValidationError

from app.directory.csv_roster import RosterError
from app.errors import EtiquetteError
from app.policy import Policy, load_policy_file
from app.store import Store

if TYPE_CHECKING:
    from app.config import Settings

T = TypeVar("T")


class CliError(EtiquetteError):
    """A user error: printed as one line, exit code 2."""


def policy_arg(path: str | None) -> Policy | None:
    if path is None:
        return None
    try:
        return load_policy_file(Path(path))
    except FileNotFoundError:
        raise CliError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CliError(f"{path}: a folder, not a policy file") from None
    except ValidationError as exc:
        raise CliError(f"{path}: invalid policy: {validation_errors(exc)}") from None
    except ValueError as exc:
        raise CliError(f"{path}: {exc}") from None


def validation_errors(exc: ValidationError) -> str:
    """Every problem on one line, by field; never the value (it may be a secret)."""
    return "; ".join(
        f"{'.'.join(str(p) for p in e['loc']) or '(top)'}: {e['msg']}"
        for e in exc.errors(include_url=False, include_input=False)
    )


def load_csv(path: str, load: Callable[[Path], list[T]]) -> list[T]:
    """A roster or groups CSV, with every user error as one line."""
    try:
        return load(Path(path))
    except FileNotFoundError:
        raise CliError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CliError(f"{path}: a folder, not a CSV file") from None
    except UnicodeDecodeError:
        raise CliError(
            f"{path}: not UTF-8 text: export it as 'CSV UTF-8' (Excel) or UTF-8 from the MIS"
        ) from None
    except RosterError as exc:
        first = exc.problems[0] if exc.problems else str(exc)
        more = f" (and {len(exc.problems) - 1} more)" if len(exc.problems) > 1 else ""
        raise CliError(f"{path}: {first}{more}") from None


def env_settings(**overrides: Any) -> Settings:
    """Settings from the environment; a bad one is a one-line error that
    names the setting and never prints its value."""
    from app.config import Settings

    try:
        return Settings(**overrides)
    except ValidationError as exc:
        problems = []
        for e in exc.errors(include_url=False, include_input=False):
            msg = str(e["msg"]).removeprefix("Value error, ")
            if e["loc"]:
                name = str(e["loc"][0])
                name = name if name.isupper() else f"ETIQUETTE_{name.upper()}"
                msg = f"{name}: {msg}"
            problems.append(msg)
        raise CliError("; ".join(problems)) from None


def open_store() -> Store:
    from app.store import Database

    # Setting up a store needs no secret key: nothing is hashed here.
    settings = env_settings(environment="development")
    try:
        db = Database(settings.database_url)
        db.migrate()
    except Exception as exc:
        raise CliError(
            f"cannot open the database ({type(exc).__name__}): check DATABASE_URL"
        ) from None
    return Store(db)


def print_key(role: str, slug: str, key: str) -> None:
    print(f"{role} API key for {slug} (shown once; only its hash is stored):")
    print(key)


def admin_email_arg(raw: str | None) -> str | None:
    """``--admin-email``, normalised; checked before anything is written."""
    from app.console.setup import AdminEmailError, admin_email

    try:
        return admin_email(raw) if raw else None
    except AdminEmailError as exc:
        raise CliError(str(exc)) from None
