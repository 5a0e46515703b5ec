"""`pflegewg aufenthalt`: expected cumulative county cost of one placement, WG vs. home, over a stay.

    pflegewg aufenthalt --einkommen EURO --pflegegrad N [--monate N] [--stichtag] [--heim] [--bewohner]
                        [--daten] [--szenario] [--wohngruppenzuschlag] [--entlastungsbetrag]
                        [--umwandlung ANTEIL] [--hlu] [--json]
"""
from __future__ import annotations

from ..basis.format import datum, euro
from ..basis.geld import cents_to_decimal
from .gemeinsam import dumps_decimal, einkommen, ganzzahl, melde_hinweise, stichtag_hilfe


def register(sub) -> None:
    """Add the `aufenthalt` subparser."""
    p = sub.add_parser("aufenthalt", help="ein Platz über den ganzen Aufenthalt: erwartete Kosten des Landkreises in WG und Heim")
    p.add_argument("--einkommen", type=einkommen, required=True, metavar="EURO", help="Nettoeinkommen in Euro je Monat (ab 0)")
    p.add_argument("--pflegegrad", type=ganzzahl("2 bis 5"), required=True, metavar="N", help="Pflegegrad 2 bis 5")
    p.add_argument("--monate", type=ganzzahl("1 bis 600"), default=None, metavar="N",
                   help="Monate des Aufenthalts (Standard: bis zum Ende der Verweildauerkurve)")
    p.add_argument("--stichtag", default="2023-01-01", help=stichtag_hilfe())
    p.add_argument("--heim", choices=("durchschnitt", "teuerste"), default="durchschnitt", help="Vergleichsheim")
    p.add_argument("--bewohner", type=ganzzahl("1 bis 12"), default=None, metavar="N", help="Bewohner der WG (Standard der Kreisdatei)")
    p.add_argument("--daten", default=None, metavar="DATEI", help="Kreisdatei (Standard data/landkreis_konstanz.yaml)")
    p.add_argument("--szenario", default=None, metavar="DATEI", help="Szenariodatei; nimmt daraus die Verweildauerkurve (verweildauer)")
    p.add_argument("--wohngruppenzuschlag", action="store_true", help="§ 38a SGB XI auf die Präsenzkraft anrechnen (Standard nein, BSG B 8 SO 14/16 R)")
    p.add_argument("--entlastungsbetrag", action="store_true", help="§ 45b SGB XI auf die Pflegerechnung anrechnen (Standard nein, § 13 Abs. 3a SGB XI)")
    p.add_argument("--umwandlung", default="0", metavar="ANTEIL", help="Umwandlung der Sachleistung § 45a Abs. 4 SGB XI, 0 bis 0.40 (Standard 0)")
    p.add_argument("--hlu", action="store_true", help="Hilfe zum Lebensunterhalt mitrechnen (Bewohner unter der Regelaltersgrenze)")
    p.add_argument("--json", action="store_true", help="Ausgabe als JSON")
    p.set_defaults(ausfuehren=ausfuehren)


def optionen_aus(args):
    """The Vollkosten options from the command line."""
    from ..modell.vollkosten import Optionen

    umwandlung = str(args.umwandlung).replace(",", ".")
    return Optionen(wohngruppenzuschlag_anrechnen=args.wohngruppenzuschlag, entlastungsbetrag_anrechnen=args.entlastungsbetrag,
                    umwandlung_anteil=umwandlung, hilfe_zum_lebensunterhalt=args.hlu)


def aufenthalt_ergebnis(args) -> dict:
    from ..kreis.szenario import load_szenario
    from ..modell.aufenthalt import Verweildauer, aufenthalt
    from ..modell.landkreis import load_landkreis
    from ..modell.zeitstand import rechtsstand_json
    from ..recht import sgb_xi
    from ..recht.parameter import load_parameters

    params = load_parameters(args.stichtag)
    landkreis = load_landkreis(args.daten).zum(params.stichtag)
    o = optionen_aus(args)
    sgb_xi.pruefe_umwandlungsanteil(o.umwandlung_anteil, params)
    v = Verweildauer(load_szenario(args.szenario).verweildauer) if args.szenario else Verweildauer()
    a = aufenthalt(int(args.einkommen * 100), args.pflegegrad, params, landkreis, args.monate, v, args.heim, args.bewohner, o)
    d = cents_to_decimal
    return {
        "stichtag": params.stichtag.isoformat(),
        "einkommen": d(int(args.einkommen * 100)),
        "pflegegrad": args.pflegegrad,
        "heim": args.heim,
        "optionen": {"wohngruppenzuschlag_anrechnen": o.wohngruppenzuschlag_anrechnen,
                     "entlastungsbetrag_anrechnen": o.entlastungsbetrag_anrechnen,
                     "umwandlung_anteil": float(o.umwandlung_anteil), "hilfe_zum_lebensunterhalt": o.hilfe_zum_lebensunterhalt},
        "verweildauer": {"punkte": {str(m): float(s) for m, s in v.punkte}, "quelle": v.quelle,
                         "mittlere_dauer_monate": round(float(v.mittlere_dauer()), 2)},
        "preise": landkreis.preise.json(),
        "rechtsstand": rechtsstand_json(params),
        "monate": [
            {"monat": int(m), "stufe": int(s), "gewicht": round(float(g), 6), "heim_m": d(h), "wg_m": d(w),
             "heim_kumuliert": d(hk), "wg_kumuliert": d(wk), "mehrkosten_kumuliert": d(mk)}
            for m, s, g, h, w, hk, wk, mk in zip(a.monat, a.stufe, a.gewicht, a.heim_m, a.wg_m, a.heim_kumuliert,
                                                 a.wg_kumuliert, a.mehrkosten_kumuliert)
        ],
        "erwartet": {k: d(v_) for k, v_ in a.erwartet.items()},
        "wendemonat": a.wendemonat,
        "_params": params,
        "_landkreis": landkreis,
    }


def aufenthalt_text(e: dict) -> str:
    lk, params = e["_landkreis"], e["_params"]
    c = lambda x: int(x * 100)  # noqa: E731
    z = [
        f"Erwartete Kosten eines Platzes über den Aufenthalt – {lk.landkreis} (Kreisdaten vom {datum(lk.stand)})",
        f"Stichtag {datum(params.stichtag)} · Einkommen {euro(c(e['einkommen']))} · Pflegegrad {e['pflegegrad']} · "
        f"Vollkosten (Präsenzkraft, Pflege über der Sachleistung, ein Einkommenseinsatz)",
        f"Verweildauer: mittlere Dauer {str(e['verweildauer']['mittlere_dauer_monate']).replace('.', ',')} Monate; "
        f"{e['verweildauer']['quelle']}",
        "",
        f"  {'Monat':>5} {'Stufe':>5} {'Gewicht':>8} {'Heim kumuliert':>16} {'WG kumuliert':>16} {'Mehrkosten kum.':>16}",
    ]
    for m in e["monate"]:
        if m["monat"] in (1, 6) or m["monat"] % 12 == 0 or m["monat"] == len(e["monate"]):
            z.append(f"  {m['monat']:>5} {m['stufe']:>5} {m['gewicht']:>8.3f} {euro(c(m['heim_kumuliert'])):>16} "
                     f"{euro(c(m['wg_kumuliert'])):>16} {euro(c(m['mehrkosten_kumuliert'])):>16}")
    er = e["erwartet"]
    z += ["", f"Erwartet je Platz: Heim {euro(c(er['heim']))}, WG {euro(c(er['wg']))}, Mehrkosten WG {euro(c(er['mehrkosten']))}.",
          f"Wendemonat der kumulierten Mehrkosten: {e['wendemonat'] or 'keiner (das Vorzeichen bleibt)'}.",
          "Recht und Preise des Stichtags für jeden Monat; Leistungszuschlag nach Monat des Aufenthalts (§ 43c SGB XI).",
          lk.preise.text() + "."]
    return "\n".join(z)


def ausfuehren(args) -> int:
    e = aufenthalt_ergebnis(args)
    melde_hinweise(e["_params"], e["_landkreis"])
    if args.json:
        print(dumps_decimal({k: v for k, v in e.items() if not k.startswith("_")}))
    else:
        print(aufenthalt_text(e))
    return 0
