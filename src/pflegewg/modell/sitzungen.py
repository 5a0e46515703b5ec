"""The committee's session calendar (Sitzungskalender, CSV: datum, gremium, drucksache, stichtag).

Read by the one CSV reader (UTF-8 or Windows-1252, `,` or `;`); dates as 2023-02-13 or, as
the report prints them and German Excel re-saves them, 13.02.2023.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..basis.dateien import fehlerliste
from ..basis.xlsx_lesen import lese_tabelle

SPALTEN = ("datum", "gremium", "drucksache", "stichtag")
#: the calendar's sheet in a county workbook and its German column titles
BLATT = "Sitzungen"
TITEL = {"datum": "Datum", "gremium": "Gremium", "drucksache": "Drucksache", "stichtag": "Stichtag"}


@dataclass(frozen=True)
class Sitzung:
    datum: dt.date
    gremium: str
    drucksache: str
    stichtag: dt.date | None


def datum_aus_text(text: str) -> dt.date | None:
    """'2023-02-13' or '13.02.2023' -> date; None if it is neither."""
    text = text.strip()
    deutsch = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    try:
        if deutsch:
            tag, monat, jahr = (int(g) for g in deutsch.groups())
            return dt.date(jahr, monat, tag)
        return dt.date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        return None


def load_sitzungen(path: Path | None) -> list[Sitzung]:
    """The committee's sessions; [] if the county file names no calendar or it does not exist."""
    if path is None or not Path(path).is_file():
        return []
    csv = lese_tabelle(path, SPALTEN, "sitzungen", blatt=BLATT, titel=TITEL)
    sitzungen, probleme = [], []
    for nr, row in csv.zeilen:
        tag = datum_aus_text(row["datum"])
        if tag is None:
            probleme.append(str(csv.fehler(nr, "datum", row["datum"], "ein Datum JJJJ-MM-TT oder TT.MM.JJJJ")))
        stichtag = datum_aus_text(row["stichtag"]) if row["stichtag"] else None
        if row["stichtag"] and stichtag is None:
            probleme.append(str(csv.fehler(nr, "stichtag", row["stichtag"], "ein Datum JJJJ-MM-TT oder TT.MM.JJJJ, oder leer")))
        if tag is not None:
            sitzungen.append(Sitzung(tag, row["gremium"], row["drucksache"], stichtag))
    if probleme:
        raise fehlerliste(probleme)
    return sitzungen
