"""County inputs (Kreisdaten): one dated YAML file per county plus its WG register (CSV), or the
same in one Excel workbook (`pflegewg vorlage`; read by `kreisdaten_excel`, then checked here
exactly like YAML). A county file may name the paper its values reproduce (`referenz:`, one of
`referenzen()`); only then does a report compare with it and cite it.

`load_landkreis(path)` validates the file and returns an immutable `Landkreisdaten` with
amounts in integer cents; `load_wg_register(daten)` returns the register as a DataFrame.
Nothing here is law: these are the county's own, dated figures.

Every amount may be one value (valid from the file's `stand`) or a list of dated entries
`[{gilt_ab: JJJJ-MM-TT, wert: …, quelle: "…"}, …]`. `Landkreisdaten.zum(stichtag)` returns the
snapshot for a Stichtag: the entry in force, carried forward with the price index after the
county's newest entry (`pflegewg.modell.preise`); `preise` says what the prices rest on.

Every number of the county file is checked at load against `PLAUSIBEL`, the one table of
plausible ranges (key -> minimum, maximum, unit, why), by `pruefe_plausibel(datei, ort, wert)`,
which also turns the value into its type (cents, Decimal, int); a dated amount is checked per
entry. A value outside its range is refused with file, key, value and range: 2250 typed for
22,50 €/h, 1.500 (German thousands point) read as 1,50 €, an Einsatzquote above 40 % for
Pflegegrad 4/5 (§ 87 Abs. 1 S. 3 SGB XII).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Mapping

from ..basis import orte
from ..basis.xlsx_lesen import lese_tabelle
from ..basis.dateien import ParameterDateiFehler, fehlerliste, kurz, load_yaml
from .preise import (
    INDEX_FUER,
    Eintrag,
    Preisindex,
    Preisstand,
    eintrag_am,
    fortschreiben_cent,
)

from .kreiswerte import (  # noqa: F401 – the tables of the county file, imported here as before
    STANDARD_DATEINAME,
    LANDESDATEINAME,
    REFERENZORDNER,
    EXCEL_ENDUNGEN,
    referenzen,
    HEIME,
    PFLEGEGRADE,
    _SCHEMA,
    _OPTIONAL,
    HEIM_TEILE,
    EINTRAG_SCHLUESSEL,
    REGISTER_SPALTEN,
    REGISTER_OPTIONAL,
    REGISTER_BLATT,
    REGISTER_TITEL,
    TYPEN,
    STATUS,
    TYP_SCHREIBWEISEN,
    STATUS_SCHREIBWEISEN,
    STELLEN_HOECHST,
    EURO_M,
    EURO_STD,
    TAGE,
    ANTEIL,
    BEWOHNER,
    Bereich,
    PLAUSIBEL,
    plausibel_schluessel,
    pruefe_plausibel,
)

if TYPE_CHECKING:  # pandas only where the register is read (`load_wg_register`)
    import pandas as pd


@dataclass(frozen=True)
class Heim:
    """Monthly home charges in cents (one home or the county average).

    sonstige_heimkosten_m: Unterkunft, Verpflegung, Investitionskosten and Bekleidung together
    (what the county's need in the home adds to the care costs); where the file gives the parts,
    they are kept too (else None)."""

    bezeichnung: str
    eee_m: int
    ausbildungszuschlag_m: int
    sonstige_heimkosten_m: int
    unterkunft_verpflegung_m: int | None = None
    investitionskosten_m: int | None = None
    bekleidung_sonstige_m: int | None = None

    @property
    def unterkunft_investition_m(self) -> int:
        """Unterkunft/Verpflegung + Investitionskosten as vdek counts them in the Eigenbeteiligung
        (without Bekleidung where the parts are given; else all other home charges together)."""
        if self.unterkunft_verpflegung_m is None:
            return self.sonstige_heimkosten_m
        return self.unterkunft_verpflegung_m + self.investitionskosten_m


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
    #: care bill of the ambulant service per WG resident and month by Pflegegrad (cents), without
    #: the Präsenzkraft; None if the county file gives none (only the Vollkosten need it)
    wg_pflegerechnung_m: Mapping[int, int] | None = None
    #: the paper this county's data reproduce (`referenz:`, a name of `referenzen()`), else None:
    #: only then does a report compare with it and cite it
    referenz: str | None = None
    #: every dated amount by key path ("heime.durchschnitt.eee_m", "wg.praesenzkraft_stundensatz", …)
    reihen: Mapping[str, tuple[Eintrag, ...]] = field(default_factory=dict, repr=False)
    #: the price index for the Fortschreibung (None: none found, values stay at the newest entry)
    index: Preisindex | None = field(default=None, repr=False)
    #: the Stichtag of this snapshot (None: the newest entries, as loaded)
    stichtag: dt.date | None = None
    preise: Preisstand | None = None
    _schnappschuesse: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _basis: "Landkreisdaten | None" = field(default=None, init=False, repr=False, compare=False)

    @property
    def kurzname(self) -> str:
        """The county's short name for folder names: 'Landkreis Konstanz' -> 'konstanz' (lower
        case ASCII letters, digits and '-'; umlauts transcribed; safe on Windows too)."""
        return kurzname(self.landkreis, self.datei.stem)

    def heim(self, name: str) -> Heim:
        if name not in self.heime:
            raise ParameterDateiFehler(f"heim: {name!r} unbekannt (erlaubt: {', '.join(self.heime)})")
        return self.heime[name]

    def zum(self, stichtag: dt.date) -> "Landkreisdaten":
        """The county's amounts in force on `stichtag`, carried forward with the price index after
        the newest entry (see module docstring); the same object if it already is that snapshot."""
        if self.stichtag == stichtag:
            return self
        if self._basis is not None:
            return self._basis.zum(stichtag)
        if stichtag not in self._schnappschuesse:
            neu = _snapshot(self, stichtag)
            object.__setattr__(neu, "_basis", self)
            self._schnappschuesse[stichtag] = neu
        return self._schnappschuesse[stichtag]


#: words left out of a county's short name (they tell no county apart)
_KREIS_WOERTER = ("landkreis", "stadtkreis", "kreis", "lk")
#: names Windows does not allow for a folder
_WINDOWS_RESERVIERT = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def kurzname(name: str, ersatz: str = "landkreis") -> str:
    """'Landkreis Konstanz' -> 'konstanz', 'Landkreis Lörrach' -> 'loerrach',
    'Baden-Württemberg (Landesdurchschnitt)' -> 'baden-wuerttemberg-landesdurchschnitt'."""
    text = name.lower()
    for alt, neu in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(alt, neu)
    woerter = re.findall(r"[a-z0-9]+", text)
    if len(woerter) > 1 and woerter[0] in _KREIS_WOERTER:
        woerter = woerter[1:]
    kurz_ = "-".join(woerter)[:60].strip("-")
    if not kurz_:
        return kurzname(ersatz) if ersatz != "landkreis" else "landkreis"
    return f"kreis-{kurz_}" if kurz_ in _WINDOWS_RESERVIERT else kurz_


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


def _datiert(datei: str, ort: str, roh, stand: dt.date, quelle: str, umwandeln) -> tuple[Eintrag, ...]:
    """One amount: a plain value (valid from `stand`) or a list of dated entries, converted by
    `umwandeln(ort, wert)`; ascending by gilt_ab, each with a source."""
    if not isinstance(roh, list):
        return (Eintrag(stand, umwandeln(ort, roh), quelle),)
    if not roh:
        raise ParameterDateiFehler(f"{datei}: {ort}: leere Liste (erlaubt: ein Wert oder Einträge mit gilt_ab, wert, quelle)")
    eintraege = []
    for i, e in enumerate(roh):
        stelle = f"{ort}[{i}]"
        if not isinstance(e, dict) or not {"gilt_ab", "wert", "quelle"} <= e.keys() or not e.keys() <= EINTRAG_SCHLUESSEL:
            raise ParameterDateiFehler(f"{datei}: {stelle}: erwartet gilt_ab, wert und quelle")
        if not isinstance(e["gilt_ab"], dt.date):
            raise ParameterDateiFehler(f"{datei}: {stelle}.gilt_ab: kein Datum JJJJ-MM-TT")
        if not str(e["quelle"]).strip():
            raise ParameterDateiFehler(f"{datei}: {stelle}.quelle: leer (jeder Wert braucht eine Quelle)")
        if eintraege and e["gilt_ab"] <= eintraege[-1].gilt_ab:
            raise ParameterDateiFehler(f"{datei}: {stelle}.gilt_ab: nicht aufsteigend sortiert")
        eintraege.append(Eintrag(e["gilt_ab"], umwandeln(stelle + ".wert", e["wert"]), str(e["quelle"]),
                                 e.get("ausbildung_enthalten")))
    return tuple(eintraege)


def standard_datei() -> Path:
    """data/landkreis_konstanz.yaml of the project folder (the default county file)."""
    return orte.datenordner() / STANDARD_DATEINAME


def load_landkreis(path: str | Path | None = None) -> Landkreisdaten:
    """Read and validate a county file, YAML or an Excel workbook of `pflegewg vorlage`
    (default: the project's default county, data/landkreis_konstanz.yaml).

    Every plausibility problem of the file is collected: the error's message names the first
    and how many more there are, its `probleme` lists all (`pflegewg pruefen` prints them)."""
    path = Path(path) if path else standard_datei()
    if not path.is_file():
        raise ParameterDateiFehler(f"daten: Datei {path} nicht gefunden")
    if path.suffix.lower() in EXCEL_ENDUNGEN:
        from .kreisdaten_excel import lese_arbeitsmappe

        roh, stellen = lese_arbeitsmappe(path)  # raises with every problem of the workbook's structure
        return _aus_roh(path, roh, lambda ort: stellen.get(ort, path.name))
    return _aus_roh(path, load_yaml(path), lambda ort: path.name)


def _aus_roh(path: Path, roh, stelle) -> Landkreisdaten:
    """The checked `Landkreisdaten` of the raw file contents `roh` (as YAML reads them);
    `stelle(ort)` names where a key stands in the file (the file name, or sheet, row and column of
    a workbook). Plausibility problems are collected and raised together."""
    probleme: list[str] = []
    try:
        daten = _aus_roh_pruefen(path, roh, stelle, probleme)
    except ParameterDateiFehler as exc:
        raise fehlerliste(probleme + getattr(exc, "probleme", [str(exc)])) from None
    if probleme:
        raise fehlerliste(probleme)
    return daten


def _aus_roh_pruefen(path: Path, roh, stelle, probleme: list[str]) -> Landkreisdaten:
    name = path.name
    _check_keys(name, "", roh, "")
    if not isinstance(roh["stand"], dt.date):
        raise ParameterDateiFehler(f"{stelle('stand')}: stand: {kurz(roh['stand'])} ist kein Datum JJJJ-MM-TT")
    for key in ("landkreis", "quelle"):
        if not isinstance(roh[key], str) or not roh[key].strip():
            raise ParameterDateiFehler(f"{stelle(key)}: {key}: {kurz(roh[key])} (erlaubt: ein Text)")
    referenz = roh.get("referenz")
    if referenz is not None and (not isinstance(referenz, str) or referenz not in referenzen()):
        raise ParameterDateiFehler(
            f"{stelle('referenz')}: referenz: {kurz(referenz)} unbekannt (erlaubt: {', '.join(referenzen())}; "
            "ohne Vergleich mit einer Drucksache die Zeile weglassen)")

    if not isinstance(roh["heime"], dict) or "durchschnitt" not in roh["heime"]:
        raise ParameterDateiFehler(f"{name}: heime: braucht mindestens 'durchschnitt'")
    # plain (undated) amounts apply from `gilt_ab` (e.g. the first day of the year the prices are
    # of), else from the file's `stand`
    stand, quelle = roh.get("gilt_ab", roh["stand"]), str(roh["quelle"])
    if not isinstance(stand, dt.date):
        raise ParameterDateiFehler(f"{stelle('gilt_ab')}: gilt_ab: {kurz(stand)} ist kein Datum JJJJ-MM-TT")
    reihen: dict[str, tuple[Eintrag, ...]] = {}

    def betrag(ort: str, wert):
        try:
            return pruefe_plausibel(stelle(ort), ort, wert)
        except ParameterDateiFehler as exc:
            probleme.append(str(exc))  # every value is checked; all problems are raised together
            return Decimal(0) if plausibel_schluessel(ort).split(".")[-1].isdigit() else 0

    def datiert(ort: str, roh_wert, umwandeln=betrag) -> tuple[Eintrag, ...]:
        reihen[ort] = _datiert(name, ort, roh_wert, stand, quelle, umwandeln)
        return reihen[ort]

    bezeichnungen = {}
    for key, heim in roh["heime"].items():
        _check_keys(name, f"heime.{key}", heim, "heim")
        teile = [t for t in HEIM_TEILE if t in heim]
        if ("sonstige_heimkosten_m" in heim) == bool(teile) or teile and len(teile) != len(HEIM_TEILE):
            raise ParameterDateiFehler(
                f"{name}: heime.{key}: entweder sonstige_heimkosten_m oder alle drei Teile "
                f"({', '.join(HEIM_TEILE)}) angeben")
        bezeichnungen[key] = str(heim["bezeichnung"])
        for f in ("eee_m", "ausbildungszuschlag_m", "sonstige_heimkosten_m", *HEIM_TEILE):
            if f in heim:
                datiert(f"heime.{key}.{f}", heim[f])

    _check_keys(name, "grundsicherung", roh["grundsicherung"], "grundsicherung")
    datiert("grundsicherung.warmmiete_m", roh["grundsicherung"]["warmmiete_m"])
    wg = roh["wg"]
    _check_keys(name, "wg", wg, "wg")
    datiert("wg.unterkunftskosten_m", wg["unterkunftskosten_m"])
    datiert("wg.praesenzkraft_stundensatz", wg["praesenzkraft_stundensatz"])

    datiert("wg.praesenzkraft_tage_pro_monat", wg["praesenzkraft_tage_pro_monat"])
    pflegerechnung = None
    if "pflegerechnung_m" in wg:
        roh_pr = wg["pflegerechnung_m"]
        if not isinstance(roh_pr, dict) or set(roh_pr) != set(PFLEGEGRADE):
            raise ParameterDateiFehler(f"{name}: wg.pflegerechnung_m: braucht je einen Betrag für Pflegegrad 2, 3, 4 und 5")
        pflegerechnung = {pg: datiert(f"wg.pflegerechnung_m.{pg}", roh_pr[pg])[-1].wert for pg in PFLEGEGRADE}
    bewohner = betrag("wg.bewohner_standard", wg["bewohner_standard"])
    quote = wg["einsatzquote"]
    if not isinstance(quote, dict) or set(quote) != set(PFLEGEGRADE):
        raise ParameterDateiFehler(f"{name}: wg.einsatzquote: braucht je einen Wert für Pflegegrad 2, 3, 4 und 5")
    einsatzquote = {pg: betrag(f"wg.einsatzquote.{pg}", f) for pg, f in sorted(quote.items())}

    faelle = []
    if not isinstance(roh.get("faelle") or [], list):
        raise ParameterDateiFehler(f"{name}: faelle: erwartet eine Liste von Fällen")
    for i, fall in enumerate(roh.get("faelle") or []):
        _check_keys(name, f"faelle[{i}]", fall, "fall")
        if isinstance(fall["nr"], bool) or not isinstance(fall["nr"], int):
            raise ParameterDateiFehler(f"{name}: faelle[{i}].nr: {kurz(fall['nr'])} ist keine ganze Zahl")
        faelle.append(Fall(fall["nr"], betrag(f"faelle[{i}].einkommen_m", fall["einkommen_m"]), str(fall["bezeichnung"])))

    def _nebendatei(key):
        if not roh.get(key):
            return None
        if not isinstance(roh[key], str):
            raise ParameterDateiFehler(f"{name}: {key}: {kurz(roh[key])} (erlaubt: ein Dateiname, relativ zu {name})")
        return path.parent / roh[key]

    lohn = _datiert(name, "indizes.lohn", (roh.get("indizes") or {}).get("lohn"), stand, quelle, betrag) \
        if (roh.get("indizes") or {}).get("lohn") is not None else ()
    if roh.get("indizes") is not None and (not isinstance(roh["indizes"], dict) or set(roh["indizes"]) - {"lohn", "ausbildung_brueckenfaktor"}):
        raise ParameterDateiFehler(f"{name}: indizes: erlaubt sind lohn und ausbildung_brueckenfaktor")
    daten = Landkreisdaten(
        datei=path,
        landkreis=str(roh["landkreis"]),
        stand=roh["stand"],
        quelle=quelle,
        heime=MappingProxyType({k: Heim(bezeichnungen[k], 0, 0, 0) for k in bezeichnungen}),
        warmmiete_m=0,
        wg_unterkunftskosten_m=0,
        praesenzkraft_stundensatz=0,
        praesenzkraft_tage_pro_monat=Decimal(0),
        bewohner_standard=bewohner,
        einsatzquote=MappingProxyType(einsatzquote),
        faelle=tuple(faelle),
        wg_register_datei=_nebendatei("wg_register"),
        wg_pflegerechnung_m=None if pflegerechnung is None else MappingProxyType(pflegerechnung),
        sitzungen_datei=_nebendatei("sitzungen"),
        referenz=referenz,
        reihen=MappingProxyType(reihen),
    )
    if probleme:
        return daten  # not complete: the caller raises the problems
    eigener_index = preisindex_aus(daten, roh.get("indizes") or {}, lohn) if path.name == LANDESDATEINAME else None
    index = eigener_index or _preisindex_laden(path, roh.get("preisindex"), name)
    return _snapshot(replace(daten, index=index), None)


def _preisindex_laden(path: Path, angabe, name: str) -> Preisindex | None:
    """The county's price index: the file named by `preisindex:` (relative to the county file),
    else the state file in data/ of the project folder; None if there is none."""
    if angabe:
        datei = path.parent / str(angabe)
        if not datei.is_file():
            raise ParameterDateiFehler(f"{name}: preisindex: Datei {datei.name} nicht gefunden")
    else:
        try:
            datei = orte.datenordner() / LANDESDATEINAME
        except orte.ProjektordnerFehler:
            return None
        if not datei.is_file():
            return None
    return _index_der_datei(str(datei.resolve()), datei.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _index_der_datei(pfad: str, _mtime: int) -> Preisindex | None:
    return load_landkreis(pfad).index


def preisindex_aus(daten: Landkreisdaten, indizes: dict, lohn: tuple[Eintrag, ...]) -> Preisindex:
    """The price index of the state averages (`data/baden_wuerttemberg.yaml`): per date the
    average home's EEE + Ausbildung (vdek counts the Ausbildungskosten only from 07/2024 on; dates
    without them are scaled by `ausbildung_brueckenfaktor`), U+V, Investitionskosten, their sum,
    and the wage series `lohn` (Pflegemindestlohn)."""
    brueckenfaktor = Fraction(str((indizes.get("ausbildung_brueckenfaktor") or {}).get("wert", 1)))
    r = daten.reihen
    h = "heime.durchschnitt."

    def am(key, tag):
        return eintrag_am(r[key], tag)[0] if key in r else None

    def tage(*keys):
        return sorted({e.gilt_ab for k in keys if k in r for e in r[k]})

    reihen: dict[str, tuple] = {}
    pflege = []
    for tag in tage(h + "eee_m", h + "ausbildungszuschlag_m"):
        eee, ausb = am(h + "eee_m", tag), am(h + "ausbildungszuschlag_m", tag)
        faktor = brueckenfaktor if eee.ausbildung_enthalten is False else Fraction(1)
        pflege.append((tag, (Fraction(eee.wert) + Fraction(ausb.wert)) * faktor))
    reihen["pflegebedingt"] = tuple(pflege)
    for name, keys in (("unterkunft_verpflegung", ("unterkunft_verpflegung_m",)), ("investitionskosten", ("investitionskosten_m",)),
                       ("unterkunft_investition", ("unterkunft_verpflegung_m", "investitionskosten_m"))):
        if all(h + k in r for k in keys):
            reihen[name] = tuple((tag, Fraction(sum(am(h + k, tag).wert for k in keys))) for tag in tage(*(h + k for k in keys)))
    reihen["lohn"] = tuple((e.gilt_ab, Fraction(e.wert)) for e in lohn)
    return Preisindex(MappingProxyType(reihen), daten.datei.name)


#: the snapshot field that holds each dated amount of the county file
_FELD = {
    "grundsicherung.warmmiete_m": "warmmiete_m",
    "wg.unterkunftskosten_m": "wg_unterkunftskosten_m",
    "wg.praesenzkraft_stundensatz": "praesenzkraft_stundensatz",
    "wg.praesenzkraft_tage_pro_monat": "praesenzkraft_tage_pro_monat",
}


def _aktueller_wert(daten: Landkreisdaten, key: str):
    """The value of a loaded object's field for `key` (the newest entry, unless replaced in code)."""
    if key.startswith("heime."):
        _, heim, teil = key.split(".")
        return getattr(daten.heime[heim], teil)
    if key.startswith(PFLEGERECHNUNG + "."):
        return daten.wg_pflegerechnung_m[int(key.rsplit(".", 1)[1])]
    return getattr(daten, _FELD[key])


#: key prefix of the dated care bill per Pflegegrad (wg.pflegerechnung_m.2 … .5)
PFLEGERECHNUNG = "wg.pflegerechnung_m"


def _index_name(key: str) -> str | None:
    """The price index that carries a county amount forward (by the last part of its key; the
    care bill per Pflegegrad by its name)."""
    if key.startswith(PFLEGERECHNUNG + "."):
        return INDEX_FUER.get("pflegerechnung_m")
    return INDEX_FUER.get(key.rsplit(".", 1)[-1])


def _snapshot(daten: Landkreisdaten, stichtag: dt.date | None) -> Landkreisdaten:
    """The amounts in force on `stichtag` (None: the newest entries), carried forward with the
    index after the newest entry of each amount. Where the newest entry applies, a loaded object
    contributes its field value (so `dataclasses.replace` on loaded data is honoured)."""
    genutzt: list[Eintrag] = []
    indizes: set[str] = set()
    index_bis: list[dt.date] = []
    vor_stand = False

    def wert(key: str):
        nonlocal vor_stand
        reihe = daten.reihen[key]
        if stichtag is None:
            e, vorher = reihe[-1], False
        else:
            e, vorher = eintrag_am(reihe, stichtag)
        vor_stand |= vorher
        genutzt.append(e)
        if stichtag is None or e is not reihe[-1]:
            return e.wert
        basiswert = _aktueller_wert(daten, key)
        name = _index_name(key)
        f = None if name is None or daten.index is None else daten.index.faktor(name, e.gilt_ab, stichtag)
        if f is None or basiswert == 0:
            return basiswert
        indizes.add(name)
        index_bis.append(f[1])
        return fortschreiben_cent(basiswert, f[0])

    heime = {}
    for key, alt in daten.heime.items():
        teile = {t: wert(f"heime.{key}.{t}") for t in HEIM_TEILE if f"heime.{key}.{t}" in daten.reihen}
        sonstige = sum(teile.values()) if teile else wert(f"heime.{key}.sonstige_heimkosten_m")
        heime[key] = Heim(alt.bezeichnung, wert(f"heime.{key}.eee_m"), wert(f"heime.{key}.ausbildungszuschlag_m"),
                          sonstige, **teile)
    neu = replace(
        daten,
        heime=MappingProxyType(heime),
        warmmiete_m=wert("grundsicherung.warmmiete_m"),
        wg_unterkunftskosten_m=wert("wg.unterkunftskosten_m"),
        praesenzkraft_stundensatz=wert("wg.praesenzkraft_stundensatz"),
        praesenzkraft_tage_pro_monat=wert("wg.praesenzkraft_tage_pro_monat"),
        wg_pflegerechnung_m=(MappingProxyType({pg: wert(f"{PFLEGERECHNUNG}.{pg}") for pg in PFLEGEGRADE})
                             if f"{PFLEGERECHNUNG}.2" in daten.reihen else None),
        stichtag=stichtag,
    )
    neuester = max(genutzt, key=lambda e: e.gilt_ab)
    quellen = "; ".join(dict.fromkeys(e.quelle for e in genutzt if e.gilt_ab == neuester.gilt_ab))
    preise = Preisstand(
        stand=neuester.gilt_ab, quelle=quellen, fortgeschrieben=bool(indizes),
        index_bis=max(index_bis) if index_bis else None, indizes=tuple(sorted(indizes)),
        vor_stand=vor_stand, stichtag=stichtag or neuester.gilt_ab,
    )
    return replace(neu, preise=preise)


def load_wg_register(daten: Landkreisdaten | str | Path) -> pd.DataFrame:
    """The county's WG register as a DataFrame (unknown values are <NA>, never '?').

    Read by the one CSV reader (UTF-8 or Windows-1252, `,` or `;`); typ and status also in the
    spellings the report prints (anbietergestützt, in Planung). Errors name file, line, column,
    value and the allowed values.
    """
    import pandas as pd  # only here: the report process reads county files, rarely the register (0,5 s less)

    path = daten.wg_register_datei if isinstance(daten, Landkreisdaten) else Path(daten)
    if path is None:
        raise ParameterDateiFehler("wg_register: die Kreisdatei nennt kein WG-Register")
    csv = lese_tabelle(path, REGISTER_SPALTEN, "wg_register", optional=REGISTER_OPTIONAL, blatt=REGISTER_BLATT,
                       titel=REGISTER_TITEL)
    alle_spalten = REGISTER_SPALTEN + REGISTER_OPTIONAL
    spalten: dict[str, list] = {k: [] for k in alle_spalten}
    probleme: list[str] = []  # every problem of the register, raised together
    for nr, row in csv.zeilen:
        fehler_vorher = len(probleme)
        for k, v in row.items():
            if "?" in v:
                probleme.append(f"{csv.name}: Zeile {nr}: '?' ist kein Wert (Spalte {k}); unbekannte Angaben leer lassen")
        typ = TYP_SCHREIBWEISEN.get(row["typ"].lower())
        if typ is None:
            probleme.append(str(csv.fehler(nr, "typ", row["typ"], "selbstverantwortet, anbietergestützt")))
        status = STATUS_SCHREIBWEISEN.get(row["status"].lower())
        if status is None:
            probleme.append(str(csv.fehler(nr, "status", row["status"], "bestehend, geplant (auch: in Planung)")))
        if not (row["nr"].isdigit() and row["nr"].isascii()):
            probleme.append(str(csv.fehler(nr, "nr", row["nr"], "eine ganze Zahl ab 0")))
        if row["plz"] and not (len(row["plz"]) == 5 and row["plz"].isdigit() and row["plz"].isascii()):
            probleme.append(str(csv.fehler(nr, "plz", row["plz"], "fünf Ziffern oder leer")))
        if row["plaetze"] and not (row["plaetze"].isdigit() and row["plaetze"].isascii() and 1 <= int(row["plaetze"]) <= 12):
            probleme.append(str(csv.fehler(nr, "plaetze", row["plaetze"], "1 bis 12 oder leer")))
        stunden = row["praesenz_stunden_tag"]
        if stunden and not (stunden.isdigit() and stunden.isascii() and 0 <= int(stunden) <= 48):
            probleme.append(str(csv.fehler(nr, "praesenz_stunden_tag", stunden, "0 bis 48 Stunden je Tag oder leer")))
        if not row["name"] and not row["ort"]:
            probleme.append(f"{csv.name}: Zeile {nr}: name oder ort muss angegeben sein")
        if len(probleme) > fehler_vorher:
            continue
        werte = {**row, "typ": typ, "status": status}
        for k in alle_spalten:
            spalten[k].append(werte[k] or None)
    if probleme:
        raise fehlerliste(probleme)
    df = pd.DataFrame({k: pd.Series(v, dtype="str") for k, v in spalten.items()}, columns=list(alle_spalten))
    df["nr"] = pd.array([int(v) for v in spalten["nr"]], dtype="Int64")
    df["plaetze"] = pd.array([int(v) if v else None for v in spalten["plaetze"]], dtype="Int64")
    df["praesenz_stunden_tag"] = pd.array([int(v) if v else None for v in spalten["praesenz_stunden_tag"]], dtype="Int64")
    return df
