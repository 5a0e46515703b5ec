"""County model (issue 4): Präsenzkraft per WG by § 13 WTPG, exact sums, the direction of every
scenario input, scenario files, Monte Carlo, tornado, break-even and `pflegewg kreis`."""
import dataclasses
import json
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from pflegewg.basis.geld import EingabeFehler
from pflegewg.cli import main
from pflegewg.kreis.kreismodell import (
    BETRAGSSPALTEN,
    anbietergestuetzte_wgs,
    bewohner_bei_belegung,
    erwarteter_anteil_heim_m,
    erwarteter_anteil_wg_m,
    half_up,
    kreis,
)
from pflegewg.kreis.risiko import (
    break_even_einkommen_m,
    break_even_stundensatz,
    break_even_tabelle,
    monte_carlo,
    monte_carlo_band,
    tornado,
    wg_guenstiger_bis_einkommen_m,
)
from pflegewg.kreis.szenario import (
    FELDER,
    QUELLEN,
    STUFEN_MISCHUNGEN,
    Szenario,
    dreieck_verteilung,
    load_szenario,
    pflegegrad_verteilung_mit_anteil_pg45,
    szenario_aus_dict,
    szenario_tabelle,
)
from pflegewg.modell.landkreis import load_landkreis, load_wg_register
from pflegewg.modell.vergleich import vergleich
from pflegewg.recht.parameter import load_parameters

BEISPIEL = load_landkreis().datei.parent / "szenario_beispiel.yaml"


@pytest.fixture(scope="module")
def lk():
    return load_landkreis()


@pytest.fixture(scope="module")
def reg(lk):
    return load_wg_register(lk)


def wg(ergebnis, nr):
    return ergebnis.wgs.set_index("nr").loc[nr]


def summe(s, lk, reg, groesse="mehrkosten_y", gruppe="alle"):
    return kreis(s, lk, reg).summe(groesse, gruppe)


# --- § 13 WTPG per WG ------------------------------------------------------------------------


def test_praesenzkraft_je_wg_nach_bewohnern(lk, reg):
    r = kreis(Szenario(geplante_wgs=True), lk, reg)
    p = r.wgs.set_index("nr")["praesenzkraft_m"]
    assert p[7] == 202500  # 12 Bewohner: 36 h × 30 × 22,50 / 12 = 2.025,00 €
    assert p[8] == 270000  # 6 Bewohner: 24 h × 30 × 22,50 / 6 = 2.700,00 €
    assert p[9] == p[10] == p[11] == 202500  # 8 Bewohner: 24 h × 30 × 22,50 / 8
    assert list(r.wgs["status"]).count("geplant") == 6 and len(r.wgs) == 10


@pytest.mark.parametrize("belegung, bewohner, cent", [("0.75", 9, 270000), ("0.92", 11, 220909), ("1", 12, 202500)])
def test_praesenzkraft_bei_leerstand(lk, reg, belegung, bewohner, cent):
    w = wg(kreis(Szenario(belegung=Decimal(belegung)), lk, reg), 7)  # WG Unterdorf, EG: 12 Plätze
    assert (w["bewohner"], w["praesenzkraft_m"]) == (bewohner, cent)


def test_bewohner_half_up_mindestens_eins():
    assert list(bewohner_bei_belegung([6, 8, 6, 12], Decimal("0.25"))) == [2, 2, 2, 3]  # 1,5 -> 2
    assert list(bewohner_bei_belegung([8, 6, 12], Decimal("0.0625"))) == [1, 1, 1]  # 0,5 -> 1; 0,375 -> 1 (min)


def test_geplante_wg_ohne_plaetze_standard_und_szenario(lk, reg):
    r = kreis(Szenario(geplante_wgs=True), lk, reg).wgs.set_index("nr")
    assert r.loc[14, "plaetze"] == 12 and r.loc[14, "plaetze_angenommen"] and not r.loc[12, "plaetze_angenommen"]
    r6 = kreis(Szenario(geplante_wgs=True, plaetze_geplant=6), lk, reg).wgs.set_index("nr")
    assert (r6.loc[14, "plaetze"], r6.loc[14, "praesenzkraft_m"], r6.loc[12, "plaetze"]) == (6, 270000, 12)


# --- exact sums and expected values ------------------------------------------------------------


@pytest.mark.parametrize(
    "s",
    [Szenario(), Szenario(geplante_wgs=True, belegung=Decimal("0.8"), hzp_anteil=Decimal("0.37")),
     Szenario(stichtag="2025-06-30", wohngruppenzuschlag_anrechnen=True, modellprojekt_anteil=Decimal("0.3"), geplante_wgs=True)],
)
def test_summen_sind_summen_der_wgs(lk, reg, s):
    r = kreis(s, lk, reg)
    for k in BETRAGSSPALTEN:
        assert r.wgs[k].dtype == np.int64
        assert r.summen.loc["alle", k] == r.wgs[k].sum()
        assert r.summen.loc["bestehend", k] + r.summen.loc["geplant", k] == r.summen.loc["alle", k]
    assert (r.wgs["kosten_wg_y"] == 12 * r.wgs["kosten_wg_m"]).all()
    assert (r.wgs["mehrkosten_y"] == r.wgs["kosten_wg_y"] - r.wgs["kosten_heim_y"]).all()
    assert r.summen.loc["alle", "empfaenger_hzp"] == sum(r.wgs["empfaenger_hzp"])


def test_fall_1_der_drucksache_je_wg(lk, reg):
    """Alle Bewohner mit Hilfe zur Pflege, ohne Einkommen, PG 3, Stufe 1 (5 %): Fall 1 der Drucksache."""
    s = Szenario(hzp_anteil=Decimal(1), einkommen_verteilung={0: 1}, pflegegrad_verteilung={3: 1}, stufen_verteilung={1: 1})
    w = wg(kreis(s, lk, reg), 7)
    assert w["anteil_wg_je_empfaenger_m"] == 202500 and w["anteil_heim_je_empfaenger_m"] == 192383  # 3.011,22 − 77,39 − 1.010
    assert (w["kosten_wg_m"], w["kosten_heim_m"]) == (12 * 202500, 12 * 192383)
    assert w["mehrkosten_y"] == 12 * 12 * (202500 - 192383) == 1456848


def test_erwartungswert_von_hand(lk, reg):
    """Half with 1.200 €, half with 1.800 €, PG 3, 25 %: WG (2.025 + 1.772,10)/2, Heim (1.424,28 + 824,28)/2."""
    s = Szenario(hzp_anteil=Decimal("0.5"), einkommen_verteilung={120000: Decimal("0.5"), 180000: Decimal("0.5")},
                 pflegegrad_verteilung={3: 1}, stufen_verteilung={2: 1})
    w = wg(kreis(s, lk, reg), 9)  # 8 Bewohner, 4 Empfänger
    assert w["empfaenger_hzp"] == 4
    assert (w["kosten_wg_m"], w["kosten_heim_m"]) == (4 * 189855, 4 * 112428)


def test_erwartungswert_gleich_summe_ueber_alle_faelle(lk):
    """The vectorised exact expectation equals a case-by-case sum in Fractions (catches axis mix-ups)."""
    s = Szenario(einkommen_verteilung={0: Decimal("0.1"), 110000: Decimal("0.2"), 160000: Decimal("0.3"), 275000: Decimal("0.4")},
                 pflegegrad_verteilung={2: Decimal("0.1"), 3: Decimal("0.2"), 4: Decimal("0.3"), 5: Decimal("0.4")},
                 stufen_verteilung={1: Decimal("0.4"), 2: Decimal("0.3"), 3: Decimal("0.2"), 4: Decimal("0.1")})
    params = load_parameters(s.stichtag)
    e_wg = erwarteter_anteil_wg_m([250000], s, params, lk)[0]
    e_heim = erwarteter_anteil_heim_m(s, params, lk)
    soll_wg = soll_heim = Fraction(0)
    for ek, pe in s.einkommen_verteilung:
        for pg, pp in s.pflegegrad_verteilung:
            for st, ps in s.stufen_verteilung:
                r = vergleich(ek, pg, st, params, lk, praesenzkraft=250000)
                gewicht = Fraction(str(pe)) * Fraction(str(pp)) * Fraction(str(ps))
                soll_wg += gewicht * int(r["anteil_landkreis_wg_m"])
                soll_heim += gewicht * int(r["anteil_landkreis_heim_m"])
    assert (e_wg, e_heim) == (soll_wg, soll_heim)


def test_half_up():
    assert [half_up(Fraction(n, 2)) for n in (5, -5, 3, 1)] == [3, -3, 2, 1]
    assert half_up(Fraction(249, 100)) == 2 and half_up(Fraction(-251, 100)) == -3


def test_dreieck_verteilung_mittel_und_hoechst():
    v = dreieck_verteilung(275000, 120000)
    assert v.mittelwert() == 120000 and max(v.werte) < 275000 and min(v.werte) > 0
    gipfel = v.werte[int(np.argmax(v.gewichte))]
    assert gipfel == 85000  # 3 × 1.200 − 2.750
    assert Szenario().einkommen() == v


# --- every input moves the result the way the law says ----------------------------------------


def test_leerstand_erhoeht_kosten(lk, reg):
    voll, leer = kreis(Szenario(), lk, reg), kreis(Szenario(belegung=Decimal("0.8")), lk, reg)
    # fewer residents: the § 13 WTPG cost is shared by fewer heads (each WG stays in its staffing band)
    assert (leer.wgs["praesenzkraft_m"] > voll.wgs["praesenzkraft_m"]).all()
    assert (leer.wgs["mehrkosten_je_empfaenger_m"] > voll.wgs["mehrkosten_je_empfaenger_m"]).all()
    assert leer.summe("mehrkosten_y") > voll.summe("mehrkosten_y")
    assert leer.summe("kosten_wg_y") > voll.summe("kosten_wg_y")
    assert summe(Szenario(belegung=Decimal("0.9")), lk, reg) > voll.summe("mehrkosten_y")


def test_leerstand_unter_neun_bewohnern_entfaellt_zweite_praesenzkraft(lk, reg):
    """§ 13 WTPG: the second Präsenzkraft (12 h) only for more than 8 residents: 9 -> 8 lowers P."""
    neun = wg(kreis(Szenario(belegung=Decimal("0.75")), lk, reg), 7)
    acht = wg(kreis(Szenario(belegung=Decimal("0.7")), lk, reg), 7)
    assert (neun["bewohner"], acht["bewohner"]) == (9, 8)
    assert (neun["praesenzkraft_m"], acht["praesenzkraft_m"]) == (270000, 202500)


def test_wohngruppenzuschlag_senkt_kosten(lk, reg):
    ohne, mit = kreis(Szenario(), lk, reg), kreis(Szenario(wohngruppenzuschlag_anrechnen=True), lk, reg)
    assert (mit.wgs["praesenzkraft_verbleibend_m"] == ohne.wgs["praesenzkraft_m"] - 21400).all()
    assert mit.summe("kosten_wg_y") < ohne.summe("kosten_wg_y")
    assert mit.summe("mehrkosten_y") < ohne.summe("mehrkosten_y")
    assert mit.summe("kosten_heim_y") == ohne.summe("kosten_heim_y")
    w2025 = kreis(Szenario(stichtag="2025-01-01", wohngruppenzuschlag_anrechnen=True), lk, reg)
    assert (w2025.wgs["wohngruppenzuschlag_m"] == 22400).all()  # 224 € ab 2025


def test_wohngruppenzuschlag_erst_ab_drei_personen(lk, reg):
    s = Szenario(belegung=Decimal("0.3"), wohngruppenzuschlag_anrechnen=True)  # 6 × 0,3 = 1,8 -> 2 Bewohner
    w = wg(kreis(s, lk, reg), 8)
    assert (w["bewohner"], w["wohngruppenzuschlag_m"]) == (2, 0)
    assert wg(kreis(s, lk, reg), 7)["wohngruppenzuschlag_m"] == 21400  # 12 × 0,3 = 3,6 -> 4


def test_stichtag_2024_vergroessert_abstand(lk, reg):
    """Law only: prices held at the county file's values (no Fortschreibung)."""
    lk = dataclasses.replace(lk, index=None)
    m2023 = kreis(Szenario(stichtag="2023-12-31"), lk, reg)
    m2024 = kreis(Szenario(stichtag="2024-01-01"), lk, reg)
    assert m2024.summe("mehrkosten_y") > m2023.summe("mehrkosten_y")
    assert m2024.summe("kosten_heim_y") < m2023.summe("kosten_heim_y")  # Leistungszuschlag 15/30/50/75 %
    assert (m2024.wgs["mehrkosten_je_empfaenger_m"] > m2023.wgs["mehrkosten_je_empfaenger_m"]).all()


def test_modellvorhaben_senkt_kosten(lk, reg):
    werte = [summe(Szenario(modellprojekt_anteil=Decimal(a)), lk, reg) for a in ("0", "0.25", "0.5", "1")]
    assert werte == sorted(werte, reverse=True) and len(set(werte)) == 4
    r = kreis(Szenario(modellprojekt_anteil=Decimal(1)), lk, reg)
    assert r.summe("kosten_wg_y") == 0 and r.summe("mehrkosten_y") == -r.summe("kosten_heim_y")


def test_geplante_wgs_erhoehen_kosten(lk, reg):
    zu, auf = kreis(Szenario(geplante_wgs=False), lk, reg), kreis(Szenario(geplante_wgs=True), lk, reg)
    assert auf.summe("mehrkosten_y") > zu.summe("mehrkosten_y")
    assert auf.summe("mehrkosten_y", "bestehend") == zu.summe("mehrkosten_y", "bestehend")
    assert zu.summe("mehrkosten_y", "geplant") == 0 and auf.summe("mehrkosten_y", "geplant") > 0


def test_weitere_eingaben_richtung(lk, reg):
    basis = summe(Szenario(), lk, reg)
    assert summe(Szenario(hzp_anteil=Decimal("0.5")), lk, reg) > basis > summe(Szenario(hzp_anteil=Decimal("0.2")), lk, reg)
    assert summe(Szenario(hzp_anteil=Decimal(0)), lk, reg) == 0
    assert summe(Szenario(praesenzkraft_stundensatz=2500), lk, reg) > basis > summe(Szenario(praesenzkraft_stundensatz=2000), lk, reg)
    assert summe(Szenario(heim="teuerste"), lk, reg) < basis  # the dearer home costs the county more
    # Drucksache: "Je höher das Einkommen des Leistungsberechtigten ist, desto höher ist die Kostendifferenz."
    assert summe(Szenario(einkommen_mittel_m=140000), lk, reg) > basis > summe(Szenario(einkommen_mittel_m=100000), lk, reg)
    # § 87 Abs. 1 S. 3 SGB XII: PG 4/5 keep at least 60 % of the income above the limit
    viel_pg45 = Szenario(pflegegrad_verteilung=pflegegrad_verteilung_mit_anteil_pg45(Decimal("0.8")))
    assert summe(viel_pg45, lk, reg, "kosten_wg_y") > summe(Szenario(), lk, reg, "kosten_wg_y")
    # § 43c SGB XI: longer stays, higher Leistungszuschlag, cheaper home, larger gap
    kurz = Szenario(stufen_verteilung=STUFEN_MISCHUNGEN["kurze Verweildauer"])
    lang = Szenario(stufen_verteilung=STUFEN_MISCHUNGEN["lange Verweildauer"])
    assert summe(lang, lk, reg) > basis > summe(kurz, lk, reg)


# --- scenario files and errors -----------------------------------------------------------------


def test_beispieldatei(lk):
    s = load_szenario(BEISPIEL)
    assert s.stichtag.isoformat() == "2025-01-01" and s.wohngruppenzuschlag_anrechnen and s.geplante_wgs
    assert s.praesenzkraft_stundensatz == 2250 and s.einkommen_mittel_m == 120000 and s.hzp_anteil == Decimal("0.33")
    assert set(FELDER) == set(QUELLEN)
    tab = szenario_tabelle(s, lk)
    assert list(tab.index) == list(FELDER) and tab["Quelle"].str.len().min() > 10


def test_standardwerte_belegt_oder_annahme():
    for feld in ("hzp_anteil", "pflegegrad_verteilung", "stufen_verteilung", "plaetze_geplant"):
        assert QUELLEN[feld].startswith("ANNAHME")
    for feld in ("einkommen_mittel_m", "einkommen_hoechst_m"):
        assert "Drucksache" in QUELLEN[feld]


@pytest.mark.parametrize(
    "daten, meldung",
    [
        ({"belegun": 0.9}, "unbekannter Schlüssel 'belegun' (erlaubt: stichtag,"),
        ({"belegung": Decimal("1.5")}, "belegung: 1.5 nicht erlaubt (erlaubt: über 0 bis 1)"),
        ({"belegung": 0}, "belegung: 0 nicht erlaubt (erlaubt: über 0 bis 1)"),
        ({"hzp_anteil": Decimal("-0.1")}, "hzp_anteil: -0.1 nicht erlaubt (erlaubt: 0 bis 1)"),
        ({"modellprojekt_anteil": "viel"}, "modellprojekt_anteil: 'viel' ist keine Zahl"),
        ({"praesenzkraft_stundensatz": 2250}, "praesenzkraft_stundensatz: 2.250,00\u00a0€ je Stunde nicht erlaubt (erlaubt: 0 bis 200,00"),
        ({"praesenzkraft_stundensatz": Decimal("22.505")}, "praesenzkraft_stundensatz: Betrag"),
        ({"plaetze_geplant": 13}, "plaetze_geplant: 13 nicht erlaubt (erlaubt: 1 bis 12"),
        ({"geplante_wgs": "vielleicht"}, "geplante_wgs: 'vielleicht' nicht erlaubt (erlaubt: ja/nein"),
        ({"pflegegrad_verteilung": {1: Decimal("0.5"), 3: Decimal("0.5")}}, "pflegegrad_verteilung: Schlüssel 1 nicht erlaubt (erlaubt: Schlüssel 2, 3, 4, 5"),
        ({"pflegegrad_verteilung": {2: Decimal("0.5"), 3: Decimal("0.4")}}, "pflegegrad_verteilung: Summe der Anteile 0.9"),
        ({"stufen_verteilung": {5: 1}}, "stufen_verteilung: Schlüssel 5 nicht erlaubt"),
        ({"einkommen_mittel_m": 2000}, "einkommen_mittel_m: 2.000,00\u00a0€ nicht erlaubt (erlaubt bei Höchsteinkommen 2.750,00\u00a0€: 916,67\u00a0€ bis 1.833,33\u00a0€"),
        ({"einkommen_hoechst_m": 2755}, "einkommen_hoechst_m: 2.755,00\u00a0€ nicht erlaubt (erlaubt: 10,00\u00a0€ bis 20.000,00\u00a0€ in Schritten von 10,00\u00a0€)"),
        ({"einkommen_verteilung": {0: 1}, "einkommen_mittel_m": 1000}, "einkommen_verteilung: nicht zusammen mit"),
        ({"heim": "billigste"}, "heim: 'billigste' nicht erlaubt (erlaubt: durchschnitt, teuerste)"),
        ({"stichtag": "2021-12-31"}, "stichtag: 2021-12-31 liegt außerhalb"),
    ],
)
def test_falsches_szenario_nennt_schluessel_und_bereich(daten, meldung):
    with pytest.raises(EingabeFehler) as info:
        szenario_aus_dict(daten)
    assert meldung in str(info.value)


def test_replace_wird_geprueft():
    with pytest.raises(EingabeFehler, match="hzp_anteil: 2 nicht erlaubt"):
        dataclasses.replace(Szenario(), hzp_anteil=2)


def test_szenariodatei_fehler(tmp_path):
    (tmp_path / "liste.yaml").write_text("- 1\n- 2\n", encoding="utf-8")
    with pytest.raises(EingabeFehler, match="muss eine Zuordnung"):
        load_szenario(tmp_path / "liste.yaml")
    with pytest.raises(EingabeFehler, match="nicht gefunden"):
        load_szenario(tmp_path / "fehlt.yaml")


# --- Monte Carlo and tornado -------------------------------------------------------------------


def test_monte_carlo_fester_seed_und_band(lk, reg):
    a = monte_carlo(Szenario(), lk, reg, n=2000, seed=7)
    b = monte_carlo(Szenario(), lk, reg, n=2000, seed=7)
    c = monte_carlo(Szenario(), lk, reg, n=2000, seed=8)
    assert all(np.array_equal(a[k], b[k]) for k in a) and not np.array_equal(a["mehrkosten_y"], c["mehrkosten_y"])
    assert all(v.dtype == np.int64 for v in a.values())
    assert np.array_equal(a["mehrkosten_y"], a["kosten_wg_y"] - a["kosten_heim_y"])
    band = monte_carlo_band(Szenario(), lk, reg, n=20000)
    for k, z in band.iterrows():
        assert z["p10"] <= z["p50"] <= z["p90"]
        assert abs(z["mittel"] - z["erwartung"]) < 0.02 * z["erwartung"], k  # mean of the draws ≈ exact expectation


def test_monte_carlo_ohne_zufall_gleich_modell(lk, reg):
    """Full occupancy, everyone on HzP, one income/PG/tier: every draw is exactly the model's total."""
    s = Szenario(hzp_anteil=Decimal(1), einkommen_verteilung={180000: 1}, pflegegrad_verteilung={4: 1},
                 stufen_verteilung={3: 1}, geplante_wgs=True)
    z = monte_carlo(s, lk, reg, n=50)
    r = kreis(s, lk, reg)
    for k in ("kosten_wg_y", "kosten_heim_y", "mehrkosten_y"):
        assert (z[k] == r.summe(k)).all()
    assert (monte_carlo(Szenario(hzp_anteil=Decimal(0)), lk, reg, n=50)["kosten_wg_y"] == 0).all()


def test_tornado(lk, reg):
    t = tornado(Szenario(), lk, reg)
    basis = summe(Szenario(), lk, reg)
    assert (t["basis"] == basis).all()
    assert list(t["spannweite"]) == sorted(t["spannweite"], reverse=True)
    zeile = t.set_index("eingabe")
    assert zeile.loc["hzp_anteil", "ergebnis_hoch"] > basis > zeile.loc["hzp_anteil", "ergebnis_niedrig"]
    assert zeile.loc["belegung", "ergebnis_niedrig"] > zeile.loc["belegung", "ergebnis_hoch"] == basis
    assert zeile.loc["heim", "ergebnis_hoch"] < zeile.loc["heim", "ergebnis_niedrig"]
    assert {"praesenzkraft_stundensatz", "einkommen_mittel_m", "pflegegrad_verteilung", "stufen_verteilung"} <= set(zeile.index)


# --- break-even ---------------------------------------------------------------------------------


def _mehrkosten(einkommen, stufe, pg, lk, s=Szenario(), p=202500):
    return int(vergleich(einkommen, pg, stufe, load_parameters(s.stichtag), lk, heim=s.heim, praesenzkraft=p)["mehrkosten_wg_m"])


def test_break_even_einkommen(lk):
    # PG 2/3: the WG share falls to 0 at EG + P / 0,9 = 1.519 + 2.025 / 0,9 = 3.769 €; below it the WG costs more
    assert break_even_einkommen_m(1, 3, Szenario(), lk) == 376900
    assert _mehrkosten(376899, 1, 3, lk) > 0 and _mehrkosten(376900, 1, 3, lk) == 0
    # PG 4/5, Einsatzquote 0,3: 1.519 + 2.025 / 0,3 = 8.269 € (half-up: 8.268,99 already gives 0)
    assert break_even_einkommen_m(4, 5, Szenario(), lk) == 826899
    assert _mehrkosten(826898, 4, 5, lk) > 0 >= _mehrkosten(826899, 4, 5, lk)
    tab = break_even_tabelle(Szenario(), lk)
    assert len(tab) == 16 and (tab.loc[tab["pflegegrad"] <= 3, "ab_einkommen_m"] == 376900).all()


def test_break_even_mit_entlastung_und_ohne_einsatz(lk):
    s = Szenario(modellprojekt_anteil=Decimal("0.5"), wohngruppenzuschlag_anrechnen=True)  # P = 1.012,50 − 214 = 798,50
    assert break_even_einkommen_m(1, 3, s, lk) == 0  # never dearer at 5 %
    bis = wg_guenstiger_bis_einkommen_m(3, 4, s, lk)
    p = 79850
    assert _mehrkosten(bis, 3, 4, lk, s, p) <= 0 < _mehrkosten(bis + 1, 3, 4, lk, s, p)
    assert wg_guenstiger_bis_einkommen_m(1, 3, Szenario(), lk) is None  # without offsets dearer from 0 €
    ohne_einsatz = dataclasses.replace(lk, einsatzquote={2: 0, 3: 0, 4: 0, 5: 0})
    assert break_even_einkommen_m(1, 3, Szenario(), ohne_einsatz) is None


def test_break_even_stundensatz(lk):
    # 1.200 €, PG 3, 5 %: Heim 1.733,83 €, no income above the limit; P = 90 × Satz (12 Bewohner) -> 19,26 €/Std.
    satz = break_even_stundensatz(120000, 1, 3, Szenario(), lk)
    assert satz == 1926
    params = load_parameters("2023-01-01")
    from pflegewg.recht.wtpg import praesenzkraft_kosten_m

    def mehr(s):
        return _mehrkosten(120000, 1, 3, lk, p=int(praesenzkraft_kosten_m(12, s, 30, params)))

    assert mehr(1926) <= 0 < mehr(1927)
    assert break_even_stundensatz(120000, 4, 3, Szenario(), lk) < satz  # 70 %: the home is cheaper, lower rate
    assert break_even_stundensatz(0, 1, 3, Szenario(modellprojekt_anteil=Decimal(1)), lk) is None


# --- command line ------------------------------------------------------------------------------


def run(capsys, *args):
    code = main(["kreis", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_json(capsys):
    code, out, _ = run(capsys, "--json")
    assert code == 0
    d = json.loads(out, parse_float=Decimal)
    assert d["stichtag"] == "2023-01-01" and d["szenario"]["hzp_anteil"] == Decimal("0.33")
    assert [w["praesenzkraft_m"] for w in d["wgs"]] == [Decimal("2025.00"), Decimal("2700.00")] + [Decimal("2025.00")] * 8
    assert [w["status"] for w in d["wgs"]] == ["bestehend"] * 4 + ["geplant"] * 6 and d["wgs"][0]["name"] == "WG Unterdorf, EG"
    for k in ("kosten_wg_y", "kosten_heim_y", "mehrkosten_y"):
        assert d["summe"]["alle"][k] == sum(w[k] for w in d["wgs"])
        for gruppe in ("bestehend", "geplant"):
            assert d["summe"][gruppe][k] == sum(w[k] for w in d["wgs"] if w["status"] == gruppe)
        assert d["summe"]["alle"][k] == d["summe"]["bestehend"][k] + d["summe"]["geplant"][k]
    assert d["summe"]["bestehend"]["mehrkosten_y"] == Decimal("128561.40")
    assert set(d["wgs"][0]) >= {"name", "ort", "status", "bewohner", "praesenzkraft_m", "empfaenger_hzp", "kosten_wg_y", "kosten_heim_y", "mehrkosten_y"}
    assert '"praesenzkraft_m": 2025.00' in out


def test_cli_szenario_und_stichtag(capsys, tmp_path):
    datei = tmp_path / "s.yaml"
    datei.write_text("geplante_wgs: ja\nbelegung: 0.75\n", encoding="utf-8")
    _, out, _ = run(capsys, "--szenario", str(datei), "--json")
    d = json.loads(out, parse_float=Decimal)
    assert len(d["wgs"]) == 10 and d["wgs"][0]["bewohner"] == 9 and d["wgs"][0]["praesenzkraft_m"] == Decimal("2700.00")
    assert d["summe"]["geplant"]["mehrkosten_y"] > 0
    _, out24, _ = run(capsys, "--szenario", str(datei), "--stichtag", "2024-01-01", "--json")
    assert json.loads(out24, parse_float=Decimal)["summe"]["alle"]["mehrkosten_y"] > d["summe"]["alle"]["mehrkosten_y"]


def test_cli_text(capsys):
    code, out, _ = run(capsys)
    assert code == 0
    assert "2.025,00\u00a0€" in out and "2.700,00\u00a0€" in out and "Summe alle" in out and "ANNAHME" in out


@pytest.mark.parametrize(
    "inhalt, args, meldung",
    [
        ("belegun: 0.9\n", [], "unbekannter Schlüssel 'belegun'"),
        ("hzp_anteil: 1.5\n", [], "hzp_anteil: 1.5 nicht erlaubt (erlaubt: 0 bis 1)"),
        ("", ["--stichtag", "2021-12-31"], "stichtag: 2021-12-31 liegt außerhalb"),
        ("heim: billigste\n", [], "heim: 'billigste' nicht erlaubt"),
        ("[1, 2\n", [], "kein gültiges YAML"),
    ],
)
def test_cli_fehler_exit_2(capsys, tmp_path, inhalt, args, meldung):
    datei = tmp_path / "s.yaml"
    datei.write_text(inhalt, encoding="utf-8")
    code, out, err = run(capsys, "--szenario", str(datei), *args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and meldung in err


def test_wg_auswahl_luecken_im_register(reg):
    """The register's gaps as the county model reads them (numpy path, `_wg_spalten`): a missing
    name is the place, a missing place is empty, missing places of a WG are `plaetze_geplant`
    (flagged), missing contracted hours are None."""
    import pandas as pd

    r = reg.copy()
    zeile = {nr: i for i, nr in enumerate(r["nr"])}
    r.loc[zeile[7], "name"] = None
    r.loc[zeile[8], "ort"] = None
    r.loc[zeile[11], "plaetze"] = pd.NA
    r.loc[zeile[9], "praesenz_stunden_tag"] = 16
    w = anbietergestuetzte_wgs(r, True, 9).set_index("nr")
    assert list(w.index) == [7, 8, 9, 10, 11, 12, 13, 14, 15, 16]  # the anbietergestützte, planned included
    assert w.loc[7, "name"] == reg.loc[zeile[7], "ort"] and w.loc[8, "ort"] == ""
    assert (w.loc[11, "plaetze"], bool(w.loc[11, "plaetze_angenommen"])) == (9, True)
    assert (w.loc[12, "plaetze"], bool(w.loc[12, "plaetze_angenommen"])) == (reg.loc[zeile[12], "plaetze"], False)
    assert w.loc[9, "praesenz_stunden_vertrag"] == 16 and w.loc[10, "praesenz_stunden_vertrag"] is None
    assert list(anbietergestuetzte_wgs(r, False, 9)["nr"]) == [7, 8, 9, 10]
    typen = w.reset_index().dtypes
    assert (str(typen["nr"]), str(typen["plaetze"]), str(typen["plaetze_angenommen"])) == ("int64", "int64", "bool")
