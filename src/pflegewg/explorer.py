"""Szenario-Explorer: ipywidgets controls for every scenario input, a chart and a table that
update on each change (JupyterLab and Voilà: notebooks/Szenario-Explorer.ipynb).

    from pflegewg.explorer import Explorer
    Explorer().anzeigen()

The planner chooses the county file and a scenario file from the page (every county and
scenario file in data/ of the project folder; `kreisdateien`, `szenariodateien`). Each change
runs the exact county model (`pflegewg.kreis.kreismodell.kreis`) and rewrites two HTML
widgets: the results next to the controls (headline, hints of the Stichtag, chart as inline
SVG) and the table under them. Why SVG and not a matplotlib PNG: measured on two cores, the
PNG (blitted bars, PNG encoding) took 65 of 100 ms of an update, the model 20 ms; the SVG
string takes under 1 ms, the browser draws it without decoding an image, its text stays sharp,
and the page needs no matplotlib import (first chart sooner). Every readout is German
(sliders without ipywidgets' own readout, which formats with Python's format mini-language).
`Explorer.letzte_dauer_ms` holds the time from the change to the finished update in the
kernel. The ranges of the controls are UI choices around the county's values; every legal
value comes from the parameter files through the library.
"""
from __future__ import annotations

import dataclasses
import html
import time
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import ipywidgets as w
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_int import SliderStyle
from ipywidgets.widgets.widget_string import HTMLStyle

from .basis import orte
from .basis.dateien import ParameterDateiFehler, load_yaml
from .basis.format import datum, euro, euro_ganz, prozent, schoene_grenze, zahl
from .basis.geld import EingabeFehler
from .kreis.kreismodell import kreis
from .kreis.szenario import (
    EINKOMMEN_RASTER,
    FELDER,
    QUELLEN,
    STICHTAGE_AUSWAHL,
    STUFEN_MISCHUNGEN,
    Szenario,
    einkommen_mittel_bereich,
    load_szenario,
    pflegegrad_verteilung_mit_anteil_pg45,
)
from .modell.landkreis import load_landkreis, load_wg_register
from .modell.zeitstand import hinweise
from .recht.parameter import load_parameters

#: file endings the chooser offers as county files (an Excel reader of pflegewg reads .xlsx)
KREIS_ENDUNGEN = (".yaml", ".yml", ".xlsx")
#: presence hours per day offered (None: each WG's hours from the register, else the § 13 WTPG standard)
PRAESENZ_STUNDEN = (None, 36, 24, 20, 16, 12, 8, 0)
#: the dropdown's value for None (ipywidgets takes a Dropdown value None as "nothing selected")
LAUT_REGISTER = -1

WG_FARBE, HEIM_FARBE, MEHR_FARBE = "#d95f02", "#4292c6", "#7f2704"

STIL = """<style>
.pflegewg-ergebnis h3{margin:.2em 0 .3em;font-size:1.15em}
.pflegewg-ergebnis p{margin:.2em 0}
.pflegewg-hinweise{background:#fff4d6;border-left:4px solid #e6a000;padding:4px 8px;margin:.4em 0;font-size:.9em}
.pflegewg-grafik svg{width:100%;height:auto;max-width:680px;display:block}
.pflegewg-dauer{color:#777;font-size:.8em}
table.pflegewg-tabelle{border-collapse:collapse;font-size:.85em;width:100%}
table.pflegewg-tabelle td,table.pflegewg-tabelle th{padding:2px 5px;border-bottom:1px solid #ddd;vertical-align:top}
table.pflegewg-tabelle th{text-align:left;background:#eef3f9}
table.pflegewg-tabelle td.z{text-align:right;white-space:nowrap}
table.pflegewg-tabelle th.z{text-align:right;font-weight:600}
.pflegewg-label .widget-html-content{line-height:1.2;white-space:normal}
.pflegewg-annahmen{font-size:.8em;color:#444}
</style>"""


def _dezimal(wert: float, stellen: int = 2) -> Decimal:
    """A slider's float as the exact decimal it shows (input only; never a computed amount)."""
    return Decimal(str(round(wert, stellen)))


def _art(pfad: Path) -> str | None:
    """'kreis', 'szenario' or None: what a file in data/ is (read with the one YAML reader)."""
    if pfad.suffix.lower() == ".xlsx":
        return "kreis"
    if pfad.suffix.lower() not in (".yaml", ".yml"):
        return None
    try:
        daten = load_yaml(pfad)
    except ParameterDateiFehler:
        return None
    if isinstance(daten, dict) and "landkreis" in daten:
        return "kreis" if daten.get("wg_register") else None  # the county model needs the WG register
    if daten is None or (isinstance(daten, dict) and set(map(str, daten)) <= set(FELDER)):
        return "szenario"
    return None


def _kreisname(pfad: Path) -> str:
    try:
        daten = load_yaml(pfad) if pfad.suffix.lower() != ".xlsx" else None
    except ParameterDateiFehler:
        daten = None
    name = daten.get("landkreis") if isinstance(daten, dict) else None
    return f"{name} ({pfad.name})" if isinstance(name, str) else pfad.name


def kreisdateien(ordner: Path | None = None) -> list[tuple[str, Path]]:
    """(label, path) of every county file in `ordner` (default: data/ of the project folder)."""
    ordner = ordner or orte.datenordner()
    return [(_kreisname(p), p) for p in sorted(ordner.iterdir())
            if p.is_file() and p.suffix.lower() in KREIS_ENDUNGEN and _art(p) == "kreis"]


def szenariodateien(ordner: Path | None = None) -> list[tuple[str, Path]]:
    """(label, path) of every scenario file in `ordner` (default: data/ of the project folder)."""
    ordner = ordner or orte.datenordner()
    return [(p.name, p) for p in sorted(ordner.iterdir()) if p.is_file() and _art(p) == "szenario"]


def _stunden_text(stunden: int | None) -> str:
    return "laut Register (sonst § 13 WTPG)" if stunden is None else f"{stunden} Std. je Tag"


class Explorer:
    """The widgets and the update logic of the scenario explorer."""

    def __init__(self, daten=None, szenario: Szenario | None = None):
        self.letzte_dauer_ms: float | None = None
        self.dauern_ms: list[float] = []
        self._nr = 0
        self._still = False  # True while controls are set from a file (one update at the end)
        self._layouts: dict[tuple, w.Layout] = {}
        self._stile: dict[type, w.Widget] = {}
        self._lade_kreis(Path(daten) if daten else None)
        self.basis = szenario or Szenario()
        self._baue_widgets()
        self.aktualisieren()

    # --- files --------------------------------------------------------------------------

    def _lade_kreis(self, pfad: Path | None) -> None:
        self.landkreis = load_landkreis(pfad)
        self.register = load_wg_register(self.landkreis)

    def _layout(self, **art) -> w.Layout:
        """One Layout per distinct look, shared by the widgets that look alike, and every widget
        built with it (no default Layout left over): each Layout and Style is a widget model the
        browser must fetch and build when the page opens (163 models before, 72 now)."""
        schluessel = tuple(sorted(art.items()))
        if schluessel not in self._layouts:
            self._layouts[schluessel] = w.Layout(**art)
        return self._layouts[schluessel]

    def _stil(self, art: type) -> w.Widget:
        """One Style object per style class (SliderStyle, HTMLStyle, ...), shared; none is changed."""
        if art not in self._stile:
            self._stile[art] = art()
        return self._stile[art]

    def _html(self, wert: str = "", **layout) -> w.HTML:
        return w.HTML(wert, layout=self._layout(**layout), style=self._stil(HTMLStyle))

    def _auswahl_art(self) -> dict:
        """Layout and style of every drop-down (county, scenario, Stichtag, ...)."""
        return dict(layout=self._layout(width="228px"), style=self._stil(DescriptionStyle))

    def _dateiauswahl(self):
        try:
            kreise = kreisdateien()
            szenarien = szenariodateien()
        except (OSError, ParameterDateiFehler):  # no project folder: only the file given
            kreise, szenarien = [], []
        eigene = Path(self.landkreis.datei).resolve()
        if eigene not in [p.resolve() for _, p in kreise]:
            kreise.insert(0, (_kreisname(eigene), eigene))
        auswahl = self._auswahl_art()
        self.kreis_wahl = w.Dropdown(options=[(t, str(p.resolve())) for t, p in kreise], value=str(eigene), **auswahl)
        self.szenario_wahl = w.Dropdown(options=[("keines (Standardwerte)", "")] + [(t, str(p)) for t, p in szenarien], value="",
                                        **auswahl)
        self.kreis_wahl.observe(self._kreis_gewaehlt, names="value")
        self.szenario_wahl.observe(self._szenario_gewaehlt, names="value")

    def _kreis_gewaehlt(self, change) -> None:
        try:
            self._lade_kreis(Path(change["new"]))
        except (EingabeFehler, ParameterDateiFehler, OSError) as exc:
            self._fehler(exc)
            return
        self._setze_regler(self.basis)

    def _szenario_gewaehlt(self, change) -> None:
        try:
            self.basis = load_szenario(change["new"] or None)
        except (EingabeFehler, ParameterDateiFehler) as exc:
            self._fehler(exc)
            return
        self._setze_regler(self.basis)

    # --- controls -----------------------------------------------------------------------

    def _baue_widgets(self):
        self._dateiauswahl()
        auswahl = self._auswahl_art()
        schieber = dict(layout=self._layout(width="150px"), style=self._stil(SliderStyle))
        haken = dict(layout=self._layout(width="auto"), style=self._stil(CheckboxStyle))
        self.regler = {
            "stichtag": w.Dropdown(**auswahl),
            "heim": w.Dropdown(**auswahl),
            "praesenz_stunden_tag": w.Dropdown(**auswahl),
            "praesenzkraft_stundensatz": w.FloatSlider(step=0.1, **schieber),
            "belegung": w.FloatSlider(min=0.5, max=1.0, step=0.05, **schieber),
            "hzp_anteil": w.FloatSlider(min=0.0, max=1.0, step=0.01, **schieber),
            "modellprojekt_anteil": w.FloatSlider(min=0.0, max=1.0, step=0.05, **schieber),
            "wohngruppenzuschlag_anrechnen": w.Checkbox(**haken),
            "geplante_wgs": w.Checkbox(**haken),
            "plaetze_geplant": w.IntSlider(min=1, max=12, **schieber),
            "einkommen_mittel_m": w.IntSlider(**schieber),
            "anteil_pg45": w.FloatSlider(min=0.0, max=1.0, step=0.05, **schieber),
            "stufen": w.Dropdown(options=list(STUFEN_MISCHUNGEN), **auswahl),
        }
        texte = {
            "stichtag": "Stichtag",
            "heim": "Vergleichsheim",
            "praesenz_stunden_tag": "Präsenzstunden je Tag",
            "praesenzkraft_stundensatz": "Präsenzkraft je Stunde",
            "belegung": "Belegung",
            "hzp_anteil": "Anteil mit Hilfe zur Pflege",
            "modellprojekt_anteil": "Modellvorhaben § 123 SGB XI",
            "wohngruppenzuschlag_anrechnen": "Wohngruppenzuschlag § 38a SGB XI anrechnen",
            "geplante_wgs": "geplante WGs eröffnet",
            "plaetze_geplant": "Plätze geplanter WGs ohne Angabe",
            "einkommen_mittel_m": "mittleres Einkommen",
            "anteil_pg45": "Anteil Pflegegrad 4 und 5",
            "stufen": "Verweildauer im Heim (§ 43c)",
        }
        self.anzeigen_werte: dict[str, w.HTML] = {}
        zeilen = [self._zeile("Landkreis", self.kreis_wahl, "kreis-datei"),
                  self._zeile("Szenario", self.szenario_wahl, "szenario-datei")]
        for name, regler in self.regler.items():
            klasse = name.replace("_", "-")
            if isinstance(regler, w.Checkbox):
                regler.description, regler.indent = texte[name], False
                regler.add_class(f"pflegewg-{klasse}")
                zeilen.append(regler)
            else:
                if isinstance(regler, (w.FloatSlider, w.IntSlider)):
                    regler.readout = False  # ipywidgets' readout formats the English way: a German label instead
                    regler.continuous_update = False
                    self.anzeigen_werte[name] = self._html(width="78px").add_class("pflegewg-wert")
                zeilen.append(self._zeile(texte[name], regler, klasse, self.anzeigen_werte.get(name)))
            regler.observe(self._geaendert, names="value")
        self.bedienung = zeilen
        # the style sheet once, in its own widget: an update re-sends no CSS, and the browser
        # does not recompute every style of the page after each slider step
        self.stil = self._html(STIL, display="none")
        self.ergebnis = self._html().add_class("pflegewg-oben")
        self.tabelle = self._html(width="100%", margin="0").add_class("pflegewg-unten")  # no margin: 100 % is 100 %
        self._setze_regler(self.basis, rechnen=False)

    def _zeile(self, text: str, regler: w.Widget, klasse: str, wert: w.HTML | None = None) -> w.HBox:
        """One control: German label (wraps), the control (150 px with a readout, else 228 px:
        set when it is built), and its German readout if any."""
        kinder = [self._html(html.escape(text), width="140px").add_class("pflegewg-label"), regler]
        if wert is not None:
            kinder.append(wert)
        regler.add_class(f"pflegewg-{klasse}")
        return w.HBox(kinder, layout=self._layout(align_items="center", width="380px"))

    def _setze_regler(self, s: Szenario, rechnen: bool = True) -> None:
        """Set every control to scenario `s` and the county's ranges, then update once."""
        lk, r = self.landkreis, self.regler
        self._still = True
        try:
            tage = list(STICHTAGE_AUSWAHL) if s.stichtag in STICHTAGE_AUSWAHL else sorted({*STICHTAGE_AUSWAHL, s.stichtag})
            r["stichtag"].options = [(datum(d), d) for d in tage]
            r["stichtag"].value = s.stichtag
            r["heim"].options = [(h.bezeichnung, k) for k, h in lk.heime.items()]
            r["heim"].value = s.heim if s.heim in lk.heime else "durchschnitt"
            stunden = list(PRAESENZ_STUNDEN) + ([s.praesenz_stunden_tag] if s.praesenz_stunden_tag not in PRAESENZ_STUNDEN else [])
            r["praesenz_stunden_tag"].options = [(_stunden_text(h), LAUT_REGISTER if h is None else h) for h in stunden]
            r["praesenz_stunden_tag"].value = LAUT_REGISTER if s.praesenz_stunden_tag is None else s.praesenz_stunden_tag
            satz = s.stundensatz(lk)
            r["praesenzkraft_stundensatz"].min, r["praesenzkraft_stundensatz"].max = 0.0, 200.0  # widen before narrowing
            r["praesenzkraft_stundensatz"].value = satz / 100
            r["praesenzkraft_stundensatz"].min = round(satz / 200, 1)
            r["praesenzkraft_stundensatz"].max = round(satz * 1.5 / 100, 1)
            r["belegung"].value = float(s.belegung)
            r["hzp_anteil"].value = float(s.hzp_anteil)
            r["modellprojekt_anteil"].value = float(s.modellprojekt_anteil)
            r["wohngruppenzuschlag_anrechnen"].value = s.wohngruppenzuschlag_anrechnen
            r["geplante_wgs"].value = s.geplante_wgs
            r["plaetze_geplant"].max = int(load_parameters(s.stichtag).hoechstzahl_bewohner)
            r["plaetze_geplant"].value = s.plaetze_geplant
            unten, oben = einkommen_mittel_bereich(s.einkommen_hoechst_m)
            raster = EINKOMMEN_RASTER // 100
            e = r["einkommen_mittel_m"]
            e.min, e.max, e.step = 0, 10**6, raster
            e.value = s.einkommen_mittel_m // 100
            e.min, e.max = -(-unten // (raster * 100)) * raster, oben // (raster * 100) * raster
            e.disabled = s.einkommen_verteilung is not None  # a scenario's own income distribution: no mean to move
            r["anteil_pg45"].value = float(sum(a for k, a in s.pflegegrad_verteilung if k >= 4))
            r["stufen"].value = next((k for k, v in STUFEN_MISCHUNGEN.items() if v == s.stufen_verteilung), "gleich verteilt")
        finally:
            self._still = False
        if rechnen:
            self.aktualisieren()
        else:
            self._readouts()

    def _readouts(self) -> None:
        """The sliders' values as German text."""
        r, a = self.regler, self.anzeigen_werte
        texte = {
            "praesenzkraft_stundensatz": euro(int(_dezimal(r["praesenzkraft_stundensatz"].value) * 100)),
            "belegung": prozent(_dezimal(r["belegung"].value)),
            "hzp_anteil": prozent(_dezimal(r["hzp_anteil"].value)),
            "modellprojekt_anteil": prozent(_dezimal(r["modellprojekt_anteil"].value)),
            "plaetze_geplant": zahl(r["plaetze_geplant"].value),
            "einkommen_mittel_m": euro_ganz(r["einkommen_mittel_m"].value * 100),
            "anteil_pg45": prozent(_dezimal(r["anteil_pg45"].value)),
        }
        for name, text in texte.items():
            if a[name].value != text:
                a[name].value = text

    def szenario(self) -> Szenario:
        """The scenario the controls show (sliders' floats turned into exact decimals/cents)."""
        r = {k: v.value for k, v in self.regler.items()}
        werte = dict(
            stichtag=r["stichtag"], heim=r["heim"],
            praesenz_stunden_tag=None if r["praesenz_stunden_tag"] == LAUT_REGISTER else r["praesenz_stunden_tag"],
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
        if not self._still:
            self.aktualisieren()

    def _fehler(self, exc: Exception) -> None:
        self.ergebnis.value = f"<div class='pflegewg-ergebnis'><p><b>Eingabe nicht möglich:</b> {html.escape(str(exc))}</p></div>"

    def aktualisieren(self) -> None:
        """Recompute and redraw; the time from the change to here goes to letzte_dauer_ms."""
        start = time.perf_counter()
        self._readouts()
        try:
            s = self.szenario()
            ergebnis = kreis(s, self.landkreis, self.register)
        except (EingabeFehler, ParameterDateiFehler) as exc:
            self._fehler(exc)
            return
        self._nr += 1
        zeilen = wg_zeilen(ergebnis)  # once for table and chart
        tabelle = self._tabelle_html(ergebnis, zeilen)
        oben = (self._kopf_html(ergebnis) + self._hinweise_html(ergebnis)
                + f"<div class='pflegewg-grafik'>{kreis_svg(ergebnis, zeilen=zeilen)}</div>")
        self.letzte_dauer_ms = (time.perf_counter() - start) * 1000
        self.dauern_ms.append(self.letzte_dauer_ms)
        dauer = f"<div class='pflegewg-dauer'>aktualisiert in {zahl(round(self.letzte_dauer_ms))} ms</div>"
        self.ergebnis.value = f"<div class='pflegewg-ergebnis' data-nr='{self._nr}'>{oben}{dauer}</div>"
        self.tabelle.value = f"<div class='pflegewg-tabelle-rahmen' data-nr='{self._nr}'>{tabelle}{self._annahmen_html()}</div>"

    def _kopf_html(self, r) -> str:
        s = r.summen.loc["alle"]
        wgs = int(s["wgs"])
        return (
            f"<div class='pflegewg-kopf'><h3>Mehrkosten des Landkreises je Jahr: {euro(s['mehrkosten_y'])}</h3>"
            f"<p>{wgs} anbietergestützte {'WG' if wgs == 1 else 'WGs'}, {zahl(s['bewohner'])} Bewohner, davon erwartet "
            f"{zahl(s['empfaenger_hzp'], 2)} mit Hilfe zur Pflege · Kosten in der WG {euro(s['kosten_wg_y'])}, "
            f"im Heim {euro(s['kosten_heim_y'])} je Jahr · {html.escape(self.landkreis.landkreis)}, "
            f"Stichtag {datum(r.szenario.stichtag)}</p></div>"
        )

    def _hinweise_html(self, r) -> str:
        zeilen = hinweise(r.params, self.landkreis)
        if not zeilen:
            return ""
        return "<div class='pflegewg-hinweise'>" + "<br>".join(html.escape(z) for z in zeilen) + "</div>"

    def _tabelle_html(self, r, wg_liste: list[SimpleNamespace] | None = None) -> str:
        kopf = ("WG", "Bewohner", "Präsenzkraft je Kopf und Monat", "nach Modellvorhaben und Wohngruppenzuschlag",
                "Empfänger Hilfe zur Pflege", "Kosten WG je Jahr", "Kosten Heim je Jahr", "Mehrkosten je Jahr")
        zeilen = ["<table class='pflegewg-tabelle'><thead><tr>"
                  + "".join(f"<th{'' if i == 0 else ' class=z'}>{k}</th>" for i, k in enumerate(kopf)) + "</tr></thead><tbody>"]
        for x in wg_zeilen(r) if wg_liste is None else wg_liste:
            name = html.escape(x.name) + (f" ({html.escape(x.ort)})" if x.ort and x.ort not in x.name else "")
            name += " – <i>geplant</i>" if x.status == "geplant" else ""
            zahlen = [zahl(x.bewohner), euro(x.praesenzkraft_m), euro(x.praesenzkraft_verbleibend_m), zahl(x.empfaenger_hzp, 2),
                      euro(x.kosten_wg_y), euro(x.kosten_heim_y), euro(x.mehrkosten_y)]
            zeilen.append(f"<tr><td>{name}</td>" + "".join(f"<td class='z'>{z}</td>" for z in zahlen) + "</tr>")
        for gruppe in ("bestehend", "geplant", "alle"):
            s = r.summen.loc[gruppe]
            zahlen = [zahl(s["bewohner"]), "", "", zahl(s["empfaenger_hzp"], 2), euro(s["kosten_wg_y"]), euro(s["kosten_heim_y"]), euro(s["mehrkosten_y"])]
            zeilen.append(f"<tr><th>Summe {gruppe}</th>" + "".join(f"<td class='z'><b>{z}</b></td>" for z in zahlen) + "</tr>")
        return "".join(zeilen) + "</tbody></table>"

    def _annahmen_html(self) -> str:
        return ("<p class='pflegewg-annahmen'>ANNAHMEN (Standardwerte ohne Beleg in der Drucksache): "
                + html.escape(" · ".join(v for v in QUELLEN.values() if v.startswith("ANNAHME"))) + "</p>")

    # --- layout -------------------------------------------------------------------------

    def widget(self) -> w.Widget:
        """The whole explorer as one widget: controls left, headline and chart beside them (under
        them on narrow screens), the table across the full width below."""
        L = self._layout
        regler = w.VBox(self.bedienung, layout=L(width="390px", flex="0 0 auto"))
        oben = w.Box([regler, w.Box([self.ergebnis], layout=L(flex="1 1 420px", min_width="0"))],
                     layout=L(display="flex", flex_flow="row wrap", align_items="flex-start"))
        return w.VBox([self.stil, oben, self.tabelle], layout=L(width="100%", max_width="1400px"))

    def anzeigen(self):
        """Display the explorer in a notebook or Voilà page."""
        from IPython.display import display

        display(self.widget())


def wg_zeilen(r) -> list[SimpleNamespace]:
    """The rows of `r.wgs` with their columns as attributes (a quarter of the time of
    DataFrame.itertuples, which counts on every slider step)."""
    spalten = list(r.wgs.columns)
    return [SimpleNamespace(**dict(zip(spalten, werte))) for werte in zip(*(r.wgs[k].to_numpy() for k in spalten))]


def _svg_text(x, y, text, **attr) -> str:
    a = " ".join(f'{k.replace("_", "-")}="{v}"' for k, v in attr.items())
    return f'<text x="{x:.1f}" y="{y:.1f}" {a}>{html.escape(text)}</text>'


def kreis_svg(r, breite: int = 680, zeilen: list[SimpleNamespace] | None = None) -> str:
    """Je WG die Kosten des Landkreises je Jahr in der WG und (für dieselben Empfänger) im Heim,
    mit den Mehrkosten am Balken, als SVG (the explorer's chart; the report draws the same with
    matplotlib, `bericht.kreis_grafik.kreis_balken`). Lengths from exact cents; every number
    written is formatted from the cents. `zeilen`: `wg_zeilen(r)` if already at hand."""
    wgs = wg_zeilen(r) if zeilen is None else zeilen
    links, rechts, oben, zeile = 235, 20, 30, 30
    hoehe = oben + zeile * len(wgs) + 62
    plot = breite - links - rechts
    hoechst = max([max(int(x.kosten_wg_y), int(x.kosten_heim_y)) for x in wgs], default=0)
    grenze = schoene_grenze(hoechst / 100 * 1.22)
    schritt = next(s * 10 ** k for k in range(0, 12) for s in (1, 2, 2.5, 5) if grenze / (s * 10 ** k) <= 5)
    x = lambda euro_: links + plot * euro_ / grenze  # noqa: E731
    teile = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {breite} {hoehe}" font-family="DejaVu Sans, Arial, sans-serif" '
             f'font-size="11" role="img" aria-label="Kosten je WG">']
    s = r.summen.loc["alle"]
    teile.append(_svg_text(breite / 2, 16, f"Mehrkosten aller WGs im Szenario: {euro_ganz(s['mehrkosten_y'])} je Jahr",
                           text_anchor="middle", font_size="13", font_weight="bold"))
    unten = oben + zeile * len(wgs)
    wert = 0.0
    while wert <= grenze + 1e-9:
        xx = x(wert)
        teile.append(f'<line x1="{xx:.1f}" y1="{oben - 4}" x2="{xx:.1f}" y2="{unten}" stroke="#e0e0e0"/>')
        teile.append(_svg_text(xx, unten + 14, euro_ganz(round(wert * 100)), text_anchor="middle", fill="#333"))
        wert += schritt
    for i, g in enumerate(wgs):
        y0 = oben + i * zeile
        name = g.name + (f" ({g.ort})" if g.ort and g.ort not in g.name else "") + (" – geplant" if g.status == "geplant" else "")
        teile.append(_svg_text(links - 6, y0 + zeile / 2 + 4, name if len(name) <= 38 else name[:37] + "…", text_anchor="end"))
        wg_e, heim_e = int(g.kosten_wg_y) / 100, int(g.kosten_heim_y) / 100
        teile.append(f'<rect x="{links}" y="{y0 + 3}" width="{x(wg_e) - links:.1f}" height="11" fill="{WG_FARBE}"/>')
        teile.append(f'<rect x="{links}" y="{y0 + 15}" width="{x(heim_e) - links:.1f}" height="11" fill="{HEIM_FARBE}"/>')
        mehr = int(g.mehrkosten_y)
        teile.append(_svg_text(x(max(wg_e, heim_e)) + 4, y0 + zeile / 2 + 4, ("+" if mehr >= 0 else "") + euro_ganz(mehr),
                               fill=MEHR_FARBE, font_size="10"))
    teile.append(f'<line x1="{links}" y1="{oben - 4}" x2="{links}" y2="{unten}" stroke="#333"/>')
    teile.append(_svg_text(links + plot / 2, unten + 30, "Kosten des Landkreises je Jahr (Hilfe zur Pflege); am Balken: Mehrkosten der WG",
                           text_anchor="middle", fill="#333"))
    ly = unten + 46
    teile.append(f'<rect x="{links}" y="{ly - 9}" width="12" height="10" fill="{WG_FARBE}"/>')
    teile.append(_svg_text(links + 16, ly, "in der Pflege-WG"))
    teile.append(f'<rect x="{links + 150}" y="{ly - 9}" width="12" height="10" fill="{HEIM_FARBE}"/>')
    teile.append(_svg_text(links + 166, ly, "im Pflegeheim (dieselben Personen)"))
    teile.append("</svg>")
    return "".join(teile)
