"""Command line `pflegewg`: one module per subcommand, registered here and nowhere else.

Each subcommand module has `register(sub)`, which adds its subparser and sets `ausfuehren`.
Nothing below this package imports from it. Bad input ends with exit code 2 and one line
naming the field and the allowed range.
"""
from __future__ import annotations

import argparse
import sys

from ..basis.dateien import ParameterDateiFehler
from ..basis.geld import EingabeFehler
from . import abgleich, bericht, fall, kreis, prognose
from .gemeinsam import EXIT_EINGABE, Abbruch, Parser

#: the subcommands, in the order of `pflegewg --help`
BEFEHLE = (fall, abgleich, bericht, kreis, prognose)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="pflegewg", description="Kostenvergleich Pflege-WG / Pflegeheim für die Hilfe zur Pflege (SGB XII)")
    sub = parser.add_subparsers(dest="befehl", required=True, parser_class=Parser)
    for befehl in BEFEHLE:
        befehl.register(sub)
    return parser


def main(argv=None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return args.ausfuehren(args)
    except (Abbruch, EingabeFehler, ParameterDateiFehler) as exc:
        print(f"pflegewg: Fehler: {exc}", file=sys.stderr)
        return EXIT_EINGABE
