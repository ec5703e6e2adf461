"""What the project's modules import, read from their source (no module is run): for the
tests that hold the layers apart (search/ knows no app, nothing imports config)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"


def site_packages() -> set[str]:
    """The top-level packages under site/ (the Django apps, config, api)."""
    return {path.parent.name for path in SITE.glob("*/__init__.py")}


def imports_in(folder: Path) -> list[tuple[str, str, int]]:
    """(imported module, file, line) for every absolute import in FOLDER's modules,
    at the top or inside a function alike; migrations are left out."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            relative = str(path.relative_to(ROOT))
            found.extend((name, relative, node.lineno) for name in names)
    return found


def top_package(module: str) -> str:
    return module.split(".", 1)[0]
