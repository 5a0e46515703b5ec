"""`pflegewg recht [--stichtag S] [--json]`: every legal value in force on the Stichtag, with its
source, the date from which it applies and the date up to which the files were checked."""
from __future__ import annotations

import json
from decimal import Decimal

from ..basis.format import datum, euro
from ..basis.geld import as_cents
from ..recht.parameter import load_parameters
from .gemeinsam import stichtag_hilfe

EINHEIT_TEXT = {"euro_m": "€/Monat", "anteil": "", "faktor": "×", "stunden_tag": "Std./Tag", "personen": "Personen",
                "schalter": ""}


def register(sub) -> None:
    """Add the `recht` subparser."""
    p = sub.add_parser("recht", help="alle Rechtswerte zum Stichtag mit Fundstelle und Prüfstand")
    p.add_argument("--stichtag", default="2023-01-01", metavar="JJJJ-MM-TT", help=stichtag_hilfe())
    p.add_argument("--json", action="store_true", help="Ausgabe als JSON")
    p.set_defaults(ausfuehren=ausfuehren)


def _zahl(wert: Decimal, einheit: str) -> str:
    if einheit == "euro_m":
        return euro(int(as_cents(wert)))
    if einheit == "anteil":
        return f"{(wert * 100).normalize():f} %".replace(".", ",")
    if einheit == "schalter":
        return "ja" if wert == 1 else "nein"
    return f"{wert.normalize():f}".replace(".", ",") + (f" {EINHEIT_TEXT[einheit]}" if EINHEIT_TEXT[einheit] else "")


def wert_text(wert, einheit: str) -> str:
    """A parameter value in German notation (keyed values as 'PG 2: …, PG 3: …' or 'Stufe 1: …')."""
    if hasattr(wert, "items"):
        return ", ".join(f"{k}: {_zahl(v, einheit)}" for k, v in wert.items())  # Pflegegrad or Stufe
    return _zahl(wert, einheit)


def recht_liste(stichtag) -> tuple[object, list[dict]]:
    """(parameter set, one dict per parameter: name, beschreibung, wert, einheit, gilt_ab, fundstelle, datei)."""
    p = load_parameters(stichtag)
    zeilen = []
    for name, q in p.quellen.items():
        wert = p[name]
        zeilen.append({
            "name": name, "beschreibung": q.beschreibung,
            "wert": {str(k): float(v) if v != int(v) else int(v) for k, v in wert.items()} if hasattr(wert, "items")
            else (float(wert) if wert != int(wert) else int(wert)),
            "wert_text": wert_text(wert, q.einheit), "einheit": q.einheit,
            "gilt_ab": q.gilt_ab.isoformat(), "fundstelle": q.fundstelle, "datei": q.datei,
        })
    return p, zeilen


def ausfuehren(args) -> int:
    p, zeilen = recht_liste(args.stichtag)
    if args.json:
        print(json.dumps({"stichtag": p.stichtag.isoformat(), "geprueft_bis": p.geprueft_bis.isoformat(),
                          "hinweis": p.warnung(), "werte": zeilen}, ensure_ascii=False, indent=2))
        return 0
    print(f"Rechtswerte zum Stichtag {datum(p.stichtag)} · geprüft bis {datum(p.geprueft_bis)}")
    if p.warnung():
        print(f"Achtung: {p.warnung()}")
    for z in zeilen:
        print()
        print(f"{z['name']} ({z['datei']}): {z['wert_text']}")
        print(f"  {z['beschreibung']}")
        print(f"  gilt ab {datum(p.quellen[z['name']].gilt_ab)}: {z['fundstelle']}")
    return 0
