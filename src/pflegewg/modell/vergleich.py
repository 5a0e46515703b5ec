"""Kostenvergleich Pflegeheim / Pflege-WG: the county's share in both and the Mehrkosten.

`vergleich` is the vectorised core: income, Pflegegrad and Stufe are columns (any shape that
broadcasts), the result is a dict of int64-cent columns. The table builders reproduce the
tables of Drucksache 2023/020 for any Stichtag and county file.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..basis.geld import div_half_up
from ..recht import sgb_xi, sgb_xii, wtpg
from ..recht.parameter import Parameterset
from .landkreis import Landkreisdaten

STUFEN = sgb_xi.STUFEN


def jahresbetrag_y(betrag_m) -> np.ndarray:
    """Betrag je Jahr: 12 × Monatsbetrag (Cent, exakt)."""
    return np.asarray(betrag_m, dtype=np.int64) * 12


def jahresbetrag_wie_drucksache_y(betrag_m) -> np.ndarray:
    """Betrag je Jahr wie in der Drucksache: 12 × auf volle Euro (half-up) gerundeter Monatsbetrag, Cent."""
    return div_half_up(betrag_m, 100) * 100 * 12


def mehrkosten_wg_m(anteil_wg_m, anteil_heim_m) -> np.ndarray:
    """Mehrkosten des Landkreises für einen WG-Platz gegenüber einem Heimplatz, Cent/Monat (kann < 0 sein)."""
    return np.asarray(anteil_wg_m, dtype=np.int64) - np.asarray(anteil_heim_m, dtype=np.int64)


def satz_label(params: Parameterset, stufe: int) -> str:
    """'5 %' etc.: the Leistungszuschlag share of a tier in German notation."""
    prozent = (params.leistungszuschlag_anteil[stufe] * 100).normalize()
    return f"{prozent:f}".replace(".", ",") + " %"


def praesenzkraft_m(landkreis: Landkreisdaten, params: Parameterset, bewohner=None) -> np.ndarray:
    """Präsenzkraftkosten je Bewohner (§ 13 WTPG) with the county's hourly rate and days."""
    landkreis = landkreis.zum(params.stichtag)
    bewohner = landkreis.bewohner_standard if bewohner is None else bewohner
    return wtpg.praesenzkraft_kosten_m(
        bewohner, landkreis.praesenzkraft_stundensatz, landkreis.praesenzkraft_tage_pro_monat, params
    )


def eigenbeteiligung_gesamt_m(eigenanteil_m, heim) -> np.ndarray:
    """Eigenbeteiligung im Heim, wie vdek sie zählt: pflegebedingter Eigenanteil nach dem
    Leistungszuschlag (mit Ausbildungsumlage, soweit die Kreisdaten sie enthalten) + Unterkunft und
    Verpflegung + Investitionskosten, vor der Sozialhilfe, Cent/Monat. Nennt die Kreisdatei die
    übrigen Heimkosten nur zusammen, zählt auch die Bekleidung mit."""
    return np.asarray(eigenanteil_m, dtype=np.int64) + heim.unterkunft_investition_m


def vergleich(
    einkommen_m,
    pflegegrad,
    stufe,
    params: Parameterset,
    landkreis: Landkreisdaten,
    heim: str = "durchschnitt",
    bewohner=None,
    praesenzkraft=None,
    einsatzquote: dict | None = None,
) -> dict[str, np.ndarray]:
    """County share in home and WG and the Mehrkosten, per case, in cents per month.

    einkommen_m: net income in cents (>= 0); pflegegrad 2..5; stufe 1..4 (Leistungszuschlag);
    bewohner: WG residents 1..12 (default: the county's standard); praesenzkraft: Präsenzkraft
    cost per resident in cents, if already computed (e.g. after an offset); einsatzquote:
    overrides the county's Einsatzquote by Pflegegrad.
    """
    pflegegrad = sgb_xi.pruefe_pflegegrad(pflegegrad)
    stufe = sgb_xi.pruefe_stufe(stufe)
    einkommen_m = sgb_xii.pruefe_einkommen(einkommen_m)
    landkreis = landkreis.zum(params.stichtag)
    h = landkreis.heim(heim)

    aufwendungen = sgb_xi.pflegebedingte_aufwendungen_m(h.eee_m, h.ausbildungszuschlag_m)
    lz = sgb_xi.leistungszuschlag_m(aufwendungen, stufe, params)
    eigenanteil = sgb_xi.pflegebedingter_eigenanteil_m(aufwendungen, stufe, params)
    bedarf = sgb_xii.bedarf_heim_m(eigenanteil, h.sonstige_heimkosten_m, sgb_xii.barbetrag_m(params))
    gs_bedarf = sgb_xii.grundsicherungsbedarf_einrichtung_m(landkreis.warmmiete_m, params)
    anteil_heim = sgb_xii.anteil_landkreis_heim_m(bedarf, gs_bedarf, einkommen_m)

    p = praesenzkraft_m(landkreis, params, bewohner) if praesenzkraft is None else np.asarray(praesenzkraft, dtype=np.int64)
    eg = sgb_xii.einkommensgrenze_m(landkreis.wg_unterkunftskosten_m, params)
    quote = sgb_xii.einsatzquote_nach_pflegegrad(pflegegrad, dict(einsatzquote or landkreis.einsatzquote), params)
    einsatz = sgb_xii.einkommenseinsatz_m(einkommen_m, eg, quote)
    anteil_wg = sgb_xii.anteil_landkreis_wg_m(p, einsatz)
    mehr = mehrkosten_wg_m(anteil_wg, anteil_heim)

    shape = np.broadcast_shapes(np.shape(einkommen_m), np.shape(pflegegrad), np.shape(stufe), np.shape(p))

    def col(x):
        return np.broadcast_to(np.asarray(x, dtype=np.int64), shape)

    return {
        "einkommen_m": col(einkommen_m),
        "pflegegrad": col(pflegegrad),
        "stufe": col(stufe),
        "aufwendungen_m": col(aufwendungen),
        "leistungszuschlag_m": col(lz),
        "eigenanteil_m": col(eigenanteil),
        "eigenbeteiligung_gesamt_m": col(eigenbeteiligung_gesamt_m(eigenanteil, h)),
        "bedarf_heim_m": col(bedarf),
        "grundsicherungsbedarf_m": col(gs_bedarf),
        "anteil_landkreis_heim_m": col(anteil_heim),
        "praesenzkraft_m": col(p),
        "einkommensgrenze_m": col(eg),
        "einkommenseinsatz_m": col(einsatz),
        "anteil_landkreis_wg_m": col(anteil_wg),
        "mehrkosten_wg_m": col(mehr),
        "mehrkosten_wg_y": col(jahresbetrag_y(mehr)),
    }


def vergleich_df(*args, **kwargs) -> pd.DataFrame:
    """`vergleich` as a DataFrame (one row per case, cent columns)."""
    return pd.DataFrame({k: np.ravel(v) for k, v in vergleich(*args, **kwargs).items()})


# --- the paper's tables ---------------------------------------------------------------------


def leistungszuschlag_tabelle(landkreis: Landkreisdaten, params: Parameterset, heim: str = "durchschnitt") -> pd.DataFrame:
    """Tabelle 'Kosten für pflegebedingte Aufwendungen' der Drucksache: Zeilen EEE,
    Ausbildungszuschlag, Gesamt, Leistungszuschlag, Eigenanteil; Spalten die vier Stufen (Cent)."""
    landkreis = landkreis.zum(params.stichtag)
    h = landkreis.heim(heim)
    stufen = np.array(STUFEN)
    gesamt = sgb_xi.pflegebedingte_aufwendungen_m(h.eee_m, h.ausbildungszuschlag_m)
    zeilen = {
        "EEE (einrichtungseinheitlicher Eigenanteil)": np.full(4, h.eee_m),
        "Ausbildungszuschlag": np.full(4, h.ausbildungszuschlag_m),
        "Gesamt": np.full(4, gesamt),
        "Leistungszuschlag": sgb_xi.leistungszuschlag_m(gesamt, stufen, params),
        "Eigenanteil pflegebedingte Aufwendungen": sgb_xi.pflegebedingter_eigenanteil_m(gesamt, stufen, params),
    }
    return pd.DataFrame(zeilen, index=[satz_label(params, s) for s in STUFEN]).T


def differenz_tabelle(
    landkreis: Landkreisdaten, params: Parameterset, heim: str = "durchschnitt", bewohner=None
) -> pd.DataFrame:
    """Tabelle 'Differenz Pflegeheim/Pflege WG' der Drucksache (Cent): Präsenzkraftkosten,
    Eigenanteil im Heim, Differenz je Monat und Mehrkosten je Jahr (wie die Drucksache:
    12 × auf volle Euro gerundete Monatsdifferenz)."""
    landkreis = landkreis.zum(params.stichtag)
    h = landkreis.heim(heim)
    stufen = np.array(STUFEN)
    gesamt = sgb_xi.pflegebedingte_aufwendungen_m(h.eee_m, h.ausbildungszuschlag_m)
    eigen = sgb_xi.pflegebedingter_eigenanteil_m(gesamt, stufen, params)
    p = np.full(4, praesenzkraft_m(landkreis, params, bewohner))
    diff = p - eigen
    zeilen = {
        "Kosten Präsenzkraft mtl.": p,
        "Pflegebedingte Aufwendungen im Heim mtl.": eigen,
        "Differenz Pflegeheim/Pflege-WG mtl.": diff,
        "Mehrkosten/Jahr": jahresbetrag_wie_drucksache_y(diff),
    }
    return pd.DataFrame(zeilen, index=[satz_label(params, s) for s in STUFEN]).T


def fall_tabelle(
    landkreis: Landkreisdaten,
    params: Parameterset,
    pflegegrad: int = 3,
    heim: str = "durchschnitt",
    bewohner=None,
    faelle=None,
) -> pd.DataFrame:
    """Fallbeispiele (Anlage 1/2): je Fall und Stufe der Anteil des Landkreises im Heim, in der
    WG und die Mehrkosten (Cent/Monat). Lange Tabelle, eine Zeile je Fall und Stufe."""
    faelle = landkreis.faelle if faelle is None else faelle
    einkommen = np.array([f.einkommen_m for f in faelle], dtype=np.int64)[:, None]
    stufen = np.array(STUFEN)[None, :]
    r = vergleich(einkommen, pflegegrad, stufen, params, landkreis, heim=heim, bewohner=bewohner)
    n = len(faelle)
    return pd.DataFrame(
        {
            "fall": np.repeat([f.nr for f in faelle], 4),
            "bezeichnung": np.repeat([f.bezeichnung for f in faelle], 4),
            "einkommen_m": r["einkommen_m"].ravel(),
            "pflegegrad": r["pflegegrad"].ravel(),
            "stufe": np.tile(STUFEN, n),
            "satz": [satz_label(params, s) for s in np.tile(STUFEN, n)],
            "anteil_landkreis_heim_m": r["anteil_landkreis_heim_m"].ravel(),
            "anteil_landkreis_wg_m": r["anteil_landkreis_wg_m"].ravel(),
            "mehrkosten_wg_m": r["mehrkosten_wg_m"].ravel(),
            "mehrkosten_wg_y": r["mehrkosten_wg_y"].ravel(),
        }
    )
