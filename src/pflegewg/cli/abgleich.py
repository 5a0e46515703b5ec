"""`pflegewg abgleich`: the model against every printed cell of the paper's tables."""
from __future__ import annotations

import json

from ..basis.format import datum, euro, euro_ganz
from ..modell.abgleich import abgleich, referenz, zusammenfassung


def register(sub) -> None:
    """Add the `abgleich` subparser."""
    p = sub.add_parser("abgleich", help="Modell gegen die Tabellen der Drucksache 2023/020 halten")
    p.add_argument("--json", action="store_true", help="alle Zellen als JSON")
    p.set_defaults(ausfuehren=ausfuehren)


def ausfuehren(args) -> int:
    df = abgleich()
    if args.json:
        print(json.dumps(df.to_dict(orient="records"), ensure_ascii=False, indent=2))
    else:
        ref = referenz()
        print(f"Abgleich mit {ref['quelle']} (Stichtag {datum(ref['stichtag'])})")
        for _, t in zusammenfassung(df).iterrows():
            print()
            print(f"{t['titel']} [{t['tabelle']}]")
            print(f"  {t['zellen']} Zellen: {t['stimmt']} stimmen, {t['bekannt']} bekannte Abweichungen, {t['abweichung']} unerklärt")
            abw = df[(df["tabelle"] == t["tabelle"]) & (df["status"] != "stimmt")]
            for grund, gruppe in abw.groupby("grund", sort=False):
                for _, z in gruppe.iterrows():
                    fmt = euro if z["genauigkeit"] == "cent" else euro_ganz
                    print(f"  - {z['zeile']}, {z['spalte']}: Modell {fmt(z['modell_cent'])}, Drucksache {fmt(z['drucksache_cent'])} ({z['status']})")
                print(f"    Grund: {grund}")
        n = len(df)
        print()
        print(
            f"Gesamt: {n} Zellen, {(df['status'] == 'stimmt').sum()} stimmen, "
            f"{(df['status'] == 'bekannt').sum()} bekannte Abweichungen, {(df['status'] == 'abweichung').sum()} unerklärt."
        )
    return 0 if not (df["status"] == "abweichung").any() else 1
