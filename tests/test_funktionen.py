"""One rule, one test: the cost functions with values from the law and the paper."""
import dataclasses
from decimal import Decimal

import numpy as np
import pytest

from pflegewg.basis.geld import EingabeFehler, as_cents, div_half_up, mul_rate_half_up
from pflegewg.modell.vergleich import (
    jahresbetrag_wie_drucksache_y,
    jahresbetrag_y,
    praesenzkraft_m,
    vergleich,
)
from pflegewg.recht import sgb_xi, sgb_xii, wtpg
from pflegewg.recht.parameter import load_parameters


def test_half_up_und_float_falle():
    # 1.741,55 × 0,70 = 1.219,085 → 1.219,09 (a float gives 1219.0849999...)
    assert mul_rate_half_up(174155, Decimal("0.70")) == 121909
    assert 1741.55 * 0.70 < 1219.085
    assert mul_rate_half_up(154778, Decimal("0.75")) == 116084  # 1.160,835 → 1.160,84
    assert list(div_half_up(np.array([-250, -249, 249, 250]), 100)) == [-3, -2, 2, 3]


def test_as_cents():
    assert as_cents("1800.5") == 180050
    assert list(as_cents(np.array([0, 1200]))) == [0, 120000]
    with pytest.raises(EingabeFehler, match="zwei Nachkommastellen"):
        as_cents("1.005")


@pytest.mark.parametrize("monate, stufe", [(0, 1), (12, 1), (13, 2), (24, 2), (25, 3), (36, 3), (37, 4), (120, 4)])
def test_leistungszuschlag_stufe(monate, stufe):
    assert sgb_xi.leistungszuschlag_stufe(monate) == stufe


def test_leistungszuschlag_stufe_negativ():
    with pytest.raises(EingabeFehler, match="monate_im_heim: -1 nicht erlaubt"):
        sgb_xi.leistungszuschlag_stufe(-1)


def test_leistungszuschlag_2024(p2024):
    lz = sgb_xi.leistungszuschlag_m(154778, np.array([1, 2, 3, 4]), p2024)
    assert list(lz) == [23217, 46433, 77389, 116084]  # 15/30/50/75 % of 1.547,78, half-up


@pytest.mark.parametrize("bewohner, euro", [(1, 16200), (6, 2700), (8, 2025), (9, 2700), (11, "2209.09"), (12, 2025)])
def test_praesenzkraft_je_bewohner(konstanz, p2023, bewohner, euro):
    assert praesenzkraft_m(konstanz, p2023, bewohner) == as_cents(str(euro))


def test_praesenzstunden(p2023):
    assert list(wtpg.praesenzstunden_pro_tag(np.arange(1, 13), p2023)) == [24] * 8 + [36] * 4


@pytest.mark.parametrize("bewohner", [0, 13, 20])
def test_bewohner_ausserhalb(p2023, bewohner):
    with pytest.raises(EingabeFehler, match=f"bewohner: {bewohner} nicht erlaubt \\(erlaubt: 1 bis 12\\)"):
        wtpg.praesenzstunden_pro_tag(bewohner, p2023)


def test_einkommensgrenze(konstanz):
    assert sgb_xii.einkommensgrenze_m(konstanz.wg_unterkunftskosten_m, load_parameters("2023-01-01")) == 151900
    assert sgb_xii.einkommensgrenze_m(konstanz.wg_unterkunftskosten_m, load_parameters("2024-01-01")) == 164100
    assert sgb_xii.einkommensgrenze_m(konstanz.wg_unterkunftskosten_m, load_parameters("2022-12-31")) == 141300


def test_grundsicherungsbedarf(konstanz, p2023):
    assert sgb_xii.grundsicherungsbedarf_einrichtung_m(konstanz.warmmiete_m, p2023) == 101000


def test_anteil_heim_einkommen_unter_grundsicherung(konstanz, p2023):
    """Income below the Grundsicherung need does not change the county's share."""
    r = vergleich(np.array([0, 50000, 101000]), 3, 1, p2023, konstanz)
    assert list(r["anteil_landkreis_heim_m"]) == [192383] * 3


def test_einkommenseinsatz_pg45(konstanz, p2023):
    r = vergleich(np.array([275000]), np.array([4]), 1, p2023, konstanz)
    assert r["einkommenseinsatz_m"][0] == 36930  # 30 % × (2.750 − 1.519)
    assert r["anteil_landkreis_wg_m"][0] == 165570


def test_pflegegrad_1_ist_fehler(konstanz, p2023):
    with pytest.raises(EingabeFehler, match="pflegegrad: 1 nicht erlaubt \\(erlaubt: 2 bis 5\\).*Pflegegrad 1 hat keinen Leistungszuschlag"):
        vergleich(0, 1, 1, p2023, konstanz)


def test_einkommen_negativ(konstanz, p2023):
    with pytest.raises(EingabeFehler, match="einkommen"):
        vergleich(-1, 3, 1, p2023, konstanz)


def test_einsatzquote_ueber_gesetzlicher_grenze(konstanz, p2023):
    quote = dict(konstanz.einsatzquote)
    quote[4] = Decimal("0.41")
    with pytest.raises(EingabeFehler, match=r"einsatzquote: 0.41 für Pflegegrad 4 .*§ 87 Abs. 1 S. 3 SGB XII \(erlaubt: 0 bis 0.40\)"):
        vergleich(0, 3, 1, p2023, konstanz, einsatzquote=quote)
    quote[4] = Decimal("0.40")
    assert vergleich(0, 4, 1, p2023, konstanz, einsatzquote=quote)["anteil_landkreis_wg_m"] == 202500


def test_jahresbetraege():
    assert jahresbetrag_y(55461) == 665532
    assert jahresbetrag_wie_drucksache_y(55461) == 666000  # 12 × 555 €, as the paper


def test_stichtag_2024_vergroessert_luecke(konstanz):
    """From 2024 the higher Leistungszuschlag lowers the county's home share: the gap widens
    (law only: prices held at the county file's values, no Fortschreibung)."""
    konstanz = dataclasses.replace(konstanz, index=None)
    alt = vergleich(np.array([0, 120000]), 3, np.array([[1], [2], [3], [4]]), load_parameters("2023-12-31"), konstanz)
    neu = vergleich(np.array([0, 120000]), 3, np.array([[1], [2], [3], [4]]), load_parameters("2024-01-01"), konstanz)
    assert np.all(neu["mehrkosten_wg_m"] > alt["mehrkosten_wg_m"])
