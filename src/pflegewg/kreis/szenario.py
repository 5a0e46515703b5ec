"""Szenario: every input of the county model, with a stated default, loaded from YAML.

`Szenario` is a frozen dataclass (amounts in integer cents, shares as exact `Decimal`); it
checks itself on construction, so `dataclasses.replace(s, belegung=...)` is checked too.
`load_szenario(path)` reads a scenario file: keys as the field names below, amounts in euros
(point as decimal sign), shares as decimal fractions. An unknown key or a value out of range is
an `EingabeFehler` that names the key and the allowed range (the CLI ends with exit code 2).

Each default is either sourced (the reference paper, county file, law) or marked ANNAHME
(assumption): see `QUELLEN` and, for a county without `referenz:`, `quellen(landkreis)`. The distributions of income, Pflegegrad and Leistungszuschlag tier
of the residents receiving Hilfe zur Pflege are built here as exact discrete distributions
(`Verteilung`, integer weights), so the county model can take exact expected values.
"""
from __future__ import annotations

import dataclasses
import functools
import math
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Mapping

import numpy as np

from ..basis.dateien import ParameterDateiFehler, kurz, load_yaml, to_decimal
from ..basis.format import euro, prozent
from ..basis.geld import EingabeFehler, _one_as_cents, cents_to_decimal
from ..modell.aufenthalt import VERWEILDAUER_QUELLE, VERWEILDAUER_STANDARD, Verweildauer
from ..modell.landkreis import HEIME, STELLEN_HOECHST
from ..recht.parameter import load_parameters, parse_stichtag

PFLEGEGRADE = (2, 3, 4, 5)
STUFEN = (1, 2, 3, 4)

#: Income grid of the triangular default distribution: 10 € steps (plumbing, not law).
EINKOMMEN_RASTER = 1000
#: Plausibility bounds for scenario amounts (catch 2250 typed for 22.50), cents.
STUNDENSATZ_HOECHST = 20000
EINKOMMEN_HOECHST_GRENZE = 2000000

#: Stichtage offered by the explorer: the law's change dates covered by the parameter files, and
#: the first days of 2027 and 2028, after the checked date (the newest values apply, with a warning
#: that `pflegewg.modell.zeitstand.hinweise` gives and the explorer shows).
STICHTAGE_AUSWAHL = (dt.date(2023, 1, 1), dt.date(2024, 1, 1), dt.date(2025, 1, 1), dt.date(2026, 1, 1),
                     dt.date(2027, 1, 1), dt.date(2028, 1, 1))

PFLEGEGRAD_STANDARD = ((2, Decimal("0.15")), (3, Decimal("0.40")), (4, Decimal("0.30")), (5, Decimal("0.15")))
STUFEN_STANDARD = ((1, Decimal("0.25")), (2, Decimal("0.25")), (3, Decimal("0.25")), (4, Decimal("0.25")))

#: Named tier mixes (Leistungszuschlag § 43c SGB XI) for selectors and the tornado. ANNAHMEN.
STUFEN_MISCHUNGEN: dict[str, tuple[tuple[int, Decimal], ...]] = {
    "gleich verteilt": STUFEN_STANDARD,
    "kurze Verweildauer": ((1, Decimal("0.4")), (2, Decimal("0.3")), (3, Decimal("0.2")), (4, Decimal("0.1"))),
    "lange Verweildauer": ((1, Decimal("0.1")), (2, Decimal("0.2")), (3, Decimal("0.3")), (4, Decimal("0.4"))),
    "alle bis 12 Monate": ((1, Decimal(1)),),
    "alle über 36 Monate": ((4, Decimal(1)),),
}

#: Where each default comes from; "ANNAHME" marks an assumption the paper does not support.
QUELLEN: dict[str, str] = {
    "stichtag": "Stichtag der Drucksache 2023/020 (Recht vom 01.01.2023)",
    "praesenzkraft_stundensatz": "Kreisdatei (Drucksache 2023/020: 22,50 €/Std.), nach dem Stand der Kreisdatei fortgeschrieben",
    "praesenz_stunden_tag": (
        "leer: je WG laut Register (Spalte praesenz_stunden_tag), sonst ANNAHME bisheriger Standard des "
        "§ 13 WTPG (24 Std., über 8 Bewohnern 36); unter § 13 WTPG ist der Standard das Minimum"
    ),
    "belegung": "Vollbelegung: Bewohner = Plätze des WG-Registers (Drucksache 2023/020)",
    "wohngruppenzuschlag_anrechnen": "nein, wie die Drucksache; § 38a SGB XI, Betrag aus dem Parametersatz",
    "modellprojekt_anteil": "0: noch kein Modellvorhaben (§§ 123, 124 SGB XI frühestens ab 2025, Schreiben SM BW vom 06.12.2023)",
    "geplante_wgs": "ja: die 6 geplanten WGs der Drucksache getrennt ausgewiesen (Summe geplant); nein = nur Bestand",
    "plaetze_geplant": "ANNAHME: 12 (Höchstzahl § 4 Abs. 2 WTPG; 3 der 4 geplanten WGs mit Angabe haben 12)",
    "hzp_anteil": (
        "ANNAHME: ein Drittel (gerundet 0,33); die Drucksache nennt keinen Anteil. Größenordnung: "
        "bundesweit rund 28 % (Ende 2018) bis 36 % (2020) der Heimbewohner mit Sozialhilfe, laut "
        "Presseberichten über eine Sonderauswertung des Statistischen Bundesamts; durch die eigene "
        "Fallzahl des Kreises ersetzen"
    ),
    "einkommen_mittel_m": "Drucksache 2023/020: Durchschnittseinkommen der Empfänger stationärer Hilfe zur Pflege 1.200 €",
    "einkommen_hoechst_m": "Drucksache 2023/020: höchstes Einkommen der Empfänger stationärer Hilfe zur Pflege 2.750 €",
    "einkommen_verteilung": (
        "ANNAHME zur Form: Dreiecksverteilung von 0 € bis zum Höchsteinkommen, Gipfel so gelegt, "
        "dass der Mittelwert das Durchschnittseinkommen ist (3 × Mittel − Höchst = 850 €); 10-€-Raster"
    ),
    "pflegegrad_verteilung": "ANNAHME: PG 2: 15 %, PG 3: 40 %, PG 4: 30 %, PG 5: 15 % (die Drucksache nennt keine Verteilung)",
    "stufen_verteilung": "ANNAHME: gleich verteilt auf die vier Stufen des Leistungszuschlags (keine Angabe)",
    "heim": "Durchschnitt der Pflegeheime im Landkreis (Drucksache 2023/020)",
    "verweildauer": VERWEILDAUER_QUELLE + " Nur für pflegewg aufenthalt und das Kapitel Vollkosten.",
    "faelle": (
        "leer: die Annahmen oben. Eine Fallliste des Sozialamts (CSV/Excel, pflegewg.modell.faelle; Pfad relativ "
        "zur Szenariodatei) ersetzt Einkommens-, Pflegegrad- und Stufenverteilung durch die Häufigkeiten der Fälle "
        "(Stufen aus den Heimbewohnern)"
    ),
}

#: Inputs only of the Finanzplanung (`pflegewg prognose`, `pflegewg.kreis.prognose`): they do not
#: change a single county year, so `FELDER`, `QUELLEN` and the scenario table of `kreis` leave them out.
PROGNOSE_FELDER = ("preissteigerung_heim", "lohnsteigerung_praesenzkraft", "eroeffnung_geplant_ohne_jahr")
#: Grenzen der Steigerungsraten je Jahr (Tippfehler wie 9.4 statt 0.094 abfangen)
STEIGERUNG_BEREICH = (Decimal("-0.2"), Decimal("0.5"))
EROEFFNUNG_HOECHST_JAHRE = 30

PROGNOSE_QUELLEN: dict[str, str] = {
    "preissteigerung_heim": (
        "ANNAHME: leer = mittlere jährliche Steigerung der beobachteten Heimkosten (vdek-Landesdurchschnitt BW, "
        "Eigenbeteiligung im ersten Jahr ohne Zuschlag: EEE mit Ausbildungskosten + Unterkunft/Verpflegung + "
        "Investitionskosten, erster bis letzter Stand der Preisindex-Datei), auf 0,1 Prozentpunkte gerundet; gilt nach "
        "dem letzten beobachteten Stand für EEE, Ausbildungszuschlag und übrige Heimkosten"
    ),
    "lohnsteigerung_praesenzkraft": (
        "ANNAHME: leer = mittlere jährliche Steigerung des Pflegemindestlohns (Pflegehilfskräfte, Lohnindex der "
        "Preisindex-Datei, erster bis letzter Wert), auf 0,1 Prozentpunkte gerundet; gilt nach dem letzten Wert des "
        "Lohnindex für den Stundensatz der Präsenzkraft"
    ),
    "eroeffnung_geplant_ohne_jahr": (
        "ANNAHME: 2 Jahre nach dem Jahr des Stichtags; die beiden geplanten WGs der Drucksache mit Angabe nennen "
        "ein Eröffnungsjahr ein bis zwei Jahre nach der Drucksache (2022/2023, 2023/2024)"
    ),
}
PROGNOSE_BEZEICHNUNGEN: dict[str, str] = {
    "preissteigerung_heim": "Preissteigerung Heim je Jahr (nach dem letzten Index-Stand)",
    "lohnsteigerung_praesenzkraft": "Lohnsteigerung Präsenzkraft je Jahr (nach dem letzten Index-Stand)",
    "eroeffnung_geplant_ohne_jahr": "Eröffnung geplanter WGs ohne Jahr (Jahre nach dem Stichtag)",
}

#: The same for a county whose file names no reference (`referenz:`): its report cites neither
#: the paper nor another county; defaults the paper gave become ANNAHMEN there.
QUELLEN_OHNE_REFERENZ: dict[str, str] = {
    "stichtag": "Standardwert 01.01.2023; im Sitzungsbericht der Stichtag der Sitzung",
    "praesenzkraft_stundensatz": "Kreisdatei, nach dem Stand der Kreisdatei fortgeschrieben",
    "belegung": "Vollbelegung: Bewohner = Plätze des WG-Registers",
    "wohngruppenzuschlag_anrechnen": "nein; § 38a SGB XI, Betrag aus dem Parametersatz",
    "geplante_wgs": "ja: die geplanten WGs des WG-Registers getrennt ausgewiesen (Summe geplant); nein = nur Bestand",
    "hzp_anteil": (
        "ANNAHME: ein Drittel (gerundet 0,33); die Kreisdaten nennen keinen Anteil. Größenordnung: "
        "bundesweit rund 28 % (Ende 2018) bis 36 % (2020) der Heimbewohner mit Sozialhilfe, laut "
        "Presseberichten über eine Sonderauswertung des Statistischen Bundesamts; durch die eigene "
        "Fallzahl des Kreises ersetzen"
    ),
    "einkommen_mittel_m": "ANNAHME: Standardwert von pflegewg 1.200 € (Durchschnittseinkommen der Empfänger stationärer "
    "Hilfe zur Pflege in der Vorlage, an der das Modell geprüft ist); durch den Wert des Kreises ersetzen",
    "einkommen_hoechst_m": "ANNAHME: Standardwert von pflegewg 2.750 € (höchstes Einkommen der Empfänger stationärer "
    "Hilfe zur Pflege in derselben Vorlage); durch den Wert des Kreises ersetzen",
    "pflegegrad_verteilung": "ANNAHME: PG 2: 15 %, PG 3: 40 %, PG 4: 30 %, PG 5: 15 % (die Kreisdaten nennen keine Verteilung)",
    "heim": "Durchschnitt der Pflegeheime laut Kreisdatei",
}


def quellen(landkreis=None) -> dict[str, str]:
    """Where each default comes from, for this county: `QUELLEN` (which cite the paper) only
    if the county file names it as `referenz:`, else `QUELLEN_OHNE_REFERENZ` over them."""
    if landkreis is None or getattr(landkreis, "referenz", None):
        return QUELLEN
    return {**QUELLEN, **QUELLEN_OHNE_REFERENZ}


BEZEICHNUNGEN: dict[str, str] = {
    "stichtag": "Stichtag",
    "praesenzkraft_stundensatz": "Präsenzkraft-Stundensatz",
    "praesenz_stunden_tag": "Präsenzstunden je Tag (alle WGs)",
    "belegung": "Belegung",
    "wohngruppenzuschlag_anrechnen": "Wohngruppenzuschlag (§ 38a SGB XI) angerechnet",
    "modellprojekt_anteil": "Anteil Modellvorhaben (§ 123 SGB XI) an der Präsenzkraft",
    "geplante_wgs": "geplante WGs eröffnet",
    "plaetze_geplant": "Plätze geplanter WGs ohne Angabe",
    "hzp_anteil": "Anteil der Bewohner mit Hilfe zur Pflege",
    "einkommen_mittel_m": "mittleres Einkommen der Empfänger",
    "einkommen_hoechst_m": "höchstes Einkommen der Empfänger",
    "einkommen_verteilung": "Einkommensverteilung",
    "pflegegrad_verteilung": "Pflegegrade der Empfänger",
    "stufen_verteilung": "Stufe des Leistungszuschlags im Heim",
    "heim": "Vergleichsheim",
    "verweildauer": "Verweildauer (Anteil noch im Platz nach Monaten)",
    "faelle": "Fallliste des Sozialamts",
}


# --- discrete distributions -----------------------------------------------------------------


@dataclass(frozen=True)
class Verteilung:
    """A discrete distribution with exact integer weights (probability = gewicht / Summe)."""

    werte: tuple[int, ...]
    gewichte: tuple[int, ...]

    @property
    def nenner(self) -> int:
        return sum(self.gewichte)

    def werte_array(self) -> np.ndarray:
        return np.array(self.werte, dtype=np.int64)

    def gewichte_array(self) -> np.ndarray:
        return np.array(self.gewichte, dtype=object)

    def wahrscheinlichkeiten(self) -> np.ndarray:
        """Float probabilities, for sampling only."""
        g = np.array(self.gewichte, dtype=np.float64)
        return g / g.sum()

    def mittelwert(self) -> Fraction:
        return Fraction(sum(w * g for w, g in zip(self.werte, self.gewichte)), self.nenner)


def _gekuerzt(werte, gewichte) -> Verteilung:
    """Drop zero weights and divide all weights by their gcd (same distribution, smaller ints)."""
    paare = [(int(w), int(g)) for w, g in zip(werte, gewichte) if g]
    teiler = math.gcd(*(g for _, g in paare)) if paare else 1  # Python ints: weights may exceed int64
    return Verteilung(tuple(w for w, _ in paare), tuple(g // teiler for _, g in paare))


def anteile_verteilung(anteile: Mapping[int, Decimal] | tuple) -> Verteilung:
    """Exact shares (Decimal, summing to 1) -> integer-weighted distribution."""
    return _anteile_verteilung(tuple(sorted(dict(anteile).items())))


@functools.lru_cache(maxsize=256)  # the county model asks for the same distributions on every slider step
def _anteile_verteilung(paare: tuple) -> Verteilung:
    fracs = [Fraction(str(a)) for _, a in paare]
    nenner = math.lcm(*(f.denominator for f in fracs)) if fracs else 1
    return _gekuerzt([k for k, _ in paare], [f.numerator * (nenner // f.denominator) for f in fracs])


@functools.lru_cache(maxsize=64)  # a pure function of ints; Verteilung is immutable
def dreieck_verteilung(hoechst_m: int, mittel_m: int, raster: int = EINKOMMEN_RASTER) -> Verteilung:
    """Triangular distribution on [0, hoechst] with mean `mittel`, discretised on a grid (cents).

    The apex is c = 3 × mittel − hoechst (the mean of a triangle is (0 + c + hoechst) / 3). The
    weights are the triangle's density at the grid points, exact integers; when c lies on the
    grid the discrete mean equals `mittel` exactly (e.g. 1.200 € with 2.750 € and c = 850 €).
    """
    n = hoechst_m // raster
    c = Fraction(3 * mittel_m - hoechst_m, raster)  # apex in grid units
    k = np.arange(n + 1, dtype=object)
    if c == 0:
        gewichte = [n - int(i) for i in k]
    elif c == n:
        gewichte = [int(i) for i in k]
    else:
        a, b = c.numerator, c.denominator  # c = a / b
        # density ∝ x / c left of the apex, (n − x) / (n − c) right of it; common factor a·(n·b − a)/b
        gewichte = [int(i) * (n * b - a) if int(i) * b <= a else (n - int(i)) * a for i in k]
    return _gekuerzt([int(i) * raster for i in k], gewichte)


# --- the scenario ---------------------------------------------------------------------------


def _anteile_tuple(anteile) -> tuple[tuple[int, Decimal], ...]:
    if isinstance(anteile, Mapping):
        anteile = anteile.items()
    return tuple(sorted((int(k), to_decimal(v)) for k, v in anteile))


@dataclass(frozen=True)
class Szenario:
    """All inputs of the county model (cents for amounts, Decimal for shares). Checked on creation.

    praesenzkraft_stundensatz None means: the county file's rate. praesenz_stunden_tag None means:
    each WG's hours from the register, else the former § 13 WTPG standard (under § 13 WTPG the
    standard is a minimum; under the TPQG the scenario's hours apply as given). einkommen_verteilung (cents ->
    share), when given, replaces the triangular distribution from einkommen_mittel_m/_hoechst_m.
    """

    stichtag: dt.date = dt.date(2023, 1, 1)
    praesenzkraft_stundensatz: int | None = None
    praesenz_stunden_tag: int | None = None
    belegung: Decimal = Decimal(1)
    wohngruppenzuschlag_anrechnen: bool = False
    modellprojekt_anteil: Decimal = Decimal(0)
    geplante_wgs: bool = True
    plaetze_geplant: int = 12
    hzp_anteil: Decimal = Decimal("0.33")
    einkommen_mittel_m: int = 120000
    einkommen_hoechst_m: int = 275000
    einkommen_verteilung: tuple[tuple[int, Decimal], ...] | None = None
    pflegegrad_verteilung: tuple[tuple[int, Decimal], ...] = PFLEGEGRAD_STANDARD
    stufen_verteilung: tuple[tuple[int, Decimal], ...] = STUFEN_STANDARD
    heim: str = "durchschnitt"
    verweildauer: tuple[tuple[int, Decimal], ...] = VERWEILDAUER_STANDARD
    faelle: str | None = None
    #: Finanzplanung only (PROGNOSE_FELDER): yearly rates after the last index value (None = derived from
    #: the observed series, `pflegewg.kreis.prognose.standard_steigerungen`), years to the opening of a
    #: planned WG without a year in the register (counted from the Stichtag's year)
    preissteigerung_heim: Decimal | None = None
    lohnsteigerung_praesenzkraft: Decimal | None = None
    eroeffnung_geplant_ohne_jahr: int = 2

    def __post_init__(self):
        setze = lambda name, wert: object.__setattr__(self, name, wert)  # noqa: E731 (frozen)
        setze("stichtag", parse_stichtag(self.stichtag))
        for name in ("belegung", "modellprojekt_anteil", "hzp_anteil"):
            setze(name, _anteil(name, getattr(self, name), links_offen=name == "belegung"))
        for name in ("pflegegrad_verteilung", "stufen_verteilung"):
            setze(name, _anteile_tuple(getattr(self, name)))
        if self.einkommen_verteilung is not None:
            setze("einkommen_verteilung", _anteile_tuple(self.einkommen_verteilung))
        setze("verweildauer", Verweildauer(_anteile_tuple(self.verweildauer)).punkte)
        if self.faelle is not None:
            setze("faelle", str(self.faelle))
            fallverteilungen(self.faelle)  # read and checked now: a bad list is an input error
        for name in ("preissteigerung_heim", "lohnsteigerung_praesenzkraft"):
            if getattr(self, name) is not None:
                setze(name, _steigerung(name, getattr(self, name)))
        pruefe_szenario(self)

    # derived inputs
    def stundensatz(self, landkreis) -> int:
        """Präsenzkraft rate in cents per hour: the scenario's, else the county file's."""
        return landkreis.praesenzkraft_stundensatz if self.praesenzkraft_stundensatz is None else self.praesenzkraft_stundensatz

    def einkommen(self) -> Verteilung:
        """Income of the HzP recipients (cents) as an exact discrete distribution."""
        if self.faelle is not None:
            return _zaehl_verteilung(fallverteilungen(self.faelle)["einkommen"])
        if self.einkommen_verteilung is not None:
            return anteile_verteilung(self.einkommen_verteilung)
        return dreieck_verteilung(self.einkommen_hoechst_m, self.einkommen_mittel_m)

    def pflegegrade(self) -> Verteilung:
        if self.faelle is not None:
            return _zaehl_verteilung(fallverteilungen(self.faelle)["pflegegrad"])
        return anteile_verteilung(self.pflegegrad_verteilung)

    def stufen(self) -> Verteilung:
        if self.faelle is not None and fallverteilungen(self.faelle)["stufe"]:
            return _zaehl_verteilung(fallverteilungen(self.faelle)["stufe"])
        return anteile_verteilung(self.stufen_verteilung)


def _zaehl_verteilung(paare) -> Verteilung:
    return _gekuerzt([w for w, _ in paare], [c for _, c in paare])


def fallverteilungen(pfad: str) -> dict:
    """Counts of income, Pflegegrad and tier of a case list (cached per file and modification
    time); EingabeFehler if the list is missing, empty or has bad rows (the first one named)."""
    p = Path(pfad)
    if not p.is_file():
        raise EingabeFehler(f"faelle: Datei {p} nicht gefunden")
    return _fallverteilungen(str(p.resolve()), p.stat().st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _fallverteilungen(pfad: str, _mtime: int) -> dict:
    from ..modell.faelle import lese_faelle, verteilungen

    try:
        liste = lese_faelle(pfad, wg_pruefen=False)
    except ParameterDateiFehler as exc:
        raise EingabeFehler(f"faelle: {exc}") from None
    if liste.fehler:
        raise EingabeFehler(f"faelle: {liste.fehler[0][1]} ({len(liste.fehler)} fehlerhafte Zeilen; pflegewg faelle --datei … listet alle)")
    if not len(liste):
        raise EingabeFehler(f"faelle: {liste.datei} enthält keinen Fall (erlaubt: mindestens eine Zeile)")
    return verteilungen(liste)


def _bool(name: str, wert) -> bool:
    if isinstance(wert, bool):
        return wert
    if isinstance(wert, str) and wert.strip().lower() in ("ja", "nein"):
        return wert.strip().lower() == "ja"
    raise EingabeFehler(f"{name}: {wert!r} nicht erlaubt (erlaubt: ja/nein, true/false)")


def _anteil(name: str, wert, links_offen: bool = False) -> Decimal:
    try:
        d = to_decimal(wert)
    except Exception:
        d = None
    if isinstance(wert, bool) or d is None or not d.is_finite():
        raise EingabeFehler(f"{name}: {kurz(wert)} ist keine Zahl (erlaubt: {'über 0' if links_offen else '0'} bis 1)")
    _pruefe_stellen(name, d)
    if not (Decimal(0) < d if links_offen else Decimal(0) <= d) or d > 1:
        raise EingabeFehler(f"{name}: {wert} nicht erlaubt (erlaubt: {'über 0' if links_offen else '0'} bis 1)")
    return d


def _pruefe_stellen(name: str, d: Decimal) -> None:
    """At most STELLEN_HOECHST decimal places: Excel's 17 digits pass, 1e-999999 does not (it
    would make the exact arithmetic unbounded and the sum check of shares inexact)."""
    if d.is_finite() and -d.as_tuple().exponent > STELLEN_HOECHST:
        raise EingabeFehler(f"{name}: {kurz(d)} hat mehr als {STELLEN_HOECHST} Nachkommastellen (erlaubt: höchstens {STELLEN_HOECHST})")


def _steigerung(name: str, wert) -> Decimal:
    """A yearly growth rate as an exact Decimal share within STEIGERUNG_BEREICH."""
    unten, oben = STEIGERUNG_BEREICH
    bereich = f"erlaubt: {unten} bis {oben} als Anteil je Jahr, z. B. 0.03 = 3 %; leer = aus den beobachteten Reihen"
    try:
        d = None if isinstance(wert, bool) else to_decimal(wert)
    except Exception:
        d = None
    if d is None or not d.is_finite():
        raise EingabeFehler(f"{name}: {wert!r} ist keine Zahl ({bereich})")
    if not unten <= d <= oben:
        raise EingabeFehler(f"{name}: {wert} nicht erlaubt ({bereich})")
    return d


def _pruefe_anteile(name: str, paare, schluessel: tuple[int, ...] | None) -> None:
    erlaubt = f"Schlüssel {', '.join(map(str, schluessel))}, " if schluessel else ""
    bereich = f"{erlaubt}Anteile 0 bis 1, Summe genau 1"
    if not paare:
        raise EingabeFehler(f"{name}: leer (erlaubt: {bereich})")
    for k, a in paare:
        if schluessel is not None and k not in schluessel:
            raise EingabeFehler(f"{name}: Schlüssel {k} nicht erlaubt (erlaubt: {bereich})")
        if not (isinstance(a, Decimal) and a.is_finite() and Decimal(0) <= a <= Decimal(1)):
            raise EingabeFehler(f"{name}: Anteil {kurz(a)} für {k} nicht erlaubt (erlaubt: {bereich})")
        _pruefe_stellen(f"{name}: Anteil für {k}", a)
    summe = sum(a for _, a in paare)
    if summe != 1:
        raise EingabeFehler(f"{name}: Summe der Anteile {summe} (erlaubt: {bereich})")


def einkommen_mittel_bereich(hoechst_m: int) -> tuple[int, int]:
    """Allowed mean income for the triangular distribution on [0, hoechst]: hoechst/3 to 2·hoechst/3 (cents)."""
    return -(-hoechst_m // 3), (2 * hoechst_m) // 3


def _betrag_text(cent) -> str:
    """A cent amount for an error message in euros (or as given, if it is not an integer)."""
    return euro(cent) if isinstance(cent, (int, np.integer)) and not isinstance(cent, bool) else repr(cent)


def pruefe_szenario(s: Szenario) -> None:
    """Range checks of every input; EingabeFehler names the key and the allowed range."""
    params = load_parameters(s.stichtag)
    if s.praesenzkraft_stundensatz is not None:
        satz = s.praesenzkraft_stundensatz
        if isinstance(satz, bool) or not isinstance(satz, (int, np.integer)) or not 0 <= satz <= STUNDENSATZ_HOECHST:
            raise EingabeFehler(
                f"praesenzkraft_stundensatz: {_betrag_text(satz)} je Stunde nicht erlaubt "
                f"(erlaubt: 0 bis {euro(STUNDENSATZ_HOECHST)} je Stunde)"
            )
    if s.praesenz_stunden_tag is not None and (
            isinstance(s.praesenz_stunden_tag, bool) or not isinstance(s.praesenz_stunden_tag, (int, np.integer))
            or not 0 <= s.praesenz_stunden_tag <= 48):
        raise EingabeFehler(f"praesenz_stunden_tag: {s.praesenz_stunden_tag!r} nicht erlaubt (erlaubt: 0 bis 48 Stunden je Tag, leer = laut Register)")
    _anteil("belegung", s.belegung, links_offen=True)
    for name in ("wohngruppenzuschlag_anrechnen", "geplante_wgs"):
        if not isinstance(getattr(s, name), bool):
            raise EingabeFehler(f"{name}: {getattr(s, name)!r} nicht erlaubt (erlaubt: ja/nein, true/false)")
    hoechst = int(params.hoechstzahl_bewohner)
    if isinstance(s.plaetze_geplant, bool) or not isinstance(s.plaetze_geplant, (int, np.integer)) or not 1 <= s.plaetze_geplant <= hoechst:
        raise EingabeFehler(f"plaetze_geplant: {s.plaetze_geplant!r} nicht erlaubt (erlaubt: 1 bis {hoechst}, § 4 Abs. 2 WTPG)")
    if not (isinstance(s.einkommen_hoechst_m, (int, np.integer)) and 0 < s.einkommen_hoechst_m <= EINKOMMEN_HOECHST_GRENZE
            and s.einkommen_hoechst_m % EINKOMMEN_RASTER == 0):
        raise EingabeFehler(
            f"einkommen_hoechst_m: {_betrag_text(s.einkommen_hoechst_m)} nicht erlaubt (erlaubt: {euro(EINKOMMEN_RASTER)} bis "
            f"{euro(EINKOMMEN_HOECHST_GRENZE)} in Schritten von {euro(EINKOMMEN_RASTER)})"
        )
    unten, oben = einkommen_mittel_bereich(s.einkommen_hoechst_m)
    if not (isinstance(s.einkommen_mittel_m, (int, np.integer)) and unten <= s.einkommen_mittel_m <= oben):
        raise EingabeFehler(
            f"einkommen_mittel_m: {_betrag_text(s.einkommen_mittel_m)} nicht erlaubt (erlaubt bei Höchsteinkommen "
            f"{euro(s.einkommen_hoechst_m)}: {euro(unten)} bis {euro(oben)}, ein bis zwei Drittel des Höchsteinkommens)"
        )
    if s.einkommen_verteilung is not None:
        _pruefe_anteile("einkommen_verteilung", s.einkommen_verteilung, None)
        for k, _ in s.einkommen_verteilung:
            if not 0 <= k <= EINKOMMEN_HOECHST_GRENZE:
                raise EingabeFehler(f"einkommen_verteilung: Einkommen {euro(k)} nicht erlaubt (erlaubt: 0 bis {euro(EINKOMMEN_HOECHST_GRENZE)})")
    _pruefe_anteile("pflegegrad_verteilung", s.pflegegrad_verteilung, PFLEGEGRADE)
    _pruefe_anteile("stufen_verteilung", s.stufen_verteilung, STUFEN)
    if s.heim not in HEIME:
        raise EingabeFehler(f"heim: {kurz(s.heim)} nicht erlaubt (erlaubt: {', '.join(HEIME)})")
    j = s.eroeffnung_geplant_ohne_jahr
    if isinstance(j, bool) or not isinstance(j, (int, np.integer)) or not 0 <= j <= EROEFFNUNG_HOECHST_JAHRE:
        raise EingabeFehler(f"eroeffnung_geplant_ohne_jahr: {j!r} nicht erlaubt "
                            f"(erlaubt: 0 bis {EROEFFNUNG_HOECHST_JAHRE} Jahre nach dem Jahr des Stichtags)")


# --- YAML -----------------------------------------------------------------------------------

#: the inputs of one county year (`kreis`); the scenario file may also hold PROGNOSE_FELDER
FELDER = tuple(f.name for f in dataclasses.fields(Szenario) if f.name not in PROGNOSE_FELDER)
SCHLUESSEL = FELDER + PROGNOSE_FELDER
_BETRAEGE = ("praesenzkraft_stundensatz", "einkommen_mittel_m", "einkommen_hoechst_m")


def _cent(name: str, wert) -> int:
    if isinstance(wert, bool) or not isinstance(wert, (int, Decimal, float, str)):
        raise EingabeFehler(f"{name}: {wert!r} ist kein Betrag in Euro (z. B. 22.50)")
    try:
        d = to_decimal(wert)
        if d.is_finite() and -d.as_tuple().exponent == 3:  # 1.200 meant as 1.200 € (German thousands point)
            raise EingabeFehler(f"Betrag {kurz(wert)} hat drei Nachkommastellen – Tausenderpunkt? 1.200 € als 1200 schreiben")
        return _one_as_cents(wert)
    except EingabeFehler as exc:
        raise EingabeFehler(f"{name}: {exc} (erlaubt: Euro mit höchstens zwei Nachkommastellen)") from None
    except ArithmeticError:
        raise EingabeFehler(f"{name}: {kurz(wert)} ist kein Betrag in Euro (z. B. 22.50)") from None


def szenario_aus_dict(daten: Mapping | None, basis: Szenario | None = None, ordner: Path | None = None) -> Szenario:
    """A Szenario from a mapping in file units (euros, shares); missing keys keep `basis`/defaults.
    `ordner`: the scenario file's folder (a case list `faelle:` is relative to it)."""
    daten = dict(daten or {})
    for key in daten:
        if key not in SCHLUESSEL:
            raise EingabeFehler(f"szenario: unbekannter Schlüssel {key!r} (erlaubt: {', '.join(SCHLUESSEL)})")
    werte = {}
    for key, wert in daten.items():
        if key in _BETRAEGE:
            werte[key] = None if (key == "praesenzkraft_stundensatz" and wert is None) else _cent(key, wert)
        elif key in ("wohngruppenzuschlag_anrechnen", "geplante_wgs"):
            werte[key] = _bool(key, wert)
        elif key in ("pflegegrad_verteilung", "stufen_verteilung", "einkommen_verteilung"):
            if wert is None and key == "einkommen_verteilung":
                werte[key] = None
                continue
            if not isinstance(wert, Mapping):
                raise EingabeFehler(f"{key}: erwartet eine Zuordnung Wert -> Anteil, z. B. {{2: 0.5, 3: 0.5}}")
            if key == "einkommen_verteilung":
                werte[key] = tuple((_cent(f"{key} (Einkommen)", k), _anteil_roh(key, v)) for k, v in wert.items())
            else:
                werte[key] = tuple((_schluessel(key, k), _anteil_roh(key, v)) for k, v in wert.items())
        elif key == "praesenz_stunden_tag":
            if wert is not None and (isinstance(wert, bool) or not isinstance(wert, int)):
                raise EingabeFehler(f"praesenz_stunden_tag: {wert!r} ist keine ganze Zahl (erlaubt: 0 bis 48 Stunden je Tag)")
            werte[key] = wert
        elif key in ("preissteigerung_heim", "lohnsteigerung_praesenzkraft"):
            werte[key] = None if wert is None else _steigerung(key, wert)
        elif key == "eroeffnung_geplant_ohne_jahr":
            if isinstance(wert, bool) or not isinstance(wert, int):
                raise EingabeFehler(f"{key}: {wert!r} ist keine ganze Zahl "
                                    f"(erlaubt: 0 bis {EROEFFNUNG_HOECHST_JAHRE} Jahre nach dem Jahr des Stichtags)")
            werte[key] = wert
        elif key == "plaetze_geplant":
            if isinstance(wert, bool) or not isinstance(wert, int):
                raise EingabeFehler(f"plaetze_geplant: {wert!r} ist keine ganze Zahl (erlaubt: 1 bis 12)")
            werte[key] = wert
        elif key == "heim":
            werte[key] = str(wert)
        elif key == "verweildauer":
            if not isinstance(wert, Mapping):
                raise EingabeFehler("verweildauer: erwartet eine Zuordnung Monat -> Anteil noch im Platz, z. B. {12: 0.55, 120: 0}")
            werte[key] = tuple((_schluessel(key, k), _anteil_roh(key, v)) for k, v in wert.items())
        elif key == "faelle":
            if wert is not None and (not isinstance(wert, str) or not wert.strip()):
                raise EingabeFehler(f"faelle: {kurz(wert)} nicht erlaubt (erlaubt: Dateiname einer Fallliste .csv/.xlsx, relativ zur Szenariodatei)")
            werte[key] = None if wert is None else str((ordner or Path.cwd()) / wert)
        else:
            werte[key] = wert
    if daten.get("faelle") is not None and ({"einkommen_verteilung", "einkommen_mittel_m", "einkommen_hoechst_m",
                                             "pflegegrad_verteilung", "stufen_verteilung"} & daten.keys()):
        raise EingabeFehler("faelle: nicht zusammen mit einkommen_*, pflegegrad_verteilung oder stufen_verteilung "
                            "(die Fallliste ersetzt sie; entweder – oder)")
    if "einkommen_verteilung" in daten and ({"einkommen_mittel_m", "einkommen_hoechst_m"} & daten.keys()):
        raise EingabeFehler("einkommen_verteilung: nicht zusammen mit einkommen_mittel_m/einkommen_hoechst_m (entweder – oder)")
    return dataclasses.replace(basis or Szenario(), **werte)


def _schluessel(name: str, k) -> int:
    if isinstance(k, bool) or not isinstance(k, int):
        raise EingabeFehler(f"{name}: Schlüssel {k!r} ist keine ganze Zahl")
    return k


def _anteil_roh(name: str, v) -> Decimal:
    if isinstance(v, bool) or not isinstance(v, (int, Decimal, float, str)):
        raise EingabeFehler(f"{name}: Anteil {v!r} ist keine Zahl (erlaubt: 0 bis 1)")
    try:
        return to_decimal(v)
    except Exception:
        raise EingabeFehler(f"{name}: Anteil {v!r} ist keine Zahl (erlaubt: 0 bis 1)") from None


def load_szenario(path: str | Path | None = None, basis: Szenario | None = None) -> Szenario:
    """Read a scenario YAML file (any subset of the keys in SCHLUESSEL); None: the defaults."""
    if path is None:
        return basis or Szenario()
    path = Path(path)
    if not path.is_file():
        raise EingabeFehler(f"szenario: Datei {path} nicht gefunden")
    try:
        daten = load_yaml(path)
    except ParameterDateiFehler as exc:  # syntax, duplicate key, binary, size, .inf/.nan: one line
        raise EingabeFehler(f"szenario: {exc}") from None
    if daten is not None and not isinstance(daten, Mapping):
        raise EingabeFehler(f"szenario: {path.name} muss eine Zuordnung Schlüssel: Wert sein")
    return szenario_aus_dict(daten, basis, path.parent)


# --- output ---------------------------------------------------------------------------------


def anteil_json(d: Decimal):
    """A share for JSON: int if whole, else float (repr round-trips the decimal as written)."""
    return int(d) if d == d.to_integral_value() else float(d)


def szenario_dict(s: Szenario, landkreis) -> dict:
    """The inputs used, in file units (euros as Decimal, shares as numbers): for JSON and reports."""
    verteilung = (
        None if s.einkommen_verteilung is None
        else {str(cents_to_decimal(k)): anteil_json(a) for k, a in s.einkommen_verteilung}
    )
    return {
        "stichtag": s.stichtag.isoformat(),
        "praesenzkraft_stundensatz": cents_to_decimal(s.stundensatz(landkreis)),
        "praesenz_stunden_tag": s.praesenz_stunden_tag,
        "belegung": anteil_json(s.belegung),
        "wohngruppenzuschlag_anrechnen": s.wohngruppenzuschlag_anrechnen,
        "modellprojekt_anteil": anteil_json(s.modellprojekt_anteil),
        "geplante_wgs": s.geplante_wgs,
        "plaetze_geplant": s.plaetze_geplant,
        "hzp_anteil": anteil_json(s.hzp_anteil),
        "einkommen_mittel_m": cents_to_decimal(s.einkommen_mittel_m),
        "einkommen_hoechst_m": cents_to_decimal(s.einkommen_hoechst_m),
        "einkommen_verteilung": verteilung,
        "pflegegrad_verteilung": {str(k): anteil_json(a) for k, a in s.pflegegrad_verteilung},
        "stufen_verteilung": {str(k): anteil_json(a) for k, a in s.stufen_verteilung},
        "heim": s.heim,
        "verweildauer": {str(m): anteil_json(a) for m, a in s.verweildauer},
        "faelle": s.faelle,
    }


def _anteile_text(paare, praefix: str) -> str:
    return ", ".join(f"{praefix}{k}: {prozent(a)}" for k, a in paare)


def szenario_texte(s: Szenario, landkreis) -> dict[str, str]:
    """Each input as German text (for tables in the CLI, explorer and report)."""
    ja = lambda b: "ja" if b else "nein"  # noqa: E731
    einkommen = (
        ", ".join(f"{euro(k)}: {prozent(a)}" for k, a in s.einkommen_verteilung)
        if s.einkommen_verteilung is not None
        else f"Dreieck 0 bis {euro(s.einkommen_hoechst_m)}, Mittel {euro(s.einkommen_mittel_m)}"
    )
    return {
        "stichtag": s.stichtag.strftime("%d.%m.%Y"),
        "praesenzkraft_stundensatz": f"{euro(s.stundensatz(landkreis))} je Stunde",
        "praesenz_stunden_tag": "laut Register, sonst Standard § 13 WTPG" if s.praesenz_stunden_tag is None
        else f"{s.praesenz_stunden_tag} Std. je Tag",
        "belegung": prozent(s.belegung, 1 if (s.belegung * 100) % 1 else 0),
        "wohngruppenzuschlag_anrechnen": ja(s.wohngruppenzuschlag_anrechnen),
        "modellprojekt_anteil": prozent(s.modellprojekt_anteil),
        "geplante_wgs": ja(s.geplante_wgs),
        "plaetze_geplant": str(s.plaetze_geplant),
        "hzp_anteil": prozent(s.hzp_anteil),
        "einkommen_mittel_m": euro(s.einkommen_mittel_m),
        "einkommen_hoechst_m": euro(s.einkommen_hoechst_m),
        "einkommen_verteilung": "aus der Fallliste" if s.faelle else einkommen,
        "pflegegrad_verteilung": "aus der Fallliste" if s.faelle else _anteile_text(s.pflegegrad_verteilung, "PG "),
        "stufen_verteilung": "aus der Fallliste (Heimbewohner)" if s.faelle and fallverteilungen(s.faelle)["stufe"]
        else _anteile_text(s.stufen_verteilung, "Stufe "),
        "heim": landkreis.heim(s.heim).bezeichnung,
        "verweildauer": ", ".join(f"{m} Mon.: {prozent(a)}" for m, a in s.verweildauer),
        "faelle": "keine (Annahmen)" if s.faelle is None else f"{Path(s.faelle).name} ({_faelle_anzahl(s.faelle)} Fälle)",
    }


def _faelle_anzahl(pfad: str) -> int:
    return sum(c for _, c in fallverteilungen(pfad)["pflegegrad"])


def szenario_tabelle(s: Szenario, landkreis):
    """DataFrame: one row per input with German label, value used, default and source/ANNAHME."""
    import pandas as pd

    texte = szenario_texte(s, landkreis)
    standard = szenario_texte(Szenario(stichtag=s.stichtag), landkreis)
    return pd.DataFrame(
        {
            "Eingabe": [BEZEICHNUNGEN[k] for k in FELDER],
            "Wert": [texte[k] for k in FELDER],
            "Standard": [standard[k] for k in FELDER],
            "Quelle": [quellen(landkreis)[k] for k in FELDER],
        },
        index=list(FELDER),
    )


def pflegegrad_verteilung_mit_anteil_pg45(anteil_pg45) -> tuple[tuple[int, Decimal], ...]:
    """The default Pflegegrad mix rescaled so that PG 4 and 5 together have `anteil_pg45`.

    Within PG 2/3 and within PG 4/5 the default ratios are kept (for sliders and the tornado);
    shares are rounded to six decimals and PG 5 takes the remainder, so they sum to exactly 1.
    """
    a = _anteil("anteil_pg45", anteil_pg45)
    std = dict(PFLEGEGRAD_STANDARD)
    s23, s45 = std[2] + std[3], std[4] + std[5]
    roh = {2: (1 - a) * std[2] / s23, 3: (1 - a) * std[3] / s23, 4: a * std[4] / s45, 5: a * std[5] / s45}
    werte = {k: v.quantize(Decimal("0.000001")) for k, v in roh.items()}
    werte[5] = 1 - werte[2] - werte[3] - werte[4]
    return tuple(sorted(werte.items()))
