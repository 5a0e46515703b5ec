"""Report chapter "Vollkosten und Verweildauer" and the page-1 table: tables and the chart of the
cumulative cost of a placement, built from `modell.vollkosten` and `modell.aufenthalt`.

The reference income is the paper's average income of the recipients (Szenario default, 1.200 €);
options and survival curve are the defaults (`Optionen()`, `Verweildauer()`), named in the notes.
"""
from __future__ import annotations

import numpy as np

from ..basis.format import euro_ganz, zahl
from ..kreis.szenario import Szenario
from ..modell.aufenthalt import Verweildauer, aufenthalt
from ..modell.vollkosten import AUSLASSUNGEN, OPTIONEN, Optionen, auslassungen, vollkosten
from ..recht import sgb_xi
from .anzeige import Tabelle
from .kreis_grafik import EURO_ACHSE, WG_FARBE
from .tabellen import Kontext

PG = sgb_xi.PFLEGEGRADE
HEIM_FARBE = "#2171b5"


def referenzeinkommen_m() -> int:
    """The paper's average income of recipients of stationary Hilfe zur Pflege (cents), the scenario default."""
    return Szenario().einkommen_mittel_m


def einkommen_quelle(k: Kontext) -> str:
    """Where the assumed income comes from: the paper only for a county file that names it
    (`referenz:`), else an ANNAHME of the scenario's default."""
    if getattr(k.landkreis, "referenz", None):
        return "Durchschnitt der Empfänger, Drucksache 2023/020"
    return "ANNAHME: Standard des Szenarios; durch die eigene Fallliste ersetzen"


def annahmen_text(k: Kontext) -> str:
    """The assumptions behind the Vollkosten, in one German paragraph (Markdown)."""
    o = Optionen()
    v = Verweildauer()
    schalter = "; ".join(f"{OPTIONEN[name].bezeichnung}: {'ja' if getattr(o, name) else 'nein'}"
                         for name in ("wohngruppenzuschlag_anrechnen", "entlastungsbetrag_anrechnen", "hilfe_zum_lebensunterhalt"))
    pr = k.landkreis.wg_pflegerechnung_m
    rechnung = " / ".join(euro_ganz(pr[g]) for g in PG) if pr else "–"
    return (
        f"Annahmen: Einkommen {euro_ganz(referenzeinkommen_m())} ({einkommen_quelle(k)}); "
        f"Rechnung des Pflegedienstes in der WG für Pflegegrad 2 / 3 / 4 / 5: {rechnung} je Monat (Kreisdatei, ANNAHME); "
        f"{schalter}; Umwandlung § 45a Abs. 4 SGB XI: {zahl(o.umwandlung_anteil * 100, 0)} %. Verweildauer: "
        f"mittlere Dauer {zahl(float(v.mittlere_dauer()), 1)} Monate (ANNAHME, für WG und Heim gleich). Recht und Preise des "
        f"Stichtags in jedem Monat."
    )


def vollkosten_tabelle(k: Kontext, stufe: int = 1) -> Tabelle:
    """The monthly cost stack per Pflegegrad at the reference income, one tier of the home."""
    r = vollkosten(referenzeinkommen_m(), np.array(PG), stufe, k.params, k.landkreis, heim=k.heim)
    zeilen = (
        ("Präsenzkraft je Bewohner (§ 13 WTPG)", "praesenzkraft_m"),
        ("Rechnung des Pflegedienstes (Kreisdatei)", "pflegerechnung_m"),
        ("Pflegesachleistung (§ 36 SGB XI)", "pflegesachleistung_m"),
        ("Pflege über der Sachleistung (§§ 63, 64b SGB XII)", "pflege_ueber_sachleistung_m"),
        ("Bedarf an Hilfe zur Pflege in der WG", "bedarf_hzp_wg_m"),
        ("Einkommenseinsatz (§§ 85, 87 SGB XII), einmal", "einkommenseinsatz_m"),
        ("Kosten des Landkreises in der WG", "kosten_wg_m"),
        ("Kosten des Landkreises im Heim", "kosten_heim_m"),
        ("Mehrkosten WG je Monat (Vollkosten)", "mehrkosten_m"),
        ("zum Vergleich: Mehrkosten nur Präsenzkraft gegen Eigenanteil", "mehrkosten_drucksache_m"),
    )
    return Tabelle(
        id="vollkosten",
        titel=f"Vollkosten je Monat nach Pflegegrad – Einkommen {euro_ganz(referenzeinkommen_m())}, "
              f"Leistungszuschlag {k.stufen_labels[stufe - 1]}",
        spalten=("je Monat", *(f"Pflegegrad {g}" for g in PG)),
        zeilen=tuple((label, *map(int, r[key])) for label, key in zeilen),
        formate=("text",) + ("euro",) * 4,
        fussnote=annahmen_text(k),
        hervorheben=(8,),
    )


def auslassungen_tabelle(k: Kontext, stufe: int = 1) -> Tabelle:
    """What the paper left out and what each item changes, per Pflegegrad (Mehrkosten per month)."""
    a = auslassungen(referenzeinkommen_m(), stufe, k.params, k.landkreis, heim=k.heim)
    zeilen = [("Mehrkosten nur Präsenzkraft gegen Eigenanteil (Rechnung der Drucksache)", *map(int, a["drucksache"]))]
    for key, label in AUSLASSUNGEN:
        zeilen.append((("+ " if key == "pflege" else "Änderung, wenn ") + label, *map(int, a[key])))
    zeilen.append(("Mehrkosten mit den Standardannahmen (Vollkosten)", *map(int, a["vollkosten"])))
    return Tabelle(
        id="auslassungen",
        titel="Was die Drucksache nicht enthält und was es ändert – Mehrkosten je Monat",
        spalten=("Posten", *(f"Pflegegrad {g}" for g in PG)),
        zeilen=tuple(zeilen),
        formate=("text",) + ("euro",) * 4,
        fussnote=(
            "Die Pflege über der Sachleistung gehört zum selben Bedarf wie die Präsenzkraft: das Einkommen wird einmal "
            "eingesetzt. Jede Zeile „Änderung, wenn …“ gilt allein, auf die Vollkosten ohne Anrechnungen. Standard: nichts "
            "angerechnet (§ 38a: BSG B 8 SO 14/16 R; § 45b: § 13 Abs. 3a SGB XI; § 45a Abs. 4: nur für anerkannte "
            "Angebote), keine Hilfe zum Lebensunterhalt (Bewohner über der Regelaltersgrenze: Grundsicherung, Bund)."
        ),
        hervorheben=(len(zeilen) - 1,),
    )


def aufenthalte(k: Kontext) -> dict:
    """Aufenthalt per Pflegegrad at the reference income (default options and survival curve)."""
    return {g: aufenthalt(referenzeinkommen_m(), g, k.params, k.landkreis, heim=k.heim) for g in PG}


def aufenthalt_tabelle(k: Kontext, a: dict | None = None) -> Tabelle:
    """Expected cost per placement over the stay, per Pflegegrad."""
    a = aufenthalte(k) if a is None else a
    zeilen = tuple(
        (f"Pflegegrad {g}", a[g].erwartet["heim"], a[g].erwartet["wg"], a[g].erwartet["mehrkosten"],
         "keiner" if a[g].wendemonat is None else f"Monat {a[g].wendemonat}")
        for g in PG
    )
    v = Verweildauer()
    return Tabelle(
        id="aufenthalt",
        titel=f"Erwartete Kosten des Landkreises je Platz über den Aufenthalt – Einkommen {euro_ganz(referenzeinkommen_m())}",
        spalten=("Pflegegrad", "Heim", "Pflege-WG", "Mehrkosten WG", "Wende der kumulierten Mehrkosten"),
        zeilen=zeilen,
        formate=("text", "euro_ganz", "euro_ganz", "euro_ganz", "text"),
        fussnote=(f"Jeder Monat gewichtet mit dem Anteil der Aufenthalte, die ihn noch erreichen ({v.quelle}) "
                  "Im Heim steigt der Leistungszuschlag (§ 43c SGB XI) nach 12, 24 und 36 Monaten."),
    )


def aufenthalt_grafik(k: Kontext, a: dict | None = None):
    """Cumulative expected cost per placement, WG vs. home, over the months of a stay, one panel per Pflegegrad."""
    import matplotlib.pyplot as plt

    from . import grafiken  # noqa: F401 – the report's rcParams

    a = aufenthalte(k) if a is None else a
    # 2 × 2 panels: printed at the text width, the labels stay at least 7 pt (test_grafiken_lesbar_im_druck)
    fig, achsen = plt.subplots(2, 2, figsize=(8, 6.4), sharey=True, sharex=True, layout="constrained")
    achsen = achsen.ravel()
    for ax, g in zip(achsen, PG):
        x = a[g].monat
        ax.plot(x, a[g].wg_kumuliert / 100, color=WG_FARBE, lw=2, label="Pflege-WG")
        ax.plot(x, a[g].heim_kumuliert / 100, color=HEIM_FARBE, lw=2, label="Pflegeheim")
        for m in (12, 24, 36):
            ax.axvline(m, color="#bbbbbb", lw=0.8, ls=":")
        ax.set_title(f"Pflegegrad {g}")
        if g in PG[2:]:
            ax.set_xlabel("Monat des Aufenthalts")
        ax.set_xlim(0, int(x[-1]))
        if a[g].wendemonat:
            ax.axvline(a[g].wendemonat, color="#d62728", lw=1)
    for ax in achsen[::2]:
        ax.set_ylabel("erwartete Kosten kumuliert")
    achsen[0].yaxis.set_major_formatter(EURO_ACHSE)
    fig.legend(*achsen[0].get_legend_handles_labels(), loc="outside lower center", ncol=2)
    fig.suptitle(f"Erwartete kumulierte Kosten des Landkreises je Platz (Einkommen {euro_ganz(referenzeinkommen_m())},\n"
                 "Vollkosten; gepunktet: Stufenwechsel im Heim)", fontsize=11)
    return fig


def kernaussagen_vollkosten_tabelle(k: Kontext) -> Tabelle:
    """Page 1: per Pflegegrad the full monthly Mehrkosten (range over the tiers) and the expected
    Mehrkosten per placement over a stay, at the reference income."""
    e = referenzeinkommen_m()
    r = vollkosten(e, np.array(PG)[:, None], np.array(sgb_xi.STUFEN)[None, :], k.params, k.landkreis, heim=k.heim)
    a = aufenthalte(k)
    zeilen = tuple(
        (f"Pflegegrad {g}", int(r["mehrkosten_drucksache_m"][i].min()), int(r["mehrkosten_drucksache_m"][i].max()),
         int(r["mehrkosten_m"][i].min()), int(r["mehrkosten_m"][i].max()), a[g].erwartet["mehrkosten"])
        for i, g in enumerate(PG)
    )
    return Tabelle(
        id="kernaussagen_vollkosten",
        titel=f"Mehrkosten eines WG-Platzes nach Pflegegrad – Einkommen {euro_ganz(e)}",
        spalten=("Pflegegrad", "wie Drucksache mtl. von", "bis", "Vollkosten mtl. von", "bis", "erwartet je Platz über den Aufenthalt"),
        zeilen=zeilen,
        formate=("text",) + ("euro_ganz",) * 5,
        fussnote=("Monatlich: Spanne über die vier Stufen des Leistungszuschlags im Heim. Vollkosten: mit der Pflege über "
                  "der Sachleistung (§ 36 SGB XI) und einem Einkommenseinsatz für den ganzen Bedarf (§§ 85, 87 SGB XII). "
                  + annahmen_text(k) + " Herleitung: Kapitel Vollkosten und Verweildauer."),
    )
