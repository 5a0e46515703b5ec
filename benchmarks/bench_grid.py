"""Benchmark (not a test): the vectorised cost functions over the issue's grid.

Grid: income 0–5.000 € in 1 € steps × 4 tiers × Pflegegrad 2–5 × 5 Stichtage
(5.001 × 4 × 4 × 5 = 400.080 cases). Measures the vectorised path (best of 5, one core) and
the one-case-at-a-time Decimal reference over the same cases, and checks that both give the
same cents in every cell.

    make benchmark        (or: .venv/bin/python benchmarks/bench_grid.py [--ohne-referenz])
"""
from __future__ import annotations

import os
import sys
import time
from decimal import Decimal

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

from pflegewg.modell.landkreis import load_landkreis  # noqa: E402
from pflegewg.modell.referenz import fall_referenz  # noqa: E402
from pflegewg.modell.vergleich import vergleich  # noqa: E402
from pflegewg.recht.parameter import load_parameters  # noqa: E402

STICHTAGE = ("2022-01-01", "2023-01-01", "2024-01-01", "2025-01-01", "2026-01-01")
KEYS = ("anteil_landkreis_heim_m", "anteil_landkreis_wg_m", "mehrkosten_wg_m", "mehrkosten_wg_y")


def grid():
    einkommen = np.arange(0, 500_001, 100, dtype=np.int64)
    e, s, pg = np.meshgrid(einkommen, np.arange(1, 5), np.arange(2, 6), indexing="ij")
    return e.ravel(), s.ravel(), pg.ravel()


def vektorisiert(landkreis, params_liste, e, s, pg):
    return [vergleich(e, pg, s, params, landkreis) for params in params_liste]


def main() -> int:
    landkreis = load_landkreis()
    params_liste = [load_parameters(t) for t in STICHTAGE]
    e, s, pg = grid()
    n = len(e) * len(STICHTAGE)
    vektorisiert(landkreis, params_liste, e, s, pg)  # warm-up
    zeiten = []
    for _ in range(5):
        t0 = time.perf_counter()
        ergebnisse = vektorisiert(landkreis, params_liste, e, s, pg)
        zeiten.append(time.perf_counter() - t0)
    t_vec = min(zeiten)
    print(f"Fälle: {n:,}".replace(",", "."))
    print(f"vektorisiert: {t_vec:.3f} s (bestes von 5; Median {sorted(zeiten)[2]:.3f} s)")
    if "--ohne-referenz" in sys.argv:
        return 0 if t_vec < 0.5 else 1

    t0 = time.perf_counter()
    abweichungen = 0
    for params, r in zip(params_liste, ergebnisse):
        for i in range(len(e)):
            ref = fall_referenz(Decimal(int(e[i])) / 100, int(pg[i]), int(s[i]), params, landkreis)
            for key in KEYS:
                if int(r[key][i]) != int(ref[key] * 100):
                    abweichungen += 1
    t_ref = time.perf_counter() - t0
    print(f"Decimal-Referenz, ein Fall nach dem anderen: {t_ref:.1f} s")
    print(f"Verhältnis: {t_ref / t_vec:,.0f} : 1".replace(",", "."))
    print(f"abweichende Cent-Werte: {abweichungen} von {n * len(KEYS):,}".replace(",", "."))
    return 0 if abweichungen == 0 and t_vec < 0.5 else 1


if __name__ == "__main__":
    sys.exit(main())
