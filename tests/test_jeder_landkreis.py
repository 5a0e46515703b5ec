"""Issue 10, item 1: a report belongs to its county.

A copy of the Konstanz files renamed to "Landkreis Musterstadt" (every "Konstanz" replaced, its
`referenz:` line removed, its own session calendar) gives a report of Musterstadt: no Konstanz,
no Drucksache 2023/020, no chapter Abgleich, its own session; the default output folder tells
counties apart; the Stichtag's distance to the data's stand is said in the report and on stderr.
"""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from pflegewg.basis import orte
from pflegewg.bericht import pipeline as bericht
from pflegewg.bericht import tabellen as bt
from pflegewg.cli import main
from pflegewg.kreis.szenario import quellen
from pflegewg.modell.landkreis import kurzname, load_landkreis, standard_datei
from pflegewg.modell.zeitstand import hinweise, kreisdaten_hinweis
from pflegewg.recht.parameter import load_parameters

KALENDER = "datum,gremium,drucksache,stichtag\n2025-03-10,Ausschuss für Soziales und Gesundheit,DS 25/017,2025-01-01\n"


def musterstadt(ordner, kalender: str = KALENDER):
    """The Konstanz county file and register copied as Landkreis Musterstadt into `ordner`."""
    quelle = standard_datei()
    text = quelle.read_text(encoding="utf-8")
    text = "\n".join(z for z in text.splitlines() if not z.startswith("referenz:")) + "\n"
    text = text.replace("Konstanz", "Musterstadt").replace("konstanz", "musterstadt")
    datei = ordner / "landkreis_musterstadt.yaml"
    datei.write_text(text, encoding="utf-8")
    register = (quelle.parent / "landkreis_konstanz_wg.csv").read_text(encoding="utf-8")
    (ordner / "landkreis_musterstadt_wg.csv").write_text(register.replace("Konstanz", "Musterstadt"), encoding="utf-8")
    (ordner / "sitzungen.csv").write_text(kalender, encoding="utf-8")
    return datei


def test_musterstadt_bericht_ohne_konstanz(tmp_path, capsys):
    """The acceptance test of issue 10 (a full report, about 20 s)."""
    datei = musterstadt(tmp_path)
    assert main(["bericht", "--daten", str(datei), "--ausgabe", str(tmp_path / "berichte")]) == 0
    ordner = tmp_path / "berichte" / "2025-03-10"  # the calendar's session, not Konstanz's
    html = (ordner / "bericht.html").read_text(encoding="utf-8")
    assert "Musterstadt" in html
    assert "Konstanz" not in html and "2023/020" not in html
    assert "Abgleich" not in html and "DS 25/017" in html and "Ausschuss für Soziales und Gesundheit" in html
    m = json.loads((ordner / "manifest.json").read_text(encoding="utf-8"))
    assert m["referenz"] is None and "Abgleich" not in json.dumps(m["notebooks"])
    assert not any("drucksache_2023_020" in e["datei"] for e in m["eingabedateien"])
    assert not (ordner / "notebooks" / "Abgleich.ipynb").exists()


def test_konstanz_nennt_seine_referenz():
    lk = load_landkreis()
    assert lk.referenz == "drucksache_2023_020"
    assert bericht.kapitel(lk)[-1] == "Abgleich"
    k = bt.kontext("2023-01-01", "", "durchschnitt")
    assert "Das Modell gibt 138 von 144 Zahlen der Drucksache 2023/020 genau wieder" in bt.kernaussagen(k)


def test_ohne_referenz_kein_abgleich_und_keine_drucksache(tmp_path):
    lk = load_landkreis(musterstadt(tmp_path))
    assert lk.referenz is None and "Abgleich" not in bericht.kapitel(lk)
    k = bt.kontext("2023-01-01", str(lk.datei), "teuerste")
    texte = [bt.kernaussagen(k), bt.differenz_tab(k, "teuerste").fussnote, bt.lz_tabelle(k, "teuerste").fussnote,
             *quellen(lk).values()]
    for text in texte:
        assert "2023/020" not in text and "Konstanz" not in text and "Drucksache" not in text, text


def test_unbekannte_referenz(tmp_path, capsys):
    datei = tmp_path / "lk.yaml"
    datei.write_text(standard_datei().read_text(encoding="utf-8").replace("referenz: drucksache_2023_020", "referenz: ds_1999")
                     .replace("landkreis_konstanz_wg.csv", str(standard_datei().parent / "landkreis_konstanz_wg.csv")),
                     encoding="utf-8")
    assert main(["fall", "--daten", str(datei), "--einkommen", "0", "--pflegegrad", "3"]) == 2
    assert capsys.readouterr().err.strip() == (
        "pflegewg: Fehler: lk.yaml: referenz: 'ds_1999' unbekannt (erlaubt: drucksache_2023_020; "
        "ohne Vergleich mit einer Drucksache die Zeile weglassen)")


def test_sitzung_aus_dem_eigenen_kalender(tmp_path):
    lk = load_landkreis(musterstadt(tmp_path, KALENDER + "2026-05-04,Kreistag,,\n"))
    s, st = bericht.sitzung_aufloesen(None, lk, None, None, None)
    # the next session from today on, else the last one
    erwartet = "2026-05-04" if dt.date.today() > dt.date(2025, 3, 10) else "2025-03-10"
    assert s.datum.isoformat() == erwartet
    s, st = bericht.sitzung_aufloesen("2025-03-10", lk, None, None, None)
    assert (s.gremium, s.drucksache, st) == ("Ausschuss für Soziales und Gesundheit", "DS 25/017", dt.date(2025, 1, 1))
    s, _ = bericht.sitzung_aufloesen("2025-03-10", lk, "Kreistag", "DS 25/099", None)
    assert (s.gremium, s.drucksache) == ("Kreistag", "DS 25/099")
    assert bericht.standard_sitzung([], dt.date(2025, 1, 1)) is None


def test_ohne_kalender_muss_die_sitzung_genannt_werden(tmp_path, capsys):
    datei = musterstadt(tmp_path)
    datei.write_text(datei.read_text(encoding="utf-8").replace("sitzungen: sitzungen.csv", ""), encoding="utf-8")
    assert main(["bericht", "--daten", str(datei), "--ausgabe", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err
    assert "sitzung: landkreis_musterstadt.yaml nennt keinen Sitzungskalender" in err and "--sitzung JJJJ-MM-TT" in err


def test_standardordner_trennt_die_kreise(tmp_path, monkeypatch):
    assert kurzname("Landkreis Konstanz") == "konstanz"
    assert kurzname("Landkreis Lörrach") == "loerrach"
    assert kurzname("Baden-Württemberg (Landesdurchschnitt)") == "baden-wuerttemberg-landesdurchschnitt"
    assert kurzname("Landkreis Con") == "kreis-con"  # a name Windows reserves
    assert kurzname("???", "meine_daten") == "meine-daten"
    monkeypatch.setattr(orte, "berichtordner", lambda: tmp_path / "reports")
    konstanz, muster = load_landkreis(), load_landkreis(musterstadt(tmp_path))
    assert bericht.ausgabeordner(None, konstanz) == tmp_path / "reports" / "konstanz"
    assert bericht.ausgabeordner(None, muster) == tmp_path / "reports" / "musterstadt"
    assert bericht.ausgabeordner(tmp_path / "eigen", muster) == (tmp_path / "eigen").resolve()


@pytest.mark.parametrize("stichtag, veraltet", [("2026-01-20", False), ("2026-01-21", True), ("2027-02-01", True)])
def test_warnung_lange_nach_dem_stand(stichtag, veraltet):
    lk = load_landkreis()  # stand 20.01.2023
    p = load_parameters(stichtag)
    text = kreisdaten_hinweis(lk, p.stichtag)
    assert (text is not None) == veraltet
    if veraltet:
        assert text == (f"Kreisdaten veraltet: Stand 20.01.2023, der Stichtag {p.stichtag:%d.%m.%Y} liegt mehr als 3 Jahre "
                        "danach; die Werte der Kreisdatei (landkreis_konstanz.yaml) prüfen und erneuern")
        assert text in hinweise(p, lk)


def test_warnung_vor_dem_stand_und_danach_auf_stderr(tmp_path, capsys, monkeypatch):
    """Before the county's values: the existing 'vor den Werten' line; long after: 'veraltet';
    both on stderr (fall) and in the report's title block (bericht, checked without notebooks)."""
    assert main(["fall", "--stichtag", "2022-06-01", "--einkommen", "1200", "--pflegegrad", "3"]) == 0
    assert "pflegewg: Hinweis: Preise: der Stichtag 01.06.2022 liegt vor den Werten der Kreisdatei" in capsys.readouterr().err
    assert main(["kreis", "--stichtag", "2026-06-01"]) == 0
    assert "pflegewg: Hinweis: Kreisdaten veraltet: Stand 20.01.2023" in capsys.readouterr().err
    monkeypatch.setattr(bericht, "NOTEBOOKS", ("WG-Bestand",))
    assert main(["bericht", "--stichtag", "2026-06-01", "--ausgabe", str(tmp_path)]) == 0
    assert "pflegewg: Hinweis: Kreisdaten veraltet: Stand 20.01.2023" in capsys.readouterr().err
    html = (tmp_path / "2023-02-13" / "bericht.html").read_text(encoding="utf-8")
    assert re.search(r"<td>Hinweis</td><td>Kreisdaten veraltet: Stand 20.01.2023, der Stichtag 01.06.2026", html)
