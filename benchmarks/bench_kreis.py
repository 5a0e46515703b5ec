"""Benchmark (not a test): 100.000 Monte-Carlo draws of the county year, target under 2 s.

Measures `pflegewg.kreis.risiko.monte_carlo` (best of 3 and median, one core) for the default
scenario (4 existing WGs) and with the planned WGs opened (10 WGs, the larger case), plus the
exact county model (`kreis.kreis`) and the tornado for comparison.

    .venv/bin/python benchmarks/bench_kreis.py
"""
from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from pflegewg.basis.format import euro  # noqa: E402
from pflegewg.kreis.kreismodell import kreis  # noqa: E402
from pflegewg.kreis.risiko import MC_ZIEHUNGEN, monte_carlo, monte_carlo_band, tornado  # noqa: E402
from pflegewg.kreis.szenario import Szenario  # noqa: E402
from pflegewg.modell.landkreis import load_landkreis, load_wg_register  # noqa: E402

ZIEL_S = 2.0


def messen(funktion, wiederholungen: int = 3) -> tuple[float, float]:
    zeiten = []
    for _ in range(wiederholungen):
        t0 = time.perf_counter()
        funktion()
        zeiten.append(time.perf_counter() - t0)
    return min(zeiten), sorted(zeiten)[len(zeiten) // 2]


def main() -> int:
    landkreis = load_landkreis()
    register = load_wg_register(landkreis)
    ok = True
    for titel, s in (("nur bestehende WGs (4 WGs)", Szenario(geplante_wgs=False)), ("mit geplanten WGs (10 WGs; Standard)", Szenario())):
        monte_carlo(s, landkreis, register, n=1000)  # warm-up
        bestes, median = messen(lambda: monte_carlo(s, landkreis, register, n=MC_ZIEHUNGEN))
        z = monte_carlo(s, landkreis, register, n=MC_ZIEHUNGEN)
        band = monte_carlo_band(s, landkreis, register).loc["mehrkosten_y"]
        print(f"{titel}: {MC_ZIEHUNGEN:,} Ziehungen in {bestes:.3f} s (bestes von 3; Median {median:.3f} s)".replace(",", "."))
        print(f"  Mehrkosten je Jahr P10 {euro(band['p10'])} · P50 {euro(band['p50'])} · P90 {euro(band['p90'])} "
              f"· Mittel {euro(band['mittel'])} · exakt erwartet {euro(band['erwartung'])}")
        ok &= bestes < ZIEL_S and len(z["mehrkosten_y"]) == MC_ZIEHUNGEN
    bestes, _ = messen(lambda: kreis(Szenario(geplante_wgs=True), landkreis, register), 10)
    print(f"exaktes Kreismodell (10 WGs): {bestes * 1000:.1f} ms")
    bestes, _ = messen(lambda: tornado(Szenario(), landkreis, register), 3)
    print(f"Tornado (7 Eingaben × 2 Werte): {bestes * 1000:.0f} ms")
    print("Ziel < 2 s:", "erreicht" if ok else "VERFEHLT")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
