"""Set-up: one dependency list, and CI runs exactly README's test command."""
import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_environment_yml_installiert_das_projekt():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = [d for d in env["dependencies"] if isinstance(d, dict)][0]["pip"]
    assert pip == ["-e ."], "environment.yml must install the project (and so pyproject's one list) through pip"
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    assert all(d.split("=")[0] in {"python", "pip"} for d in conda), conda


def test_eine_abhaengigkeitsliste():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    deps = {re.split(r"[<>=!~ ]", d)[0].lower() for d in pyproject["project"]["dependencies"]}
    assert {"numpy", "pandas", "matplotlib", "jupyterlab", "papermill", "nbval"} <= deps
    assert "optional-dependencies" not in pyproject["project"]


def test_ci_ruft_readme_testbefehl():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    befehle = re.findall(r"^\s*(make \w+)\s*(?:#.*)?$", readme, flags=re.M)
    assert "make test" in befehle and "make bericht" in befehle
    ci = [z.strip() for z in (ROOT / ".ci" / "run").read_text().splitlines() if z.strip() and not z.startswith("#")]
    assert "make test" in ci
