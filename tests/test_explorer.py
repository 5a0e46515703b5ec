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
    assert "353.608,08\u00a0€" in explorer.kopf.value and r.summe("mehrkosten_y") == 35360808
    assert explorer.grafik.value[:8] == b"\x89PNG\r\n\x1a\n"


def test_regler_aendern_tabelle_und_grafik(explorer):
    vorher = (explorer.kopf.value, explorer.tabelle.value, explorer.grafik.value)
    assert "Ravensberg Areal" in explorer.tabelle.value
    explorer.regler["geplante_wgs"].value = False
    nachher = (explorer.kopf.value, explorer.tabelle.value, explorer.grafik.value)
    assert all(a != b for a, b in zip(vorher, nachher))
    assert "Ravensberg Areal" not in explorer.tabelle.value
    explorer.regler["hzp_anteil"].value = 0.5
    s = explorer.szenario()
    assert s.hzp_anteil == Decimal("0.5") and not s.geplante_wgs
    assert f"aktualisiert in {explorer.letzte_dauer_ms:.0f} ms" in explorer.dauer.value
    explorer.regler["geplante_wgs"].value = True
    explorer.regler["hzp_anteil"].value = 0.33


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
    # not importorskip("voila"): run from the project folder, that would import the configuration
    # file voila.py instead of the package
    try:
        __import__("importlib.metadata").metadata.version("voila")
    except __import__("importlib.metadata").metadata.PackageNotFoundError:
        pytest.skip("voila nicht installiert")
    port = _freier_port()
    # no empty entry in PYTHONPATH: it would put the working directory (ROOT, where Voilà reads its
    # configuration voila.py) on sys.path, and "-m voila" would run that file instead of the package
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])))
    # the server's log goes to a file: a pipe that nobody reads would block Voilà once it is full
    log = open(tmp_path_factory.mktemp("voila") / "voila.log", "w+", encoding="utf-8")
    proc = subprocess.Popen(
        # -P: "-m" would put the working directory first on sys.path, and run that voila.py
        [sys.executable, "-P", "-m", "voila", str(NOTEBOOK), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1"],
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


BILD = "document.querySelector('img.pflegewg-grafik')"


def _warte_auf_neue_anzeige(page, text_vorher: str, src_vorher: str) -> None:
    """Wait until the headline shows new text and the chart a new, fully loaded image."""
    page.wait_for_function(
        f"([t, s]) => document.querySelector('.pflegewg-kopf').innerText !== t && {BILD}.src !== s && {BILD}.complete",
        arg=[text_vorher, src_vorher], timeout=30_000, polling=5,
    )


def test_voila_seite_regler_aendert_grafik(voila_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 2000})
            page.goto(voila_url, timeout=120_000)
            kopf = page.locator(".pflegewg-kopf")
            grafik = page.locator("img.pflegewg-grafik")
            kopf.wait_for(timeout=120_000)
            page.wait_for_function(f"{BILD}?.naturalWidth > 0", timeout=60_000)
            text_vorher, src_vorher, bild_vorher = kopf.inner_text(), grafik.get_attribute("src"), grafik.screenshot()
            assert "Mehrkosten des Landkreises je Jahr" in text_vorher

            # a selector: close the planned WGs (shown by default)
            assert "10 anbietergestützte WGs" in text_vorher
            start = time.perf_counter()
            page.locator(".pflegewg-geplante-wgs input[type=checkbox]").uncheck()
            _warte_auf_neue_anzeige(page, text_vorher, src_vorher)
            dauer_checkbox = (time.perf_counter() - start) * 1000
            text_geplant, bild_geplant = kopf.inner_text(), grafik.screenshot()
            assert "4 anbietergestützte WGs" in text_geplant
            assert bild_geplant != bild_vorher  # the pixels shown, not only the src

            # a slider, moved with the keyboard as a planner would (PageUp: a big step, then single steps)
            page.locator(".pflegewg-hzp-anteil .noUi-handle").focus()
            dauern = []
            for taste in ("PageUp", "ArrowRight", "ArrowRight", "ArrowLeft", "ArrowRight", "ArrowRight"):
                text, src = kopf.inner_text(), grafik.get_attribute("src")
                start = time.perf_counter()
                page.keyboard.press(taste)
                _warte_auf_neue_anzeige(page, text, src)
                dauern.append((time.perf_counter() - start) * 1000)
            assert grafik.screenshot() != bild_geplant
            kernel_ms = page.locator(".pflegewg-dauer").inner_text()
            print(f"\nVoilà, im Browser gemessen (Eingabe bis neue Überschrift und neues Bild geladen): Checkbox "
                  f"{dauer_checkbox:.0f} ms, Regler Median {statistics.median(dauern):.0f} ms, Maximum {max(dauern):.0f} ms "
                  f"({len(dauern)} Schritte); im Kernel zuletzt {kernel_ms}")
        finally:
            browser.close()
