"""Charts of the report (matplotlib, German labels and euro formats).

Values are computed exactly in cents by the library; only the plotting converts to float.
"""
from __future__ import annotations

import matplotlib

if matplotlib.get_backend().lower() not in ("inline", "module://matplotlib_inline.backend_inline"):
    matplotlib.use("Agg")  # reports and tests draw without a screen; notebooks keep their inline backend

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.ticker import MultipleLocator  # noqa: E402

from ..basis.format import euro_ganz  # noqa: E402
from ..modell.vergleich import STUFEN, vergleich  # noqa: E402
from .kreis_grafik import EURO_ACHSE, WG_FARBE  # noqa: E402
from .tabellen import (  # noqa: E402
    STATUS_TEXT,
    TYP_TEXT,
    Kontext,
    pflegegrad_text,
    wg_register_mit_praesenz,
)

STUFEN_FARBEN = ("#9ecae1", "#4292c6", "#2171b5", "#08306b")
EINKOMMEN_BIS_CENT = 350_000  # the paper's range of incomes: 0 to 3.500 €

plt.rcParams.update(
    {
        "font.family": "DejaVu Sans",
        "font.size": 11,
        "axes.titlesize": 12,
        "axes.labelsize": 11,
        "legend.fontsize": 10,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.color": "#dddddd",
        "svg.hashsalt": "pflegewg",
    }
)


def _einkommen_achse(ax, schritt_euro: int = 500):
    ax.set_xlabel("Nettoeinkommen des Bewohners je Monat")
    ax.xaxis.set_major_formatter(EURO_ACHSE)
    ax.xaxis.set_major_locator(MultipleLocator(schritt_euro))
    ax.set_xlim(0, EINKOMMEN_BIS_CENT / 100)


def _einkommen_cent(schritt_cent: int = 500) -> np.ndarray:
    return np.arange(0, EINKOMMEN_BIS_CENT + 1, schritt_cent, dtype=np.int64)


def mehrkosten_nach_einkommen(k: Kontext):
    """Mehrkosten WG vs. Heim je Monat über dem Einkommen, eine Linie je Stufe; PG 2/3 und 4/5."""
    e = _einkommen_cent()
    fig, achsen = plt.subplots(1, 2, figsize=(9, 4.6), sharey=True, layout="constrained")
    for ax, pg, titel in zip(achsen, (3, 4), ("Pflegegrad 2 und 3", "Pflegegrad 4 und 5")):
        r = vergleich(e[None, :], pg, np.array(STUFEN)[:, None], k.params, k.landkreis, heim=k.heim)
        for i, label in enumerate(k.stufen_labels):
            ax.plot(e / 100, r["mehrkosten_wg_m"][i] / 100, color=STUFEN_FARBEN[i], lw=2, label=f"Leistungszuschlag {label}")
        ax.set_title(titel)
        _einkommen_achse(ax, 1000)
        ax.axhline(0, color="#555555", lw=0.8)
    achsen[0].set_ylabel("Mehrkosten des Landkreises je Monat")
    achsen[0].yaxis.set_major_formatter(EURO_ACHSE)
    fig.legend(*achsen[0].get_legend_handles_labels(), loc="outside lower center", ncol=2, fontsize=10,
               title="Stufe des Leistungszuschlags im Pflegeheim", title_fontsize=10)
    fig.suptitle("Mehrkosten eines WG-Platzes gegenüber einem Heimplatz nach Einkommen", fontsize=12)
    return fig


def anteile_nach_einkommen(k: Kontext):
    """Kostenanteil des Landkreises im Heim (je Stufe) und in der WG (PG 2/3, PG 4/5) über dem Einkommen."""
    e = _einkommen_cent()
    fig, ax = plt.subplots(figsize=(9, 5.0), layout="constrained")
    r = vergleich(e[None, :], 3, np.array(STUFEN)[:, None], k.params, k.landkreis, heim=k.heim)
    for i, label in enumerate(k.stufen_labels):
        ax.plot(e / 100, r["anteil_landkreis_heim_m"][i] / 100, color=STUFEN_FARBEN[i], lw=2, label=f"Pflegeheim, Leistungszuschlag {label}")
    for pg, stil, text in ((3, "-", "Pflege-WG, Pflegegrad 2/3"), (4, "--", "Pflege-WG, Pflegegrad 4/5")):
        wg = vergleich(e, pg, 1, k.params, k.landkreis, heim=k.heim)["anteil_landkreis_wg_m"]
        ax.plot(e / 100, wg / 100, color=WG_FARBE, lw=2.5, ls=stil, label=text)
    _einkommen_achse(ax)
    ax.set_ylabel("Kostenanteil des Landkreises je Monat")
    ax.yaxis.set_major_formatter(EURO_ACHSE)
    ax.set_ylim(0, max(r["anteil_landkreis_heim_m"].max(), wg.max()) / 100 * 1.08)
    fig.legend(loc="outside lower center", fontsize=10, ncol=2)
    ax.set_title("Kostenanteil des Landkreises im Pflegeheim und in der Pflege-WG nach Einkommen")
    return fig


def mehrkosten_heatmap(k: Kontext, pflegegrad: int = 3, schritt_cent: int = 25_000):
    """Heat map: Mehrkosten je Monat nach Einkommen (Zeilen) und Stufe (Spalten), Werte in Euro."""
    e = np.arange(0, EINKOMMEN_BIS_CENT + 1, schritt_cent, dtype=np.int64)
    r = vergleich(e[:, None], pflegegrad, np.array(STUFEN)[None, :], k.params, k.landkreis, heim=k.heim)
    m = r["mehrkosten_wg_m"]
    fig, ax = plt.subplots(figsize=(5.8, 5.8), layout="constrained")
    bild = ax.imshow(m / 100, cmap="OrRd", aspect="auto", vmin=min(0, m.min() / 100))
    ax.set_xticks(range(4), [f"Stufe {s}\n{label}" for s, label in zip(STUFEN, k.stufen_labels)])
    ax.set_yticks(range(len(e)), [euro_ganz(v) for v in e])
    ax.set_ylabel("Nettoeinkommen je Monat")
    ax.set_xlabel("Leistungszuschlag im Pflegeheim")
    ax.grid(False)
    schwelle = m.max() * 0.6
    for i in range(len(e)):
        for j in range(4):
            ax.text(j, i, euro_ganz(m[i, j]), ha="center", va="center", fontsize=8.5,
                    color="white" if m[i, j] > schwelle else "black")
    ax.set_title(f"Mehrkosten je WG-Platz und Monat, Pflegegrad {pflegegrad_text(pflegegrad)}")
    fig.colorbar(bild, ax=ax, format=EURO_ACHSE, shrink=0.8, label="Mehrkosten je Monat")
    return fig


def eigenanteil_gegen_praesenzkraft(k: Kontext):
    """Balken: pflegebedingter Eigenanteil im Heim je Stufe (Durchschnitt, teuerstes) gegen die Präsenzkraft."""
    from ..modell.vergleich import differenz_tabelle, praesenzkraft_m

    fig, ax = plt.subplots(figsize=(9, 4.6), layout="constrained")
    x = np.arange(4)
    heime = [h for h in ("durchschnitt", "teuerste") if h in k.landkreis.heime]
    breite = 0.8 / len(heime)
    for i, heim in enumerate(heime):
        eigen = differenz_tabelle(k.landkreis, k.params, heim).iloc[1].to_numpy()
        balken = ax.bar(x + (i - (len(heime) - 1) / 2) * breite, eigen / 100, breite * 0.95,
                        color=("#6baed6", "#08519c")[i], label=k.landkreis.heime[heim].bezeichnung)
        ax.bar_label(balken, labels=[euro_ganz(v) for v in eigen], fontsize=9.5, padding=2)
    p = int(praesenzkraft_m(k.landkreis, k.params))
    ax.axhline(p / 100, color=WG_FARBE, lw=2.5, label=f"Präsenzkraft Pflege-WG je Bewohner ({euro_ganz(p)})")
    ax.set_xticks(x, [f"Leistungszuschlag {label}" for label in k.stufen_labels])
    ax.yaxis.set_major_formatter(EURO_ACHSE)
    ax.set_ylabel("je Monat")
    ax.set_ylim(0, p / 100 * 1.12)
    fig.legend(loc="outside lower center", fontsize=10, ncol=2)  # below the chart: off the bars and the WG line
    ax.set_title("Pflegebedingter Eigenanteil im Heim und Präsenzkraftkosten in der WG")
    return fig


def wg_plaetze(k: Kontext):
    """Horizontal bars: places per WG by type and status, with Präsenzkraft per head for provider-supported WGs."""
    df = wg_register_mit_praesenz(k)
    df = df.iloc[::-1].reset_index(drop=True)
    farben = {
        ("selbstverantwortet", "bestehend"): "#9e9ac8",
        ("anbietergestuetzt", "bestehend"): "#d95f02",
        ("anbietergestuetzt", "geplant"): "#fdae6b",
        ("selbstverantwortet", "geplant"): "#dadaeb",
    }
    fig, ax = plt.subplots(figsize=(8.5, 4.8), layout="constrained")
    plaetze = df["plaetze"].fillna(0).astype(int).to_numpy()
    namen = [f"{n} ({o})" if n != o else n for n, o in zip(df["name"].fillna(""), df["ort"].fillna(""))]
    ax.barh(range(len(df)), plaetze, color=[farben[(t, s)] for t, s in zip(df["typ"], df["status"])])
    for i, r in df.iterrows():
        if pd.isna(r["plaetze"]):
            ax.text(0.2, i, "Plätze unbekannt", va="center", fontsize=9.5, color="#555555")
        elif not pd.isna(r["praesenzkraft_m"]):
            ax.text(r["plaetze"] + 0.15, i, f"{euro_ganz(int(r['praesenzkraft_m']))} je Kopf", va="center", fontsize=9.5)
    ax.set_yticks(range(len(df)), namen, fontsize=10)
    ax.set_xlabel("Plätze")
    ax.set_xlim(0, 15)
    ax.xaxis.set_major_locator(MultipleLocator(2))
    from matplotlib.patches import Patch

    fig.legend(
        handles=[
            Patch(color=c, label=f"{TYP_TEXT[t]}, {STATUS_TEXT[s]}")
            for (t, s), c in farben.items()
            if ((df["typ"] == t) & (df["status"] == s)).any()
        ],
        loc="outside lower center", fontsize=10, ncol=3,
    )
    fig.suptitle("Plätze je Wohngemeinschaft und Präsenzkraftkosten je Kopf bei Vollbelegung (§ 13 WTPG)", fontsize=12)
    return fig
