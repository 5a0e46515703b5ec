"""Tables and charts of the report chapter 'Kreis-Kostenrisiko' (county view and scenarios).

Built on `kreis`, `szenario` and `risiko`; every amount is cents from the library.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import matplotlib.pyplot as plt
import pandas as pd

from ..basis.format import datum, euro, prozent, zahl
from ..kreis import risiko
from ..kreis.kreismodell import Kreisergebnis, kreis
from ..kreis.szenario import Szenario, szenario_tabelle
from ..modell.vergleich import satz_label
from ..recht.parameter import geprueft_bis, load_parameters, parse_stichtag
from . import kreis_grafik
from .anzeige import Tabelle
from .tabellen import STATUS_TEXT, Kontext

#: yearly totals shown per scenario
_SUMMEN = ("kosten_wg_y", "kosten_heim_y", "mehrkosten_y")


def basisszenario(k: Kontext) -> Szenario:
    """The report's base scenario: defaults of `Szenario` at the report's Stichtag and home."""
    return Szenario(stichtag=k.params.stichtag, heim=k.heim)


def szenario_eingaben_tabelle(s: Szenario, k: Kontext) -> Tabelle:
    df = szenario_tabelle(s, k.landkreis)
    beleg = "der Drucksache" if k.landkreis.referenz else "der Kreisdaten"
    return Tabelle(
        id="kreis_szenario",
        titel="Eingaben des Basisszenarios",
        spalten=("Eingabe", "Wert", "Quelle / Annahme"),
        zeilen=tuple((r["Eingabe"], r["Wert"], r["Quelle"]) for _, r in df.iterrows()),
        formate=("text", "text", "text"),
        fussnote=f"ANNAHME: kein Wert {beleg} oder des Gesetzes; im Szenario-Explorer und per "
        "pflegewg kreis --szenario DATEI.yaml änderbar.",
    )


def kreis_wg_tabelle(r: Kreisergebnis, id: str = "kreis_wgs", titel: str | None = None) -> Tabelle:
    """Per provider-supported WG and in total: residents, Präsenzkraft per head, recipients, yearly costs."""
    zeilen = [
        (w.name, w.ort, STATUS_TEXT[w.status], int(w.bewohner), int(w.praesenzkraft_m), w.empfaenger_hzp,
         int(w.kosten_wg_y), int(w.kosten_heim_y), int(w.mehrkosten_y))
        for w in r.wgs.itertuples()
    ]
    hervor = []
    for gruppe, text in (("bestehend", "Summe bestehende WGs"), ("geplant", "Summe geplante WGs"), ("alle", "Summe alle WGs")):
        s = r.summen.loc[gruppe]
        if gruppe != "alle" and int(r.summen.loc["geplant", "wgs"]) == 0:
            continue  # only existing WGs: one sum row is enough
        hervor.append(len(zeilen))
        zeilen.append((text, "", "", int(s["bewohner"]), None, s["empfaenger_hzp"],
                       int(s["kosten_wg_y"]), int(s["kosten_heim_y"]), int(s["mehrkosten_y"])))
    return Tabelle(
        id=id,
        titel=titel or f"Kosten des Landkreises je Jahr nach WG (Stichtag {datum(r.params.stichtag)})",
        spalten=("WG", "Ort", "Status", "Bewohner", "Präsenzkraft je Kopf mtl.", "Empfänger HzP",
                 "Kosten WG/Jahr", "Kosten Heim/Jahr", "Mehrkosten/Jahr"),
        zeilen=tuple(zeilen),
        formate=("text", "text", "text", "ganzzahl", "euro", "zahl_2", "euro", "euro", "euro"),
        fussnote="Empfänger HzP: erwartete Zahl der Bewohner mit Hilfe zur Pflege (Bewohner × Anteil). Kosten Heim: "
        "was dieselben Personen den Landkreis im Pflegeheim kosten würden. Summen = Summen der WGs.",
        hervorheben=tuple(hervor),
    )


def tpqg_ab() -> dt.date:
    """The day from which the TPQG applies (no statutory Präsenzkraft; date ANNAHME, wtpg.yaml)."""
    return load_parameters(geprueft_bis()).quellen["praesenzpflicht_gesetzlich"].gilt_ab


def szenarien(basis: Szenario, k: Kontext) -> list[tuple[str, Szenario]]:
    """The scenarios every planner asks for, each one input changed against the base."""
    r = dataclasses.replace
    satz = basis.stundensatz(k.landkreis)
    liste = [("Basisszenario", basis)]
    for jahr in (2024, 2025, 2026):
        tag = dt.date(jahr, 1, 1)
        if tag != basis.stichtag and tag <= geprueft_bis():
            liste.append((f"Recht und Preise zum Stichtag {datum(tag)}", r(basis, stichtag=parse_stichtag(tag))))
    tpqg = tpqg_ab()
    if basis.stichtag >= tpqg:
        liste.append(("TPQG: Anbieter halten nur 12 Std. Präsenz je Tag", r(basis, praesenz_stunden_tag=12)))
    else:
        liste.append((f"TPQG (ab {datum(tpqg)}, ANNAHME): nur 12 Std. Präsenz je Tag, Recht und Preise {datum(tpqg)}",
                      r(basis, stichtag=tpqg, praesenz_stunden_tag=12)))
    for plus in (100, 200):
        liste.append((f"Präsenzkraft {euro(satz + plus)}/Std. (+{euro(plus)})", r(basis, praesenzkraft_stundensatz=satz + plus)))
    for belegung in (Decimal("0.9"), Decimal("0.75")):
        liste.append((f"Belegung {prozent(belegung)}", r(basis, belegung=belegung)))
    liste.append(("Wohngruppenzuschlag (§ 38a SGB XI) angerechnet", r(basis, wohngruppenzuschlag_anrechnen=True)))
    liste.append(("Modellvorhaben (§ 123 SGB XI) trägt 50 % der Präsenzkraft", r(basis, modellprojekt_anteil=Decimal("0.5"))))
    if basis.geplante_wgs:
        liste.append(("nur bestehende WGs (geplante nicht eröffnet)", r(basis, geplante_wgs=False)))
    else:
        liste.append(("geplante WGs eröffnet", r(basis, geplante_wgs=True)))
    return liste


def szenario_vergleich_tabelle(basis: Szenario, k: Kontext) -> Tabelle:
    ergebnisse = [(name, kreis(s, k.landkreis)) for name, s in szenarien(basis, k)]
    mehr_basis = ergebnisse[0][1].summe("mehrkosten_y")
    zeilen = tuple(
        (name, int(e.summen.loc["alle", "wgs"]), *(e.summe(g) for g in _SUMMEN), e.summe("mehrkosten_y") - mehr_basis)
        for name, e in ergebnisse
    )
    return Tabelle(
        id="kreis_szenarien",
        titel="Szenarien: Kosten des Landkreises je Jahr, alle anbietergestützten WGs des Szenarios",
        spalten=("Szenario (je eine Eingabe geändert)", "WGs", "Kosten WG/Jahr", "Kosten Heim/Jahr", "Mehrkosten/Jahr",
                 "Mehrkosten gg. Basis"),
        zeilen=zeilen,
        formate=("text", "ganzzahl", "euro", "euro", "euro", "euro"),
        fussnote="Ab 2024 höherer Leistungszuschlag im Heim: die Lücke wächst. Leerstand verteilt die Präsenzkraft auf "
        "weniger Köpfe (§ 13 WTPG). Wohngruppenzuschlag und Modellvorhaben mindern die Präsenzkraftkosten.",
        hervorheben=(0,),
    )


def tornado_tabelle(t: pd.DataFrame) -> Tabelle:
    return Tabelle(
        id="kreis_tornado",
        titel="Empfindlichkeit: Mehrkosten je Jahr bei niedrigem und hohem Wert je Eingabe",
        spalten=("Eingabe", "niedrig", "Mehrkosten/Jahr", "hoch", "Mehrkosten/Jahr", "Spannweite"),
        zeilen=tuple((z.bezeichnung, z.niedrig, int(z.ergebnis_niedrig), z.hoch, int(z.ergebnis_hoch), int(z.spannweite))
                     for z in t.itertuples()),
        formate=("text", "text", "euro", "text", "euro", "euro"),
        fussnote=f"Basis: {euro(int(t['basis'].iloc[0]))} je Jahr. Die übrigen Eingaben bleiben auf dem Basisszenario.",
    )


def mc_tabelle(band: pd.DataFrame) -> Tabelle:
    namen = {"kosten_wg_y": "Kosten in den WGs", "kosten_heim_y": "Kosten derselben Personen im Heim", "mehrkosten_y": "Mehrkosten"}
    return Tabelle(
        id="kreis_monte_carlo",
        titel="Unsicherheit: Bandbreite der Kosten des Landkreises je Jahr (Monte-Carlo)",
        spalten=("je Jahr", "P10", "P50 (Median)", "P90", "Mittel der Ziehungen", "Erwartungswert (Modell)"),
        zeilen=tuple((namen[g], *(int(band.loc[g, c]) for c in ("p10", "p50", "p90", "mittel", "erwartung")))
                     for g in band.index),
        formate=("text", "euro", "euro", "euro", "euro", "euro"),
        fussnote=f"{zahl(band.attrs['ziehungen'])} Ziehungen mit festem Startwert {band.attrs['seed']}: Belegung, Zahl der "
        "Empfänger, Einkommen, Pflegegrad und Stufe je Person zufällig nach den Verteilungen des Szenarios. "
        "In 8 von 10 simulierten Jahren liegen die Kosten zwischen P10 und P90.",
    )


def _pg_text(pflegegrade: tuple[int, ...]) -> str:
    if len(pflegegrade) == 1:
        return f"Pflegegrad {pflegegrade[0]}"
    return f"Pflegegrad {pflegegrade[0]} {'und' if len(pflegegrade) == 2 else 'bis'} {pflegegrade[-1]}"


def _stufen_text(k: Kontext, stufen: tuple[int, ...]) -> str:
    if len(stufen) == 1:
        return f"Leistungszuschlag {satz_label(k.params, stufen[0])}"
    text = f"Leistungszuschlag {satz_label(k.params, stufen[0])} bis {satz_label(k.params, stufen[-1])}"
    return text + (" (jede Stufe)" if len(stufen) == 4 else "")


def _zusammengefasst(zeilen: list[tuple[tuple[int, ...], list]]) -> tuple[list[tuple[tuple[int, ...], list]], list[tuple[int, ...]]]:
    """Rows (Pflegegrade, one value per tier 1–4) with neighbouring identical tier columns and then
    neighbouring identical rows merged: a committee reads one number where the model gives four
    equal ones. Returns the rows and the tier groups of the columns."""
    gruppen: list[list[int]] = []
    for i in range(4):
        if gruppen and all(werte[i] == werte[gruppen[-1][0]] for _, werte in zeilen):
            gruppen[-1].append(i)
        else:
            gruppen.append([i])
    spalten = [[werte[g[0]] for g in gruppen] for _, werte in zeilen]
    ergebnis: list[tuple[tuple[int, ...], list]] = []
    for (pgs, _), werte in zip(zeilen, spalten):
        if ergebnis and ergebnis[-1][1] == werte:
            ergebnis[-1] = (ergebnis[-1][0] + pgs, werte)
        else:
            ergebnis.append((pgs, werte))
    return ergebnis, [tuple(i + 1 for i in g) for g in gruppen]


def _break_even_tabelle(k: Kontext, id: str, titel: str, zeilen, fussnote: str) -> Tabelle:
    zeilen, gruppen = _zusammengefasst(zeilen)
    zusammen = len(gruppen) < 4 or any(len(pgs) > 1 for pgs, _ in zeilen)
    return Tabelle(
        id=id,
        titel=titel,
        spalten=("", *(_stufen_text(k, g) for g in gruppen)),
        zeilen=tuple((_pg_text(pgs), *werte) for pgs, werte in zeilen),
        formate=("text", *("euro",) * len(gruppen)),
        fussnote=fussnote + (" Gleiche Werte sind zusammengefasst." if zusammen else ""),
    )


def break_even_einkommen_tabelle(s: Szenario, k: Kontext) -> Tabelle:
    df = risiko.break_even_tabelle(s, k.landkreis)
    zeilen = []
    for pg in (2, 3, 4, 5):
        teil = df[df["pflegegrad"] == pg].sort_values("stufe")
        zeilen.append(((pg,), [None if pd.isna(v) else int(v) for v in teil["ab_einkommen_m"]]))
    return _break_even_tabelle(
        k, "kreis_break_even_einkommen",
        "Break-even-Einkommen: ab diesem Einkommen kostet ein WG-Platz den Landkreis nicht mehr als ein Heimplatz",
        zeilen,
        f"WG mit {k.landkreis.bewohner_standard} Bewohnern, Präsenzkraft nach den Anrechnungen des Szenarios. "
        "Darunter ist die WG für den Landkreis teurer; ab dem Break-even trägt er in beiden Wohnformen nichts mehr. "
        "– = kein Break-even.",
    )


def break_even_stundensatz_tabelle(s: Szenario, k: Kontext, einkommen_m: int) -> Tabelle:
    zeilen = []
    for pg in (3, 4):
        df = risiko.break_even_stundensatz_tabelle(einkommen_m, pg, s, k.landkreis)
        zeilen.append(((pg - 1, pg) if pg == 3 else (pg, pg + 1), [None if pd.isna(v) else int(v) for v in df["stundensatz"]]))
    return _break_even_tabelle(
        k, "kreis_break_even_stundensatz",
        f"Stundensatz der Präsenzkraft, bei dem sich die Lücke schließt (Einkommen {euro(einkommen_m)})",
        zeilen,
        f"Höchster Stundensatz, bei dem ein WG-Platz den Landkreis nicht mehr kostet als ein Heimplatz; heute "
        f"{euro(s.stundensatz(k.landkreis))}/Std. WG mit {k.landkreis.bewohner_standard} Bewohnern.",
    )


# --- charts ---------------------------------------------------------------------------------


def kreis_wg_grafik(r: Kreisergebnis):
    fig, ax = plt.subplots(figsize=(7.0, 0.28 * len(r.wgs) + 1.3), layout="constrained")
    kreis_grafik.kreis_balken(r, ax)
    return fig


def tornado_grafik(t: pd.DataFrame):
    fig, ax = plt.subplots(figsize=(7.5, 0.45 * len(t) + 1.8), layout="constrained")
    kreis_grafik.tornado_grafik(t, ax)
    ax.set_title("Welche Annahme bewegt die Mehrkosten je Jahr am stärksten?", fontsize=11)
    return fig


def mc_grafik(ziehungen, band):
    fig, ax = plt.subplots(figsize=(7.5, 3.2), layout="constrained")
    kreis_grafik.mc_grafik(ziehungen, band, ax)
    ax.set_title("Verteilung der Mehrkosten je Jahr über die simulierten Jahre (P10 / P50 / P90)", fontsize=11)
    return fig
