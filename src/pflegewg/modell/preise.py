"""Preise nach Datum: dated county amounts and their Fortschreibung with a price index.

A county amount is either one value (valid from the file's `stand`) or a list of dated entries
`{gilt_ab, wert, quelle}`; the entry in force on the Stichtag is the last one with `gilt_ab` on
or before it (before the first entry: the first one, flagged `vor_stand`).

Fortschreibung: for a Stichtag after the county's newest entry, the amount is carried forward
with an index, `wert × I(Stichtag) / I(gilt_ab)`, rounded half-up to whole cents, where `I(d)` is
the index's newest observation on or before `d`. It counts as fortgeschrieben only if the index
has an observation after the entry's date (otherwise the factor is 1). The indices come from the
state file (`data/baden_wuerttemberg.yaml`, vdek's Baden-Württemberg averages, and the
Pflegemindestlohn as an ANNAHME for the Präsenzkraft rate); see `Preisindex`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Mapping

#: which index carries which county amount forward (last part of the key path)
INDEX_FUER = {
    "eee_m": "pflegebedingt",
    "ausbildungszuschlag_m": "pflegebedingt",
    "unterkunft_verpflegung_m": "unterkunft_verpflegung",
    "investitionskosten_m": "investitionskosten",
    "sonstige_heimkosten_m": "unterkunft_investition",
    "bekleidung_sonstige_m": "unterkunft_investition",
    "praesenzkraft_stundensatz": "lohn",
}
#: amounts that are never carried forward (no index; the last value stays, and the output says so)
NICHT_FORTGESCHRIEBEN = ("warmmiete_m", "unterkunftskosten_m", "praesenzkraft_tage_pro_monat", "pflegerechnung_m")

INDEX_TEXT = {
    "pflegebedingt": "vdek-Landesdurchschnitt BW: EEE",
    "unterkunft_verpflegung": "vdek-Landesdurchschnitt BW: Unterkunft/Verpflegung",
    "investitionskosten": "vdek-Landesdurchschnitt BW: Investitionskosten",
    "unterkunft_investition": "vdek-Landesdurchschnitt BW: Unterkunft/Verpflegung/Investition",
    "lohn": "Pflegemindestlohn (ANNAHME für den Präsenzkraft-Stundensatz)",
}


@dataclass(frozen=True)
class Eintrag:
    """One dated value: in force from `gilt_ab`; `wert` in cents (or an exact Decimal)."""

    gilt_ab: dt.date
    wert: object
    quelle: str
    #: state averages only: does vdek's EEE of this date include the Ausbildungskosten?
    ausbildung_enthalten: bool | None = None


def eintrag_am(reihe: tuple[Eintrag, ...], stichtag: dt.date) -> tuple[Eintrag, bool]:
    """(the entry in force on `stichtag`, True if the Stichtag lies before the first entry)."""
    gueltig = [e for e in reihe if e.gilt_ab <= stichtag]
    return (gueltig[-1], False) if gueltig else (reihe[0], True)


@dataclass(frozen=True)
class Preisindex:
    """Index series by name: tuples of (date, exact value), ascending; `quelle` names the file."""

    reihen: Mapping[str, tuple[tuple[dt.date, Fraction], ...]]
    quelle: str

    def stand(self, name: str, tag: dt.date) -> tuple[dt.date, Fraction] | None:
        """The index's newest observation on or before `tag` (None before the first)."""
        gueltig = [(d, w) for d, w in self.reihen.get(name, ()) if d <= tag]
        return gueltig[-1] if gueltig else None

    def faktor(self, name: str, von: dt.date, bis: dt.date) -> tuple[Fraction, dt.date] | None:
        """I(bis) / I(von) and the date of I(bis), or None if the index has nothing newer than `von`."""
        alt, neu = self.stand(name, von), self.stand(name, bis)
        if alt is None or neu is None or neu[0] <= alt[0]:
            return None
        return neu[1] / alt[1], neu[0]


def fortschreiben_cent(cent: int, faktor: Fraction) -> int:
    """cents × factor, rounded half-up to whole cents (exact)."""
    x = Fraction(cent) * faktor
    n, d = x.numerator, x.denominator
    return (1 if n >= 0 else -1) * ((2 * abs(n) + d) // (2 * d))


@dataclass(frozen=True)
class Preisstand:
    """What the prices of a county snapshot rest on: for `fall --json` (`preise`), stderr and the report."""

    stand: dt.date  # date of the newest county value used
    quelle: str
    fortgeschrieben: bool
    index_bis: dt.date | None  # date of the newest index observation used, if fortgeschrieben
    indizes: tuple[str, ...]  # names of the indices applied
    vor_stand: bool  # Stichtag before the county's first value
    stichtag: dt.date

    def text(self) -> str:
        """One German line, e.g. for the report's title block and stderr."""
        if self.fortgeschrieben:
            mit = "; ".join(INDEX_TEXT[i] for i in self.indizes)
            return (f"Preise: Werte der Kreisdatei ab {self.stand:%d.%m.%Y}, fortgeschrieben mit {mit} "
                    f"(Stand {self.index_bis:%d.%m.%Y}) auf den {self.stichtag:%d.%m.%Y}")
        if self.vor_stand:
            return (f"Preise: der Stichtag {self.stichtag:%d.%m.%Y} liegt vor den Werten der Kreisdatei "
                    f"(ab {self.stand:%d.%m.%Y}); es gelten ihre ältesten Werte")
        return f"Preise: Werte der Kreisdatei ab {self.stand:%d.%m.%Y}"

    def json(self) -> dict:
        return {
            "stand": self.stand.isoformat(),
            "quelle": self.quelle,
            "fortgeschrieben": self.fortgeschrieben,
            "fortgeschrieben_bis": self.index_bis.isoformat() if self.fortgeschrieben else None,
            "index": [INDEX_TEXT[i] for i in self.indizes] if self.fortgeschrieben else [],
            "nicht_fortgeschrieben": "Warmmiete, Unterkunft in der WG und Tage je Monat bleiben beim letzten Wert der Kreisdatei"
            if self.fortgeschrieben else None,
            "text": self.text(),
        }
