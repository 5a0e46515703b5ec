"""County inputs (Kreisdaten): one dated YAML file per county plus its WG register (CSV).

`load_landkreis(path)` validates the file and returns an immutable `Landkreisdaten` with
amounts in integer cents; `load_wg_register(daten)` returns the register as a DataFrame.
Nothing here is law: these are the county's own, dated figures.

Every amount may be one value (valid from the file's `stand`) or a list of dated entries
`[{gilt_ab: JJJJ-MM-TT, wert: …, quelle: "…"}, …]`. `Landkreisdaten.zum(stichtag)` returns the
snapshot for a Stichtag: the entry in force, carried forward with the price index after the
county's newest entry (`pflegewg.modell.preise`); `preise` says what the prices rest on.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import pandas as pd

from ..basis import orte
from ..basis.dateien import ParameterDateiFehler, load_yaml, to_decimal
from ..basis.geld import _one_as_cents
from .preise import (
    INDEX_FUER,
    Eintrag,
    Preisindex,
    Preisstand,
    eintrag_am,
    fortschreiben_cent,
)

#: the default county file, in data/ of the project folder (pflegewg.basis.orte)
STANDARD_DATEINAME = "landkreis_konstanz.yaml"
#: the state averages (vdek, Baden-Württemberg): a complete county file and the default price index
LANDESDATEINAME = "baden_wuerttemberg.yaml"

HEIME = ("durchschnitt", "teuerste")
PFLEGEGRADE = (2, 3, 4, 5)

_SCHEMA = {
    "": {"landkreis", "stand", "gilt_ab", "quelle", "wg_register", "sitzungen", "heime", "grundsicherung", "wg", "faelle",
         "preisindex", "indizes"},
    "heim": {"bezeichnung", "eee_m", "ausbildungszuschlag_m", "sonstige_heimkosten_m",
             "unterkunft_verpflegung_m", "investitionskosten_m", "bekleidung_sonstige_m"},
    "grundsicherung": {"warmmiete_m"},
    "wg": {
        "unterkunftskosten_m", "praesenzkraft_stundensatz", "praesenzkraft_tage_pro_monat",
        "bewohner_standard", "einsatzquote",
    },
    "fall": {"nr", "einkommen_m", "bezeichnung"},
}
_OPTIONAL = {
    "": {"sitzungen", "faelle", "wg_register", "preisindex", "indizes", "gilt_ab"},
    # either sonstige_heimkosten_m (all together, as the paper) or the three parts
    "heim": {"sonstige_heimkosten_m", "unterkunft_verpflegung_m", "investitionskosten_m", "bekleidung_sonstige_m"},
}
HEIM_TEILE = ("unterkunft_verpflegung_m", "investitionskosten_m", "bekleidung_sonstige_m")
#: keys of a dated entry; `ausbildung_enthalten` only for the state averages (vdek's method changed)
EINTRAG_SCHLUESSEL = {"gilt_ab", "wert", "quelle", "ausbildung_enthalten"}

REGISTER_SPALTEN = (
    "nr", "name", "strasse", "plz", "ort", "typ", "status", "eroeffnung", "plaetze",
    "zielgruppe", "betreiber", "bemerkung",
)
#: optional register columns (a register without them is valid; missing = unknown)
REGISTER_OPTIONAL = ("praesenz_stunden_tag",)
TYPEN = ("selbstverantwortet", "anbietergestuetzt")
STATUS = ("bestehend", "geplant")


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
    #: every dated amount by key path ("heime.durchschnitt.eee_m", "wg.praesenzkraft_stundensatz", …)
    reihen: Mapping[str, tuple[Eintrag, ...]] = field(default_factory=dict, repr=False)
    #: the price index for the Fortschreibung (None: none found, values stay at the newest entry)
    index: Preisindex | None = field(default=None, repr=False)
    #: the Stichtag of this snapshot (None: the newest entries, as loaded)
    stichtag: dt.date | None = None
    preise: Preisstand | None = None
    _schnappschuesse: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _basis: "Landkreisdaten | None" = field(default=None, init=False, repr=False, compare=False)

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
    # plain (undated) amounts apply from `gilt_ab` (e.g. the first day of the year the prices are
    # of), else from the file's `stand`
    stand, quelle = roh.get("gilt_ab", roh["stand"]), str(roh["quelle"])
    if not isinstance(stand, dt.date):
        raise ParameterDateiFehler(f"{name}: gilt_ab: {stand!r} ist kein Datum JJJJ-MM-TT")
    reihen: dict[str, tuple[Eintrag, ...]] = {}

    def betrag(ort: str, wert) -> int:
        return _betrag(name, ort, wert)

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

    def tage(ort, wert) -> Decimal:
        wert = to_decimal(wert)
        if not Decimal(1) <= wert <= Decimal(31):
            raise ParameterDateiFehler(f"{name}: {ort}: {wert} (erlaubt: 1 bis 31)")
        return wert

    datiert("wg.praesenzkraft_tage_pro_monat", wg["praesenzkraft_tage_pro_monat"], tage)
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
        sitzungen_datei=_nebendatei("sitzungen"),
        reihen=MappingProxyType(reihen),
    )
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
    return getattr(daten, _FELD[key])


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
        name = INDEX_FUER.get(key.rsplit(".", 1)[-1])
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
    """The county's WG register as a DataFrame (unknown values are <NA>, never '?')."""
    path = daten.wg_register_datei if isinstance(daten, Landkreisdaten) else Path(daten)
    if path is None:
        raise ParameterDateiFehler("wg_register: die Kreisdatei nennt kein WG-Register")
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    name = Path(path).name
    if tuple(df.columns[: len(REGISTER_SPALTEN)]) != REGISTER_SPALTEN or not set(df.columns[len(REGISTER_SPALTEN):]) <= set(REGISTER_OPTIONAL):
        raise ParameterDateiFehler(f"{name}: Spalten {list(df.columns)} (erwartet: {list(REGISTER_SPALTEN)}, "
                                   f"danach wahlweise {', '.join(REGISTER_OPTIONAL)})")
    for spalte in REGISTER_OPTIONAL:
        if spalte not in df.columns:
            df[spalte] = ""
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
        stunden = row["praesenz_stunden_tag"]
        if pd.notna(stunden) and not (stunden.isdigit() and 0 <= int(stunden) <= 48):
            raise ParameterDateiFehler(f"{zeile}: praesenz_stunden_tag {stunden!r} (erlaubt: 0 bis 48 Stunden je Tag oder leer)")
        if pd.isna(row["name"]) and pd.isna(row["ort"]):
            raise ParameterDateiFehler(f"{zeile}: name oder ort muss angegeben sein")
    df["nr"] = df["nr"].astype("Int64")
    df["plaetze"] = df["plaetze"].astype("Int64")
    df["praesenz_stunden_tag"] = df["praesenz_stunden_tag"].astype("Int64")
    return df
