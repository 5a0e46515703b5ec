"""`pflegewg vorlage --ausgabe kreisdaten.xlsx`: the Excel workbook a planner fills in with the
county's values (pre-filled with the Landesdurchschnitt), readable by every `--daten`."""
from __future__ import annotations

from pathlib import Path

from ..basis.geld import EingabeFehler


def register(sub) -> None:
    """Add the `vorlage` subparser."""
    p = sub.add_parser("vorlage", help="Excel-Vorlage für die Kreisdaten schreiben (vorausgefüllt mit dem Landesdurchschnitt)")
    p.add_argument("--ausgabe", required=True, metavar="DATEI.xlsx", help="Zieldatei (.xlsx); eine bestehende Datei wird nicht überschrieben")
    p.add_argument("--ueberschreiben", action="store_true", help="eine bestehende Zieldatei ersetzen")
    p.set_defaults(ausfuehren=ausfuehren)


def ausfuehren(args) -> int:
    from ..modell.kreisdaten_excel import vorlage_schreiben

    ziel = Path(args.ausgabe).expanduser()
    if ziel.suffix.lower() != ".xlsx":
        raise EingabeFehler(f"ausgabe: {ziel.name} (erlaubt: ein Dateiname mit der Endung .xlsx)")
    if ziel.exists() and not args.ueberschreiben:
        raise EingabeFehler(f"ausgabe: {ziel} gibt es schon (erlaubt: ein neuer Dateiname, oder --ueberschreiben)")
    if not ziel.parent.is_dir():
        raise EingabeFehler(f"ausgabe: Ordner {ziel.parent} nicht gefunden (erlaubt: eine Datei in einem bestehenden Ordner)")
    vorlage_schreiben(ziel)
    print(f"Vorlage geschrieben: {ziel}")
    print(f"Ausfüllen (Blatt Kreiswerte, WG-Register, Sitzungen), dann prüfen: pflegewg pruefen --daten {ziel}")
    return 0
