"""Benchmark (not a test): Finanzplanung, 100.000 Monte-Carlo draws per year for five years, target under 3 s.

Measures `pflegewg.kreis.prognose.prognose` (default scenario, 2023–2027, all ten WGs of the
register open by 2025; best of 3 and median, one core): one draw of the residents for all WGs
(`risiko.ziehen`), then per year the exact county model and the costs of the draws.

    .venv/bin/python benchmarks/bench_prognose.py
"""
from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from pflegewg.basis.format import euro  # noqa: E402
from pflegewg.kreis.prognose import prognose  # noqa: E402
from pflegewg.kreis.risiko import MC_ZIEHUNGEN  # noqa: E402
from pflegewg.kreis.szenario import Szenario  # noqa: E402
from pflegewg.modell.landkreis import load_landkreis, load_wg_register  # noqa: E402

ZIEL_S = 3.0
JAHRE = 5


def main() -> int:
    landkreis = load_landkreis()
    register = load_wg_register(landkreis)
    s = Szenario()
    von = s.stichtag.year
    prognose(s, landkreis, register, von=von, bis=von + JAHRE - 1, n=1000)  # warm-up (caches, imports)
    zeiten = []
    for _ in range(3):
        t0 = time.perf_counter()
        p = prognose(s, landkreis, register, von=von, bis=von + JAHRE - 1, n=MC_ZIEHUNGEN)
        zeiten.append(time.perf_counter() - t0)
    bestes, median = min(zeiten), sorted(zeiten)[1]
    print(f"Finanzplanung {von}–{von + JAHRE - 1}: {JAHRE} Jahre × {MC_ZIEHUNGEN:,} Ziehungen in {bestes:.3f} s "
          f"(bestes von 3; Median {median:.3f} s)".replace(",", "."))
    for z in p.jahre.itertuples():
        print(f"  {z.jahr}: {z.wgs} WGs, Mehrkosten {euro(z.mehrkosten_y)} (P10 {euro(z.mehrkosten_p10_y)} · "
              f"P50 {euro(z.mehrkosten_p50_y)} · P90 {euro(z.mehrkosten_p90_y)})")
    ok = bestes < ZIEL_S and len(p.jahre) == JAHRE
    print(f"Ziel < {ZIEL_S:.0f} s:", "erreicht" if ok else "VERFEHLT")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
