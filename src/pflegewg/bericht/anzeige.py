"""Display of tables, charts and text in notebooks, in a form the report can collect.

A notebook shows a table with `zeige_tabelle(t)`: the planner sees German-formatted HTML;
the executed notebook also carries the raw numbers (MIME type `TABELLE_MIME`), from which
`pflegewg bericht` writes tabellen.xlsx. `zeige_grafik(fig, ...)` shows a chart and carries
PNG and SVG for the report's files. All HTML is escaped: text from data files stays text,
also inside Markdown (`md_text`), so that a WG name can never become a link, an image or markup.
"""
from __future__ import annotations

import base64
import html
import io
import re
from dataclasses import dataclass, field

from ..basis import format as fmt

TABELLE_MIME = "application/vnd.pflegewg.tabelle+json"
#: charts are saved at this resolution (PNG); the report prints a chart at its own size in inches,
#: at most the width of the text column (A4 minus the margins of the report's @page)
GRAFIK_DPI = 150
SPALTE_MM = 178
#: smallest text on a chart at print size (pt); `schrift_im_druck_pt` measures it, the tests hold it
SCHRIFT_MIN_PT = 7.0

#: German sheet names of tabellen.xlsx (Excel: at most 31 characters, none of : \ / ? * [ ]), by table id
BLATTNAMEN = {
    "wg_uebersicht": "WGs nach Typ und Status",
    "wg_bestand": "WG-Register",
    "leistungszuschlag_durchschnitt": "Eigenanteil Durchschnittsheim",
    "leistungszuschlag_teuerste": "Eigenanteil teuerstes Heim",
    "differenz_durchschnitt": "Differenz Durchschnittsheim",
    "differenz_teuerste": "Differenz teuerstes Heim",
    "faelle_pg23": "Fälle PG 2 und 3",
    "faelle_pg45": "Fälle PG 4 und 5",
    "mehrkosten_jahr_pg23": "Mehrkosten je Jahr PG 2 und 3",
    "mehrkosten_jahr_pg45": "Mehrkosten je Jahr PG 4 und 5",
    "kreis_szenario": "Eingaben Basisszenario",
    "kreis_wgs": "Kreis je WG",
    "kreis_szenarien": "Szenarien",
    "kreis_tornado": "Empfindlichkeit",
    "kreis_monte_carlo": "Unsicherheit (Monte-Carlo)",
    "kreis_break_even_einkommen": "Break-even Einkommen",
    "kreis_break_even_stundensatz": "Break-even Stundensatz",
    "kernaussagen_vollkosten": "Vollkosten je Pflegegrad",
    "vollkosten": "Vollkosten je Monat",
    "auslassungen": "Zusätzliche Kostenposten",
    "aufenthalt": "Kosten über den Aufenthalt",
    "finanzplanung": "Finanzplanung",
    "finanzplanung_annahmen": "Annahmen Finanzplanung",
    "abgleich_uebersicht": "Abgleich Drucksache",
    "abgleich_abweichungen": "Abweichungen Drucksache",
}


def blattname(tabellen_id: str) -> str:
    """The sheet name of a table in tabellen.xlsx: German from `BLATTNAMEN`, else the id."""
    name = BLATTNAMEN.get(tabellen_id, tabellen_id)
    return "".join("-" if z in ':\\/?*[]' else z for z in name)[:31]
#: column formats; "zahl_2" is a decimal number shown with two decimals (e.g. expected recipients)
FORMATE = ("text", "euro", "euro_ganz", "zahl", "zahl_2", "prozent", "ganzzahl")


@dataclass(frozen=True)
class Tabelle:
    """A report table: cells hold raw values (cents for euro formats), `formate` per column."""

    id: str
    titel: str
    spalten: tuple[str, ...]
    zeilen: tuple[tuple, ...]
    formate: tuple[str, ...]
    fussnote: str = ""
    hervorheben: tuple[int, ...] = field(default=())  # row indices shown bold (totals)

    def __post_init__(self):
        if len(self.formate) != len(self.spalten):
            raise ValueError(f"Tabelle {self.id}: {len(self.formate)} Formate für {len(self.spalten)} Spalten")
        for f in self.formate:
            if f not in FORMATE:
                raise ValueError(f"Tabelle {self.id}: Format {f!r} unbekannt (erlaubt: {', '.join(FORMATE)})")

    def als_json(self) -> dict:
        return {
            "id": self.id,
            "blatt": blattname(self.id),
            "titel": self.titel,
            "spalten": list(self.spalten),
            "formate": list(self.formate),
            "zeilen": [[_json_wert(v) for v in z] for z in self.zeilen],
            "fussnote": self.fussnote,
        }


def _json_wert(v):
    """A cell for the JSON that tabellen.xlsx is written from (Decimal as exact text)."""
    if v is None:
        return None
    if hasattr(v, "item"):
        v = v.item()
    if isinstance(v, (int, str, float, bool)):
        return v
    return str(v)


#: characters that start inline markup in Markdown (emphasis, code, link, image, autolink, raw
#: HTML, entity, table cell, strikethrough); block markers matter only at the start of a line
_MD_INLINE = set("\\`*_[]<>!&|~")
_MD_ANFANG = re.compile(r"^(?:[#>+=-]|[0-9]+[.)])")


def md_text(text) -> str:
    """Text from a data file for use inside Markdown: every character that could start markup is
    backslash-escaped (a leading block marker too) and line breaks become spaces, so the text
    shows exactly as written, never as a link, image, HTML or heading. Ordinary names
    (letters, digits, spaces, ., -, parentheses inside) come out unchanged."""
    text = "".join("\\" + z if z in _MD_INLINE else z for z in " ".join(str(text).split()))
    if m := _MD_ANFANG.match(text):
        text = text[: m.end() - 1] + "\\" + text[m.end() - 1 :]
    return text


def zelle(wert, format_: str) -> str:
    """One cell as German text."""
    if wert is None or (isinstance(wert, float) and wert != wert):
        return "–"
    if format_ == "euro":
        return fmt.euro(wert)
    if format_ == "euro_ganz":
        return fmt.euro_ganz(wert)
    if format_ == "prozent":
        return fmt.prozent(wert)
    if format_ == "zahl":
        return fmt.zahl(wert, 2 if isinstance(wert, float) and not float(wert).is_integer() else 0)
    if format_ == "zahl_2":
        return fmt.zahl(wert, 2)
    if format_ == "ganzzahl":
        return fmt.zahl(int(wert))
    return str(wert)


#: inline styles of table cells and total rows: JupyterLab ignores the report's stylesheet, so the
#: notebook's HTML carries them; the report's own files drop them (`ohne_inline_stil`), because its
#: CSS classes say the same and WeasyPrint lays out a table about a second faster without them
STIL_TEXT, STIL_ZAHL, STIL_SUMME = ' style="text-align:left"', ' style="text-align:right"', ' style="font-weight:bold"'


def _ausrichtung(format_: str) -> str:
    """Class and inline alignment (inline, so that JupyterLab shows it as the report does)."""
    if format_ == "text":
        return f'class="text"{STIL_TEXT}'
    return f'class="zahl"{STIL_ZAHL}'


def ohne_inline_stil(tabelle_html_text: str) -> str:
    """A table's HTML (from `tabelle_html`) without the inline styles meant for JupyterLab."""
    for stil in (STIL_TEXT, STIL_ZAHL, STIL_SUMME):
        tabelle_html_text = tabelle_html_text.replace(stil, "")
    return tabelle_html_text


def tabelle_html(t: Tabelle) -> str:
    """The table as escaped HTML (numbers right-aligned, German formats)."""
    kopf = "".join(f"<th {_ausrichtung(f)}>{html.escape(s)}</th>" for s, f in zip(t.spalten, t.formate))
    zeilen = []
    for i, z in enumerate(t.zeilen):
        klasse = f' class="summe"{STIL_SUMME}' if i in t.hervorheben else ""
        zellen = "".join(f"<td {_ausrichtung(f)}>{html.escape(zelle(v, f))}</td>" for v, f in zip(z, t.formate))
        zeilen.append(f"<tr{klasse}>{zellen}</tr>")
    fuss = f'<p class="fussnote">{html.escape(t.fussnote)}</p>' if t.fussnote else ""
    breit = ' class="breit"' if len(t.spalten) > 7 else ""
    return (
        f'<figure class="tabelle" id="tab-{html.escape(t.id)}"><figcaption>{html.escape(t.titel)}</figcaption>'
        f"<table{breit}><thead><tr>{kopf}</tr></thead><tbody>{''.join(zeilen)}</tbody></table>{fuss}</figure>"
    )


def tabelle_text(t: Tabelle) -> str:
    """The table as aligned plain text (what nbval and a terminal see)."""
    rows = [list(t.spalten)] + [[zelle(v, f) for v, f in zip(z, t.formate)] for z in t.zeilen]
    breiten = [max(len(r[i]) for r in rows) for i in range(len(t.spalten))]
    lines = [t.titel]
    for r in rows:
        lines.append("  ".join(c.ljust(b) if f == "text" else c.rjust(b) for c, b, f in zip(r, breiten, t.formate)))
    if t.fussnote:
        lines.append(t.fussnote)
    return "\n".join(lines)


def zeige_tabelle(t: Tabelle) -> None:
    """Show a table in the notebook and carry its raw numbers for the report."""
    from IPython.display import display

    display(
        {"text/html": tabelle_html(t), "text/plain": tabelle_text(t), TABELLE_MIME: t.als_json()},
        raw=True,
        metadata={"pflegewg": {"tabelle": t.id}},
    )


def druckbreite_mm(breite_zoll: float) -> float:
    """Width of a chart in the PDF: its own width, at most the text column."""
    return min(SPALTE_MM, breite_zoll * 25.4)


def schrift_im_druck_pt(fig) -> float:
    """The smallest text drawn on `fig` (titles, labels, ticks, legend, annotations) in pt as
    printed in the report, i.e. scaled by `druckbreite_mm` / figure width. Call after drawing."""
    from matplotlib.text import Text

    breite = fig.get_figwidth()
    massstab = druckbreite_mm(breite) / (breite * 25.4)
    groessen = [t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    return min(groessen, default=float("inf")) * massstab


def _png(fig) -> bytes:
    png = io.BytesIO()
    fig.savefig(png, format="png", dpi=GRAFIK_DPI, metadata={"Software": None})
    return png.getvalue()


def _svg(fig) -> str:
    """SVG without date, with fixed ids (the same chart gives the same bytes)."""
    import matplotlib

    matplotlib.rcParams["svg.hashsalt"] = "pflegewg"
    svg = io.StringIO()
    fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    return svg.getvalue()


def grafik_dateien(fig) -> tuple[bytes, str]:
    """PNG (GRAFIK_DPI) and SVG of a matplotlib figure."""
    return _png(fig), _svg(fig)


#: MIME type of the SVGs a report kernel hands in after its chapters (`svg_nachreichen`)
SVG_NACHGEREICHT_MIME = "application/vnd.pflegewg.svg+json"
#: figures whose SVG is still due (id → figure); None: SVG at once, as in JupyterLab and nbval
_SVG_OFFEN: dict | None = None


def svg_spaeter() -> None:
    """Report kernels only (`pflegewg bericht` sets it at kernel start): `zeige_grafik` shows the
    PNG and keeps the figure; `svg_nachreichen` draws the SVGs after all chapters, while the
    report lays out the PDF, for which only the PNG is needed (saves about a third of each
    chart's time in the chapters)."""
    global _SVG_OFFEN
    _SVG_OFFEN = {}


def svg_nachreichen() -> None:
    """Show the SVG of every chart kept since `svg_spaeter`, one output per chart with
    {id: svg} as `SVG_NACHGEREICHT_MIME`, and forget the figures."""
    from IPython.display import display

    while _SVG_OFFEN:
        gid, fig = _SVG_OFFEN.popitem()
        display({SVG_NACHGEREICHT_MIME: {gid: _svg(fig)}, "text/plain": f"SVG {gid}"}, raw=True)


def zeige_grafik(fig, id: str, titel: str) -> None:
    """Show a chart in the notebook and carry PNG and SVG for the report (in a report kernel the
    SVG comes later, see `svg_spaeter`)."""
    import matplotlib.pyplot as plt
    from IPython.display import display

    png = _png(fig)
    daten = {"image/png": base64.b64encode(png).decode("ascii")}
    if _SVG_OFFEN is None:
        daten["image/svg+xml"] = _svg(fig)
    else:
        _SVG_OFFEN[id] = fig  # closing below only unregisters it from pyplot; it can still be saved
    daten["text/plain"] = f"Grafik: {titel}"
    schrift = round(schrift_im_druck_pt(fig), 2)
    plt.close(fig)
    display(daten, raw=True, metadata={"pflegewg": {"grafik": id, "titel": titel, "schrift_druck_pt": schrift}})


def zeige_text(markdown: str) -> None:
    """Show German text (Markdown). The report escapes raw HTML in it, JupyterLab sanitises it."""
    from IPython.display import Markdown, display

    display(Markdown(markdown))
