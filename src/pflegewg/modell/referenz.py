"""One-case-at-a-time Decimal reference of the cost model.

Written independently of the vectorised integer-cent functions (plain Decimal, ROUND_HALF_UP,
no numpy) so that tests and the benchmark can hold the fast path against it cent by cent.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

from ..recht.parameter import Parameterset
from .landkreis import Landkreisdaten

_CENT = Decimal("0.01")


def _r(x: Decimal) -> Decimal:
    return x.quantize(_CENT, rounding=ROUND_HALF_UP)


def _eur(cents: int) -> Decimal:
    return Decimal(cents) / 100


def fall_referenz(
    einkommen: Decimal,
    pflegegrad: int,
    stufe: int,
    params: Parameterset,
    landkreis: Landkreisdaten,
    heim: str = "durchschnitt",
    bewohner: int | None = None,
) -> dict[str, Decimal]:
    """County share in home and WG and the Mehrkosten for one case, Decimal euros.

    Computed with 60 significant digits, so that inputs with 15–20 digits (Excel's 1/3) stay exact.
    """
    with localcontext() as ctx:
        ctx.prec = 60
        return _fall(einkommen, pflegegrad, stufe, params, landkreis, heim, bewohner)


def _fall(einkommen, pflegegrad, stufe, params, landkreis, heim, bewohner) -> dict[str, Decimal]:
    if pflegegrad not in (2, 3, 4, 5) or stufe not in (1, 2, 3, 4) or einkommen < 0:
        raise ValueError("pflegegrad 2..5, stufe 1..4, einkommen >= 0")
    landkreis = landkreis.zum(params.stichtag)
    bewohner = landkreis.bewohner_standard if bewohner is None else bewohner
    h = landkreis.heim(heim)
    t = params.leistungszuschlag_anteil[stufe]
    gesamt = _eur(h.eee_m) + _eur(h.ausbildungszuschlag_m)
    leistungszuschlag = _r(gesamt * t)
    eigenanteil = _r(gesamt * (1 - t))
    barbetrag = _r(params.regelbedarfsstufe_1 * params.barbetrag_anteil)
    bedarf = eigenanteil + _eur(h.sonstige_heimkosten_m) + barbetrag
    gs = params.regelbedarfsstufe_3 + _eur(landkreis.warmmiete_m)
    anteil_heim = max(Decimal(0), bedarf - max(einkommen, gs))

    stunden = params.praesenz_stunden_grund + (
        params.praesenz_stunden_zusatz if bewohner > params.praesenz_zusatz_ab_mehr_als else 0
    )
    p = _r(stunden * landkreis.praesenzkraft_tage_pro_monat * _eur(landkreis.praesenzkraft_stundensatz) / bewohner)
    eg = params.einkommensgrenze_faktor * params.regelbedarfsstufe_1 + _eur(landkreis.wg_unterkunftskosten_m)
    einsatz = _r(landkreis.einsatzquote[pflegegrad] * max(Decimal(0), einkommen - eg))
    anteil_wg = max(Decimal(0), p - einsatz)
    mehr = anteil_wg - anteil_heim
    return {
        "leistungszuschlag_m": leistungszuschlag,
        "eigenanteil_m": eigenanteil,
        "anteil_landkreis_heim_m": anteil_heim,
        "praesenzkraft_m": p,
        "einkommensgrenze_m": eg,
        "anteil_landkreis_wg_m": anteil_wg,
        "mehrkosten_wg_m": mehr,
        "mehrkosten_wg_y": 12 * mehr,
    }
