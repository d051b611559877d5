"""The layers depend one way: models, then schemas, then services, then the API, CLI and kiosk, then the factory."""

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("showcase", "search_index")

# Each module's layer, by the longest prefix of its dotted name; a module may import only its own
# layer or those below it.
LAYERS = {
    "search_index": 0,
    "showcase.config": 0,
    "showcase.errors": 0,
    "showcase.extensions": 0,
    "showcase.json_format": 0,
    "showcase.models": 0,
    "showcase.database": 1,
    "showcase.schemas": 2,
    "showcase.search": 3,
    "showcase.auth": 3,
    "showcase.services": 3,
    "showcase.http_policy": 4,
    "showcase.read_cache": 4,
    "showcase.rate_limits": 4,
    "showcase.api": 4,
    "showcase.cli": 4,
    "showcase.cli_keys": 4,
    "showcase.cli_kiosks": 4,
    "showcase.cli_matchmaking": 4,
    "showcase.cli_webhooks": 4,
    "showcase.kiosk": 4,
    "showcase": 5,
}
# Siblings on the top layers that must not lean on each other.
SIBLINGS = ("showcase.api", "showcase.kiosk", "showcase.cli")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(path): path for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))}


def owner(name: str, table) -> str | None:
    """The longest entry of `table` that is `name` or a package above it."""
    matches = [prefix for prefix in table if name == prefix or name.startswith(prefix + ".")]
    return max(matches, key=len, default=None)


def imports_of(path: Path) -> list[tuple[str, int, bool]]:
    """(imported module, line, whether the import sits inside a function) for each import of ours."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []

    def visit(node, in_function: bool, type_checking: bool):
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            checking = type_checking or (isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test))
            if isinstance(child, ast.Import) and not checking:
                found.extend((alias.name, child.lineno, inside) for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module and not checking:
                # `from showcase import database` imports the module showcase.database, not the package.
                modules = [f"{child.module}.{alias.name}" for alias in child.names
                           if f"{child.module}.{alias.name}" in MODULES]
                names = modules if len(modules) == len(child.names) else [child.module, *modules]
                found.extend((name, child.lineno, inside) for name in names)
            visit(child, inside, checking)

    visit(tree, False, False)
    return [(name, line, inside) for name, line, inside in found if name.split(".")[0] in PACKAGES]


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_module_imports_on_its_own(name):
    importlib.import_module(name)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_a_module_imports_only_its_own_layer_and_those_below(name):
    layer = LAYERS[owner(name, LAYERS)]
    wrong = [f"line {line}: {imported} (layer {LAYERS[owner(imported, LAYERS)]})"
             for imported, line, _ in imports_of(MODULES[name])
             if LAYERS[owner(imported, LAYERS)] > layer]
    assert wrong == [], f"{name} (layer {layer}) imports a layer above it"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_the_api_kiosk_and_cli_do_not_import_each_other(name):
    mine = owner(name, SIBLINGS)
    if mine is None:
        return
    wrong = [f"line {line}: {imported}" for imported, line, _ in imports_of(MODULES[name])
             if owner(imported, SIBLINGS) not in (None, mine)]
    assert wrong == []


def test_nothing_outside_the_api_imports_it_but_the_factory():
    outside = {name: [imported for imported, _, _ in imports_of(path) if owner(imported, ("showcase.api",))]
               for name, path in MODULES.items() if not owner(name, ("showcase.api",)) and name != "showcase"}
    assert {name: found for name, found in outside.items() if found} == {}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_import_hides_in_a_function(name):
    hidden = [f"line {line}: {imported}" for imported, line, inside in imports_of(MODULES[name]) if inside]
    assert hidden == []
