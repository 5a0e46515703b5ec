"""`pflegewg kreis`: the county's yearly cost of the provider-supported WGs, per WG and in total.

    pflegewg kreis [--stichtag JJJJ-MM-TT] [--szenario DATEI.yaml] [--daten DATEI] [--json]

Bad input (unknown scenario key, value out of range)
ends with exit code 2 and one line naming the key and the allowed range (see pflegewg.cli.main).
"""
from __future__ import annotations

import dataclasses
import textwrap

from ..basis.format import datum, euro, zahl
from ..recht.wtpg import praesenz_grundlage
from .gemeinsam import DATEN_HILFE, anzahl

#: the table's columns: (title line 1, title line 2, right-aligned); fits 100 columns (BREITE)
SPALTEN_TEXT = (
    ("", "Nr", True), ("", "WG (Ort)", False), ("", "Bew.", True), ("Präsenz-", "kraft/Kopf", True),
    ("HzP-", "Empf.", True), ("Kosten WG", "je Jahr", True), ("Kosten Heim", "je Jahr", True), ("Mehrkosten", "je Jahr", True),
)
#: the width of a terminal the text output must fit
BREITE = 100
#: the widest name of a WG (with its place) in the table; longer ones end with '…'
WG_BREITE = 29
GRUPPEN = (("bestehend", "Bestehende WGs", "Summe bestehend"), ("geplant", "Geplante WGs", "Summe geplant"))


def register(sub) -> None:
    """Add the `kreis` subparser."""
    p = sub.add_parser("kreis", help="kreisweit: Kosten des Landkreises für die anbietergestützten WGs, je WG und gesamt")
    p.add_argument("--stichtag", default=None, metavar="JJJJ-MM-TT", help="Stichtag JJJJ-MM-TT ab 2022-01-01 (Standard: aus dem Szenario, sonst 2023-01-01)")
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


def _tabelle(zeilen: list) -> list[str]:
    """Rows (lists of cell texts, or a str for a line of its own) as aligned text, two title lines."""
    breiten = [max([len(a), len(b)] + [len(z[i]) for z in zeilen if not isinstance(z, str)])
               for i, (a, b, _) in enumerate(SPALTEN_TEXT)]

    def zeile(werte) -> str:
        teile = [f"{w:>{b}}" if rechts else f"{w:<{b}}" for w, b, (_, _, rechts) in zip(werte, breiten, SPALTEN_TEXT)]
        return "  ".join(teile).rstrip()

    text = [zeile([a for a, _, _ in SPALTEN_TEXT]), zeile([b for _, b, _ in SPALTEN_TEXT])]
    return text + [z if isinstance(z, str) else zeile(z) for z in zeilen]


def _kurz(text: str, breite: int) -> str:
    return text if len(text) <= breite else text[: breite - 1] + "…"


def _absatz(text: str, einzug: str = "", folgend: str = "") -> str:
    return textwrap.fill(text, BREITE, initial_indent=einzug, subsequent_indent=folgend, break_on_hyphens=False)


def kreis_text(r) -> str:
    """German table per WG (existing, then planned) and the sums, then the inputs (ANNAHME where
    assumed); every line at most BREITE (100) characters."""
    from ..kreis.szenario import BEZEICHNUNGEN, FELDER, quellen, szenario_texte

    s, lk = r.szenario, r.landkreis
    zeilen = [
        _absatz(f"Kreisweite Mehrkosten Pflege-WG / Pflegeheim – {lk.landkreis} (Kreisdaten vom {datum(lk.stand)})"),
        _absatz(f"Stichtag {datum(s.stichtag)} · anbietergestützte WGs (§ 4 Abs. 2 WTPG) · Kosten des Landkreises "
                "(Hilfe zur Pflege) für die Empfänger in der WG und, für dieselben Personen, im Heim"),
        "",
    ]
    tabelle: list = []
    for gruppe, titel, summe in GRUPPEN:
        wgs = [w for w in r.wgs.itertuples() if w.status == gruppe]
        if not wgs:
            continue
        tabelle.append(f"{titel}:")
        for w in wgs:
            name = w.name if not w.ort or w.ort in w.name else f"{w.name} ({w.ort})"
            tabelle.append([str(w.nr), _kurz(name, WG_BREITE), f"{w.bewohner}*" if w.plaetze_angenommen else str(w.bewohner),
                            euro(w.praesenzkraft_m), zahl(w.empfaenger_hzp, 2), euro(w.kosten_wg_y), euro(w.kosten_heim_y),
                            euro(w.mehrkosten_y)])
        z = r.summen.loc[gruppe]
        tabelle.append(["", f"{summe} ({anzahl(int(z['wgs']), 'WG', 'WGs')})", str(z["bewohner"]), "", zahl(z["empfaenger_hzp"], 2),
                        euro(z["kosten_wg_y"]), euro(z["kosten_heim_y"]), euro(z["mehrkosten_y"])])
        tabelle.append("")
    z = r.summen.loc["alle"]
    tabelle.append(["", f"Summe alle ({anzahl(int(z['wgs']), 'WG', 'WGs')})", str(z["bewohner"]), "", zahl(z["empfaenger_hzp"], 2),
                    euro(z["kosten_wg_y"]), euro(z["kosten_heim_y"]), euro(z["mehrkosten_y"])])
    zeilen += _tabelle(tabelle)
    if not s.geplante_wgs:
        zeilen.append("  (geplante WGs nicht eröffnet: Szenario geplante_wgs: nein)")
    zeilen += [
        "",
        _absatz(f"Bew. = Bewohner bei der Belegung des Szenarios{' (* Plätze angenommen)' if r.wgs['plaetze_angenommen'].any() else ''}; "
                f"Präsenzkraft je Bewohner und Monat: {praesenz_grundlage(r.params)}; HzP-Empf. = erwartete Zahl der "
                "Bewohner mit Hilfe zur Pflege; Kosten des Landkreises je Jahr = 12 × Monat; Summen = Summen der WGs."),
        "",
        _absatz(lk.preise.text() + "."),
        "",
        "Eingaben des Szenarios:",
    ]
    texte, herkunft = szenario_texte(s, lk), quellen(lk)
    breite = max(len(BEZEICHNUNGEN[k]) for k in FELDER) + 4
    for k in FELDER:
        if k == "einkommen_verteilung" or (s.einkommen_verteilung is not None and k in ("einkommen_mittel_m", "einkommen_hoechst_m")):
            continue
        marke = "  (ANNAHME)" if herkunft[k].startswith("ANNAHME") and _ist_standard(s, k) else ""
        zeilen.append(_absatz(f"{BEZEICHNUNGEN[k]:<{breite - 2}}{texte[k]}{marke}", "  ", " " * breite))
    zeilen.append(_absatz(f"{BEZEICHNUNGEN['einkommen_verteilung']:<{breite - 2}}{texte['einkommen_verteilung']}"
                          + ("  (ANNAHME zur Form)" if s.einkommen_verteilung is None else ""), "  ", " " * breite))
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
