"""Reading the project's YAML files with exact decimals, and the error for a bad file.

`load_yaml` is the one YAML reader (parameter, county and scenario files). It reads people's
files defensively: at most `YAML_BYTES_HOECHST` bytes, UTF-8 text only (no binary content),
duplicate keys refused, at most `YAML_ALIASE_HOECHST` aliases (no "billion laughs"),
`.inf`/`.nan` refused, every other float an exact `Decimal`. Every problem is a
`ParameterDateiFehler` with file name and line, never with the file's contents.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

#: county files are a few kB; a file above this is not a county file
YAML_BYTES_HOECHST = 1_000_000
#: anchors/aliases are allowed (parameter files could share values) but not a blow-up
YAML_ALIASE_HOECHST = 100
#: how much of a value an error message shows
KURZ_ZEICHEN = 40


class ParameterDateiFehler(ValueError):
    """A parameter or data file does not follow its schema (message names file and key).

    `probleme`: every problem found (a reader that checks all values at once sets it; else the
    message alone)."""

    @property
    def probleme(self) -> list[str]:
        return list(getattr(self, "_probleme", None) or [str(self)])


def fehlerliste(probleme: list[str]) -> ParameterDateiFehler:
    """One error for several problems of one file: the message is the first problem and how many
    more there are (the CLI shows one line), `probleme` lists all (`pflegewg pruefen`)."""
    probleme = list(dict.fromkeys(probleme))
    weitere = len(probleme) - 1
    text = probleme[0] + (f" (und {weitere} weitere{'s' if weitere == 1 else ''} Problem{'' if weitere == 1 else 'e'}; "
                          "alle nennt pflegewg pruefen --daten DATEI)" if weitere else "")
    exc = ParameterDateiFehler(text)
    exc._probleme = probleme
    return exc


def kurz(wert, zeichen: int = KURZ_ZEICHEN) -> str:
    """A value for an error message: repr of text, at most `zeichen` characters, one line."""
    text = repr(wert) if isinstance(wert, str) else str(wert)
    text = "".join(c if c.isprintable() else "�" for c in text)
    return text if len(text) <= zeichen else text[: zeichen - 1] + "…"


class _ZeilenFehler(Exception):
    """Raised inside the loader with a line number; load_yaml adds the file name."""

    def __init__(self, zeile: int, text: str):
        super().__init__(text)
        self.zeile, self.text = zeile, text


class _DecimalLoader(yaml.SafeLoader):
    """Safe YAML loader: exact Decimals, no duplicate keys, limited aliases."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._aliase = getattr(self, "_aliase", 0) + 1
            if self._aliase > YAML_ALIASE_HOECHST:
                zeile = self.peek_event().start_mark.line + 1
                raise _ZeilenFehler(zeile, f"mehr als {YAML_ALIASE_HOECHST} Aliase (*…) – so groß ist keine Datei von pflegewg")
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            gesehen = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    doppelt = key in gesehen
                    gesehen.add(key)
                except TypeError:
                    continue  # unhashable keys: PyYAML's own error follows
                if doppelt:
                    raise _ZeilenFehler(key_node.start_mark.line + 1, f"Schlüssel {kurz(key)} kommt doppelt vor")
        return super().construct_mapping(node, deep)

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep)
        except (_ZeilenFehler, yaml.YAMLError):
            raise
        except (ValueError, TypeError, ArithmeticError) as exc:
            raise _ZeilenFehler(node.start_mark.line + 1, f"ungültiger Wert ({type(exc).__name__})") from None


def _decimal_constructor(loader, node):
    text = loader.construct_scalar(node).replace("_", "")
    try:
        d = Decimal(text)
    except InvalidOperation:
        d = None
    if d is None or not d.is_finite():
        raise _ZeilenFehler(node.start_mark.line + 1, f"{kurz(text)} ist keine endliche Zahl (erlaubt: Zahlen wie 22.50)")
    return d


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _decimal_constructor)


def lies_begrenzt(path: Path, hoechst: int, ort: str, art: str, fehler=ParameterDateiFehler) -> bytes:
    """The bytes of a file of at most `hoechst` bytes, else one line (`fehler`) naming `ort` (the
    file's name or role): missing, a folder, unreadable, or larger than `art` files are."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            roh = fh.read(hoechst + 1)
    except FileNotFoundError:
        raise fehler(f"{ort}: Datei {path} nicht gefunden") from None
    except IsADirectoryError:
        raise fehler(f"{ort}: {path} ist ein Ordner, keine Datei") from None
    except OSError as exc:
        raise fehler(f"{ort}: {path} nicht lesbar ({exc.strerror or type(exc).__name__})") from None
    if len(roh) > hoechst:
        groesse = f"{hoechst // 1_000_000} MB" if hoechst > 1_000_000 and hoechst % 1_000_000 == 0 else f"{hoechst // 1000} kB"
        raise fehler(f"{path.name}: größer als {groesse} – keine {art}")
    return roh


def load_yaml(path: Path) -> Any:
    """Read a YAML file with exact decimals (shared by parameter, county and scenario files).

    ParameterDateiFehler (file name, line; no file contents) for a missing, too large, binary or
    non-UTF-8 file, a syntax error, a duplicate key, too many aliases or a non-finite number.
    """
    path = Path(path)
    name = path.name
    roh = lies_begrenzt(path, YAML_BYTES_HOECHST, name, "Datei von pflegewg")
    if b"\x00" in roh:
        raise ParameterDateiFehler(f"{name}: enthält Binärdaten, keine Textdatei (erlaubt: YAML in UTF-8)")
    try:
        text = roh.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        zeile = roh[: exc.start].count(b"\n") + 1
        raise ParameterDateiFehler(
            f"{name}: Zeile {zeile}: Zeichen nicht in UTF-8 (erlaubt: YAML in UTF-8; im Editor als UTF-8 speichern)"
        ) from None
    try:
        return yaml.load(text, Loader=_DecimalLoader)
    except _ZeilenFehler as exc:
        raise ParameterDateiFehler(f"{name}: Zeile {exc.zeile}: {exc.text}") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        ort = f"Zeile {mark.line + 1}, Spalte {mark.column + 1}" if mark else "unbekannte Stelle"
        raise ParameterDateiFehler(f"{name}: kein gültiges YAML ({ort}: Syntaxfehler)") from None
    except yaml.YAMLError:
        raise ParameterDateiFehler(f"{name}: kein gültiges YAML") from None
    except RecursionError:
        raise ParameterDateiFehler(f"{name}: zu tief verschachtelt – keine Datei von pflegewg") from None


def to_decimal(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))
