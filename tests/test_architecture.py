"""The shape of the code: imports go one way (index ← assistant ← eval ← claimtrace), no cycles."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ["index", "assistant", "eval", "claimtrace"]  # each may import only those before it


def _modules() -> dict[str, Path]:
    found = {}
    for layer in LAYERS:
        for path in sorted((ROOT / layer).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Our modules that ``name`` imports anywhere in its body (lazy imports included)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            targets.add(base)
            targets.update(f"{base}.{alias.name}" for alias in node.names)
    ours = set()
    for target in targets:
        while target and target not in known:
            target = target.rpartition(".")[0]
        if target and target != name:
            ours.add(target)
    return ours


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, set(modules)) for name, path in modules.items()}


def _layer(module: str) -> int:
    return LAYERS.index(module.split(".")[0])


def test_no_module_imports_a_layer_above_its_own():
    upward = [f"{m} imports {t}" for m, ts in _graph().items() for t in ts if _layer(t) > _layer(m)]
    assert not upward, "imports must go index ← assistant ← eval ← claimtrace:\n" + "\n".join(
        sorted(upward)
    )


def test_module_imports_have_no_cycles():
    graph = _graph()
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    cycles = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" → ".join(path[path.index(nxt) :] + [nxt]))
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_imports_alone_and_never_reaches_up(layer):
    """Importing every module of a layer in a fresh process loads nothing from a layer above."""
    mods = [m for m in _modules() if m.split(".")[0] == layer and not m.endswith("__main__")]
    above = LAYERS[LAYERS.index(layer) + 1 :]
    code = (
        "import importlib, sys\n"
        f"for m in {mods!r}: importlib.import_module(m)\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {above!r})\n"
        "assert not bad, bad\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr[-2000:]


INTERFACES = ["assistant.web", "assistant.cli"]  # rooms on top of the answering core


def _room(module: str) -> str | None:
    return next((r for r in INTERFACES if module == r or module.startswith(r + ".")), None)


def test_the_answering_core_never_imports_an_interface():
    """``assistant/`` core modules answer questions; the page, the API and the CLI sit on them."""
    graph = _graph()
    core = [m for m in graph if m.split(".")[0] == "assistant" and _room(m) is None]
    upward = [f"{m} imports {t}" for m in core for t in graph[m] if _room(t)]
    assert not upward, "the core must not import assistant.web or assistant.cli:\n" + "\n".join(
        sorted(upward)
    )


def test_the_interfaces_do_not_import_each_other_except_cli_serving_the_web():
    """The web room never imports the CLI; the CLI reaches the web only to serve it."""
    graph = _graph()
    crossing = [
        f"{m} imports {t}"
        for m, ts in graph.items()
        for t in ts
        if _room(m) and _room(t) and _room(m) != _room(t)
    ]
    allowed = {"assistant.cli.chat imports assistant.web.app"}
    assert set(crossing) <= allowed, "\n".join(sorted(set(crossing) - allowed))


def test_the_core_imports_no_interface_library():
    """gradio, fastapi, uvicorn and click are the interfaces' libraries, never the core's."""
    bad = []
    for name, path in _modules().items():
        if name.split(".")[0] != "assistant" or _room(name):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            bad += [f"{name} imports {n}" for n in names if n.split(".")[0] in INTERFACE_LIBS]
    assert not bad, "\n".join(bad)


INTERFACE_LIBS = {"gradio", "fastapi", "uvicorn", "click", "starlette"}


@pytest.mark.parametrize("module", ["index.attribution.lexicon", "assistant.claims"])
def test_all_names_every_public_name(module):
    """``__all__`` is the public API: every public name defined at the top level is in it."""
    tree = ast.parse(_modules()[module].read_text(encoding="utf-8"))
    public = set()
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            public |= {t.id for t in targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            public.add(node.name)
    public = {n for n in public if not n.startswith("_")}
    module_obj = __import__(module, fromlist=["__all__"])
    assert public <= set(module_obj.__all__), sorted(public - set(module_obj.__all__))
