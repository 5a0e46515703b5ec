"""Set-up: one dependency list, test tools only in the extra "test", and CI runs exactly
README's test command."""
import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
TESTWERKZEUGE = {"pytest", "nbval", "hypothesis", "pypdf", "playwright", "import-linter"}


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _namen(anforderungen: list[str]) -> set[str]:
    return {re.split(r"[<>=!~ \[]", d)[0].lower() for d in anforderungen}


def test_environment_yml_installiert_das_projekt():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = [d for d in env["dependencies"] if isinstance(d, dict)][0]["pip"]
    assert pip == ["-e ."], "environment.yml must install the project (and so pyproject's one list) through pip"
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    assert all(d.split("=")[0] in {"python", "pip"} for d in conda), conda


def test_eine_abhaengigkeitsliste_ohne_testwerkzeuge():
    projekt = _pyproject()["project"]
    deps = _namen(projekt["dependencies"])
    assert {"numpy", "pandas", "matplotlib", "jupyterlab", "papermill"} <= deps
    assert not deps & TESTWERKZEUGE, "a planner's install must not carry test tools"
    assert set(projekt["optional-dependencies"]) == {"test"}
    assert _namen(projekt["optional-dependencies"]["test"]) == TESTWERKZEUGE


def test_make_test_installiert_das_extra_make_bericht_nicht():
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    ziele = dict(re.findall(r"^([\w$().-]+):([^\n]*)$", make, flags=re.M))
    assert "$(TESTSTAMP)" in ziele["test"] and "$(TESTSTAMP)" not in ziele["bericht"]
    assert '-e ".[test]"' in make
    assert re.search(r"^\t\$\(BIN\)/python -m pip install --quiet -e \.$", make, flags=re.M)


def test_ci_ruft_readme_testbefehl():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    befehle = re.findall(r"^\s*(make \w+)\s*(?:#.*)?$", readme, flags=re.M)
    assert "make test" in befehle and "make bericht" in befehle
    ci = [z.strip() for z in (ROOT / ".ci" / "run").read_text().splitlines() if z.strip() and not z.startswith("#")]
    assert "make test" in ci


def test_paketdaten_im_paket():
    """Parameter files and the paper's tables ship inside the package (found by pflegewg.basis.orte's rule)."""
    muster = _pyproject()["tool"]["setuptools"]["package-data"]["pflegewg"]
    paket = ROOT / "src" / "pflegewg"
    for m in muster:
        if not m.endswith(".md"):
            assert list(paket.glob(m)), m
