"""`pflegewg fall`: one case, the county's share in the WG and in the home, Mehrkosten per tier.

    pflegewg fall --einkommen EURO --pflegegrad N [--stichtag] [--heim] [--bewohner] [--daten] [--json]
"""
from __future__ import annotations

from decimal import Decimal

import numpy as np

from ..basis.format import datum, euro, prozent
from ..basis.geld import cents_to_decimal
from ..recht import wtpg
from ..recht.parameter import load_parameters
from .gemeinsam import (
    dumps_decimal,
    einkommen,
    ganzzahl,
    melde_hinweise,
    stichtag_hilfe,
    DATEN_HILFE,
)


def register(sub) -> None:
    """Add the `fall` subparser."""
    p = sub.add_parser("fall", help="ein Fall: Anteil des Landkreises in WG und Heim, Mehrkosten je Stufe")
    p.add_argument("--einkommen", type=einkommen, required=True, metavar="EURO", help="Nettoeinkommen in Euro je Monat (ab 0)")
    p.add_argument("--pflegegrad", type=ganzzahl("2 bis 5"), required=True, metavar="N", help="Pflegegrad 2 bis 5")
    p.add_argument("--stichtag", default="2023-01-01", metavar="JJJJ-MM-TT", help=stichtag_hilfe())
    p.add_argument("--heim", choices=("durchschnitt", "teuerste"), default="durchschnitt", help="Vergleichsheim (Standard durchschnitt)")
    p.add_argument("--bewohner", type=ganzzahl("1 bis 12"), default=None, metavar="N", help="Bewohner der WG, 1 bis 12 (Standard 12)")
    p.add_argument("--daten", default=None, metavar="DATEI", help=DATEN_HILFE)
    p.add_argument("--json", action="store_true", help="Ausgabe als JSON")
    p.set_defaults(ausfuehren=ausfuehren)


def fall_ergebnis(einkommen: Decimal, pflegegrad: int, stichtag, heim: str, bewohner, daten) -> dict:
    """The `fall` result as plain Python (Decimal euros), shared by text and JSON output."""
    from ..modell.landkreis import load_landkreis  # pandas: only when a command needs it (`pflegewg` starts faster)
    from ..modell.vergleich import STUFEN, satz_label, vergleich
    from ..modell.zeitstand import rechtsstand_json

    params = load_parameters(stichtag)
    landkreis = load_landkreis(daten).zum(params.stichtag)
    bewohner = landkreis.bewohner_standard if bewohner is None else bewohner
    cents = int(einkommen * 100)
    r = vergleich(np.full(4, cents), pflegegrad, np.array(STUFEN), params, landkreis, heim=heim, bewohner=bewohner)
    d = cents_to_decimal
    return {
        "stichtag": params.stichtag.isoformat(),
        "einkommen": d(cents),
        "pflegegrad": pflegegrad,
        "heim": heim,
        "bewohner": bewohner,
        "preise": landkreis.preise.json(),
        "rechtsstand": rechtsstand_json(params),
        "wg": {
            "praesenz_stunden_tag": int(wtpg.praesenzstunden_pro_tag(bewohner, params)),
            "praesenz_grundlage": wtpg.praesenz_grundlage(params),
            "praesenzkraft_m": d(r["praesenzkraft_m"][0]),
            "einkommensgrenze_m": d(r["einkommensgrenze_m"][0]),
            "anteil_landkreis_m": d(r["anteil_landkreis_wg_m"][0]),
        },
        "stufen": [
            {
                "stufe": s,
                "satz": satz_label(params, s),
                "leistungszuschlag_m": d(r["leistungszuschlag_m"][i]),
                "eigenanteil_m": d(r["eigenanteil_m"][i]),
                "eigenbeteiligung_gesamt_m": d(r["eigenbeteiligung_gesamt_m"][i]),
                "anteil_landkreis_m": d(r["anteil_landkreis_heim_m"][i]),
                "mehrkosten_wg_m": d(r["mehrkosten_wg_m"][i]),
                "mehrkosten_wg_y": d(r["mehrkosten_wg_y"][i]),
            }
            for i, s in enumerate(STUFEN)
        ],
        "_landkreis": landkreis,
        "_params": params,
        "_einsatz_m": d(r["einkommenseinsatz_m"][0]),
    }


def _cents(d: Decimal) -> int:
    return int(d * 100)


def fall_text(e: dict) -> str:
    lk, params = e["_landkreis"], e["_params"]
    heim = lk.heim(e["heim"])
    quote = lk.einsatzquote[e["pflegegrad"]]
    zeilen = [
        f"Kostenvergleich Pflege-WG / Pflegeheim – {lk.landkreis} (Kreisdaten vom {datum(lk.stand)})",
        f"Stichtag {datum(params.stichtag)} · Einkommen {euro(_cents(e['einkommen']))} · Pflegegrad {e['pflegegrad']}",
        f"Heim: {heim.bezeichnung} · WG mit {e['bewohner']} Bewohner{'' if e['bewohner'] == 1 else 'n'}",
        "",
        "Pflege-WG, je Bewohner und Monat",
        f"  {praesenz_label(params, e['wg']['praesenz_stunden_tag']):<44}{euro(_cents(e['wg']['praesenzkraft_m'])):>14}",
        f"  {'Einkommensgrenze (§ 85 SGB XII)':<44}{euro(_cents(e['wg']['einkommensgrenze_m'])):>14}",
        f"  {'Einkommenseinsatz (§ 87 SGB XII, ' + prozent(quote) + ')':<44}{euro(_cents(e['_einsatz_m'])):>14}",
        f"  {'Anteil des Landkreises':<44}{euro(_cents(e['wg']['anteil_landkreis_m'])):>14}",
        "",
        "Pflegeheim, nach Leistungszuschlag (§ 43c SGB XI), je Monat",
        "  " + " " * 30 + "".join(f"{s['satz']:>14}" for s in e["stufen"]),
    ]
    for label, key in (
        ("Leistungszuschlag", "leistungszuschlag_m"),
        ("Eigenanteil pflegebedingt", "eigenanteil_m"),
        ("Eigenbeteiligung gesamt", "eigenbeteiligung_gesamt_m"),
        ("Anteil des Landkreises", "anteil_landkreis_m"),
        ("Mehrkosten WG je Monat", "mehrkosten_wg_m"),
        ("Mehrkosten WG je Jahr", "mehrkosten_wg_y"),
    ):
        zeilen.append(f"  {label:<30}" + "".join(f"{euro(_cents(s[key])):>14}" for s in e["stufen"]))
    zeilen.append("")
    zeilen.append("Mehrkosten = Anteil des Landkreises in der WG − im Heim; Jahr = 12 × Monat. Eigenbeteiligung gesamt =")
    zeilen.append("Eigenanteil + Unterkunft, Verpflegung, Investitionskosten (wie vdek), vor der Sozialhilfe.")
    zeilen.append(lk.preise.text() + ".")
    return "\n".join(zeilen)


def praesenz_label(params, stunden: int) -> str:
    """'Präsenzkraft (§ 13 WTPG)' or, under the TPQG, 'Präsenzkraft (TPQG, 36 Std./Tag ANNAHME)'."""
    if wtpg.praesenzpflicht_gesetzlich(params):
        return "Präsenzkraft (§ 13 WTPG)"
    return f"Präsenzkraft (TPQG, {stunden} Std./Tag ANNAHME)"


def ausfuehren(args) -> int:
    e = fall_ergebnis(args.einkommen, args.pflegegrad, args.stichtag, args.heim, args.bewohner, args.daten)
    melde_hinweise(e["_params"], e["_landkreis"])
    if args.json:
        print(dumps_decimal({k: v for k, v in e.items() if not k.startswith("_")}))
    else:
        print(fall_text(e))
    return 0
