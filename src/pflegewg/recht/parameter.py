"""The one loader of the legal parameter files (SGB XI, SGB XII, WTPG).

`load_parameters(stichtag)` returns an immutable `Parameterset`: every parameter with the
value in force on the Stichtag (the last entry with `gilt_ab` on or before it). Files are
validated at load: an unknown key, a missing unit or reference is an error that names the
file and the key.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from ..basis.dateien import ParameterDateiFehler, load_yaml, to_decimal
from ..basis.geld import EingabeFehler

PARAMETER_DIR = Path(__file__).with_name("parameters")
PARAMETER_FILES = ("sgb_xi.yaml", "sgb_xii.yaml", "wtpg.yaml")

#: The first Stichtag with values in every file (before it the model knows no law).
ABDECKUNG_VON = dt.date(2022, 1, 1)
#: The last Stichtag accepted at all. After a file's `geprueft_bis` the newest values apply,
#: with a warning (`Parameterset.ungeprueft`); a Stichtag after this bound is a typo.
STICHTAG_BIS = dt.date(2040, 12, 31)
#: the key in each parameter file that names the date up to which its values were checked
GEPRUEFT_BIS = "geprueft_bis"

EINHEITEN = frozenset({"euro_m", "anteil", "faktor", "stunden_tag", "personen", "schalter"})
SCHLUESSEL = frozenset({"pflegegrad", "stufe"})
PARAMETER_KEYS = frozenset({"beschreibung", "einheit", "werte", "hinweis", "schluessel"})
PARAMETER_PFLICHT = frozenset({"beschreibung", "einheit", "werte"})
EINTRAG_KEYS = frozenset({"gilt_ab", "wert", "fundstelle", "hinweis"})
EINTRAG_PFLICHT = frozenset({"gilt_ab", "wert", "fundstelle"})


@dataclass(frozen=True)
class Quelle:
    """Where a parameter value comes from."""

    datei: str
    name: str
    beschreibung: str
    einheit: str
    gilt_ab: dt.date
    fundstelle: str


@dataclass(frozen=True)
class Parameterset:
    """All legal parameters in force on `stichtag` (read-only).

    Access as `p.regelbedarfsstufe_1` or `p["regelbedarfsstufe_1"]`; keyed values
    (by Pflegegrad or Stufe) are read-only mappings int -> Decimal.
    """

    stichtag: dt.date
    werte: Mapping[str, Any]
    quellen: Mapping[str, Quelle] = field(repr=False)
    #: the date up to which every parameter file was checked against the law
    geprueft_bis: dt.date = dt.date.max

    @property
    def ungeprueft(self) -> bool:
        """True if the Stichtag lies after the checked date: the newest values are used."""
        return self.stichtag > self.geprueft_bis

    def warnung(self) -> str | None:
        """One German line if the Stichtag lies after the checked date, else None."""
        if not self.ungeprueft:
            return None
        return (f"Rechtsstand: Stichtag {self.stichtag:%d.%m.%Y} liegt nach dem {self.geprueft_bis:%d.%m.%Y}, "
                "bis zu dem die Rechtswerte geprüft sind; es gelten die neuesten geprüften Werte")

    def __getitem__(self, name: str):
        try:
            return self.werte[name]
        except KeyError:
            raise KeyError(f"unbekannter Parameter {name!r}") from None

    def __getattr__(self, name: str):
        if name.startswith("_") or name in ("stichtag", "werte", "quellen", "geprueft_bis"):
            raise AttributeError(name)
        try:
            return self.werte[name]
        except KeyError:
            raise AttributeError(f"unbekannter Parameter {name!r}") from None


def parse_stichtag(stichtag) -> dt.date:
    """'YYYY-MM-DD', date or datetime -> date; from 2022-01-01 (the first values) to 2040-12-31.

    A Stichtag after the checked date of the parameter files is allowed: the newest values
    apply and `Parameterset.warnung()` says so."""
    if isinstance(stichtag, dt.datetime):
        stichtag = stichtag.date()
    if isinstance(stichtag, str):
        try:
            stichtag = dt.date.fromisoformat(stichtag)
        except ValueError:
            raise EingabeFehler(
                f"stichtag: {stichtag!r} ist kein Datum im Format JJJJ-MM-TT"
            ) from None
    if not isinstance(stichtag, dt.date):
        raise EingabeFehler(f"stichtag: {stichtag!r} ist kein Datum")
    if not ABDECKUNG_VON <= stichtag <= STICHTAG_BIS:
        raise EingabeFehler(
            f"stichtag: {stichtag.isoformat()} liegt außerhalb des abgedeckten Zeitraums "
            f"{ABDECKUNG_VON.isoformat()} bis {STICHTAG_BIS.isoformat()}"
        )
    return stichtag


def validate_parameter_file(dateiname: str, inhalt: Any) -> dict[str, dict]:
    """Check one parameter file against the schema; return it unchanged."""
    if not isinstance(inhalt, dict) or not inhalt:
        raise ParameterDateiFehler(f"{dateiname}: erwartet eine Zuordnung Parametername -> Angaben")
    if not isinstance(inhalt.get(GEPRUEFT_BIS), dt.date):
        raise ParameterDateiFehler(f"{dateiname}: {GEPRUEFT_BIS}: Pflichtfeld fehlt oder ist kein Datum JJJJ-MM-TT "
                                   "(bis zu welchem Tag die Werte am Gesetz geprüft sind)")
    for name, angaben in inhalt.items():
        if name == GEPRUEFT_BIS:
            continue
        ort = f"{dateiname}: {name}"
        if not isinstance(angaben, dict):
            raise ParameterDateiFehler(f"{ort}: erwartet eine Zuordnung mit {sorted(PARAMETER_PFLICHT)}")
        for key in angaben:
            if key not in PARAMETER_KEYS:
                raise ParameterDateiFehler(f"{ort}: unbekannter Schlüssel {key!r} (erlaubt: {sorted(PARAMETER_KEYS)})")
        for key in sorted(PARAMETER_PFLICHT - angaben.keys()):
            raise ParameterDateiFehler(f"{ort}: Pflichtfeld {key!r} fehlt")
        if angaben["einheit"] not in EINHEITEN:
            raise ParameterDateiFehler(f"{ort}: einheit {angaben['einheit']!r} nicht erlaubt (erlaubt: {sorted(EINHEITEN)})")
        schluessel = angaben.get("schluessel")
        if schluessel is not None and schluessel not in SCHLUESSEL:
            raise ParameterDateiFehler(f"{ort}: schluessel {schluessel!r} nicht erlaubt (erlaubt: {sorted(SCHLUESSEL)})")
        werte = angaben["werte"]
        if not isinstance(werte, list) or not werte:
            raise ParameterDateiFehler(f"{ort}: werte muss eine nicht leere Liste sein")
        vorher = None
        for eintrag in werte:
            if not isinstance(eintrag, dict):
                raise ParameterDateiFehler(f"{ort}: jeder Eintrag in werte braucht {sorted(EINTRAG_PFLICHT)}")
            for key in eintrag:
                if key not in EINTRAG_KEYS:
                    raise ParameterDateiFehler(f"{ort}: unbekannter Schlüssel {key!r} in werte (erlaubt: {sorted(EINTRAG_KEYS)})")
            for key in sorted(EINTRAG_PFLICHT - eintrag.keys()):
                raise ParameterDateiFehler(f"{ort}: Pflichtfeld {key!r} fehlt in einem Eintrag von werte")
            gilt_ab = eintrag["gilt_ab"]
            if not isinstance(gilt_ab, dt.date):
                raise ParameterDateiFehler(f"{ort}: gilt_ab {gilt_ab!r} ist kein Datum JJJJ-MM-TT")
            if not str(eintrag["fundstelle"]).strip():
                raise ParameterDateiFehler(f"{ort}: fundstelle ist leer (gilt_ab {gilt_ab})")
            if vorher is not None and gilt_ab <= vorher:
                raise ParameterDateiFehler(f"{ort}: werte nicht aufsteigend nach gilt_ab sortiert ({gilt_ab})")
            vorher = gilt_ab
            wert = eintrag["wert"]
            if schluessel is None and not isinstance(wert, (int, Decimal)):
                raise ParameterDateiFehler(f"{ort}: wert {wert!r} (gilt_ab {gilt_ab}) ist keine Zahl")
            if schluessel is not None and (
                not isinstance(wert, dict)
                or not all(isinstance(k, int) and isinstance(v, (int, Decimal)) for k, v in wert.items())
            ):
                raise ParameterDateiFehler(f"{ort}: wert (gilt_ab {gilt_ab}) muss {schluessel} -> Zahl zuordnen")
    return inhalt


@lru_cache(maxsize=None)
def _read_parameter_files(directory: Path) -> tuple[tuple[str, dict], ...]:
    gelesen = []
    namen: dict[str, str] = {}
    for dateiname in PARAMETER_FILES:
        inhalt = dict(validate_parameter_file(dateiname, load_yaml(directory / dateiname)))
        for name in inhalt:
            if name == GEPRUEFT_BIS:
                continue
            if name in namen:
                raise ParameterDateiFehler(f"{dateiname}: {name}: schon in {namen[name]} definiert")
            namen[name] = dateiname
        gelesen.append((dateiname, inhalt))
    return tuple(gelesen)


def _freeze(wert):
    if isinstance(wert, dict):
        return MappingProxyType({k: to_decimal(v) for k, v in wert.items()})
    return to_decimal(wert)


@lru_cache(maxsize=64)
def _load(stichtag: dt.date, directory: Path) -> Parameterset:
    werte: dict[str, Any] = {}
    quellen: dict[str, Quelle] = {}
    for dateiname, inhalt in _read_parameter_files(directory):
        for name, angaben in inhalt.items():
            if name == GEPRUEFT_BIS:
                continue
            gueltig = [e for e in angaben["werte"] if e["gilt_ab"] <= stichtag]
            if not gueltig:
                raise ParameterDateiFehler(
                    f"{dateiname}: {name}: kein Wert gilt am {stichtag.isoformat()} "
                    f"(erster Eintrag ab {angaben['werte'][0]['gilt_ab']})"
                )
            eintrag = gueltig[-1]
            werte[name] = _freeze(eintrag["wert"])
            quellen[name] = Quelle(
                datei=dateiname,
                name=name,
                beschreibung=" ".join(str(angaben["beschreibung"]).split()),
                einheit=angaben["einheit"],
                gilt_ab=eintrag["gilt_ab"],
                fundstelle=str(eintrag["fundstelle"]),
            )
    return Parameterset(stichtag, MappingProxyType(werte), MappingProxyType(quellen), geprueft_bis(directory))


def geprueft_bis(directory: Path | None = None) -> dt.date:
    """The date up to which every parameter file was checked (the earliest `geprueft_bis`)."""
    return min(inhalt[GEPRUEFT_BIS] for _, inhalt in _read_parameter_files(Path(directory or PARAMETER_DIR)))


def load_parameters(stichtag="2023-01-01", directory: Path | None = None) -> Parameterset:
    """Legal parameters in force on `stichtag` (from 2022-01-01), immutable; after the checked
    date the newest values, with `warnung()`."""
    return _load(parse_stichtag(stichtag), Path(directory or PARAMETER_DIR))


def parameter_files(directory: Path | None = None) -> list[Path]:
    """The parameter files (for manifests and checksums)."""
    return [Path(directory or PARAMETER_DIR) / name for name in PARAMETER_FILES]
