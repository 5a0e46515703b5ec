"""Properties that must always hold, and the vectorised path against the Decimal reference."""
from decimal import Decimal

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from pflegewg.modell.landkreis import load_landkreis
from pflegewg.modell.referenz import fall_referenz
from pflegewg.modell.vergleich import vergleich
from pflegewg.recht.parameter import load_parameters

KONSTANZ = load_landkreis()
STICHTAGE = ["2022-06-01", "2023-01-01", "2024-01-01", "2025-01-01", "2026-12-31"]

einkommen = st.integers(min_value=0, max_value=1_000_000)  # cents, up to 10.000 €
pflegegrad = st.integers(min_value=2, max_value=5)
stufe = st.integers(min_value=1, max_value=4)
bewohner = st.integers(min_value=1, max_value=12)
stichtag = st.sampled_from(STICHTAGE)
heim = st.sampled_from(["durchschnitt", "teuerste"])


@settings(max_examples=300, deadline=None)
@given(einkommen, einkommen, pflegegrad, stufe, bewohner, stichtag, heim)
def test_anteil_nie_negativ_nie_ueber_kosten_faellt_mit_einkommen(e1, e2, pg, s, n, tag, h):
    params = load_parameters(tag)
    lo, hi = min(e1, e2), max(e1, e2)
    r = vergleich(np.array([lo, hi]), pg, s, params, KONSTANZ, heim=h, bewohner=n)
    for key, kosten in (("anteil_landkreis_heim_m", "bedarf_heim_m"), ("anteil_landkreis_wg_m", "praesenzkraft_m")):
        anteil = r[key]
        assert np.all(anteil >= 0)
        assert np.all(anteil <= r[kosten])
        assert anteil[1] <= anteil[0], "more income must never raise the county's share"


@settings(max_examples=300, deadline=None)
@given(einkommen, pflegegrad, stufe, bewohner, stichtag, heim)
def test_vektorisiert_gleich_decimal_referenz(e, pg, s, n, tag, h):
    params = load_parameters(tag)
    r = vergleich(e, pg, s, params, KONSTANZ, heim=h, bewohner=n)
    ref = fall_referenz(Decimal(e) / 100, pg, s, params, KONSTANZ, heim=h, bewohner=n)
    for key, wert in ref.items():
        assert int(r[key]) == int(wert * 100), key
