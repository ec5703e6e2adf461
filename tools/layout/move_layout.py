#!/usr/bin/env python3
"""Move the portal's code to the layout of issue 12 ("a layout a newcomer reads in one guess").

Run from the root of a clean checkout (no uncommitted changes):

    python3 /work/wt/layout-tools/move_layout.py            # move, rewrite, ruff; no commit
    python3 /work/wt/layout-tools/move_layout.py --commit   # the same, then one commit
    python3 /work/wt/layout-tools/move_layout.py --plan     # print the moves, change nothing

What it does (every move is a `git mv`, so history follows the files):

- page apps under `site/pages/department/`, each keeping its Django app label (no data migration):
  `site/pages/department/` -> `site/pages/department/` (label `pages`), `site/pages/consultations/` ->
  `site/pages/consultations/`, `site/pages/cao/` -> `site/pages/cao/`, `site/pages/registry/` ->
  `site/pages/registry/`; whole directories, so modules added meanwhile move too;
- the registry's non-page machinery into `site/snippets/`: the NGO import (module or
  package), its `import_ngos` command, open data and the art. 13 statistics;
- tests follow: `tests/pages/*` -> `tests/pages/department/` (the query budgets of every
  page type stay in `tests/pages/`), `tests/{consultations,cao,registry}/` ->
  `tests/pages/...`, the import and open-data tests -> `tests/snippets/`;
- rewrites, in every tracked text file (Python, migrations, Markdown, TOML, templates,
  Makefile, .ci): import statements and dotted module paths (only where the old path is a
  real module, so `"pages.HomePage"`-style model labels are left alone), file paths
  (only where the old path is a real file or directory), `INSTALLED_APPS`,
  `apps.is_installed(...)`, each moved `AppConfig.name` (+ an explicit `label`), ruff's
  `known-first-party`; then `ruff check --select I --fix` and `ruff format` on the
  Python files it changed;
- package docstrings saying where the other half of a subject lives (pages vs snippets).

It refuses to run twice (it looks for `site/pages/department/apps.py`) and on a dirty tree.
"""

import argparse
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path.cwd()
SITE = "site"
PAGE_APPS = ["consultations", "cao", "registry"]  # site/<app> -> site/pages/department/<app>
# Modules of the registry app that are not about its pages: they go to site/snippets/
# (each a module `x.py` or a package `x/`; a name missing on this main is skipped).
# Patterns, matched at the top of the registry app, so that e.g. an `ngo_import_index.py`
# added meanwhile goes with the import.
REGISTRY_TO_SNIPPETS = ["ngo_import*", "open_data*", "statistics*"]
REGISTRY_COMMANDS_TO_SNIPPETS = ["import_ngos.py"]
# Tests of site/pages/department/ as a whole (every page type), which stay in tests/pages/.
TESTS_STAYING_IN_PAGES = {"__init__.py", "conftest.py", "test_query_budgets.py"}
TESTS_TO_SNIPPETS = ["test_ngo_import.py", "test_open_data.py"]
# Fixtures those tests take from tests/pages/registry/conftest.py, re-exported to them.
SNIPPETS_CONFTEST_LINE = (
    "from tests.pages.registry.conftest import directory  # noqa: F401 (a fixture, re-exported)"
)
TEXT_SUFFIXES = {".py", ".md", ".toml", ".html", ".txt", ".cfg", ".ini", ".sh", ".yml", ".yaml"}
TEXT_NAMES = {"Makefile", "run"}
OLD_TOPS = ["pages", "consultations", "cao", "registry"]  # top-level packages that move

PACKAGE_DOCS = {
    "site/pages/department/__init__.py": '''"""Every page type of the portal, one Django app per subject area.

Each subpackage keeps the app label it had before the move (so no data migration):
`department` (label `pages`: home, department, teams, contact, standard pages, the seed),
`consultations`, `cao`, `registry` (the public pages of the NGO registry, grant calls and
small-grant offers). A subject's records edited as snippets (people, districts, NGOs,
grant calls, offers) live in `snippets/`; shared mechanisms in `core/`.

One page type lives elsewhere on purpose: `accounts.SectionPage` (the intranet and the NGO
partners' zone) belongs to the `accounts` app; moving a model to another app label needs a
data migration (its table, content type and permissions), which this layout avoids.
"""
''',
    "site/pages/department/__init__.py": '''"""The department's own pages (app label `pages`): home, department, teams, contact,
standard pages, the accessibility statement, and the seed that builds them.

The people and districts these pages show are snippets, in `snippets/`.
"""
''',
    "site/pages/consultations/__init__.py": '''"""Consultations and announcements (app label `consultations`): their pages, comment
form, responses, feeds and API.

Districts a consultation concerns are snippets, in `snippets/`.
"""
''',
    "site/pages/cao/__init__.py": '''"""The Civic Activity Centre (app label `cao`): advisory services, guides and events,
with bookings and event registrations.

Advisors are people, snippets in `snippets/`.
"""
''',
    "site/pages/registry/__init__.py": '''"""The public side of the NGO registry (app label `registry`): the directory, the grant
calls' and small-grant offers' pages, comments on offers, their feeds, API and search.

The other half is in `snippets/`: the records themselves (NGO, GrantCall, SmallGrantOffer,
PublicBenefitArea), their state and clock, admin screens, the CSV import, open data and
the art. 13 statistics.
"""
''',
    "site/snippets/__init__.py": '''"""Records edited as snippets, and what works on them without a page (app label `snippets`).

People, districts, areas of public benefit, the NGO registry, grant calls and small-grant
offers; their state and clock, admin screens, the CSV import (`ngo_import`), open data and
the art. 13 statistics. The pages that show them are in `pages/department/` (the registry's in
`pages/registry/`, people on `pages/department/` and `pages/cao/`).
"""
''',
}

# A sentence added to the docstring of each module of a split subject, naming the other half.
SNIPPETS_SIDE = "The other half: the public pages that show these records are in `pages/registry/`."
PAGES_SIDE = (
    "The other half: the records (NGO, GrantCall, SmallGrantOffer), their state, admin "
    "screens, import and open data are snippets, in `snippets/`."
)
MODULE_DOCS = {
    "site/snippets/models/ngo.py": SNIPPETS_SIDE,
    "site/snippets/models/grant_call.py": SNIPPETS_SIDE,
    "site/snippets/models/small_grant_offer.py": SNIPPETS_SIDE,
    "site/snippets/call_state.py": SNIPPETS_SIDE,
    "site/snippets/registry_viewsets.py": SNIPPETS_SIDE,
    "site/snippets/open_data.py": SNIPPETS_SIDE,
    "site/snippets/statistics.py": SNIPPETS_SIDE,
    "site/pages/registry/models/ngo_directory.py": PAGES_SIDE,
    "site/pages/registry/models/grant_call_index.py": PAGES_SIDE,
    "site/pages/registry/models/offer_comment.py": PAGES_SIDE,
    "site/pages/registry/api.py": PAGES_SIDE,
    "site/pages/registry/search_sources.py": PAGES_SIDE,
    "site/accounts/models/section.py": (
        "A page type outside `pages/department/` on purpose: moving it to another app label would need "
        "a data migration (its table, content type and permissions), so it stays here with "
        "the access rules it exists for."
    ),
}


def run(*args, check=True, capture=False):
    result = subprocess.run(args, cwd=ROOT, check=check, text=True, capture_output=capture)
    return result.stdout if capture else None


def refuse(message):
    sys.exit(f"move_layout: {message}")


def tracked_files() -> list[str]:
    return run("git", "ls-files", "-z", capture=True).split("\0")[:-1]


# The plan: (old path, new path) for files and directories, applied in order


def plan_moves() -> list[tuple[str, str]]:
    moves = [(f"{SITE}/pages", f"{SITE}/pages/department")]
    moves += [(f"{SITE}/{app}", f"{SITE}/pages/{app}") for app in PAGE_APPS]
    registry = f"{SITE}/registry"
    for pattern in REGISTRY_TO_SNIPPETS:
        for entry in sorted((ROOT / registry).glob(pattern)):
            if entry.name.endswith(".py") or (entry / "__init__.py").exists():
                moves.append((f"{registry}/{entry.name}", f"{SITE}/snippets/{entry.name}"))
    for name in REGISTRY_COMMANDS_TO_SNIPPETS:
        if (ROOT / registry / "management/commands" / name).exists():
            moves.append(
                (
                    f"{registry}/management/commands/{name}",
                    f"{SITE}/snippets/management/commands/{name}",
                )
            )
    for entry in sorted((ROOT / "tests/pages").iterdir()):
        if entry.name not in TESTS_STAYING_IN_PAGES and entry.name != "__pycache__":
            moves.append((f"tests/pages/{entry.name}", f"tests/pages/department/{entry.name}"))
    moves += [(f"tests/{app}", f"tests/pages/{app}") for app in PAGE_APPS]
    for name in TESTS_TO_SNIPPETS:
        if (ROOT / "tests/registry" / name).exists():
            moves.append((f"tests/pages/registry/{name}", f"tests/snippets/{name}"))
    return moves


def new_path_of(path: str, moves) -> str:
    """Where a path of the old tree ends up after all moves (each applies to old paths;
    a later move of a file inside a moved directory wins)."""
    result = path
    for old, new in moves:
        if path == old or path.startswith(old + "/"):
            result = new + path[len(old) :]
    return result


def moved_paths(moves) -> dict[str, str]:
    """Every tracked file and every directory above one, under a moved root: old -> new."""
    roots = [old for old, _new in moves]
    mapping = {}
    for path in tracked_files():
        if not any(path == root or path.startswith(root + "/") for root in roots):
            continue
        mapping[path] = new_path_of(path, moves)
        parent = Path(path).parent
        while str(parent) not in (".", SITE, "tests"):
            mapping.setdefault(str(parent), new_path_of(str(parent), moves))
            parent = parent.parent
    return {old: new for old, new in mapping.items() if old != new}


def module_map(paths: dict[str, str]) -> dict[str, str]:
    """Dotted module names: old -> new, for Python modules and packages that move."""
    modules = {}
    for old, new in paths.items():
        for prefix in (f"{SITE}/", ""):
            if not old.startswith(prefix) or not new.startswith(prefix):
                continue
            if prefix == "" and not old.startswith("tests/"):
                continue
            old_rel, new_rel = old[len(prefix) :], new[len(prefix) :]
            if old_rel.endswith("/__init__.py"):
                old_rel, new_rel = old_rel[: -len("/__init__.py")], new_rel[: -len("/__init__.py")]
            elif old_rel.endswith(".py"):
                old_rel, new_rel = old_rel[:-3], new_rel[:-3]
            elif "." in Path(old_rel).name:
                continue  # a data file
            modules[old_rel.replace("/", ".")] = new_rel.replace("/", ".")
            break
    return modules


# Rewriting text


def make_rewriter(paths: dict[str, str], modules: dict[str, str]):
    tops = "|".join(OLD_TOPS)
    dotted = re.compile(rf"(?<![\w.])((?:{tops}|tests)(?:\.\w+)+)")
    # A path has at least one slash after the app's name ("pages/registry/", "cao/views.py"), so
    # the bare word "pages" in a sentence is left alone.
    path_re = re.compile(rf"(?<![\w/.-])((?:{SITE}/)?(?:{tops}|snippets)/(?:[\w.-]+/?)*)")
    tests_path_re = re.compile(rf"(?<![\w/.-])(tests/(?:{tops})/(?:[\w.-]+/?)*)")
    skipped = re.compile(r".*?", re.S)
    from_import = re.compile(
        rf"^(?P<indent>[ \t]*)from (?P<pkg>{tops}) import (?P<names>[^\n(]+?)(?P<rest>[ \t]*#.*)?$",
        re.M,
    )
    from_import_parens = re.compile(
        rf"^(?P<indent>[ \t]*)from (?P<pkg>{tops}) import \((?P<names>[^)]*)\)(?P<rest>[ \t]*#.*)?$",
        re.M,
    )
    import_statement = re.compile(
        rf"^(?P<head>[ \t]*(?:from|import)[ \t]+)(?P<module>(?:{tops})(?:\.\w+)+)", re.M
    )
    plain_import = re.compile(rf"^(?P<indent>[ \t]*)import (?P<pkg>{tops})$", re.M)
    app_name = {top: modules.get(top, top) for top in OLD_TOPS}
    installed = re.compile(rf'^(?P<indent>[ \t]*)"(?P<app>{tops})",', re.M)
    is_installed = re.compile(rf'is_installed\("(?P<app>{tops})"\)')
    problems = []

    def sub_dotted(match):
        text = match.group(1)
        parts = text.split(".")
        # the longest prefix of at least two parts that is a module of the old tree
        for size in range(len(parts), 1, -1):
            prefix = ".".join(parts[:size])
            if prefix in modules:
                return ".".join([modules[prefix], *parts[size:]])
        return text

    def sub_import_statement(match):
        """`from cao.x import ...` / `import cao.x`: the first name is a module for sure, so
        a module unknown to the old tree (deleted meanwhile) still gets the new app path."""
        dotted_name = match.group("module")
        rewritten = sub_dotted(re.match(r"(.*)", dotted_name))
        if rewritten == dotted_name:
            top, _, rest = dotted_name.partition(".")
            rewritten = f"{app_name[top]}.{rest}"
        return f"{match.group('head')}{rewritten}"

    def sub_path(match):
        text = match.group(1)
        stripped = text.rstrip(".")
        tail = text[len(stripped) :]
        bare = stripped.rstrip("/")
        slash = stripped[len(bare) :]
        for prefix in ("", f"{SITE}/"):
            candidate = prefix + bare if not bare.startswith(f"{SITE}/") else bare
            if candidate in paths:
                new = paths[candidate]
                if prefix and not bare.startswith(f"{SITE}/"):
                    new = new[len(prefix) :]
                return new + slash + tail
        return text

    def sub_tests_path(match):
        text = match.group(1)
        stripped = text.rstrip(".")
        bare = stripped.rstrip("/")
        if bare in paths:
            return paths[bare] + text[len(bare) :]
        return text

    def sub_from_import(match):
        pkg, names = match.group("pkg"), match.group("names")
        by_parent: dict[str, list[str]] = {}
        names = re.sub(r"#[^\n]*", "", names)
        for item in [name.strip() for name in names.split(",") if name.strip()]:
            name = item.split(" as ")[0].strip()
            full = f"{pkg}.{name}"
            parent = modules[full].rsplit(".", 1)[0] if full in modules else app_name[pkg]
            by_parent.setdefault(parent, []).append(item)
        rest = match.group("rest") or ""
        lines = [
            f"{match.group('indent')}from {parent} import {', '.join(items)}"
            for parent, items in by_parent.items()
        ]
        lines[-1] += rest
        return "\n".join(lines)

    def sub_plain_import(match):
        problems.append(f"`import {match.group('pkg')}` needs a hand edit")
        return match.group(0)

    def rewrite(path: str, text: str) -> str:
        if path.endswith(".py"):
            # Dotted imports first: their output ("from pages.cao.x") is not an old name, while
            # the one-name form's output ("from pages.registry import") would look like one.
            text = import_statement.sub(sub_import_statement, text)
            text = from_import.sub(sub_from_import, text)
            text = from_import_parens.sub(sub_from_import, text)
            # A test that finds app templates one level down finds them at any depth.
            text = text.replace(
                '(ROOT / "site").glob("**/templates")', '(ROOT / "site").glob("**/templates")'
            )
            text = plain_import.sub(sub_plain_import, text)
            text = is_installed.sub(lambda m: f'is_installed("{app_name[m.group("app")]}")', text)
            if "/config/settings/" in path:
                text = installed.sub(
                    lambda m: f'{m.group("indent")}"{app_name[m.group("app")]}",', text
                )
        # Text between the skip markers (a Markdown comment) already speaks of the new layout.
        pieces = []
        start = 0
        for kept in skipped.finditer(text):
            pieces.append(rewrite_plain(text[start : kept.start()]))
            # the markers go: once moved, the text is simply true
            pieces.append(re.sub(r"<!-- move_layout: (skip|end) -->\n?", "", kept.group(0)))
            start = kept.end()
        pieces.append(rewrite_plain(text[start:]))
        return "".join(pieces)

    def rewrite_plain(text: str) -> str:
        text = dotted.sub(sub_dotted, text)
        text = path_re.sub(sub_path, text)
        return tests_path_re.sub(sub_tests_path, text)

    return rewrite, problems


def is_text(path: str) -> bool:
    p = Path(path)
    return p.suffix in TEXT_SUFFIXES or p.name in TEXT_NAMES


def set_app_configs(modules: dict[str, str]) -> list[str]:
    """Each moved app: `name` is its new dotted path, `label` the old one, stated."""
    changed = []
    for top in OLD_TOPS:
        new = modules.get(top)
        if not new:
            continue
        apps_py = ROOT / SITE / new.replace(".", "/") / "apps.py"
        text = apps_py.read_text()
        text, count = re.subn(rf'^(\s*)name = "{top}"$', rf'\1name = "{new}"', text, flags=re.M)
        if count != 1:
            refuse(f'{apps_py}: no `name = "{top}"` to rewrite')
        if not re.search(r"^\s*label = ", text, flags=re.M):
            text = re.sub(rf'^(\s*)name = "{new}"$', rf'\g<0>\n\1label = "{top}"', text, flags=re.M)
        apps_py.write_text(text)
        changed.append(str(apps_py.relative_to(ROOT)))
    return changed


def set_first_party(text: str) -> str:
    def sub(match):
        names = re.findall(r'"([^"]+)"', match.group(2))
        names = [name for name in names if name not in PAGE_APPS]
        return match.group(1) + ", ".join(f'"{name}"' for name in names) + match.group(3)

    return re.sub(r"(known-first-party = \[)([^\]]*)(\])", sub, text)


def write_docstrings() -> list[str]:
    written = []
    for path, doc in PACKAGE_DOCS.items():
        target = ROOT / path
        current = target.read_text() if target.exists() else ""
        if current.strip().startswith('"""'):
            continue  # a docstring is there already: leave it to a person
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(doc + ("\n" + current if current.strip() else ""))
        written.append(path)
    return written


def add_other_half(path: str, sentence: str) -> bool:
    """Append SENTENCE as a paragraph of the module's docstring (if it has one)."""
    target = ROOT / path
    if not target.exists():
        return False
    text = target.read_text()
    match = re.match(r'(\s*""")(.*?)(""")', text, re.S)
    if not match or "The other half" in match.group(2):
        return False
    body = match.group(2).rstrip()
    wrapped = textwrap.fill(sentence, width=88)
    new_doc = f"{match.group(1)}{body}\n\n{wrapped}\n{match.group(3)}"
    target.write_text(new_doc + text[match.end() :])
    return True


def ensure_package(directory: Path) -> list[str]:
    init = directory / "__init__.py"
    if init.exists():
        return []
    directory.mkdir(parents=True, exist_ok=True)
    init.write_text("")
    return [str(init.relative_to(ROOT))]


def remove_empty_management(registry_dir: Path) -> None:
    """If the registry app kept no command, drop its management package."""
    commands = registry_dir / "management/commands"
    if not commands.exists():
        return
    left = [p for p in commands.iterdir() if p.name not in ("__init__.py", "__pycache__")]
    if not left:
        for init in (commands / "__init__.py", registry_dir / "management/__init__.py"):
            if init.exists():
                run("git", "rm", "-q", "-f", str(init.relative_to(ROOT)))
        shutil.rmtree(registry_dir / "management", ignore_errors=True)  # __pycache__ left


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--commit", action="store_true", help="commit the result")
    parser.add_argument("--plan", action="store_true", help="print the moves only")
    args = parser.parse_args()

    if not (ROOT / "manage.py").exists() or not (ROOT / SITE).is_dir():
        refuse("run it from the repository's root (where manage.py is)")
    if (ROOT / SITE / "pages/department/apps.py").exists():
        print("move_layout: already applied (site/pages/department/apps.py exists); nothing to do.")
        return
    missing = [app for app in ["pages", *PAGE_APPS] if not (ROOT / SITE / app / "apps.py").exists()]
    if missing:
        refuse(f"not the layout this script moves from: no site/{{{','.join(missing)}}}/apps.py")
    if run("git", "status", "--porcelain", "--untracked-files=no", capture=True).strip():
        refuse("the work tree has uncommitted changes; commit or stash them first")

    moves = plan_moves()
    paths = moved_paths(moves)
    modules = module_map(paths)
    for old, new in moves:
        if (ROOT / new).exists() and not new.startswith(old + "/"):
            refuse(f"{new} exists already; cannot move {old} there")
    if args.plan:
        for old, new in moves:
            print(f"git mv {old} {new}")
        for old, new in sorted(modules.items()):
            print(f"  {old} -> {new}")
        return

    # 1. Moves. A directory moved into a child of itself goes through a temporary name.
    for index, (original, new) in enumerate(moves):
        old = new_path_of(original, moves[:index])  # where earlier moves put it
        if not (ROOT / old).exists():
            refuse(f"{old} vanished while moving")
        (ROOT / new).parent.mkdir(parents=True, exist_ok=True)
        if new.startswith(old + "/"):
            temporary = f"{old}__moving"
            run("git", "mv", old, temporary)
            (ROOT / old).mkdir()
            run("git", "mv", temporary, new)
        else:
            run("git", "mv", old, new)
    created = ensure_package(ROOT / SITE / "snippets/management")
    created += ensure_package(ROOT / SITE / "snippets/management/commands")
    created += ensure_package(ROOT / "tests/pages/department")
    remove_empty_management(ROOT / SITE / "pages/registry")

    # 2. Text rewrites in every tracked text file.
    rewrite, problems = make_rewriter(paths, modules)
    changed_py = []
    for path in tracked_files():
        if not is_text(path) or not (ROOT / path).is_file():
            continue
        text = (ROOT / path).read_text()
        new_text = rewrite(path, text)
        if path == "pyproject.toml":
            new_text = set_first_party(new_text)
        if new_text != text:
            (ROOT / path).write_text(new_text)
            if path.endswith(".py"):
                changed_py.append(path)
    changed_py += set_app_configs(modules)
    written = write_docstrings()
    written += [path for path, sentence in MODULE_DOCS.items() if add_other_half(path, sentence)]
    conftest = ROOT / "tests/snippets/conftest.py"
    if any((ROOT / "tests/snippets" / name).exists() for name in TESTS_TO_SNIPPETS):
        current = conftest.read_text() if conftest.exists() else ""
        if SNIPPETS_CONFTEST_LINE not in current:
            conftest.write_text(current + SNIPPETS_CONFTEST_LINE + "\n")
            written.append("tests/snippets/conftest.py")
    run("git", "add", "-A", "--", *created, *written)

    # 3. Imports sorted for the new first-party names, long lines wrapped.
    python_files = sorted({*changed_py, *(p for p in written + created if p.endswith(".py"))})
    python_files = [p for p in python_files if "/migrations/" not in p]
    ruff = ROOT / ".venv/bin/ruff"
    ruff = str(ruff) if ruff.exists() else "ruff"
    if python_files:
        run(ruff, "check", "--select", "I", "--fix", "--quiet", *python_files, check=False)
        run(ruff, "format", "--quiet", *python_files)
    run("git", "add", "-A", "--", SITE, "tests", "search", "bench", "docs")
    run("git", "add", "-u")

    leftovers = run(
        "git",
        "grep",
        "-nE",
        rf"^\s*(from|import) ({'|'.join(PAGE_APPS)})\b",
        "--",
        "*.py",
        capture=True,
        check=False,
    )
    if leftovers.strip():
        problems.append("imports of the old app names remain:\n" + leftovers)
    for problem in problems:
        print(f"move_layout: CHECK BY HAND: {problem}", file=sys.stderr)
    print(f"move_layout: {len(moves)} moves, {len(modules)} modules renamed, staged.")
    if args.commit:
        message = (
            "layout: page types under site/pages/department/, the registry's machinery in site/snippets/\n\n"
            "Generated by move_layout.py (git mv + rewrites of imports, dotted paths, file\n"
            "paths, INSTALLED_APPS, AppConfig names); app labels unchanged, so no data\n"
            "migration. Tests moved to mirror the source."
        )
        run("git", "commit", "-q", "-m", message)
        print("move_layout: committed.")


if __name__ == "__main__":
    main()
