"""The import direction of the README's layout, checked by walking every module's imports:
core <- ledger <- bundle <- app <- cli, gui. No module imports a higher layer (or the other
front end), nor another package's private (``_name``) helpers; the core and the app layer
never import Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "proofkit"
RANK = {"core": 0, "ledger": 1, "bundle": 2, "app": 3, "cli": 4, "gui": 4}
QT_FREE = ("core", "ledger", "bundle", "app", "cli")


def _imports(path: Path, root: Path):
    """(line, dotted module as a list, imported names) for each import in ``path``."""
    rel = path.relative_to(root.parent).with_suffix("").parts  # ("proofkit", "app", "session")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(rel[:-1])  # the module's package (an __init__'s own package)
                base = base[: len(base) - (node.level - 1)]
                full = base + (node.module.split(".") if node.module else [])
            else:
                full = (node.module or "").split(".")
            names = [a.name for a in node.names]
            yield node.lineno, full, names
        elif isinstance(node, ast.Import):
            for a in node.names:
                yield node.lineno, a.name.split("."), []


def _violations(path: Path, root: Path = ROOT) -> list[str]:
    me = path.relative_to(root).parts[0]
    out = []
    for line, full, names in _imports(path, root):
        where = f"{path.relative_to(root.parent)}:{line}"
        if full[0] == "PySide6" and me in QT_FREE:
            out.append(f"{where} imports Qt")
        if full[0] != "proofkit" or len(full) < 2:
            continue
        target = full[1]
        if target == me or target not in RANK or me not in RANK:
            continue
        if RANK[target] >= RANK[me]:  # equal: the other front end
            out.append(f"{where} imports the higher layer {target}")
        private = [n for n in names if n.startswith("_") and not n.startswith("__")]
        private += [p for p in full[2:] if p.startswith("_") and not p.startswith("__")]
        if private:
            out.append(f"{where} uses {target}'s private {', '.join(private)}")
    return out


def test_every_module_imports_only_lower_layers():
    modules = [p for p in ROOT.rglob("*.py") if len(p.relative_to(ROOT).parts) > 1]
    assert len(modules) > 50  # the walk found the code
    problems = [v for p in sorted(modules) for v in _violations(p)]
    assert problems == []


@pytest.mark.parametrize("source,expected", [
    ("from proofkit.cli.commands import x\n", "imports the higher layer cli"),
    ("from ..gui import worker\n", "imports the higher layer gui"),
    ("from proofkit.ledger.store import _now\n", "private _now"),
    ("from PySide6.QtCore import QObject\n", "imports Qt"),
])
def test_the_walk_sees_a_violation(tmp_path, source, expected):
    """The checker itself: a planted import of each kind in a core module is reported."""
    fake_root = tmp_path / "proofkit"
    (fake_root / "core").mkdir(parents=True)
    f = fake_root / "core" / "planted.py"
    f.write_text(source, encoding="utf-8")
    assert any(expected in v for v in _violations(f, fake_root))
