"""The committee report: run the notebooks with papermill, assemble HTML, PDF, XLSX, charts
and a manifest into reports/<kreis>/<sitzung>/ (or <ausgabe>/<sitzung>/), atomically.

A report belongs to its county: the session (Gremium, Drucksache, Stichtag) comes from the county's
own calendar (`sitzungen:` in its file) or the command line, the chapter Abgleich and every note
about the paper only when the county file names it (`referenz:`), and the default output folder
is `reports/<kurzname>/` (`Landkreisdaten.kurzname`), so that no county's report replaces another's.

Everything is written into a temporary folder beside the target and moved into place only
when every step succeeded: a failing notebook leaves an existing report untouched and names
the notebook and the cell that failed.

One run at a time per output folder: a lock file (`SPERRDATEI`, via `filelock`, which works on
Windows too) is held for the whole run; a second run waits up to `SPERRE_WARTEN_S` seconds
and says so in one line, then gives up. Under the lock a run first repairs what a killed run
left: a `.alt-<sitzung>-<pid>` folder (the old report, renamed away just before the new one
was moved in) is renamed back when its report is missing, else removed; `.tmp-*` folders are
removed. SIGTERM is handled like Ctrl-C during a run (KeyboardInterrupt): the temporary folder
is removed and an existing report stays.
"""
from __future__ import annotations

import base64
import contextlib
import datetime as dt
import errno
import hashlib
import html
import io
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from importlib import metadata
from pathlib import Path

from ..basis import orte
from ..basis.format import datum
from ..basis.geld import EingabeFehler, div_half_up
from ..modell.landkreis import Landkreisdaten, load_landkreis
from ..modell.sitzungen import Sitzung, load_sitzungen
from ..modell.zeitstand import hinweise
from ..recht.parameter import load_parameters, parameter_files, parse_stichtag
from .anzeige import GRAFIK_DPI, TABELLE_MIME, blattname, druckbreite_mm, ohne_inline_stil
from .kapitellauf import BerichtFehler, Kapitellauf, kernelzahl, nbformat_schnell_laden
from .kapitellauf import meldung_kurz as _meldung_kurz

#: The report's chapters, in order (notebooks/<name>.ipynb).
NOTEBOOKS = ("Zusammenfassung", "WG-Bestand", "Kostenvergleich", "Fallbeispiele", "Vollkosten", "Kreis-Kostenrisiko",
             "Finanzplanung", "Abgleich")
#: chapters only for a county file that names a reference paper (`referenz:`)
NUR_MIT_REFERENZ = ("Abgleich",)
#: parameters that only some notebooks declare (papermill warns about unknown ones)
EXTRA_PARAMETER = {"Kreis-Kostenrisiko": ("szenario",), "Finanzplanung": ("szenario",)}
#: the session of a county without a calendar entry to choose from (`--sitzung` is then required)
STANDARD_SITZUNG = None
TITEL = "Kostenrisiken bei der Finanzierung von Pflege-Wohngemeinschaften"
BIBLIOTHEKEN = ("numpy", "pandas", "matplotlib", "papermill", "nbformat", "ipykernel", "weasyprint", "openpyxl", "mistune", "PyYAML")
#: the lock file in the output folder (kept between runs: deleting it would open a race)
SPERRDATEI = ".pflegewg-bericht.lock"
#: how long a second run into the same output folder waits for the first (a run takes ~20 s)
SPERRE_WARTEN_S = 600.0


# sessions: Sitzung and load_sitzungen live in modell.sitzungen (read by the one CSV reader)


def _parse_datum(feld: str, text: str) -> dt.date:
    if isinstance(text, str) and not text.strip():
        raise EingabeFehler(f"{feld}: leer (erlaubt: ein Datum im Format JJJJ-MM-TT)")
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        raise EingabeFehler(f"{feld}: {text!r} ist kein Datum im Format JJJJ-MM-TT") from None


def pfad(text: str | Path | None) -> Path | None:
    """A path argument made absolute once, at the entry (the notebooks run in notebooks/)."""
    if text is None or str(text) == "":
        return None
    return Path(text).expanduser().resolve()


# --- running the notebooks ------------------------------------------------------------------


def kapitel(landkreis: Landkreisdaten) -> tuple[str, ...]:
    """The report's chapter notebooks for this county (Abgleich only with `referenz:`)."""
    return tuple(n for n in NOTEBOOKS if landkreis.referenz or n not in NUR_MIT_REFERENZ)


# --- collecting outputs ---------------------------------------------------------------------


@dataclass
class Inhalt:
    kapitel: list  # (notebook name, chapter title, [html blocks])
    tabellen: list  # table JSON dicts, in report order
    grafiken: list  # (id, titel, png bytes, svg text)


def _markdown(text: str) -> str:
    """Markdown of the notebooks (and of `zeige_text`) as HTML; raw HTML is escaped, and text
    from data files arrives there already Markdown-escaped (`anzeige.md_text`)."""
    import mistune

    return mistune.create_markdown(escape=True, plugins=["table"])(text)


GRAFIK_PLATZHALTER = "data:pflegewg-grafik,"


def _grafik_block(gid: str, titel: str, png: bytes, svg: str) -> str:
    """A chart as <figure>, printed at its own size (at most the text column), so that its text
    keeps the point sizes set in matplotlib (`anzeige.schrift_im_druck_pt`); the image source is
    a placeholder that `mit_bildern` fills in (SVG for the HTML file, PNG for the PDF, which
    WeasyPrint renders much faster)."""
    breite_px = struct.unpack(">I", png[16:20])[0]
    breite_mm = druckbreite_mm(breite_px / GRAFIK_DPI)
    return (
        f'<figure class="grafik" id="grafik-{html.escape(gid)}"><img src="{GRAFIK_PLATZHALTER}{html.escape(gid)}" '
        f'style="width:{breite_mm:.1f}mm" alt="{html.escape(titel)}"/><figcaption>{html.escape(titel)}</figcaption></figure>'
    )


def mit_bildern(html_text: str, inhalt: "Inhalt", format_: str) -> str:
    """Fill the chart placeholders with data URIs: format_ 'svg' (HTML file) or 'png' (PDF)."""
    for gid, _titel, png, svg in inhalt.grafiken:
        if format_ == "svg":
            quelle = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
        else:
            quelle = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        html_text = html_text.replace(f'"{GRAFIK_PLATZHALTER}{html.escape(gid)}"', f'"{quelle}"')
    return html_text


def collect(notebooks: list[Path]) -> Inhalt:
    """Walk the executed notebooks: Markdown, tables and charts become report blocks."""
    nbformat_schnell_laden()
    import nbformat

    inhalt = Inhalt([], [], [])
    for pfad in notebooks:
        nb = nbformat.read(pfad, as_version=4)
        bloecke = []
        titel = pfad.stem
        for zelle in nb.cells:
            if zelle.cell_type == "markdown" and zelle.source.startswith("# ") and titel == pfad.stem:
                titel = zelle.source.splitlines()[0][2:].strip()
            tags = zelle.metadata.get("tags", [])
            if "parameters" in tags or "injected-parameters" in tags:
                continue
            if zelle.cell_type == "markdown":
                bloecke.append(_markdown(zelle.source))
                continue
            if zelle.cell_type != "code":
                continue
            for out in zelle.get("outputs", []):
                if out.get("output_type") not in ("display_data", "execute_result"):
                    continue
                data = out.get("data", {})
                meta = out.get("metadata", {}).get("pflegewg", {})
                if TABELLE_MIME in data:
                    inhalt.tabellen.append(dict(data[TABELLE_MIME]))
                    bloecke.append(ohne_inline_stil(data["text/html"]))
                elif "image/png" in data and "grafik" in meta:
                    png = base64.b64decode(data["image/png"])
                    svg = data.get("image/svg+xml", "")
                    svg = svg if isinstance(svg, str) else "".join(svg)
                    inhalt.grafiken.append((meta["grafik"], meta.get("titel", ""), png, svg))
                    bloecke.append(_grafik_block(meta["grafik"], meta.get("titel", ""), png, svg))
                elif "text/markdown" in data:
                    bloecke.append(_markdown(data["text/markdown"]))
        inhalt.kapitel.append((pfad.stem, titel, bloecke))
    return inhalt


# --- writing --------------------------------------------------------------------------------

CSS = """
@page { size: A4; margin: 18mm 16mm 20mm 16mm;
  @bottom-left { content: "%(fuss)s"; font-size: 7.5pt; color: #555; }
  @bottom-right { content: "Seite " counter(page) " von " counter(pages); font-size: 7.5pt; color: #555; } }
html { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9.5pt; color: #111; }
body { max-width: 190mm; margin: 0 auto; line-height: 1.4; }
.titelblock { border-bottom: 2px solid #08306b; margin-bottom: 1.2em; padding-bottom: .6em; }
.titelblock .kreis { font-size: 11pt; font-weight: bold; color: #08306b; }
.titelblock h1 { font-size: 17pt; margin: .3em 0; }
.titelblock table { border: none; font-size: 9.5pt; }
.titelblock td { border: none; padding: 1px 10px 1px 0; text-align: left; }
h1 { font-size: 15pt; color: #08306b; margin: 1.2em 0 .4em; }
h2 { font-size: 12pt; color: #08306b; margin: 1em 0 .3em; }
section.kapitel { margin-top: 1.6em; }
h1, h2, h3, figcaption { break-after: avoid; }
figure { margin: .8em 0 1.2em; }
figure.grafik { break-inside: avoid; }
figure.tabelle tr { break-inside: avoid; }
figure.tabelle p.fussnote { break-before: avoid; }
figcaption { font-weight: bold; margin-bottom: .3em; font-size: 9.5pt; }
figure.grafik img { max-width: 100%%; display: block; }
figure.grafik figcaption { font-weight: normal; font-style: italic; font-size: 8.5pt; margin-top: .2em; }
table { border-collapse: collapse; width: 100%%; font-size: 8.3pt; }
th, td { border-bottom: 1px solid #ccc; padding: 2px 5px; vertical-align: top; }
th { background: #eef3f9; border-bottom: 1.5px solid #08306b; }
td.zahl { text-align: right; white-space: nowrap; }
th.zahl { text-align: right; }
table.breit { font-size: 7.4pt; }
table.breit th, table.breit td { padding: 2px 3px; }
td.text, th.text { text-align: left; }
tr.summe td { font-weight: bold; border-bottom: 1.5px solid #555; }
p.fussnote { font-size: 7.8pt; color: #444; margin: .3em 0 0; }
nav.inhalt ol { margin: .2em 0 0 1.2em; padding: 0; }
"""


def html_dokument(inhalt: Inhalt, kopf: dict) -> str:
    """The report as one HTML document, charts still as placeholders (see `mit_bildern`)."""
    zeilen = "".join(f"<tr><td>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>" for k, v in kopf["zeilen"])
    inhaltsverzeichnis = "".join(
        f'<li><a href="#kap-{html.escape(n)}">{html.escape(titel)}</a></li>' for n, titel, _ in inhalt.kapitel
    )
    kapitel = "".join(f'<section class="kapitel" id="kap-{html.escape(n)}">{"".join(b)}</section>' for n, _, b in inhalt.kapitel)
    text = (
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">'
        f"<title>{html.escape(kopf['titel'])}</title><style>{CSS % {'fuss': _css_text(kopf['fuss'])}}</style></head><body>"
        f'<header class="titelblock"><div class="kreis">{html.escape(kopf["kreis"])}</div><h1>{html.escape(kopf["titel"])}</h1>'
        f"<table>{zeilen}</table>"
        f'<nav class="inhalt">Inhalt:<ol>{inhaltsverzeichnis}</ol></nav></header>'
        f"{kapitel}</body></html>"
    )
    return text


def _css_text(text: str) -> str:
    """Text for a CSS string literal inside <style> (quotes, backslashes and '<' escaped)."""
    return " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ")


def write_pdf(html_text: str, pfad: Path) -> None:
    import logging

    try:
        from weasyprint import HTML
    except (OSError, ImportError) as exc:  # Pango (GTK) missing, typically on Windows: not a disk error
        raise BerichtFehler(
            f"PDF: WeasyPrint findet Pango nicht ({_meldung_kurz(exc)}); unter Windows Pango über MSYS2 oder conda-forge "
            "installieren (README, Abschnitt Windows)") from exc

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    with ohne_zyklische_muellabfuhr():
        HTML(string=html_text, base_url=str(pfad.parent), url_fetcher=nur_data_urls()).write_pdf(str(pfad))


@contextlib.contextmanager
def ohne_zyklische_muellabfuhr():
    """Python's cyclic garbage collector paused for a block: WeasyPrint builds hundreds of
    thousands of small objects for the report's boxes, and the collector scanning them again
    and again costs about a quarter of the PDF's time (measured: 5,2 → 3,8 s); the memory
    stays within a few MB, and the objects are freed by reference counting as usual."""
    import gc

    war_an = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if war_an:
            gc.enable()


def vorladen() -> threading.Thread:
    """Import WeasyPrint, openpyxl and mistune in a background thread while the kernels run (the
    main thread only waits then): about a second less at the end of a run. A failed import
    (Pango missing) is reported later by `write_pdf`."""
    def laden():
        for modul in ("weasyprint", "openpyxl", "mistune"):
            try:
                __import__(modul)
            except Exception:  # noqa: BLE001 – write_pdf / write_xlsx name the problem
                pass

    t = threading.Thread(target=laden, name="pflegewg-vorladen", daemon=True)
    t.start()
    return t


class FremdeUrlFehler(ValueError):
    """The PDF may load nothing but data: URLs (no network, no local files)."""


def nur_data_urls():
    """A WeasyPrint URL fetcher that serves `data:` URLs and refuses every other URL (http(s),
    file, ftp, relative ones): building the PDF never touches the network or the disk, whatever
    a data file or a notebook put into the HTML. WeasyPrint skips a refused image with a
    warning (logged only at ERROR level here)."""
    from weasyprint import urls

    if hasattr(urls, "URLFetcher"):  # WeasyPrint >= 66: a class with a list of allowed protocols

        class NurData(urls.URLFetcher):
            def fetch(self, url, headers=None):
                if not str(url).lower().startswith("data:"):
                    raise FremdeUrlFehler(f"nicht geladen (nur data:-URLs): {str(url)[:80]}")
                return super().fetch(url, headers)

        return NurData(allowed_protocols={"data"})

    def fetcher(url, *args, **kwargs):
        if not str(url).lower().startswith("data:"):
            raise FremdeUrlFehler(f"nicht geladen (nur data:-URLs): {str(url)[:80]}")
        return urls.default_url_fetcher(url, *args, **kwargs)

    return fetcher


def write_xlsx(tabellen: list[dict], pfad: Path, zeitpunkt: dt.datetime) -> None:
    """Every table on its own sheet; amounts as numbers with euro formats.

    Text is stored as text (cell type string) even when it starts with `=`, `+`, `-` or `@`:
    a WG name from a data file never becomes a formula. The file is byte-identical for the
    same tables and `zeitpunkt` (document properties and zip entry times set to it)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    if tabellen:
        wb.remove(wb.active)
    else:  # a workbook needs one visible sheet
        wb.active.title = "Hinweis"
        wb.active["A1"] = "Dieser Bericht enthält keine Tabellen."
    wb.properties.creator = "pflegewg"
    wb.properties.created = zeitpunkt
    wb.properties.modified = zeitpunkt
    namen = set()
    for t in tabellen:
        name = t.get("blatt") or blattname(t["id"])
        while name.lower() in namen:  # Excel compares sheet names without case
            name = name[:28] + f" {len(namen)}"
        namen.add(name.lower())
        ws = wb.create_sheet(name)
        _text(ws.cell(row=1, column=1), t["titel"]).font = Font(bold=True, size=12)
        for j, spalte in enumerate(t["spalten"], start=1):
            c = _text(ws.cell(row=3, column=j), spalte)
            c.font = Font(bold=True)
            c.alignment = Alignment(wrap_text=True, horizontal="left" if t["formate"][j - 1] == "text" else "right")
        for i, zeile in enumerate(t["zeilen"], start=4):
            for j, (wert, form) in enumerate(zip(zeile, t["formate"]), start=1):
                c = ws.cell(row=i, column=j)
                if wert is None:
                    continue
                if form == "euro":
                    c.value = Decimal(int(wert)) / 100
                    c.number_format = '#,##0.00 "€";-#,##0.00 "€"'
                elif form == "euro_ganz":
                    c.value = int(div_half_up(int(wert), 100))
                    c.number_format = '#,##0 "€";-#,##0 "€"'
                elif form == "ganzzahl":
                    c.value = int(wert)
                    c.number_format = "#,##0"
                elif form == "prozent":
                    c.value = Decimal(str(wert))
                    c.number_format = "0%"
                elif form == "zahl_2":
                    c.value = Decimal(str(wert)).quantize(Decimal("0.01"))  # as shown in the report
                    c.number_format = "#,##0.00"
                elif form == "zahl" and isinstance(wert, (int, float)):
                    c.value = wert
                else:
                    _text(c, wert)
        if t.get("fussnote"):
            _text(ws.cell(row=len(t["zeilen"]) + 5, column=1), t["fussnote"]).font = Font(italic=True, size=9)
        for j, spalte in enumerate(t["spalten"], start=1):
            laenge = max([len(str(spalte))] + [len(str(z[j - 1])) + 4 for z in t["zeilen"] if z[j - 1] is not None])
            ws.column_dimensions[get_column_letter(j)].width = min(60, max(10, laenge + 2))
        ws.freeze_panes = "A4"
    puffer = io.BytesIO()
    wb.save(puffer)
    pfad.write_bytes(_feste_zeiten(puffer.getvalue(), zeitpunkt))


def _text(zelle, wert):
    """Store `wert` as a text cell: openpyxl makes every string that starts with '=' a formula;
    characters XML cannot hold (control characters) become U+FFFD."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    zelle.value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(wert))
    zelle.data_type = "s"
    return zelle


def _feste_zeiten(xlsx: bytes, zeitpunkt: dt.datetime) -> bytes:
    """The XLSX with `zeitpunkt` as created/modified time in docProps/core.xml (openpyxl writes
    the time of saving) and as the time of every zip entry: the same tables give the same bytes."""
    stempel = zeitpunkt.replace(tzinfo=None, microsecond=0).isoformat() + "Z"
    aus = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as ein, zipfile.ZipFile(aus, "w", zipfile.ZIP_DEFLATED) as neu:
        for info in ein.infolist():
            daten = ein.read(info)
            if info.filename == "docProps/core.xml":
                text = daten.decode("utf-8")
                for feld in ("created", "modified"):
                    text = re.sub(rf"(<dcterms:{feld}[^>]*>)[^<]*(</dcterms:{feld}>)", rf"\g<1>{stempel}\g<2>", text)
                daten = text.encode("utf-8")
            eintrag = zipfile.ZipInfo(info.filename, date_time=zeitpunkt.timetuple()[:6])
            eintrag.compress_type = zipfile.ZIP_DEFLATED
            eintrag.external_attr = info.external_attr
            neu.writestr(eintrag, daten)
    return aus.getvalue()


def _sha256(pfad: Path) -> str:
    return hashlib.sha256(Path(pfad).read_bytes()).hexdigest()


def _relativ(pfad: Path) -> str:
    """A path for the manifest: relative to the project folder with '/' on every system (the
    manifest of a report built on Windows reads the same), else absolute."""
    try:
        return Path(pfad).resolve().relative_to(orte.projektordner()).as_posix()
    except ValueError:
        return Path(pfad).resolve().as_posix()


def _git_commit() -> str | None:
    try:
        r = subprocess.run(["git", "-C", str(orte.projektordner()), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=5)
        return r.stdout.strip() or None if r.returncode == 0 else None
    except (OSError, subprocess.SubprocessError):
        return None


def _version(paket: str) -> str | None:
    try:
        return metadata.version(paket)
    except metadata.PackageNotFoundError:
        return None


def manifest(sitzung: Sitzung, stichtag: dt.date, landkreis: Landkreisdaten, ordner: Path, start: float,
             erstellt: dt.datetime, szenario_datei: str | None = None) -> dict:
    eingaben = list(dict.fromkeys([landkreis.datei, landkreis.wg_register_datei, landkreis.sitzungen_datei, szenario_datei]))
    from ..modell.abgleich import referenz_datei

    referenz = [referenz_datei(landkreis.referenz)] if landkreis.referenz else []

    return {
        "sitzung": sitzung.datum.isoformat(),
        "gremium": sitzung.gremium,
        "drucksache": sitzung.drucksache or None,
        "stichtag": stichtag.isoformat(),
        "landkreis": landkreis.landkreis,
        "kreisdaten_stand": landkreis.stand.isoformat(),
        "szenario": _relativ(szenario_datei) if szenario_datei else "Basisszenario (pflegewg.kreis.szenario.Szenario)",
        "eingabedateien": [{"datei": _relativ(p), "sha256": _sha256(p)} for p in eingaben if p and Path(p).is_file()]
        + [{"datei": _relativ(p), "sha256": _sha256(p)} for p in referenz],
        "referenz": landkreis.referenz,
        "parameterdateien": [{"datei": _relativ(p), "sha256": _sha256(p)} for p in parameter_files()],
        "notebooks": [{"datei": _relativ(orte.notebookordner() / f"{n}.ipynb"), "sha256": _sha256(orte.notebookordner() / f"{n}.ipynb")}
                      for n in kapitel(landkreis)],
        "pflegewg_version": _version("pflegewg"),
        "git_commit": _git_commit(),
        "python": sys.version.split()[0],
        "bibliotheken": {p: _version(p) for p in BIBLIOTHEKEN},
        "erstellt": erstellt.isoformat(timespec="seconds"),
        "laufzeit_s": round(time.monotonic() - start, 2),
        "dateien": [
            {"datei": p.relative_to(ordner).as_posix(), "sha256": _sha256(p)} for p in sorted(ordner.rglob("*")) if p.is_file()
        ],
    }


# --- the whole run --------------------------------------------------------------------------


def sitzung_aufloesen(sitzung: str | None, landkreis: Landkreisdaten, gremium: str | None, drucksache: str | None,
                      stichtag: str | None) -> tuple[Sitzung, dt.date]:
    """Session data from the command line, completed from the county's calendar (`sitzungen:` of
    its file); default Stichtag: the one listed for the session, else the session date. Without
    `sitzung`: the calendar's next session from today on, else its last one; a county without a
    calendar must name the session (a county whose file names a reference paper but no calendar:
    the paper's session). An empty session or Stichtag is refused."""
    kalender = load_sitzungen(landkreis.sitzungen_datei) or _referenz_sitzung(landkreis)
    if sitzung is None:
        sitzung = standard_sitzung(kalender)
        if sitzung is None:
            raise EingabeFehler(
                f"sitzung: {landkreis.datei.name} nennt keinen Sitzungskalender mit einer Sitzung "
                "(erlaubt: --sitzung JJJJ-MM-TT angeben oder in der Kreisdatei sitzungen: DATEI nennen)")
    tag = _parse_datum("sitzung", sitzung)
    bekannt = {s.datum: s for s in kalender}.get(tag)
    s = Sitzung(
        tag,
        gremium or (bekannt.gremium if bekannt else "Sozialausschuss"),
        drucksache if drucksache is not None else (bekannt.drucksache if bekannt else ""),
        None,
    )
    if stichtag is not None:
        st = parse_stichtag(stichtag)
    else:
        st = parse_stichtag(bekannt.stichtag if bekannt and bekannt.stichtag else tag)
    return s, st


def _referenz_sitzung(landkreis: Landkreisdaten) -> list[Sitzung]:
    """The session of the county's reference paper, as a calendar of one (a county file with
    `referenz:` but without a calendar), else []."""
    if not landkreis.referenz:
        return []
    from ..modell.abgleich import referenz

    ref = referenz(landkreis.referenz)
    s = ref.get("sitzung") or {}
    if not s.get("datum"):
        return []
    return [Sitzung(s["datum"], str(s.get("gremium") or ""), str(s.get("drucksache") or ""), ref.get("stichtag"))]


def standard_sitzung(kalender: list[Sitzung], heute: dt.date | None = None) -> str | None:
    """The session a report is for when none is named: the calendar's next session from today
    on, else its last one (JJJJ-MM-TT); None for an empty calendar."""
    if not kalender:
        return None
    heute = heute or dt.date.today()
    kommend = sorted(s.datum for s in kalender if s.datum >= heute)
    return (kommend[0] if kommend else max(s.datum for s in kalender)).isoformat()


def erstellungstag() -> dt.date:
    """The day the report is built, shown in its title block: today, or the day of the
    environment variable SOURCE_DATE_EPOCH (seconds since 1970, UTC; the reproducible-builds
    convention) to rebuild a report byte for byte on another day. Only the day: two runs on the
    same day with the same inputs give the same HTML."""
    epoche = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoche.isdigit():
        return dt.datetime.fromtimestamp(int(epoche), dt.timezone.utc).date()
    return dt.date.today()


def _melden(text: str) -> None:
    print(f"pflegewg: {text}", file=sys.stderr, flush=True)


def run_report(
    sitzung: str | None = None,
    stichtag: str | None = None,
    daten: str | None = None,
    ausgabe: str | Path | None = None,
    gremium: str | None = None,
    drucksache: str | None = None,
    heim: str = "durchschnitt",
    szenario: str | None = None,
    melden=_melden,
    lauf: Kapitellauf | None = None,
) -> Path:
    """Build reports/<kreis>/<sitzung>/ (or <ausgabe>/<sitzung>/); returns the folder.

    `szenario`: a scenario YAML file for the chapter Kreis-Kostenrisiko (default: base scenario).
    Path arguments may be relative to the current directory. `melden(text)` receives the
    one-line notes of the run (waiting for the lock, a report restored after a crash). `lauf`:
    kernels the caller started already (`pflegewg bericht` starts them before it imports this
    module) and stops afterwards; default: started here once the run holds the lock.
    Raises EingabeFehler (bad input, e.g. --ausgabe not a writable folder), BerichtFehler (the run
    failed: notebook, kernel, disk), KeyboardInterrupt (Ctrl-C or SIGTERM); in every case an
    existing report stays as it was and the temporary folder is removed.
    """
    start = time.monotonic()
    daten, szenario = pfad(daten), pfad(szenario)
    landkreis = load_landkreis(daten)
    landkreis.heim(heim)
    s, st = sitzung_aufloesen(sitzung, landkreis, gremium, drucksache, stichtag)
    for zeile in hinweise(load_parameters(st), landkreis):
        melden(f"Hinweis: {zeile}")  # the same lines stand in the report's title block
    if szenario:
        from ..kreis.szenario import load_szenario

        load_szenario(szenario)  # a bad scenario file fails here, before any notebook runs
    basis = ausgabeordner(ausgabe, landkreis)
    kernel = contextlib.nullcontext(lauf) if lauf is not None else Kapitellauf(kernelzahl(len(kapitel(landkreis))))
    with sigterm_als_abbruch(), sperre(basis, melden), kernel as lauf:
        aufraeumen(basis, melden)
        return _bauen(s, st, landkreis, basis, heim, szenario, start, lauf)


def _bauen(s: Sitzung, st: dt.date, landkreis: Landkreisdaten, basis: Path, heim: str, szenario: Path | None,
           start: float, lauf: Kapitellauf) -> Path:
    """The run proper, under the lock: everything into .tmp-*, then moved into place."""
    ziel = basis / s.datum.isoformat()
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{s.datum.isoformat()}-", dir=basis))
    except OSError as exc:
        raise BerichtFehler(f"temporärer Ordner in {basis} nicht angelegt: {os_grund(exc)}") from exc
    try:
        parameter = {"stichtag": st.isoformat(), "sitzung": s.datum.isoformat(), "daten": str(landkreis.datei), "heim": heim}
        extra = {"szenario": str(szenario) if szenario else ""}
        vorladen()
        notebooks = lauf.ausfuehren(tmp / "notebooks", parameter, extra, kapitel(landkreis), EXTRA_PARAMETER)
        inhalt = collect(notebooks)
        kopf = {
            "kreis": landkreis.landkreis,
            "titel": f"{TITEL}: Kostenvergleich Pflege-WG / Pflegeheim",
            "zeilen": [
                ("Gremium", s.gremium),
                ("Sitzung", datum(s.datum)),
                *([("Drucksache", s.drucksache)] if s.drucksache else []),
                ("Stichtag (Rechtsstand)", datum(st)),
                *[("Hinweis", zeile) for zeile in hinweise(load_parameters(st), landkreis)],
                ("Kreisdaten", f"{landkreis.datei.name}, Stand {datum(landkreis.stand)}"),
                ("Quelle der Kreisdaten", landkreis.quelle),
                *([("Abgleich mit", _referenz_text(landkreis.referenz))] if landkreis.referenz else []),
                ("Erstellt", f"{datum(erstellungstag())} mit pflegewg {_version('pflegewg') or ''}".strip()),
            ],
            "fuss": f"{landkreis.landkreis} · {s.gremium} {datum(s.datum)} · Stichtag {datum(st)}",
        }
        dokument = html_dokument(inhalt, kopf)
        write_pdf(mit_bildern(dokument, inhalt, "png"), tmp / "bericht.pdf")  # the kernels draw the SVGs meanwhile
        svg = lauf.svg_abholen([g[0] for g in inhalt.grafiken])
        inhalt.grafiken = [(gid, titel, png, svg[gid]) for gid, titel, png, _ in inhalt.grafiken]
        (tmp / "grafiken").mkdir()
        for gid, _titel, png, svg_text in inhalt.grafiken:
            (tmp / "grafiken" / f"{gid}.png").write_bytes(png)
            (tmp / "grafiken" / f"{gid}.svg").write_text(svg_text, encoding="utf-8")
        (tmp / "bericht.html").write_text(mit_bildern(dokument, inhalt, "svg"), encoding="utf-8")
        zeitpunkt = dt.datetime.combine(s.datum, dt.time())
        write_xlsx(inhalt.tabellen, tmp / "tabellen.xlsx", zeitpunkt)
        erstellt = dt.datetime.now().astimezone()
        m = manifest(s, st, landkreis, tmp, start, erstellt, str(szenario) if szenario else None)
        (tmp / "manifest.json").write_text(json.dumps(m, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        tmp.chmod(0o755)
        _move_into_place(tmp, ziel)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        ort = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        raise BerichtFehler(f"Schreiben nach {basis} fehlgeschlagen: {os_grund(exc)}{ort}") from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return ziel


def _move_into_place(tmp: Path, ziel: Path) -> None:
    """Replace `ziel` by `tmp` with two renames on one file system; the old report survives any
    failure before. A crash between the two renames leaves the old report as .alt-*, which the
    next run renames back (`aufraeumen`)."""
    alt = None
    if ziel.exists():
        alt = ziel.with_name(f".alt-{ziel.name}-{os.getpid()}")
        os.rename(ziel, alt)
    try:
        os.rename(tmp, ziel)
    except BaseException:
        if alt is not None:
            os.rename(alt, ziel)
        raise
    if alt is not None:
        shutil.rmtree(alt, ignore_errors=True)


# --- output folder, lock, recovery, signals -------------------------------------------------

_OS_GRUENDE = {
    errno.ENOSPC: "kein Platz mehr auf dem Datenträger",
    errno.EACCES: "keine Schreibrechte",
    errno.EPERM: "keine Schreibrechte",
    errno.EROFS: "Datenträger ist schreibgeschützt",
    errno.ENOTDIR: "ein Teil des Pfads ist kein Ordner",
    errno.ENOENT: "Pfad nicht gefunden",
    errno.EEXIST: "existiert bereits",
    getattr(errno, "EDQUOT", -1): "Speicherkontingent (Quota) erschöpft",
}


def os_grund(exc: OSError, system: str | None = None) -> str:
    """An OSError as a short German reason (the English strerror stays in the chained exception).
    On Windows a file that another program holds open cannot be renamed or replaced: the reason
    then says so (an old bericht.pdf open in the PDF viewer is the usual case)."""
    grund = _OS_GRUENDE.get(exc.errno, f"Betriebssystemfehler {errno.errorcode.get(exc.errno, exc.errno)}")
    if (system or os.name) == "nt" and exc.errno in (errno.EACCES, errno.EPERM):
        grund += " oder eine Datei ist noch in einem anderen Programm geöffnet (z. B. bericht.pdf im PDF-Betrachter; schließen und erneut starten)"
    return grund


def _referenz_text(name: str) -> str:
    from ..modell.abgleich import referenz

    return str(referenz(name)["quelle"]) + " (Kapitel Abgleich)"


def ausgabeordner(ausgabe: str | Path | None, landkreis: Landkreisdaten | None = None) -> Path:
    """The output folder as an absolute path, created if missing: `ausgabe`, else
    reports/<kurzname of the county>/ of the project folder (reports/konstanz/ for Landkreis
    Konstanz), so that the reports of two counties never replace each other. EingabeFehler (one
    line) if it is no folder or pflegewg may not write there."""
    basis = pfad(ausgabe) or (orte.berichtordner() / landkreis.kurzname if landkreis is not None else orte.berichtordner())
    if basis.exists() and not basis.is_dir():
        raise EingabeFehler(f"ausgabe: {basis} ist kein Ordner (erlaubt: ein Ordner, in den pflegewg schreiben darf)")
    try:
        basis.mkdir(parents=True, exist_ok=True)
        with open(basis / SPERRDATEI, "a", encoding="utf-8"):
            pass  # the lock file: creating it proves the folder is writable
    except OSError as exc:
        raise EingabeFehler(f"ausgabe: in {basis} kann pflegewg nicht schreiben: {os_grund(exc)} "
                            "(erlaubt: ein Ordner mit Schreibrechten)") from None
    return basis


@contextlib.contextmanager
def sperre(basis: Path, melden=_melden, warten_s: float | None = None):
    """Hold the lock of output folder `basis`; if another run holds it, say so and wait up to
    `warten_s` (default SPERRE_WARTEN_S) seconds, then BerichtFehler."""
    from filelock import FileLock, Timeout

    warten_s = SPERRE_WARTEN_S if warten_s is None else warten_s
    lock = FileLock(str(basis / SPERRDATEI))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        melden(f"{basis} wird gerade von einem anderen Berichtslauf beschrieben; warte bis zu {warten_s:.0f} s …")
        try:
            lock.acquire(timeout=warten_s)
        except Timeout:
            raise BerichtFehler(
                f"{basis} ist nach {warten_s:.0f} s noch durch einen anderen Berichtslauf gesperrt "
                f"({SPERRDATEI}); später erneut starten"
            ) from None
    try:
        yield
    finally:
        lock.release()


_ALT = re.compile(r"^\.alt-(.+)-[0-9]+$")


def aufraeumen(basis: Path, melden=_melden) -> None:
    """Repair what a killed run left in `basis` (call only while holding `sperre(basis)`):
    an old report renamed to .alt-* goes back in place if its report is missing (else it is
    removed); .tmp-* folders of killed runs are removed."""
    alte = sorted((p for p in basis.glob(".alt-*") if p.is_dir() and _ALT.match(p.name)),
                  key=lambda p: p.stat().st_mtime, reverse=True)
    for alt in alte:
        ziel = basis / _ALT.match(alt.name)[1]
        if not ziel.exists():
            os.rename(alt, ziel)
            melden(f"Bericht {ziel} nach einem abgebrochenen Lauf wiederhergestellt")
        else:
            shutil.rmtree(alt, ignore_errors=True)
    for tmp in basis.glob(".tmp-*"):
        if tmp.is_dir():
            shutil.rmtree(tmp, ignore_errors=True)


class SigtermAbbruch(KeyboardInterrupt):
    """SIGTERM during a report run: unwinds like Ctrl-C; the CLI tells the two apart by type."""


def _sigterm(signum, frame):
    raise SigtermAbbruch(f"Signal {signum}")


@contextlib.contextmanager
def sigterm_als_abbruch():
    """During the block SIGTERM raises KeyboardInterrupt, as Ctrl-C does (main thread only;
    on Windows SIGTERM is rare, Ctrl-C is the usual way)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGTERM"):
        yield
        return
    vorher = signal.signal(signal.SIGTERM, _sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, vorher)


def faellige_sitzungen(landkreis: Landkreisdaten, heute: dt.date, tage: int, basis: Path) -> list[Sitzung]:
    """Sessions within the next `tage` days (today included) that have no report yet."""
    bis = heute + dt.timedelta(days=tage)
    return [
        s for s in load_sitzungen(landkreis.sitzungen_datei)
        if heute <= s.datum <= bis and not (basis / s.datum.isoformat()).exists()
    ]
