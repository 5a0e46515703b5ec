"""Issue 10, item 5: the command line speaks German – argparse's own texts too – prints labels a
planner understands, fits a 100-column terminal and gets singular and plural right."""
from __future__ import annotations

import re

import pytest

from pflegewg.cli import BEFEHLE, main
from pflegewg.cli.gemeinsam import anzahl
from pflegewg.modell.landkreis import standard_datei

ENGLISCH = re.compile(r"usage|options:|positional arguments|show this help|required|invalid choice|unrecognized|"
                      r"expected one argument|error:", re.I)


def hilfe(capsys, *args) -> str:
    with pytest.raises(SystemExit) as e:
        main([*args, "--help"])
    assert e.value.code == 0
    return capsys.readouterr().out


def test_hilfe_deutsch(capsys):
    text = hilfe(capsys)
    assert text.startswith("Aufruf: pflegewg ") and "\nOptionen:\n" in text and "diese Hilfe zeigen und beenden" in text
    assert "Befehle:" in text and not ENGLISCH.search(text)
    for befehl in BEFEHLE:
        name = befehl.__name__.rsplit(".", 1)[-1]
        text = hilfe(capsys, name)
        assert text.startswith(f"Aufruf: pflegewg {name} ") and "Optionen:" in text and not ENGLISCH.search(text), name


@pytest.mark.parametrize("args, meldung", [
    ([], "pflegewg: Fehler: Pflichtangabe fehlt: BEFEHL"),
    (["foo"], "pflegewg: Fehler: BEFEHL: 'foo' nicht erlaubt (erlaubt: 'fall', 'aufenthalt', 'faelle', 'abgleich', "
              "'bericht', 'kreis', 'prognose', 'recht', 'vorlage', 'pruefen')"),
    (["fall", "--pflegegrad", "3"], "pflegewg: Fehler: Pflichtangabe fehlt: --einkommen"),
    (["fall", "--einkommen", "1", "--pflegegrad", "3", "--farbe"],
     "pflegewg: Fehler: unbekannte Argumente: --farbe (erlaubt: die Optionen, die --help nennt)"),
    (["fall", "--einkommen"], "pflegewg: Fehler: --einkommen: braucht einen Wert"),
    (["fall", "--einkommen", "1", "--pflegegrad", "3", "--heim", "x"],
     "pflegewg: Fehler: --heim: 'x' nicht erlaubt (erlaubt: 'durchschnitt', 'teuerste')"),
    (["recht", "--json=ja"], "pflegewg: Fehler: --json: Wert 'ja' nicht erlaubt (die Option hat keinen Wert)"),
])
def test_fehler_deutsch(capsys, args, meldung):
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == meldung + "\n"


def test_argparse_bleibt_englisch_ausserhalb():
    """The German texts are put in only while pflegewg's parser works: argparse elsewhere is untouched."""
    import argparse

    main(["recht", "--json"])
    assert "usage:" in argparse.ArgumentParser(prog="x").format_usage()


def zeilen_hoechstens(text: str, breite: int = 100) -> None:
    zu_lang = [z for z in text.splitlines() if len(z) > breite]
    assert not zu_lang, zu_lang


def test_abgleich_fuer_planer(capsys):
    assert main(["abgleich"]) == 0
    out = capsys.readouterr().out
    zeilen_hoechstens(out)
    assert "Gesamt: 144 Zellen, 138 stimmen, 6 bekannte Abweichungen, 0 unerklärt." in out
    assert "20 Zellen, 19 stimmen, 1 bekannte Abweichung, 0 unerklärt" in out  # singular
    # German row labels and statuses, not the reference file's keys and statuses
    assert "- Fall 2, im Pflegeheim, 25 %: Modell 1.424\u00a0€, Drucksache 1.425\u00a0€ (bekannter Fehler)" in out
    for intern in ("[lz_durchschnitt]", "lz_teuerste", "differenz_m", "(bekannt)", "2 heim", "eigenanteil,"):
        assert intern not in out, intern


@pytest.mark.parametrize("args", [[], ["--stichtag", "2026-06-01"], ["--szenario", "data/szenario_beispiel.yaml"]])
def test_kreis_passt_in_100_spalten(capsys, args, monkeypatch):
    monkeypatch.chdir(standard_datei().parent.parent)
    assert main(["kreis", *args]) == 0
    out = capsys.readouterr().out
    zeilen_hoechstens(out)
    assert "Summe alle (10 WGs)" in out and "Bestehende WGs:" in out and "Geplante WGs:" in out
    assert "anbietergestuetzt" not in out and "praesenzkraft" not in out and "hzp_anteil" not in out


def test_einzahl_und_mehrzahl(tmp_path, capsys):
    assert [anzahl(n, "WG", "WGs") for n in (0, 1, 2)] == ["0 WGs", "1 WG", "2 WGs"]
    register = (standard_datei().parent / "landkreis_konstanz_wg.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "landkreis_konstanz_wg.csv").write_text("\n".join(register[:8]) + "\n", encoding="utf-8")  # one provider-supported WG
    daten = tmp_path / "lk.yaml"
    daten.write_text(standard_datei().read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["kreis", "--daten", str(daten)]) == 0
    out = capsys.readouterr().out
    assert "Summe bestehend (1 WG)" in out and "Summe alle (1 WG)" in out and "Geplante WGs" not in out
    assert main(["fall", "--einkommen", "0", "--pflegegrad", "3", "--bewohner", "1"]) == 0
    assert "WG mit 1 Bewohner\n" in capsys.readouterr().out
    assert main(["fall", "--einkommen", "0", "--pflegegrad", "3", "--bewohner", "2"]) == 0
    assert "WG mit 2 Bewohnern\n" in capsys.readouterr().out
