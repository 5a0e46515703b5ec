"""Aufenthalt: the county's expected cumulative cost of one placement over a whole stay.

In the home the Leistungszuschlag (§ 43c SGB XI) rises after 12, 24 and 36 months, so the
county's monthly share falls; in the WG nothing falls. A placement's expected cost weights each
month of the stay with the probability that the stay still lasts in it (a survival curve of
the stay, `Verweildauer`, ANNAHME unless the county has its own), month m with S(m − 1): a month
that has begun counts in full (§ 43c Abs. 1 S. 3 SGB XI counts begun months too).

Law and prices are those of the Stichtag for every month (no projection of later changes of law
or prices); the monthly costs are the Vollkosten (`modell.vollkosten`) with the chosen options.
Exact: weights are Fractions, each cumulative amount is rounded half-up to cents once; the
cumulative Mehrkosten are WG minus home of the rounded amounts.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import numpy as np

from ..basis.geld import EingabeFehler
from ..recht import sgb_xi
from ..recht.parameter import Parameterset
from .landkreis import Landkreisdaten
from .vollkosten import Optionen, vollkosten

#: ANNAHME: share of placements still lasting at the end of month m (S(0) = 1; linear in between).
VERWEILDAUER_STANDARD = ((3, Decimal("0.80")), (12, Decimal("0.55")), (24, Decimal("0.38")), (36, Decimal("0.26")),
                         (60, Decimal("0.10")), (120, Decimal(0)))
VERWEILDAUER_QUELLE = (
    "ANNAHME: Überlebenskurve des Aufenthalts (am Ende von Monat 3 / 12 / 24 / 36 / 60 / 120 noch "
    "80 / 55 / 38 / 26 / 10 / 0 %, dazwischen linear; mittlere Dauer rund 26 Monate), angelehnt an die "
    "Größenordnung der Verweildauer in Pflegeheimen in der Literatur (im Mittel rund zwei Jahre, ein großer "
    "Teil endet im ersten Jahr, meist durch Tod); für WG und Heim gleich angenommen. Durch die eigene "
    "Verweildauer der Fälle des Kreises ersetzen (Szenario, Schlüssel verweildauer)."
)
#: the longest horizon (months) a stay is computed over
MONATE_HOECHST = 600


@dataclass(frozen=True)
class Verweildauer:
    """Survival curve of a stay: points (month, share still there at its end), S(0) = 1, linear in
    between, 0 after the last point. Shares fall (never rise) and the last one is 0."""

    punkte: tuple[tuple[int, Decimal], ...] = VERWEILDAUER_STANDARD
    quelle: str = VERWEILDAUER_QUELLE

    def __post_init__(self):
        punkte = tuple(sorted((int(m), Decimal(str(a))) for m, a in dict(self.punkte).items()))
        object.__setattr__(self, "punkte", punkte)
        bereich = "Monate 1 bis 600 aufsteigend, Anteile 1 bis 0 fallend, letzter Anteil 0"
        vorher = Decimal(1)
        for m, a in punkte:
            if not 1 <= m <= MONATE_HOECHST or not a.is_finite() or not Decimal(0) <= a <= vorher:
                raise EingabeFehler(f"verweildauer: Monat {m}: Anteil {a} nicht erlaubt (erlaubt: {bereich})")
            vorher = a
        if not punkte or punkte[-1][1] != 0:
            raise EingabeFehler(f"verweildauer: der letzte Anteil muss 0 sein (erlaubt: {bereich})")

    @property
    def ende(self) -> int:
        """The month after which no stay lasts."""
        return self.punkte[-1][0]

    def ueberleben(self, monate: int) -> list[Fraction]:
        """S(0), S(1), …, S(monate): exact shares still there at the end of each month."""
        stuetz = [(0, Fraction(1))] + [(m, Fraction(a)) for m, a in self.punkte]
        werte = []
        for t in range(monate + 1):
            if t >= stuetz[-1][0]:
                werte.append(stuetz[-1][1])
                continue
            for (m0, a0), (m1, a1) in zip(stuetz, stuetz[1:]):
                if m0 <= t <= m1:
                    werte.append(a0 + (a1 - a0) * Fraction(t - m0, m1 - m0))
                    break
        return werte

    def mittlere_dauer(self) -> Fraction:
        """Expected number of months of a stay (begun months counted): Σ S(m − 1)."""
        return sum(self.ueberleben(self.ende)[:-1], Fraction(0))


def _half_up(x: Fraction) -> int:
    n, d = x.numerator, x.denominator
    return (1 if n >= 0 else -1) * ((2 * abs(n) + d) // (2 * d))


@dataclass(frozen=True)
class Aufenthalt:
    """Per month of a stay: tier, weight, monthly cost and the expected cumulative cost (cents)."""

    monat: np.ndarray
    stufe: np.ndarray
    gewicht: tuple[Fraction, ...]
    heim_m: np.ndarray
    wg_m: np.ndarray
    heim_kumuliert: np.ndarray
    wg_kumuliert: np.ndarray
    mehrkosten_kumuliert: np.ndarray
    verweildauer: Verweildauer

    @property
    def erwartet(self) -> dict[str, int]:
        """Expected cost per placement over the horizon (the last cumulative values), cents."""
        return {"heim": int(self.heim_kumuliert[-1]), "wg": int(self.wg_kumuliert[-1]),
                "mehrkosten": int(self.mehrkosten_kumuliert[-1])}

    @property
    def wendemonat(self) -> int | None:
        """The first month in which the cumulative Mehrkosten change sign (None if they never do)."""
        letztes = 0
        for monat, v in zip(self.monat.tolist(), np.sign(self.mehrkosten_kumuliert).tolist()):
            if v == 0:
                continue
            if letztes and v != letztes:
                return int(monat)
            letztes = v
        return None


def aufenthalt(einkommen_m: int, pflegegrad: int, params: Parameterset, landkreis: Landkreisdaten,
               monate: int | None = None, verweildauer: Verweildauer | None = None, heim: str = "durchschnitt",
               bewohner=None, optionen: Optionen | None = None) -> Aufenthalt:
    """Expected cumulative county cost of one placement, WG vs. home, month by month (cents).

    monate: horizon (default: the survival curve's end, i.e. the whole stay); month m of the stay
    is in Leistungszuschlag tier `leistungszuschlag_stufe(m)` (§ 43c Abs. 1 SGB XI) and weighs S(m − 1).
    """
    v = verweildauer or Verweildauer()
    monate = v.ende if monate is None else monate
    if isinstance(monate, bool) or not isinstance(monate, (int, np.integer)) or not 1 <= monate <= MONATE_HOECHST:
        raise EingabeFehler(f"monate: {monate!r} nicht erlaubt (erlaubt: 1 bis {MONATE_HOECHST})")
    r = vollkosten(einkommen_m, pflegegrad, np.array(sgb_xi.STUFEN), params, landkreis, heim, bewohner, optionen)
    heim_je_stufe = r["kosten_heim_m"]
    wg = int(r["kosten_wg_m"][0])
    monat = np.arange(1, monate + 1, dtype=np.int64)
    stufe = sgb_xi.leistungszuschlag_stufe(monat)
    s = v.ueberleben(monate)
    gewicht = tuple(s[:-1])  # month m weighs S(m − 1)
    heim_m = heim_je_stufe[stufe - 1].astype(np.int64)
    heim_kum, wg_kum = [], []
    h = w = Fraction(0)
    for g, kosten in zip(gewicht, heim_m.tolist()):
        h += g * kosten
        w += g * wg
        heim_kum.append(_half_up(h))
        wg_kum.append(_half_up(w))
    heim_kum = np.array(heim_kum, dtype=np.int64)
    wg_kum = np.array(wg_kum, dtype=np.int64)
    return Aufenthalt(monat, stufe, gewicht, heim_m, np.full(monate, wg, dtype=np.int64), heim_kum, wg_kum,
                      wg_kum - heim_kum, v)
