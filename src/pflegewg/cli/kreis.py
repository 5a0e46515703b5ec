"""`pflegewg kreis`: the county's yearly cost of the provider-supported WGs, per WG and in total.

    pflegewg kreis [--stichtag JJJJ-MM-TT] [--szenario DATEI.yaml] [--daten DATEI] [--json]

Bad input (unknown scenario key, value out of range)
ends with exit code 2 and one line naming the key and the allowed range (see pflegewg.cli.main).
"""
from __future__ import annotations

import dataclasses

from ..basis.format import datum, euro, zahl
from ..recht.wtpg import praesenz_grundlage
from .gemeinsam import DATEN_HILFE

SPALTEN_TEXT = (
    ("Nr", 3), ("WG", 26), ("Ort", 19), ("Status", 10), ("Plätze", 6), ("Bew.", 5),
    ("Präsenzkr./Mon.", 16), ("HzP-Empf.", 10), ("Kosten WG/Jahr", 16), ("Kosten Heim/Jahr", 17), ("Mehrkosten/Jahr", 16),
)


def register(sub) -> None:
    """Add the `kreis` subparser."""
    p = sub.add_parser("kreis", help="kreisweit: Kosten des Landkreises für die anbietergestützten WGs, je WG und gesamt")
    p.add_argument("--stichtag", default=None, help="Stichtag JJJJ-MM-TT ab 2022-01-01 (Standard: aus dem Szenario, sonst 2023-01-01)")
    p.add_argument("--szenario", default=None, metavar="DATEI", help="Szenariodatei (YAML), Schlüssel wie pflegewg.kreis.szenario.FELDER")
    p.add_argument("--daten", default=None, metavar="DATEI", help=DATEN_HILFE)
    p.add_argument("--json", action="store_true", help="Ausgabe als JSON")
    p.set_defaults(ausfuehren=ausfuehren)


def kreis_ergebnis(stichtag=None, szenario_datei=None, daten=None):
    """Load scenario and county data and run the county model (shared by text and JSON output)."""
    from ..kreis.kreismodell import kreis
    from ..kreis.szenario import load_szenario
    from ..modell.landkreis import load_landkreis

    s = load_szenario(szenario_datei)
    if stichtag is not None:
        s = dataclasses.replace(s, stichtag=stichtag)
    return kreis(s, load_landkreis(daten))


def kreis_json(r) -> dict:
    """The result as plain Python: amounts as Decimal euros (two decimals in the JSON text)."""
    from ..basis.geld import cents_to_decimal as d
    from ..kreis.szenario import anteil_json, szenario_dict

    def summe(zeile):
        return {
            "wgs": int(zeile["wgs"]), "plaetze": int(zeile["plaetze"]), "bewohner": int(zeile["bewohner"]),
            "empfaenger_hzp": anteil_json(zeile["empfaenger_hzp"]),
            **{k: d(zeile[k]) for k in ("kosten_wg_y", "kosten_heim_y", "mehrkosten_y")},
        }

    from ..modell.zeitstand import rechtsstand_json

    return {
        "stichtag": r.szenario.stichtag.isoformat(),
        "landkreis": r.landkreis.landkreis,
        "preise": r.landkreis.preise.json(),
        "rechtsstand": rechtsstand_json(r.params),
        "szenario": szenario_dict(r.szenario, r.landkreis),
        "wgs": [
            {
                "nr": int(w.nr), "name": w.name, "ort": w.ort, "status": w.status,
                "plaetze": int(w.plaetze), "plaetze_angenommen": bool(w.plaetze_angenommen),
                "bewohner": int(w.bewohner),
                "praesenz_stunden_tag": int(w.praesenz_stunden_tag),
                "praesenzkraft_m": d(w.praesenzkraft_m),
                "praesenzkraft_verbleibend_m": d(w.praesenzkraft_verbleibend_m),
                "empfaenger_hzp": anteil_json(w.empfaenger_hzp),
                "kosten_wg_y": d(w.kosten_wg_y), "kosten_heim_y": d(w.kosten_heim_y), "mehrkosten_y": d(w.mehrkosten_y),
            }
            for w in r.wgs.itertuples()
        ],
        "summe": {g: summe(r.summen.loc[g]) for g in ("bestehend", "geplant", "alle")},
    }


def _zeile(werte) -> str:
    teile = []
    for (titel, breite), wert in zip(SPALTEN_TEXT, werte):
        teile.append(f"{wert:<{breite}}" if titel in ("WG", "Ort", "Status") else f"{wert:>{breite}}")
    return "  ".join(teile).rstrip()


def _kurz(text: str, breite: int) -> str:
    return text if len(text) <= breite else text[: breite - 1] + "…"


def kreis_text(r) -> str:
    """German table per WG and the sums, then the inputs (ANNAHME where assumed)."""
    from ..kreis.szenario import BEZEICHNUNGEN, FELDER, QUELLEN, szenario_texte

    s, lk = r.szenario, r.landkreis
    zeilen = [
        f"Kreisweite Mehrkosten Pflege-WG / Pflegeheim – {lk.landkreis} (Kreisdaten vom {datum(lk.stand)})",
        f"Stichtag {datum(s.stichtag)} · anbietergestützte WGs (§ 4 Abs. 2 WTPG) · Kosten des Landkreises "
        f"(Hilfe zur Pflege) für die Empfänger in der WG und, für dieselben Personen, im Heim",
        "",
        _zeile([t for t, _ in SPALTEN_TEXT]),
    ]
    for w in r.wgs.itertuples():
        plaetze = f"{w.plaetze}*" if w.plaetze_angenommen else str(w.plaetze)
        zeilen.append(_zeile([
            w.nr, _kurz(w.name, 26), _kurz(w.ort, 19), w.status, plaetze, w.bewohner, euro(w.praesenzkraft_m),
            zahl(w.empfaenger_hzp, 2), euro(w.kosten_wg_y), euro(w.kosten_heim_y), euro(w.mehrkosten_y),
        ]))
    zeilen.append("")
    for gruppe, titel in (("bestehend", "Summe bestehend"), ("geplant", "Summe geplant"), ("alle", "Summe alle")):
        z = r.summen.loc[gruppe]
        zeilen.append(_zeile([
            "", titel, f"{z['wgs']} WGs", "", z["plaetze"], z["bewohner"], "", zahl(z["empfaenger_hzp"], 2),
            euro(z["kosten_wg_y"]), euro(z["kosten_heim_y"]), euro(z["mehrkosten_y"]),
        ]))
    if not s.geplante_wgs:
        zeilen.append("  (geplante WGs nicht eröffnet: Szenario geplante_wgs: nein)")
    zeilen += [
        "",
        f"Präsenzkraft je Bewohner: {praesenz_grundlage(r.params)}; bei der Belegung des Szenarios; "
        "HzP-Empf. = erwartete Zahl der Bewohner mit Hilfe zur Pflege; Jahr = 12 × Monat; "
        "Summen = Summen der WGs." + (" * Plätze angenommen." if r.wgs["plaetze_angenommen"].any() else ""),
        "",
        lk.preise.text() + ".",
        "",
        "Eingaben des Szenarios:",
    ]
    texte = szenario_texte(s, lk)
    for k in FELDER:
        if k == "einkommen_verteilung" or (s.einkommen_verteilung is not None and k in ("einkommen_mittel_m", "einkommen_hoechst_m")):
            continue
        marke = "  (ANNAHME)" if QUELLEN[k].startswith("ANNAHME") and _ist_standard(s, k) else ""
        zeilen.append(f"  {BEZEICHNUNGEN[k]:<58}{texte[k]}{marke}")
    zeilen.append(f"  {BEZEICHNUNGEN['einkommen_verteilung']:<58}{texte['einkommen_verteilung']}"
                  + ("  (ANNAHME zur Form)" if s.einkommen_verteilung is None else ""))
    return "\n".join(zeilen)


def _ist_standard(s, feld: str) -> bool:
    from ..kreis.szenario import Szenario

    return getattr(s, feld) == getattr(Szenario(stichtag=s.stichtag), feld)


def ausfuehren(args) -> int:
    from .gemeinsam import dumps_decimal, melde_hinweise

    r = kreis_ergebnis(args.stichtag, args.szenario, args.daten)
    melde_hinweise(r.params, r.landkreis)
    print(dumps_decimal(kreis_json(r)) if args.json else kreis_text(r))
    return 0
