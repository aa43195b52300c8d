"""The house rules of the package layout (see ARCHITECTURE.md), checked on the source:

- no import cycles between newsbrief modules, counting imports inside functions too;
- data flows one way: a stage never imports a later one (the batch runner is the one
  orchestrator inside ``ingest``; the CLI, web app and evals sit at the end);
- no module over ~400 lines unless its docstring says why ("Long module:").
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "newsbrief"
MAX_LINES = 400
# Stage of each top-level part; a module may import its own stage and earlier ones only.
STAGES = {
    "models": 0,
    "errors": 0,
    "settings": 0,
    "ingest": 1,
    "analyze": 2,
    "store": 3,
    "stories": 3,
    "compose": 4,
    "write": 5,
    "render": 6,
    "web": 7,
    "evaluate": 8,
    "cli": 9,
}
# Orchestrators: they drive later stages on purpose (documented in their docstrings).
ORCHESTRATORS = {"newsbrief.ingest.batch", "newsbrief.ingest.parallel", "newsbrief.ingest.watch"}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _imported(module: str, path: Path) -> set[str]:
    """The newsbrief modules ``module`` imports anywhere in its body (a ``from package import
    name`` counts as the submodule when ``name`` is one)."""
    out: set[str] = set()
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                out.add(sub if sub in MODULES else base)
    return {m for m in out if m in MODULES and m != module}


GRAPH = {name: _imported(name, path) for name, path in MODULES.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _stage(module: str) -> int | None:
    parts = module.split(".")
    return STAGES.get(parts[1]) if len(parts) > 1 else None


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_the_graph_sees_real_imports() -> None:
    assert "newsbrief.analyze.actors.index" in GRAPH["newsbrief.analyze.time.events"]
    assert "newsbrief.analyze.actors.names" in GRAPH["newsbrief.analyze.actors.draft"]
    assert "newsbrief.analyze" in GRAPH["newsbrief.ingest.parallel"]  # a lazy import counts


def test_no_import_cycles() -> None:
    assert _cycles(GRAPH) == []


def test_no_stage_imports_a_later_one() -> None:
    backwards = [
        f"{module} -> {target}"
        for module, targets in GRAPH.items()
        if module not in ORCHESTRATORS and (stage := _stage(module)) is not None
        for target in targets
        if (target_stage := _stage(target)) is not None and target_stage > stage
    ]
    assert backwards == []


def test_every_part_has_a_stage() -> None:
    parts = {name.split(".")[1] for name in MODULES if name.count(".") >= 1}
    assert parts - set(STAGES) <= {"__main__", "py"}, parts - set(STAGES)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_long_modules_say_why(name: str) -> None:
    path = MODULES[name]
    text = path.read_text(encoding="utf-8")
    if text.count("\n") <= MAX_LINES:
        return
    doc = ast.get_docstring(ast.parse(text)) or ""
    assert "Long module:" in doc, f"{path} has {text.count(chr(10))} lines and no reason given"
