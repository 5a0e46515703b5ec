"""Tables and the fan chart of the report chapter 'Finanzplanung' (`pflegewg.kreis.prognose`).

Every amount is cents from the library; only the plotted lines are floats.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import MaxNLocator

from ..basis.format import euro, euro_ganz, zahl
from ..kreis.prognose import Prognose
from ..kreis.szenario import PROGNOSE_BEZEICHNUNGEN, PROGNOSE_QUELLEN
from .anzeige import Tabelle
from .kreis_grafik import EURO_ACHSE, HEIM_FARBE, MEHR_FARBE, WG_FARBE


def jahres_tabelle(p: Prognose) -> Tabelle:
    """Per year: WGs open, expected costs in WG and home, Mehrkosten and their band, the prices used."""
    zeilen = tuple(
        (str(z.jahr), int(z.wgs), int(z.plaetze), int(z.kosten_wg_y), int(z.kosten_heim_y), int(z.mehrkosten_y),
         int(z.mehrkosten_p10_y), int(z.mehrkosten_p50_y), int(z.mehrkosten_p90_y), int(z.praesenzkraft_stundensatz),
         int(z.heim_gesamt_m))
        for z in p.jahre.itertuples()
    )
    return Tabelle(
        id="finanzplanung",
        titel=f"Finanzplanung {p.von}–{p.bis}: Kosten des Landkreises je Jahr, anbietergestützte WGs",
        spalten=("Jahr", "WGs", "Plätze", "Kosten WG/Jahr", "Kosten Heim/Jahr", "Mehrkosten/Jahr", "Mehrkosten P10",
                 "Mehrkosten P50", "Mehrkosten P90", "Präsenzkraft je Std.", "Heimkosten je Monat"),
        zeilen=zeilen,
        formate=("text", "ganzzahl", "ganzzahl", "euro", "euro", "euro", "euro", "euro", "euro", "euro", "euro"),
        fussnote=f"Stichtag je Jahr der 1. Juli; Jahr = 12 × Monat. Eine WG zählt ab ihrem Eröffnungsjahr das ganze Jahr. "
        f"Band: {zahl(p.ziehungen)} Ziehungen je Jahr (fester Startwert {p.seed}, dieselben Bewohner in jedem Jahr). "
        "Heimkosten: Eigenanteil pflegebedingt vor dem Leistungszuschlag + übrige Heimkosten des Vergleichsheims. "
        "Recht nach dem geprüften Stand: neueste Werte, nicht fortgeschrieben.",
    )


def annahmen_tabelle(p: Prognose) -> Tabelle:
    """The plan's own inputs (rates, opening of planned WGs without a year) with value and source."""
    s = p.szenario
    werte = {
        "preissteigerung_heim": p.raten["preissteigerung_heim"].text(),
        "lohnsteigerung_praesenzkraft": p.raten["lohnsteigerung_praesenzkraft"].text(),
        "eroeffnung_geplant_ohne_jahr": f"{s.eroeffnung_geplant_ohne_jahr} Jahre (ab {s.stichtag.year + s.eroeffnung_geplant_ohne_jahr})",
    }
    zeilen = [(PROGNOSE_BEZEICHNUNGEN[k], werte[k], PROGNOSE_QUELLEN[k]) for k in werte]
    for w in p.wgs.itertuples():
        if w.status == "geplant":
            jahr = "–" if w.eroeffnung_jahr is None or w.eroeffnung_jahr != w.eroeffnung_jahr else str(int(w.eroeffnung_jahr))
            zeilen.append((f"Eröffnung {w.name} ({w.ort})", f"ab {jahr}",
                           "ANNAHME (kein Jahr im Register)" if w.eroeffnung_angenommen else "WG-Register, Spalte eroeffnung"))
    return Tabelle(
        id="finanzplanung_annahmen",
        titel="Annahmen der Finanzplanung",
        spalten=("Eingabe", "Wert", "Quelle / Annahme"),
        zeilen=tuple(zeilen),
        formate=("text", "text", "text"),
        fussnote="Alle übrigen Eingaben wie im Basisszenario des Kapitels Kreis-Kostenrisiko. Änderbar per "
        "pflegewg prognose --szenario DATEI.yaml (Schlüssel preissteigerung_heim, lohnsteigerung_praesenzkraft, "
        "eroeffnung_geplant_ohne_jahr).",
    )


def faecher_grafik(p: Prognose):
    """Fan chart: P10–P90 band and P50 of the yearly Mehrkosten, expected Mehrkosten, and the
    expected yearly costs in the WGs and for the same persons in homes."""
    j = p.jahre
    x = j["jahr"].to_numpy()
    e = lambda spalte: j[spalte].to_numpy(dtype=np.int64) / 100  # noqa: E731
    fig, ax = plt.subplots(figsize=(7.5, 4.2), layout="constrained")
    ax.fill_between(x, e("mehrkosten_p10_y"), e("mehrkosten_p90_y"), color=MEHR_FARBE, alpha=0.18, lw=0,
                    label="Mehrkosten: 8 von 10 simulierten Jahren (P10–P90)")
    ax.plot(x, e("mehrkosten_p50_y"), color=MEHR_FARBE, lw=2, label="Mehrkosten: Median (P50)")
    ax.plot(x, e("mehrkosten_y"), color=MEHR_FARBE, lw=1, ls="--", marker="o", ms=3, label="Mehrkosten: Erwartungswert")
    ax.plot(x, e("kosten_wg_y"), color=WG_FARBE, lw=1.5, marker="o", ms=3, label="Kosten in den WGs (erwartet)")
    ax.plot(x, e("kosten_heim_y"), color=HEIM_FARBE, lw=1.5, marker="o", ms=3, label="dieselben Personen im Heim (erwartet)")
    ax.axhline(0, color="black", lw=0.6)
    ax.yaxis.set_major_formatter(EURO_ACHSE)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.tick_params(labelsize=8)
    ax.set_ylabel("Kosten des Landkreises je Jahr", fontsize=9)
    ax.set_xlabel("Jahr (Stichtag 1. Juli)", fontsize=9)
    letzte = j.iloc[-1]
    ax.set_title(f"Mehrkosten der WGs {p.von}–{p.bis}; {int(letzte['jahr'])}: {euro_ganz(int(letzte['mehrkosten_y']))} "
                 f"(P10–P90 {euro_ganz(int(letzte['mehrkosten_p10_y']))} bis {euro_ganz(int(letzte['mehrkosten_p90_y']))})",
                 fontsize=10)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=8, frameon=False)
    return fig


def kernaussage(p: Prognose) -> str:
    """One German sentence with the first and last year (Markdown)."""
    a, b = p.jahre.iloc[0], p.jahre.iloc[-1]
    return (f"Die anbietergestützten WGs kosten den Landkreis {int(a['jahr'])} erwartet **{euro(int(a['mehrkosten_y']))}** "
            f"mehr als dieselben Personen im Heim ({int(a['wgs'])} WGs), {int(b['jahr'])} **{euro(int(b['mehrkosten_y']))}** "
            f"({int(b['wgs'])} WGs; in 8 von 10 simulierten Jahren zwischen {euro(int(b['mehrkosten_p10_y']))} und "
            f"{euro(int(b['mehrkosten_p90_y']))}).")
