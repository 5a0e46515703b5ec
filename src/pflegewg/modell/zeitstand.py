"""Zeitstand: what a result for a Stichtag rests on, said once for every output.

The law may be used after the date up to which its files were checked (`Parameterset.warnung`),
and the county's prices may be carried forward or lie after the Stichtag (`Landkreisdaten.preise`).

The county data's age is said in two cases (`kreisdaten_hinweis`):
- the Stichtag lies before the county's values apply (before their first `gilt_ab`, for plain
  values the file's `gilt_ab`, else its `stand`): the oldest values are used (`Preisstand.vor_stand`);
- the Stichtag lies more than `VERALTET_JAHRE` (3) years after the county data's stand (the later of
  the file's `stand` and its newest dated value): prices carried forward with an index over more
  than three years, and the county values that are never carried (rent, WG accommodation, the
  Einsatzquote), are no longer a basis for a committee; the county file should be renewed.
`hinweise` gives the German lines for stderr and the report's title block; `rechtsstand_json`
and `Preisstand.json` the fields of every JSON output.
"""
from __future__ import annotations

import datetime as dt

from ..recht import wtpg
from ..recht.parameter import Parameterset
from .landkreis import Landkreisdaten


#: a Stichtag more than this many years after the county data's stand gets a warning
VERALTET_JAHRE = 3


def kreisdaten_stand(landkreis: Landkreisdaten) -> dt.date:
    """The county data's stand: the later of the file's `stand` and its newest dated value."""
    neueste = [reihe[-1].gilt_ab for reihe in landkreis.reihen.values() if reihe]
    return max([landkreis.stand, *neueste])


def kreisdaten_hinweis(landkreis: Landkreisdaten, stichtag: dt.date) -> str | None:
    """The warning for a Stichtag more than VERALTET_JAHRE years after the county data's stand."""
    stand = kreisdaten_stand(landkreis)
    try:
        grenze = stand.replace(year=stand.year + VERALTET_JAHRE)
    except ValueError:  # 29 February
        grenze = stand.replace(year=stand.year + VERALTET_JAHRE, day=28)
    if stichtag <= grenze:
        return None
    return (f"Kreisdaten veraltet: Stand {stand:%d.%m.%Y}, der Stichtag {stichtag:%d.%m.%Y} liegt mehr als "
            f"{VERALTET_JAHRE} Jahre danach; die Werte der Kreisdatei ({landkreis.datei.name}) prüfen und erneuern")


def hinweise(params: Parameterset, landkreis: Landkreisdaten) -> list[str]:
    """German lines the user must see for this Stichtag (empty when nothing is carried or assumed)."""
    zeilen = []
    warnung = params.warnung()
    if warnung:
        zeilen.append(warnung)
    preise = landkreis.zum(params.stichtag).preise
    if preise.fortgeschrieben or preise.vor_stand:
        zeilen.append(preise.text())
    veraltet = kreisdaten_hinweis(landkreis, params.stichtag)
    if veraltet:
        zeilen.append(veraltet)
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
