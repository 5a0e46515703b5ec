"""The report's chapters on several kernels: same files as one kernel would give, nothing left behind."""
import json
import os

import nbformat
import psutil
import pytest

from pflegewg.basis import orte
from pflegewg.bericht import kapitellauf
from pflegewg.bericht import pipeline as bericht
from pflegewg.bericht.anzeige import SVG_NACHGEREICHT_MIME
from pflegewg.cli import main

#: chapters with charts, so that both kernels draw and hand in SVGs
KAPITEL = ("WG-Bestand", "Kostenvergleich", "Fallbeispiele")


def _kernel_prozesse():
    return [p for p in psutil.Process().children(recursive=True) if "ipykernel" in " ".join(p.cmdline())]


@pytest.fixture(scope="module")
def zwei_kernel(tmp_path_factory):
    """A report of three chapters on two kernels (whatever the machine's cores)."""
    mp = pytest.MonkeyPatch()
    mp.setattr(bericht, "NOTEBOOKS", KAPITEL)
    mp.setattr(bericht, "kernelzahl", lambda n: 2)
    vorher = os.getcwd()
    ordner = bericht.run_report(ausgabe=tmp_path_factory.mktemp("reports"))
    nachher = os.getcwd()
    mp.undo()
    return ordner, vorher, nachher


def test_arbeitsverzeichnis_bleibt(zwei_kernel):
    """papermill's `cwd=` would chdir the whole process from two threads at once: never used."""
    _, vorher, nachher = zwei_kernel
    assert nachher == vorher


def test_svg_nachgereicht_gleich_sofort_gezeichnet(zwei_kernel):
    """The SVGs the kernels hand in after their chapters are byte for byte those a notebook draws
    at once (the stored outputs in notebooks/, which nbval keeps current)."""
    ordner, _, _ = zwei_kernel
    gespeichert = {}
    for name in KAPITEL:
        nb = nbformat.read(orte.notebookordner() / f"{name}.ipynb", as_version=4)
        for zelle in nb.cells:
            for out in zelle.get("outputs", []):
                gid = out.get("metadata", {}).get("pflegewg", {}).get("grafik")
                if gid:
                    gespeichert[gid] = out["data"]["image/svg+xml"]
    assert set(gespeichert) == {"wg_plaetze", "eigenanteil_praesenzkraft", "mehrkosten_nach_einkommen",
                                "anteile_nach_einkommen", "mehrkosten_heatmap"}
    for gid, svg in gespeichert.items():
        assert (ordner / "grafiken" / f"{gid}.svg").read_text(encoding="utf-8") == svg, gid
    html = (ordner / "bericht.html").read_text(encoding="utf-8")
    assert html.count('src="data:image/svg+xml;base64,') == len(gespeichert)


def test_ausgefuehrte_notebooks_nur_mit_png(zwei_kernel):
    """In the report's kernels a chart's output carries the PNG; the SVG went to the files."""
    ordner, _, _ = zwei_kernel
    nb = nbformat.read(ordner / "notebooks" / "WG-Bestand.ipynb", as_version=4)
    grafiken = [o for z in nb.cells for o in z.get("outputs", []) if o.get("metadata", {}).get("pflegewg", {}).get("grafik")]
    assert len(grafiken) == 1 and "image/png" in grafiken[0]["data"] and "image/svg+xml" not in grafiken[0]["data"]


def test_keine_kernel_bleiben(zwei_kernel):
    assert _kernel_prozesse() == []


def test_kernelzahl(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert kapitellauf.kernelzahl(8) == 2
    assert kapitellauf.kernelzahl(1) == 1
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(64)), raising=False)
    assert kapitellauf.kernelzahl(8) == kapitellauf.KERNEL_HOECHSTENS
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert kapitellauf.kernelzahl(8) == 1


def test_fehler_stoppt_alle_kernel(kaputtes_notebook_zwei, tmp_path, capsys):
    """A failing chapter on one kernel stops the other kernel too; the message names notebook and
    cell, and no kernel process is left."""
    code = main(["bericht", "--ausgabe", str(tmp_path / "reports")])
    err = capsys.readouterr().err
    assert code == 1
    assert "Notebook Kaputt.ipynb, Zelle 4" in err and "ValueError: Testfehler im Notebook" in err
    assert _kernel_prozesse() == []
    assert not list((tmp_path / "reports").glob(".tmp-*"))


@pytest.fixture
def kaputtes_notebook_zwei(monkeypatch, tmp_path):
    import shutil

    ordner = tmp_path / "notebooks"
    ordner.mkdir()
    for name in ("Fallbeispiele", "WG-Bestand"):
        shutil.copy(orte.notebookordner() / f"{name}.ipynb", ordner)
    nb = nbformat.read(ordner / "WG-Bestand.ipynb", as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell('raise ValueError("Testfehler im Notebook")'))
    nbformat.write(nb, ordner / "Kaputt.ipynb")
    monkeypatch.setattr(orte, "notebookordner", lambda: ordner)
    monkeypatch.setattr(bericht, "NOTEBOOKS", ("Fallbeispiele", "Kaputt", "WG-Bestand"))
    monkeypatch.setattr(bericht, "kernelzahl", lambda n: 2)


def test_svg_nachreichen_im_kernel(monkeypatch):
    """anzeige in a report kernel: the figure stays until `svg_nachreichen`, then one output per chart."""
    import IPython.display

    from pflegewg.bericht import anzeige
    from pflegewg.bericht import tabellen as bt
    from pflegewg.bericht.grafiken import wg_plaetze

    ausgaben = []
    monkeypatch.setattr(IPython.display, "display", lambda data, **kw: ausgaben.append(data))
    monkeypatch.setattr(anzeige, "_SVG_OFFEN", None)
    anzeige.svg_spaeter()
    anzeige.zeige_grafik(wg_plaetze(bt.kontext("2023-01-01", "", "durchschnitt")), "wg_plaetze", "Plätze")
    assert set(ausgaben[0]) == {"image/png", "text/plain"}
    anzeige.svg_nachreichen()
    assert list(ausgaben[1][SVG_NACHGEREICHT_MIME]) == ["wg_plaetze"]
    assert ausgaben[1][SVG_NACHGEREICHT_MIME]["wg_plaetze"].startswith("<?xml")
    json.dumps(ausgaben[1])  # goes over the wire as JSON
    assert anzeige._SVG_OFFEN == {}
