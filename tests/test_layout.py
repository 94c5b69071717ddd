"""The layout holds: no import cycles, no imports hidden in functions, dependencies one way.

Read from the source with `ast`, so the test sees every module, imported or not.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("core", "cooperation", "funding", "audit", "cms", "demo", "config")
# Who may import whom: a package imports only itself and those listed. The domain apps never
# import the public site, the demo or the audit trail; cooperation never imports funding.
ALLOWED = {
    "core": set(),
    "cooperation": {"core"},
    "funding": {"core", "cooperation"},
    "audit": {"core", "cooperation", "funding"},
    "cms": {"core", "cooperation", "funding"},
    "demo": {"core", "cooperation", "funding", "cms"},
    "config": {"core", "cooperation", "funding", "audit", "cms"},
}
# Imports that stay inside a function on purpose, each with its reason.
LOCAL_IMPORTS_ALLOWED = {
    # AppConfig.ready() is where Django wants signal and role wiring to happen.
    ("cooperation.apps", "cooperation.accounts.roles"),
    ("cooperation.apps", "cooperation.forum.dashboard_counts"),
    ("cms.apps", "cms.sites"),
    ("funding.apps", "funding.evaluation.ranking.inputs"),
}


def _modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            relative = path.relative_to(ROOT).with_suffix("")
            parts = list(relative.parts)
            if parts[-1] == "__init__":
                parts.pop()
            yield ".".join(parts), path


MODULES = dict(_modules())


def _target(module: str, node) -> list[str]:
    """The project modules an import statement names."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = (
                module.split(".")[: -node.level]
                if not _is_package(module)
                else (module.split(".")[: len(module.split(".")) - node.level + 1])
            )
            base = ".".join([*package, *([base] if base else [])])
        names = [f"{base}.{alias.name}" for alias in node.names]
        names = [name if name in MODULES else base for name in names]
    found = []
    for name in names:
        while name and name not in MODULES:
            name = name.rpartition(".")[0]
        if name:
            found.append(name)
    return found


def _is_package(module: str) -> bool:
    return MODULES[module].name == "__init__.py"


def _imports():
    """{module: ({module-level imports}, [(function-local import, line)])}"""
    result = {}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(), filename=str(path))
        top, local = set(), []
        for node in tree.body:
            if isinstance(node, ast.Import | ast.ImportFrom):
                top.update(_target(module, node))
            elif isinstance(node, ast.If):  # `if TYPE_CHECKING:` blocks do not run
                continue
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Import | ast.ImportFrom):
                        local.extend((name, inner.lineno) for name in _target(module, inner))
        top.discard(module)
        result[module] = (top, local)
    return result


IMPORTS = _imports()


def test_the_walk_sees_the_project():
    assert "funding.proposals.services" in MODULES
    assert "funding.models" in IMPORTS["funding.proposals.services"][0] or any(
        name.startswith("funding.") for name in IMPORTS["funding.proposals.services"][0]
    )


def test_no_project_import_is_hidden_in_a_function():
    hidden = [
        f"{module}:{line} imports {name}"
        for module, (_top, local) in IMPORTS.items()
        for name, line in local
        if (module, name) not in LOCAL_IMPORTS_ALLOWED
    ]
    assert hidden == []


@pytest.mark.parametrize("package", PACKAGES)
def test_dependencies_go_one_way(package):
    wrong = sorted(
        f"{module} imports {name}"
        for module, (top, local) in IMPORTS.items()
        if module.split(".")[0] == package
        for name in top | {name for name, _line in local}
        if name.split(".")[0] not in {package, *ALLOWED[package]}
    )
    assert wrong == []


def test_no_import_cycles():
    graph = {module: top for module, (top, _local) in IMPORTS.items()}
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []
    counter = [0]

    def visit(node):  # Tarjan's strongly connected components
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for successor in graph.get(node, ()):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    assert cycles == []


def test_no_module_is_past_400_lines():
    paths = [*MODULES.values(), *sorted((ROOT / "benchmarks").glob("*.py"))]
    long = sorted(
        f"{path.relative_to(ROOT)}: {lines} lines"
        for path in paths
        if (lines := len(path.read_text().splitlines())) > 400
    )
    assert long == []
