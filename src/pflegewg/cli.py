"""Command line: `pflegewg fall`, `pflegewg abgleich` (and the report commands).

Bad input ends with exit code 2 and one line that names the field and the allowed range.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from decimal import Decimal, InvalidOperation

import numpy as np

from .format import datum, euro, euro_ganz, prozent
from .geld import EingabeFehler, cents_to_decimal
from .parameter import ABDECKUNG_BIS, ABDECKUNG_VON, ParameterDateiFehler

EXIT_EINGABE = 2


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors and exit code 2."""

    def error(self, message):
        message = re.sub(r"^argument ", "", message)
        raise _Abbruch(message)


class _Abbruch(Exception):
    pass


def _einkommen(text: str) -> Decimal:
    try:
        d = Decimal(text.replace(",", ".")) if "," in text and "." not in text else Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"{text!r} ist keine Zahl (erlaubt: ab 0 Euro, z. B. 1800 oder 1800.50)")
    if not d.is_finite() or d < 0 or d != d.quantize(Decimal("0.01")):
        raise argparse.ArgumentTypeError(f"{text} nicht erlaubt (erlaubt: ab 0 Euro, höchstens zwei Nachkommastellen)")
    return d


def _ganzzahl(bereich: str):
    def parse(text: str) -> int:
        try:
            return int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} ist keine ganze Zahl (erlaubt: {bereich})")

    return parse


def _stichtag_hilfe() -> str:
    return f"Stichtag JJJJ-MM-TT, {ABDECKUNG_VON.isoformat()} bis {ABDECKUNG_BIS.isoformat()} (Standard 2023-01-01)"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="pflegewg", description="Kostenvergleich Pflege-WG / Pflegeheim für die Hilfe zur Pflege (SGB XII)")
    sub = parser.add_subparsers(dest="befehl", required=True, parser_class=_Parser)

    fall = sub.add_parser("fall", help="ein Fall: Anteil des Landkreises in WG und Heim, Mehrkosten je Stufe")
    fall.add_argument("--einkommen", type=_einkommen, required=True, metavar="EURO", help="Nettoeinkommen in Euro je Monat (ab 0)")
    fall.add_argument("--pflegegrad", type=_ganzzahl("2 bis 5"), required=True, metavar="N", help="Pflegegrad 2 bis 5")
    fall.add_argument("--stichtag", default="2023-01-01", help=_stichtag_hilfe())
    fall.add_argument("--heim", choices=("durchschnitt", "teuerste"), default="durchschnitt", help="Vergleichsheim (Standard durchschnitt)")
    fall.add_argument("--bewohner", type=_ganzzahl("1 bis 12"), default=None, metavar="N", help="Bewohner der WG, 1 bis 12 (Standard 12)")
    fall.add_argument("--daten", default=None, metavar="DATEI", help="Kreisdatei (Standard data/landkreis_konstanz.yaml)")
    fall.add_argument("--json", action="store_true", help="Ausgabe als JSON")

    abgl = sub.add_parser("abgleich", help="Modell gegen die Tabellen der Drucksache 2023/020 halten")
    abgl.add_argument("--json", action="store_true", help="alle Zellen als JSON")

    ber = sub.add_parser("bericht", help="Sitzungsbericht: Notebooks ausführen, HTML, PDF, XLSX nach reports/<sitzung>/")
    ber.add_argument("--sitzung", default=None, metavar="JJJJ-MM-TT", help="Sitzungstag (Standard 2023-02-13, die Sitzung der Drucksache)")
    ber.add_argument("--stichtag", default=None, help="Rechtsstand JJJJ-MM-TT (Standard: laut data/sitzungen.csv, sonst der Sitzungstag)")
    ber.add_argument("--daten", default=None, metavar="DATEI", help="Kreisdatei (Standard data/landkreis_konstanz.yaml)")
    ber.add_argument("--ausgabe", default=None, metavar="ORDNER", help="Zielordner (Standard reports/)")
    ber.add_argument("--gremium", default=None, help="Gremium (Standard laut sitzungen.csv, sonst Sozialausschuss)")
    ber.add_argument("--drucksache", default=None, help="Drucksachen-Nummer (Standard laut sitzungen.csv)")
    ber.add_argument("--heim", choices=("durchschnitt", "teuerste"), default="durchschnitt", help="Vergleichsheim der Fallbeispiele")
    ber.add_argument("--szenario", default=None, metavar="DATEI.yaml", help="Szenario für das Kapitel Kreis-Kostenrisiko")
    ber.add_argument("--faellig", action="store_true", help="alle Sitzungen der nächsten --tage Tage ohne Bericht erstellen (für cron)")
    ber.add_argument("--tage", type=_ganzzahl("0 bis 366"), default=14, metavar="N", help="Vorlauf für --faellig in Tagen (Standard 14)")
    ber.add_argument("--heute", default=None, metavar="JJJJ-MM-TT", help=argparse.SUPPRESS)

    from . import _cli_erweiterungen

    _cli_erweiterungen.register(sub)
    return parser


# --- fall -----------------------------------------------------------------------------------


def fall_ergebnis(einkommen: Decimal, pflegegrad: int, stichtag, heim: str, bewohner, daten) -> dict:
    """The `fall` result as plain Python (Decimal euros), shared by text and JSON output."""
    from .landkreis import load_landkreis
    from .parameter import load_parameters
    from .vergleich import STUFEN, satz_label, vergleich

    landkreis = load_landkreis(daten)
    params = load_parameters(stichtag)
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
        "wg": {
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


def dumps_decimal(obj) -> str:
    """JSON with Decimal amounts written as numbers with exactly two decimals."""

    def enc(o):
        if isinstance(o, Decimal):
            return f"__DEC__{o:.2f}__"
        raise TypeError(type(o))

    return re.sub(r'"__DEC__(-?[0-9]+\.[0-9]{2})__"', r"\1", json.dumps(obj, default=enc, ensure_ascii=False, indent=2))


def _cents(d: Decimal) -> int:
    return int(d * 100)


def fall_text(e: dict) -> str:
    lk, params = e["_landkreis"], e["_params"]
    heim = lk.heim(e["heim"])
    quote = lk.einsatzquote[e["pflegegrad"]]
    zeilen = [
        f"Kostenvergleich Pflege-WG / Pflegeheim – {lk.landkreis} (Kreisdaten vom {datum(lk.stand)})",
        f"Stichtag {datum(params.stichtag)} · Einkommen {euro(_cents(e['einkommen']))} · Pflegegrad {e['pflegegrad']}",
        f"Heim: {heim.bezeichnung} · WG mit {e['bewohner']} Bewohnern",
        "",
        "Pflege-WG, je Bewohner und Monat",
        f"  {'Präsenzkraft (§ 13 WTPG)':<44}{euro(_cents(e['wg']['praesenzkraft_m'])):>14}",
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
        ("Anteil des Landkreises", "anteil_landkreis_m"),
        ("Mehrkosten WG je Monat", "mehrkosten_wg_m"),
        ("Mehrkosten WG je Jahr", "mehrkosten_wg_y"),
    ):
        zeilen.append(f"  {label:<30}" + "".join(f"{euro(_cents(s[key])):>14}" for s in e["stufen"]))
    zeilen.append("")
    zeilen.append("Mehrkosten = Anteil des Landkreises in der WG − im Heim; Jahr = 12 × Monat.")
    return "\n".join(zeilen)


def cmd_fall(args) -> int:
    e = fall_ergebnis(args.einkommen, args.pflegegrad, args.stichtag, args.heim, args.bewohner, args.daten)
    if args.json:
        print(dumps_decimal({k: v for k, v in e.items() if not k.startswith("_")}))
    else:
        print(fall_text(e))
    return 0


# --- abgleich -------------------------------------------------------------------------------


def cmd_abgleich(args) -> int:
    from .abgleich import abgleich, referenz, zusammenfassung

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


# --- bericht --------------------------------------------------------------------------------


def cmd_bericht(args) -> int:
    import datetime as dt
    import time

    from . import bericht

    if args.faellig:
        if not 0 <= args.tage <= 366:
            raise EingabeFehler(f"tage: {args.tage} nicht erlaubt (erlaubt: 0 bis 366)")
        heute = bericht._parse_datum("heute", args.heute) if args.heute else dt.date.today()
        from .landkreis import load_landkreis

        landkreis = load_landkreis(args.daten)
        basis = Path(args.ausgabe) if args.ausgabe else bericht.REPORTS_DIR
        faellig = bericht.faellige_sitzungen(landkreis, heute, args.tage, basis)
        if not faellig:
            print(f"Keine fälligen Sitzungen ohne Bericht bis {datum(heute + dt.timedelta(days=args.tage))}.")
            return 0
        fehler = 0
        for s in faellig:
            try:
                ziel = bericht.run_report(s.datum.isoformat(), args.stichtag, args.daten, basis, heim=args.heim,
                                          szenario=args.szenario)
                print(f"Bericht erstellt: {ziel}")
            except (bericht.BerichtFehler, EingabeFehler, ParameterDateiFehler) as exc:
                print(f"pflegewg: Fehler beim Bericht zur Sitzung {datum(s.datum)}: {exc}", file=sys.stderr)
                fehler += 1
        return 1 if fehler else 0

    t0 = time.monotonic()
    try:
        ziel = bericht.run_report(args.sitzung, args.stichtag, args.daten, args.ausgabe, args.gremium, args.drucksache,
                                  args.heim, args.szenario)
    except bericht.BerichtFehler as exc:
        print(f"pflegewg: Bericht nicht erstellt, ein bestehender Bericht bleibt unverändert. {exc}", file=sys.stderr)
        return 1
    print(f"Bericht erstellt in {time.monotonic() - t0:.1f} s: {ziel}")
    for name in ("bericht.html", "bericht.pdf", "tabellen.xlsx", "manifest.json"):
        print(f"  {ziel / name}")
    return 0


BEFEHLE = {"fall": cmd_fall, "abgleich": cmd_abgleich, "bericht": cmd_bericht}


def main(argv=None) -> int:
    from . import _cli_erweiterungen

    try:
        args = build_parser().parse_args(argv)
        befehl = BEFEHLE.get(args.befehl) or _cli_erweiterungen.BEFEHLE[args.befehl]
        return befehl(args)
    except (_Abbruch, EingabeFehler, ParameterDateiFehler) as exc:
        print(f"pflegewg: Fehler: {exc}", file=sys.stderr)
        return EXIT_EINGABE


if __name__ == "__main__":
    sys.exit(main())
