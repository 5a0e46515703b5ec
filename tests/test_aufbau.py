"""The architecture contract: the layers of pflegewg (pyproject.toml [tool.importlinter]) and no
import cycle anywhere. A module may import only from layers below its own:

    cli > explorer > bericht > kreis > modell > recht > basis
"""
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest

import pflegewg

ROOT = Path(__file__).resolve().parents[1]
PAKET = Path(pflegewg.__file__).parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _schichten() -> list[str]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (vertrag,) = [c for c in pyproject["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    return vertrag["layers"]


def _lint_imports(pythonpath: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run([str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_schichtenvertrag_gehalten():
    r = _lint_imports()
    assert r.returncode == 0, r.stdout + r.stderr
    assert "1 kept, 0 broken" in r.stdout


def test_jedes_teilpaket_hat_eine_schicht():
    kinder = {f"pflegewg.{p.stem}" for p in PAKET.iterdir()
              if (p.is_dir() and (p / "__init__.py").is_file()) or (p.suffix == ".py" and p.stem != "__init__")}
    assert kinder == set(_schichten())


@pytest.mark.parametrize("unten, oben", [("recht/wtpg.py", "bericht"), ("basis/geld.py", "modell"), ("kreis/szenario.py", "cli")])
def test_import_nach_oben_bricht_den_vertrag(tmp_path, unten, oben):
    """The contract really fails: a copy of the package where a lower layer imports a higher one."""
    kopie = tmp_path / "pflegewg"
    shutil.copytree(PAKET, kopie, ignore=shutil.ignore_patterns("__pycache__"))
    datei = kopie / unten
    datei.write_text(datei.read_text(encoding="utf-8") + f"\nfrom .. import {oben}  # noqa\n", encoding="utf-8")
    r = _lint_imports(tmp_path)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "BROKEN" in r.stdout and f"pflegewg.{oben}" in r.stdout


def test_keine_importzyklen():
    """No module imports itself through others (also within one layer, also lazy imports)."""
    graph = grimp.build_graph("pflegewg")
    kanten = {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}
    zyklen, index, tiefst, stapel, auf_stapel = [], {}, {}, [], set()

    def besuche(v):  # Tarjan's strongly connected components
        index[v] = tiefst[v] = len(index)
        stapel.append(v)
        auf_stapel.add(v)
        for w in kanten[v]:
            if w not in index:
                besuche(w)
                tiefst[v] = min(tiefst[v], tiefst[w])
            elif w in auf_stapel:
                tiefst[v] = min(tiefst[v], index[w])
        if tiefst[v] == index[v]:
            teil = []
            while True:
                w = stapel.pop()
                auf_stapel.discard(w)
                teil.append(w)
                if w == v:
                    break
            if len(teil) > 1 or v in kanten[v]:
                zyklen.append(sorted(teil))

    for m in sorted(kanten):
        if m not in index:
            besuche(m)
    assert zyklen == []
