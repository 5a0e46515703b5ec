"""The tables of a county file: keys, plausible ranges (`PLAUSIBEL`) and the one check per value
(`pruefe_plausibel`), register columns, the reference papers. Shared by the YAML reader
(`landkreis`) and the Excel reader (`kreisdaten_excel`), so that neither imports the other;
`pflegewg.modell.landkreis` re-exports every name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..basis.dateien import ParameterDateiFehler, kurz
from ..basis.format import euro, zahl

#: the default county file, in data/ of the project folder (pflegewg.basis.orte)
STANDARD_DATEINAME = "landkreis_konstanz.yaml"
#: the state averages (vdek, Baden-Württemberg): a complete county file and the default price index
LANDESDATEINAME = "baden_wuerttemberg.yaml"
#: papers the model is checked against (package data, `<name>.yaml`); a county file names one
#: with `referenz: <name>`, and only then does its report hold the comparison (chapter Abgleich)
REFERENZORDNER = Path(__file__).with_name("drucksache")
#: county data as an Excel workbook (`pflegewg vorlage`), read by `pflegewg.modell.kreisdaten_excel`
EXCEL_ENDUNGEN = (".xlsx", ".xlsm")


def referenzen() -> tuple[str, ...]:
    """Names of the papers a county file may name as `referenz:` (e.g. drucksache_2023_020)."""
    return tuple(sorted(p.stem for p in REFERENZORDNER.glob("*.yaml")))

HEIME = ("durchschnitt", "teuerste")
PFLEGEGRADE = (2, 3, 4, 5)

_SCHEMA = {
    "": {"landkreis", "stand", "gilt_ab", "quelle", "wg_register", "sitzungen", "heime", "grundsicherung", "wg", "faelle",
         "preisindex", "indizes", "referenz"},
    "heim": {"bezeichnung", "eee_m", "ausbildungszuschlag_m", "sonstige_heimkosten_m",
             "unterkunft_verpflegung_m", "investitionskosten_m", "bekleidung_sonstige_m"},
    "grundsicherung": {"warmmiete_m"},
    "wg": {
        "unterkunftskosten_m", "praesenzkraft_stundensatz", "praesenzkraft_tage_pro_monat",
        "bewohner_standard", "einsatzquote", "pflegerechnung_m",
    },
    "fall": {"nr", "einkommen_m", "bezeichnung"},
}
_OPTIONAL = {
    "": {"sitzungen", "faelle", "wg_register", "preisindex", "indizes", "gilt_ab", "referenz"},
    # the care bill in the WG (Vollkosten) is optional: the paper's comparison does not need it
    "wg": {"pflegerechnung_m"},
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
#: the register's sheet in a county workbook and its German column titles (the keys are accepted too)
REGISTER_BLATT = "WG-Register"
REGISTER_TITEL = {
    "nr": "Nr", "name": "Name", "strasse": "Straße", "plz": "PLZ", "ort": "Ort", "typ": "Typ", "status": "Status",
    "eroeffnung": "Eröffnung", "plaetze": "Plätze", "zielgruppe": "Zielgruppe", "betreiber": "Betreiber",
    "bemerkung": "Bemerkung", "praesenz_stunden_tag": "Präsenzstunden je Tag",
}
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
    "heime.*.unterkunft_verpflegung_m": _b(200, 3000, EURO_M, "Unterkunft und Verpflegung; vdek BW 01/2026 rund 1.128 €"),
    "heime.*.investitionskosten_m": _b(0, 2000, EURO_M, "Investitionskosten; vdek BW 01/2026 461 €"),
    "heime.*.bekleidung_sonstige_m": _b(0, 500, EURO_M, "Bekleidung und Sonstiges"),
    "indizes.lohn": _b(5, 100, EURO_STD, "Lohnindex (Pflegemindestlohn 2022–2027: 12,00 bis 16,95 €)"),
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
    **{f"wg.pflegerechnung_m.{pg}": _b(0, 8000, EURO_M,
                                      "Rechnung des Pflegedienstes je WG-Bewohner ohne Präsenzkraft; "
                                      "Pflegesachleistung § 36 SGB XI 2025: 796 bis 2.299 €")
       for pg in (2, 3, 4, 5)},
}


def plausibel_schluessel(ort: str) -> str:
    """The PLAUSIBEL key of a place in the file: heime.teuerste.eee_m -> heime.*.eee_m; a dated
    entry heime.durchschnitt.eee_m[2].wert -> heime.*.eee_m."""
    ort = re.sub(r"\[\d+\]\.wert$", "", ort)
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
