"""The layer contracts hold (pyproject.toml ``[tool.importlinter]``), and the
module graph of ``app`` has no cycle, lazy (function-level) imports included.

README "Architecture" states the layers; these tests are what make it true.
"""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _knots(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph.find_modules_directly_imported_by(nxt)))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    comp = []
                    while True:
                        m = stack.pop()
                        on_stack.discard(m)
                        comp.append(m)
                        if m == node:
                            break
                    if len(comp) > 1:
                        out.append(sorted(comp))
    return out


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    # grimp records imports inside functions too: a cycle hidden behind a lazy
    # import is still a cycle.
    return grimp.build_graph("app", include_external_packages=False, cache_dir=None)


def test_no_import_cycles(graph: grimp.ImportGraph) -> None:
    assert _knots(graph) == []


# The fixes that broke the knots; putting any one back makes a cycle again.
REVERTED_FIXES = [
    # Rules read the Policy class again (it validates its rule settings through the registry).
    ("app.rules.base", "app.policy"),
    # Working-time types back in the policy.
    ("app.calendar", "app.policy"),
    # The name matcher reading Person from the directory snapshot that holds it.
    ("app.names.api", "app.directory.model"),
    # NotFound/Conflict back in the school repository, which asks trusts for claims.
    ("app.store.repository", "app.store.trusts"),
    # TenantState back in the runtime, which builds the trust index.
    ("app.trusts.routing", "app.runtime"),
    # The metrics collector naming the Runtime class the runtime reports from.
    ("app.observability.metrics", "app.runtime"),
    # A subcommand importing the command that mounts it.
    ("app.trusts.cli", "app.cli"),
]


@pytest.mark.parametrize(("importer", "imported"), REVERTED_FIXES)
def test_reverting_a_fix_makes_a_cycle(
    graph: grimp.ImportGraph, importer: str, imported: str
) -> None:
    g = copy.deepcopy(graph)
    assert not g.direct_import_exists(importer=importer, imported=imported)
    g.add_import(importer=importer, imported=imported)
    assert any(importer in knot and imported in knot for knot in _knots(g))


def _lint(contract: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--contract", contract],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    "contract",
    [
        "core-layers",
        "core-no-io",
        "nothing-imports-api",
        "api-no-integrations",
    ],
)
def test_import_contract(contract: str) -> None:
    result = _lint(contract)
    assert result.returncode == 0, result.stdout + result.stderr


def test_contracts_are_the_ones_run() -> None:
    """Every contract in pyproject.toml is in the list above (none left unrun)."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    ids = {c["id"] for c in config["contracts"]}
    assert ids == {"core-layers", "core-no-io", "nothing-imports-api", "api-no-integrations"}
    assert all("ignore_imports" not in c for c in config["contracts"])


# A module-level empty container is state that outlives a request and an app (tests
# would have to reset it): state belongs on the app (``app.state``) or the runtime.
_EMPTY_CONTAINER_CALLS = frozenset({"dict", "list", "set", "defaultdict", "OrderedDict", "deque"})
# Memos of values derived from code alone (the same in every app and every test), each
# said why; anything else found is state to move onto the app or the runtime.
_MEMOS = {
    "_UNSEEN": "app/names/_evidence.py: an empty mapping read, never written",
    "_CHECK_CHILDREN": "app/observability/metrics.py: prometheus children of the module's metrics",
    "_FINDING_CHILDREN": "app/observability/metrics.py: the same",
    "_HTTP_CHILDREN": "app/observability/metrics.py: the same",
    "_PLAIN_INSERTS": "app/store/repository.py: an insert statement compiled once per dialect",
    "_AUDIT_INSERTS": "app/store/repository.py: the audit insert compiled once per dialect",
}


def _module_state(path: Path, root: Path = ROOT) -> list[str]:
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target: ast.expr = node.targets[0]
        elif isinstance(node, ast.AnnAssign):
            target = node.target
        else:
            continue
        value = node.value
        if value is None or not isinstance(target, ast.Name) or target.id in _MEMOS:
            continue
        empty_literal = isinstance(value, ast.Dict | ast.List | ast.Set) and not (
            value.keys if isinstance(value, ast.Dict) else value.elts
        )
        empty_call = (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Name)
            and value.func.id in _EMPTY_CONTAINER_CALLS
            and not value.args
        ) or (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Name)
            and value.func.id == "defaultdict"
        )
        if empty_literal or empty_call:
            found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_no_module_level_mutable_state() -> None:
    found = [x for p in sorted((ROOT / "app").rglob("*.py")) for x in _module_state(p)]
    assert found == [], f"module-level state (put it on the app or the runtime): {found}"


def test_the_module_state_check_finds_what_it_forbids(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    for text in ("_running: dict[str, int] = {}\n", "_seen = set()\n", "_by = defaultdict(list)\n"):
        probe.write_text(text, encoding="utf-8")
        assert _module_state(probe, tmp_path) == ["probe.py:1"]
    probe.write_text("_CODES = {'a': 1}\n_NONE: frozenset[str] = frozenset()\n", encoding="utf-8")
    assert _module_state(probe, tmp_path) == []
