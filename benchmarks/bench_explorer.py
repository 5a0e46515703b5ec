"""Benchmark (not a test): Szenario-Explorer, time from a control change to the finished update.

Drives the explorer's widgets in-process as the browser does (setting `value` runs the same
observer a slider change in JupyterLab or Voilà runs): recompute the exact county model, rewrite
the table, write the chart as SVG. Reports median, 90th percentile and maximum over many
changes, with 4 and with 10 WGs; target under 150 ms. The browser round trip (Voilà, headless
Chromium) is measured by benchmarks/bench_explorer_browser.py.

    .venv/bin/python benchmarks/bench_explorer.py
"""
from __future__ import annotations

import sys

import numpy as np

from pflegewg.explorer import Explorer

ZIEL_MS = 150


def messreihe(ex: Explorer) -> np.ndarray:
    start = len(ex.dauern_ms)
    for wert in np.linspace(0.2, 0.6, 41):
        ex.regler["hzp_anteil"].value = float(round(wert, 2))
    for wert in (0.8, 0.85, 0.9, 0.95, 1.0) * 2:
        ex.regler["belegung"].value = wert
    for satz in np.arange(18.0, 27.0, 0.5):
        ex.regler["praesenzkraft_stundensatz"].value = float(satz)
    for option in ex.regler["stufen"].options:
        ex.regler["stufen"].value = option
    return np.array(ex.dauern_ms[start:])


def main() -> int:
    ex = Explorer()
    ok = True
    for titel, geplante in (("4 bestehende WGs", False), ("10 WGs mit geplanten", True)):
        ex.regler["geplante_wgs"].value = geplante
        d = messreihe(ex)
        print(f"{titel}: {len(d)} Änderungen, Median {np.median(d):.0f} ms, P90 {np.percentile(d, 90):.0f} ms, Maximum {d.max():.0f} ms")
        ok &= float(np.percentile(d, 90)) < ZIEL_MS
    print(f"Ziel < {ZIEL_MS} ms (P90):", "erreicht" if ok else "VERFEHLT")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
