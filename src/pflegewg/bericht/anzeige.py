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


def _ausrichtung(format_: str) -> str:
    """Class and inline alignment (inline, so that JupyterLab shows it as the report does)."""
    if format_ == "text":
        return 'class="text" style="text-align:left"'
    return 'class="zahl" style="text-align:right"'


def tabelle_html(t: Tabelle) -> str:
    """The table as escaped HTML (numbers right-aligned, German formats)."""
    kopf = "".join(f"<th {_ausrichtung(f)}>{html.escape(s)}</th>" for s, f in zip(t.spalten, t.formate))
    zeilen = []
    for i, z in enumerate(t.zeilen):
        klasse = ' class="summe" style="font-weight:bold"' if i in t.hervorheben else ""
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


def grafik_dateien(fig) -> tuple[bytes, str]:
    """PNG (GRAFIK_DPI) and SVG of a matplotlib figure; SVG without date, with fixed ids."""
    import matplotlib

    matplotlib.rcParams["svg.hashsalt"] = "pflegewg"
    png = io.BytesIO()
    fig.savefig(png, format="png", dpi=GRAFIK_DPI, metadata={"Software": None})
    svg = io.StringIO()
    fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    return png.getvalue(), svg.getvalue()


def zeige_grafik(fig, id: str, titel: str) -> None:
    """Show a chart in the notebook and carry PNG and SVG for the report."""
    import matplotlib.pyplot as plt
    from IPython.display import display

    png, svg = grafik_dateien(fig)
    schrift = round(schrift_im_druck_pt(fig), 2)
    plt.close(fig)
    display(
        {"image/png": base64.b64encode(png).decode("ascii"), "image/svg+xml": svg, "text/plain": f"Grafik: {titel}"},
        raw=True,
        metadata={"pflegewg": {"grafik": id, "titel": titel, "schrift_druck_pt": schrift}},
    )


def zeige_text(markdown: str) -> None:
    """Show German text (Markdown). The report escapes raw HTML in it, JupyterLab sanitises it."""
    from IPython.display import Markdown, display

    display(Markdown(markdown))
