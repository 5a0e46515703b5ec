"""Finanzplanung: the county's yearly cost of the provider-supported WGs over several years.

For every year of the planning period the county model (`kreis.kreis`) runs once, exactly, and
the Monte-Carlo band (`risiko`) gives P10 / P50 / P90 of the yearly Mehrkosten. What changes from
year to year, and the rules used:

- **Stichtag of a year: 1 July.** Law and prices are looked up as of the middle of the year. Law
  changes mostly on 1 January (Regelbedarfe, SGB XI amounts), so on 1 July the law of the whole
  year applies; prices move during the year (vdek publishes Baden-Württemberg averages for
  1 January and 1 July, the Pflegemindestlohn rises on 1 May / 1 July), so the mid-year value is
  the better estimate of the year's average than the value of 1 January. Year = 12 × the month
  on 1 July, as in `kreis`.
- **Prices.** The county's amounts on that Stichtag, carried forward with the observed price index
  as `Landkreisdaten.zum` does (`pflegewg.modell.preise`). After the index's last observation (or
  after the county's own newest value, whichever is later) the amounts grow with the scenario's
  yearly rates: `preissteigerung_heim` for EEE, Ausbildungszuschlag and the other home charges,
  `lohnsteigerung_praesenzkraft` for the Präsenzkraft rate. Growth over m months is
  (1 + r)^(m // 12) × (1 + r × (m mod 12) / 12): compound per full year, linear within a year;
  an exact `Fraction`, applied together with the index factor to the amount's source value and
  rounded half-up to whole cents once. Warm rent, accommodation in the WG and days per month are
  not carried forward (as in `zum`). A Präsenzkraft rate set in the scenario is taken as valid on
  the scenario's Stichtag and carried forward the same way.
- **Default rates** (scenario keys left empty, ANNAHME): the mean yearly growth of the observed
  series in the price index file, from its first to its last observation, (last / first)^(12 / months)
  − 1, rounded half-up to 0.1 percentage points: for homes the vdek total of the first year without
  Zuschlag (EEE incl. Ausbildungskosten + U/V + Investitionskosten, the index series
  `pflegebedingt` + `unterkunft_investition`), for the Präsenzkraft the Pflegemindestlohn (`lohn`).
- **Law after its checked date** stays at its newest values (`load_parameters`, with a hint); it is
  not extrapolated.
- **Openings.** A WG counts from its opening year on (register column `eroeffnung`), for the whole
  year (vorsichtig: costs rather too early than too late; the scenario's occupancy applies from the
  first year). A range such as `2023/2024` counts from its first year. A planned WG without a year
  opens `eroeffnung_geplant_ohne_jahr` years after the year of the scenario's Stichtag (ANNAHME);
  an existing WG without a year counts in every year. With `geplante_wgs: nein` planned WGs never open.
- **Monte Carlo.** One set of random residents (`risiko.ziehen`, fixed seed) for all WGs of the
  period; each year prices its residents with that year's law and prices and counts only the WGs
  open that year (common random numbers: the band moves with prices and openings, not with
  sampling noise). In a year in which every WG is open the band equals `risiko.monte_carlo`
  for that year exactly.

The incomes of the recipients stay as in the scenario (nominal, no pension adjustment assumed).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from types import MappingProxyType

import numpy as np
import pandas as pd

from ..basis.format import datum, prozent
from ..basis.geld import EingabeFehler
from ..modell import zeitstand
from ..modell.landkreis import HEIM_TEILE, Heim, Landkreisdaten, load_landkreis, load_wg_register
from ..modell.preise import INDEX_FUER, Preisindex, eintrag_am, fortschreiben_cent
from ..recht.parameter import load_parameters
from . import risiko
from .kreismodell import Kreisergebnis, anbietergestuetzte_wgs, kreis
from .planungsrahmen import JAHR_BIS, JAHR_VON, JAHRE_HOECHST, STANDARD_JAHRE
from .szenario import Szenario

#: Stichtag of each year of the plan: 1 July (see the module docstring)
STICHTAG_MONAT, STICHTAG_TAG = 7, 1
#: default rates are rounded to this step (0.1 percentage points)
RATE_RASTER = Decimal("0.001")
#: index series behind the two rates
HEIM_REIHEN = ("pflegebedingt", "unterkunft_investition")
LOHN_REIHE = "lohn"

_EROEFFNUNG = re.compile(r"^(\d{4})(?:\s*[/-]\s*(\d{4}))?$")


# --- years ----------------------------------------------------------------------------------


def stichtag_des_jahres(jahr: int) -> dt.date:
    """The Stichtag used for a year of the plan: 1 July."""
    return dt.date(jahr, STICHTAG_MONAT, STICHTAG_TAG)


def planjahre(von: int | None, bis: int | None, szenario: Szenario) -> tuple[int, int]:
    """(von, bis) with the defaults (the scenario's Stichtag year and four more), checked.

    EingabeFehler names the option and the allowed range: years JAHR_VON..JAHR_BIS (the law's
    range), bis not before von, at most JAHRE_HOECHST years."""
    for name, wert in (("--von", von), ("--bis", bis)):
        if wert is not None and (isinstance(wert, bool) or not isinstance(wert, (int, np.integer))):
            raise EingabeFehler(f"{name}: {wert!r} ist keine ganze Zahl (erlaubt: {JAHR_VON} bis {JAHR_BIS})")
    von = szenario.stichtag.year if von is None else int(von)
    if not JAHR_VON <= von <= JAHR_BIS:
        raise EingabeFehler(f"--von: {von} nicht erlaubt (erlaubt: {JAHR_VON} bis {JAHR_BIS})")
    bis = min(von + STANDARD_JAHRE - 1, JAHR_BIS) if bis is None else int(bis)
    oben = min(von + JAHRE_HOECHST - 1, JAHR_BIS)
    if not von <= bis <= oben:
        raise EingabeFehler(f"--bis: {bis} nicht erlaubt (erlaubt: {von} bis {oben}; nicht vor --von {von}, "
                            f"höchstens {JAHRE_HOECHST} Jahre, Recht bis {JAHR_BIS})")
    return von, bis


# --- openings -------------------------------------------------------------------------------


def eroeffnungsjahr(text, zeile: str = "eroeffnung") -> int | None:
    """Opening year from the register column `eroeffnung`: JJJJ, or a range JJJJ/JJJJ (its first
    year counts); empty = unknown (None). Anything else is an EingabeFehler naming the row."""
    if text is None or pd.isna(text) or not str(text).strip():
        return None
    m = _EROEFFNUNG.match(str(text).strip())
    if not m or (m.group(2) and int(m.group(2)) < int(m.group(1))):
        raise EingabeFehler(f"{zeile}: eroeffnung {text!r} nicht erlaubt (erlaubt: Jahr JJJJ, Spanne JJJJ/JJJJ oder leer)")
    return int(m.group(1))


def eroeffnungen(wgs: pd.DataFrame, register: pd.DataFrame, szenario: Szenario, datei: str = "WG-Register") -> pd.DataFrame:
    """Per WG of `wgs` (`anbietergestuetzte_wgs`): eroeffnung_jahr (first year it counts; None =
    every year) and eroeffnung_angenommen (True where the scenario's ANNAHME gave the year)."""
    zeilen = {int(r["nr"]): (i, r) for i, r in register.iterrows()}
    jahre, angenommen = [], []
    for w in wgs.itertuples():
        i, r = zeilen[int(w.nr)]
        jahr = eroeffnungsjahr(r["eroeffnung"], f"{datei}: Zeile {i + 2}")
        if jahr is None and w.status == "geplant":
            jahre.append(szenario.stichtag.year + szenario.eroeffnung_geplant_ohne_jahr)
            angenommen.append(True)
        else:
            jahre.append(jahr)
            angenommen.append(False)
    return wgs.assign(eroeffnung_jahr=pd.array(jahre, dtype="Int64"), eroeffnung_angenommen=angenommen)


def offen_im_jahr(eroeffnung_jahr, jahr: int) -> np.ndarray:
    """Which WGs count in `jahr`: opening year on or before it, or no year (existing WG)."""
    e = pd.array(eroeffnung_jahr, dtype="Int64")
    return np.asarray((e.isna() | (e <= jahr)).to_numpy(dtype=bool, na_value=True))


# --- growth ---------------------------------------------------------------------------------


def monate_zwischen(von: dt.date, bis: dt.date) -> int:
    """Whole months from `von` to `bis` (0 if `bis` is not after `von`)."""
    m = (bis.year - von.year) * 12 + bis.month - von.month - (1 if bis.day < von.day else 0)
    return max(0, m)


def wachstumsfaktor(rate: Decimal, monate: int) -> Fraction:
    """(1 + r)^(monate // 12) × (1 + r × (monate mod 12) / 12), exact: compound per full year,
    linear within the year."""
    r = Fraction(str(rate))
    return (1 + r) ** (monate // 12) * (1 + r * Fraction(monate % 12, 12))


def mittlere_rate(erster: tuple[dt.date, Fraction], letzter: tuple[dt.date, Fraction]) -> Decimal | None:
    """Mean yearly growth between two observations, (letzter / erster)^(12 / months) − 1, rounded
    half-up to RATE_RASTER; None if they are less than a month apart or not positive."""
    monate = monate_zwischen(erster[0], letzter[0])
    if monate == 0 or erster[1] <= 0 or letzter[1] <= 0:
        return None
    with localcontext() as ctx:
        ctx.prec = 40
        q = Decimal(letzter[1].numerator) * erster[1].denominator / (Decimal(letzter[1].denominator) * erster[1].numerator)
        rate = q ** (Decimal(12) / Decimal(monate)) - 1
    return rate.quantize(RATE_RASTER, rounding=ROUND_HALF_UP)


def heimkosten_reihe(index: Preisindex) -> tuple[tuple[dt.date, Fraction], ...]:
    """The observed home total per date of the index: pflegebedingt + unterkunft_investition."""
    if not all(index.reihen.get(n) for n in HEIM_REIHEN):
        return ()
    tage = sorted({d for n in HEIM_REIHEN for d, _ in index.reihen[n]})
    werte = []
    for tag in tage:
        staende = [index.stand(n, tag) for n in HEIM_REIHEN]
        if all(staende):
            werte.append((tag, sum((w for _, w in staende), Fraction(0))))
    return tuple(werte)


@dataclass(frozen=True)
class Steigerung:
    """A yearly growth rate used by the plan and where it comes from."""

    rate: Decimal
    abgeleitet: bool  # True: derived from the observed series (scenario key empty)
    reihe_von: dt.date | None = None
    reihe_bis: dt.date | None = None

    def text(self) -> str:
        if not self.abgeleitet:
            return f"{prozent(self.rate, 1)} je Jahr (Szenario)"
        if self.reihe_von is None:
            return f"{prozent(self.rate, 1)} je Jahr (ANNAHME: keine beobachtete Reihe)"
        return (f"{prozent(self.rate, 1)} je Jahr (ANNAHME: Mittel der beobachteten Reihe "
                f"{datum(self.reihe_von)} bis {datum(self.reihe_bis)})")


def standard_steigerungen(index: Preisindex | None) -> dict[str, Steigerung]:
    """Default yearly rates from the observed series of the price index (see module docstring);
    0 where there is no series (no growth assumed)."""
    ergebnis = {}
    for feld, reihe in (("preissteigerung_heim", heimkosten_reihe(index) if index else ()),
                        ("lohnsteigerung_praesenzkraft", tuple(index.reihen.get(LOHN_REIHE, ())) if index else ())):
        rate = mittlere_rate(reihe[0], reihe[-1]) if len(reihe) >= 2 else None
        ergebnis[feld] = (Steigerung(Decimal(0), True) if rate is None
                          else Steigerung(rate, True, reihe[0][0], reihe[-1][0]))
    return ergebnis


def steigerungen(szenario: Szenario, landkreis: Landkreisdaten) -> dict[str, Steigerung]:
    """The rates of the plan: the scenario's, else the defaults from the county's price index."""
    standard = standard_steigerungen(landkreis.index)
    return {feld: standard[feld] if getattr(szenario, feld) is None else Steigerung(getattr(szenario, feld), False)
            for feld in standard}


def _rate_fuer(key: str, raten: dict[str, Steigerung]) -> tuple[str, Decimal]:
    name = INDEX_FUER[key.rsplit(".", 1)[-1]]
    return name, raten["lohnsteigerung_praesenzkraft" if name == LOHN_REIHE else "preissteigerung_heim"].rate


def _letzte_beobachtung(index: Preisindex | None, name: str) -> dt.date | None:
    reihe = index.reihen.get(name, ()) if index is not None else ()
    return reihe[-1][0] if reihe else None


def fortschreiben_mit_rate(wert: int, gilt_ab: dt.date, stichtag: dt.date, index: Preisindex | None, name: str,
                           rate: Decimal) -> tuple[int, int]:
    """(cents on `stichtag`, months of growth): `wert` (valid from `gilt_ab`) × the index factor to
    the Stichtag × growth at `rate` for the months after the later of `gilt_ab` and the index's last
    observation; rounded half-up once."""
    f = index.faktor(name, gilt_ab, stichtag) if index is not None else None
    letzte = _letzte_beobachtung(index, name)
    bekannt_bis = gilt_ab if letzte is None else max(gilt_ab, letzte)
    monate = monate_zwischen(bekannt_bis, stichtag)
    faktor = (f[0] if f else Fraction(1)) * wachstumsfaktor(rate, monate)
    return fortschreiben_cent(int(wert), faktor), monate


def preise_im_jahr(landkreis: Landkreisdaten, stichtag: dt.date, raten: dict[str, Steigerung]) -> tuple[Landkreisdaten, dict]:
    """The county's amounts on `stichtag` (`zum`), the indexed ones grown with the rates after the
    last observation; and what was grown: {key: months}. Without growth the snapshot is `zum`'s."""
    snap = landkreis.zum(stichtag)
    gewachsen: dict[str, int] = {}

    def wert(key: str, aktuell: int) -> int:
        reihe = landkreis.reihen.get(key)
        if not reihe or key.rsplit(".", 1)[-1] not in INDEX_FUER:
            return aktuell
        e, _ = eintrag_am(reihe, stichtag)
        if e is not reihe[-1]:
            return aktuell  # a newer value of the county follows: observed, no growth
        name, rate = _rate_fuer(key, raten)
        neu, monate = fortschreiben_mit_rate(e.wert, e.gilt_ab, stichtag, landkreis.index, name, rate)
        if monate == 0:
            return aktuell
        gewachsen[key] = monate
        return neu

    heime = {}
    for k, h in snap.heime.items():
        teile = {t: wert(f"heime.{k}.{t}", getattr(h, t)) for t in HEIM_TEILE if f"heime.{k}.{t}" in landkreis.reihen}
        sonstige = sum(teile.values()) if teile else wert(f"heime.{k}.sonstige_heimkosten_m", h.sonstige_heimkosten_m)
        heime[k] = Heim(h.bezeichnung, wert(f"heime.{k}.eee_m", h.eee_m),
                        wert(f"heime.{k}.ausbildungszuschlag_m", h.ausbildungszuschlag_m), sonstige, **teile)
    satz = wert("wg.praesenzkraft_stundensatz", snap.praesenzkraft_stundensatz)
    if not gewachsen:
        return snap, gewachsen
    return dataclasses.replace(snap, heime=MappingProxyType(heime), praesenzkraft_stundensatz=satz), gewachsen


def szenario_im_jahr(szenario: Szenario, landkreis: Landkreisdaten, jahr: int,
                     raten: dict[str, Steigerung]) -> tuple[Szenario, int]:
    """(the scenario for one year, months of wage growth applied to its rate): Stichtag 1 July; a
    Präsenzkraft rate set in the scenario is carried forward from the scenario's Stichtag with the
    wage index and then `lohnsteigerung_praesenzkraft`."""
    stichtag = stichtag_des_jahres(jahr)
    satz, monate = szenario.praesenzkraft_stundensatz, 0
    if satz is not None:
        satz, monate = fortschreiben_mit_rate(satz, szenario.stichtag, stichtag, landkreis.index, LOHN_REIHE,
                                              raten["lohnsteigerung_praesenzkraft"].rate)
    return dataclasses.replace(szenario, stichtag=stichtag, praesenzkraft_stundensatz=satz), monate


# --- the plan -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Prognose:
    """The plan: one row per year in `jahre` (cents), the county model of each year, the WGs with
    their opening years, the rates used and the German hints."""

    szenario: Szenario
    landkreis: Landkreisdaten
    von: int
    bis: int
    jahre: pd.DataFrame
    ergebnisse: dict[int, Kreisergebnis]
    wgs: pd.DataFrame
    raten: dict[str, Steigerung]
    hinweise: tuple[str, ...]
    ziehungen: int
    seed: int


SPALTEN = ("jahr", "stichtag", "wgs", "plaetze", "kosten_wg_y", "kosten_heim_y", "mehrkosten_y",
           "mehrkosten_p10_y", "mehrkosten_p50_y", "mehrkosten_p90_y", "praesenzkraft_stundensatz",
           "heim_eee_m", "heim_gesamt_m", "monate_preissteigerung", "monate_lohnsteigerung")


def prognose(szenario: Szenario | None = None, landkreis: Landkreisdaten | None = None, register: pd.DataFrame | None = None,
             von: int | None = None, bis: int | None = None, n: int = risiko.MC_ZIEHUNGEN,
             seed: int = risiko.MC_SEED) -> Prognose:
    """Finanzplanung: per year von..bis the county's expected yearly costs in the WGs open that
    year and for the same persons in homes (exact, `kreis`), and P10/P50/P90 of the Mehrkosten
    over `n` Monte-Carlo draws (cents). Rules: module docstring."""
    s = Szenario() if szenario is None else szenario
    von, bis = planjahre(von, bis, s)
    landkreis = load_landkreis() if landkreis is None else landkreis
    register = load_wg_register(landkreis) if register is None else register
    datei = landkreis.wg_register_datei.name if landkreis.wg_register_datei else "WG-Register"
    wgs = eroeffnungen(anbietergestuetzte_wgs(register, s.geplante_wgs, s.plaetze_geplant), register, s, datei)
    raten = steigerungen(s, landkreis)
    z = risiko.ziehen(s, wgs["plaetze"].to_numpy(), n, seed)

    zeilen, ergebnisse, gesehen = [], {}, {}
    for jahr in range(von, bis + 1):
        s_j, monate_satz = szenario_im_jahr(s, landkreis, jahr, raten)
        lk_j, gewachsen = preise_im_jahr(landkreis, s_j.stichtag, raten)
        params = load_parameters(s_j.stichtag)
        offen = offen_im_jahr(wgs["eroeffnung_jahr"], jahr)
        geschlossen = set(wgs.loc[~offen, "nr"].tolist())
        r = kreis(s_j, lk_j, register[~register["nr"].isin(geschlossen)])
        mc = risiko.kosten_der_ziehungen(z, s_j, lk_j, params, offen)
        p10, p50, p90 = risiko.perzentile(mc["mehrkosten_y"])
        summe = r.summen.loc["alle"]
        heim = lk_j.heim(s.heim)
        zeilen.append({
            "jahr": jahr, "stichtag": s_j.stichtag, "wgs": int(summe["wgs"]), "plaetze": int(summe["plaetze"]),
            "kosten_wg_y": int(summe["kosten_wg_y"]), "kosten_heim_y": int(summe["kosten_heim_y"]),
            "mehrkosten_y": int(summe["mehrkosten_y"]),
            "mehrkosten_p10_y": p10, "mehrkosten_p50_y": p50, "mehrkosten_p90_y": p90,
            "praesenzkraft_stundensatz": int(s_j.stundensatz(lk_j)),
            "heim_eee_m": int(heim.eee_m), "heim_gesamt_m": int(heim.eee_m + heim.ausbildungszuschlag_m + heim.sonstige_heimkosten_m),
            "monate_preissteigerung": max((m for k, m in gewachsen.items() if k.startswith("heime.")), default=0),
            "monate_lohnsteigerung": monate_satz if s.praesenzkraft_stundensatz is not None
            else gewachsen.get("wg.praesenzkraft_stundensatz", 0),
        })
        ergebnisse[jahr] = r
        for zeile in zeitstand.hinweise(params, lk_j):
            art = _hinweisart(zeile, params)
            # first year; the newest text for the prices (it names the last index date used)
            gesehen[art] = (gesehen.get(art, (jahr,))[0], zeile if art == "preise" or art not in gesehen else gesehen[art][1])
    jahre = pd.DataFrame(zeilen, columns=list(SPALTEN))
    return Prognose(s, landkreis, von, bis, jahre, ergebnisse, wgs, raten,
                    _hinweise(jahre, gesehen, raten, landkreis, s), n, seed)


def _hinweisart(zeile: str, params) -> str:
    if zeile == params.warnung():
        return "recht"
    if zeile.startswith("Preise:"):
        return "preise"
    return zeile


def _hinweise(jahre: pd.DataFrame, gesehen: dict, raten: dict[str, Steigerung], landkreis: Landkreisdaten,
              s: Szenario) -> tuple[str, ...]:
    """The German lines a planner must see, once for the whole plan (not once per year)."""
    zeilen = []
    for art, (jahr, zeile) in gesehen.items():
        if art == "recht":
            zeilen.append(f"ab {jahr}: {zeile}; sie werden nicht fortgeschrieben")
        elif art == "preise":
            zeilen.append(f"ab {jahr} je Jahr zum 1. Juli fortgeschrieben; im letzten Jahr: {zeile}")
        else:
            zeilen.append(f"ab {jahr}: {zeile}")
    for spalte, feld, was in (("monate_preissteigerung", "preissteigerung_heim", "Heimkosten"),
                              ("monate_lohnsteigerung", "lohnsteigerung_praesenzkraft", "Stundensatz der Präsenzkraft")):
        mit = jahre.loc[jahre[spalte] > 0, "jahr"]
        if len(mit):
            zeilen.append(f"Preise ab {int(mit.iloc[0])}: {was} nach dem letzten beobachteten Stand mit "
                          f"{raten[feld].text()} fortgeschrieben")
    return tuple(zeilen)
