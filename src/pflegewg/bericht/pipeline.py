"""The committee report: run the notebooks with papermill, assemble HTML, PDF, XLSX, charts
and a manifest into reports/<sitzung>/, atomically.

Everything is written into a temporary folder beside the target and moved into place only
when every step succeeded: a failing notebook leaves an existing report untouched and names
the notebook and the cell that failed.
"""
from __future__ import annotations

import base64
import csv
import datetime as dt
import hashlib
import html
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from decimal import Decimal
from importlib import metadata
from pathlib import Path

from ..basis import orte
from ..basis.dateien import ParameterDateiFehler
from ..basis.format import datum
from ..basis.geld import EingabeFehler, div_half_up
from ..modell.landkreis import Landkreisdaten, load_landkreis
from ..recht.parameter import load_parameters, parameter_files, parse_stichtag
from .anzeige import TABELLE_MIME

#: The report's chapters, in order (notebooks/<name>.ipynb).
NOTEBOOKS = ("Zusammenfassung", "WG-Bestand", "Kostenvergleich", "Fallbeispiele", "Kreis-Kostenrisiko", "Finanzplanung", "Abgleich")
#: parameters that only some notebooks declare (papermill warns about unknown ones)
EXTRA_PARAMETER = {"Kreis-Kostenrisiko": ("szenario",), "Finanzplanung": ("szenario",)}
STANDARD_SITZUNG = "2023-02-13"
TITEL = "Kostenrisiken bei der Finanzierung von Pflege-Wohngemeinschaften"
BIBLIOTHEKEN = ("numpy", "pandas", "matplotlib", "papermill", "nbformat", "ipykernel", "weasyprint", "openpyxl", "mistune", "PyYAML")


class BerichtFehler(RuntimeError):
    """A report run failed (the message names the notebook and the cell)."""


@dataclass(frozen=True)
class Sitzung:
    datum: dt.date
    gremium: str
    drucksache: str
    stichtag: dt.date | None


# --- sessions -------------------------------------------------------------------------------


def load_sitzungen(path: Path | None) -> list[Sitzung]:
    """The committee's sessions (CSV: datum, gremium, drucksache, stichtag)."""
    if path is None or not Path(path).is_file():
        return []
    sitzungen = []
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        erwartet = ["datum", "gremium", "drucksache", "stichtag"]
        if reader.fieldnames != erwartet:
            raise ParameterDateiFehler(f"{Path(path).name}: Spalten {reader.fieldnames} (erwartet: {erwartet})")
        for i, row in enumerate(reader, start=2):
            try:
                tag = dt.date.fromisoformat(row["datum"].strip())
                stichtag = dt.date.fromisoformat(row["stichtag"].strip()) if row["stichtag"].strip() else None
            except ValueError:
                raise ParameterDateiFehler(f"{Path(path).name}: Zeile {i}: datum/stichtag kein Datum JJJJ-MM-TT") from None
            sitzungen.append(Sitzung(tag, row["gremium"].strip(), row["drucksache"].strip(), stichtag))
    return sitzungen


def _parse_datum(feld: str, text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        raise EingabeFehler(f"{feld}: {text!r} ist kein Datum im Format JJJJ-MM-TT") from None


# --- running the notebooks ------------------------------------------------------------------


def _execute_notebooks(ziel: Path, parameter: dict, extra: dict | None = None) -> list[Path]:
    """Run every chapter notebook with papermill into `ziel`, one after the other in one kernel
    (saves a kernel start and the imports per notebook; each notebook still runs on its own
    under nbval); name notebook and cell on failure."""
    from jupyter_client.manager import KernelManager

    ziel.mkdir(parents=True)
    km = KernelManager(kernel_name="python3")
    km.start_kernel(cwd=str(orte.notebookordner()))
    try:
        ausgaben = []
        for name in NOTEBOOKS:
            eigene = {k: v for k, v in (extra or {}).items() if k in EXTRA_PARAMETER.get(name, ())}
            ausgabe = ziel / f"{name}.ipynb"
            fehler = _execute_one(name, ausgabe, {**parameter, **eigene}, km)
            if fehler:
                raise BerichtFehler(fehler)
            ausgaben.append(ausgabe)
        return ausgaben
    finally:
        km.shutdown_kernel(now=True)


def _execute_one(name: str, ausgabe: Path, parameter: dict, km=None) -> str | None:
    """Execute one notebook (in kernel `km` if given); None on success, else the message
    naming notebook and cell."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    try:
        papermill.execute_notebook(
            str(orte.notebookordner() / f"{name}.ipynb"), str(ausgabe), parameters=parameter, kernel_name="python3",
            cwd=str(orte.notebookordner()), progress_bar=False, log_output=False, request_save_on_cell_execute=False, km=km,
        )
    except PapermillExecutionError as exc:
        return _fehlerstelle(name, ausgabe, exc)
    return None


def _fehlerstelle(name: str, ausgabe: Path, exc) -> str:
    """'Notebook X.ipynb, Zelle N (...)': N counts the cells of the notebook in notebooks/,
    i.e. without the cell that papermill injects."""
    import nbformat

    nummer, anfang = exc.cell_index + 1, ""
    try:
        nb = nbformat.read(ausgabe, as_version=4)
        injiziert = [i for i, c in enumerate(nb.cells) if "injected-parameters" in c.metadata.get("tags", [])]
        if injiziert and exc.cell_index > injiziert[0]:
            nummer -= 1
        anfang = nb.cells[exc.cell_index].source.strip().splitlines()[0][:60]
    except (OSError, IndexError, ValueError):
        pass
    code = f", Code: {anfang}" if anfang else ""
    return f"Notebook {name}.ipynb, Zelle {nummer} (Ausführung [{exc.exec_count}]{code}): {exc.ename}: {exc.evalue}"


# --- collecting outputs ---------------------------------------------------------------------


@dataclass
class Inhalt:
    kapitel: list  # (notebook name, chapter title, [html blocks])
    tabellen: list  # table JSON dicts, in report order
    grafiken: list  # (id, titel, png bytes, svg text)


def _markdown(text: str) -> str:
    import mistune

    return mistune.create_markdown(escape=True, plugins=["table"])(text)


GRAFIK_PLATZHALTER = "data:pflegewg-grafik,"


def _grafik_block(gid: str, titel: str, png: bytes, svg: str) -> str:
    """A chart as <figure>; the image source is a placeholder that `mit_bildern` fills in
    (SVG for the HTML file, PNG for the PDF, which WeasyPrint renders much faster)."""
    breite, hoehe = struct.unpack(">II", png[16:24])
    klasse = "grafik hoch" if hoehe > 0.8 * breite else "grafik"
    return (
        f'<figure class="{klasse}" id="grafik-{html.escape(gid)}"><img src="{GRAFIK_PLATZHALTER}{html.escape(gid)}" '
        f'alt="{html.escape(titel)}"/><figcaption>{html.escape(titel)}</figcaption></figure>'
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
                    bloecke.append(data["text/html"])
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
section.kapitel { page-break-before: always; }
section.kapitel:first-of-type { page-break-before: avoid; }
figure { margin: .8em 0 1.2em; page-break-inside: avoid; }
figcaption { font-weight: bold; margin-bottom: .3em; font-size: 9.5pt; }
figure.grafik img { width: 100%%; }
figure.grafik figcaption { font-weight: normal; font-style: italic; font-size: 8.5pt; margin-top: .2em; }
table { border-collapse: collapse; width: 100%%; font-size: 8.3pt; }
th, td { border-bottom: 1px solid #ccc; padding: 2px 5px; vertical-align: top; }
th { background: #eef3f9; border-bottom: 1.5px solid #08306b; }
td.zahl { text-align: right; white-space: nowrap; }
th.zahl { text-align: right; }
table.breit { font-size: 7.4pt; }
table.breit th, table.breit td { padding: 2px 3px; }
figure.grafik.hoch img { width: 72%%; display: block; margin: 0 auto; }
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

    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    HTML(string=html_text, base_url=str(pfad.parent)).write_pdf(str(pfad))


def write_xlsx(tabellen: list[dict], pfad: Path, zeitpunkt: dt.datetime) -> None:
    """Every table on its own sheet; amounts as numbers with euro formats."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "pflegewg"
    wb.properties.created = zeitpunkt
    wb.properties.modified = zeitpunkt
    namen = set()
    for t in tabellen:
        name = t["id"][:31]
        while name in namen:
            name = name[:29] + f"_{len(namen)}"
        namen.add(name)
        ws = wb.create_sheet(name)
        ws["A1"] = t["titel"]
        ws["A1"].font = Font(bold=True, size=12)
        for j, spalte in enumerate(t["spalten"], start=1):
            c = ws.cell(row=3, column=j, value=spalte)
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
                else:
                    c.value = wert
        if t.get("fussnote"):
            ws.cell(row=len(t["zeilen"]) + 5, column=1, value=t["fussnote"]).font = Font(italic=True, size=9)
        for j, spalte in enumerate(t["spalten"], start=1):
            laenge = max([len(str(spalte))] + [len(str(z[j - 1])) + 4 for z in t["zeilen"] if z[j - 1] is not None])
            ws.column_dimensions[get_column_letter(j)].width = min(60, max(10, laenge + 2))
        ws.freeze_panes = "A4"
    wb.save(pfad)


def _sha256(pfad: Path) -> str:
    return hashlib.sha256(Path(pfad).read_bytes()).hexdigest()


def _relativ(pfad: Path) -> str:
    try:
        return str(Path(pfad).resolve().relative_to(orte.projektordner()))
    except ValueError:
        return str(Path(pfad).resolve())


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
    eingaben = [landkreis.datei, landkreis.wg_register_datei, landkreis.sitzungen_datei, szenario_datei]
    from ..modell.abgleich import REFERENZ_DATEI

    return {
        "sitzung": sitzung.datum.isoformat(),
        "gremium": sitzung.gremium,
        "drucksache": sitzung.drucksache or None,
        "stichtag": stichtag.isoformat(),
        "landkreis": landkreis.landkreis,
        "kreisdaten_stand": landkreis.stand.isoformat(),
        "szenario": _relativ(szenario_datei) if szenario_datei else "Basisszenario (pflegewg.kreis.szenario.Szenario)",
        "eingabedateien": [{"datei": _relativ(p), "sha256": _sha256(p)} for p in eingaben if p and Path(p).is_file()]
        + [{"datei": _relativ(REFERENZ_DATEI), "sha256": _sha256(REFERENZ_DATEI)}],
        "parameterdateien": [{"datei": _relativ(p), "sha256": _sha256(p)} for p in parameter_files()],
        "notebooks": [{"datei": _relativ(orte.notebookordner() / f"{n}.ipynb"), "sha256": _sha256(orte.notebookordner() / f"{n}.ipynb")}
                      for n in NOTEBOOKS],
        "pflegewg_version": _version("pflegewg"),
        "git_commit": _git_commit(),
        "python": sys.version.split()[0],
        "bibliotheken": {p: _version(p) for p in BIBLIOTHEKEN},
        "erstellt": erstellt.isoformat(timespec="seconds"),
        "laufzeit_s": round(time.monotonic() - start, 2),
        "dateien": [
            {"datei": str(p.relative_to(ordner)), "sha256": _sha256(p)} for p in sorted(ordner.rglob("*")) if p.is_file()
        ],
    }


# --- the whole run --------------------------------------------------------------------------


def sitzung_aufloesen(sitzung: str | None, landkreis: Landkreisdaten, gremium: str | None, drucksache: str | None,
                      stichtag: str | None) -> tuple[Sitzung, dt.date]:
    """Session data from the command line, completed from sitzungen.csv; default Stichtag: the
    one listed for the session, else the session date."""
    tag = _parse_datum("sitzung", sitzung or STANDARD_SITZUNG)
    bekannt = {s.datum: s for s in load_sitzungen(landkreis.sitzungen_datei)}.get(tag)
    s = Sitzung(
        tag,
        gremium or (bekannt.gremium if bekannt else "Sozialausschuss"),
        drucksache if drucksache is not None else (bekannt.drucksache if bekannt else ""),
        None,
    )
    if stichtag:
        st = parse_stichtag(stichtag)
    else:
        st = parse_stichtag(bekannt.stichtag if bekannt and bekannt.stichtag else tag)
    return s, st


def run_report(
    sitzung: str | None = None,
    stichtag: str | None = None,
    daten: str | None = None,
    ausgabe: str | Path | None = None,
    gremium: str | None = None,
    drucksache: str | None = None,
    heim: str = "durchschnitt",
    szenario: str | None = None,
) -> Path:
    """Build reports/<sitzung>/ (or <ausgabe>/<sitzung>/); returns the folder.

    `szenario`: a scenario YAML file for the chapter Kreis-Kostenrisiko (default: base scenario).
    """
    start = time.monotonic()
    landkreis = load_landkreis(daten)
    landkreis.heim(heim)
    s, st = sitzung_aufloesen(sitzung, landkreis, gremium, drucksache, stichtag)
    load_parameters(st)
    if szenario:
        from ..kreis.szenario import load_szenario

        load_szenario(szenario)  # a bad scenario file fails here, before any notebook runs
    basis = Path(ausgabe) if ausgabe else orte.berichtordner()
    basis.mkdir(parents=True, exist_ok=True)
    ziel = basis / s.datum.isoformat()
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{s.datum.isoformat()}-", dir=basis))
    try:
        parameter = {"stichtag": st.isoformat(), "sitzung": s.datum.isoformat(), "daten": str(landkreis.datei), "heim": heim}
        extra = {"szenario": str(Path(szenario).resolve()) if szenario else ""}
        notebooks = _execute_notebooks(tmp / "notebooks", parameter, extra)
        inhalt = collect(notebooks)
        (tmp / "grafiken").mkdir()
        for gid, _titel, png, svg in inhalt.grafiken:
            (tmp / "grafiken" / f"{gid}.png").write_bytes(png)
            (tmp / "grafiken" / f"{gid}.svg").write_text(svg, encoding="utf-8")
        kopf = {
            "kreis": landkreis.landkreis,
            "titel": f"{TITEL}: Kostenvergleich Pflege-WG / Pflegeheim",
            "zeilen": [
                ("Gremium", s.gremium),
                ("Sitzung", datum(s.datum)),
                *([("Drucksache", s.drucksache)] if s.drucksache else []),
                ("Stichtag (Rechtsstand)", datum(st)),
                ("Kreisdaten", f"{landkreis.datei.name}, Stand {datum(landkreis.stand)}"),
                ("Quelle der Kreisdaten", landkreis.quelle),
                ("Erstellt mit", f"pflegewg {_version('pflegewg') or ''}".strip()),
            ],
            "fuss": f"{landkreis.landkreis} · {s.gremium} {datum(s.datum)} · Stichtag {datum(st)}",
        }
        dokument = html_dokument(inhalt, kopf)
        (tmp / "bericht.html").write_text(mit_bildern(dokument, inhalt, "svg"), encoding="utf-8")
        write_pdf(mit_bildern(dokument, inhalt, "png"), tmp / "bericht.pdf")
        zeitpunkt = dt.datetime.combine(s.datum, dt.time())
        write_xlsx(inhalt.tabellen, tmp / "tabellen.xlsx", zeitpunkt)
        erstellt = dt.datetime.now().astimezone()
        m = manifest(s, st, landkreis, tmp, start, erstellt, szenario)
        (tmp / "manifest.json").write_text(json.dumps(m, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        tmp.chmod(0o755)
        _move_into_place(tmp, ziel)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return ziel


def _move_into_place(tmp: Path, ziel: Path) -> None:
    """Replace `ziel` by `tmp` with renames on one file system; the old report survives any failure before."""
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


def faellige_sitzungen(landkreis: Landkreisdaten, heute: dt.date, tage: int, basis: Path) -> list[Sitzung]:
    """Sessions within the next `tage` days (today included) that have no report yet."""
    bis = heute + dt.timedelta(days=tage)
    return [
        s for s in load_sitzungen(landkreis.sitzungen_datei)
        if heute <= s.datum <= bis and not (basis / s.datum.isoformat()).exists()
    ]
