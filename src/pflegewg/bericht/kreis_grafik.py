"""Charts of the county model (matplotlib; German labels, euro formats).

Amounts are exact cents from the library; only the bar lengths are floats. Every number
written on a chart comes from the cents via `pflegewg.basis.format`. Each function draws into a given
`ax` (pyplot or a bare `Figure`), so the report and the explorer share them.
"""
from __future__ import annotations

import numpy as np
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..basis.format import euro_ganz, schoene_grenze, zahl  # noqa: F401 (schoene_grenze: used here, kept importable)

WG_FARBE = "#d95f02"
HEIM_FARBE = "#4292c6"
MEHR_FARBE = "#7f2704"
EURO_ACHSE = FuncFormatter(lambda x, _pos: euro_ganz(round(x * 100)))


def _wg_label(w) -> str:
    ort = f" ({w.ort})" if w.ort and w.ort not in w.name else ""
    return f"{w.name}{ort}" + (" – geplant" if w.status == "geplant" else "")


def dynamische_artists(griffe: dict) -> list:
    """The artists of a `kreis_balken` chart that change with the scenario (bars, texts, title)."""
    return [*griffe["wg"], *griffe["heim"], *griffe["texte"], griffe["titel"]]


def _mehr_text(cent: int) -> str:
    return f"+{euro_ganz(cent)}" if cent >= 0 else euro_ganz(cent)


def kreis_balken(ergebnis, ax) -> dict:
    """Je WG die Kosten des Landkreises je Jahr in der WG und (für dieselben Empfänger) im Heim,
    mit den Mehrkosten am Balken; Titel mit der Summe aller WGs.

    Returns the artists (for `kreis_balken_aktualisieren`, which redraws faster in the explorer)."""
    wgs = ergebnis.wgs.iloc[::-1]
    y = np.arange(len(wgs))
    wg = ax.barh(y + 0.2, wgs["kosten_wg_y"] / 100, height=0.4, color=WG_FARBE, label="in der Pflege-WG")
    heim = ax.barh(y - 0.2, wgs["kosten_heim_y"] / 100, height=0.4, color=HEIM_FARBE, label="im Pflegeheim")
    texte = [ax.annotate("", (0, yi), xytext=(4, 0), textcoords="offset points", va="center", fontsize=8, color=MEHR_FARBE)
             for yi in y]
    ax.set_yticks(y, [_wg_label(w) for w in wgs.itertuples()], fontsize=8)
    ax.xaxis.set_major_formatter(EURO_ACHSE)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5))
    ax.tick_params(axis="x", labelsize=8)
    ax.set_xlabel("Kosten des Landkreises je Jahr (Hilfe zur Pflege);\nam Balken: Mehrkosten der WG", fontsize=9)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=8, frameon=False)
    griffe = {"nr": tuple(ergebnis.wgs["nr"]), "wg": wg, "heim": heim, "texte": texte, "titel": ax.set_title("", fontsize=10)}
    kreis_balken_aktualisieren(griffe, ergebnis, ax)
    return griffe


def kreis_balken_aktualisieren(griffe: dict, ergebnis, ax) -> bool:
    """Set bar lengths, labels, limits and title of a `kreis_balken` chart to a new result of the
    same WGs; False (nothing changed) if the WGs differ, then draw the chart anew."""
    if tuple(ergebnis.wgs["nr"]) != griffe["nr"]:
        return False
    wgs = ergebnis.wgs.iloc[::-1]
    for balken, spalte in ((griffe["wg"], "kosten_wg_y"), (griffe["heim"], "kosten_heim_y")):
        for rechteck, cent in zip(balken, wgs[spalte]):
            rechteck.set_width(int(cent) / 100)
    for text, w in zip(griffe["texte"], wgs.itertuples()):
        text.set_text(_mehr_text(w.mehrkosten_y))
        text.xy = (max(w.kosten_wg_y, w.kosten_heim_y) / 100, text.xy[1])
    ax.set_xlim(0, schoene_grenze(int(wgs[["kosten_wg_y", "kosten_heim_y"]].to_numpy().max(initial=0)) / 100 * 1.22))
    s = ergebnis.summen.loc["alle"]
    griffe["titel"].set_text(f"Mehrkosten aller WGs im Szenario: {euro_ganz(s['mehrkosten_y'])} je Jahr")
    return True


def tornado_grafik(tornado, ax):
    """Tornado: the yearly total at the low and high value of each input, around the base value."""
    t = tornado.iloc[::-1]
    basis = int(t["basis"].iloc[0]) / 100
    y = np.arange(len(t))
    lo, hi = t["ergebnis_niedrig"].to_numpy() / 100, t["ergebnis_hoch"].to_numpy() / 100
    ax.barh(y, lo - basis, left=basis, color="#9ecae1", label="niedriger Wert")
    ax.barh(y, hi - basis, left=basis, color="#08519c", label="hoher Wert")
    for yi, z in zip(y, t.itertuples()):
        links, rechts = sorted([(z.ergebnis_niedrig, z.niedrig), (z.ergebnis_hoch, z.hoch)])
        ax.annotate(links[1], (links[0] / 100, yi), xytext=(-4, 0), textcoords="offset points", ha="right", va="center", fontsize=8)
        ax.annotate(rechts[1], (rechts[0] / 100, yi), xytext=(4, 0), textcoords="offset points", ha="left", va="center", fontsize=8)
    ax.axvline(basis, color="black", lw=1)
    ax.set_yticks(y, list(t["bezeichnung"]), fontsize=8)
    ax.xaxis.set_major_formatter(EURO_ACHSE)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5))
    ax.set_xlabel(f"Mehrkosten des Landkreises je Jahr (Basis {euro_ganz(int(t['basis'].iloc[0]))})")
    ax.margins(x=0.25)
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    return ax


def mc_grafik(ziehungen, band, ax, groesse: str = "mehrkosten_y"):
    """Histogram of the Monte-Carlo draws of one yearly total with P10, P50 and P90 marked."""
    ax.hist(ziehungen[groesse] / 100, bins=60, color="#bdbdbd")
    z = band.loc[groesse]
    for key, stil in (("p10", ":"), ("p50", "-"), ("p90", ":")):
        ax.axvline(int(z[key]) / 100, color="black", ls=stil, lw=1.2)
        ax.annotate(f"{key.upper()} {euro_ganz(int(z[key]))}", (int(z[key]) / 100, 1), xycoords=("data", "axes fraction"),
                    xytext=(3, -12), textcoords="offset points", fontsize=8, rotation=90, va="top")
    ax.xaxis.set_major_formatter(EURO_ACHSE)
    ax.set_yticks([])
    n = band.attrs.get("ziehungen", len(ziehungen[groesse]))
    ax.set_xlabel(f"Mehrkosten des Landkreises je Jahr, {zahl(n)} Ziehungen (fester Startwert {band.attrs.get('seed', '')})")
    return ax
