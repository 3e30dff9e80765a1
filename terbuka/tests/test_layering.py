"""The apps import each other in one direction only, and no modules import each other in a
circle (README "Layout").

Each app sits on a floor; a module may import from its own floor or lower, never higher.
A lower app that must hear about something higher offers a hook that the higher app
registers with in its ``AppConfig.ready`` (``workdays/hooks.py``, ``search`` sources,
``accounts.twofactor.register_duty_check``). Every import counts: at module level, inside
functions, and under ``TYPE_CHECKING``. Tests, migrations and conftest modules are free
to import anything.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent

# Lowest first. Top-level modules of the package (crypto.py, law.py, mail.py …) are on
# the ground floor, except the ones that wire everything together.
FLOORS: list[set[str]] = [
    {"audit", "security"},  # with every top-level module not named below
    {"accounts"},
    {"bodies"},
    {"workdays"},
    {"letters"},
    {"search"},
    # The personal-data shield's scanner and states: catalog and requests hold with it.
    {"shield"},
    {"catalog"},
    {"requests"},
    # Redaction prepares a request's files for release: it needs requests (and catalog).
    {"remedies", "redaction"},
    {"disputes"},
    {"survey"},
    # Registers, statistics and the published summaries read requests and objections.
    {"reports"},
    # The monev self-assessment prefills its answers from the reports, the survey and the DIP.
    {"monev"},
    {"privacy"},
    # The coordination dashboard reads every figure (reports, survey, catalog, monev).
    {"coordination"},
    # The open API reads every app and calls their actions; only the URL map is above it.
    {"api"},
    # testing.py: the tests' shared helpers build data through every app's actions.
    {"portal", "backups", "urls", "wsgi", "settings", "testing"},
]


def floor_of(part: str) -> int:
    for number, names in enumerate(FLOORS):
        if part in names:
            return number
    if (PACKAGE / f"{part}.py").exists():
        return 0
    raise AssertionError(f"terbuka.{part} is on no floor: add it to FLOORS in {__file__}")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def sources() -> list[Path]:
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if "tests" not in path.relative_to(PACKAGE).parts
        and "migrations" not in path.parts
        and path.name != "conftest.py"
    ]


def imports_of(path: Path, package: str = "") -> set[str]:
    """Every ``terbuka.…`` module this file imports, wherever the import statement is.
    ``package`` is the file's own package (for relative imports)."""
    found: set[str] = set()
    if not package:
        package = module_name(path) if path.name == "__init__.py" else module_name(path.parent)
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("terbuka.")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            if not target.startswith("terbuka."):
                continue
            found.add(target)
            # ``from terbuka.bodies import permissions`` imports a module, too.
            found |= {f"{target}.{alias.name}" for alias in node.names}
    return found


def graph() -> dict[str, set[str]]:
    modules = {module_name(path): path for path in sources()}
    return {
        name: {target for target in imports_of(path) if target in modules and target != name}
        for name, path in modules.items()
    }


def test_no_app_imports_an_app_above_it() -> None:
    upward = []
    for name, targets in graph().items():
        if name == "terbuka":
            continue
        source = name.split(".")[1]
        for target in sorted(targets):
            aim = target.split(".")[1]
            if floor_of(aim) > floor_of(source):
                upward.append(f"{name} imports {target}")
    assert not upward, "Imports that go up a floor:\n" + "\n".join(upward)


def test_no_modules_import_each_other_in_a_circle() -> None:
    edges = graph()
    circles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for target in sorted(edges[node]):
            if state.get(target) == 1:
                circles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target)
        path.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    assert not circles, "Import circles:\n" + "\n".join(" → ".join(c) for c in circles)


def test_the_checker_sees_an_upward_import(tmp_path: Path) -> None:
    # The checks above must be able to fail: a function-level import counts.
    sample = tmp_path / "sample.py"
    sample.write_text(
        "def f():\n    from terbuka.requests import actions\n    import terbuka.privacy.access\n"
    )
    assert {"terbuka.requests", "terbuka.requests.actions", "terbuka.privacy.access"} <= (
        imports_of(sample, "terbuka.accounts")
    )
    assert floor_of("requests") > floor_of("accounts")
    assert floor_of("crypto") == 0
