"""The command line as a planner uses it."""
import json
import shutil
import subprocess
import sys

import pytest

from pflegewg.cli import main


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_fall_json_akzeptanz(capsys):
    code, out, _ = run(capsys, "fall", "--einkommen", "1800", "--pflegegrad", "3", "--json")
    assert code == 0
    d = json.loads(out)
    assert (d["stichtag"], d["einkommen"], d["pflegegrad"], d["heim"], d["bewohner"]) == ("2023-01-01", 1800.0, 3, "durchschnitt", 12)
    assert d["wg"] == {"praesenz_stunden_tag": 36, "praesenz_grundlage": "§ 13 WTPG (gesetzliche Präsenzpflicht)",
                       "praesenzkraft_m": 2025.0, "einkommensgrenze_m": 1519.0, "anteil_landkreis_m": 1772.1}
    assert d["preise"]["fortgeschrieben"] is False and d["preise"]["stand"] == "2023-01-01"
    assert d["rechtsstand"]["ungeprueft"] is False
    assert [s["anteil_landkreis_m"] for s in d["stufen"]] == [1133.83, 824.28, 514.72, 127.77]
    assert [s["satz"] for s in d["stufen"]] == ["5 %", "25 %", "45 %", "70 %"]
    assert [s["mehrkosten_wg_m"] for s in d["stufen"]] == [638.27, 947.82, 1257.38, 1644.33]
    assert [s["mehrkosten_wg_y"] for s in d["stufen"]] == [7659.24, 11373.84, 15088.56, 19731.96]
    assert '"anteil_landkreis_m": 1772.10' in out  # two decimals in the JSON text


def test_fall_stichtag_2024(capsys):
    _, out, _ = run(capsys, "fall", "--einkommen", "1800", "--pflegegrad", "3", "--stichtag", "2024-01-01", "--json")
    d = json.loads(out)
    assert [s["satz"] for s in d["stufen"]] == ["15 %", "30 %", "50 %", "75 %"]
    assert d["wg"]["einkommensgrenze_m"] == 1641.0  # 2 × 563 + 515
    # the rate 22,50 € (Kreisdaten 20.01.2023) carried forward with the Pflegemindestlohn
    # 13,70 € (01.09.2022) -> 14,15 € (01.12.2023): 22,50 × 14,15 / 13,70 = 23,239… -> 23,24 €;
    # 36 h × 30 × 23,24 / 12 = 2.091,60 €; minus 0,9 × (1.800 − 1.641) = 143,10 €
    assert d["preise"]["fortgeschrieben"] is True
    assert d["wg"]["praesenzkraft_m"] == 2091.60
    assert d["wg"]["anteil_landkreis_m"] == 1948.50


def test_fall_text(capsys):
    code, out, _ = run(capsys, "fall", "--einkommen", "1800", "--pflegegrad", "3")
    assert code == 0
    assert "1.772,10\u00a0€" in out and "1.133,83\u00a0€" in out and "Stichtag 01.01.2023" in out


def test_fall_teuerste_6_bewohner(capsys):
    _, out, _ = run(capsys, "fall", "--einkommen", "0", "--pflegegrad", "2", "--heim", "teuerste", "--bewohner", "6", "--json")
    d = json.loads(out)
    assert d["wg"]["praesenzkraft_m"] == 2700.0
    assert d["stufen"][0]["eigenanteil_m"] == 1654.47


@pytest.mark.parametrize(
    "args, feld",
    [
        (["--einkommen", "1800", "--pflegegrad", "1"], "pflegegrad: 1 nicht erlaubt (erlaubt: 2 bis 5)"),
        (["--einkommen", "1800", "--pflegegrad", "6"], "pflegegrad: 6 nicht erlaubt (erlaubt: 2 bis 5)"),
        (["--einkommen", "-1", "--pflegegrad", "3"], "--einkommen: -1 nicht erlaubt (erlaubt: ab 0 Euro"),
        (["--einkommen", "abc", "--pflegegrad", "3"], "--einkommen: 'abc' ist keine Zahl"),
        (["--einkommen", "0", "--pflegegrad", "3", "--bewohner", "13"], "bewohner: 13 nicht erlaubt (erlaubt: 1 bis 12)"),
        (["--einkommen", "0", "--pflegegrad", "3", "--stichtag", "2021-12-31"], "stichtag: 2021-12-31 liegt außerhalb"),
        (["--einkommen", "0", "--pflegegrad", "3", "--heim", "billigste"], "--heim: 'billigste' nicht erlaubt (erlaubt: 'durchschnitt', 'teuerste')"),
    ],
)
def test_falsche_eingabe_exit_2_eine_zeile(capsys, args, feld):
    code, out, err = run(capsys, "fall", *args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and feld in err


def test_abgleich_exit_0(capsys):
    code, out, _ = run(capsys, "abgleich")
    assert code == 0
    assert "Gesamt: 144 Zellen, 138 stimmen, 6 bekannte Abweichungen, 0 unerklärt." in out
    assert "Modell 371 €".replace(" ", "\u00a0", 0) in out.replace("\u00a0", " ")


def test_konsolenbefehl_installiert():
    exe = shutil.which("pflegewg") or str(__import__("pathlib").Path(sys.executable).with_name("pflegewg"))
    r = subprocess.run([exe, "fall", "--einkommen", "2750", "--pflegegrad", "4", "--json"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["wg"]["anteil_landkreis_m"] == 1655.70


def _python(code: str) -> subprocess.CompletedProcess:
    """Run `code` in a fresh interpreter of this environment (what it imports is its own)."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def test_befehlszeile_ohne_pandas_bis_die_kernel_laufen():
    """`pflegewg` builds its parser without pandas, and `pflegewg bericht` starts the chapters'
    kernels before it loads the report's modules: they boot while those load (README,
    Geschwindigkeit)."""
    probe = (
        "import sys\n"
        "import pflegewg.cli as c\n"
        "c.build_parser()\n"
        "print('parser', 'pandas' in sys.modules)\n"
        "import pflegewg.cli.bericht as b\n"
        "class Probe:\n"
        "    def __init__(self, n):\n"
        "        print('kernel', 'pflegewg.bericht.pipeline' in sys.modules, 'pandas' in sys.modules, flush=True)\n"
        "        raise SystemExit(0)\n"
        "b.Kapitellauf = Probe\n"
        "c.main(['bericht'])\n"
    )
    r = _python(probe)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split("\n")[:2] == ["parser False", "kernel False False"]


def test_befehlszeile_friert_die_objekte_ein():
    """The console script is `befehlszeile`: `main`, then gc.freeze (no cycle search over the
    run's objects while Python shuts down)."""
    from importlib.metadata import entry_points

    assert [e.value for e in entry_points(group="console_scripts", name="pflegewg")] == ["pflegewg.cli:befehlszeile"]
    probe = ("import gc, sys\nsys.argv = ['pflegewg', 'recht', '--json']\nimport pflegewg.cli as c\n"
             "code = c.befehlszeile()\nprint(code, gc.get_freeze_count() > 0, file=sys.stderr)")
    r = _python(probe)
    assert r.stderr.strip().splitlines()[-1] == "0 True"


def test_berichtsprozess_ohne_pandas():
    """The report process itself reads county file and reference without pandas (only the kernels
    need it): loading it cost 0,5 s while the kernels start and 0,4 s before the PDF."""
    probe = (
        "import sys\n"
        "from pflegewg.bericht import pipeline\n"
        "from pflegewg.modell.landkreis import load_landkreis\n"
        "lk = load_landkreis(None)\n"
        "print(pipeline._referenz_text(lk.referenz))\n"
        "print('pandas' in sys.modules)\n"
    )
    r = _python(probe)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["Landkreis Konstanz, Sozialamt, Drucksache 2023/020 vom 20.01.2023 (Kapitel Abgleich)", "False"]
