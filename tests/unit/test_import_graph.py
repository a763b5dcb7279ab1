"""The package's import graph (read with ``ast``, nothing imported): no cycles, imports point inward.

Layers, innermost first: text <- ingest/store <- retrieve <- answer <- pipeline <- service <-
interfaces. records, errors and settings sit beside text. Web and CLI frameworks stay in interfaces.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "assistant"
FRAMEWORKS = {"fastapi", "starlette", "gradio", "uvicorn", "argparse"}
BASE = {"assistant.records", "assistant.errors", "assistant.settings"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _resolve(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(path: Path, modules: set[str] = frozenset()) -> set[str]:
    """Every module a file imports, anywhere in it (functions too), absolute and relative.

    ``from pkg import name`` counts as an import of ``pkg.name`` when that is one of ``modules``,
    else of ``pkg`` (whose ``__init__`` defines ``name``).
    """
    module, is_package = module_name(path), path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(node, module, is_package)
            found.update(f"{target}.{a.name}" if f"{target}.{a.name}" in modules else target for a in node.names)
    return found


def build_graph() -> dict[str, set[str]]:
    """Module -> the modules of ours it imports."""
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {m for m in imports_of(path, set(files)) if m in files and m != name}
            for name, path in files.items()}


def external_imports() -> dict[str, set[str]]:
    """Module -> the top-level names of the third-party or standard modules it imports."""
    return {module_name(p): {m.split(".")[0] for m in imports_of(p) if not m.startswith("assistant")}
            for p in PACKAGE.rglob("*.py")}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules (first repeated last), or None."""
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt):], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        state[node] = 2
        stack.pop()
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def _in(module: str, *packages: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


GRAPH = build_graph()


def test_the_graph_sees_the_package() -> None:
    assert "assistant.service" in GRAPH and "assistant.pipeline" in GRAPH["assistant.service"]
    assert "assistant.answer.generative" in GRAPH["assistant.pipeline"]  # "from assistant.answer import generative"


def test_find_cycle_finds_a_cycle_and_only_one() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_relative_imports_are_resolved() -> None:
    tree = ast.parse("from . import scope\nfrom ..records import Hit\n")
    a, b = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert _resolve(a, "assistant.answer.refusal", False) == "assistant.answer"
    assert _resolve(b, "assistant.answer.refusal", False) == "assistant.records"


def test_no_import_cycles() -> None:
    assert find_cycle(GRAPH) is None


def test_frameworks_only_in_interfaces() -> None:
    offenders = {m: sorted(ext & FRAMEWORKS) for m, ext in external_imports().items()
                 if ext & FRAMEWORKS and not _in(m, "assistant.interfaces")}
    assert offenders == {}


# package -> ours it must not import
FORBIDDEN = {
    "assistant.store": ("assistant.retrieve", "assistant.answer", "assistant.pipeline", "assistant.service",
                        "assistant.interfaces"),
    "assistant.ingest": ("assistant.retrieve", "assistant.answer", "assistant.pipeline", "assistant.service",
                         "assistant.interfaces"),
    "assistant.retrieve": ("assistant.answer", "assistant.pipeline", "assistant.service", "assistant.interfaces"),
    "assistant.answer": ("assistant.pipeline", "assistant.service", "assistant.interfaces"),
}


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_imports_point_inward(package: str) -> None:
    bad = {m: sorted(t for t in targets if _in(t, *FORBIDDEN[package]))
           for m, targets in GRAPH.items() if _in(m, package)}
    assert {m: t for m, t in bad.items() if t} == {}


def test_text_imports_only_text() -> None:
    bad = {m: sorted(t for t in targets if not _in(t, "assistant.text"))
           for m, targets in GRAPH.items() if _in(m, "assistant.text")}
    assert {m: t for m, t in bad.items() if t} == {}


def test_records_errors_settings_import_only_each_other() -> None:
    bad = {m: sorted(GRAPH[m] - BASE - {"assistant"}) for m in BASE}
    assert {m: t for m, t in bad.items() if t} == {}


def test_only_interfaces_import_interfaces() -> None:
    bad = {m: sorted(t for t in targets if _in(t, "assistant.interfaces"))
           for m, targets in GRAPH.items() if not _in(m, "assistant.interfaces") and m != "assistant.__main__"}
    assert {m: t for m, t in bad.items() if t} == {}
