"""Exact money arithmetic: integer cents in numpy int64, half-up rounding.

Every amount that the model shows is an integer number of cents. Rates (Leistungszuschlag,
Einsatzquote, Barbetrag share) are exact decimals and are applied as integer fractions, so
no binary float ever touches a shown number.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from fractions import Fraction

import numpy as np

CENT = Decimal("0.01")


class EingabeFehler(ValueError):
    """Bad input: the message names the field and the allowed range."""


def erster_falscher_wert(werte, erlaubt) -> object:
    """The first value of `werte` where the boolean array `erlaubt` is False (for messages)."""
    werte = np.ravel(np.asarray(werte))
    falsch = werte[~np.ravel(np.asarray(erlaubt, dtype=bool))]
    return falsch[0].item() if len(falsch) else None


def pruefe_ganzzahl(name: str, werte, minimum: int, maximum: int | None, bereich: str, grund: str = "") -> np.ndarray:
    """Integer column within [minimum, maximum], else EingabeFehler naming field, value and range."""
    arr = np.asarray(werte)
    if arr.dtype.kind not in "iu":
        if arr.dtype.kind == "f" and np.all(np.mod(arr, 1) == 0):
            arr = arr.astype(np.int64)
        else:
            raise EingabeFehler(f"{name}: {erster_falscher_wert(arr, np.zeros(arr.shape, bool))} ist keine ganze Zahl (erlaubt: {bereich})")
    ok = arr >= minimum if maximum is None else (arr >= minimum) & (arr <= maximum)
    if not np.all(ok):
        raise EingabeFehler(f"{name}: {erster_falscher_wert(arr, ok)} nicht erlaubt (erlaubt: {bereich}){grund}")
    return arr.astype(np.int64)


def as_cents(euro) -> np.ndarray:
    """Euro amounts (Decimal, str, int or an array of them) -> int64 cents, exact.

    Amounts with more than two decimals are an error rather than silently rounded.
    """
    arr = np.asarray(euro, dtype=object) if not isinstance(euro, np.ndarray) else euro
    if isinstance(arr, np.ndarray) and arr.dtype.kind in "iu":
        return arr.astype(np.int64) * 100
    flat = np.ravel(np.asarray(arr, dtype=object))
    out = np.empty(flat.shape, dtype=np.int64)
    for i, value in enumerate(flat):
        out[i] = _one_as_cents(value)
    result = out.reshape(np.shape(arr))
    return result if result.ndim else result[()]


def _one_as_cents(value) -> int:
    if isinstance(value, float):
        value = repr(value)
    try:
        d = Decimal(str(value))
    except InvalidOperation as exc:
        raise EingabeFehler(f"Betrag {value!r} ist keine Zahl") from exc
    cents = d * 100
    if cents != cents.to_integral_value():
        raise EingabeFehler(f"Betrag {value!r} hat mehr als zwei Nachkommastellen")
    return int(cents)


def cents_to_decimal(cents) -> Decimal:
    """One int64 cent value -> Decimal euros with two places."""
    return (Decimal(int(cents)) / 100).quantize(CENT)


def ratio(rate) -> tuple[int, int]:
    """An exact rate (Decimal, int, str, Fraction) as (numerator, denominator)."""
    f = Fraction(str(rate)) if not isinstance(rate, Fraction) else rate
    return f.numerator, f.denominator


def div_half_up(numerator, denominator: int) -> np.ndarray:
    """numerator / denominator rounded half-up (ties away from zero), integer arithmetic."""
    num = np.asarray(numerator, dtype=np.int64)
    sign = np.where(num < 0, -1, 1)
    result = sign * ((np.abs(num) * 2 + denominator) // (2 * denominator))
    return result if np.ndim(result) else np.int64(result)


def mul_rate_half_up(cents, rate) -> np.ndarray:
    """cents × rate, rounded half-up to whole cents (exact for any decimal rate).

    `rate` is a scalar or an array of Decimals/Fractions (brought to one common denominator).
    """
    cents = np.asarray(cents, dtype=np.int64)
    if np.ndim(rate) == 0:
        num, den = ratio(rate)
        return div_half_up(cents * num, den)
    nums, den = common_ratio(rate)
    return div_half_up(cents * nums, den)


def common_ratio(rates) -> tuple[np.ndarray, int]:
    """An array of exact rates as (int64 numerators, one common denominator)."""
    rates = np.asarray(rates, dtype=object)
    fracs = [Fraction(str(r)) for r in rates.ravel().tolist()]
    den = 1
    for f in fracs:
        den = den * f.denominator // np.gcd(den, f.denominator)
    nums = np.array([f.numerator * (den // f.denominator) for f in fracs], dtype=np.int64)
    return nums.reshape(rates.shape), int(den)

