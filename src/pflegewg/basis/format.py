"""German number formats from exact integer cents (no float, no locale needed)."""
from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from .geld import div_half_up

NBSP = "\u00a0"


def _gruppiert(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def euro(cents, zeichen: bool = True) -> str:
    """1234,56 € from 123456 cents: '1.234,56 €' (German grouping, non-breaking space)."""
    cents = int(cents)
    vorzeichen = "−" if cents < 0 else ""
    ganz, rest = divmod(abs(cents), 100)
    text = f"{vorzeichen}{_gruppiert(ganz)},{rest:02d}"
    return f"{text}{NBSP}€" if zeichen else text


def euro_ganz(cents, zeichen: bool = True) -> str:
    """Whole euros, half-up, as the paper prints them: 202500 -> '2.025 €'."""
    ganz = int(div_half_up(int(cents), 100))
    text = ("−" if ganz < 0 else "") + _gruppiert(abs(ganz))
    return f"{text}{NBSP}€" if zeichen else text


def zahl(wert, stellen: int = 0) -> str:
    """A plain number in German notation: 1234.5 -> '1.234,5'."""
    d = Decimal(str(wert)).quantize(Decimal(1).scaleb(-stellen)) if stellen else Decimal(str(wert)).quantize(Decimal(1))
    ganz, _, nach = f"{abs(d):f}".partition(".")
    text = ("−" if d < 0 else "") + _gruppiert(int(ganz)) + ("," + nach if nach else "")
    return text


def prozent(anteil, stellen: int = 0) -> str:
    """0.9 -> '90 %'."""
    return f"{zahl(Decimal(str(anteil)) * 100, stellen)}{NBSP}%"


def datum(d: dt.date) -> str:
    """2023-02-13 -> '13.02.2023'."""
    return d.strftime("%d.%m.%Y")


def schoene_grenze(wert: float) -> float:
    """The next 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k at or above `wert` (axis limit; stays put
    while a slider moves the data a little, so the explorer can keep the drawn axes)."""
    if wert <= 0:
        return 1.0
    basis = 10.0 ** math.floor(math.log10(wert))
    for stufe in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if stufe * basis >= wert:
            return float(stufe * basis)
    return float(10 * basis)
