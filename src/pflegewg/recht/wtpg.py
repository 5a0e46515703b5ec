"""WTPG / TPQG Baden-Württemberg: Präsenzkraft in anbietergestützten Wohngemeinschaften.

Up to the day before the TPQG entered into force, § 13 WTPG prescribes the presence hours
(24 h a day, 36 h with more than 8 residents). After it (parameter `praesenzpflicht_gesetzlich`
= 0) there is no statutory minimum: the hours are what each WG's contract says (register column
`praesenz_stunden_tag`), and where that is not known, the former § 13 standard is assumed.
"""
from __future__ import annotations

import numpy as np

from ..basis.geld import div_half_up, exakt_produkt, pruefe_ganzzahl, ratio
from .parameter import Parameterset


def pruefe_bewohner(bewohner, params: Parameterset) -> np.ndarray:
    """Bewohnerzahl 1 bis 12: mehr ist keine Wohngemeinschaft im Sinne des WTPG (§ 4 Abs. 2)."""
    hoechst = int(params.hoechstzahl_bewohner)
    zu_viele = np.any(np.asarray(bewohner) > hoechst)
    grund = " – mehr Bewohner sind keine Wohngemeinschaft nach § 4 Abs. 2 WTPG" if zu_viele else ""
    return pruefe_ganzzahl("bewohner", bewohner, 1, hoechst, f"1 bis {hoechst}", grund)


def praesenzpflicht_gesetzlich(params: Parameterset) -> bool:
    """Gilt § 13 WTPG (True) oder das TPQG ohne gesetzliche Präsenzpflicht (False) am Stichtag?"""
    return int(params.praesenzpflicht_gesetzlich) == 1


def praesenz_grundlage(params: Parameterset) -> str:
    """Die Rechtsgrundlage der Präsenzstunden am Stichtag, als ein deutscher Satzteil."""
    if praesenzpflicht_gesetzlich(params):
        return "§ 13 WTPG (gesetzliche Präsenzpflicht)"
    ab = params.quellen["praesenzpflicht_gesetzlich"].gilt_ab
    return (f"TPQG ab {ab:%d.%m.%Y} (Datum ANNAHME): keine gesetzliche Präsenzpflicht, Stunden laut Vertrag "
            "der WG; ohne Angabe ANNAHME: bisheriger Standard des § 13 WTPG")


def praesenzstunden_standard(bewohner, params: Parameterset) -> np.ndarray:
    """Präsenzstunden je Tag nach dem Standard des § 13 WTPG: 24, bei mehr als 8 Bewohnern 36."""
    n = pruefe_bewohner(bewohner, params)
    grund = int(params.praesenz_stunden_grund)
    zusatz = int(params.praesenz_stunden_zusatz)
    return np.where(n > int(params.praesenz_zusatz_ab_mehr_als), grund + zusatz, grund).astype(np.int64)


def praesenzstunden_pro_tag(bewohner, params: Parameterset, vertrag=None) -> np.ndarray:
    """Präsenzstunden je Tag: unter § 13 WTPG der gesetzliche Standard (24, über 8 Bewohnern 36),
    mindestens; unter dem TPQG die Stunden laut Vertrag der WG (`vertrag`, Stunden je Tag, 0–48;
    None oder <NA>: ANNAHME bisheriger Standard)."""
    standard = praesenzstunden_standard(bewohner, params)
    if vertrag is None:
        return standard
    vertrag = np.asarray(vertrag, dtype=object)
    bekannt = np.array([v is not None for v in np.ravel(vertrag)], dtype=bool).reshape(np.shape(vertrag))
    stunden = pruefe_ganzzahl("praesenz_stunden_tag", np.where(bekannt, vertrag, 0).astype(np.int64), 0, 48, "0 bis 48 Stunden je Tag")
    stunden = np.where(bekannt, stunden, standard)
    if praesenzpflicht_gesetzlich(params):
        return np.maximum(stunden, standard).astype(np.int64)
    return stunden.astype(np.int64)


def praesenzkraft_kosten_m(bewohner, stundensatz_cent, tage_pro_monat, params: Parameterset, vertrag=None) -> np.ndarray:
    """Präsenzkraftkosten je Bewohner und Monat (§ 13 WTPG bzw. Vertrag unter dem TPQG), half-up auf Cent.

    Stunden je Tag × Tage je Monat × Stundensatz / Bewohner; 12 Bewohner, 30 Tage, 22,50 €:
    36 × 30 × 22,50 / 12 = 2.025,00 €; 6 Bewohner: 2.700,00 €.
    """
    n = pruefe_bewohner(bewohner, params)
    stunden = praesenzstunden_pro_tag(n, params, vertrag)
    tage_num, tage_den = ratio(tage_pro_monat)
    # exact also for a copied 365/12 = 30.4166666666667 (numerator 3·10^14): see basis.geld
    gruppe = exakt_produkt(stunden, tage_num, np.asarray(stundensatz_cent, dtype=np.int64))
    return div_half_up(gruppe, exakt_produkt(n, tage_den))
