"""The shape of the code, read from its imports (``ast``, nothing is imported or run):

- the evaluation service's bounded contexts depend downward only — registry at the bottom,
  appraisal on registry, risk, scorecard and succession on registry and appraisal (succession
  checks three years of results, which the registry may not read) — and only through each
  context's public doors (``<context>/queries.py`` for reads, the package's own exports for
  vocabulary), never another context's models, handlers or views;
- no service package has an import cycle, counting imports made inside functions (a cycle
  hidden by a function-level import is still a cycle).
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

SERVICES = Path(__file__).resolve().parents[1] / "services"
PACKAGES = {"evaluation": SERVICES / "evaluation", "survey": SERVICES / "survey", "training": SERVICES / "training",
            "gateway": SERVICES / "gateway", "cadre_shared": SERVICES / "shared"}
CONTEXTS = ("registry", "appraisal", "risk", "scorecard", "succession")
# what each context may import from the others (through their public module only)
MAY_USE = {"registry": set(), "appraisal": {"registry"}, "risk": {"registry", "appraisal"},
           "scorecard": {"registry", "appraisal"}, "succession": {"registry", "appraisal"}}
PUBLIC_MODULE = "queries"


def package_modules(root: Path, package: str) -> dict[str, tuple[Path, bool]]:
    """Dotted module name → (file, is a package's __init__) for every module of ``package``."""
    found = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


def imported_modules(name: str, source: str, is_package: bool, known: dict) -> set[str]:
    """The modules of ``known`` that module ``name`` imports, anywhere in its body (functions too)."""
    here = name if is_package else name.rpartition(".")[0]
    targets = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names if alias.name in known)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.split(".")[:len(here.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                if submodule in known:
                    targets.add(submodule)
                elif source in known:
                    targets.add(source)
    targets.discard(name)
    return targets


def import_graph(package: str) -> dict[str, set[str]]:
    known = package_modules(PACKAGES[package], package)
    return {name: imported_modules(name, path.read_text(), is_package, known)
            for name, (path, is_package) in known.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of ``graph`` as a list of modules (first = last), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return path[path.index(target):] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def context_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "evaluation" and parts[1] in CONTEXTS else None


def context_violations(graph: dict[str, set[str]]) -> list[str]:
    """Imports from one context into another that break the downward order or bypass the public module."""
    problems = []
    for module, targets in sorted(graph.items()):
        source = context_of(module)
        if source is None:
            continue
        for target in sorted(targets):
            other = context_of(target)
            if other is None or other == source:
                continue
            if other not in MAY_USE[source]:
                problems.append(f"{module} imports {target}: {source} may not depend on {other}")
            elif target not in (f"evaluation.{other}", f"evaluation.{other}.{PUBLIC_MODULE}"):
                problems.append(f"{module} imports {target}: use evaluation.{other}.{PUBLIC_MODULE}")
    return problems


def test_the_five_contexts_exist():
    graph = import_graph("evaluation")
    assert {context_of(m) for m in graph} >= set(CONTEXTS)


def test_no_module_of_the_registry_imports_another_context():
    graph = import_graph("evaluation")
    upward = [f"{module} imports {target}" for module, targets in graph.items() if context_of(module) == "registry"
              for target in targets if context_of(target) not in (None, "registry")]
    assert upward == []


def test_contexts_depend_downward_only_and_through_their_public_module():
    assert context_violations(import_graph("evaluation")) == []


def test_common_plumbing_depends_on_no_context():
    graph = import_graph("evaluation")
    leaks = [f"{module} imports {target}" for module, targets in graph.items()
             if module.startswith("evaluation.common") for target in targets if context_of(target)]
    assert leaks == []


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_no_import_cycle(package):
    assert find_cycle(import_graph(package)) is None


def test_the_checks_see_what_they_look_for():
    """The checks themselves: a function-level import closing a loop is a cycle, and an upward or
    model-level import between contexts is reported."""
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
    graph = {"evaluation.registry.handlers.x": {"evaluation.appraisal.queries"},
             "evaluation.risk.handlers.y": {"evaluation.appraisal.models.scores", "evaluation.registry.queries"},
             "evaluation.scorecard.handlers.z": {"evaluation.risk.queries"}}
    assert context_violations(graph) == [
        "evaluation.registry.handlers.x imports evaluation.appraisal.queries: registry may not depend on appraisal",
        "evaluation.risk.handlers.y imports evaluation.appraisal.models.scores: use evaluation.appraisal.queries",
        "evaluation.scorecard.handlers.z imports evaluation.risk.queries: scorecard may not depend on risk"]
    known = {"pkg": None, "pkg.a": None, "pkg.b": None, "pkg.c": None}
    late = "import os\n\ndef later():\n    from .b import thing\n    from . import c\n    from pkg import a\n"
    assert imported_modules("pkg.a", late, False, known) == {"pkg.b", "pkg.c"}
