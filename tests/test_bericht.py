"""pflegewg bericht: the committee report as files, safe and reproducible."""
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import nbformat
import pytest

from pflegewg.basis import orte
from pflegewg.bericht import pipeline as bericht
from pflegewg.bericht.anzeige import Tabelle, tabelle_html
from pflegewg.cli import main
from pflegewg.modell.landkreis import standard_datei
from pflegewg.recht.parameter import parameter_files

NBSP = "\u00a0"


def _inhalt(ordner):
    """What a report folder holds, without the lock file that stays between runs."""
    return sorted(p.name for p in ordner.iterdir() if p.name != bericht.SPERRDATEI)


@pytest.fixture(scope="module")
def bericht_ordner(tmp_path_factory):
    return bericht.run_report(ausgabe=tmp_path_factory.mktemp("reports"))


def test_alle_dateien(bericht_ordner):
    assert bericht_ordner.name == "2023-02-13"
    for name in ("bericht.html", "bericht.pdf", "tabellen.xlsx", "manifest.json"):
        assert (bericht_ordner / name).stat().st_size > 1000, name
    for nb in bericht.NOTEBOOKS:
        executed = nbformat.read(bericht_ordner / "notebooks" / f"{nb}.ipynb", as_version=4)
        assert any("injected-parameters" in c.metadata.get("tags", []) for c in executed.cells)
    grafiken = {p.name for p in (bericht_ordner / "grafiken").iterdir()}
    for g in ("wg_plaetze", "mehrkosten_nach_einkommen", "anteile_nach_einkommen", "mehrkosten_heatmap"):
        assert {f"{g}.png", f"{g}.svg"} <= grafiken
    assert not list(bericht_ordner.parent.glob(".tmp-*"))


def test_html_fallbeispiele_und_korrektur(bericht_ordner):
    text = (bericht_ordner / "bericht.html").read_text(encoding="utf-8")
    for wert in ("2.025", "1.772", "917", "1.656", "1.924", "1.614", "1.305", "918", "1.134", "824", "515", "128", "184"):
        assert f">{wert}{NBSP}€<" in text, wert
    assert f">1.654,47{NBSP}€<" in text and "Korrigiert gegenüber der Drucksache" in text
    assert f">371{NBSP}€<" in text and f">4.452{NBSP}€<" in text
    assert "Sozialausschuss" in text and "13.02.2023" in text and "2023/020" in text and "01.01.2023" in text
    assert "Stand 20.01.2023" in text
    assert "import " not in text and "zeige_tabelle" not in text, "no code in the report"


def test_pdf_enthaelt_tabellen(bericht_ordner):
    from pypdf import PdfReader

    reader = PdfReader(bericht_ordner / "bericht.pdf")
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)
    text = " ".join(p.extract_text() for p in reader.pages).replace(NBSP, " ")
    for wert in ("2.025 €", "1.772 €", "917 €", "1.656 €", "1.924 €", "1.134 €", "1.654,47 €", "Korrigiert"):
        assert wert in text, wert


def test_xlsx_zahlen_als_zahlen(bericht_ordner):
    from openpyxl import load_workbook

    wb = load_workbook(bericht_ordner / "tabellen.xlsx")
    assert {"WG-Register", "Eigenanteil Durchschnittsheim", "Eigenanteil teuerstes Heim", "Differenz Durchschnittsheim",
            "Fälle PG 2 und 3", "Fälle PG 4 und 5", "Abgleich Drucksache"} <= set(wb.sheetnames)
    # German sheet names for every table: short (Excel: 31 characters), unique, none an internal id
    assert all(len(n) <= 31 and "_" not in n for n in wb.sheetnames)
    assert len({n.lower() for n in wb.sheetnames}) == len(wb.sheetnames) == 25
    ws = wb["Eigenanteil Durchschnittsheim"]
    werte = [c.value for c in ws[8]]  # row "Eigenanteil pflegebedingte Aufwendungen"
    assert werte[0] == "Eigenanteil pflegebedingte Aufwendungen"
    assert [Decimal(str(v)) for v in werte[1:]] == [Decimal("1470.39"), Decimal("1160.84"), Decimal("851.28"), Decimal("464.33")]
    assert "€" in ws["B8"].number_format
    faelle = wb["Fälle PG 2 und 3"]
    wg_fall4 = [r for r in faelle.iter_rows(values_only=True) if r[0] == "Fall 4" and r[2] == "in der Pflege-WG"][0]
    assert wg_fall4[3:] == (1772, 1772, 1772, 1772)
    kreis = wb["Kreis je WG"]
    spalte = [c.value for c in kreis[3]].index("Empfänger HzP") + 1
    empfaenger = [kreis.cell(row=i, column=spalte) for i in range(4, kreis.max_row + 1) if kreis.cell(row=i, column=spalte).value is not None]
    assert empfaenger and all(c.data_type == "n" for c in empfaenger) and empfaenger[0].number_format == "#,##0.00"
    import re

    for blatt in wb.worksheets:  # every number stored as a number: no cell holds a German number as text
        for zeile in blatt.iter_rows(min_row=4):
            for c in zeile:
                assert not (isinstance(c.value, str) and re.fullmatch(r"−?[0-9.]+,[0-9]+", c.value)), \
                    (blatt.title, c.coordinate, c.value)


def test_xlsx_finanzplanung(bericht_ordner):
    """The Finanzplanung chapter's table is a sheet of tabellen.xlsx, one row per year, euros as numbers."""
    from openpyxl import load_workbook

    from pflegewg.kreis.prognose import prognose

    wb = load_workbook(bericht_ordner / "tabellen.xlsx")
    assert "Finanzplanung" in wb.sheetnames
    zeilen = [r for r in wb["Finanzplanung"].iter_rows(values_only=True) if r and str(r[0]).isdigit()]
    assert [r[0] for r in zeilen] == ["2023", "2024", "2025", "2026", "2027"]
    erwartet = prognose(n=1_000).jahre.set_index("jahr").loc[2025, "mehrkosten_y"]
    assert Decimal(str(zeilen[2][5])) == Decimal(int(erwartet)) / 100


def test_manifest(bericht_ordner):
    m = json.loads((bericht_ordner / "manifest.json").read_text(encoding="utf-8"))
    assert (m["sitzung"], m["stichtag"], m["gremium"], m["drucksache"]) == ("2023-02-13", "2023-01-01", "Sozialausschuss", "2023/020")
    import hashlib

    eingaben = {Path(e["datei"]).name: e["sha256"] for e in m["eingabedateien"]}
    assert eingaben["landkreis_konstanz.yaml"] == hashlib.sha256(standard_datei().read_bytes()).hexdigest()
    assert {"landkreis_konstanz_wg.csv", "sitzungen.csv"} <= set(eingaben)
    assert {Path(p["datei"]).name for p in m["parameterdateien"]} == {p.name for p in parameter_files()}
    assert m["pflegewg_version"] and m["bibliotheken"]["pandas"] and m["laufzeit_s"] > 0
    assert "git_commit" in m and "erstellt" in m


def test_erstellungstag(monkeypatch):
    import datetime as dt

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1676246400")  # 2023-02-13 00:00 UTC
    assert bericht.erstellungstag() == dt.date(2023, 2, 13)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert bericht.erstellungstag() == dt.date.today()


def test_titelblock_erstellt(bericht_ordner):
    import datetime as dt

    from pflegewg.basis.format import datum

    text = (bericht_ordner / "bericht.html").read_text(encoding="utf-8")
    assert f"<tr><td>Erstellt</td><td>{datum(dt.date.today())} mit pflegewg " in text


def test_grafiken_lesbar_im_druck(bericht_ordner):
    """Every chart of the report: text at least 7 pt at the size it is printed (PDF)."""
    from pflegewg.bericht.anzeige import SCHRIFT_MIN_PT

    groessen = {}
    for nb in bericht.NOTEBOOKS:
        executed = nbformat.read(bericht_ordner / "notebooks" / f"{nb}.ipynb", as_version=4)
        for c in executed.cells:
            for o in c.get("outputs", []):
                meta = o.get("metadata", {}).get("pflegewg", {})
                if "grafik" in meta:
                    groessen[meta["grafik"]] = meta["schrift_druck_pt"]
    assert len(groessen) >= 8
    assert all(pt >= SCHRIFT_MIN_PT for pt in groessen.values()), groessen


def test_keine_fast_leeren_seiten(bericht_ordner):
    """No page but the last is mostly empty: each holds text below half of its height (a chart
    that does not fit below a table may leave the lower part of a page free, not more)."""
    import shutil as sh
    import subprocess

    if not sh.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) fehlt")
    from pypdf import PdfReader

    seiten = len(PdfReader(bericht_ordner / "bericht.pdf").pages)
    for nr in range(1, seiten):
        bbox = subprocess.run(["pdftotext", "-f", str(nr), "-l", str(nr), "-bbox", str(bericht_ordner / "bericht.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        # the footer lies in the bottom margin (20 mm = 57 pt): leave it out
        inhalt = max([float(y) for y in re.findall(r'<word [^>]*yMax="([0-9.]+)"', bbox) if float(y) < 842 - 57], default=0)
        assert inhalt > 0.5 * 842, f"Seite {nr} ist zum größten Teil leer (Text bis {inhalt:.0f} von 842 pt)"


def test_zweiter_lauf_gleiche_zahlen(bericht_ordner, tmp_path):
    from openpyxl import load_workbook

    zweiter = bericht.run_report(ausgabe=tmp_path)
    # the same HTML but for exactly one row: the day of the build in the title block (after
    # midnight it differs; SOURCE_DATE_EPOCH fixes it, see test_erstellungstag)
    erstellt = re.compile(rb"<tr><td>Erstellt</td><td>[0-9]{2}\.[0-9]{2}\.[0-9]{4} mit pflegewg [^<]*</td></tr>")
    a, b = ((o / "bericht.html").read_bytes() for o in (zweiter, bericht_ordner))
    assert len(erstellt.findall(a)) == len(erstellt.findall(b)) == 1
    assert erstellt.sub(b"", a) == erstellt.sub(b"", b)
    assert (zweiter / "tabellen.xlsx").read_bytes() == (bericht_ordner / "tabellen.xlsx").read_bytes()
    a, b = load_workbook(bericht_ordner / "tabellen.xlsx"), load_workbook(zweiter / "tabellen.xlsx")
    assert a.sheetnames == b.sheetnames
    for name in a.sheetnames:
        assert list(a[name].values) == list(b[name].values), name


@pytest.fixture
def nur_wg_bestand(monkeypatch):
    monkeypatch.setattr(bericht, "NOTEBOOKS", ("WG-Bestand",))


@pytest.fixture
def kaputtes_notebook(monkeypatch, tmp_path):
    ordner = tmp_path / "notebooks"
    ordner.mkdir()
    shutil.copy(orte.notebookordner() / "WG-Bestand.ipynb", ordner)
    nb = nbformat.read(ordner / "WG-Bestand.ipynb", as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell('raise ValueError("Testfehler im Notebook")'))
    nbformat.write(nb, ordner / "Kaputt.ipynb")
    monkeypatch.setattr(orte, "notebookordner", lambda: ordner)
    monkeypatch.setattr(bericht, "NOTEBOOKS", ("WG-Bestand", "Kaputt"))


def test_fehler_laesst_alten_bericht_unberuehrt(kaputtes_notebook, tmp_path, capsys):
    alt = tmp_path / "reports" / "2023-02-13"
    alt.mkdir(parents=True)
    (alt / "bericht.html").write_text("alter Bericht", encoding="utf-8")
    code = main(["bericht", "--ausgabe", str(tmp_path / "reports")])
    err = capsys.readouterr().err
    assert code == 1
    assert "Notebook Kaputt.ipynb, Zelle 4" in err and "ValueError: Testfehler im Notebook" in err
    assert (alt / "bericht.html").read_text(encoding="utf-8") == "alter Bericht"
    assert _inhalt(tmp_path / "reports") == ["2023-02-13"]


def test_html_escaping_aus_daten(nur_wg_bestand, tmp_path):
    daten = tmp_path / "kreis"
    daten.mkdir()
    shutil.copy(standard_datei(), daten / standard_datei().name)
    register = (standard_datei().parent / "landkreis_konstanz_wg.csv").read_text(encoding="utf-8")
    register = register.replace("Talgartenstraße", "<script>alert(1)</script>").replace("Pflegedienst Casa Med", "<b>Casa & Med</b>")
    (daten / "landkreis_konstanz_wg.csv").write_text(register, encoding="utf-8")
    ordner = bericht.run_report(daten=str(daten / standard_datei().name), ausgabe=tmp_path / "reports")
    text = (ordner / "bericht.html").read_text(encoding="utf-8")
    assert "<script>" not in text and "<b>Casa" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "&lt;b&gt;Casa &amp; Med&lt;/b&gt;" in text


def test_tabelle_html_escaped():
    t = Tabelle("x", "Titel <i>", ("Name", "Betrag"), (("<img src=x onerror=alert(1)>", 12345),), ("text", "euro"))
    out = tabelle_html(t)
    assert "<img" not in out and "&lt;img src=x onerror=alert(1)&gt;" in out and f"123,45{NBSP}€" in out


def test_faellig_idempotent(nur_wg_bestand, tmp_path, capsys):
    daten = tmp_path / "kreis"
    daten.mkdir()
    for name in (standard_datei().name, "landkreis_konstanz_wg.csv"):
        shutil.copy(standard_datei().parent / name, daten / name)
    (daten / "sitzungen.csv").write_text(
        "datum,gremium,drucksache,stichtag\n2024-03-04,Sozialausschuss,2024/011,\n"
        "2024-03-20,Kreistag,,\n2024-05-06,Sozialausschuss,,\n",
        encoding="utf-8",
    )
    args = ["bericht", "--faellig", "--heute", "2024-03-01", "--daten", str(daten / standard_datei().name),
            "--ausgabe", str(tmp_path / "reports")]
    assert main(args) == 0
    assert _inhalt(tmp_path / "reports") == ["2024-03-04"]
    m = json.loads((tmp_path / "reports" / "2024-03-04" / "manifest.json").read_text(encoding="utf-8"))
    assert (m["stichtag"], m["drucksache"]) == ("2024-03-04", "2024/011")
    capsys.readouterr()
    assert main(args) == 0
    assert "Keine fälligen Sitzungen" in capsys.readouterr().out
    assert main(args + ["--tage", "30"]) == 0
    assert _inhalt(tmp_path / "reports") == ["2024-03-04", "2024-03-20"]


def test_bericht_falsche_eingabe(capsys):
    assert main(["bericht", "--sitzung", "13.02.2023"]) == 2
    assert "sitzung: '13.02.2023' ist kein Datum im Format JJJJ-MM-TT" in capsys.readouterr().err
    assert main(["bericht", "--sitzung", "2023-02-13", "--stichtag", "2041-01-01"]) == 2
    assert "stichtag: 2041-01-01 liegt außerhalb" in capsys.readouterr().err
