"""The house rules of the code, checked on the source itself (docs/architecture.md).

Small modules (at most 500 lines) and functions (at most 80), no import cycles, nothing below
``commands/`` imports it (the terminal renderer lives there), torch only in the training
code, and the environment is read in ``settings.py`` alone. A change that breaks one of these
fails here with the place named.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import onrecord
from onrecord import wordlists

PACKAGE = Path(onrecord.__file__).parent
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80


def _modules() -> tuple[dict[str, ast.Module], dict[str, int]]:
    trees, lines = {}, {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = ("onrecord", *path.relative_to(PACKAGE).with_suffix("").parts)
        name = ".".join(parts).removesuffix(".__init__")
        text = path.read_text(encoding="utf-8")
        trees[name] = ast.parse(text, filename=str(path))
        lines[name] = text.count("\n")
    return trees, lines


MODULES, LINES = _modules()


def _imports(tree: ast.Module) -> set[str]:
    """Every onrecord module a module imports, at the top or inside a function.
    ``from onrecord.store import sqlite`` imports the module ``onrecord.store.sqlite``;
    ``from onrecord.store import Store`` imports the package ``onrecord.store``."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in MODULES else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name in MODULES}


IMPORTS = {name: _imports(tree) - {name} for name, tree in MODULES.items()}


def test_no_module_is_over_500_lines() -> None:
    assert {name: n for name, n in LINES.items() if n > MAX_MODULE_LINES} == {}


def test_no_function_is_over_80_lines() -> None:
    long = [
        f"{name}.{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for name, tree in MODULES.items()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == []


def test_no_import_cycles() -> None:
    # Depth-first search for a back edge; the cycle is reported as the path that closes it.
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for dep in sorted(IMPORTS[name]):
            if state.get(dep) == 1:
                cycles.append([*path[path.index(dep) :], dep])
            elif dep not in state:
                visit(dep, [*path, dep])
        state[name] = 2

    for name in sorted(IMPORTS):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_nothing_below_the_command_line_imports_it() -> None:
    # The CLI and the terminal renderer (commands/render.py) sit at the top; the library, the
    # store and the server never reach up into them.
    upward = {
        name: sorted(dep for dep in deps if dep.startswith("onrecord.commands"))
        for name, deps in IMPORTS.items()
        if not name.startswith("onrecord.commands") and name != "onrecord.cli"
    }
    assert {name: deps for name, deps in upward.items() if deps} == {}


TRAINING_ONLY = ("torch", "transformers", "onnx")
# The train extra's modules, and the command that imports them when asked to train.
TRAINING_MODULES = {
    "onrecord.encoder.train", "onrecord.encoder.export", "onrecord.commands.train",
    "onrecord.claims.export",  # the sentence encoder to ONNX: run once, by hand
}  # fmt: skip


def _third_party(tree: ast.Module) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
    return found


def test_only_training_code_imports_torch() -> None:
    # The runtime reads with ONNX Runtime; torch, transformers and onnx are the train extra.
    importers = {
        name: sorted(_third_party(tree) & set(TRAINING_ONLY))
        for name, tree in MODULES.items()
        if name not in TRAINING_MODULES
    }
    assert {name: found for name, found in importers.items() if found} == {}


def test_only_settings_reads_the_environment() -> None:
    readers = sorted(
        name
        for name, tree in MODULES.items()
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr in {"environ", "getenv"}
        and isinstance(node.value, ast.Name)
        and node.value.id == "os"
        and name != "onrecord.settings"
    )
    assert readers == []


@pytest.mark.parametrize("path", sorted(wordlists.WORDS_DIR.glob("*.txt")), ids=lambda p: p.stem)
def test_every_word_list_says_what_it_is_for(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# "), f"{path.name} opens without a header comment"
    entries = wordlists.read_lines(path)
    assert entries, f"{path.name} has no entries"
    assert len(set(entries)) == len(entries), f"{path.name} lists an entry twice"
