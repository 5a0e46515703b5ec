"""Zeitstand: what a result for a Stichtag rests on, said once for every output.

The law may be used after the date up to which its files were checked (`Parameterset.warnung`),
and the county's prices may be carried forward or lie after the Stichtag (`Landkreisdaten.preise`).
`hinweise` gives the German lines for stderr and the report's title block; `rechtsstand_json`
and `Preisstand.json` the fields of every JSON output.
"""
from __future__ import annotations

from ..recht import wtpg
from ..recht.parameter import Parameterset
from .landkreis import Landkreisdaten


def hinweise(params: Parameterset, landkreis: Landkreisdaten) -> list[str]:
    """German lines the user must see for this Stichtag (empty when nothing is carried or assumed)."""
    zeilen = []
    warnung = params.warnung()
    if warnung:
        zeilen.append(warnung)
    preise = landkreis.zum(params.stichtag).preise
    if preise.fortgeschrieben or preise.vor_stand:
        zeilen.append(preise.text())
    if not wtpg.praesenzpflicht_gesetzlich(params):
        zeilen.append(f"Präsenzkraft: {wtpg.praesenz_grundlage(params)}")
    return zeilen


def rechtsstand_json(params: Parameterset) -> dict:
    """The law's checked date and the warning, for JSON outputs."""
    return {
        "geprueft_bis": params.geprueft_bis.isoformat(),
        "ungeprueft": params.ungeprueft,
        "hinweis": params.warnung(),
        "praesenz_grundlage": wtpg.praesenz_grundlage(params),
    }
