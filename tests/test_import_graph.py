"""No import circle between the project's own modules.

The graph is read from the source with `ast`, so it sees every import, including those
inside functions (a function-local import hides a circle from Python, not from a reader).
An import of `a.b.c` also runs `a/__init__.py` and `a/b/__init__.py`, so it counts as an
import of those packages too, except of the importer's own packages (Python has them
running already). Imports under `if TYPE_CHECKING:` are left out: they never run.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_ROOTS = [(ROOT / "site", ""), (ROOT / "search", "search")]


def module_name(path: Path, root: Path, prefix: str) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([prefix, *parts] if prefix else parts)


def project_modules() -> dict[str, Path]:
    modules = {}
    for root, prefix in SOURCE_ROOTS:
        for path in sorted(root.rglob("*.py")):
            if "migrations" in path.parts:
                continue
            modules[module_name(path, root, prefix)] = path
    return modules


def is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imported_names(tree: ast.AST):
    """(module, names) for each import statement that can run."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield 0, alias.name, ()
        elif isinstance(node, ast.ImportFrom):
            yield node.level, node.module or "", tuple(alias.name for alias in node.names)
        stack.extend(ast.iter_child_nodes(node))


def ancestors(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        package = name if is_package else name.rpartition(".")[0]
        own = {*ancestors(name), name}
        for level, module, names in imported_names(ast.parse(path.read_text(), str(path))):
            if level:
                base = package.split(".")
                base = base[: len(base) - (level - 1)]
                module = ".".join([*base, module] if module else base)
            targets = [module]
            targets += [f"{module}.{item}" for item in names if f"{module}.{item}" in modules]
            for target in targets:
                for each in [*ancestors(target), target]:
                    if each in modules and each not in own:
                        graph[name].add(each)
                if target in own and target != name and names:
                    # `from own_package import X`: needs the package's __init__ to have
                    # run far enough to define X, a circle when the package imports us.
                    graph[name].add(target)
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
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

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_imports_inside_functions():
    tree = ast.parse("def f():\n    from a.b import c\n")
    assert list(imported_names(tree)) == [(0, "a.b", ("c",))]


def test_a_circle_is_found():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == [["a", "b", "c"]]


def test_no_import_circle_between_the_projects_modules():
    found = circles(import_graph())
    assert found == [], "Import circles:\n" + "\n".join(" ↔ ".join(c) for c in found)
