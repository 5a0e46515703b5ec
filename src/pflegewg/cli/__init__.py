"""Command line `pflegewg`: one module per subcommand, registered here and nowhere else.

Each subcommand module has `register(sub)`, which adds its subparser and sets `ausfuehren`.
Nothing below this package imports from it.

`main` is the one place where failures become exit codes, always one German line on stderr
and no traceback (`--debug` adds it): 0 success, 2 bad input (arguments, county, scenario,
register and calendar files), 1 a failed run (anything else, e.g. a notebook or a disk error),
130 Ctrl-C, 143 SIGTERM.
"""
from __future__ import annotations

import argparse
import gc
import signal
import sys
import traceback

from ..basis.dateien import ParameterDateiFehler
from ..basis.geld import EingabeFehler
from . import abgleich, aufenthalt, bericht, faelle, fall, kreis, prognose, pruefen, recht, vorlage
from .gemeinsam import EXIT_EINGABE, EXIT_LAUF, EXIT_SIGTERM, EXIT_STRG_C, Abbruch, Parser

#: the subcommands, in the order of `pflegewg --help`
BEFEHLE = (fall, aufenthalt, faelle, abgleich, bericht, kreis, prognose, recht, vorlage, pruefen)



#: signals that end a command like SIGTERM (exit 143): SIGTERM everywhere, and on Windows also
#: SIGBREAK (Ctrl+Break); a signal the platform lacks is skipped
BEENDEN_SIGNALE = ("SIGTERM", "SIGBREAK")


class Beendet(BaseException):
    """SIGTERM arrived: unwinds like Ctrl-C (finally blocks and temporary folders clean up)."""


def _sigterm(signum, frame):
    raise Beendet()


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="pflegewg", description="Kostenvergleich Pflege-WG / Pflegeheim für die Hilfe zur Pflege (SGB XII)")
    parser.add_argument("--debug", action="store_true", help="bei einem Fehler den Traceback zeigen (für Entwickler)")
    parser.epilog = "Hilfe zu einem Befehl: pflegewg BEFEHL --help"
    sub = parser.add_subparsers(dest="befehl", required=True, parser_class=Parser, title="Befehle", metavar="BEFEHL")
    for befehl in BEFEHLE:
        befehl.register(sub)
    return parser


def _meldung(text: str) -> str:
    """One line: the first line of the message, without control characters."""
    zeile = str(text).strip().splitlines()[0] if str(text).strip() else ""
    return "".join(c if c.isprintable() else " " for c in zeile)


def befehlszeile() -> int:
    """The command `pflegewg` (console script; also `python -m pflegewg.cli`): `main`, then
    Python's cyclic garbage collector leaves the objects of the run alone (`gc.freeze`). Otherwise
    the interpreter scans them several times while it shuts down: after a report about 0,5 s
    (WeasyPrint, pandas, the kernels' clients), for memory the operating system frees anyway.
    Objects are still released by reference counting; `main` itself (tests call it) is unchanged."""
    code = main()
    gc.freeze()
    return code


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    debug = "--debug" in argv  # a global option, accepted anywhere on the line
    argv = [a for a in argv if a != "--debug"]
    vorher = {}
    for name in BEENDEN_SIGNALE:
        nummer = getattr(signal, name, None)  # SIGBREAK exists only on Windows
        if nummer is None:
            continue
        try:
            vorher[nummer] = signal.signal(nummer, _sigterm)
        except (ValueError, OSError):  # not the main thread (e.g. inside a notebook kernel thread)
            pass

    def fehler(text: str, code: int) -> int:
        if debug:
            traceback.print_exc()
        print(f"pflegewg: {text}", file=sys.stderr)
        return code

    try:
        args = build_parser().parse_args(argv)
        return args.ausfuehren(args)
    except (Abbruch, EingabeFehler, ParameterDateiFehler) as exc:
        return fehler(f"Fehler: {_meldung(exc)}", EXIT_EINGABE)
    except KeyboardInterrupt:
        return fehler("abgebrochen (Strg+C)", EXIT_STRG_C)
    except Beendet:
        return fehler("beendet (SIGTERM)", EXIT_SIGTERM)
    except BrokenPipeError:
        return EXIT_LAUF
    except MemoryError:
        return fehler("Lauf fehlgeschlagen: nicht genug Arbeitsspeicher", EXIT_LAUF)
    except OSError as exc:
        ort = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        return fehler(f"Lauf fehlgeschlagen: {exc.strerror or type(exc).__name__}{ort}", EXIT_LAUF)
    except Exception as exc:  # noqa: BLE001 – the one place that turns any failure into one line
        hinweis = "" if debug else " (Einzelheiten mit pflegewg --debug …)"
        return fehler(f"Lauf fehlgeschlagen: {type(exc).__name__}: {_meldung(exc)[:200]}{hinweis}", EXIT_LAUF)
    finally:
        for nummer, alt in vorher.items():
            signal.signal(nummer, alt)
