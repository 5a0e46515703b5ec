"""Zeitachse: prices and law by date, the state averages, the Fortschreibung, the TPQG.

Values from the sources named in data/baden_wuerttemberg.yaml (vdek Baden-Württemberg) and
hand computations; every expected figure is written out, not recomputed with the code.
"""
import dataclasses
import datetime as dt
import json
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest

from pflegewg.cli import main
from pflegewg.kreis.kreismodell import kreis
from pflegewg.kreis.szenario import Szenario, szenario_aus_dict
from pflegewg.modell.landkreis import load_landkreis, load_wg_register
from pflegewg.recht import wtpg
from pflegewg.recht.parameter import load_parameters

LAND = "data/baden_wuerttemberg.yaml"

#: vdek's published Eigenbeteiligung per month (first, second, third, fourth year), euros
VDEK = {
    "2023-01-01": [2772.70, 2483.50, 2194.30, 1832.80],   # V1, to the cent
    "2023-07-01": [2912.97, 2602.87, 2292.77, 1905.15],   # V2, to the cent
    "2024-01-01": [2906.60, 2649.20, 2306.00, 1877.00],   # V1, to the cent
    "2025-01-01": [3237, 3189 - 257, 2732 - 206, 2160 - 142],  # V3; later years from V5's "plus" figures
    "2025-07-01": [3400, 3074, 2640, 2098],               # V4
    "2026-01-01": [3532, 3189, 2732, 2160],               # V5
}
CENT_GENAU = {"2023-01-01", "2023-07-01", "2024-01-01"}


def fall_json(capsys, *args):
    code = main(["fall", "--json", *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out), err


def euro_ganz(x) -> int:
    return int(Decimal(str(x)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@pytest.mark.parametrize("stichtag", sorted(VDEK))
def test_landesdurchschnitt_gibt_vdek_wieder(capsys, stichtag):
    d, _ = fall_json(capsys, "--daten", LAND, "--stichtag", stichtag, "--einkommen", "0", "--pflegegrad", "3")
    werte = [s["eigenbeteiligung_gesamt_m"] for s in d["stufen"]]
    if stichtag in CENT_GENAU:
        assert werte == VDEK[stichtag]
    else:
        assert [euro_ganz(w) for w in werte] == VDEK[stichtag]
    # the home costs are vdek's own values of that date, never carried forward (only the assumed
    # Präsenzkraft rate of the state file moves with the wage index)
    assert not any("vdek" in i for i in d["preise"]["index"])


def test_konstanz_2026_fortgeschrieben(capsys):
    alt, err_alt = fall_json(capsys, "--stichtag", "2023-01-01", "--einkommen", "1200", "--pflegegrad", "3")
    neu, err = fall_json(capsys, "--stichtag", "2026-03-01", "--einkommen", "1200", "--pflegegrad", "3")
    assert alt["preise"]["fortgeschrieben"] is False and err_alt == ""
    assert neu["preise"]["fortgeschrieben"] is True and neu["preise"]["fortgeschrieben_bis"] == "2026-01-01"
    assert "Hinweis: Preise: Werte der Kreisdatei ab 01.01.2023, fortgeschrieben" in err
    # EEE 1.414,84 + Ausbildung 132,94 carried with vdek's EEE index: 2.285,88 (01/2026, with
    # Ausbildung) / (1.446,00 × 1,08) (01/2023 without Ausbildung, bridged) – per item, half-up
    f = Fraction("2285.88") / (Fraction("1446.00") * Fraction("1.08"))
    eee = round_half_up_cent(Fraction(141484) * f)
    ausb = round_half_up_cent(Fraction(13294) * f)
    gesamt = eee + ausb
    # first year 2026: 15 % Leistungszuschlag
    lz = round_half_up_cent(Fraction(gesamt) * Fraction("0.15"))
    assert neu["stufen"][0]["leistungszuschlag_m"] == float(Decimal(lz) / 100)
    assert neu["stufen"][0]["eigenanteil_m"] == float(Decimal(gesamt - lz) / 100)
    # the home figures differ from 2023
    assert [s["eigenanteil_m"] for s in neu["stufen"]] != [s["eigenanteil_m"] for s in alt["stufen"]]
    # U+V+Invest+Bekleidung 1.327,90 carried with vdek U+V+Invest: 1.589 / 1.399
    sonstige = round_half_up_cent(Fraction(132790) * Fraction(1589, 1399))
    assert neu["stufen"][0]["eigenbeteiligung_gesamt_m"] == float(Decimal(gesamt - lz + sonstige) / 100)
    # the Präsenzkraft rate 22,50 € with the Pflegemindestlohn 13,70 € (09/2022) -> 16,10 € (07/2025)
    satz = round_half_up_cent(Fraction(2250) * Fraction(1610, 1370))
    assert satz == 2644
    assert neu["wg"]["praesenzkraft_m"] == float(Decimal(36 * 30 * satz) / 12 / 100)


def round_half_up_cent(x: Fraction) -> int:
    return int((2 * x.numerator + x.denominator) // (2 * x.denominator))


def test_abgleich_unveraendert(capsys):
    assert main(["abgleich"]) == 0
    assert "Gesamt: 144 Zellen, 138 stimmen, 6 bekannte Abweichungen, 0 unerklärt." in capsys.readouterr().out


def test_stichtag_2027_mit_warnung(capsys):
    d, err = fall_json(capsys, "--stichtag", "2027-02-01", "--einkommen", "1200", "--pflegegrad", "3")
    assert d["stichtag"] == "2027-02-01"
    assert d["rechtsstand"] == {
        "geprueft_bis": "2026-12-31", "ungeprueft": True,
        "hinweis": "Rechtsstand: Stichtag 01.02.2027 liegt nach dem 31.12.2026, bis zu dem die Rechtswerte geprüft "
                   "sind; es gelten die neuesten geprüften Werte",
        "praesenz_grundlage": d["wg"]["praesenz_grundlage"],
    }
    assert "Hinweis: Rechtsstand: Stichtag 01.02.2027 liegt nach dem 31.12.2026" in err
    # newest law: Regelbedarfsstufe 1 563 € -> Einkommensgrenze 2 × 563 + 515
    assert d["wg"]["einkommensgrenze_m"] == 1641.00


def test_nach_pruefstand_gelten_die_neuesten_werte():
    p26, p27 = load_parameters("2026-12-31"), load_parameters("2027-06-01")
    assert p27.werte == p26.werte and p27.ungeprueft and not p26.ungeprueft and p26.warnung() is None


def test_tpqg_stichtag_und_stunden():
    vorher, nachher = load_parameters("2026-02-28"), load_parameters("2026-03-01")
    assert wtpg.praesenzpflicht_gesetzlich(vorher) and not wtpg.praesenzpflicht_gesetzlich(nachher)
    # § 13 WTPG: the standard is a minimum; a contract of 12 h changes nothing
    assert wtpg.praesenzstunden_pro_tag(12, vorher, [12]).tolist() == [36]
    # TPQG: the contract counts; unknown -> the former standard (ANNAHME)
    assert wtpg.praesenzstunden_pro_tag([12, 12, 6], nachher, [12, None, None]).tolist() == [12, 36, 24]
    # 12 h × 30 days × 22,50 € / 12 residents = 675,00 €
    assert int(wtpg.praesenzkraft_kosten_m(12, 2250, 30, nachher, [12])[0]) == 67500


def test_szenario_praesenzstunden(capsys):
    lk = dataclasses.replace(load_landkreis(), index=None)  # prices fixed: only the hours change
    reg = load_wg_register(lk)
    voll = kreis(Szenario(stichtag=dt.date(2026, 6, 1)), lk, reg)
    zwoelf = kreis(szenario_aus_dict({"stichtag": dt.date(2026, 6, 1), "praesenz_stunden_tag": 12}), lk, reg)
    # WG 8 (6 places, 24 h under § 13) and WG 7 (12 places, 36 h): 12 h costs 1/2 and 1/3
    w_voll, w_12 = voll.wgs.set_index("nr"), zwoelf.wgs.set_index("nr")
    assert w_12.loc[8, "praesenzkraft_m"] * 2 == w_voll.loc[8, "praesenzkraft_m"] == 24 * 30 * 2250 // 6
    assert w_12.loc[7, "praesenzkraft_m"] * 3 == w_voll.loc[7, "praesenzkraft_m"] == 36 * 30 * 2250 // 12
    assert zwoelf.summe("mehrkosten_y") < voll.summe("mehrkosten_y")
    # before the TPQG the legal minimum holds: the scenario's 12 h do not lower the cost
    vor = kreis(szenario_aus_dict({"stichtag": dt.date(2025, 6, 1), "praesenz_stunden_tag": 12}), lk, reg)
    assert vor.summe("kosten_wg_y") == kreis(Szenario(stichtag=dt.date(2025, 6, 1)), lk, reg).summe("kosten_wg_y")


def test_registerspalte_praesenzstunden(tmp_path):
    lk = load_landkreis()
    text = lk.wg_register_datei.read_text(encoding="utf-8").splitlines()
    zeilen = [text[0] + ",praesenz_stunden_tag"] + [z + ("," + ("12" if z.startswith("8,") else "")) for z in text[1:]]
    (tmp_path / "wg.csv").write_text("\n".join(zeilen) + "\n", encoding="utf-8")
    reg = load_wg_register(tmp_path / "wg.csv")
    assert reg.set_index("nr").loc[8, "praesenz_stunden_tag"] == 12
    lk = dataclasses.replace(lk, index=None)
    r = kreis(Szenario(stichtag=dt.date(2026, 6, 1)), lk, reg).wgs.set_index("nr")
    assert r.loc[8, "praesenz_stunden_tag"] == 12 and r.loc[7, "praesenz_stunden_tag"] == 36
    assert r.loc[8, "praesenzkraft_m"] == 12 * 30 * 2250 // 6


def test_recht_befehl(capsys):
    assert main(["recht", "--stichtag", "2027-01-01", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    werte = {w["name"]: w for w in d["werte"]}
    assert d["geprueft_bis"] == "2026-12-31" and d["hinweis"].startswith("Rechtsstand: Stichtag 01.01.2027")
    assert werte["regelbedarfsstufe_1"]["wert"] == 563 and "BGBl" in werte["regelbedarfsstufe_1"]["fundstelle"]
    assert werte["praesenzpflicht_gesetzlich"]["wert"] == 0 and "ANNAHME" in werte["praesenzpflicht_gesetzlich"]["fundstelle"]
    assert main(["recht"]) == 0
    assert "leistungszuschlag_anteil (sgb_xi.yaml): 1: 5 %, 2: 25 %, 3: 45 %, 4: 70 %" in capsys.readouterr().out


def test_kreis_json_mit_preisen(capsys):
    assert main(["kreis", "--stichtag", "2026-06-01", "--json"]) == 0
    out, err = capsys.readouterr()
    d = json.loads(out)
    assert d["preise"]["fortgeschrieben"] is True and d["rechtsstand"]["ungeprueft"] is False
    assert "Hinweis: Preise:" in err and "Hinweis: Präsenzkraft: TPQG" in err


def test_datierte_kreiswerte(tmp_path):
    """A county amount given by dates: the entry in force applies; a list needs a source."""
    text = (load_landkreis().datei.read_text(encoding="utf-8")
            .replace("praesenzkraft_stundensatz: 22.50",
                     "praesenzkraft_stundensatz:\n    - {gilt_ab: 2023-01-01, wert: 22.50, quelle: Drucksache}\n"
                     "    - {gilt_ab: 2024-07-01, wert: 25.00, quelle: Vertrag 2024}"))
    (tmp_path / "k.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "landkreis_konstanz_wg.csv").write_text(load_landkreis().wg_register_datei.read_text(encoding="utf-8"), encoding="utf-8")
    lk = dataclasses.replace(load_landkreis(tmp_path / "k.yaml"), index=None)
    assert lk.zum(dt.date(2024, 6, 30)).praesenzkraft_stundensatz == 2250
    assert lk.zum(dt.date(2024, 7, 1)).praesenzkraft_stundensatz == 2500
    (tmp_path / "k.yaml").write_text(text.replace(", quelle: Vertrag 2024", ""), encoding="utf-8")
    with pytest.raises(ValueError, match=r"k.yaml: wg.praesenzkraft_stundensatz\[1\]: erwartet gilt_ab, wert und quelle"):
        load_landkreis(tmp_path / "k.yaml")


@pytest.fixture
def nur_zusammenfassung(monkeypatch):
    from pflegewg.bericht import pipeline

    monkeypatch.setattr(pipeline, "NOTEBOOKS", ("Zusammenfassung", "WG-Bestand"))


def test_bericht_2027_mit_warnung(nur_zusammenfassung, tmp_path, capsys):
    assert main(["bericht", "--sitzung", "2027-01-18", "--ausgabe", str(tmp_path)]) == 0
    html = (tmp_path / "2027-01-18" / "bericht.html").read_text(encoding="utf-8")
    assert "Rechtsstand: Stichtag 18.01.2027 liegt nach dem 31.12.2026, bis zu dem die Rechtswerte geprüft sind" in html
    assert "Preise: Werte der Kreisdatei ab 01.01.2023, fortgeschrieben mit" in html
    assert "TPQG ab 01.03.2026 (Datum ANNAHME)" in html


def test_faellig_mit_sitzung_2027(nur_zusammenfassung, tmp_path, capsys):
    daten = tmp_path / "daten"
    daten.mkdir()
    lk = load_landkreis()
    for quelle in (lk.datei, lk.wg_register_datei):
        (daten / quelle.name).write_bytes(quelle.read_bytes())
    (daten / "sitzungen.csv").write_text("datum,gremium,drucksache,stichtag\n2027-01-18,Sozialausschuss,2027/003,\n",
                                         encoding="utf-8")
    args = ["bericht", "--faellig", "--heute", "2027-01-10", "--daten", str(daten / lk.datei.name), "--ausgabe", str(tmp_path / "r")]
    assert main(args) == 0, capsys.readouterr().err
    assert (tmp_path / "r" / "2027-01-18" / "bericht.html").is_file()
