"""County inputs (Kreisdaten): one dated YAML file per county plus its WG register (CSV).

`load_landkreis(path)` validates the file and returns an immutable `Landkreisdaten` with
amounts in integer cents; `load_wg_register(daten)` returns the register as a DataFrame.
Nothing here is law: these are the county's own, dated figures.

Every number of the county file is checked at load against `PLAUSIBEL`, the one table of
plausible ranges (key -> minimum, maximum, unit, why), by `pruefe_plausibel(datei, ort, wert)`,
which also turns the value into its type (cents, Decimal, int). A value outside its range is
refused with file, key, value and range: 2250 typed for 22,50 €/h, 1.500 (German thousands
point) read as 1,50 €, an Einsatzquote above 40 % for Pflegegrad 4/5 (§ 87 Abs. 1 S. 3 SGB XII).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import pandas as pd

from ..basis import orte
from ..basis.csv_lesen import lese_csv
from ..basis.dateien import ParameterDateiFehler, kurz, load_yaml
from ..basis.format import euro, zahl

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
#: spellings accepted in the register (case ignored) -> the stored value; the report prints
#: "anbietergestützt" and "in Planung", so a register copied back from it reads again
TYP_SCHREIBWEISEN = {"selbstverantwortet": "selbstverantwortet", "anbietergestuetzt": "anbietergestuetzt",
                     "anbietergestützt": "anbietergestuetzt"}
STATUS_SCHREIBWEISEN = {"bestehend": "bestehend", "geplant": "geplant", "in planung": "geplant"}

# --- plausible ranges -----------------------------------------------------------------------

#: most decimal places of a share or a number of days (Excel shows at most 17 significant
#: digits; more is no real input, and it bounds the exact Python-integer arithmetic)
STELLEN_HOECHST = 20

EURO_M, EURO_STD, TAGE, ANTEIL, BEWOHNER = "€ je Monat", "€ je Stunde", "Tage je Monat", "Anteil", "Bewohner"


@dataclass(frozen=True)
class Bereich:
    """A plausible range of one county value: minimum, maximum (file units), unit, why."""

    minimum: Decimal
    maximum: Decimal
    einheit: str
    grund: str

    def text(self) -> str:
        if self.einheit in (EURO_M, EURO_STD):
            von, bis = euro(int(self.minimum * 100), False), euro(int(self.maximum * 100), False)
            return f"{von} bis {bis} {self.einheit}"
        stellen = 2 if self.einheit == ANTEIL else 0
        return f"{zahl(self.minimum, stellen)} bis {zahl(self.maximum, stellen)} {self.einheit}".rstrip()


def _b(minimum, maximum, einheit, grund) -> Bereich:
    return Bereich(Decimal(str(minimum)), Decimal(str(maximum)), einheit, grund)


_PG45 = "§ 87 Abs. 1 S. 3 SGB XII: bei Pflegegrad 4 und 5 mindestens 60 % des Einkommens über der Grenze frei"
_QUOTE = "§ 87 SGB XII: Anteil des Einkommens über der Einkommensgrenze, 0,90 = 90 %"

#: The one table of plausible ranges of the county file (key as in the file, `*` = any home,
#: `[]` = any case). Wide enough for every county in Baden-Württemberg 2022–2026, narrow enough
#: to catch cents typed for euros and the German thousands point.
PLAUSIBEL: dict[str, Bereich] = {
    "heime.*.eee_m": _b(200, 5000, EURO_M, "EEE in BW etwa 1.000 bis 2.500 €; Drucksache 1.414,84 €"),
    "heime.*.ausbildungszuschlag_m": _b(0, 500, EURO_M, "Ausbildungszuschlag, Drucksache 132,94 €"),
    "heime.*.sonstige_heimkosten_m": _b(300, 5000, EURO_M,
                                        "Unterkunft, Verpflegung, Investition, Bekleidung; Drucksache 1.327,90 €"),
    "grundsicherung.warmmiete_m": _b(100, 2000, EURO_M, "Warmmiete eines Einpersonenhaushalts, Drucksache 608 €"),
    "wg.unterkunftskosten_m": _b(100, 2000, EURO_M, "Unterkunftskosten warm, Drucksache 515 €"),
    "wg.praesenzkraft_stundensatz": _b(10, 100, EURO_STD, "Drucksache 22,50 €; Euro, nicht Cent"),
    "wg.praesenzkraft_tage_pro_monat": _b(28, 31, TAGE, "ein Kalendermonat: 30 wie die Drucksache oder 365/12"),
    "wg.bewohner_standard": _b(1, 12, BEWOHNER, "§ 4 Abs. 2 WTPG: höchstens 12"),
    "wg.einsatzquote.2": _b(0, 1, ANTEIL, _QUOTE),
    "wg.einsatzquote.3": _b(0, 1, ANTEIL, _QUOTE),
    "wg.einsatzquote.4": _b(0, "0.40", ANTEIL, _PG45),
    "wg.einsatzquote.5": _b(0, "0.40", ANTEIL, _PG45),
    "faelle[].einkommen_m": _b(0, 20000, EURO_M, "Nettoeinkommen; Drucksache höchstens 2.750 €"),
}


def plausibel_schluessel(ort: str) -> str:
    """The PLAUSIBEL key of a place in the file: heime.teuerste.eee_m -> heime.*.eee_m."""
    ort = re.sub(r"\[\d+\]", "[]", ort)
    teile = ort.split(".")
    if teile[0] == "heime" and len(teile) == 3:
        teile[1] = "*"
    return ".".join(teile)


def pruefe_plausibel(datei: str, ort: str, wert):
    """Check one county value against PLAUSIBEL and return it typed: amounts (€) as int cents,
    Bewohner as int, shares and days as Decimal. ParameterDateiFehler names file, key, value and
    the range. (The one check per value; a dated county file calls it once per entry.)"""
    bereich = PLAUSIBEL[plausibel_schluessel(ort)]
    ziel = f"{datei}: {ort}"
    erlaubt = f"erlaubt: {bereich.text()} – {bereich.grund}"
    if isinstance(wert, str):
        raise ParameterDateiFehler(
            f"{ziel}: {kurz(wert)} ist Text, keine Zahl ({erlaubt}; Zahl ohne Anführungszeichen und ohne €, Punkt als Dezimalzeichen)"
        )
    if isinstance(wert, bool) or not isinstance(wert, (int, Decimal)):
        raise ParameterDateiFehler(f"{ziel}: {kurz(wert)} ist keine Zahl ({erlaubt})")
    d = Decimal(wert)
    stellen = -d.as_tuple().exponent if isinstance(wert, Decimal) else 0
    if bereich.einheit in (EURO_M, EURO_STD) and stellen > 2:
        hinweis = "; Tausenderpunkt? 1.500 € als 1500 schreiben" if stellen == 3 else ""
        raise ParameterDateiFehler(f"{ziel}: {kurz(wert)} hat mehr als zwei Nachkommastellen ({erlaubt}{hinweis})")
    if bereich.einheit == BEWOHNER and not isinstance(wert, int):
        raise ParameterDateiFehler(f"{ziel}: {kurz(wert)} ist keine ganze Zahl ({erlaubt})")
    if stellen > STELLEN_HOECHST:
        raise ParameterDateiFehler(
            f"{ziel}: {kurz(wert)} hat mehr als {STELLEN_HOECHST} Nachkommastellen (erlaubt: höchstens {STELLEN_HOECHST})"
        )
    if d < 0 <= bereich.minimum:
        raise ParameterDateiFehler(f"{ziel}: {kurz(wert)} ist negativ ({erlaubt})")
    if not bereich.minimum <= d <= bereich.maximum:
        raise ParameterDateiFehler(f"{ziel}: {kurz(wert)} nicht plausibel ({erlaubt})")
    if bereich.einheit in (EURO_M, EURO_STD):
        return int(d * 100)
    return int(d) if bereich.einheit == BEWOHNER else d



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
        raise ParameterDateiFehler(f"{name}: stand: {kurz(roh['stand'])} ist kein Datum JJJJ-MM-TT")
    for key in ("landkreis", "quelle"):
        if not isinstance(roh[key], str) or not roh[key].strip():
            raise ParameterDateiFehler(f"{name}: {key}: {kurz(roh[key])} (erlaubt: ein Text)")

    def wert(ort: str, w):
        return pruefe_plausibel(name, ort, w)

    if not isinstance(roh["heime"], dict) or "durchschnitt" not in roh["heime"]:
        raise ParameterDateiFehler(f"{name}: heime: braucht mindestens 'durchschnitt'")
    heime = {}
    for key, heim in roh["heime"].items():
        _check_keys(name, f"heime.{key}", heim, "heim")
        heime[key] = Heim(
            bezeichnung=str(heim["bezeichnung"]),
            **{f: wert(f"heime.{key}.{f}", heim[f]) for f in ("eee_m", "ausbildungszuschlag_m", "sonstige_heimkosten_m")},
        )

    _check_keys(name, "grundsicherung", roh["grundsicherung"], "grundsicherung")
    wg = roh["wg"]
    _check_keys(name, "wg", wg, "wg")
    quote = wg["einsatzquote"]
    if not isinstance(quote, dict) or set(quote) != set(PFLEGEGRADE):
        raise ParameterDateiFehler(f"{name}: wg.einsatzquote: braucht je einen Wert für Pflegegrad 2, 3, 4 und 5")
    einsatzquote = {pg: wert(f"wg.einsatzquote.{pg}", f) for pg, f in sorted(quote.items())}

    faelle = []
    if not isinstance(roh.get("faelle") or [], list):
        raise ParameterDateiFehler(f"{name}: faelle: erwartet eine Liste von Fällen")
    for i, fall in enumerate(roh.get("faelle") or []):
        _check_keys(name, f"faelle[{i}]", fall, "fall")
        if isinstance(fall["nr"], bool) or not isinstance(fall["nr"], int):
            raise ParameterDateiFehler(f"{name}: faelle[{i}].nr: {kurz(fall['nr'])} ist keine ganze Zahl")
        faelle.append(Fall(fall["nr"], wert(f"faelle[{i}].einkommen_m", fall["einkommen_m"]), str(fall["bezeichnung"])))

    def _nebendatei(key):
        if not roh.get(key):
            return None
        if not isinstance(roh[key], str):
            raise ParameterDateiFehler(f"{name}: {key}: {kurz(roh[key])} (erlaubt: ein Dateiname, relativ zu {name})")
        return path.parent / roh[key]

    return Landkreisdaten(
        datei=path,
        landkreis=roh["landkreis"],
        stand=roh["stand"],
        quelle=roh["quelle"],
        heime=MappingProxyType(heime),
        warmmiete_m=wert("grundsicherung.warmmiete_m", roh["grundsicherung"]["warmmiete_m"]),
        wg_unterkunftskosten_m=wert("wg.unterkunftskosten_m", wg["unterkunftskosten_m"]),
        praesenzkraft_stundensatz=wert("wg.praesenzkraft_stundensatz", wg["praesenzkraft_stundensatz"]),
        praesenzkraft_tage_pro_monat=wert("wg.praesenzkraft_tage_pro_monat", wg["praesenzkraft_tage_pro_monat"]),
        bewohner_standard=wert("wg.bewohner_standard", wg["bewohner_standard"]),
        einsatzquote=MappingProxyType(einsatzquote),
        faelle=tuple(faelle),
        wg_register_datei=_nebendatei("wg_register"),
        sitzungen_datei=_nebendatei("sitzungen"),
    )


def load_wg_register(daten: Landkreisdaten | str | Path) -> pd.DataFrame:
    """The county's WG register as a DataFrame (unknown values are <NA>, never '?').

    Read by the one CSV reader (UTF-8 or Windows-1252, `,` or `;`); typ and status also in the
    spellings the report prints (anbietergestützt, in Planung). Errors name file, line, column,
    value and the allowed values.
    """
    path = daten.wg_register_datei if isinstance(daten, Landkreisdaten) else Path(daten)
    if path is None:
        raise ParameterDateiFehler("wg_register: die Kreisdatei nennt kein WG-Register")
    csv = lese_csv(path, REGISTER_SPALTEN, "wg_register")
    spalten: dict[str, list] = {k: [] for k in REGISTER_SPALTEN}
    for nr, row in csv.zeilen:
        for k, v in row.items():
            if "?" in v:
                raise ParameterDateiFehler(f"{csv.name}: Zeile {nr}: '?' ist kein Wert (Spalte {k}); unbekannte Angaben leer lassen")
        typ = TYP_SCHREIBWEISEN.get(row["typ"].lower())
        if typ is None:
            raise csv.fehler(nr, "typ", row["typ"], "selbstverantwortet, anbietergestützt")
        status = STATUS_SCHREIBWEISEN.get(row["status"].lower())
        if status is None:
            raise csv.fehler(nr, "status", row["status"], "bestehend, geplant (auch: in Planung)")
        if not (row["nr"].isdigit() and row["nr"].isascii()):
            raise csv.fehler(nr, "nr", row["nr"], "eine ganze Zahl ab 0")
        if row["plz"] and not (len(row["plz"]) == 5 and row["plz"].isdigit() and row["plz"].isascii()):
            raise csv.fehler(nr, "plz", row["plz"], "fünf Ziffern oder leer")
        if row["plaetze"] and not (row["plaetze"].isdigit() and row["plaetze"].isascii() and 1 <= int(row["plaetze"]) <= 12):
            raise csv.fehler(nr, "plaetze", row["plaetze"], "1 bis 12 oder leer")
        if not row["name"] and not row["ort"]:
            raise ParameterDateiFehler(f"{csv.name}: Zeile {nr}: name oder ort muss angegeben sein")
        werte = {**row, "typ": typ, "status": status}
        for k in REGISTER_SPALTEN:
            spalten[k].append(werte[k] or None)
    df = pd.DataFrame({k: pd.Series(v, dtype="str") for k, v in spalten.items()}, columns=list(REGISTER_SPALTEN))
    df["nr"] = pd.array([int(v) for v in spalten["nr"]], dtype="Int64")
    df["plaetze"] = pd.array([int(v) if v else None for v in spalten["plaetze"]], dtype="Int64")
    return df
