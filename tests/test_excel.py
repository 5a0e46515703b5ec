"""Issue 10, item 2: county data in Excel – the template, the reader, `pflegewg pruefen`."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from pflegewg.cli import main
from pflegewg.modell.kreisdaten_excel import SCHLUESSEL, WERTE_SPALTEN
from pflegewg.modell.landkreis import PLAUSIBEL, load_landkreis, load_wg_register, plausibel_schluessel
from pflegewg.modell.sitzungen import load_sitzungen


@pytest.fixture
def vorlage(tmp_path, capsys):
    ziel = tmp_path / "kreisdaten.xlsx"
    assert main(["vorlage", "--ausgabe", str(ziel)]) == 0
    capsys.readouterr()
    return ziel


def _setze(pfad, blatt, werte: dict | None = None, zeilen: list | None = None, ziel=None):
    """Change the template: Kreiswerte by key -> value, or append rows to a table sheet."""
    wb = load_workbook(pfad)
    ws = wb[blatt]
    for row in ws.iter_rows(min_row=2):
        if werte and row[0].value in werte:
            row[2].value = werte.pop(row[0].value)
    assert not werte, werte
    for z in zeilen or []:
        ws.append(z)
    wb.save(ziel or pfad)
    return ziel or pfad


def test_vorlage_dann_fall(vorlage, capsys):
    """Acceptance: `pflegewg vorlage --ausgabe x.xlsx` then `pflegewg fall --daten x.xlsx …` works."""
    assert main(["fall", "--daten", str(vorlage), "--einkommen", "1200", "--pflegegrad", "3", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    # pre-filled with the vdek Landesdurchschnitt BW of 01.01.2023: first-year Eigenbeteiligung 2.772,70 €
    assert d["stufen"][0]["eigenbeteiligung_gesamt_m"] == 2772.70
    assert main(["fall", "--daten", str(vorlage), "--stichtag", "2026-01-01", "--einkommen", "1200", "--pflegegrad", "3"]) == 0
    assert "pflegewg: Fehler" not in capsys.readouterr().err


def test_vorlage_aufbau(vorlage):
    wb = load_workbook(vorlage)
    assert wb.sheetnames == ["Anleitung", "Kreiswerte", "WG-Register", "Sitzungen", "Fallbeispiele"]
    ws = wb["Kreiswerte"]
    assert tuple(c.value for c in ws[1]) == WERTE_SPALTEN
    zeilen = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert set(zeilen) == set(SCHLUESSEL)
    # every amount shows unit and allowed range from PLAUSIBEL
    key, label, wert, einheit, erlaubt, quelle, gilt_ab = zeilen["wg.praesenzkraft_stundensatz"]
    b = PLAUSIBEL[plausibel_schluessel(key)]
    assert (einheit, erlaubt) == (b.einheit, f"{b.text()} – {b.grund}") and quelle.startswith("ANNAHME")
    # dated state averages: several rows of one key, each with its date
    eee = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == "heime.durchschnitt.eee_m"]
    assert len(eee) == 6 and all(r[6] is not None and r[5].startswith("Landesdurchschnitt BW (vdek)") for r in eee)
    assert [c.value for c in wb["WG-Register"][1]][:3] == ["Nr", "Name", "Straße"]
    assert [c.value for c in wb["Sitzungen"][1]] == ["Datum", "Gremium", "Drucksache", "Stichtag"]


def test_vorlage_ueberschreibt_nicht(vorlage, capsys):
    assert main(["vorlage", "--ausgabe", str(vorlage)]) == 2
    assert "gibt es schon" in capsys.readouterr().err
    assert main(["vorlage", "--ausgabe", str(vorlage.with_suffix(".csv"))]) == 2


def test_ausgefuellt_wie_yaml(vorlage, tmp_path, capsys):
    """A filled-in workbook gives the same Landkreisdaten the YAML reader gives for the same values."""
    datei = _setze(vorlage, "Kreiswerte", {"landkreis": "Landkreis Musterstadt", "wg.praesenzkraft_stundensatz": "22,50",
                                           "wg.einsatzquote.4": 0.3})
    _setze(datei, "WG-Register", zeilen=[[1, "WG Sonne", "Hauptstr. 1", "78000", "Musterstadt", "anbietergestützt",
                                           "bestehend", 2020, 8]])
    _setze(datei, "Sitzungen", zeilen=[["10.03.2025", "Kreistag", "DS 25/017", None]])
    lk = load_landkreis(datei)
    assert lk.landkreis == "Landkreis Musterstadt" and lk.praesenzkraft_stundensatz == 2250
    assert lk.einsatzquote[4] == Decimal("0.3") and lk.referenz is None
    assert lk.zum(__import__("datetime").date(2023, 1, 1)).heime["durchschnitt"].eee_m == 144600
    reg = load_wg_register(lk)
    assert list(reg["name"]) == ["WG Sonne"] and int(reg["plaetze"][0]) == 8 and reg["typ"][0] == "anbietergestuetzt"
    assert [s.drucksache for s in load_sitzungen(lk.sitzungen_datei)] == ["DS 25/017"]
    assert main(["pruefen", "--daten", str(datei)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out == ["kreisdaten.xlsx ist verwendbar: Landkreis Musterstadt, Stand 01.01.2026, 1 WG im Register, "
                   "1 Sitzung, 5 Fallbeispiele."]
    assert main(["kreis", "--daten", str(datei)]) == 0


def test_kaputte_arbeitsmappe_alle_probleme(vorlage, capsys):
    """Acceptance: a damaged workbook gives the full list of problems and exit 2."""
    datei = _setze(vorlage, "Kreiswerte", {
        "stand": "gestern", "grundsicherung.warmmiete_m": "sechshundert", "wg.unterkunftskosten_m": "=C2*2",
        "wg.praesenzkraft_stundensatz": 2250, "wg.einsatzquote.4": 0.5,
    })
    _setze(datei, "WG-Register", zeilen=[[1, "WG Sonne", "", "7800", "Musterstadt", "foo", "bestehend", 2020, 13]])
    _setze(datei, "Sitzungen", zeilen=[["31.02.2025", "Kreistag", "", ""]])
    assert main(["pruefen", "--daten", str(datei)]) == 2
    out, err = capsys.readouterr()
    zeilen = out.strip().splitlines()
    assert zeilen[0] == "kreisdaten.xlsx: 9 Probleme – so nicht verwendbar:"
    erwartet = [
        "kreisdaten.xlsx, Blatt Kreiswerte, Zeile 54, Spalte Wert: Formel '=C2*2' ohne gespeicherten Wert",
        "kreisdaten.xlsx, Blatt Kreiswerte, Zeile 3, Spalte Wert: stand: 'gestern' ist kein Datum",
        "kreisdaten.xlsx, Blatt Kreiswerte, Zeile 53, Spalte Wert: grundsicherung.warmmiete_m: 'sechshundert' ist Text, keine Zahl (erlaubt: 100,00 bis 2.000,00 € je Monat",
        "kreisdaten.xlsx, Blatt Kreiswerte, Zeile 55, Spalte Wert: wg.praesenzkraft_stundensatz: 2250 nicht plausibel (erlaubt: 10,00 bis 100,00 € je Stunde",
        "kreisdaten.xlsx, Blatt Kreiswerte, Zeile 60, Spalte Wert: wg.einsatzquote.4: 0.5 nicht plausibel (erlaubt: 0,00 bis 0,40 Anteil",
        "kreisdaten.xlsx, Blatt WG-Register: Zeile 2, Spalte Typ: 'foo' nicht erlaubt (erlaubt: selbstverantwortet, anbietergestützt)",
        "kreisdaten.xlsx, Blatt WG-Register: Zeile 2, Spalte PLZ: '7800' nicht erlaubt (erlaubt: fünf Ziffern oder leer)",
        "kreisdaten.xlsx, Blatt WG-Register: Zeile 2, Spalte Plätze: '13' nicht erlaubt (erlaubt: 1 bis 12 oder leer)",
        "kreisdaten.xlsx, Blatt Sitzungen: Zeile 2, Spalte Datum: '31.02.2025' nicht erlaubt (erlaubt: ein Datum JJJJ-MM-TT oder TT.MM.JJJJ)",
    ]
    assert len(zeilen) == 1 + len(erwartet)
    for zeile, anfang in zip(zeilen[1:], erwartet):
        assert zeile.startswith("  - " + anfang), zeile
    assert err == "pflegewg: Fehler: kreisdaten.xlsx nicht verwendbar (9 Probleme, Liste oben)\n"
    # every other command: exit 2, one line naming the first problem and how many more there are
    assert main(["fall", "--daten", str(datei), "--einkommen", "1200", "--pflegegrad", "3"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Formel '=C2*2' ohne gespeicherten Wert" in err and "(und 4 weitere Probleme;" in err


def test_mehrere_staende_und_doppelte_daten(vorlage, capsys):
    wb = load_workbook(vorlage)
    ws = wb["Kreiswerte"]
    import datetime as dt

    ws.append(["wg.praesenzkraft_stundensatz", "", 25, "", "", "Vertrag 2025", dt.date(2025, 1, 1)])
    ws.append(["wg.praesenzkraft_stundensatz", "", 24, "", "", "", dt.date(2025, 1, 1)])
    wb.save(vorlage)
    assert main(["pruefen", "--daten", str(vorlage)]) == 2
    out = capsys.readouterr().out
    assert "Spalte gilt ab: wg.praesenzkraft_stundensatz: leer ist kein Datum" in out  # the template's undated row
    assert "gilt ab 01.01.2025 steht schon in Zeile" in out
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "wg.praesenzkraft_stundensatz" and row[6].value is None:
            row[6].value = dt.date(2023, 1, 1)
        if row[0].value == "wg.praesenzkraft_stundensatz" and row[2].value == 24:
            row[6].value = dt.date(2026, 1, 1)
    wb.save(vorlage)
    lk = load_landkreis(vorlage)
    assert [e.wert for e in lk.reihen["wg.praesenzkraft_stundensatz"]] == [2250, 2500, 2400]
    assert lk.zum(dt.date(2025, 6, 1)).praesenzkraft_stundensatz == 2500


def test_keine_arbeitsmappe(tmp_path, capsys):
    datei = tmp_path / "kaputt.xlsx"
    datei.write_bytes(b"kein zip")
    assert main(["pruefen", "--daten", str(datei)]) == 2
    assert "  - kaputt.xlsx: keine lesbare Excel-Arbeitsmappe (BadZipFile" in capsys.readouterr().out


def test_pruefen_yaml(capsys):
    assert main(["pruefen"]) == 0
    assert capsys.readouterr().out == ("landkreis_konstanz.yaml ist verwendbar: Landkreis Konstanz, Stand 20.01.2023, "
                                       "16 WGs im Register, 1 Sitzung, 5 Fallbeispiele, Referenz drucksache_2023_020.\n")
