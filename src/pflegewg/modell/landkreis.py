"""County inputs (Kreisdaten): one dated YAML file per county plus its WG register (CSV).

`load_landkreis(path)` validates the file and returns an immutable `Landkreisdaten` with
amounts in integer cents; `load_wg_register(daten)` returns the register as a DataFrame.
Nothing here is law: these are the county's own, dated figures.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import pandas as pd

from ..basis import orte
from ..basis.dateien import ParameterDateiFehler, load_yaml, to_decimal
from ..basis.geld import _one_as_cents

#: the default county file, in data/ of the project folder (pflegewg.basis.orte)
STANDARD_DATEINAME = "landkreis_konstanz.yaml"

HEIME = ("durchschnitt", "teuerste")
PFLEGEGRADE = (2, 3, 4, 5)

_SCHEMA = {
    "": {"landkreis", "stand", "quelle", "wg_register", "sitzungen", "heime", "grundsicherung", "wg", "faelle"},
    "heim": {"bezeichnung", "eee_m", "ausbildungszuschlag_m", "sonstige_heimkosten_m"},
    "grundsicherung": {"warmmiete_m"},
    "wg": {
        "unterkunftskosten_m", "praesenzkraft_stundensatz", "praesenzkraft_tage_pro_monat",
        "bewohner_standard", "einsatzquote",
    },
    "fall": {"nr", "einkommen_m", "bezeichnung"},
}
_OPTIONAL = {"": {"sitzungen", "faelle", "wg_register"}}

REGISTER_SPALTEN = (
    "nr", "name", "strasse", "plz", "ort", "typ", "status", "eroeffnung", "plaetze",
    "zielgruppe", "betreiber", "bemerkung",
)
TYPEN = ("selbstverantwortet", "anbietergestuetzt")
STATUS = ("bestehend", "geplant")


@dataclass(frozen=True)
class Heim:
    """Monthly home charges in cents (one home or the county average)."""

    bezeichnung: str
    eee_m: int
    ausbildungszuschlag_m: int
    sonstige_heimkosten_m: int


@dataclass(frozen=True)
class Fall:
    nr: int
    einkommen_m: int
    bezeichnung: str


@dataclass(frozen=True)
class Landkreisdaten:
    """One county's dated inputs; amounts in integer cents, rates as Decimal."""

    datei: Path
    landkreis: str
    stand: dt.date
    quelle: str
    heime: Mapping[str, Heim]
    warmmiete_m: int
    wg_unterkunftskosten_m: int
    praesenzkraft_stundensatz: int  # cents per hour
    praesenzkraft_tage_pro_monat: Decimal
    bewohner_standard: int
    einsatzquote: Mapping[int, Decimal]
    faelle: tuple[Fall, ...]
    wg_register_datei: Path | None
    sitzungen_datei: Path | None

    def heim(self, name: str) -> Heim:
        if name not in self.heime:
            raise ParameterDateiFehler(f"heim: {name!r} unbekannt (erlaubt: {', '.join(self.heime)})")
        return self.heime[name]


def _check_keys(datei: str, ort: str, wert, schema: str) -> None:
    if not isinstance(wert, dict):
        raise ParameterDateiFehler(f"{datei}: {ort or 'Datei'}: erwartet eine Zuordnung")
    erlaubt = _SCHEMA[schema]
    for key in wert:
        if key not in erlaubt:
            raise ParameterDateiFehler(
                f"{datei}: {ort + '.' if ort else ''}{key}: unbekannter Schlüssel (erlaubt: {', '.join(sorted(erlaubt))})"
            )
    for key in sorted(erlaubt - wert.keys() - _OPTIONAL.get(schema, set())):
        raise ParameterDateiFehler(f"{datei}: {ort + '.' if ort else ''}{key}: Pflichtfeld fehlt")


def _betrag(datei: str, ort: str, wert, minimum: int = 0) -> int:
    try:
        cents = _one_as_cents(wert)
    except ValueError as exc:
        raise ParameterDateiFehler(f"{datei}: {ort}: {exc}") from None
    if cents < minimum:
        raise ParameterDateiFehler(f"{datei}: {ort}: {wert} ist negativ (erlaubt: ab 0)")
    return cents


def standard_datei() -> Path:
    """data/landkreis_konstanz.yaml of the project folder (the default county file)."""
    return orte.datenordner() / STANDARD_DATEINAME


def load_landkreis(path: str | Path | None = None) -> Landkreisdaten:
    """Read and validate a county file (default: Landkreis Konstanz, data/)."""
    path = Path(path) if path else standard_datei()
    if not path.is_file():
        raise ParameterDateiFehler(f"daten: Datei {path} nicht gefunden")
    name = path.name
    roh = load_yaml(path)
    _check_keys(name, "", roh, "")
    if not isinstance(roh["stand"], dt.date):
        raise ParameterDateiFehler(f"{name}: stand: {roh['stand']!r} ist kein Datum JJJJ-MM-TT")

    if not isinstance(roh["heime"], dict) or "durchschnitt" not in roh["heime"]:
        raise ParameterDateiFehler(f"{name}: heime: braucht mindestens 'durchschnitt'")
    heime = {}
    for key, heim in roh["heime"].items():
        _check_keys(name, f"heime.{key}", heim, "heim")
        heime[key] = Heim(
            bezeichnung=str(heim["bezeichnung"]),
            **{f: _betrag(name, f"heime.{key}.{f}", heim[f]) for f in ("eee_m", "ausbildungszuschlag_m", "sonstige_heimkosten_m")},
        )

    _check_keys(name, "grundsicherung", roh["grundsicherung"], "grundsicherung")
    wg = roh["wg"]
    _check_keys(name, "wg", wg, "wg")
    tage = to_decimal(wg["praesenzkraft_tage_pro_monat"])
    if not Decimal(1) <= tage <= Decimal(31):
        raise ParameterDateiFehler(f"{name}: wg.praesenzkraft_tage_pro_monat: {tage} (erlaubt: 1 bis 31)")
    bewohner = wg["bewohner_standard"]
    if not isinstance(bewohner, int) or not 1 <= bewohner <= 12:
        raise ParameterDateiFehler(f"{name}: wg.bewohner_standard: {bewohner!r} (erlaubt: 1 bis 12)")
    quote = wg["einsatzquote"]
    if not isinstance(quote, dict) or set(quote) != set(PFLEGEGRADE):
        raise ParameterDateiFehler(f"{name}: wg.einsatzquote: braucht je einen Wert für Pflegegrad 2, 3, 4 und 5")
    einsatzquote = {}
    for pg, f in quote.items():
        f = to_decimal(f)
        if not Decimal(0) <= f <= Decimal(1):
            raise ParameterDateiFehler(f"{name}: wg.einsatzquote.{pg}: {f} (erlaubt: 0 bis 1)")
        einsatzquote[pg] = f

    faelle = []
    for i, fall in enumerate(roh.get("faelle") or []):
        _check_keys(name, f"faelle[{i}]", fall, "fall")
        faelle.append(Fall(int(fall["nr"]), _betrag(name, f"faelle[{i}].einkommen_m", fall["einkommen_m"]), str(fall["bezeichnung"])))

    def _nebendatei(key):
        return (path.parent / roh[key]) if roh.get(key) else None

    return Landkreisdaten(
        datei=path,
        landkreis=str(roh["landkreis"]),
        stand=roh["stand"],
        quelle=str(roh["quelle"]),
        heime=MappingProxyType(heime),
        warmmiete_m=_betrag(name, "grundsicherung.warmmiete_m", roh["grundsicherung"]["warmmiete_m"]),
        wg_unterkunftskosten_m=_betrag(name, "wg.unterkunftskosten_m", wg["unterkunftskosten_m"]),
        praesenzkraft_stundensatz=_betrag(name, "wg.praesenzkraft_stundensatz", wg["praesenzkraft_stundensatz"]),
        praesenzkraft_tage_pro_monat=tage,
        bewohner_standard=bewohner,
        einsatzquote=MappingProxyType(einsatzquote),
        faelle=tuple(faelle),
        wg_register_datei=_nebendatei("wg_register"),
        sitzungen_datei=_nebendatei("sitzungen"),
    )


def load_wg_register(daten: Landkreisdaten | str | Path) -> pd.DataFrame:
    """The county's WG register as a DataFrame (unknown values are <NA>, never '?')."""
    path = daten.wg_register_datei if isinstance(daten, Landkreisdaten) else Path(daten)
    if path is None:
        raise ParameterDateiFehler("wg_register: die Kreisdatei nennt kein WG-Register")
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    name = Path(path).name
    if tuple(df.columns) != REGISTER_SPALTEN:
        raise ParameterDateiFehler(f"{name}: Spalten {list(df.columns)} (erwartet: {list(REGISTER_SPALTEN)})")
    df = df.apply(lambda s: s.str.strip()).replace("", pd.NA)
    for i, row in df.iterrows():
        zeile = f"{name}: Zeile {i + 2}"
        if "?" in "".join(str(v) for v in row.dropna()):
            raise ParameterDateiFehler(f"{zeile}: '?' ist kein Wert; unbekannte Angaben leer lassen")
        if row["typ"] not in TYPEN:
            raise ParameterDateiFehler(f"{zeile}: typ {row['typ']!r} (erlaubt: {', '.join(TYPEN)})")
        if row["status"] not in STATUS:
            raise ParameterDateiFehler(f"{zeile}: status {row['status']!r} (erlaubt: {', '.join(STATUS)})")
        if pd.notna(row["plz"]) and not (len(row["plz"]) == 5 and row["plz"].isdigit()):
            raise ParameterDateiFehler(f"{zeile}: plz {row['plz']!r} (erlaubt: fünf Ziffern oder leer)")
        if pd.notna(row["plaetze"]) and not (row["plaetze"].isdigit() and 1 <= int(row["plaetze"]) <= 12):
            raise ParameterDateiFehler(f"{zeile}: plaetze {row['plaetze']!r} (erlaubt: 1 bis 12 oder leer)")
        if pd.isna(row["name"]) and pd.isna(row["ort"]):
            raise ParameterDateiFehler(f"{zeile}: name oder ort muss angegeben sein")
    df["nr"] = df["nr"].astype("Int64")
    df["plaetze"] = df["plaetze"].astype("Int64")
    return df
