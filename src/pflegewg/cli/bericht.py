"""`pflegewg bericht`: the committee report of one session, or of every session due (`--faellig`)."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time

from ..basis.dateien import ParameterDateiFehler
from ..basis.format import datum
from ..basis.geld import EingabeFehler
from ..bericht.kapitellauf import BerichtFehler, Kapitellauf, kernelzahl
from .gemeinsam import DATEN_HILFE, abbruch_code, datum_text, ganzzahl


def register(sub) -> None:
    """Add the `bericht` subparser."""
    p = sub.add_parser("bericht", help="Sitzungsbericht: Notebooks ausführen, HTML, PDF, XLSX nach reports/<kreis>/<sitzung>/")
    p.add_argument("--sitzung", type=datum_text, default=None, metavar="JJJJ-MM-TT",
                   help="Sitzungstag (Standard: die nächste Sitzung im Sitzungskalender der Kreisdatei, sonst die letzte)")
    p.add_argument("--stichtag", default=None, metavar="JJJJ-MM-TT",
                   help="Rechtsstand (Standard: laut Sitzungskalender, sonst der Sitzungstag)")
    p.add_argument("--daten", default=None, metavar="DATEI", help=DATEN_HILFE)
    p.add_argument("--ausgabe", default=None, metavar="ORDNER",
                   help="Zielordner; der Bericht entsteht in ORDNER/<sitzung>/ (Standard reports/<kreis>/)")
    p.add_argument("--gremium", default=None, help="Gremium (Standard laut Sitzungskalender, sonst Sozialausschuss)")
    p.add_argument("--drucksache", default=None, metavar="NUMMER", help="Drucksachen-Nummer (Standard laut Sitzungskalender)")
    p.add_argument("--heim", choices=("durchschnitt", "teuerste"), default="durchschnitt", help="Vergleichsheim der Fallbeispiele")
    p.add_argument("--szenario", default=None, metavar="DATEI.yaml", help="Szenario für das Kapitel Kreis-Kostenrisiko")
    p.add_argument("--faellig", action="store_true", help="alle Sitzungen der nächsten --tage Tage ohne Bericht erstellen (für cron)")
    p.add_argument("--tage", type=ganzzahl("0 bis 366"), default=14, metavar="N", help="Vorlauf für --faellig in Tagen (Standard 14)")
    p.add_argument("--heute", default=None, metavar="JJJJ-MM-TT", help=argparse.SUPPRESS)
    p.set_defaults(ausfuehren=ausfuehren)


ABGEBROCHEN = "Bericht abgebrochen (Strg+C oder SIGTERM); ein bestehender Bericht bleibt unverändert, der temporäre Ordner ist entfernt"


def _eine_zeile(text) -> str:
    return " ".join(str(text).split())


def ausfuehren(args) -> int:
    """Exit 0: report(s) written; 1: a run failed; 130/143: interrupted by Ctrl-C/SIGTERM (the old
    report stays, as after a failure); 2: bad input (raised to `pflegewg.cli.main`)."""
    if args.faellig:
        return _faellig(args)

    t0 = time.monotonic()
    try:
        # the chapters' kernels start first and boot while the report's own modules (the
        # pipeline, then papermill and WeasyPrint) load: about 0,8 s earlier than after them
        with Kapitellauf(kernelzahl()) as lauf:
            from ..bericht import pipeline

            ziel = pipeline.run_report(args.sitzung, args.stichtag, args.daten, args.ausgabe, args.gremium,
                                       args.drucksache, args.heim, args.szenario, lauf=lauf)
    except BerichtFehler as exc:
        print(f"pflegewg: Bericht nicht erstellt, ein bestehender Bericht bleibt unverändert. {_eine_zeile(exc)}",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt as exc:
        print(f"pflegewg: {ABGEBROCHEN}.", file=sys.stderr)
        return abbruch_code(exc)
    print(f"Bericht erstellt in {time.monotonic() - t0:.1f} s: {ziel}")
    for name in ("bericht.html", "bericht.pdf", "tabellen.xlsx", "manifest.json"):
        print(f"  {ziel / name}")
    return 0


def _faellig(args) -> int:
    """Every session due without a report; a failing session does not stop the others, every
    failure is named again at the end (one line each), exit 1 if any failed."""
    from ..bericht import pipeline as bericht
    from ..modell.landkreis import load_landkreis

    if not 0 <= args.tage <= 366:
        raise EingabeFehler(f"tage: {args.tage} nicht erlaubt (erlaubt: 0 bis 366)")
    heute = bericht._parse_datum("heute", args.heute) if args.heute is not None else dt.date.today()
    daten, szenario = bericht.pfad(args.daten), bericht.pfad(args.szenario)
    landkreis = load_landkreis(daten)
    basis = bericht.ausgabeordner(args.ausgabe, landkreis)
    with bericht.sperre(basis):
        bericht.aufraeumen(basis)  # a report restored after a crash is not due again
    faellig = bericht.faellige_sitzungen(landkreis, heute, args.tage, basis)
    if not faellig:
        print(f"Keine fälligen Sitzungen ohne Bericht bis {datum(heute + dt.timedelta(days=args.tage))}.")
        return 0
    fehler, abbruch = [], None
    for s in faellig:
        try:
            ziel = bericht.run_report(s.datum.isoformat(), args.stichtag, daten, basis, heim=args.heim, szenario=szenario)
            print(f"Bericht erstellt: {ziel}")
        except KeyboardInterrupt as exc:
            fehler.append(f"Sitzung {datum(s.datum)}: {ABGEBROCHEN}")
            print(f"pflegewg: {fehler[-1]}.", file=sys.stderr)
            abbruch = abbruch_code(exc)
            break
        except Exception as exc:  # noqa: BLE001 - any failure of one session must not stop the others
            grund = _eine_zeile(exc) if isinstance(exc, (bericht.BerichtFehler, EingabeFehler, ParameterDateiFehler)) \
                else f"{type(exc).__name__}: {_eine_zeile(exc)}"
            fehler.append(f"Sitzung {datum(s.datum)}: {grund}")
            print(f"pflegewg: Fehler beim Bericht zur Sitzung {datum(s.datum)}: {grund}", file=sys.stderr)
    if fehler:
        print(f"pflegewg: {len(fehler)} von {len(faellig)} fälligen Berichten nicht erstellt "
              "(bestehende Berichte bleiben unverändert):", file=sys.stderr)
        for zeile in fehler:
            print(f"pflegewg:   {zeile}", file=sys.stderr)
        return abbruch or 1
    return 0
