"""Case lists as CSV or Excel: `lese_tabelle` returns the same `CsvDatei` (rows as dicts of
stripped strings with their line numbers) for `.csv` (through the one CSV reader, `lese_csv`)
and `.xlsx` (first worksheet, openpyxl, read-only), so that the module that checks the values
does not care where they came from.

Excel cells become text as a person would type them: whole numbers without decimals
(1200.0 -> '1200'), other numbers with a decimal point ('1200.5'), dates as JJJJ-MM-TT, empty
cells as ''. Line numbers are the worksheet's row numbers. Kept small and self-contained, so that it
can be unified with a reader of county files in Excel later.
"""
from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal
from pathlib import Path

from .csv_lesen import CsvDatei, CsvFehler, lese_csv
from .dateien import kurz

#: case lists: 100.000 rows of a few columns are about 3 MB as CSV; Excel compresses
TABELLE_BYTES_HOECHST = 50_000_000


def _zelle_text(wert) -> str:
    if wert is None:
        return ""
    if isinstance(wert, bool):
        return "ja" if wert else "nein"
    if isinstance(wert, float):
        d = Decimal(repr(wert))
        return str(int(d)) if d == d.to_integral_value() else format(d.normalize(), "f")
    if isinstance(wert, (dt.datetime, dt.date)):
        return (wert.date() if isinstance(wert, dt.datetime) else wert).isoformat()
    return str(wert).strip()


def lese_xlsx(path: str | Path, spalten: tuple[str, ...], was: str = "Excel-Datei",
              optional: tuple[str, ...] = ()) -> CsvDatei:
    """Read the first worksheet of an .xlsx file whose first row is the header `spalten` (case and
    spaces ignored), followed by any of `optional`; blank rows are skipped."""
    import openpyxl

    path = Path(path)
    name = path.name
    if not path.is_file():
        raise CsvFehler(f"{was}: Datei {path} nicht gefunden")
    if path.stat().st_size > TABELLE_BYTES_HOECHST:
        raise CsvFehler(f"{name}: größer als {TABELLE_BYTES_HOECHST // 1_000_000} MB – keine Datei dieser Art")
    try:
        mappe = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise CsvFehler(f"{name}: keine lesbare Excel-Datei (.xlsx) ({type(exc).__name__})") from None
    try:
        blatt = mappe.worksheets[0]
        reihen = blatt.iter_rows(values_only=True)
        kopf = next(reihen, None)
        gefunden = tuple(_zelle_text(z).lower() for z in (kopf or ()))
        while gefunden and not gefunden[-1]:
            gefunden = gefunden[:-1]
        zusatz = gefunden[len(spalten):]
        if gefunden[: len(spalten)] != tuple(spalten) or not set(zusatz) <= set(optional) or len(set(zusatz)) < len(zusatz):
            wahlweise = f", danach wahlweise {','.join(optional)}" if optional else ""
            raise CsvFehler(f"{name}: Kopfzeile {kurz(','.join(gefunden), 80)} (erwartet in Zeile 1: {','.join(spalten)}{wahlweise})")
        alle = tuple(spalten) + zusatz
        leer = {s: "" for s in optional}
        zeilen = []
        for nr, reihe in enumerate(reihen, start=2):
            felder = [_zelle_text(z) for z in reihe]
            if not any(felder):
                continue
            if any(felder[len(alle):]):
                raise CsvFehler(f"{name}: Zeile {nr}: Werte rechts der Spalten {','.join(alle)}")
            felder += [""] * (len(alle) - len(felder))
            zeilen.append((nr, {**leer, **dict(zip(alle, felder))}))
    finally:
        mappe.close()
    return CsvDatei(name, "xlsx", "", alle, tuple(zeilen))


def lese_tabelle(path: str | Path, spalten: tuple[str, ...], was: str = "Tabelle",
                 optional: tuple[str, ...] = ()) -> CsvDatei:
    """A case list as CSV (`lese_csv`, '#' lines before the header allowed) or .xlsx (`lese_xlsx`)."""
    if Path(path).suffix.lower() == ".xlsx":
        return lese_xlsx(path, spalten, was, optional)
    return lese_csv(path, spalten, was, optional, kommentare=True, bytes_hoechst=TABELLE_BYTES_HOECHST)
