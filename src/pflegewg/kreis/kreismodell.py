"""Kreisweites Kostenrisiko: what the provider-supported WGs of the register cost the county.

For each anbietergestützte Wohngemeinschaft (§ 4 Abs. 2 WTPG) of the county's register, under a
`Szenario`: residents at the scenario's occupancy, Präsenzkraft cost per head (§ 13 WTPG, hours
by the residents actually living there), what is left of it after a model project (§ 123
SGB XI) and the Wohngruppenzuschlag (§ 38a SGB XI), the expected number of residents with Hilfe
zur Pflege, and the county's expected cost for them per month and year in the WG and, for the
same people, in a home (Leistungszuschlag § 43c SGB XI by tier), and the difference.

Expected values are exact: probability-weighted sums over the scenario's discrete distributions
of income, Pflegegrad and tier (integer weights, Python integers, `Fraction`). Each shown
amount is rounded half-up to whole cents once, per WG and month; the year is 12 × the month;
totals are the sums of the WGs' cents. Income, Pflegegrad and tier are taken as independent.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd

from ..basis.geld import mul_div_half_up, mul_rate_half_up, passt_in_int64, ratio
from ..modell.landkreis import Landkreisdaten, load_landkreis, load_wg_register
from ..modell.vergleich import jahresbetrag_y, vergleich
from ..recht import sgb_xi, wtpg
from ..recht.parameter import Parameterset, load_parameters
from .szenario import Szenario

BETRAGSSPALTEN = ("kosten_wg_m", "kosten_heim_m", "mehrkosten_m", "kosten_wg_y", "kosten_heim_y", "mehrkosten_y")
GRUPPEN = ("bestehend", "geplant", "alle")


def half_up(x: Fraction) -> int:
    """An exact rational amount of cents rounded half-up (ties away from zero) to whole cents."""
    n, d = x.numerator, x.denominator
    return (1 if n >= 0 else -1) * ((2 * abs(n) + d) // (2 * d))


# --- WGs and residents ----------------------------------------------------------------------


def anbietergestuetzte_wgs(register: pd.DataFrame, geplante_wgs: bool, plaetze_geplant: int) -> pd.DataFrame:
    """Die anbietergestützten WGs (§ 4 Abs. 2 WTPG) des Registers: bestehende, mit `geplante_wgs`
    auch die geplanten; fehlende Platzzahl geplanter WGs = `plaetze_geplant` (markiert)."""
    return pd.DataFrame(_wg_spalten(register, geplante_wgs, plaetze_geplant))


def _fehlt(werte: np.ndarray) -> np.ndarray:
    return np.fromiter((pd.isna(v) for v in werte), dtype=bool, count=len(werte))


def _wg_spalten(register: pd.DataFrame, geplante_wgs: bool, plaetze_geplant: int) -> dict[str, np.ndarray]:
    """The columns of `anbietergestuetzte_wgs` as arrays (numpy on the register's columns instead
    of a filtered DataFrame: the explorer calls this on every slider step)."""
    maske = register["typ"].to_numpy() == "anbietergestuetzt"
    if not geplante_wgs:
        maske &= register["status"].to_numpy() == "bestehend"

    def spalte(name: str) -> np.ndarray:
        return register[name].to_numpy(dtype=object)[maske]

    name, ort, plaetze, stunden = spalte("name"), spalte("ort"), spalte("plaetze"), spalte("praesenz_stunden_tag")
    ort_fehlt, plaetze_fehlen = _fehlt(ort), _fehlt(plaetze)
    return {
        "nr": register["nr"].to_numpy(dtype=np.int64)[maske],
        "name": np.where(_fehlt(name), ort, name),
        "ort": np.where(ort_fehlt, "", ort).astype(object),
        "status": spalte("status"),
        "plaetze": np.array([plaetze_geplant if f else v for v, f in zip(plaetze, plaetze_fehlen)], dtype=np.int64),
        "plaetze_angenommen": plaetze_fehlen,
        "praesenz_stunden_vertrag": np.array([None if pd.isna(v) else int(v) for v in stunden], dtype=object),
    }


def bewohner_bei_belegung(plaetze, belegung) -> np.ndarray:
    """Bewohner bei Belegung: Plätze × Belegung, half-up auf ganze Personen, mindestens 1."""
    num, den = ratio(belegung)
    return np.maximum(1, mul_div_half_up(np.asarray(plaetze, dtype=np.int64), num, den)).astype(np.int64)


def modellprojekt_entlastung_m(praesenzkraft_m, anteil) -> np.ndarray:
    """Anteil eines Modellvorhabens (§ 123 SGB XI) oder Sozialraumbudgets an den Präsenzkraftkosten
    je Bewohner, half-up auf Cent/Monat."""
    return mul_rate_half_up(praesenzkraft_m, anteil)


def wohngruppenzuschlag_anrechnung_m(bewohner, anrechnen: bool, params: Parameterset) -> np.ndarray:
    """Auf die Präsenzkraft angerechneter Wohngruppenzuschlag (§ 38a SGB XI) je Bewohner, Cent/Monat."""
    zuschlag = sgb_xi.wohngruppenzuschlag_m(bewohner, params)
    return zuschlag if anrechnen else np.zeros_like(zuschlag)


def praesenzkraft_verbleibend_m(praesenzkraft_m, modellprojekt_m, wohngruppenzuschlag_m) -> np.ndarray:
    """Verbleibende Präsenzkraftkosten je Bewohner (Bedarf für die Hilfe zur Pflege): § 13 WTPG-Kosten
    abzüglich Modellvorhaben und angerechnetem Wohngruppenzuschlag, nie unter 0, Cent/Monat."""
    rest = np.asarray(praesenzkraft_m, dtype=np.int64) - modellprojekt_m - wohngruppenzuschlag_m
    return np.maximum(0, rest)


def praesenzstunden_vertrag(bewohner, szenario: Szenario, vertrag=None):
    """The hours per day to use per WG: the scenario's for all WGs, else each WG's from the
    register (`vertrag`, <NA> = unknown), else None (the § 13 WTPG standard)."""
    if szenario.praesenz_stunden_tag is not None:
        return np.full(np.shape(bewohner), szenario.praesenz_stunden_tag, dtype=object)
    return vertrag


def praesenzkraft_je_bewohner(bewohner, szenario: Szenario, landkreis: Landkreisdaten, params: Parameterset,
                              stundensatz=None, vertrag=None) -> dict[str, np.ndarray]:
    """Präsenzkraft je Bewohner for WGs with `bewohner` residents under the scenario (cents/month):
    praesenzkraft_m (§ 13 WTPG or, under the TPQG, the contracted hours), modellprojekt_m,
    wohngruppenzuschlag_m, praesenzkraft_verbleibend_m, praesenz_stunden_tag.

    `stundensatz` (cents/h, may be an array) overrides the scenario's rate (for break-even);
    `vertrag`: each WG's contracted hours per day from the register (<NA> = unknown)."""
    satz = szenario.stundensatz(landkreis) if stundensatz is None else stundensatz
    stunden = praesenzstunden_vertrag(bewohner, szenario, vertrag)
    p = wtpg.praesenzkraft_kosten_m(bewohner, satz, landkreis.praesenzkraft_tage_pro_monat, params, stunden)
    mp = modellprojekt_entlastung_m(p, szenario.modellprojekt_anteil)
    wgz = wohngruppenzuschlag_anrechnung_m(bewohner, szenario.wohngruppenzuschlag_anrechnen, params)
    return {
        "praesenzkraft_m": p,
        "modellprojekt_m": mp,
        "wohngruppenzuschlag_m": np.broadcast_to(wgz, np.shape(p)),
        "praesenzkraft_verbleibend_m": praesenzkraft_verbleibend_m(p, mp, wgz),
        "praesenz_stunden_tag": np.broadcast_to(wtpg.praesenzstunden_pro_tag(bewohner, params, stunden), np.shape(p)),
    }


# --- expected county share per recipient ----------------------------------------------------


def anteil_wg_tabelle_m(praesenzkraft_verbleibend, szenario: Szenario, params, landkreis) -> np.ndarray:
    """County share in the WG (cents/month) for each Präsenzkraft value × income × Pflegegrad of the
    scenario's grids: shape (len(praesenzkraft), incomes, Pflegegrade)."""
    e, g = szenario.einkommen(), szenario.pflegegrade()
    p = np.asarray(praesenzkraft_verbleibend, dtype=np.int64).reshape(-1, 1, 1)
    r = vergleich(e.werte_array()[None, :, None], g.werte_array()[None, None, :], 1, params, landkreis,
                  heim=szenario.heim, praesenzkraft=p)
    return np.ascontiguousarray(r["anteil_landkreis_wg_m"])


def anteil_heim_tabelle_m(szenario: Szenario, params, landkreis) -> np.ndarray:
    """County share in the home (cents/month) for each income × tier of the scenario's grids."""
    e, s = szenario.einkommen(), szenario.stufen()
    r = vergleich(e.werte_array()[:, None], 2, s.werte_array()[None, :], params, landkreis, heim=szenario.heim)
    return np.ascontiguousarray(r["anteil_landkreis_heim_m"])


def _erwartung(tabelle: np.ndarray, gewichte_innen, gewichte_aussen) -> list[Fraction]:
    """Exact expectation over the last two axes (outer = axis −2, inner = axis −1), per leading row."""
    # int64 while cents × sum of weights surely fits; weights from shares with 15–17 digits
    # (0.333333333333333) do not: then Python ints (object arrays), exact and unbounded
    if not passt_in_int64(tabelle, sum(gewichte_innen)):
        innen = tabelle.astype(object) @ np.array(gewichte_innen, dtype=object)
    else:
        innen = tabelle @ np.array(gewichte_innen, dtype=np.int64)
    summe = innen.astype(object) @ np.array(gewichte_aussen, dtype=object)  # Python ints, unbounded
    nenner = sum(gewichte_innen) * sum(gewichte_aussen)
    return [Fraction(int(z), nenner) for z in np.atleast_1d(summe)]


def erwarteter_anteil_wg_m(praesenzkraft_verbleibend, szenario: Szenario, params, landkreis) -> list[Fraction]:
    """Erwarteter Kostenanteil des Landkreises je Empfänger in der WG (§§ 85, 87 SGB XII), exakt, Cent/Monat."""
    e, g = szenario.einkommen(), szenario.pflegegrade()
    return _erwartung(anteil_wg_tabelle_m(praesenzkraft_verbleibend, szenario, params, landkreis), g.gewichte, e.gewichte)


def erwarteter_anteil_heim_m(szenario: Szenario, params, landkreis) -> Fraction:
    """Erwarteter Kostenanteil des Landkreises je Empfänger im Heim (§ 43c SGB XI, §§ 61 ff. SGB XII), exakt."""
    e, s = szenario.einkommen(), szenario.stufen()
    return _erwartung(anteil_heim_tabelle_m(szenario, params, landkreis)[None], s.gewichte, e.gewichte)[0]


# --- the county -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Kreisergebnis:
    """The county model's result: one row per WG (`wgs`) and the sums (`summen`), cents."""

    szenario: Szenario
    params: Parameterset
    landkreis: Landkreisdaten
    wgs: pd.DataFrame
    summen: pd.DataFrame

    def summe(self, groesse: str = "mehrkosten_y", gruppe: str = "alle") -> int:
        return int(self.summen.loc[gruppe, groesse])


def grundlagen(szenario: Szenario | None, landkreis: Landkreisdaten | None):
    """(scenario, county data, parameter set) with the defaults filled in."""
    szenario = Szenario() if szenario is None else szenario
    params = load_parameters(szenario.stichtag)
    landkreis = (load_landkreis() if landkreis is None else landkreis).zum(params.stichtag)
    return szenario, landkreis, params


def eingaben(szenario, landkreis, register):
    """(scenario, county data, WG register, parameter set) with the defaults filled in."""
    szenario, landkreis, params = grundlagen(szenario, landkreis)
    register = load_wg_register(landkreis) if register is None else register
    return szenario, landkreis, register, params


def kreis(szenario: Szenario | None = None, landkreis: Landkreisdaten | None = None,
          register: pd.DataFrame | None = None) -> Kreisergebnis:
    """County cost of the provider-supported WGs under a scenario, per WG and in total (cents).

    Defaults: `Szenario()`, the Konstanz county file and its register. Columns of `wgs`: nr, name,
    ort, status, plaetze, plaetze_angenommen, bewohner, praesenzkraft_m (§ 13 WTPG per head),
    modellprojekt_m, wohngruppenzuschlag_m, praesenzkraft_verbleibend_m, empfaenger_hzp
    (Decimal, expected), anteil_wg_je_empfaenger_m, anteil_heim_je_empfaenger_m,
    mehrkosten_je_empfaenger_m, and BETRAGSSPALTEN (per WG, month and year).
    """
    s, landkreis, register, params = eingaben(szenario, landkreis, register)
    wgs = _wg_spalten(register, s.geplante_wgs, s.plaetze_geplant)
    bewohner = bewohner_bei_belegung(wgs["plaetze"], s.belegung)
    p = praesenzkraft_je_bewohner(bewohner, s, landkreis, params, vertrag=wgs["praesenz_stunden_vertrag"])

    e_wg = erwarteter_anteil_wg_m(p["praesenzkraft_verbleibend_m"], s, params, landkreis)
    e_heim = erwarteter_anteil_heim_m(s, params, landkreis)
    empfaenger = [Decimal(int(b)) * s.hzp_anteil for b in bewohner]
    kosten_wg_m = np.array([half_up(Fraction(n) * e) for n, e in zip(empfaenger, e_wg)], dtype=np.int64)
    kosten_heim_m = np.array([half_up(Fraction(n) * e_heim) for n in empfaenger], dtype=np.int64)
    mehrkosten_m = kosten_wg_m - kosten_heim_m

    spalten = {  # one DataFrame at once from arrays: a third of the time of DataFrame.assign
        **wgs,
        "bewohner": bewohner,
        **{k: np.asarray(v, dtype=np.int64) for k, v in p.items()},
        "empfaenger_hzp": np.array(empfaenger, dtype=object),
        "anteil_wg_je_empfaenger_m": np.array([half_up(e) for e in e_wg], dtype=np.int64),
        "anteil_heim_je_empfaenger_m": np.full(len(bewohner), half_up(e_heim), dtype=np.int64),
        "mehrkosten_je_empfaenger_m": np.array([half_up(e - e_heim) for e in e_wg], dtype=np.int64),
        "kosten_wg_m": kosten_wg_m,
        "kosten_heim_m": kosten_heim_m,
        "mehrkosten_m": mehrkosten_m,
        "kosten_wg_y": jahresbetrag_y(kosten_wg_m),
        "kosten_heim_y": jahresbetrag_y(kosten_heim_m),
        "mehrkosten_y": jahresbetrag_y(mehrkosten_m),
    }
    return Kreisergebnis(s, params, landkreis, pd.DataFrame(spalten), _summen(spalten))


def kreis_summen(wgs: pd.DataFrame) -> pd.DataFrame:
    """Sums over the WGs (exactly the sums of their cents): rows bestehend, geplant, alle."""
    return _summen({k: wgs[k].to_numpy() for k in ("status", "plaetze", "bewohner", "empfaenger_hzp", *BETRAGSSPALTEN)})


def _summen(spalten: dict[str, np.ndarray]) -> pd.DataFrame:
    status = spalten["status"]
    ganz = {k: np.asarray(spalten[k], dtype=np.int64) for k in ("plaetze", "bewohner", *BETRAGSSPALTEN)}
    empfaenger = spalten["empfaenger_hzp"]
    zeilen = {}
    for gruppe in GRUPPEN:
        m = np.ones(len(status), dtype=bool) if gruppe == "alle" else status == gruppe
        zeilen[gruppe] = {
            "wgs": int(m.sum()),
            "plaetze": int(ganz["plaetze"][m].sum()),
            "bewohner": int(ganz["bewohner"][m].sum()),
            "empfaenger_hzp": sum(empfaenger[m], Decimal(0)),
            **{k: int(ganz[k][m].sum()) for k in BETRAGSSPALTEN},
        }
    return pd.DataFrame.from_dict(zeilen, orient="index")


def kreis_summe_y(szenario: Szenario, landkreis=None, register=None, groesse: str = "mehrkosten_y") -> int:
    """One yearly county total (cents) under a scenario: `groesse` of BETRAGSSPALTEN, all WGs."""
    return kreis(szenario, landkreis, register).summe(groesse)
