"""`pflegewg pruefen --daten DATEI`: is a county file (YAML or Excel workbook) usable? Lists every
problem at once – county values, WG register, session calendar – each with file (sheet), row,
column or key, value and allowed range, and ends with exit code 2; or says in one line that the
file is usable (exit code 0)."""
from __future__ import annotations

import sys
from pathlib import Path

from ..basis.dateien import ParameterDateiFehler, load_yaml
from ..basis.format import datum
from ..basis.xlsx_lesen import EXCEL_ENDUNGEN
from .gemeinsam import EXIT_EINGABE, DATEN_HILFE, anzahl


def register(sub) -> None:
    """Add the `pruefen` subparser."""
    p = sub.add_parser("pruefen", help="Kreisdaten prüfen: jedes Problem mit Blatt/Zeile/Spalte und erlaubtem Bereich")
    p.add_argument("--daten", default=None, metavar="DATEI", help=DATEN_HILFE)
    p.set_defaults(ausfuehren=ausfuehren)


def _nebendateien(pfad: Path) -> tuple[Path | None, Path | None]:
    """Register and calendar of a county file that could not be loaded (to check them too)."""
    if pfad.suffix.lower() in EXCEL_ENDUNGEN:
        return pfad, pfad
    try:
        roh = load_yaml(pfad)
    except ParameterDateiFehler:
        return None, None
    if not isinstance(roh, dict):
        return None, None
    return tuple(pfad.parent / roh[k] if isinstance(roh.get(k), str) and roh[k] else None
                 for k in ("wg_register", "sitzungen"))


def pruefen(daten: str | Path | None) -> tuple[list[str], str]:
    """(every problem, the one-line verdict when there is none)."""
    from ..modell.landkreis import load_landkreis, load_wg_register, standard_datei
    from ..modell.sitzungen import load_sitzungen

    pfad = Path(daten).expanduser() if daten else standard_datei()
    probleme: list[str] = []
    lk = None
    try:
        lk = load_landkreis(pfad)
        register, kalender = lk.wg_register_datei, lk.sitzungen_datei
    except ParameterDateiFehler as exc:
        probleme += exc.probleme
        register, kalender = _nebendateien(pfad) if pfad.is_file() else (None, None)
    wgs = sitzungen = None
    if register is not None:
        try:
            wgs = len(load_wg_register(register))
        except ParameterDateiFehler as exc:
            probleme += exc.probleme
    if kalender is not None:
        try:
            sitzungen = len(load_sitzungen(kalender))
        except ParameterDateiFehler as exc:
            probleme += exc.probleme
    if probleme or lk is None:
        return list(dict.fromkeys(probleme)), ""
    teile = [lk.landkreis, f"Stand {datum(lk.stand)}",
             anzahl(wgs, "WG", "WGs") + " im Register" if wgs is not None else "kein WG-Register",
             anzahl(sitzungen, "Sitzung", "Sitzungen") if sitzungen is not None else "kein Sitzungskalender",
             anzahl(len(lk.faelle), "Fallbeispiel", "Fallbeispiele")]
    if lk.referenz:
        teile.append(f"Referenz {lk.referenz}")
    return [], f"{pfad.name} ist verwendbar: {', '.join(teile)}."


def ausfuehren(args) -> int:
    probleme, urteil = pruefen(args.daten)
    if not probleme:
        print(urteil)
        return 0
    name = Path(args.daten).name if args.daten else "Kreisdatei"
    print(f"{name}: {anzahl(len(probleme), 'Problem', 'Probleme')} – so nicht verwendbar:")
    for zeile in probleme:
        print(f"  - {zeile}")
    print(f"pflegewg: Fehler: {name} nicht verwendbar ({anzahl(len(probleme), 'Problem', 'Probleme')}, Liste oben)",
          file=sys.stderr)
    return EXIT_EINGABE
