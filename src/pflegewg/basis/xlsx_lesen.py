"""The one Excel reader: a workbook (.xlsx) a planner filled in, read with openpyxl.

- Values, not formulas: the workbook is opened with `data_only=True`, so a formula cell gives the
  value Excel stored when it last saved the file. A formula without a stored value (a file
  written by a program, never saved in Excel) is refused with sheet, row and column.
- Sheets by their German names; a table sheet has its header in row 1 (the keys or the German
  titles of the columns, case and spaces ignored), data from row 2; empty rows are skipped.
- Cells become the same stripped strings the CSV reader gives (`CsvDatei`), so registers and
  calendars are checked by the same code whether they come from CSV or from a workbook: whole
  numbers without '.0', dates as JJJJ-MM-TT, empty cells as ''.

Errors are `ParameterDateiFehler` naming file, sheet, row and column; `zellen` returns the raw
values of a key/value sheet for the county reader (`pflegewg.modell.kreisdaten_excel`).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .csv_lesen import CsvDatei, CsvFehler
from .dateien import ParameterDateiFehler, fehlerliste, kurz

#: a county workbook is a few hundred kB at most
XLSX_BYTES_HOECHST = 10_000_000
EXCEL_ENDUNGEN = (".xlsx", ".xlsm")


class _Formel:
    """A formula cell without a stored value (already reported; reads as empty)."""

    def __repr__(self) -> str:
        return "Formel ohne Wert"


#: what `Arbeitsmappe.zeilen` gives for a formula without a stored value
FORMEL_OHNE_WERT = _Formel()


@dataclass
class Arbeitsmappe:
    """An opened workbook: values (`werte`, data_only) and formulas (`formeln`) side by side."""

    pfad: Path
    werte: object
    formeln: object

    @property
    def name(self) -> str:
        return self.pfad.name

    def ort(self, blatt: str, zeile: int, spalte: str) -> str:
        """'kreisdaten.xlsx, Blatt Kreiswerte, Zeile 7, Spalte Wert'."""
        return f"{self.name}, Blatt {blatt}, Zeile {zeile}, Spalte {spalte}"

    def hat_blatt(self, blatt: str) -> bool:
        return blatt in self.werte.sheetnames

    def zeilen(self, blatt: str, probleme: list[str]):
        """(row number, [cell values]) of every non-empty row of `blatt`, header included. A formula
        without a stored value is a problem (appended) and reads as FORMEL_OHNE_WERT."""
        ws, wf = self.werte[blatt], self.formeln[blatt]
        for (nr, zeile), formelzeile in zip(enumerate(ws.iter_rows(values_only=True), start=1), wf.iter_rows()):
            werte = list(zeile)
            for i, (wert, zelle) in enumerate(zip(werte, formelzeile)):
                if wert is None and zelle.data_type == "f":
                    titel = _spaltentitel(ws, i)
                    probleme.append(
                        f"{self.ort(blatt, nr, titel)}: Formel {kurz(str(zelle.value))} ohne gespeicherten Wert "
                        "(erlaubt: eine Zahl oder Text; die Datei in Excel öffnen und speichern, damit der Wert "
                        "berechnet wird, oder den Wert eintragen)")
                    werte[i] = FORMEL_OHNE_WERT
            if any(w is not None and str(w).strip() for w in werte):
                yield nr, werte


def _spaltentitel(ws, i: int) -> str:
    kopf = ws.cell(row=1, column=i + 1).value
    return str(kopf).strip() if kopf not in (None, "") else ws.cell(row=1, column=i + 1).column_letter


def oeffnen(pfad: str | Path, was: str = "daten") -> Arbeitsmappe:
    """Open a workbook twice (stored values and formulas); one-line errors for a missing, too
    large or broken file."""
    from openpyxl import load_workbook

    pfad = Path(pfad)
    if not pfad.is_file():
        raise ParameterDateiFehler(f"{was}: Datei {pfad} nicht gefunden")
    if pfad.stat().st_size > XLSX_BYTES_HOECHST:
        raise ParameterDateiFehler(f"{pfad.name}: größer als {XLSX_BYTES_HOECHST // 1_000_000} MB – keine Kreisdatei")
    try:
        werte = load_workbook(pfad, data_only=True, read_only=False)
        formeln = load_workbook(pfad, data_only=False, read_only=False)
    except Exception as exc:  # noqa: BLE001 – zipfile, XML and openpyxl errors alike: not a readable workbook
        raise ParameterDateiFehler(
            f"{pfad.name}: keine lesbare Excel-Arbeitsmappe ({type(exc).__name__}; erlaubt: .xlsx, in Excel "
            "oder LibreOffice als Excel-Arbeitsmappe gespeichert)") from None
    return Arbeitsmappe(pfad, werte, formeln)


def als_text(wert) -> str:
    """A cell value as the CSV reader would give it: '' for empty, 12 (not 12.0), 2023-02-13."""
    if wert is None or wert is FORMEL_OHNE_WERT:
        return ""
    if isinstance(wert, dt.datetime):
        return wert.date().isoformat() if wert.time() == dt.time() else wert.isoformat(sep=" ")
    if isinstance(wert, dt.date):
        return wert.isoformat()
    if isinstance(wert, bool):
        return "ja" if wert else "nein"
    if isinstance(wert, float) and wert.is_integer():
        return str(int(wert))
    return str(wert).strip()


def lese_blatt(pfad: str | Path, blatt: str, spalten: tuple[str, ...], was: str,
               optional: tuple[str, ...] = (), titel: dict[str, str] | None = None) -> CsvDatei:
    """A table sheet as `CsvDatei` (name 'kreisdaten.xlsx, Blatt WG-Register', Excel row numbers).

    The header row may name the columns by key or by German title (`titel`: key -> title); the
    required columns must all be there, optional ones may be missing; their order is free."""
    mappe = oeffnen(pfad, was)
    name = f"{mappe.name}, Blatt {blatt}"
    if not mappe.hat_blatt(blatt):
        raise CsvFehler(f"{mappe.name}: Blatt {blatt} fehlt (vorhanden: {', '.join(mappe.werte.sheetnames)}; "
                        "eine Vorlage schreibt pflegewg vorlage --ausgabe DATEI.xlsx)")
    schluessel = {_norm(k): k for k in (*spalten, *optional)}
    for k, t in (titel or {}).items():
        schluessel[_norm(t)] = k
    probleme: list[str] = []
    zeilen = list(mappe.zeilen(blatt, probleme))
    if not zeilen:
        raise CsvFehler(f"{name}: leer (erwartet: Kopfzeile {', '.join((titel or {}).get(s, s) for s in spalten)})")
    kopf_nr, kopf = zeilen[0]
    spalte_von: dict[int, str] = {}
    for i, t in enumerate(kopf):
        if t is None or not str(t).strip():
            continue
        key = schluessel.get(_norm(str(t)))
        if key is None:
            probleme.append(f"{mappe.ort(blatt, kopf_nr, str(t).strip())}: unbekannte Spalte "
                            f"(erlaubt: {', '.join((titel or {}).get(s, s) for s in (*spalten, *optional))})")
        elif key in spalte_von.values():
            probleme.append(f"{mappe.ort(blatt, kopf_nr, str(t).strip())}: Spalte kommt doppelt vor")
        else:
            spalte_von[i] = key
    for s in spalten:
        if s not in spalte_von.values():
            probleme.append(f"{name}: Spalte {(titel or {}).get(s, s)} fehlt in der Kopfzeile (Zeile {kopf_nr})")
    if probleme:
        raise fehlerliste(probleme)
    daten = []
    for nr, werte in zeilen[1:]:
        zeile = {s: "" for s in (*spalten, *optional)}
        for i, key in spalte_von.items():
            zeile[key] = als_text(werte[i]) if i < len(werte) else ""
        if any(zeile.values()):
            daten.append((nr, zeile))
    return CsvDatei(name, "xlsx", "", tuple((*spalten, *optional)), tuple(daten), dict(titel or {}))


def _norm(text: str) -> str:
    return " ".join(text.strip().lower().split())


def lese_tabelle(pfad: str | Path, spalten: tuple[str, ...], was: str, optional: tuple[str, ...] = (),
                 blatt: str = "", titel: dict[str, str] | None = None) -> CsvDatei:
    """A register or calendar from a CSV file or from sheet `blatt` of a workbook (by the ending)."""
    from .csv_lesen import lese_csv

    if Path(pfad).suffix.lower() in EXCEL_ENDUNGEN:
        return lese_blatt(pfad, blatt, spalten, was, optional, titel)
    return lese_csv(pfad, spalten, was, optional=optional)
