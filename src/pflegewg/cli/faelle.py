"""`pflegewg faelle`: the county's share per case of an anonymised case list, in the actual
setting and in the other one, and totals.

    pflegewg faelle --datei FILE.csv|FILE.xlsx [--stichtag] [--daten] [--heim] [--json] [--fehler-ueberspringen]

Every bad row is listed (stderr, and in the JSON under `fehler`) with its line and reason; with bad
rows the command ends with exit code 2, with --fehler-ueberspringen with 0 (still listing them).
"""
from __future__ import annotations

import sys
from decimal import Decimal

import numpy as np

from ..basis.format import datum, euro
from .gemeinsam import EXIT_EINGABE, dumps_decimal, melde_hinweise, stichtag_hilfe

FALL_FELDER = ("anteil_landkreis_heim_m", "anteil_landkreis_wg_m", "mehrkosten_wg_m",
               "anteil_landkreis_tatsaechlich_m", "anteil_landkreis_andere_m")


def register(sub) -> None:
    """Add the `faelle` subparser."""
    p = sub.add_parser("faelle", help="Fallliste des Sozialamts (CSV/Excel): Anteil des Landkreises je Fall in Heim und WG, Summen")
    p.add_argument("--datei", required=True, metavar="DATEI", help="Fallliste .csv oder .xlsx (Spalten pflegegrad,einkommen_m,wohnform[,monate,stufe,wg])")
    p.add_argument("--stichtag", default="2023-01-01", help=stichtag_hilfe())
    p.add_argument("--daten", default=None, metavar="KREISDATEI", help="Kreisdatei (Standard data/landkreis_konstanz.yaml)")
    p.add_argument("--heim", choices=("durchschnitt", "teuerste"), default="durchschnitt", help="Vergleichsheim")
    p.add_argument("--json", action="store_true", help="Ausgabe als JSON")
    p.add_argument("--fehler-ueberspringen", action="store_true", help="fehlerhafte Zeilen auflisten, aber mit Exit-Code 0 enden")
    p.set_defaults(ausfuehren=ausfuehren)


def faelle_ergebnis(datei, stichtag="2023-01-01", daten=None, heim="durchschnitt"):
    """(cases, per-case columns in cents, parameter set, county data, register)."""
    from ..basis.geld import EingabeFehler
    from ..modell.faelle import faelle_rechnen, ist_tabellendatei, lese_faelle
    from ..modell.landkreis import load_landkreis, load_wg_register
    from ..recht.parameter import load_parameters

    if not ist_tabellendatei(datei):
        raise EingabeFehler(f"datei: {str(datei)[-60:]!r} nicht erlaubt (erlaubt: eine Fallliste .csv oder .xlsx)")
    params = load_parameters(stichtag)
    landkreis = load_landkreis(daten).zum(params.stichtag)
    register = load_wg_register(landkreis) if landkreis.wg_register_datei is not None else None
    liste = lese_faelle(datei, register)
    return liste, faelle_rechnen(liste, params, landkreis, heim, register), params, landkreis


def _summe(liste, r) -> dict:
    from ..basis.geld import cents_to_decimal as d

    ist_heim = liste.wohnform == "heim"
    return {
        "faelle": len(liste),
        "heim": int(ist_heim.sum()),
        "wg": int((~ist_heim).sum()),
        "stufe_angenommen": int(liste.stufe_angenommen.sum()),
        **{k: d(int(np.asarray(r[k], dtype=np.int64).sum())) for k in FALL_FELDER},
    }


def faelle_json(liste, r, params) -> dict:
    cols = {k: (np.asarray(v, dtype=np.int64) // 1).tolist() for k, v in r.items()}

    def d(c: int) -> Decimal:
        return Decimal(c).scaleb(-2)

    faelle = []
    for i, (z, pg, e, wf, s, ang) in enumerate(zip(liste.zeile.tolist(), liste.pflegegrad.tolist(), liste.einkommen_m.tolist(),
                                                   liste.wohnform.tolist(), liste.stufe.tolist(), liste.stufe_angenommen.tolist())):
        faelle.append({"zeile": z, "pflegegrad": pg, "einkommen_m": d(e), "wohnform": wf, "stufe": s,
                       **{k: d(cols[k][i]) for k in FALL_FELDER}, "stufe_angenommen": ang})
    return {
        "stichtag": params.stichtag.isoformat(),
        "datei": liste.datei,
        "faelle": faelle,
        "summe": _summe(liste, r),
        "fehler": [{"zeile": z, "grund": g} for z, g in liste.fehler],
    }


def faelle_text(liste, r, params, landkreis) -> str:
    s = _summe(liste, r)
    c = lambda x: int(x * 100)  # noqa: E731
    z = [
        f"Fallliste {liste.datei} – {landkreis.landkreis} (Kreisdaten vom {datum(landkreis.stand)}), Stichtag {datum(params.stichtag)}",
        f"{s['faelle']} Fälle ({s['heim']} im Heim, {s['wg']} in der WG), {len(liste.fehler)} fehlerhafte Zeilen",
        "",
        "Anteil des Landkreises je Monat, Summe über alle Fälle",
        f"  {'im Heim (Stufe je Fall)':<44}{euro(c(s['anteil_landkreis_heim_m'])):>18}",
        f"  {'in der Pflege-WG':<44}{euro(c(s['anteil_landkreis_wg_m'])):>18}",
        f"  {'Mehrkosten WG':<44}{euro(c(s['mehrkosten_wg_m'])):>18}",
        f"  {'in der tatsächlichen Wohnform':<44}{euro(c(s['anteil_landkreis_tatsaechlich_m'])):>18}",
        f"  {'in der jeweils anderen Wohnform':<44}{euro(c(s['anteil_landkreis_andere_m'])):>18}",
        "",
        "Regel wie pflegewg fall (Präsenzkraft gegen pflegebedingten Eigenanteil). WG-Bewohner ohne Monate/Stufe:",
        "im Heim Stufe 1 (§ 43c SGB XI zählt nur Monate vollstationärer Pflege). Je Fall: --json.",
    ]
    return "\n".join(z)


def ausfuehren(args) -> int:
    liste, r, params, landkreis = faelle_ergebnis(args.datei, args.stichtag, args.daten, args.heim)
    melde_hinweise(params, landkreis)
    for _, grund in liste.fehler:
        print(f"pflegewg: Fehler: {grund}", file=sys.stderr)
    if args.json:
        print(dumps_decimal(faelle_json(liste, r, params)))
    else:
        print(faelle_text(liste, r, params, landkreis))
    if liste.fehler and not args.fehler_ueberspringen:
        print(f"pflegewg: {len(liste.fehler)} fehlerhafte Zeilen in {liste.datei} (mit --fehler-ueberspringen Exit-Code 0)",
              file=sys.stderr)
        return EXIT_EINGABE
    return 0
