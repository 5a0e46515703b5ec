"""What every subcommand shares: argparse with one-line errors, the argument types, JSON output.

Bad input ends with exit code 2 and one line that names the field and the allowed range.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import re
import sys
from decimal import Decimal, InvalidOperation

from ..recht.parameter import ABDECKUNG_VON, geprueft_bis

EXIT_EINGABE = 2  # bad input: arguments or files

#: help text of every --daten option: county data as YAML or as the workbook of `pflegewg vorlage`
DATEN_HILFE = "Kreisdaten: YAML-Datei oder Excel-Arbeitsmappe (.xlsx, siehe pflegewg vorlage); Standard data/landkreis_konstanz.yaml"
EXIT_LAUF = 1  # a failed run


#: argparse's own texts in German (argparse looks them up with gettext's `_` and `ngettext` at
#: the moment it uses them; `deutsch()` puts these in for that moment). Python 3.11 to 3.13.
ARGPARSE_DEUTSCH = {
    "usage: ": "Aufruf: ",
    "positional arguments": "Argumente",
    "options": "Optionen",
    "optional arguments": "Optionen",
    "show this help message and exit": "diese Hilfe zeigen und beenden",
    "show program's version number and exit": "Version zeigen und beenden",
    "unrecognized arguments: %s": "unbekannte Argumente: %s (erlaubt: die Optionen, die --help nennt)",
    "the following arguments are required: %s": "Pflichtangabe fehlt: %s",
    "one of the arguments %s is required": "eine der Angaben %s ist nötig",
    "expected one argument": "braucht einen Wert",
    "expected at most one argument": "braucht höchstens einen Wert",
    "expected at least one argument": "braucht mindestens einen Wert",
    "not allowed with argument %s": "nicht zusammen mit %s erlaubt",
    "ignored explicit argument %r": "Wert %r nicht erlaubt (die Option hat keinen Wert)",
    "ambiguous option: %(option)s could match %(matches)s": "mehrdeutige Option %(option)s (passt zu %(matches)s)",
    "unexpected option string: %s": "unerwartete Option: %s",
    "invalid %(type)s value: %(value)r": "%(value)r ist kein gültiger Wert",
    "invalid choice: %(value)r (choose from %(choices)s)": "%(value)r nicht erlaubt (erlaubt: %(choices)s)",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "unbekannter Befehl %(parser_name)r (erlaubt: %(choices)s)",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: Fehler: %(message)s\n",
    "can't open '%(filename)s': %(error)s": "'%(filename)s' lässt sich nicht öffnen: %(error)s",
    "subcommands": "Befehle",
}
ARGPARSE_DEUTSCH_N = {("expected %s argument", "expected %s arguments"): ("braucht %s Wert", "braucht %s Werte")}


@contextlib.contextmanager
def deutsch():
    """argparse speaks German inside the block (its gettext hooks `_` and `ngettext` replaced,
    restored afterwards; nested blocks are fine)."""
    alt = argparse._, argparse.ngettext
    argparse._ = lambda text: ARGPARSE_DEUTSCH.get(text, text)
    argparse.ngettext = lambda einzahl, mehrzahl, n: ARGPARSE_DEUTSCH_N.get((einzahl, mehrzahl), (einzahl, mehrzahl))[n != 1]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = alt


class Parser(argparse.ArgumentParser):
    """argparse in German ("Aufruf:", "Optionen:", its messages too), with one-line errors and
    exit code 2."""

    def __init__(self, *args, **kwargs):
        with deutsch():
            super().__init__(*args, **kwargs)

    def add_subparsers(self, **kwargs):
        with deutsch():
            return super().add_subparsers(**kwargs)

    def parse_args(self, args=None, namespace=None):
        with deutsch():
            return super().parse_args(args, namespace)

    def parse_known_args(self, args=None, namespace=None):
        with deutsch():
            return super().parse_known_args(args, namespace)

    def format_usage(self):
        with deutsch():
            return super().format_usage()

    def format_help(self):
        with deutsch():
            return super().format_help()

    def error(self, message):
        message = re.sub(r"^argument ", "", message)
        raise Abbruch(message)


class Abbruch(Exception):
    pass


#: highest monthly income `--einkommen` accepts (the county file's plausible range of a case)
EINKOMMEN_HOECHST = Decimal(20000)


def einkommen(text: str) -> Decimal:
    """--einkommen in euros: 1800, 1800.50, 1800,50 or 1.800,50; refuses the ambiguous 1.200/1,200.

    One separator followed by exactly three digits is a German thousands point or a decimal
    point with three places: rather than silently read 1.200 as 1,20 €, it is refused with a hint.
    """
    t = text.strip().replace("\u00a0", "").replace(" ", "").removesuffix("€")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+,\d{1,2}", t):  # 1.200,50: German with thousands points
        t = t.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d+[.,]\d{3}", t):
        raise argparse.ArgumentTypeError(
            f"{text[:20]!r} ist mehrdeutig (Tausenderpunkt oder drei Nachkommastellen?): "
            f"Euro ohne Tausenderpunkt schreiben, z. B. 1200 oder 1200,50"
        )
    elif "," in t and "." not in t:
        t = t.replace(",", ".")
    try:
        d = Decimal(t)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"{text[:20]!r} ist keine Zahl (erlaubt: ab 0 Euro, z. B. 1800 oder 1800.50)")
    if not d.is_finite() or d < 0 or d > EINKOMMEN_HOECHST:
        raise argparse.ArgumentTypeError(f"{text[:20]} nicht erlaubt (erlaubt: ab 0 Euro bis 20.000 Euro im Monat)")
    if d != d.quantize(Decimal("0.01")):
        raise argparse.ArgumentTypeError(f"{text[:20]} nicht erlaubt (erlaubt: ab 0 Euro, höchstens zwei Nachkommastellen)")
    return d


def datum_text(text: str) -> str:
    """A date argument (--sitzung): not empty; the date itself is checked where it is used."""
    if not text.strip():
        raise argparse.ArgumentTypeError("'' ist leer (erlaubt: ein Datum JJJJ-MM-TT)")
    return text.strip()


def ganzzahl(bereich: str):
    def parse(text: str) -> int:
        try:
            return int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} ist keine ganze Zahl (erlaubt: {bereich})")

    return parse


def stichtag_hilfe() -> str:
    return (f"Stichtag JJJJ-MM-TT ab {ABDECKUNG_VON.isoformat()}; nach {geprueft_bis().isoformat()} gelten die neuesten "
            "geprüften Rechtswerte, mit Hinweis (Standard 2023-01-01)")


def dumps_decimal(obj) -> str:
    """JSON with Decimal amounts written as numbers with exactly two decimals."""

    def enc(o):
        if isinstance(o, Decimal):
            return f"__DEC__{o:.2f}__"
        raise TypeError(type(o))

    return re.sub(r'"__DEC__(-?[0-9]+\.[0-9]{2})__"', r"\1", json.dumps(obj, default=enc, ensure_ascii=False, indent=2))


def melde_hinweise(params, landkreis) -> None:
    """Print what the result rests on (law after its checked date, prices carried forward, TPQG)
    to stderr, one German line each, so that a planner sees it even with --json."""
    from ..modell.zeitstand import hinweise

    for zeile in hinweise(params, landkreis):
        print(f"pflegewg: Hinweis: {zeile}", file=sys.stderr)


EXIT_STRG_C = 130  # 128 + SIGINT, as shells report it
EXIT_SIGTERM = 143  # 128 + SIGTERM


def abbruch_code(exc: KeyboardInterrupt) -> int:
    """130 for Ctrl-C, 143 for SIGTERM (the report pipeline raises `SigtermAbbruch`, a
    KeyboardInterrupt, so that SIGTERM unwinds like Ctrl-C)."""
    from ..bericht.pipeline import SigtermAbbruch

    return EXIT_SIGTERM if isinstance(exc, SigtermAbbruch) else EXIT_STRG_C


def anzahl(n: int, einzahl: str, mehrzahl: str) -> str:
    """'1 WG', '2 WGs', '0 WGs', '1 Bewohner' (German: the plural for every number but 1)."""
    return f"{n} {einzahl if n == 1 else mehrzahl}"
