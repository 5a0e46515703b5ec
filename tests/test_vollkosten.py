"""Vollkosten, Aufenthalt and Fallliste (issue 11): hand-computed examples per Pflegegrad, citing the rule."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from pflegewg.cli import main
from pflegewg.kreis.kreismodell import kreis
from pflegewg.kreis.szenario import Szenario, load_szenario
from pflegewg.modell.aufenthalt import Verweildauer, aufenthalt
from pflegewg.modell.faelle import lese_faelle
from pflegewg.modell.landkreis import load_landkreis
from pflegewg.modell.vollkosten import Optionen, auslassungen, vollkosten
from pflegewg.recht.parameter import load_parameters
from pflegewg.basis.geld import EingabeFehler

DATA = Path(__file__).resolve().parents[1] / "data"
P2023 = load_parameters("2023-01-01")
LK = load_landkreis()


# --- Vollkosten, hand-computed (Stichtag 01.01.2023, Landkreis Konstanz, Heim Durchschnitt, Stufe 1) ---------------
#
# Präsenzkraft 36 h × 30 × 22,50 / 12 = 2.025,00 (§ 13 WTPG). Pflegerechnung (county ANNAHME) 724 / 1.500 /
# 2.120 / 2.930; Pflegesachleistung § 36 SGB XI 2023 724 / 1.363 / 1.693 / 2.095; above it 0 / 137 / 427 / 835
# (§§ 63, 64b SGB XII). Einkommen 0: no Einkommenseinsatz; WG = 2.025 + Rest. Heim (paper's rule, Fall 1):
# 1.924 € rounded; exact 3.011,22 − 77,39 − 1.010,00 = 1.923,83.
@pytest.mark.parametrize("pg, ueber, wg", [(2, 0, 202500), (3, 13700, 216200), (4, 42700, 245200), (5, 83500, 286000)])
def test_vollkosten_einkommen_null(pg, ueber, wg):
    r = vollkosten(0, pg, 1, P2023, LK)
    assert r["pflege_ueber_sachleistung_m"] == ueber
    assert r["kosten_wg_m"] == wg
    assert r["kosten_heim_m"] == 192383
    assert r["mehrkosten_m"] == wg - 192383
    assert r["mehrkosten_drucksache_m"] == 202500 - 192383  # the paper's 101 €


# One Einkommenseinsatz for the whole need (§§ 85, 87 SGB XII): Fall 5, income 2.750, Einkommensgrenze 1.519.
# PG 3 (f = 0,90): Einsatz 0,9 × 1.231 = 1.107,90; need 2.025 + 137 = 2.162 → 1.054,10 (not 2.025 − 1.107,90 + 137
# counted twice). PG 5 (f = 0,30): Einsatz 369,30; need 2.025 + 835 = 2.860 → 2.490,70.
@pytest.mark.parametrize("pg, wg", [(3, 105410), (5, 249070)])
def test_ein_einkommenseinsatz(pg, wg):
    r = vollkosten(275000, pg, 1, P2023, LK)
    assert r["kosten_wg_m"] == wg


def test_einsatz_deckt_erst_den_ganzen_bedarf():
    # PG 3, income 3.900: Einsatz 0,9 × 2.381 = 2.142,90 > Präsenzkraft 2.025 – the rest (117,90) still covers
    # care above the Sachleistung (137): county pays 19,10. One Einsatz, not one per item.
    r = vollkosten(390000, 3, 1, P2023, LK)
    assert r["anteil_landkreis_wg_m"] == 0
    assert r["kosten_wg_m"] == 1910


def test_optionen_wohngruppenzuschlag_entlastungsbetrag():
    # § 38a: 214 € off the Präsenzkraft; § 45b: 125 € off the care bill above § 36 (PG 3: 137 → 12).
    r = vollkosten(0, 3, 1, P2023, LK, optionen=Optionen(wohngruppenzuschlag_anrechnen=True, entlastungsbetrag_anrechnen=True))
    assert r["kosten_wg_m"] == 202500 - 21400 + 1200
    # PG 2: nothing above the Sachleistung, so nothing of the Entlastungsbetrag is used
    r2 = vollkosten(0, 2, 1, P2023, LK, optionen=Optionen(entlastungsbetrag_anrechnen=True))
    assert r2["entlastung_m"] == 0 and r2["kosten_wg_m"] == 202500
    # 2025: § 38a 224 €, § 45b 131 €
    p25 = load_parameters("2025-01-01")
    r3 = vollkosten(0, 5, 1, p25, LK, optionen=Optionen(wohngruppenzuschlag_anrechnen=True, entlastungsbetrag_anrechnen=True))
    assert r3["wohngruppenzuschlag_m"] == 22400 and r3["entlastung_m"] == 13100


def test_umwandlung_nur_aus_ungenutzter_sachleistung():
    # § 45a Abs. 4: at most 40 % of the Sachleistung, and only what the care bill leaves unused.
    from dataclasses import replace

    lk = replace(LK, wg_pflegerechnung_m={2: 40000, 3: 136300, 4: 169300, 5: 209500}).zum(P2023.stichtag)
    lk = replace(lk, wg_pflegerechnung_m={2: 40000, 3: 136300, 4: 169300, 5: 209500})
    r = vollkosten(0, np.array([2, 3]), 1, P2023, lk, optionen=Optionen(umwandlung_anteil=Decimal("0.40")))
    # PG 2: 40 % × 724 = 289,60, unused 724 − 400 = 324 → 289,60; PG 3: bill = Sachleistung → 0
    assert r["umwandlung_m"].tolist() == [28960, 0]
    with pytest.raises(EingabeFehler, match="0.40"):
        vollkosten(0, 2, 1, P2023, LK, optionen=Optionen(umwandlung_anteil=Decimal("0.5")))


def test_hilfe_zum_lebensunterhalt():
    # income 0: WG RBS 1 502 + Unterkunft 515 = 1.017; home RBS 3 402 + Warmmiete 608 = 1.010 (§§ 27a, 27b, 35)
    r = vollkosten(0, 3, 1, P2023, LK, optionen=Optionen(hilfe_zum_lebensunterhalt=True))
    assert (int(r["hlu_wg_m"]), int(r["hlu_heim_m"])) == (101700, 101000)
    # income 1.200 covers both
    r = vollkosten(120000, 3, 1, P2023, LK, optionen=Optionen(hilfe_zum_lebensunterhalt=True))
    assert (int(r["hlu_wg_m"]), int(r["hlu_heim_m"])) == (0, 0)


def test_auslassungen_je_pflegegrad():
    a = auslassungen(120000, 1, P2023, LK)
    assert a["drucksache"].tolist() == [29117] * 4  # paper: 291 € (Fall 2, 5 %)
    assert a["pflege"].tolist() == [0, 13700, 42700, 83500]
    assert a["wohngruppenzuschlag_anrechnen"].tolist() == [-21400] * 4
    assert a["vollkosten"].tolist() == [29117, 42817, 71817, 112617]


def test_paper_numbers_unchanged():
    from pflegewg.modell.abgleich import abgleich, zusammenfassung

    z = zusammenfassung(abgleich())
    assert (int(z["zellen"].sum()), int(z["stimmt"].sum()), int(z["abweichung"].sum())) == (144, 138, 0)


# --- Aufenthalt -------------------------------------------------------------------------------------------------


def test_aufenthalt_gewichte_und_stufen():
    v = Verweildauer(((12, Decimal("0.5")), (24, Decimal(0))))
    a = aufenthalt(0, 3, P2023, LK, verweildauer=v)
    assert len(a.monat) == 24 and a.stufe[11] == 1 and a.stufe[12] == 2  # month 13: more than 12 months (§ 43c)
    assert a.gewicht[0] == 1 and a.gewicht[12] == Decimal("0.5")
    # month 1: WG 2.162,00, Heim 1.923,83 (Stufe 1)
    assert (a.wg_kumuliert[0], a.heim_kumuliert[0]) == (216200, 192383)
    assert a.erwartet["mehrkosten"] == a.erwartet["wg"] - a.erwartet["heim"]
    assert a.wendemonat is None


def test_aufenthalt_wendemonat():
    # a WG cheaper than the home at first (low rate: 36 × 30 × 16 / 12 = 1.440 €), nearly everyone stays
    from dataclasses import replace

    lk = replace(LK.zum(P2023.stichtag), praesenzkraft_stundensatz=1600)
    a = aufenthalt(0, 2, P2023, lk, monate=120, verweildauer=Verweildauer(((600, Decimal(0)),)))
    # months 1–24: WG 1.440 < home 1.923,83 / 1.614; from month 25 (home 1.305, then 918) the WG costs more
    assert a.mehrkosten_kumuliert[0] < 0 < a.mehrkosten_kumuliert[-1]
    m = a.wendemonat
    assert m is not None and a.mehrkosten_kumuliert[m - 2] < 0 <= a.mehrkosten_kumuliert[m - 1]


def test_verweildauer_falsch():
    with pytest.raises(EingabeFehler, match="letzte Anteil"):
        Verweildauer(((12, Decimal("0.5")),))
    with pytest.raises(EingabeFehler, match="verweildauer"):
        Verweildauer(((6, Decimal("0.5")), (12, Decimal("0.7")), (24, Decimal(0))))


def test_cli_aufenthalt_json(capsys):
    assert main(["aufenthalt", "--einkommen", "1200", "--pflegegrad", "3", "--monate", "24", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert len(d["monate"]) == 24
    assert set(d["monate"][0]) >= {"monat", "heim_kumuliert", "wg_kumuliert", "mehrkosten_kumuliert"}
    assert set(d["erwartet"]) == {"heim", "wg", "mehrkosten"}
    assert d["erwartet"]["wg"] == d["monate"][-1]["wg_kumuliert"]


# --- Fallliste --------------------------------------------------------------------------------------------------


def test_beispiel_liste_wie_fall(capsys):
    assert main(["faelle", "--datei", str(DATA / "faelle_beispiel.csv"), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["fehler"] == [] and len(d["faelle"]) == 60
    erster = d["faelle"][0]
    assert set(erster) >= {"zeile", "pflegegrad", "einkommen_m", "wohnform", "stufe", "anteil_landkreis_heim_m",
                           "anteil_landkreis_wg_m", "mehrkosten_wg_m"}
    # the same rule as `pflegewg fall` (same Stichtag, county file, tier)
    assert main(["fall", "--einkommen", str(erster["einkommen_m"]), "--pflegegrad", str(erster["pflegegrad"]), "--json"]) == 0
    f = json.loads(capsys.readouterr().out)
    stufe = f["stufen"][erster["stufe"] - 1]
    assert stufe["anteil_landkreis_m"] == erster["anteil_landkreis_heim_m"]
    if erster["wohnform"] == "heim":
        assert f["wg"]["anteil_landkreis_m"] == erster["anteil_landkreis_wg_m"]


def test_fehlerhafte_zeilen(tmp_path, capsys):
    datei = tmp_path / "f.csv"
    datei.write_text("pflegegrad;einkommen_m;wohnform;monate;stufe\n3;1200;heim;13;\n1;1200;heim;;1\n3;1.200;heim;;1\n"
                     "3;1200;zuhause;;1\n3;1200;heim;;\n3;1200;heim;5;3\n4;800,50;wg;;\n", encoding="cp1252")
    assert main(["faelle", "--datei", str(datei), "--json"]) == 2
    out, err = capsys.readouterr()
    d = json.loads(out)
    assert [f["zeile"] for f in d["fehler"]] == [3, 4, 5, 6, 7]
    assert "Pflegegrad 1" in d["fehler"][0]["grund"] and "mehrdeutig" in d["fehler"][1]["grund"]
    assert err.count("Zeile") >= 5 and "Traceback" not in err
    assert [f["zeile"] for f in d["faelle"]] == [2, 8]
    assert d["faelle"][0]["stufe"] == 2 and d["faelle"][1]["stufe"] == 1 and d["faelle"][1]["einkommen_m"] == 800.5
    assert main(["faelle", "--datei", str(datei), "--fehler-ueberspringen"]) == 0


def test_xlsx(tmp_path, capsys):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["pflegegrad", "einkommen_m", "wohnform", "stufe"])
    ws.append([3, 1200.5, "Heim", 2])
    ws.append([5, 0, "Pflege-WG", None])
    ws.append([9, 0, "wg", None])
    wb.save(tmp_path / "f.xlsx")
    liste = lese_faelle(tmp_path / "f.xlsx")
    assert liste.einkommen_m.tolist() == [120050, 0] and liste.wohnform.tolist() == ["heim", "wg"]
    assert liste.fehler[0][0] == 4 and "pflegegrad" in liste.fehler[0][1]


def test_kreis_aus_fallliste(tmp_path):
    (tmp_path / "faelle.csv").write_text((DATA / "faelle_beispiel.csv").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "s.yaml").write_text("faelle: faelle.csv\n", encoding="utf-8")
    s = load_szenario(tmp_path / "s.yaml")
    assert s.pflegegrade().nenner == 60 and s.einkommen().nenner == 60
    assert kreis(s).summe() != kreis(Szenario()).summe()
    (tmp_path / "s2.yaml").write_text("faelle: faelle.csv\nhzp_anteil: 0.5\nstufen_verteilung: {1: 1}\n", encoding="utf-8")
    with pytest.raises(EingabeFehler, match="entweder"):
        load_szenario(tmp_path / "s2.yaml")
