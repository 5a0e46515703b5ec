"""`pflegewg prognose`: Finanzplanung, the county's yearly costs of the provider-supported WGs.

    pflegewg prognose [--von JAHR] [--bis JAHR] [--szenario DATEI.yaml] [--daten DATEI] [--json]

Per year (Stichtag 1 July): expected costs in the WGs open that year and for the same persons
in homes, the Mehrkosten and their Monte-Carlo band P10/P50/P90 (rules: `pflegewg.kreis.prognose`).
Bad input (--bis before --von, more than 15 years, not a whole number) ends with exit code 2
and one line naming the option and the allowed range (see pflegewg.cli.main).
"""
from __future__ import annotations

import sys

from ..basis.format import datum, euro, zahl

SPALTEN_TEXT = (("Jahr", 4), ("WGs", 3), ("Plätze", 6), ("Kosten WG", 16), ("Kosten Heim", 16), ("Mehrkosten", 16),
                ("P10", 16), ("P50", 16), ("P90", 16), ("Präsenzkr./Std.", 15))


def register(sub) -> None:
    """Add the `prognose` subparser."""
    from ..kreis.planungsrahmen import JAHR_BIS, JAHR_VON, JAHRE_HOECHST
    from .gemeinsam import ganzzahl

    p = sub.add_parser("prognose", help="Finanzplanung: Kosten des Landkreises für die anbietergestützten WGs je Jahr")
    bereich = f"{JAHR_VON} bis {JAHR_BIS}"
    p.add_argument("--von", type=ganzzahl(bereich), default=None, metavar="JAHR",
                   help=f"erstes Jahr, {bereich} (Standard: Jahr des Stichtags im Szenario)")
    p.add_argument("--bis", type=ganzzahl(bereich), default=None, metavar="JAHR",
                   help=f"letztes Jahr, höchstens {JAHRE_HOECHST} Jahre (Standard: --von und vier weitere Jahre)")
    p.add_argument("--szenario", default=None, metavar="DATEI", help="Szenariodatei (YAML), Schlüssel wie pflegewg.kreis.szenario.SCHLUESSEL")
    p.add_argument("--daten", default=None, metavar="DATEI", help="Kreisdatei (Standard data/landkreis_konstanz.yaml)")
    p.add_argument("--json", action="store_true", help="Ausgabe als JSON")
    p.set_defaults(ausfuehren=ausfuehren)


def prognose_json(p) -> dict:
    """The plan as plain Python: amounts as Decimal euros (two decimals in the JSON text)."""
    from ..basis.geld import cents_to_decimal as d
    from ..kreis.szenario import anteil_json, szenario_dict

    szenario = szenario_dict(p.szenario, p.landkreis.zum(p.szenario.stichtag))
    szenario.update({feld: anteil_json(st.rate) for feld, st in p.raten.items()},
                    eroeffnung_geplant_ohne_jahr=p.szenario.eroeffnung_geplant_ohne_jahr)
    jahre = []
    for z in p.jahre.itertuples():
        r = p.ergebnisse[z.jahr]
        jahre.append({
            "jahr": int(z.jahr), "stichtag": z.stichtag.isoformat(),
            **{k: d(getattr(z, k)) for k in ("kosten_wg_y", "kosten_heim_y", "mehrkosten_y",
                                            "mehrkosten_p10_y", "mehrkosten_p50_y", "mehrkosten_p90_y")},
            "wgs": [int(n) for n in r.wgs["nr"]], "plaetze": int(z.plaetze),
            "preise": {"praesenzkraft_stundensatz": d(z.praesenzkraft_stundensatz), "heim_gesamt_m": d(z.heim_gesamt_m),
                       "monate_preissteigerung": int(z.monate_preissteigerung),
                       "monate_lohnsteigerung": int(z.monate_lohnsteigerung)},
        })
    return {
        "von": p.von, "bis": p.bis, "landkreis": p.landkreis.landkreis,
        "szenario": szenario,
        "steigerungen": {feld: {"rate": anteil_json(st.rate), "abgeleitet": st.abgeleitet, "text": st.text()}
                         for feld, st in p.raten.items()},
        "eroeffnungen": [{"nr": int(w.nr), "name": w.name, "status": w.status,
                          "jahr": None if w.eroeffnung_jahr is None or w.eroeffnung_jahr != w.eroeffnung_jahr else int(w.eroeffnung_jahr),
                          "angenommen": bool(w.eroeffnung_angenommen)} for w in p.wgs.itertuples()],
        "ziehungen": p.ziehungen, "seed": p.seed,
        "jahre": jahre,
        "hinweise": list(p.hinweise),
    }


def _zeile(werte) -> str:
    return "  ".join(f"{w:>{b}}" for (_, b), w in zip(SPALTEN_TEXT, werte)).rstrip()


def prognose_text(p) -> str:
    """German table per year, then the opening years and the rates used."""
    lk = p.landkreis
    zeilen = [
        f"Finanzplanung Pflege-WGs {p.von}–{p.bis} – {lk.landkreis} (Kreisdaten vom {datum(lk.stand)})",
        "Kosten des Landkreises je Jahr (Hilfe zur Pflege) für die Empfänger in den anbietergestützten WGs und, für "
        f"dieselben Personen, im Heim; Stichtag je Jahr 1. Juli; Band P10/P50/P90 der Mehrkosten aus {zahl(p.ziehungen)} Ziehungen",
        "",
        _zeile([t for t, _ in SPALTEN_TEXT]),
    ]
    for z in p.jahre.itertuples():
        zeilen.append(_zeile([z.jahr, z.wgs, z.plaetze, euro(z.kosten_wg_y), euro(z.kosten_heim_y), euro(z.mehrkosten_y),
                              euro(z.mehrkosten_p10_y), euro(z.mehrkosten_p50_y), euro(z.mehrkosten_p90_y),
                              euro(z.praesenzkraft_stundensatz)]))
    zeilen += ["", "Eröffnung (eine WG zählt ab ihrem Eröffnungsjahr das ganze Jahr; Spanne JJJJ/JJJJ: ab dem ersten Jahr):"]
    for w in p.wgs.itertuples():
        jahr = "immer" if w.eroeffnung_jahr is None or w.eroeffnung_jahr != w.eroeffnung_jahr else str(int(w.eroeffnung_jahr))
        marke = "  (ANNAHME: eroeffnung_geplant_ohne_jahr)" if w.eroeffnung_angenommen else ""
        zeilen.append(f"  {w.name[:40]:<40} {w.status:<10} ab {jahr}{marke}")
    zeilen += ["", "Steigerung nach dem letzten beobachteten Stand:",
               f"  Heimkosten                     {p.raten['preissteigerung_heim'].text()}",
               f"  Stundensatz der Präsenzkraft   {p.raten['lohnsteigerung_praesenzkraft'].text()}"]
    return "\n".join(zeilen)


def ausfuehren(args) -> int:
    from ..kreis.prognose import prognose
    from ..kreis.szenario import load_szenario
    from ..modell.landkreis import load_landkreis
    from .gemeinsam import dumps_decimal

    p = prognose(load_szenario(args.szenario), load_landkreis(args.daten), von=args.von, bis=args.bis)
    for zeile in p.hinweise:
        print(f"pflegewg: Hinweis: {zeile}", file=sys.stderr)
    print(dumps_decimal(prognose_json(p)) if args.json else prognose_text(p))
    return 0
