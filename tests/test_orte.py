"""Where pflegewg finds notebooks/, data/ and reports/ (pflegewg.basis.orte): one mechanism for
an editable and a plain install, a one-line error where nothing is found."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pflegewg.basis import orte
from pflegewg.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_projektordner_aus_dem_arbeitsverzeichnis(monkeypatch):
    monkeypatch.delenv(orte.UMGEBUNGSVARIABLE, raising=False)
    monkeypatch.chdir(ROOT / "notebooks")
    assert orte.projektordner() == ROOT
    assert orte.datenordner() == ROOT / "data"
    assert orte.notebookordner() == ROOT / "notebooks"
    assert orte.berichtordner() == ROOT / "reports"


def test_umgebungsvariable_geht_vor(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(orte.UMGEBUNGSVARIABLE, str(ROOT))
    assert orte.projektordner() == ROOT
    monkeypatch.setenv(orte.UMGEBUNGSVARIABLE, str(tmp_path))
    with pytest.raises(orte.ProjektordnerFehler, match="kein pflegewg-Projektordner"):
        orte.projektordner()


def test_installationsquelle_als_rueckfall(monkeypatch, tmp_path):
    """Outside the repository, the folder pip installed from (PEP 610) is used."""
    monkeypatch.delenv(orte.UMGEBUNGSVARIABLE, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(orte, "_installationsquelle", lambda: ROOT)
    assert orte.projektordner() == ROOT


def test_nichts_gefunden_eine_zeile(monkeypatch, tmp_path, capsys):
    monkeypatch.delenv(orte.UMGEBUNGSVARIABLE, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(orte, "_installationsquelle", lambda: None)
    assert main(["bericht"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Projektordner nicht gefunden" in err and "notebooks/ und data/" in err
    # a county file named explicitly needs no project folder
    assert main(["fall", "--einkommen", "1200", "--pflegegrad", "3", "--json",
                 "--daten", str(ROOT / "data" / "landkreis_konstanz.yaml")]) == 0
    assert json.loads(capsys.readouterr().out)["wg"]["anteil_landkreis_m"] == 2025.00


def test_fremder_ordner_mit_pyproject_zaehlt_nicht(tmp_path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "anderes"\n', encoding="utf-8")
    assert not orte.ist_projektordner(tmp_path)
    assert orte.ist_projektordner(ROOT)


def test_nicht_editierbare_installation(tmp_path):
    """`pip install .` (a copy of the package, not the source tree), run from the repository
    root: `pflegewg fall` works, with the county data from data/."""
    ziel = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(ziel), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    assert not (ziel / "pflegewg" / "notebooks").exists()
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import pflegewg; "
            "assert pflegewg.__file__.startswith(sys.argv[1]), pflegewg.__file__; "
            "from pflegewg.cli import main; sys.exit(main(sys.argv[2:]))")
    r = subprocess.run([sys.executable, "-c", code, str(ziel), "fall", "--einkommen", "1200", "--pflegegrad", "3", "--json"],
                       cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    ergebnis = json.loads(r.stdout)
    assert ergebnis["wg"]["anteil_landkreis_m"] == 2025.00
    # Drucksache 2023/020, Fall 2 (1.200 €): Heim 1.734 / 1.425 / 1.115 / 728 € (1.425: bekannte Abweichung, 1.424)
    assert [s["anteil_landkreis_m"] for s in ergebnis["stufen"]] == [1733.83, 1424.28, 1114.72, 727.77]
