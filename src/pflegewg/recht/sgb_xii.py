"""SGB XII (Sozialhilfe): Barbetrag, Grundsicherungsbedarf, Einkommensgrenze, Einkommenseinsatz
and the county's share (Hilfe zur Pflege) in the home and in the WG.

Amounts are integer cents (numpy arrays or scalars); rates are exact decimals.
"""
from __future__ import annotations

from decimal import Decimal

import numpy as np

from ..basis.geld import (
    EingabeFehler,
    common_ratio,
    mul_div_half_up,
    mul_rate_half_up,
    pruefe_ganzzahl,
)
from .parameter import Parameterset
from .sgb_xi import PFLEGEGRADE, pruefe_pflegegrad


def pruefe_einkommen(einkommen_m) -> np.ndarray:
    """Net monthly income in cents, at least 0."""
    return pruefe_ganzzahl("einkommen (Cent)", einkommen_m, 0, None, "ab 0 Euro, ganze Cent")


def barbetrag_m(params: Parameterset) -> np.int64:
    """Barbetrag § 27b Abs. 3 S. 2 Nr. 1 SGB XII: 27 % der Regelbedarfsstufe 1, Cent/Monat."""
    return mul_rate_half_up(int(params.regelbedarfsstufe_1 * 100), params.barbetrag_anteil)


def grundsicherungsbedarf_einrichtung_m(warmmiete_m, params: Parameterset) -> np.ndarray:
    """Grundsicherungsbedarf in der Einrichtung (§ 27b Abs. 1, § 42 Nr. 1 und 4, § 45a SGB XII).

    Regelbedarfsstufe 3 + durchschnittliche Warmmiete eines Einpersonenhaushalts, Cent/Monat.
    Vom Bund erstattet, daher kein Kostenanteil des Landkreises.
    """
    return int(params.regelbedarfsstufe_3 * 100) + np.asarray(warmmiete_m, dtype=np.int64)


def bedarf_heim_m(eigenanteil_m, sonstige_heimkosten_m, barbetrag) -> np.ndarray:
    """Gesamtbedarf im Heim nach Leistungszuschlag: Eigenanteil + Unterkunft/Verpflegung/
    Investitionskosten/Bekleidung + Barbetrag, Cent/Monat."""
    return np.asarray(eigenanteil_m, dtype=np.int64) + np.asarray(sonstige_heimkosten_m, dtype=np.int64) + barbetrag


def anteil_landkreis_heim_m(bedarf_heim, grundsicherungsbedarf_m, einkommen_m) -> np.ndarray:
    """Kostenanteil des Landkreises im Pflegeheim (Hilfe zur Pflege, §§ 61 ff. SGB XII), Cent/Monat.

    max(0, Bedarf − max(Einkommen, Grundsicherungsbedarf)): das Einkommen deckt zuerst den
    (vom Bund erstatteten) Grundsicherungsbedarf, jeder Euro darüber mindert den Anteil.
    """
    einkommen_m = pruefe_einkommen(einkommen_m)
    gedeckt = np.maximum(einkommen_m, np.asarray(grundsicherungsbedarf_m, dtype=np.int64))
    return np.maximum(0, np.asarray(bedarf_heim, dtype=np.int64) - gedeckt)


def einkommensgrenze_m(unterkunftskosten_m, params: Parameterset) -> np.ndarray:
    """Einkommensgrenze § 85 Abs. 1 SGB XII: 2 × Regelbedarfsstufe 1 + Kosten der Unterkunft, Cent/Monat."""
    grundbetrag = int(params.einkommensgrenze_faktor * params.regelbedarfsstufe_1 * 100)
    return grundbetrag + np.asarray(unterkunftskosten_m, dtype=np.int64)


def pruefe_einsatzquote(einsatzquote, pflegegrad, params: Parameterset) -> None:
    """Einsatzquote 0 bis 1; bei Pflegegrad 4/5 höchstens 40 % (§ 87 Abs. 1 S. 3 SGB XII)."""
    hoechst = params.einsatzquote_hoechst_pg45
    for pg, f in zip(np.ravel(pflegegrad).tolist(), np.ravel(einsatzquote).tolist()):
        f = Decimal(str(f))
        if not Decimal(0) <= f <= Decimal(1):
            raise EingabeFehler(f"einsatzquote: {f} für Pflegegrad {pg} (erlaubt: 0 bis 1)")
        if pg in (4, 5) and f > hoechst:
            raise EingabeFehler(
                f"einsatzquote: {f} für Pflegegrad {pg} über der Grenze des § 87 Abs. 1 S. 3 SGB XII "
                f"(erlaubt: 0 bis {hoechst})"
            )


def einsatzquote_nach_pflegegrad(pflegegrad, einsatzquote: dict, params: Parameterset) -> tuple[np.ndarray, int]:
    """The county's Einsatzquote (§ 87 SGB XII) per case as (numerators, denominator), checked."""
    pg = pruefe_pflegegrad(pflegegrad)
    pruefe_einsatzquote([einsatzquote[p] for p in PFLEGEGRADE], list(PFLEGEGRADE), params)
    nums, den = common_ratio([einsatzquote[p] for p in PFLEGEGRADE])
    return nums[pg - 2], den


def einkommenseinsatz_m(einkommen_m, einkommensgrenze, quote: tuple[np.ndarray, int]) -> np.ndarray:
    """Einkommenseinsatz über der Einkommensgrenze (§ 87 Abs. 1 SGB XII), half-up auf Cent.

    `quote` = (Zähler, Nenner) der Einsatzquote, siehe `einsatzquote_nach_pflegegrad`.
    """
    einkommen_m = pruefe_einkommen(einkommen_m)
    ueber = np.maximum(0, einkommen_m - np.asarray(einkommensgrenze, dtype=np.int64))
    nums, den = quote
    return mul_div_half_up(ueber, nums, den)


def anteil_landkreis_wg_m(praesenzkraft_m, einkommenseinsatz) -> np.ndarray:
    """Kostenanteil des Landkreises in der Pflege-WG: Präsenzkraftkosten je Bewohner abzüglich
    des zumutbaren Einkommenseinsatzes (§§ 85, 87 SGB XII), nie unter 0, Cent/Monat."""
    return np.maximum(0, np.asarray(praesenzkraft_m, dtype=np.int64) - np.asarray(einkommenseinsatz, dtype=np.int64))


# --- Vollkosten in der Pflege-WG: häusliche Pflege, ein Einkommenseinsatz, Lebensunterhalt -----


def pflege_ueber_sachleistung_m(pflegerechnung_m, sachleistung_m, entlastung_m=0) -> np.ndarray:
    """Häusliche Pflege als Hilfe zur Pflege (§§ 63, 64b SGB XII): der Teil der Rechnung des
    Pflegedienstes, den Pflegesachleistung (§ 36 SGB XI) und – wo angerechnet – Entlastungsbetrag
    (§ 45b SGB XI) nicht decken; nachrangig nach § 63b Abs. 1 SGB XII, nie unter 0, Cent/Monat."""
    rest = (np.asarray(pflegerechnung_m, dtype=np.int64) - np.asarray(sachleistung_m, dtype=np.int64)
            - np.asarray(entlastung_m, dtype=np.int64))
    return np.maximum(0, rest)


def bedarf_hilfe_zur_pflege_wg_m(praesenzkraft_m, pflege_ueber_sachleistung, abzuege_m=0) -> np.ndarray:
    """Gesamter Bedarf an Hilfe zur Pflege in der WG (§ 61 ff. SGB XII): Präsenzkraft abzüglich
    angerechneter Leistungen (`abzuege_m`, nie unter 0) + häusliche Pflege über der Sachleistung,
    Cent/Monat. Ein Bedarf, auf den das Einkommen einmal eingesetzt wird (§§ 85, 87 SGB XII)."""
    p = np.maximum(0, np.asarray(praesenzkraft_m, dtype=np.int64) - np.asarray(abzuege_m, dtype=np.int64))
    return p + np.asarray(pflege_ueber_sachleistung, dtype=np.int64)


def lebensunterhalt_bedarf_wg_m(unterkunftskosten_m, params: Parameterset) -> np.ndarray:
    """Bedarf für den Lebensunterhalt in der WG (§ 27a Abs. 3, § 35 SGB XII): Regelbedarfsstufe 1
    (eigener Haushalt) + Kosten der Unterkunft und Heizung, Cent/Monat."""
    return int(params.regelbedarfsstufe_1 * 100) + np.asarray(unterkunftskosten_m, dtype=np.int64)


def hilfe_zum_lebensunterhalt_m(bedarf_m, einkommen_m) -> np.ndarray:
    """Hilfe zum Lebensunterhalt (§§ 19 Abs. 1, 27 ff. SGB XII): der Teil des Lebensunterhaltsbedarfs,
    den das Einkommen nicht deckt (Einkommen voll eingesetzt, § 82), Cent/Monat.

    Kosten des Landkreises nur für Leistungsberechtigte unter der Regelaltersgrenze, die nicht
    dauerhaft voll erwerbsgemindert sind; sonst ist es Grundsicherung (§ 41), die der Bund erstattet (§ 46a).
    """
    einkommen_m = pruefe_einkommen(einkommen_m)
    return np.maximum(0, np.asarray(bedarf_m, dtype=np.int64) - einkommen_m)
