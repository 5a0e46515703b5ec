"""Finanzplanung (`pflegewg prognose`, `pflegewg.kreis.prognose`): values from hand computations."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import Decimal
from fractions import Fraction

import pytest

from pflegewg.basis.geld import EingabeFehler
from pflegewg.cli import main
from pflegewg.kreis import risiko
from pflegewg.kreis.kreismodell import half_up, kreis
from pflegewg.kreis.prognose import (
    eroeffnungsjahr,
    monate_zwischen,
    preise_im_jahr,
    prognose,
    standard_steigerungen,
    steigerungen,
    szenario_im_jahr,
    wachstumsfaktor,
)
from pflegewg.kreis.szenario import Szenario, load_szenario, szenario_aus_dict
from pflegewg.modell.landkreis import load_landkreis, load_wg_register

OHNE_JAHR = (12, 13, 14, 15)  # the four planned WGs of the paper's register without a year


@pytest.fixture(scope="module")
def lk():
    return load_landkreis()


@pytest.fixture(scope="module")
def standard(lk):
    return prognose(landkreis=lk, n=20_000)


def test_wachstum_exakt_nach_monaten():
    assert monate_zwischen(dt.date(2026, 1, 1), dt.date(2027, 7, 1)) == 18
    assert monate_zwischen(dt.date(2027, 7, 1), dt.date(2027, 7, 1)) == 0
    assert monate_zwischen(dt.date(2027, 7, 2), dt.date(2027, 7, 1)) == 0
    # 18 months at 9,4 %: one full year compound, half a year linear
    assert wachstumsfaktor(Decimal("0.094"), 18) == Fraction(1094, 1000) * Fraction(1047, 1000)
    assert wachstumsfaktor(Decimal("0.05"), 24) == Fraction(21, 20) ** 2
    assert wachstumsfaktor(Decimal("0.05"), 0) == 1


def test_standardraten_aus_den_beobachteten_reihen(lk):
    raten = standard_steigerungen(lk.index)
    # vdek BW, first year without Zuschlag: 01.01.2023 EEE 1.446 × bridge 1,08 + U/V 950 + Invest 449;
    # 01.01.2026 EEE 2.285,88 (with Ausbildung) + U/V 1.128 + Invest 461; three years
    heim = (2285.88 + 1128 + 461) / (1446 * 1.08 + 950 + 449)
    assert round(heim ** (1 / 3) - 1, 3) == pytest.approx(0.094)
    assert raten["preissteigerung_heim"].rate == Decimal("0.094")
    assert (raten["preissteigerung_heim"].reihe_von, raten["preissteigerung_heim"].reihe_bis) == (dt.date(2023, 1, 1), dt.date(2026, 1, 1))
    # Pflegemindestlohn 12,00 € (01.01.2022) -> 16,95 € (01.07.2027), 66 months
    assert round((16.95 / 12.00) ** (12 / 66) - 1, 3) == pytest.approx(0.065)
    assert raten["lohnsteigerung_praesenzkraft"].rate == Decimal("0.065")
    assert all(r.abgeleitet for r in raten.values())
    eigene = steigerungen(Szenario(preissteigerung_heim=Decimal("0.03")), lk)
    assert eigene["preissteigerung_heim"].rate == Decimal("0.03") and not eigene["preissteigerung_heim"].abgeleitet
    assert eigene["lohnsteigerung_praesenzkraft"].rate == Decimal("0.065")


def test_preise_nach_dem_letzten_index_stand_mit_rate(lk):
    raten = steigerungen(Szenario(), lk)
    tag = dt.date(2027, 7, 1)
    gewachsen, monate = preise_im_jahr(lk, tag, raten)
    # county EEE 1.414,84 € (20.01.2023) × vdek index 01.01.2026 / 01.01.2023 × 9,4 % for 18 months
    index = Fraction("2285.88") / (Fraction(1446) * Fraction("1.08"))
    erwartet = half_up(Fraction(141484) * index * Fraction(1094, 1000) * Fraction(1047, 1000))
    assert gewachsen.heim("durchschnitt").eee_m == erwartet
    assert monate["heime.durchschnitt.eee_m"] == 18
    # the wage index reaches 01.07.2027: no wage growth yet, the rate is zum()'s
    assert gewachsen.praesenzkraft_stundensatz == lk.zum(tag).praesenzkraft_stundensatz
    assert "wg.praesenzkraft_stundensatz" not in monate
    # not carried forward at all: warm rent, WG accommodation
    assert gewachsen.warmmiete_m == lk.zum(tag).warmmiete_m
    # within the observed index nothing grows: the snapshot is zum()'s
    assert preise_im_jahr(lk, dt.date(2025, 7, 1), raten) == (lk.zum(dt.date(2025, 7, 1)), {})


def test_stundensatz_des_szenarios_wird_fortgeschrieben(lk):
    s = Szenario(stichtag=dt.date(2025, 7, 1), praesenzkraft_stundensatz=2500, lohnsteigerung_praesenzkraft=Decimal("0.05"))
    s29, monate = szenario_im_jahr(s, lk, 2029, steigerungen(s, lk))
    # Pflegemindestlohn 16,10 € (01.07.2025) -> 16,95 € (01.07.2027), then 24 months at 5 %
    assert s29.praesenzkraft_stundensatz == half_up(Fraction(2500) * Fraction(1695, 1610) * Fraction(21, 20) ** 2)
    assert monate == 24 and s29.stichtag == dt.date(2029, 7, 1)


def test_jahr_im_beobachteten_bereich_gleich_kreis(lk, standard):
    # 2025: every WG open (the four without a year from 2023 + 2), prices within the index: exactly kreis()
    zeile = standard.jahre.set_index("jahr").loc[2025]
    r = kreis(Szenario(stichtag=dt.date(2025, 7, 1)), lk).summen.loc["alle"]
    for k in ("kosten_wg_y", "kosten_heim_y", "mehrkosten_y"):
        assert zeile[k] == r[k]
    assert zeile["wgs"] == 10
    band = risiko.monte_carlo_band(Szenario(stichtag=dt.date(2025, 7, 1)), lk, n=20_000).loc["mehrkosten_y"]
    assert (zeile["mehrkosten_p10_y"], zeile["mehrkosten_p50_y"], zeile["mehrkosten_p90_y"]) == (band["p10"], band["p50"], band["p90"])
    assert zeile["mehrkosten_p10_y"] < zeile["mehrkosten_p50_y"] < zeile["mehrkosten_p90_y"]


def test_geplante_wg_ab_ihrem_eroeffnungsjahr(lk, standard):
    register = load_wg_register(lk)
    jahre = standard.jahre.set_index("jahr")
    # 2023: 4 existing + nr 11 (2022/2023: from 2022) + nr 16 (2023/2024: from 2023); the four without a year not yet
    assert list(standard.ergebnisse[2023].wgs["nr"]) == [7, 8, 9, 10, 11, 16]
    r = kreis(Szenario(stichtag=dt.date(2023, 7, 1)), lk, register[~register["nr"].isin(OHNE_JAHR)]).summen.loc["alle"]
    assert jahre.loc[2023, "mehrkosten_y"] == r["mehrkosten_y"] and jahre.loc[2023, "wgs"] == 6
    # one year later for planned WGs without a year: they appear in 2026, not 2025
    spaeter = prognose(Szenario(eroeffnung_geplant_ohne_jahr=3), lk, von=2025, bis=2026, n=2_000)
    assert list(spaeter.jahre["wgs"]) == [6, 10]
    assert spaeter.wgs.set_index("nr").loc[12, "eroeffnung_angenommen"]
    # geplante_wgs: nein -> only the existing four in every year
    nur_bestand = prognose(Szenario(geplante_wgs=False), lk, n=2_000)
    assert set(nur_bestand.jahre["wgs"]) == {4}


def test_ohne_steigerung_bleibt_es_beim_letzten_index_stand(lk):
    s = Szenario(preissteigerung_heim=Decimal(0), lohnsteigerung_praesenzkraft=Decimal(0))
    p = prognose(s, lk, von=2028, bis=2028, n=2_000)
    r = kreis(dataclasses.replace(s, stichtag=dt.date(2028, 7, 1)), lk).summen.loc["alle"]
    assert p.jahre.loc[0, "mehrkosten_y"] == r["mehrkosten_y"]
    mit = prognose(Szenario(), lk, von=2028, bis=2028, n=2_000)
    assert mit.jahre.loc[0, "kosten_heim_y"] > p.jahre.loc[0, "kosten_heim_y"]
    assert mit.jahre.loc[0, "kosten_wg_y"] > p.jahre.loc[0, "kosten_wg_y"]


def test_eroeffnung_lesen():
    assert eroeffnungsjahr("2019") == 2019
    assert eroeffnungsjahr("2022/2023") == 2022
    assert eroeffnungsjahr("") is None and eroeffnungsjahr(None) is None
    with pytest.raises(EingabeFehler, match="Zeile 5: eroeffnung 'bald'.*JJJJ/JJJJ"):
        eroeffnungsjahr("bald", "register.csv: Zeile 5")
    with pytest.raises(EingabeFehler):
        eroeffnungsjahr("2024/2023")


def test_szenario_schluessel(tmp_path):
    datei = tmp_path / "s.yaml"
    datei.write_text("preissteigerung_heim: 0.03\nlohnsteigerung_praesenzkraft: 0.02\neroeffnung_geplant_ohne_jahr: 4\n")
    s = load_szenario(datei)
    assert (s.preissteigerung_heim, s.lohnsteigerung_praesenzkraft, s.eroeffnung_geplant_ohne_jahr) == (Decimal("0.03"), Decimal("0.02"), 4)
    with pytest.raises(EingabeFehler, match=r"preissteigerung_heim: 9.4 nicht erlaubt \(erlaubt: -0.2 bis 0.5"):
        szenario_aus_dict({"preissteigerung_heim": 9.4})
    with pytest.raises(EingabeFehler, match="eroeffnung_geplant_ohne_jahr: 31 nicht erlaubt"):
        szenario_aus_dict({"eroeffnung_geplant_ohne_jahr": 31})


def test_cli_json_bis_2030(capsys):
    assert main(["prognose", "--bis", "2030", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["von"], out["bis"]) == (2023, 2030)
    assert [j["jahr"] for j in out["jahre"]] == list(range(2023, 2031))
    pflicht = {"jahr", "kosten_wg_y", "kosten_heim_y", "mehrkosten_y", "mehrkosten_p10_y", "mehrkosten_p50_y", "mehrkosten_p90_y"}
    for j in out["jahre"]:
        assert pflicht <= j.keys()
        assert j["mehrkosten_y"] == pytest.approx(j["kosten_wg_y"] - j["kosten_heim_y"])
        assert j["mehrkosten_p10_y"] <= j["mehrkosten_p50_y"] <= j["mehrkosten_p90_y"]
    assert {"von", "bis", "szenario", "jahre"} <= out.keys()
    assert out["szenario"]["preissteigerung_heim"] == 0.094


def test_cli_json_zwei_nachkommastellen(capsys):
    assert main(["prognose", "--von", "2026", "--bis", "2026", "--json"]) == 0
    text = capsys.readouterr().out
    assert '"kosten_wg_y": ' in text
    zeile = next(z for z in text.splitlines() if '"mehrkosten_p50_y"' in z)
    assert zeile.strip().rstrip(",").split(": ")[1].split(".")[1].__len__() == 2


@pytest.mark.parametrize("argumente, option", [
    (["--von", "2026", "--bis", "2025"], "--bis"),
    (["--von", "2023", "--bis", "2040"], "--bis"),
    (["--von", "2050"], "--von"),
    (["--von", "zwanzig"], "--von"),
    (["--bis", "2030.5"], "--bis"),
])
def test_cli_falsche_eingabe(capsys, argumente, option):
    assert main(["prognose", *argumente]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"pflegewg: Fehler: {option}:") and "erlaubt" in err[0]


def test_cli_text_standard(capsys):
    assert main(["prognose"]) == 0
    captured = capsys.readouterr()
    zeilen = [z for z in captured.out.splitlines() if z[:4].isdigit()]
    assert [z[:4] for z in zeilen] == ["2023", "2024", "2025", "2026", "2027"]
    assert "9,4\u00a0% je Jahr (ANNAHME" in captured.out
    assert "ab 2027: Rechtsstand" in captured.err


def test_kosten_der_ziehungen_maske_je_wg_wie_je_empfaenger():
    """The plan's yearly Monte-Carlo sums per draw and WG, then over the open WGs, equal the sums
    over every recipient with a mask per recipient (the straightforward way), cent for cent."""
    import numpy as np

    from pflegewg.kreis.kreismodell import (anbietergestuetzte_wgs, anteil_heim_tabelle_m, anteil_wg_tabelle_m,
                                            eingaben, praesenzkraft_je_bewohner)

    s, lk, reg, params = eingaben(Szenario(geplante_wgs=True), None, None)
    wgs = anbietergestuetzte_wgs(reg, True, s.plaetze_geplant)
    z = risiko.ziehen(s, wgs["plaetze"].to_numpy(), n=400, seed=11)
    offen = np.arange(len(wgs)) % 3 != 0
    ergebnis = risiko.kosten_der_ziehungen(z, s, lk, params, offen)

    p_rest = praesenzkraft_je_bewohner(z.groessen, s, lk, params)["praesenzkraft_verbleibend_m"]
    maske = offen[z.wg_idx]
    wg = np.where(maske, anteil_wg_tabelle_m(p_rest, s, params, lk)[z.groesse_idx, z.ek, z.pg], 0)
    heim = np.where(maske, anteil_heim_tabelle_m(s, params, lk)[z.ek, z.sk], 0)
    ziehung = np.repeat(np.arange(z.n), z.empfaenger.sum(axis=1))
    wg_m, heim_m = np.zeros(z.n, dtype=np.int64), np.zeros(z.n, dtype=np.int64)
    np.add.at(wg_m, ziehung, wg)
    np.add.at(heim_m, ziehung, heim)
    assert wg_m.sum() > 0 and heim_m.sum() > 0 and (~offen).any()
    assert (ergebnis["kosten_wg_y"] == 12 * wg_m).all() and (ergebnis["kosten_heim_y"] == 12 * heim_m).all()
    assert (ergebnis["mehrkosten_y"] == 12 * (wg_m - heim_m)).all()
    alle = risiko.kosten_der_ziehungen(z, s, lk, params)
    assert (alle["kosten_wg_y"] >= ergebnis["kosten_wg_y"]).all() and (alle["kosten_wg_y"] > ergebnis["kosten_wg_y"]).any()
