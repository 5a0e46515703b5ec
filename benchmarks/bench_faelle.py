"""Benchmark of `pflegewg faelle`: 100.000 synthetic cases (invented data) read from CSV, checked
and computed. Prints the time to read the CSV (the shared reader), to check the rows and to compute (best of 5, one core).

    .venv/bin/python benchmarks/bench_faelle.py
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np

from pflegewg.basis.tabelle_lesen import lese_tabelle
from pflegewg.modell.faelle import OPTIONAL, SPALTEN, faelle_rechnen, pruefe_faelle
from pflegewg.modell.landkreis import load_landkreis, load_wg_register
from pflegewg.recht.parameter import load_parameters

N = 100_000


def main() -> None:
    rng = np.random.default_rng(1)
    pg = rng.choice([2, 3, 4, 5], N)
    einkommen = rng.integers(0, 300000, N)
    wg = rng.random(N) < 0.2
    monate = rng.integers(0, 60, N)
    zeilen = ["# ERFUNDENE DATEN (Benchmark)", "pflegegrad,einkommen_m,wohnform,monate,stufe,wg"]
    for p, e, w, m in zip(pg.tolist(), einkommen.tolist(), wg.tolist(), monate.tolist()):
        zeilen.append(f"{p},{e // 100}.{e % 100:02d},{'wg' if w else 'heim'},{'' if w else m},,{'9' if w else ''}")
    with tempfile.TemporaryDirectory() as ordner:
        datei = Path(ordner) / "faelle_100000.csv"
        datei.write_text("\n".join(zeilen) + "\n", encoding="utf-8")
        params = load_parameters("2023-01-01")
        landkreis = load_landkreis().zum(params.stichtag)
        register = load_wg_register(landkreis)
        lesen, pruefen, rechnen = [], [], []
        for _ in range(5):
            t0 = time.perf_counter()
            roh = lese_tabelle(datei, SPALTEN, "faelle", OPTIONAL)
            t1 = time.perf_counter()
            liste = pruefe_faelle(roh, register)
            t2 = time.perf_counter()
            r = faelle_rechnen(liste, params, landkreis, "durchschnitt", register)
            t3 = time.perf_counter()
            lesen.append(t1 - t0)
            pruefen.append(t2 - t1)
            rechnen.append(t3 - t2)
    assert len(liste) == N and not liste.fehler
    print(f"{N} Fälle (bestes von 5, ein Kern): CSV lesen (lese_csv) {min(lesen):.3f} s, prüfen {min(pruefen):.3f} s, "
          f"rechnen {min(rechnen):.3f} s; prüfen + rechnen {min(pruefen) + min(rechnen):.3f} s; Summe Mehrkosten "
          f"{int(r['mehrkosten_wg_m'].sum()) / 100:,.2f} €/Monat")


if __name__ == "__main__":
    main()
