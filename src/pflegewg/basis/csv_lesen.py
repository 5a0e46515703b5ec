"""The one CSV reader: every CSV file pflegewg reads (WG register, session calendar, later
case lists) comes through `lese_csv`, which accepts what German Excel and other tools write.

- Encoding: UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode-Text"), else
  Windows-1252 (German Excel's "CSV (Trennzeichen-getrennt)"). Decoded strictly in this order,
  not guessed: the set is closed, and a statistical detector (charset-normalizer) can take a
  short Windows-1252 file for another code page; strict UTF-8 never accepts Windows-1252 bytes
  with umlauts, so the order is unambiguous.
- Separator: `,` `;` or tab, taken from the header line (whose column names are known and
  contain none of them); quotes as the csv module reads them.
- Rows: blank rows and rows of separators only (Excel's trailing `;;;;`) are skipped; a row
  with more or fewer fields than the header is an error naming the line.

Returns the rows as dicts of stripped strings with their line numbers. Checking the values is
the job of the module that knows the data (`modell.landkreis`, `modell.sitzungen`); they raise
`CsvFehler` through `CsvDatei.fehler` so that every message names file, line, column, value and
the allowed values, and never more of the file than one short value.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from .dateien import ParameterDateiFehler, kurz, lies_begrenzt

#: registers and calendars are a few kB; a larger file is not one of them
CSV_BYTES_HOECHST = 5_000_000
TRENNZEICHEN = (",", ";", "\t")


class CsvFehler(ParameterDateiFehler):
    """A CSV file cannot be read or has a wrong value (file, line, column, value, allowed)."""


@dataclass(frozen=True)
class CsvDatei:
    """A CSV file read: name, encoding and separator found, header, rows (line number, fields)."""

    name: str
    kodierung: str
    trennzeichen: str
    spalten: tuple[str, ...]
    zeilen: tuple[tuple[int, dict[str, str]], ...]
    #: column titles shown in messages instead of the keys (a workbook's German titles)
    titel: dict | None = None

    def fehler(self, zeile: int, spalte: str, wert, erlaubt: str) -> CsvFehler:
        """The error for one bad value: '<file>: Zeile 5, Spalte typ: 'x' (erlaubt: …)'."""
        spalte = (self.titel or {}).get(spalte, spalte)
        return CsvFehler(f"{self.name}: Zeile {zeile}, Spalte {spalte}: {kurz(wert)} nicht erlaubt (erlaubt: {erlaubt})")


#: control characters other than CR, LF and tab (binary data); a regex, fast on large files
_STEUERZEICHEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _dekodieren(name: str, roh: bytes) -> tuple[str, str]:
    if roh.startswith(b"\xef\xbb\xbf"):
        kandidaten = ("utf-8-sig",)
    elif roh.startswith((b"\xff\xfe", b"\xfe\xff")):
        kandidaten = ("utf-16",)
    else:
        kandidaten = ("utf-8", "cp1252")
    for kodierung in kandidaten:
        try:
            text = roh.decode(kodierung)
        except UnicodeDecodeError:
            continue
        if _STEUERZEICHEN.search(text):
            break
        return text, kodierung
    raise CsvFehler(f"{name}: keine Textdatei in UTF-8 oder Windows-1252 (Binärdaten?); als CSV speichern")


def lese_csv(path: str | Path, spalten: tuple[str, ...], was: str = "CSV-Datei",
             optional: tuple[str, ...] = (), kommentare: bool = False, bytes_hoechst: int = CSV_BYTES_HOECHST) -> CsvDatei:
    """Read a CSV file whose header must be `spalten` (case and spaces ignored), followed by any
    of the `optional` columns; a missing optional column reads as empty in every row.

    `was` names the file's role in the message for a missing file (e.g. 'wg_register').
    `kommentare`: lines starting with '#' before the header are skipped (e.g. a note that a case
    list is invented); line numbers still count them. `bytes_hoechst`: the largest file accepted.
    """
    path = Path(path)
    name = path.name
    roh = lies_begrenzt(path, bytes_hoechst, was, "Datei dieser Art", CsvFehler)
    text, kodierung = _dekodieren(name, roh)
    vorspann = 0
    if kommentare:
        zeilen_roh = text.split("\n")
        while vorspann < len(zeilen_roh) and zeilen_roh[vorspann].lstrip("\ufeff").startswith("#"):
            vorspann += 1
        text = "\n".join(zeilen_roh[vorspann:])
    kopf = text.splitlines()[0] if text.strip() else ""
    if not kopf:
        raise CsvFehler(f"{name}: leer (erwartet: Kopfzeile {','.join(spalten)})")
    trenn = max(TRENNZEICHEN, key=kopf.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=trenn, strict=True)
    zeilen = []
    try:
        gefunden = tuple(s.strip().lower() for s in next(reader))
        zusatz = gefunden[len(spalten):]
        if gefunden[: len(spalten)] != tuple(spalten) or not set(zusatz) <= set(optional) or len(set(zusatz)) < len(zusatz):
            wahlweise = f", danach wahlweise {','.join(optional)}" if optional else ""
            raise CsvFehler(
                f"{name}: Kopfzeile {kurz(trenn.join(gefunden), 80)} (erwartet: {','.join(spalten)}{wahlweise}; "
                "Trennzeichen , oder ;)"
            )
        leer = {s: "" for s in optional}
        spalten = tuple(spalten) + zusatz
        for reihe in reader:
            nr = reader.line_num + vorspann
            if not any(feld.strip() for feld in reihe):
                continue
            if len(reihe) != len(spalten):
                raise CsvFehler(
                    f"{name}: Zeile {nr}: {len(reihe)} Felder statt {len(spalten)} "
                    f"(Spalten {','.join(spalten)}; Text mit {trenn!r} in Anführungszeichen setzen)"
                )
            zeilen.append((nr, {**leer, **{s: feld.strip() for s, feld in zip(spalten, reihe)}}))
    except csv.Error as exc:
        raise CsvFehler(f"{name}: Zeile {reader.line_num + vorspann}: kein gültiges CSV ({str(exc).splitlines()[0]})") from None
    return CsvDatei(name, kodierung, trenn, tuple(spalten), tuple(zeilen))
