"""Abgleich: the model held against every printed cell of a paper (the reference, package data
in `drucksache/`; today Drucksache 2023/020 of Landkreis Konstanz).

A county file that names the reference (`referenz: drucksache_2023_020`) gets the comparison in
its report; any other county's report neither runs nor cites it.

`abgleich()` returns one row per cell: model value, paper value, status (`stimmt`,
`bekannt` = a documented error of the paper, `abweichung` = unexplained) and the reason.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..basis import orte
from ..basis.dateien import load_yaml
from ..basis.geld import _one_as_cents, div_half_up
from ..recht.parameter import load_parameters
from .landkreis import REFERENZORDNER, Landkreisdaten, load_landkreis

if TYPE_CHECKING:
    import pandas as pd
# pandas and the tables of `vergleich` are imported where the Abgleich is computed: the report
# process asks only for the reference's name (`referenz`), and without pandas it starts faster

#: the reference of the Abgleich when none is named (the one paper the model is checked against)
STANDARD_REFERENZ = "drucksache_2023_020"
#: the paper's printed tables (package data)
REFERENZ_DATEI = REFERENZORDNER / f"{STANDARD_REFERENZ}.yaml"


def referenz_datei(name: str | None = None) -> Path:
    """The file of reference `name` (a county file's `referenz:`; default STANDARD_REFERENZ)."""
    return REFERENZORDNER / f"{name or STANDARD_REFERENZ}.yaml"


def referenz_kurz(name: str | None = None) -> str:
    """How reports and commands name the reference, e.g. 'Drucksache 2023/020'."""
    return str(referenz(name).get("kurz") or referenz(name)["quelle"])

_LZ_ZEILEN = {
    "eee": "EEE (einrichtungseinheitlicher Eigenanteil)",
    "ausbildungszuschlag": "Ausbildungszuschlag",
    "gesamt": "Gesamt",
    "leistungszuschlag": "Leistungszuschlag",
    "eigenanteil": "Eigenanteil pflegebedingte Aufwendungen",
}
_DIFF_ZEILEN = {
    "praesenzkraft": "Kosten Präsenzkraft mtl.",
    "eigenanteil": "Pflegebedingte Aufwendungen im Heim mtl.",
    "differenz_m": "Differenz Pflegeheim/Pflege-WG mtl.",
    "mehrkosten_y": "Mehrkosten/Jahr",
}
_ZEILEN_TEXT = {
    "eee": "EEE", "ausbildungszuschlag": "Ausbildungszuschlag", "gesamt": "Gesamt",
    "leistungszuschlag": "Leistungszuschlag", "eigenanteil": "Eigenanteil im Heim",
    "praesenzkraft": "Kosten Präsenzkraft", "differenz_m": "Differenz mtl.", "mehrkosten_y": "Mehrkosten/Jahr",
    "heim": "im Pflegeheim", "wg": "in der Pflege-WG", "mehrkosten": "Mehrkosten Pflege-WG",
}
_FALL_SPALTEN = {"heim": "anteil_landkreis_heim_m", "wg": "anteil_landkreis_wg_m", "mehrkosten": "mehrkosten_wg_m"}


def referenz(name: str | None = None) -> dict:
    """The paper's printed tables (see drucksache/drucksache_2023_020.yaml)."""
    return load_yaml(referenz_datei(name))


def _modellzeilen(tab: dict, landkreis: Landkreisdaten, params) -> dict[str, np.ndarray]:
    """The model's cents for each row of one paper table."""
    from .vergleich import differenz_tabelle, fall_tabelle, leistungszuschlag_tabelle

    if tab["art"] == "leistungszuschlag":
        df = leistungszuschlag_tabelle(landkreis, params, tab["heim"])
        return {k: df.loc[v].to_numpy() for k, v in _LZ_ZEILEN.items()}
    if tab["art"] == "differenz":
        df = differenz_tabelle(landkreis, params, tab["heim"])
        return {k: df.loc[v].to_numpy() for k, v in _DIFF_ZEILEN.items()}
    df = fall_tabelle(landkreis, params, pflegegrad=tab["pflegegrad"], heim=tab["heim"])
    zeilen = {}
    for nr in tab["faelle"]:
        fall = df[df["fall"] == nr]
        for k, spalte in _FALL_SPALTEN.items():
            zeilen[f"{nr} {k}"] = fall[spalte].to_numpy()
    return zeilen


def zeilen_text(zeile: str) -> str:
    """German label of a reference row key ('2 heim' -> 'Fall 2, im Pflegeheim')."""
    nr, _, art = zeile.partition(" ")
    if art:
        return f"Fall {nr}, {_ZEILEN_TEXT[art]}"
    return _ZEILEN_TEXT[zeile]


def _paperzeilen(tab: dict) -> dict[str, list]:
    if tab["art"] == "faelle":
        return {f"{nr} {k}": werte for nr, fall in tab["faelle"].items() for k, werte in fall.items()}
    return tab["zeilen"]


def abgleich(landkreis: Landkreisdaten | None = None, ref: dict | None = None) -> pd.DataFrame:
    """Every printed cell of the paper against the model (paper's Stichtag and county file)."""
    import pandas as pd

    from .vergleich import STUFEN, satz_label

    ref = ref or referenz()
    landkreis = landkreis or load_landkreis(orte.datenordner() / ref["kreisdatei"])
    params = load_parameters(ref["stichtag"])
    bekannt = {
        (z[0], z[1], z[2]): (b["id"], " ".join(b["grund"].split())) for b in ref["bekannte_abweichungen"] for z in b["zellen"]
    }
    rows = []
    for tab in ref["tabellen"]:
        modell = _modellzeilen(tab, landkreis, params)
        for zeile, werte in _paperzeilen(tab).items():
            for spalte, paper in enumerate(werte, start=1):
                m_cent = int(modell[zeile][spalte - 1])
                p_cent = _one_as_cents(paper)
                if tab["genauigkeit"] == "euro":
                    m_cent = int(div_half_up(m_cent, 100)) * 100
                gleich = m_cent == p_cent
                key = (tab["id"], zeile, spalte)
                status, grund = ("stimmt", "") if gleich else ("abweichung", "nicht erklärt")
                if not gleich and key in bekannt:
                    status, grund = "bekannt", bekannt[key][1]
                rows.append(
                    {
                        "tabelle": tab["id"],
                        "titel": tab["titel"],
                        "zeile": zeile,
                        "zeile_text": zeilen_text(zeile),
                        "spalte": satz_label(params, STUFEN[spalte - 1]),
                        "genauigkeit": tab["genauigkeit"],
                        "modell_cent": m_cent,
                        "drucksache_cent": p_cent,
                        "status": status,
                        "grund": grund,
                    }
                )
    return pd.DataFrame(rows)


def zusammenfassung(df: pd.DataFrame) -> pd.DataFrame:
    """Per table: cells, matched, known deviations, unexplained deviations."""
    import pandas as pd

    g = df.groupby(["tabelle", "titel"], sort=False)["status"]
    return pd.DataFrame(
        {
            "zellen": g.size(),
            "stimmt": g.apply(lambda s: int((s == "stimmt").sum())),
            "bekannt": g.apply(lambda s: int((s == "bekannt").sum())),
            "abweichung": g.apply(lambda s: int((s == "abweichung").sum())),
        }
    ).reset_index()
