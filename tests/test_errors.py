"""Every exception the product defines is in one tree under EtiquetteError
(app/errors.py), so callers catch by kind and the API maps kinds in one place."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from app.errors import Conflict, EtiquetteError, Invalid, NotFound, Unauthenticated, Unavailable

APP = Path(__file__).resolve().parent.parent / "app"


def _exception_classes() -> list[tuple[str, str]]:
    """(module, class) for every public class in app/ whose base looks like an exception."""
    found = []
    for path in sorted(APP.rglob("*.py")):
        if "migrations" in path.parts or "data" in path.parts:
            continue
        module = ".".join(path.relative_to(APP.parent).with_suffix("").parts)
        module = module.removesuffix(".__init__")
        for node in ast.parse(path.read_text()).body:
            if not isinstance(node, ast.ClassDef) or node.name.startswith("_"):
                continue
            bases = [ast.unparse(b).rsplit(".", 1)[-1] for b in node.bases]
            if any(b.endswith(("Error", "Exception")) or b in _KINDS for b in bases):
                found.append((module, node.name))
    return found


_KINDS = {"NotFound", "Conflict", "Invalid", "Unavailable", "Unauthenticated", "EtiquetteError"}
CLASSES = _exception_classes()


def test_the_scan_finds_the_product_exceptions() -> None:
    # A near miss for the scan itself: it must see these, or the test below proves nothing.
    names = {name for _, name in CLASSES}
    assert {"RosterError", "DomainError", "GraphError", "SourceError", "CliError"} <= names


@pytest.mark.parametrize(("module", "name"), CLASSES, ids=[f"{m}.{n}" for m, n in CLASSES])
def test_every_product_exception_is_an_etiquette_error(module: str, name: str) -> None:
    cls = getattr(importlib.import_module(module), name)
    if issubclass(cls, BaseException):
        assert issubclass(cls, EtiquetteError), f"{module}.{name} is outside app/errors.py's tree"


# Kinds keep the builtin bases callers caught before the tree existed.
@pytest.mark.parametrize(
    ("kind", "builtin"),
    [(NotFound, LookupError), (Conflict, ValueError), (Invalid, ValueError)],
)
def test_kinds_keep_their_builtin_bases(kind: type[Exception], builtin: type[Exception]) -> None:
    assert issubclass(kind, builtin)


def test_unavailable_and_unauthenticated_are_not_value_errors() -> None:
    assert not issubclass(Unavailable, ValueError)
    assert not issubclass(Unauthenticated, ValueError)
