"""Szenario-Explorer: widgets drive the exact county model; the notebook runs; the Voilà page
works in headless Chromium (Debian's chromium, no browser download; skipped without it)."""
import dataclasses
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from decimal import Decimal
from pathlib import Path

import pytest

from pflegewg.explorer import Explorer
from pflegewg.kreis.kreismodell import kreis
from pflegewg.kreis.szenario import Szenario

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "Szenario-Explorer.ipynb"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def explorer():
    return Explorer()


def test_explorer_standard_gleich_kreismodell(explorer):
    s = explorer.szenario()
    # the controls start at the scenario defaults (the rate as the county file's, made explicit)
    assert s == dataclasses.replace(Szenario(), praesenzkraft_stundensatz=explorer.landkreis.praesenzkraft_stundensatz)
    r = kreis(s, explorer.landkreis, explorer.register)
    assert "353.608,08\u00a0€" in explorer.ergebnis.value and r.summe("mehrkosten_y") == 35360808
    assert "<svg" in explorer.ergebnis.value and "Mehrkosten aller WGs im Szenario: 353.608\u00a0€ je Jahr" in explorer.ergebnis.value


def test_regler_aendern_tabelle_und_grafik(explorer):
    vorher = (explorer.ergebnis.value, explorer.tabelle.value)
    assert "Ravensberg Areal" in explorer.tabelle.value
    explorer.regler["geplante_wgs"].value = False
    nachher = (explorer.ergebnis.value, explorer.tabelle.value)
    assert all(a != b for a, b in zip(vorher, nachher))
    assert "Ravensberg Areal" not in explorer.tabelle.value
    explorer.regler["hzp_anteil"].value = 0.5
    s = explorer.szenario()
    assert s.hzp_anteil == Decimal("0.5") and not s.geplante_wgs
    assert f"aktualisiert in {round(explorer.letzte_dauer_ms)} ms" in explorer.ergebnis.value
    explorer.regler["geplante_wgs"].value = True
    explorer.regler["hzp_anteil"].value = 0.33


def test_deutsche_anzeigen_und_dateiwahl(explorer):
    """Every slider shows its value the German way (no ipywidgets readout); county and scenario
    files come from data/; a scenario file sets the controls; Präsenzstunden and later Stichtage."""
    import datetime as dt

    from pflegewg.explorer import kreisdateien, szenariodateien

    for regler in explorer.regler.values():
        assert getattr(regler, "readout", False) is False
    assert explorer.anzeigen_werte["praesenzkraft_stundensatz"].value == "22,50\u00a0€"
    assert explorer.anzeigen_werte["hzp_anteil"].value == "33\u00a0%"
    assert explorer.anzeigen_werte["einkommen_mittel_m"].value == "1.200\u00a0€"
    assert [p.name for _, p in kreisdateien()] == ["landkreis_konstanz.yaml"]  # the state file has no WG register
    assert [p.name for _, p in szenariodateien()] == ["szenario_beispiel.yaml", "szenario_kalibriert.yaml"]
    explorer.szenario_wahl.value = str(szenariodateien()[0][1])
    assert explorer.szenario().stichtag == dt.date(2025, 1, 1) and explorer.szenario().wohngruppenzuschlag_anrechnen
    explorer.regler["praesenz_stunden_tag"].value = 12
    assert explorer.szenario().praesenz_stunden_tag == 12
    explorer.regler["stichtag"].value = dt.date(2027, 1, 1)
    assert "pflegewg-hinweise" in explorer.ergebnis.value and "2027" in explorer.ergebnis.value
    explorer.szenario_wahl.value = ""
    assert explorer.szenario() == dataclasses.replace(Szenario(), praesenzkraft_stundensatz=explorer.landkreis.praesenzkraft_stundensatz)


def test_keine_entwickleranweisung_im_notebook():
    """The page shows no code instructions (Voilà shows the Markdown cells)."""
    import nbformat

    nb = nbformat.read(NOTEBOOK, as_version=4)
    text = " ".join(c.source for c in nb.cells)
    for wort in ("Explorer(daten", ".venv/bin", "voila ", "pflegewg.kreis", "--szenario"):
        assert wort not in text, wort


def test_notebook_laeuft(monkeypatch):
    """The explorer notebook executes top to bottom in a fresh kernel (as nbval and Voilà run it)."""
    nbclient = pytest.importorskip("nbclient")
    import nbformat

    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    fehler = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not fehler
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))


# --- Voilà in headless Chromium ------------------------------------------------------------------


def _freier_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def voila_url(tmp_path_factory):
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"{CHROMIUM} fehlt (installieren mit .ci/install-browser)")
    pytest.importorskip("playwright.sync_api", reason="playwright (Python) nicht installiert")
    try:  # the package's metadata, without importing it
        __import__("importlib.metadata").metadata.version("voila")
    except __import__("importlib.metadata").metadata.PackageNotFoundError:
        pytest.skip("voila nicht installiert")
    port = _freier_port()
    # with the configuration `make explorer` uses (pre-heated kernels, websockets without Nagle);
    # the pool refills at once here, so that each test's page finds a pre-heated kernel
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])),
               JUPYTER_CONFIG_PATH=str(ROOT / "konfiguration"))
    # the server's log goes to a file: a pipe that nobody reads would block Voilà once it is full
    log = open(tmp_path_factory.mktemp("voila") / "voila.log", "w+", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "voila", str(NOTEBOOK), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
         "--VoilaKernelManager.fill_delay=0"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(url, timeout=30)
                break
            except OSError:
                if proc.poll() is not None:
                    log.seek(0)
                    pytest.fail("voila beendet: " + log.read()[-2000:])
                time.sleep(0.5)
        else:
            pytest.fail("voila antwortet nicht")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _neue_nr(page, nr: int) -> None:
    """Wait until both result widgets show update number `nr`."""
    page.wait_for_function(
        "n => document.querySelector('.pflegewg-ergebnis')?.dataset.nr === n && document.querySelector('.pflegewg-tabelle-rahmen')?.dataset.nr === n",
        arg=str(nr), timeout=30_000, polling=5,
    )


def _nr(page) -> int:
    return int(page.locator(".pflegewg-ergebnis").get_attribute("data-nr"))


def test_voila_seite_regler_aendert_grafik(voila_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(voila_url, timeout=120_000)
            kopf = page.locator(".pflegewg-kopf")
            grafik = page.locator(".pflegewg-grafik svg")
            grafik.wait_for(timeout=120_000)
            text_vorher, bild_vorher = kopf.inner_text(), grafik.inner_html()
            assert "Mehrkosten des Landkreises je Jahr" in text_vorher
            seite = page.locator("body").inner_text()
            for wort in ("Explorer(", "voila", ".venv", "import "):
                assert wort not in seite, wort

            # a selector: close the planned WGs (shown by default)
            assert "10 anbietergestützte WGs" in text_vorher
            nr = _nr(page)
            start = time.perf_counter()
            page.locator(".pflegewg-geplante-wgs input[type=checkbox]").uncheck()
            _neue_nr(page, nr + 1)
            dauer_checkbox = (time.perf_counter() - start) * 1000
            text_geplant, bild_geplant = kopf.inner_text(), grafik.inner_html()
            assert "4 anbietergestützte WGs" in text_geplant
            assert bild_geplant != bild_vorher

            # a slider, moved with the keyboard as a planner would (PageUp: a big step, then single steps)
            page.locator(".pflegewg-hzp-anteil .noUi-handle").focus()
            dauern = []
            for taste in ("PageUp", "ArrowRight", "ArrowRight", "ArrowLeft", "ArrowRight", "ArrowRight"):
                nr = _nr(page)
                start = time.perf_counter()
                page.keyboard.press(taste)
                _neue_nr(page, nr + 1)
                dauern.append((time.perf_counter() - start) * 1000)
            assert grafik.inner_html() != bild_geplant
            assert page.locator(".pflegewg-wert").nth(2).inner_text().endswith("%")  # German readout, e. g. "43 %"
            kernel_ms = page.locator(".pflegewg-dauer").inner_text()
            print(f"\nVoilà, im Browser gemessen (Eingabe bis beide Ergebnisse neu): Checkbox "
                  f"{dauer_checkbox:.0f} ms, Regler Median {statistics.median(dauern):.0f} ms, Maximum {max(dauern):.0f} ms "
                  f"({len(dauern)} Schritte); im Kernel zuletzt {kernel_ms}")
        finally:
            browser.close()


@pytest.mark.parametrize("breite,hoehe", [(1280, 800), (1024, 768)])
def test_voila_tabelle_ganz_sichtbar(voila_url, breite, hoehe):
    """At 1280 and 1024 px the results table is fully visible: within the viewport's width and
    not clipped by an ancestor with overflow; the chart starts within the first screen."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": breite, "height": hoehe})
            page.goto(voila_url, timeout=120_000)
            page.locator("table.pflegewg-tabelle").wait_for(timeout=120_000)
            box = page.locator("table.pflegewg-tabelle").bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= breite, (box, breite)
            abgeschnitten = page.evaluate("""() => {
                const t = document.querySelector('table.pflegewg-tabelle'), r = t.getBoundingClientRect();
                for (let e = t.parentElement; e; e = e.parentElement) {
                    const s = getComputedStyle(e), a = e.getBoundingClientRect();
                    if (s.overflowX !== 'visible' && (r.left < a.left - 0.5 || r.right > a.right + 0.5)) return e.className || e.tagName;
                }
                return document.documentElement.scrollWidth > window.innerWidth ? 'Seite breiter als das Fenster' : null;
            }""")
            assert abgeschnitten is None, abgeschnitten
            grafik = page.locator(".pflegewg-grafik svg").bounding_box()
            assert grafik["x"] + grafik["width"] <= breite and grafik["y"] < hoehe, grafik
        finally:
            browser.close()
