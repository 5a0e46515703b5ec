"""Benchmark (not a test): the Szenario-Explorer as a planner sees it, in headless Chromium.

Starts Voilà on a free port with notebooks/Szenario-Explorer.ipynb and konfiguration/voila.py, as
`make explorer` does, and drives Debian's chromium with Playwright (no browser download):

- first chart: from the start of the page load to the chart on the page (each page gets its own
  pre-heated kernel). The clock starts when server and browser are idle, as for a planner who
  opens the page some time after `make explorer` in a browser that is already open: Voilà logs its
  pool "filled" when the kernels have started, while they still run the explorer notebook (about
  1,2 s of CPU), and each new browser context starts a Chromium WebUI renderer of its own (about
  1 s of CPU); on two cores either would be measured as page load otherwise;
- update: from the key press on a slider (browser clock, `keydown`) to the moment both results
  (chart with headline, and table) show the new state (a MutationObserver on their `data-nr`).

Prints median and 90th percentile; targets: update median under 50 ms, first chart under 2,5 s.

    .venv/bin/python benchmarks/bench_explorer_browser.py [--seiten 3] [--schritte 40]
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil  # installed with ipykernel

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "Szenario-Explorer.ipynb"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"]
ZIEL_UPDATE_MS, ZIEL_ERSTE_GRAFIK_S = 50, 2.5

#: both result widgets carry the number of the update they show
MESSUNG_JS = """() => {
  window.__start = null; window.__fertig = null; window.__ziel = null;
  document.addEventListener('keydown', () => { window.__start = performance.now(); }, true);
  const fertig = () => {
    const a = document.querySelector('.pflegewg-ergebnis'), b = document.querySelector('.pflegewg-tabelle-rahmen');
    if (a && b && window.__ziel !== null && a.dataset.nr === window.__ziel && b.dataset.nr === window.__ziel && window.__fertig === null)
      window.__fertig = performance.now();
  };
  new MutationObserver(fertig).observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
}"""


def freier_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def voila_starten(log) -> tuple[subprocess.Popen, str]:
    port = freier_port()
    # no empty PYTHONPATH entry (it would put the current folder on the path)
    # and the configuration `make explorer` uses (pre-heated kernels, websockets without Nagle)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])),
               JUPYTER_CONFIG_PATH=str(ROOT / "konfiguration"))
    proc = subprocess.Popen([str(Path(sys.executable).with_name("voila")), str(NOTEBOOK), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log)
    url = f"http://127.0.0.1:{port}/"
    # ready when the pre-heated kernels wait with the executed explorer (Voilà logs it), as for a
    # planner who opens the page some time after `make explorer`; asking for the page itself
    # here would use up a pre-heated kernel
    vorrat_bereit(proc, log, 1)
    return proc, url


def vorrat_bereit(proc: subprocess.Popen, log, mal: int) -> None:
    """Wait until Voilà has reported its pool of pre-heated kernels filled `mal` times (once at
    start, then once after each page that took a kernel)."""
    ende = time.monotonic() + 180
    while time.monotonic() < ende:
        if proc.poll() is not None:
            raise RuntimeError("voila beendet")
        log.seek(0)
        if log.read().count("is filled with") >= mal:
            return
        time.sleep(0.25)
    raise RuntimeError("voila: vorgewärmte Kernel nicht bereit")


def rechenzeit_s(prozesse: list) -> float:
    summe = 0.0
    for p in prozesse:
        try:
            t = p.cpu_times()
            summe += t.user + t.system
        except psutil.Error:
            pass
    return summe


def ruhe_abwarten(voila: subprocess.Popen, browser_pid: int, fenster_s: float = 0.5, grenze_s: float = 0.05,
                  hoechstens_s: float = 60) -> None:
    """Wait until Voilà with its kernels and the browser with its helpers together used less than
    `grenze_s` of CPU in `fenster_s` (a pre-heated kernel that still runs the notebook, a new
    browser context that still starts up)."""
    ende = time.monotonic() + hoechstens_s
    while time.monotonic() < ende:
        prozesse = []
        for wurzel in (voila.pid, browser_pid):
            try:
                w = psutil.Process(wurzel)
                prozesse += [w] + w.children(recursive=True)
            except psutil.Error:
                pass
        vorher = rechenzeit_s(prozesse)
        time.sleep(fenster_s)
        if rechenzeit_s(prozesse) - vorher < grenze_s:
            return
    raise RuntimeError("Server und Browser kommen nicht zur Ruhe")


def browser_pid(playwright_browser) -> int:
    """Process id of the Chromium that Playwright started (its browser process)."""
    kandidaten = [p for p in psutil.Process().children(recursive=True) if "chrom" in p.name()]
    eltern = [p for p in kandidaten if not (p.parent() and "chrom" in p.parent().name())]
    return (eltern or kandidaten)[0].pid


def erste_grafik_s(page, url: str) -> float:
    start = time.perf_counter()
    page.goto(url, timeout=120_000)
    page.wait_for_selector(".pflegewg-grafik svg", timeout=120_000)
    return time.perf_counter() - start


def updates_ms(page, schritte: int) -> list[float]:
    page.evaluate(MESSUNG_JS)
    page.locator(".pflegewg-hzp-anteil .noUi-handle").focus()
    dauern = []
    for i in range(schritte):
        nr = int(page.locator(".pflegewg-ergebnis").get_attribute("data-nr"))
        page.evaluate(f"() => {{ window.__ziel = '{nr + 1}'; window.__fertig = null; }}")
        page.keyboard.press("ArrowRight" if (i // 5) % 2 == 0 else "ArrowLeft")
        page.wait_for_function("() => window.__fertig !== null", timeout=30_000, polling=10)
        dauern.append(page.evaluate("() => window.__fertig - window.__start"))
    return dauern


def messen(seiten: int = 3, schritte: int = 40, breite: int = 1280, hoehe: int = 800) -> dict:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryFile("w+") as log:
        proc, url = voila_starten(log)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
                try:
                    erste, dauern = [], []
                    chromium = browser_pid(browser)
                    for i in range(seiten):
                        vorrat_bereit(proc, log, i + 1)  # as for a planner who comes some time after the last
                        page = browser.new_page(viewport={"width": breite, "height": hoehe})
                        ruhe_abwarten(proc, chromium)
                        erste.append(erste_grafik_s(page, url))
                        dauern += updates_ms(page, schritte)
                        page.close()
                finally:
                    browser.close()
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    return {"erste_grafik_s": erste, "update_ms": dauern}


def main() -> int:
    ap = argparse.ArgumentParser(description="Szenario-Explorer im Browser messen (Voilà, headless Chromium)")
    ap.add_argument("--seiten", type=int, default=3, help="Seitenaufrufe (je ein neuer Kernel)")
    ap.add_argument("--schritte", type=int, default=40, help="Reglerschritte je Seitenaufruf")
    a = ap.parse_args()
    m = messen(a.seiten, a.schritte)
    d, e = m["update_ms"], m["erste_grafik_s"]
    p90 = statistics.quantiles(d, n=10)[-1]
    print(f"Aktualisierung nach Reglerschritt: {len(d)} Schritte, Median {statistics.median(d):.0f} ms, P90 {p90:.0f} ms, "
          f"Maximum {max(d):.0f} ms (Ziel Median < {ZIEL_UPDATE_MS} ms)")
    print(f"Erste Grafik nach Seitenaufruf: {', '.join(f'{x:.2f}' for x in e)} s, Median {statistics.median(e):.2f} s "
          f"(Ziel < {ZIEL_ERSTE_GRAFIK_S} s)")
    ok = statistics.median(d) < ZIEL_UPDATE_MS and statistics.median(e) < ZIEL_ERSTE_GRAFIK_S
    print("Ziele:", "erreicht" if ok else "VERFEHLT")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
