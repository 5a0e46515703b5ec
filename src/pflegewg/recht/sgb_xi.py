"""SGB XI (Pflegeversicherung): Leistungszuschlag § 43c and pflegebedingter Eigenanteil.

All functions take integer-cent columns (numpy arrays or scalars) and a `Parameterset`.
"""
from __future__ import annotations

import numpy as np

from ..basis.geld import common_ratio, mul_div_half_up, pruefe_ganzzahl
from .parameter import Parameterset

PFLEGEGRADE = (2, 3, 4, 5)
STUFEN = (1, 2, 3, 4)


def pruefe_pflegegrad(pflegegrad) -> np.ndarray:
    """Pflegegrad 2 to 5 (§ 43c SGB XI knows no Leistungszuschlag for Pflegegrad 1)."""
    pg = np.asarray(pflegegrad)
    grund = " – Pflegegrad 1 hat keinen Leistungszuschlag nach § 43c SGB XI" if np.any(pg == 1) else ""
    return pruefe_ganzzahl("pflegegrad", pg, 2, 5, "2 bis 5", grund)


def pruefe_stufe(stufe) -> np.ndarray:
    """Leistungszuschlag-Stufe 1 to 4."""
    return pruefe_ganzzahl("stufe", stufe, 1, 4, "1 bis 4")


def leistungszuschlag_stufe(monate_im_heim) -> np.ndarray:
    """Stufe des Leistungszuschlags nach § 43c Abs. 1 SGB XI aus der Verweildauer in Monaten.

    1: bis einschließlich 12 Monate, 2: mehr als 12, 3: mehr als 24, 4: mehr als 36 Monate.
    """
    m = pruefe_ganzzahl("monate_im_heim", monate_im_heim, 0, None, "ganze Monate ab 0")
    return (1 + (m > 12) + (m > 24) + (m > 36)).astype(np.int64)


def pflegebedingte_aufwendungen_m(eee_m, ausbildungszuschlag_m) -> np.ndarray:
    """Pflegebedingte Aufwendungen im Heim (§ 43c SGB XI): EEE + Ausbildungszuschlag, Cent/Monat."""
    return np.asarray(eee_m, dtype=np.int64) + np.asarray(ausbildungszuschlag_m, dtype=np.int64)


def leistungszuschlag_anteil(stufe, params: Parameterset) -> tuple[np.ndarray, int]:
    """Anteil des Leistungszuschlags § 43c Abs. 1 SGB XI je Stufe, als (Zähler, Nenner)."""
    stufe = pruefe_stufe(stufe)
    tabelle = params.leistungszuschlag_anteil
    nums, den = common_ratio([tabelle[s] for s in STUFEN])
    return nums[stufe - 1], den


def leistungszuschlag_m(aufwendungen_m, stufe, params: Parameterset) -> np.ndarray:
    """Leistungszuschlag § 43c SGB XI: Aufwendungen × Anteil der Stufe, half-up auf Cent."""
    nums, den = leistungszuschlag_anteil(stufe, params)
    return mul_div_half_up(np.asarray(aufwendungen_m, dtype=np.int64), nums, den)


def pflegebedingter_eigenanteil_m(aufwendungen_m, stufe, params: Parameterset) -> np.ndarray:
    """Pflegebedingter Eigenanteil nach Leistungszuschlag (§ 43c SGB XI), Cent/Monat.

    Aufwendungen × (1 − Anteil), half-up auf Cent, wie die Drucksache rechnet
    (1.547,78 × 0,75 = 1.160,835 → 1.160,84).
    """
    nums, den = leistungszuschlag_anteil(stufe, params)
    return mul_div_half_up(np.asarray(aufwendungen_m, dtype=np.int64), den - nums, den)


def wohngruppenzuschlag_m(bewohner, params: Parameterset) -> np.ndarray:
    """Wohngruppenzuschlag § 38a Abs. 1 SGB XI je Bewohner, Cent/Monat.

    Der Pauschbetrag (214 € bis 2024, 224 € ab 2025), wenn die Wohngruppe 3 bis 12 Personen hat
    (mindestens zwei und höchstens elf weitere, § 38a Abs. 1 S. 1 Nr. 1); sonst 0. Alle Bewohner
    einer Pflege-WG gelten hier als pflegebedürftig.
    """
    n = pruefe_ganzzahl("bewohner", bewohner, 0, None, "ab 0")
    betrag = int(params.wohngruppenzuschlag * 100)
    in_gruppe = (n >= int(params.wohngruppenzuschlag_personen_mindestens)) & (
        n <= int(params.wohngruppenzuschlag_personen_hoechstens)
    )
    return np.where(in_gruppe, betrag, 0).astype(np.int64)


# --- häusliche Pflege in der Wohngruppe: Sachleistung, Entlastungsbetrag, Umwandlung -----------


def pflegesachleistung_m(pflegegrad, params: Parameterset) -> np.ndarray:
    """Pflegesachleistung § 36 Abs. 3 SGB XI: Höchstbetrag je Kalendermonat nach Pflegegrad, Cent/Monat."""
    pg = pruefe_pflegegrad(pflegegrad)
    tabelle = np.array([int(params.pflegesachleistung[g] * 100) for g in PFLEGEGRADE], dtype=np.int64)
    return tabelle[pg - 2]


def entlastungsbetrag_m(params: Parameterset) -> np.int64:
    """Entlastungsbetrag § 45b Abs. 1 SGB XI (125 €, ab 2025 131 €), Cent/Monat."""
    return np.int64(int(params.entlastungsbetrag * 100))


def pruefe_umwandlungsanteil(anteil, params: Parameterset):
    """Anteil der umgewandelten Pflegesachleistung: 0 bis 40 % (§ 45a Abs. 4 S. 1 SGB XI)."""
    from decimal import Decimal

    from ..basis.geld import EingabeFehler

    hoechst = params.umwandlung_hoechstanteil
    try:
        a = Decimal(str(anteil))
    except Exception:  # noqa: BLE001 – any non-number is the same input error
        a = None
    if a is None or not a.is_finite() or not Decimal(0) <= a <= hoechst:
        raise EingabeFehler(f"umwandlung_anteil: {str(anteil)[:20]} nicht erlaubt (erlaubt: 0 bis {hoechst}, § 45a Abs. 4 S. 1 SGB XI)")
    return a


def umwandlungsbetrag_m(pflegegrad, anteil, pflegerechnung_m, params: Parameterset) -> np.ndarray:
    """Umwandlungsbetrag § 45a Abs. 4 SGB XI: der Teil der Pflegesachleistung, der für ein anerkanntes
    Angebot zur Unterstützung im Alltag (hier: die Präsenz der WG) verwendet werden kann, Cent/Monat.

    Höchstens `anteil` (bis 40 %) des Sachleistungsbetrags, half-up auf Cent, und nur soweit die
    Sachleistung nicht für die Pflege selbst verbraucht wird (§ 45a Abs. 4 S. 1: „soweit für den
    entsprechenden Leistungsbetrag in dem jeweiligen Kalendermonat keine ambulanten
    Pflegesachleistungen bezogen worden sind“): min(anteil × Sachleistung, max(0, Sachleistung − Pflegerechnung)).
    """
    anteil = pruefe_umwandlungsanteil(anteil, params)
    s = pflegesachleistung_m(pflegegrad, params)
    num, den = common_ratio([anteil])
    hoechst = mul_div_half_up(s, int(num[0]), den)
    frei = np.maximum(0, s - np.asarray(pflegerechnung_m, dtype=np.int64))
    return np.minimum(hoechst, frei).astype(np.int64)
