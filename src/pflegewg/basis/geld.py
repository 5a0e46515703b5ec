"""Exact money arithmetic: integer cents in numpy int64, half-up rounding.

Every amount that the model shows is an integer number of cents. Rates (Leistungszuschlag,
Einsatzquote, Barbetrag share) are exact decimals and are applied as integer fractions, so
no binary float ever touches a shown number.
"""
from __future__ import annotations

import math
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
    except InvalidOperation:
        d = None
    if d is None or not d.is_finite():
        raise EingabeFehler(f"Betrag {str(value)[:40]!r} ist keine Zahl")
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


# --- exact products and quotients -------------------------------------------------------------
#
# The fast path is numpy int64. A product of cents and the numerator of a rate with 15–17
# significant digits (Excel's 0.333333333333333, 365/12 = 30.4166666666667) no longer fits in
# int64 and would wrap around silently. So every product first bounds its result from the
# factors' largest absolute values (two reductions, no temporary array): when the bound is below
# 2**62 the int64 path runs unchanged; otherwise the same formula runs on Python integers
# (numpy object arrays), which cannot overflow. The file readers cap the precision they accept
# (`STELLEN_HOECHST` decimal places), so the slow path stays small and fast enough.

#: products at or above this bound take the Python-integer path (headroom for 2·|x| + d)
_GRENZE = 2**62


def _betrag_max(x) -> int:
    """max |x| over a scalar or an array of integers (int64 or object), as a Python int."""
    a = np.asarray(x)
    if a.size == 0:
        return 0
    return max(abs(int(a.max())), abs(int(a.min())))


def _als_int(x) -> np.ndarray:
    """An integer scalar or array as int64 if it fits, else as an object array of Python ints."""
    a = np.asarray(x)  # a Python int in [2**63, 2**64) becomes uint64 here: never cast that blindly
    if a.dtype.kind == "i":
        return a.astype(np.int64, copy=False)
    return a.astype(np.int64) if _betrag_max(a) < 2**63 else a.astype(object)


def passt_in_int64(*faktoren) -> bool:
    """True if every product of the factors' elements surely fits in int64 (with headroom)."""
    grenze = 1
    for f in faktoren:
        grenze *= _betrag_max(f)
    return grenze < _GRENZE


def exakt_produkt(*faktoren) -> np.ndarray:
    """Product of integer columns/scalars, exact: int64 when it surely fits, else Python ints."""
    if passt_in_int64(*faktoren):
        ergebnis = np.int64(1)
        for f in faktoren:
            ergebnis = ergebnis * np.asarray(f, dtype=np.int64)
        return ergebnis
    ergebnis = np.asarray(1, dtype=object)
    for f in faktoren:
        ergebnis = ergebnis * np.asarray(f).astype(object)
    return ergebnis


def _cent_int64(x) -> np.ndarray:
    """Result cents back to int64 (a shown amount always fits; else a clear error, never a wrap)."""
    a = np.asarray(x)
    if a.dtype.kind != "O":
        return a
    if a.size and _betrag_max(a) >= 2**63:
        raise EingabeFehler("Ergebnis zu groß für die Rechnung in Cent (Eingaben außerhalb jedes plausiblen Bereichs)")
    return a.astype(np.int64)


def div_half_up(numerator, denominator) -> np.ndarray:
    """numerator / denominator rounded half-up (ties away from zero), integer arithmetic, exact.

    int64 when 2·|numerator| + denominator fits, else on Python integers (see above).
    """
    num = _als_int(numerator)
    den = _als_int(denominator)
    if num.dtype.kind != "O" and den.dtype.kind != "O" and 2 * _betrag_max(num) + _betrag_max(den) < 2**63:
        sign = np.where(num < 0, -1, 1)
        result = sign * ((np.abs(num) * 2 + den) // (2 * den))
        return result if np.ndim(result) else np.int64(result)
    num, den = num.astype(object), den.astype(object)
    sign = np.where(num < 0, -1, 1).astype(object)
    result = _cent_int64(sign * ((np.abs(num) * 2 + den) // (2 * den)))
    return result if np.ndim(result) else np.int64(result)


def mul_div_half_up(a, b, nenner) -> np.ndarray:
    """a × b / nenner, half-up to whole cents, exact for any integers (int64 fast path)."""
    a, b, den = _als_int(a), _als_int(b), _als_int(nenner)
    if "O" not in (a.dtype.kind, b.dtype.kind, den.dtype.kind) and (
        2 * _betrag_max(a) * _betrag_max(b) + _betrag_max(den) < 2**63
    ):  # one bound for the product and the half-up step: no second pass over the column
        num = a * b
        result = np.where(num < 0, -1, 1) * ((np.abs(num) * 2 + den) // (2 * den))
        return result if np.ndim(result) else np.int64(result)
    return div_half_up(exakt_produkt(a, b), den)


def mul_rate_half_up(cents, rate) -> np.ndarray:
    """cents × rate, rounded half-up to whole cents (exact for any decimal rate).

    `rate` is a scalar or an array of Decimals/Fractions (brought to one common denominator).
    """
    if np.ndim(rate) == 0:
        num, den = ratio(rate)
    else:
        num, den = common_ratio(rate)
    return mul_div_half_up(_als_int(cents), num, den)


def common_ratio(rates) -> tuple[np.ndarray, int]:
    """An array of exact rates as (numerators, one common denominator).

    Numerators are int64 when they fit, else Python ints (object array); the denominator is a
    Python int. Callers multiply with `exakt_produkt`/`mul_div_half_up`, never plain `*`.
    """
    rates = np.asarray(rates, dtype=object)
    fracs = [Fraction(str(r)) if not isinstance(r, Fraction) else r for r in rates.ravel().tolist()]
    den = math.lcm(*(f.denominator for f in fracs)) if fracs else 1
    nums = _als_int(np.array([f.numerator * (den // f.denominator) for f in fracs], dtype=object))
    return nums.reshape(rates.shape), int(den)
