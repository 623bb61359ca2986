"""The package build: setup.py's compiled modules and the in-tree backend.

The compiled build itself (mypyc, a C compiler, 2-3 minutes) is made and
compared with the source on every labelled subject by scripts/check-image.sh,
which `make test` runs; these tests keep its inputs honest."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _compiled() -> list[str]:
    tree = ast.parse((ROOT / "setup.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "COMPILED":
            value = ast.literal_eval(node.value)
            assert isinstance(value, list)
            return [str(v) for v in value]
    raise AssertionError("setup.py has no COMPILED list")


def test_every_compiled_module_exists_and_is_a_name_finder_module() -> None:
    compiled = _compiled()
    assert compiled
    for path in compiled:
        assert (ROOT / path).is_file(), path
        assert path.startswith("app/names/") and path.endswith(".py"), path


def test_the_name_finders_hot_modules_are_all_compiled() -> None:
    hot = {
        f"app/names/{p.name}"
        for p in (ROOT / "app" / "names").glob("*.py")
        if p.name != "__init__.py"
    }
    assert set(_compiled()) == hot


@pytest.fixture
def backend(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_backend_under_test", ROOT / "scripts" / "build_backend.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.delenv("ETIQUETTE_MYPYC", raising=False)
    return module


@pytest.mark.parametrize(
    "hook", ["get_requires_for_build_wheel", "get_requires_for_build_editable"]
)
def test_the_backend_asks_for_mypy_only_to_compile(
    backend: ModuleType, hook: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert getattr(backend, hook)(None) == []
    monkeypatch.setenv("ETIQUETTE_MYPYC", "1")
    (req,) = getattr(backend, hook)(None)
    assert req.startswith("mypy==")


def test_the_backend_pins_the_mypy_the_project_type_checks_with(backend: ModuleType) -> None:
    import mypy.version

    (req,) = backend.MYPYC_REQUIRES
    assert req == f"mypy=={mypy.version.__version__.split('+')[0]}"


def test_the_backend_builds_with_setuptools(backend: ModuleType) -> None:
    for hook in (
        "build_wheel",
        "build_sdist",
        "build_editable",
        "prepare_metadata_for_build_wheel",
    ):
        assert callable(getattr(backend, hook))


def test_pyproject_names_the_in_tree_backend() -> None:
    import tomllib

    system = tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]
    assert system["build-backend"] == "build_backend"
    assert system["backend-path"] == ["scripts"]
