"""WTPG Baden-Württemberg: Präsenzkraft in anbietergestützten Wohngemeinschaften (§ 13 WTPG)."""
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


def praesenzstunden_pro_tag(bewohner, params: Parameterset) -> np.ndarray:
    """Präsenzstunden je Tag nach § 13 WTPG: 24, bei mehr als 8 Bewohnern zusätzlich 12."""
    n = pruefe_bewohner(bewohner, params)
    grund = int(params.praesenz_stunden_grund)
    zusatz = int(params.praesenz_stunden_zusatz)
    return np.where(n > int(params.praesenz_zusatz_ab_mehr_als), grund + zusatz, grund).astype(np.int64)


def praesenzkraft_kosten_m(bewohner, stundensatz_cent, tage_pro_monat, params: Parameterset) -> np.ndarray:
    """Präsenzkraftkosten je Bewohner und Monat (§ 13 WTPG), half-up auf Cent.

    Stunden je Tag × Tage je Monat × Stundensatz / Bewohner; 12 Bewohner, 30 Tage, 22,50 €:
    36 × 30 × 22,50 / 12 = 2.025,00 €; 6 Bewohner: 2.700,00 €.
    """
    n = pruefe_bewohner(bewohner, params)
    stunden = praesenzstunden_pro_tag(n, params)
    tage_num, tage_den = ratio(tage_pro_monat)
    # exact also for a copied 365/12 = 30.4166666666667 (numerator 3·10^14): see basis.geld
    gruppe = exakt_produkt(stunden, tage_num, np.asarray(stundensatz_cent, dtype=np.int64))
    return div_half_up(gruppe, exakt_produkt(n, tage_den))
