"""Szenario-Explorer: ipywidgets controls for every scenario input, a table and a chart that
update on each change (JupyterLab and Voilà: notebooks/Szenario-Explorer.ipynb).

    from pflegewg.explorer import Explorer
    Explorer().anzeigen()

Each change runs the exact county model (`pflegewg.kreis.kreismodell.kreis`), rewrites the HTML table and
redraws one matplotlib figure into an `ipywidgets.Image` (PNG). `Explorer.letzte_dauer_ms`
holds the time from the change to the finished update (also shown under the chart). The ranges
of the controls are UI choices around the county's values; every legal value comes from the
parameter files through the library.
"""
from __future__ import annotations

import dataclasses
import html
import io
import time
from decimal import Decimal

import ipywidgets as w
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from .basis.dateien import ParameterDateiFehler
from .basis.format import datum, euro, zahl
from .basis.geld import EingabeFehler
from .bericht.kreis_grafik import (
    dynamische_artists,
    kreis_balken,
    kreis_balken_aktualisieren,
)
from .kreis.kreismodell import kreis
from .kreis.szenario import (
    EINKOMMEN_RASTER,
    QUELLEN,
    STICHTAGE_AUSWAHL,
    STUFEN_MISCHUNGEN,
    Szenario,
    einkommen_mittel_bereich,
    pflegegrad_verteilung_mit_anteil_pg45,
)
from .modell.landkreis import load_landkreis, load_wg_register
from .recht.parameter import load_parameters

STIL = ("<style>.pflegewg-tabelle{font-size:0.9em}.pflegewg-tabelle td,.pflegewg-tabelle th{padding:2px 6px}"
        ".pflegewg-tabelle td.z{text-align:right;white-space:nowrap}</style>")


GRAFIK_ZOLL, GRAFIK_DPI = (8.4, 4.8), 80  # chart size: 672 × 384 pixels, shown unscaled


def _dezimal(wert: float, stellen: int = 2) -> Decimal:
    """A slider's float as the exact decimal it shows (input only; never a computed amount)."""
    return Decimal(str(round(wert, stellen)))


class Explorer:
    """The widgets and the update logic of the scenario explorer."""

    def __init__(self, daten=None, szenario: Szenario | None = None):
        self.landkreis = load_landkreis(daten)
        self.register = load_wg_register(self.landkreis)
        self.basis = szenario or Szenario()
        self.letzte_dauer_ms: float | None = None
        self.dauern_ms: list[float] = []
        # one figure per set of WGs (with/without the planned ones), each with its kept background
        self._grafiken: dict[tuple, _Grafik] = {}
        self._baue_widgets()
        # draw the other WG set once now, so the first click on "geplante WGs" is as fast as a slider
        andere = dataclasses.replace(self.basis, geplante_wgs=not self.basis.geplante_wgs)
        self._grafik_png(kreis(andere, self.landkreis, self.register))
        self.aktualisieren()

    # --- controls -----------------------------------------------------------------------

    def _baue_widgets(self):
        s, lk = self.basis, self.landkreis
        stil = {"description_width": "240px"}
        layout = w.Layout(width="520px")
        satz = s.stundensatz(lk)
        unten, oben = einkommen_mittel_bereich(s.einkommen_hoechst_m)
        raster = EINKOMMEN_RASTER // 100
        std_pg45 = sum(a for k, a in s.pflegegrad_verteilung if k >= 4)
        mischung = next((k for k, v in STUFEN_MISCHUNGEN.items() if v == s.stufen_verteilung), "gleich verteilt")
        self.regler = {
            "stichtag": w.Dropdown(options=[(datum(d), d) for d in STICHTAGE_AUSWAHL], value=s.stichtag if s.stichtag in STICHTAGE_AUSWAHL else STICHTAGE_AUSWAHL[0], description="Stichtag"),
            "heim": w.Dropdown(options=[(h.bezeichnung, k) for k, h in lk.heime.items()], value=s.heim, description="Vergleichsheim"),
            "praesenzkraft_stundensatz": w.FloatSlider(value=satz / 100, min=round(satz / 200, 2), max=round(satz * 1.5 / 100, 2), step=0.1,
                                                       readout_format=".2f", description="Präsenzkraft €/Std."),
            "belegung": w.FloatSlider(value=float(s.belegung), min=0.5, max=1.0, step=0.05, readout_format=".0%", description="Belegung"),
            "hzp_anteil": w.FloatSlider(value=float(s.hzp_anteil), min=0.0, max=1.0, step=0.01, readout_format=".0%",
                                        description="Anteil mit Hilfe zur Pflege"),
            "modellprojekt_anteil": w.FloatSlider(value=float(s.modellprojekt_anteil), min=0.0, max=1.0, step=0.05, readout_format=".0%",
                                                  description="Modellvorhaben § 123 SGB XI"),
            "wohngruppenzuschlag_anrechnen": w.Checkbox(value=s.wohngruppenzuschlag_anrechnen, description="Wohngruppenzuschlag § 38a SGB XI anrechnen"),
            "geplante_wgs": w.Checkbox(value=s.geplante_wgs, description="geplante WGs eröffnet"),
            "plaetze_geplant": w.IntSlider(value=s.plaetze_geplant, min=1, max=int(load_parameters(s.stichtag).hoechstzahl_bewohner),
                                           description="Plätze geplanter WGs ohne Angabe"),
            "einkommen_mittel_m": w.IntSlider(value=s.einkommen_mittel_m // 100, min=-(-unten // (raster * 100)) * raster,
                                              max=oben // (raster * 100) * raster, step=raster, description="mittleres Einkommen €"),
            "anteil_pg45": w.FloatSlider(value=float(std_pg45), min=0.0, max=1.0, step=0.05, readout_format=".0%",
                                         description="Anteil Pflegegrad 4 und 5"),
            "stufen": w.Dropdown(options=list(STUFEN_MISCHUNGEN), value=mischung, description="Verweildauer im Heim (§ 43c)"),
        }
        for name, regler in self.regler.items():
            if isinstance(regler, w.Checkbox):
                regler.style, regler.layout, regler.indent = {"description_width": "initial"}, w.Layout(width="520px"), True
            else:
                regler.style, regler.layout = stil, layout
            if hasattr(regler, "continuous_update"):
                regler.continuous_update = False
            regler.add_class(f"pflegewg-{name.replace('_', '-')}")
            regler.observe(self._geaendert, names="value")
        self.kopf = w.HTML().add_class("pflegewg-kopf")
        self.tabelle = w.HTML(layout=w.Layout(overflow="auto", max_width="100%")).add_class("pflegewg-tabelle")
        breite = int(GRAFIK_ZOLL[0] * GRAFIK_DPI)
        self.grafik = w.Image(format="png", layout=w.Layout(width=f"{breite}px", max_width="100%")).add_class("pflegewg-grafik")
        self.dauer = w.HTML().add_class("pflegewg-dauer")
        self.hinweis = w.HTML(
            "<small>ANNAHMEN (Standardwerte ohne Beleg in der Drucksache): "
            + html.escape(" · ".join(f"{v}" for k, v in QUELLEN.items() if v.startswith("ANNAHME")))
            + "</small>"
        )

    def szenario(self) -> Szenario:
        """The scenario the controls show (sliders' floats turned into exact decimals/cents)."""
        r = {k: v.value for k, v in self.regler.items()}
        werte = dict(
            stichtag=r["stichtag"], heim=r["heim"],
            praesenzkraft_stundensatz=int(_dezimal(r["praesenzkraft_stundensatz"]) * 100),
            belegung=_dezimal(r["belegung"]), hzp_anteil=_dezimal(r["hzp_anteil"]),
            modellprojekt_anteil=_dezimal(r["modellprojekt_anteil"]),
            wohngruppenzuschlag_anrechnen=r["wohngruppenzuschlag_anrechnen"], geplante_wgs=r["geplante_wgs"],
            plaetze_geplant=r["plaetze_geplant"], stufen_verteilung=STUFEN_MISCHUNGEN[r["stufen"]],
            pflegegrad_verteilung=pflegegrad_verteilung_mit_anteil_pg45(_dezimal(r["anteil_pg45"])),
        )
        if self.basis.einkommen_verteilung is None:
            werte["einkommen_mittel_m"] = r["einkommen_mittel_m"] * 100
        return dataclasses.replace(self.basis, **werte)

    # --- update -------------------------------------------------------------------------

    def _geaendert(self, _change=None):
        self.aktualisieren()

    def aktualisieren(self) -> None:
        """Recompute and redraw; the time from the change to here goes to letzte_dauer_ms."""
        start = time.perf_counter()
        try:
            ergebnis = kreis(self.szenario(), self.landkreis, self.register)
        except (EingabeFehler, ParameterDateiFehler) as exc:
            self.kopf.value = f"<b>Eingabe nicht möglich:</b> {html.escape(str(exc))}"
            return
        self.kopf.value = self._kopf_html(ergebnis)
        self.tabelle.value = STIL + self._tabelle_html(ergebnis)
        self.grafik.value = self._grafik_png(ergebnis)
        self.letzte_dauer_ms = (time.perf_counter() - start) * 1000
        self.dauern_ms.append(self.letzte_dauer_ms)
        self.dauer.value = f"<small>aktualisiert in {self.letzte_dauer_ms:.0f} ms</small>"

    def _kopf_html(self, r) -> str:
        s = r.summen.loc["alle"]
        return (
            f"<h3>Mehrkosten des Landkreises je Jahr: {euro(s['mehrkosten_y'])}</h3>"
            f"<p>{s['wgs']} anbietergestützte WGs, {s['bewohner']} Bewohner, davon erwartet "
            f"{zahl(s['empfaenger_hzp'], 2)} mit Hilfe zur Pflege · Kosten in der WG {euro(s['kosten_wg_y'])}, "
            f"im Heim {euro(s['kosten_heim_y'])} je Jahr · Stichtag {datum(r.szenario.stichtag)}</p>"
        )

    def _tabelle_html(self, r) -> str:
        kopf = ("WG", "Bewohner", "Präsenzkraft je Kopf/Monat (§ 13 WTPG)", "nach Modellvorhaben, Wohngruppenzuschlag",
                "Empfänger HzP", "Kosten WG/Jahr", "Kosten Heim/Jahr", "Mehrkosten/Jahr")
        zeilen = ["<table class='pflegewg-tabelle'><thead><tr>" + "".join(f"<th>{k}</th>" for k in kopf) + "</tr></thead><tbody>"]
        for x in r.wgs.itertuples():
            name = html.escape(x.name) + (f" ({html.escape(x.ort)})" if x.ort and x.ort not in x.name else "")
            name += " – <i>geplant</i>" if x.status == "geplant" else ""
            zahlen = [str(x.bewohner), euro(x.praesenzkraft_m), euro(x.praesenzkraft_verbleibend_m), zahl(x.empfaenger_hzp, 2),
                      euro(x.kosten_wg_y), euro(x.kosten_heim_y), euro(x.mehrkosten_y)]
            zeilen.append(f"<tr><td>{name}</td>" + "".join(f"<td class='z'>{z}</td>" for z in zahlen) + "</tr>")
        for gruppe in ("bestehend", "geplant", "alle"):
            s = r.summen.loc[gruppe]
            zahlen = [str(s["bewohner"]), "", "", zahl(s["empfaenger_hzp"], 2), euro(s["kosten_wg_y"]), euro(s["kosten_heim_y"]), euro(s["mehrkosten_y"])]
            zeilen.append(f"<tr><th>Summe {gruppe}</th>" + "".join(f"<td class='z'><b>{z}</b></td>" for z in zahlen) + "</tr>")
        return "".join(zeilen) + "</tbody></table>"

    def _grafik_png(self, r) -> bytes:
        """The chart as PNG (see `_Grafik`)."""
        schluessel = tuple(r.wgs["nr"])
        if schluessel not in self._grafiken:
            self._grafiken[schluessel] = _Grafik()
        return self._grafiken[schluessel].png(r)

    # --- layout -------------------------------------------------------------------------

    def widget(self) -> w.Widget:
        """The whole explorer as one widget (controls left, results right on wide screens)."""
        regler = w.VBox(list(self.regler.values()), layout=w.Layout(width="540px", flex="0 0 auto"))
        ergebnis = w.VBox([self.kopf, self.grafik, self.dauer, self.tabelle, self.hinweis], layout=w.Layout(flex="1 1 680px", min_width="0"))
        return w.Box([regler, ergebnis], layout=w.Layout(display="flex", flex_flow="row wrap", align_items="flex-start"))

    def anzeigen(self):
        """Display the explorer in a notebook or Voilà page."""
        from IPython.display import display

        display(self.widget())


class _Grafik:
    """One `kreis_balken` chart kept between updates. Same WGs and axis limits: only bars, texts
    and title are drawn anew over the kept pixels of axes, labels and legend (blitting)."""

    def __init__(self):
        # fixed margins instead of a layout engine: less drawing time per update
        self.figur = Figure(figsize=GRAFIK_ZOLL, dpi=GRAFIK_DPI)
        FigureCanvasAgg(self.figur)
        self.griffe = None
        self.hintergrund = None  # (x-limits, pixels of the static parts)

    def png(self, r) -> bytes:
        canvas = self.figur.canvas
        if self.griffe is None or not kreis_balken_aktualisieren(self.griffe, r, self.figur.axes[0]):
            self.figur.clear()
            self.figur.subplots_adjust(left=0.36, right=0.94, top=0.93, bottom=0.19)
            self.griffe = kreis_balken(r, self.figur.add_subplot())
            for artist in dynamische_artists(self.griffe):
                artist.set_animated(True)  # left out of canvas.draw(), drawn by draw_artist below
            self.hintergrund = None
        ax = self.figur.axes[0]
        if self.hintergrund is None or self.hintergrund[0] != ax.get_xlim():
            canvas.draw()
            self.hintergrund = (ax.get_xlim(), canvas.copy_from_bbox(self.figur.bbox))
        else:
            canvas.restore_region(self.hintergrund[1])
        for artist in dynamische_artists(self.griffe):
            ax.draw_artist(artist)
        puffer = io.BytesIO()
        Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1).save(
            puffer, format="png", compress_level=1
        )
        return puffer.getvalue()
