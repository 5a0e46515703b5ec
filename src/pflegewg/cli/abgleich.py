"""`pflegewg abgleich`: the model against every printed cell of the paper's tables.

Printed for a planner: table titles, rows and statuses in German ("Fall 2, im Pflegeheim",
"bekannter Fehler der Drucksache"), not the reference file's keys; lines wrapped at 100 columns.
"""
from __future__ import annotations

import json
import textwrap

from ..basis.format import datum, euro, euro_ganz
from ..modell.abgleich import abgleich, referenz, zusammenfassung
from .gemeinsam import anzahl

BREITE = 100
#: the statuses of a cell as a planner reads them
STATUS_TEXT = {"stimmt": "stimmt", "bekannt": "bekannter Fehler", "abweichung": "UNERKLÄRT"}


def register(sub) -> None:
    """Add the `abgleich` subparser."""
    p = sub.add_parser("abgleich", help="Modell gegen die Tabellen der Drucksache 2023/020 halten")
    p.add_argument("--json", action="store_true", help="alle Zellen als JSON")
    p.set_defaults(ausfuehren=ausfuehren)


def zaehlung(zellen: int, stimmen: int, bekannt: int, unerklaert: int) -> str:
    """'144 Zellen, 138 stimmen, 6 bekannte Abweichungen, 0 unerklärt' (singular where 1)."""
    return (f"{anzahl(zellen, 'Zelle', 'Zellen')}, {stimmen} {'stimmt' if stimmen == 1 else 'stimmen'}, "
            f"{anzahl(bekannt, 'bekannte Abweichung', 'bekannte Abweichungen')}, {unerklaert} unerklärt")


def abgleich_text(df) -> str:
    ref = referenz()
    zeilen = [textwrap.fill(f"Abgleich mit {ref['quelle']} (Stichtag {datum(ref['stichtag'])})", BREITE)]
    for _, t in zusammenfassung(df).iterrows():
        zeilen += ["", t["titel"], f"  {zaehlung(t['zellen'], t['stimmt'], t['bekannt'], t['abweichung'])}"]
        abw = df[(df["tabelle"] == t["tabelle"]) & (df["status"] != "stimmt")]
        for grund, gruppe in abw.groupby("grund", sort=False):
            for _, z in gruppe.iterrows():
                fmt = euro if z["genauigkeit"] == "cent" else euro_ganz
                zeilen.append(textwrap.fill(
                    f"- {z['zeile_text']}, {z['spalte']}: Modell {fmt(z['modell_cent'])}, Drucksache "
                    f"{fmt(z['drucksache_cent'])} ({STATUS_TEXT[z['status']]})",
                    BREITE, initial_indent="  ", subsequent_indent="    "))
            zeilen.append(textwrap.fill(f"Grund: {grund}", BREITE, initial_indent="    ", subsequent_indent="    "))
    zeilen += ["", f"Gesamt: {zaehlung(len(df), (df['status'] == 'stimmt').sum(), (df['status'] == 'bekannt').sum(), (df['status'] == 'abweichung').sum())}."]
    return "\n".join(zeilen)


def ausfuehren(args) -> int:
    df = abgleich()
    if args.json:
        print(json.dumps(df.to_dict(orient="records"), ensure_ascii=False, indent=2))
    else:
        print(abgleich_text(df))
    return 0 if not (df["status"] == "abweichung").any() else 1
