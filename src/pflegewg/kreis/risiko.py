"""Unsicherheit und Break-even of the county model: tornado, Monte-Carlo band, break-even values.

- `tornado`: the yearly county total with each uncertain input at its low and its high value
  (the others at the scenario's), sorted by swing.
- `monte_carlo` / `monte_carlo_band`: the yearly county total over random compositions of the
  residents (occupied places, who receives Hilfe zur Pflege, their income, Pflegegrad and tier),
  with a fixed seed. Every draw is an exact integer-cent sum; P10/P50/P90 are draws themselves
  (inverted CDF), so no float reaches a shown amount.
- `break_even_einkommen_m`: the income from which on a WG place costs the county no more than
  a home place (per tier and Pflegegrad), exact in cents, found on the whole cent grid.
- `break_even_stundensatz`: the highest Präsenzkraft hourly rate at which a WG place costs the
  county no more than a home place, for one income, Pflegegrad and tier, exact in cents.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd

from ..basis.format import euro, prozent
from ..basis.geld import mul_rate_half_up
from ..modell.landkreis import Landkreisdaten
from ..modell.vergleich import vergleich
from ..recht import sgb_xi, wtpg
from .kreismodell import (
    anbietergestuetzte_wgs,
    anteil_heim_tabelle_m,
    anteil_wg_tabelle_m,
    eingaben,
    grundlagen,
    half_up,
    kreis,
    praesenzkraft_je_bewohner,
)
from .szenario import (
    BEZEICHNUNGEN,
    STUFEN_MISCHUNGEN,
    Szenario,
    pflegegrad_verteilung_mit_anteil_pg45,
)

#: Fixed seed of the Monte-Carlo band (the date of the Sozialausschuss session, 13.02.2023).
MC_SEED = 20230213
MC_ZIEHUNGEN = 100_000
GROESSEN = ("kosten_wg_y", "kosten_heim_y", "mehrkosten_y")


# --- tornado --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Spanne:
    """Low and high value of one uncertain scenario input (values in Szenario units)."""

    feld: str
    niedrig: object
    hoch: object
    text_niedrig: str
    text_hoch: str


def standard_spannen(szenario: Szenario, landkreis: Landkreisdaten) -> tuple[Spanne, ...]:
    """The default low/high values of the uncertain inputs (ANNAHMEN, stated in the texts).

    Anteil mit Hilfe zur Pflege 20 % / 50 %; Belegung 85 % / 100 %; Stundensatz ±10 %; mittleres
    Einkommen 1.000 € / 1.400 € (only with the triangular income distribution); Anteil
    Pflegegrad 4/5 25 % / 65 %; kurze / lange Verweildauer im Heim; Durchschnitts- / teuerstes Heim.
    """
    satz = szenario.stundensatz(landkreis)
    satz_lo, satz_hi = int(mul_rate_half_up(satz, Decimal("0.9"))), int(mul_rate_half_up(satz, Decimal("1.1")))
    spannen = [
        Spanne("hzp_anteil", Decimal("0.20"), Decimal("0.50"), "20 %", "50 %"),
        Spanne("belegung", Decimal("0.85"), Decimal(1), "85 %", "100 %"),
        Spanne("praesenzkraft_stundensatz", satz_lo, satz_hi, euro(satz_lo), euro(satz_hi)),
    ]
    if szenario.einkommen_verteilung is None:
        spannen.append(Spanne("einkommen_mittel_m", 100000, 140000, euro(100000), euro(140000)))
    spannen += [
        Spanne("pflegegrad_verteilung", pflegegrad_verteilung_mit_anteil_pg45(Decimal("0.25")),
               pflegegrad_verteilung_mit_anteil_pg45(Decimal("0.65")), "PG 4/5: 25 %", "PG 4/5: 65 %"),
        Spanne("stufen_verteilung", STUFEN_MISCHUNGEN["kurze Verweildauer"], STUFEN_MISCHUNGEN["lange Verweildauer"],
               "kurze Verweildauer", "lange Verweildauer"),
        Spanne("heim", "durchschnitt", "teuerste", "Durchschnitt", "teuerstes Heim"),
    ]
    return tuple(spannen)


def tornado(szenario: Szenario | None = None, landkreis: Landkreisdaten | None = None, register=None,
            spannen=None, groesse: str = "mehrkosten_y") -> pd.DataFrame:
    """Sensitivity of the yearly county total `groesse` (cents, all WGs of the scenario).

    One row per input: eingabe, bezeichnung, niedrig, hoch (texts), ergebnis_niedrig,
    ergebnis_hoch, basis (cents), spannweite (|hoch − niedrig|); sorted by spannweite, largest first.
    """
    s, landkreis, register, _ = eingaben(szenario, landkreis, register)
    spannen = standard_spannen(s, landkreis) if spannen is None else spannen
    basis = kreis(s, landkreis, register).summe(groesse)
    zeilen = []
    for sp in spannen:
        lo = kreis(dataclasses.replace(s, **{sp.feld: sp.niedrig}), landkreis, register).summe(groesse)
        hi = kreis(dataclasses.replace(s, **{sp.feld: sp.hoch}), landkreis, register).summe(groesse)
        zeilen.append({
            "eingabe": sp.feld, "bezeichnung": BEZEICHNUNGEN.get(sp.feld, sp.feld),
            "niedrig": sp.text_niedrig, "hoch": sp.text_hoch,
            "ergebnis_niedrig": lo, "ergebnis_hoch": hi, "basis": basis, "spannweite": abs(hi - lo),
        })
    df = pd.DataFrame(zeilen)
    return df.sort_values("spannweite", ascending=False, kind="stable").reset_index(drop=True)


# --- Monte Carlo ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Ziehungen:
    """The random residents of `n` county years (before any cost): per draw and WG the occupied
    places and the recipients of Hilfe zur Pflege; per recipient (ordered by draw, then WG) the
    index of the WG, of the occupied-places table row, of income, Pflegegrad and tier."""

    n: int
    bewohner: np.ndarray  # (n, WGs)
    empfaenger: np.ndarray  # (n, WGs)
    wg_idx: np.ndarray  # per recipient: column of the WG
    groesse_idx: np.ndarray  # per recipient: occupied places − 1
    ek: np.ndarray
    pg: np.ndarray
    sk: np.ndarray
    groessen: np.ndarray  # 1 .. largest WG


def ziehen(s: Szenario, plaetze: np.ndarray, n: int = MC_ZIEHUNGEN, seed: int = MC_SEED) -> Ziehungen:
    """Draw `n` county years of residents for WGs with `plaetze` places under the scenario
    (occupancy, share of recipients, income, Pflegegrad, tier); see `monte_carlo`."""
    rng = np.random.default_rng(seed)
    bewohner = rng.binomial(plaetze, float(s.belegung), size=(n, len(plaetze)))
    empfaenger = rng.binomial(bewohner, float(s.hzp_anteil))
    e, g, st = s.einkommen(), s.pflegegrade(), s.stufen()
    anzahl = empfaenger.ravel()
    traeger = np.repeat(np.arange(anzahl.size), anzahl)  # one entry per recipient, ordered by draw
    groesse_idx = bewohner.ravel()[traeger] - 1
    t = traeger.size
    ek = rng.choice(len(e.werte), size=t, p=e.wahrscheinlichkeiten())
    pg = rng.choice(len(g.werte), size=t, p=g.wahrscheinlichkeiten())
    sk = rng.choice(len(st.werte), size=t, p=st.wahrscheinlichkeiten())
    groessen = np.arange(1, max(int(np.max(plaetze, initial=1)), 1) + 1)
    return Ziehungen(n, bewohner, empfaenger, traeger % max(len(plaetze), 1), groesse_idx, ek, pg, sk, groessen)


def kosten_der_ziehungen(z: Ziehungen, s: Szenario, landkreis: Landkreisdaten, params,
                         offen: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """The yearly county totals (int64 cents per draw, GROESSEN) of drawn residents under the
    prices and law of `landkreis`/`params`; `offen` (bool per WG): only these WGs count (the
    others' recipients cost nothing), None = all."""
    p_rest = praesenzkraft_je_bewohner(z.groessen, s, landkreis, params)["praesenzkraft_verbleibend_m"]
    wg_tab = anteil_wg_tabelle_m(p_rest, s, params, landkreis)
    heim_tab = anteil_heim_tabelle_m(s, params, landkreis)
    # sums per draw and WG first (the recipients are ordered by draw, then WG), then over the
    # WGs that count: a mask per WG instead of one per recipient (the plan does this every year)
    je_zelle = z.empfaenger.ravel()
    wg_zellen = _summe_je_ziehung(wg_tab[z.groesse_idx, z.ek, z.pg], je_zelle).reshape(z.empfaenger.shape)
    heim_zellen = _summe_je_ziehung(heim_tab[z.ek, z.sk], je_zelle).reshape(z.empfaenger.shape)
    if offen is not None:
        maske = np.asarray(offen, dtype=bool)
        wg_zellen, heim_zellen = wg_zellen[:, maske], heim_zellen[:, maske]
    wg_m, heim_m = wg_zellen.sum(axis=1, dtype=np.int64), heim_zellen.sum(axis=1, dtype=np.int64)
    return {"kosten_wg_y": 12 * wg_m, "kosten_heim_y": 12 * heim_m, "mehrkosten_y": 12 * (wg_m - heim_m)}


def monte_carlo(szenario: Szenario | None = None, landkreis: Landkreisdaten | None = None, register=None,
                n: int = MC_ZIEHUNGEN, seed: int = MC_SEED) -> dict[str, np.ndarray]:
    """`n` random county years under the scenario; int64 cents per draw for each of GROESSEN.

    Per draw and WG: occupied places ~ Binomial(Plätze, Belegung) (the Präsenzkraft per head
    follows § 13 WTPG for them; an empty WG costs nothing), recipients of Hilfe zur Pflege ~
    Binomial(Bewohner, Anteil), and for each recipient income, Pflegegrad and tier drawn from the
    scenario's distributions (`ziehen`). Costs come from exact cent tables (`kosten_der_ziehungen`);
    sums are int64 (no float).
    """
    s, landkreis, register, params = eingaben(szenario, landkreis, register)
    wgs = anbietergestuetzte_wgs(register, s.geplante_wgs, s.plaetze_geplant)
    return kosten_der_ziehungen(ziehen(s, wgs["plaetze"].to_numpy(), n, seed), s, landkreis, params)


def _summe_je_ziehung(werte: np.ndarray, anzahl_je_ziehung: np.ndarray) -> np.ndarray:
    """Exact int64 sums of consecutive runs of `werte` (run lengths given: per draw, or per draw
    and WG as `kosten_der_ziehungen` uses it)."""
    kumuliert = np.concatenate(([0], np.cumsum(werte, dtype=np.int64)))
    ende = np.cumsum(anzahl_je_ziehung)
    return kumuliert[ende] - kumuliert[ende - anzahl_je_ziehung]


def perzentile(werte: np.ndarray) -> tuple[int, int, int]:
    """P10, P50, P90 of int64 cents, each a value of `werte` itself (inverted CDF: no float)."""
    return tuple(int(v) for v in np.quantile(werte, [0.1, 0.5, 0.9], method="inverted_cdf"))


def monte_carlo_band(szenario: Szenario | None = None, landkreis: Landkreisdaten | None = None, register=None,
                     n: int = MC_ZIEHUNGEN, seed: int = MC_SEED, ziehungen: dict | None = None) -> pd.DataFrame:
    """P10 / P50 / P90 and mean of the yearly county totals over `n` draws (cents), plus the model's
    expected value (`erwartung`, from `kreis`). Rows: GROESSEN.

    `ziehungen`: the result of `monte_carlo` for the same scenario, if already drawn (the report
    shows the band and the draws' histogram from one run). Percentiles are draws themselves
    (inverted CDF), the mean is the exact sum / n rounded half-up.
    """
    s, landkreis, register, _ = eingaben(szenario, landkreis, register)
    z = monte_carlo(s, landkreis, register, n=n, seed=seed) if ziehungen is None else ziehungen
    n = len(z[GROESSEN[0]])
    summen = kreis(s, landkreis, register).summen.loc["alle"]
    zeilen = {}
    for k in GROESSEN:
        p10, p50, p90 = perzentile(z[k])
        zeilen[k] = {"p10": p10, "p50": p50, "p90": p90,
                     "mittel": half_up(Fraction(int(z[k].sum()), n)), "erwartung": int(summen[k])}
    df = pd.DataFrame.from_dict(zeilen, orient="index")
    df.attrs.update(ziehungen=n, seed=seed)
    return df


# --- break-even -----------------------------------------------------------------------------


def _p_rest(szenario, landkreis, params, bewohner, stundensatz=None):
    bewohner = landkreis.bewohner_standard if bewohner is None else bewohner
    return praesenzkraft_je_bewohner(bewohner, szenario, landkreis, params, stundensatz)["praesenzkraft_verbleibend_m"]


def _mehrkosten_ueber_einkommen(stufe, pflegegrad, szenario, landkreis, params, p_rest):
    """Mehrkosten WG − Heim (cents/month) for every income in cents from 0 up to where both shares
    stop changing, and whether the WG stays dearer beyond that grid (Einsatzquote 0, P > 0)."""
    probe = vergleich(0, pflegegrad, stufe, params, landkreis, heim=szenario.heim, praesenzkraft=p_rest)
    oben = int(probe["bedarf_heim_m"]) + 1  # from here on the home share is 0
    quote = Fraction(str(landkreis.einsatzquote[pflegegrad]))
    bleibt_teurer = quote == 0 and p_rest > 0
    if quote > 0:  # from here on the WG share is 0 as well
        oben = max(oben, int(probe["einkommensgrenze_m"]) + int(-(-Fraction(int(p_rest)) // quote)) + 1)
    einkommen = np.arange(oben + 1, dtype=np.int64)
    r = vergleich(einkommen, pflegegrad, stufe, params, landkreis, heim=szenario.heim, praesenzkraft=p_rest)
    return r["mehrkosten_wg_m"], bleibt_teurer


def break_even_einkommen_m(stufe: int, pflegegrad: int, szenario: Szenario | None = None,
                           landkreis: Landkreisdaten | None = None, bewohner: int | None = None) -> int | None:
    """Break-even-Einkommen (cents/month): the lowest income from which on, for every higher income,
    a WG place costs the county no more than a home place (tier `stufe`, § 43c SGB XI).

    None if there is none (the WG share never falls to 0: Einsatzquote 0). WG of `bewohner`
    residents (default: the county's standard), Präsenzkraft after the scenario's offsets.
    """
    s, landkreis, params = grundlagen(szenario, landkreis)
    return _schwellen(stufe, pflegegrad, s, landkreis, params, int(_p_rest(s, landkreis, params, bewohner)))[0]


def wg_guenstiger_bis_einkommen_m(stufe: int, pflegegrad: int, szenario: Szenario | None = None,
                                  landkreis: Landkreisdaten | None = None, bewohner: int | None = None) -> int | None:
    """The highest income up to which (from 0 on) a WG place costs the county no more than a home
    place (cents/month). With a low enough Präsenzkraft (model project, Wohngruppenzuschlag) there
    is such a range at low incomes. None if the WG costs more already without income, and None
    if it never costs more (then `break_even_einkommen_m` is 0)."""
    s, landkreis, params = grundlagen(szenario, landkreis)
    return _schwellen(stufe, pflegegrad, s, landkreis, params, int(_p_rest(s, landkreis, params, bewohner)))[1]


def _schwellen(stufe, pflegegrad, s, landkreis, params, p_rest) -> tuple[int | None, int | None]:
    """(`break_even_einkommen_m`, `wg_guenstiger_bis_einkommen_m`) from one pass over the incomes."""
    diff, bleibt_teurer = _mehrkosten_ueber_einkommen(stufe, pflegegrad, s, landkreis, params, p_rest)
    teurer = np.flatnonzero(diff > 0)
    ab = None if bleibt_teurer else (0 if teurer.size == 0 else int(teurer[-1]) + 1)
    bis = None if teurer.size == 0 or teurer[0] == 0 else int(teurer[0]) - 1
    return ab, bis


def break_even_tabelle(szenario: Szenario | None = None, landkreis: Landkreisdaten | None = None,
                       bewohner: int | None = None) -> pd.DataFrame:
    """Break-even incomes for every tier × Pflegegrad (cents, <NA> = none): ab_einkommen_m
    (`break_even_einkommen_m`) and guenstiger_bis_einkommen_m (`wg_guenstiger_bis_einkommen_m`)."""
    s, landkreis, params = grundlagen(szenario, landkreis)
    p_rest = int(_p_rest(s, landkreis, params, bewohner))
    zeilen = []
    for stufe in sgb_xi.STUFEN:
        for pg in sgb_xi.PFLEGEGRADE:
            ab, bis = _schwellen(stufe, pg, s, landkreis, params, p_rest)
            zeilen.append({
                "stufe": stufe, "satz": prozent(params.leistungszuschlag_anteil[stufe]), "pflegegrad": pg,
                "ab_einkommen_m": ab, "guenstiger_bis_einkommen_m": bis,
            })
    df = pd.DataFrame(zeilen)
    for k in ("ab_einkommen_m", "guenstiger_bis_einkommen_m"):
        df[k] = df[k].astype("Int64")
    return df


def break_even_stundensatz(einkommen_m: int, stufe: int, pflegegrad: int, szenario: Szenario | None = None,
                           landkreis: Landkreisdaten | None = None, bewohner: int | None = None) -> int | None:
    """Break-even-Stundensatz (cents/hour): the highest Präsenzkraft hourly rate at which a WG place
    costs the county no more than a home place, for one income, Pflegegrad and tier (§ 13 WTPG,
    after the scenario's model project share and Wohngruppenzuschlag).

    None if there is no limit (the model project carries the whole Präsenzkraft).
    """
    s, landkreis, params = grundlagen(szenario, landkreis)
    if s.modellprojekt_anteil == 1:
        return None
    bewohner = landkreis.bewohner_standard if bewohner is None else bewohner
    ohne = vergleich(einkommen_m, pflegegrad, stufe, params, landkreis, heim=s.heim, praesenzkraft=0)
    wgz = int(praesenzkraft_je_bewohner(bewohner, s, landkreis, params, 0)["wohngruppenzuschlag_m"])
    spielraum = int(ohne["anteil_landkreis_heim_m"]) + int(ohne["einkommenseinsatz_m"]) + wgz
    # beyond this rate the remaining Präsenzkraft exceeds what the home share and the income cover
    stunden_tage = int(wtpg.praesenzstunden_pro_tag(bewohner, params)) * Fraction(str(landkreis.praesenzkraft_tage_pro_monat))
    oben = int(Fraction(spielraum + 2) / (1 - Fraction(str(s.modellprojekt_anteil))) * bewohner / stunden_tage) + 2
    saetze = np.arange(oben + 1, dtype=np.int64)
    p_rest = _p_rest(s, landkreis, params, bewohner, saetze)
    diff = vergleich(einkommen_m, pflegegrad, stufe, params, landkreis, heim=s.heim, praesenzkraft=p_rest)["mehrkosten_wg_m"]
    ok = diff <= 0
    assert not ok[-1], "search bound too low"
    return int(np.flatnonzero(ok)[-1])


def break_even_stundensatz_tabelle(einkommen_m: int, pflegegrad: int, szenario: Szenario | None = None,
                                   landkreis: Landkreisdaten | None = None, bewohner: int | None = None) -> pd.DataFrame:
    """`break_even_stundensatz` for the four tiers (cents/hour, <NA> = no limit)."""
    s, landkreis, params = grundlagen(szenario, landkreis)
    df = pd.DataFrame([
        {"stufe": st, "satz": prozent(params.leistungszuschlag_anteil[st]), "einkommen_m": einkommen_m,
         "pflegegrad": pflegegrad,
         "stundensatz": break_even_stundensatz(einkommen_m, st, pflegegrad, s, landkreis, bewohner)}
        for st in sgb_xi.STUFEN
    ])
    df["stundensatz"] = df["stundensatz"].astype("Int64")
    return df
