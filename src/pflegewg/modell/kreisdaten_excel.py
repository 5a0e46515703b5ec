"""County data as an Excel workbook: the template a planner fills in (`vorlage_schreiben`, command
`pflegewg vorlage`) and its reader (`lese_arbeitsmappe`), which turns the workbook into the same
raw contents a YAML county file has, so that `load_landkreis` checks both alike and returns the
same `Landkreisdaten`.

Sheets (German names):
- **Kreiswerte**: one row per value — Schlüssel, Bezeichnung, Wert, Einheit, erlaubt (from
  `PLAUSIBEL`, the one table of plausible ranges), Quelle, gilt ab. Several rows with the same key
  and different "gilt ab" are a dated series (as `[{gilt_ab, wert, quelle}, …]` in YAML); a row
  without "gilt ab" applies from the row `gilt_ab` (else `stand`). An empty Wert leaves the value out.
- **WG-Register**, **Sitzungen**: the register and the session calendar, the columns of the CSV
  files (German titles or the keys).
- **Fallbeispiele**: Nr, Einkommen, Bezeichnung (optional).
- **Anleitung**: how to fill it in (not read).

The template is pre-filled with the Landesdurchschnitt of Baden-Württemberg (`data/baden_wuerttemberg.yaml`,
vdek) where one exists; every other value is the state file's example value, marked ANNAHME in its
source, so that the template computes at once (`pflegewg fall --daten vorlage.xlsx …`).

Every problem of the workbook (sheet, row, column, value, allowed range) is collected and raised
together (`ParameterDateiFehler.probleme`).
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..basis import orte
from ..basis.dateien import ParameterDateiFehler, fehlerliste, kurz, load_yaml
from ..basis.xlsx_lesen import FORMEL_OHNE_WERT, oeffnen
from .kreiswerte import (
    HEIM_TEILE,
    HEIME,
    LANDESDATEINAME,
    PFLEGEGRADE,
    PLAUSIBEL,
    REGISTER_BLATT,
    REGISTER_OPTIONAL,
    REGISTER_SPALTEN,
    REGISTER_TITEL,
    plausibel_schluessel,
    pruefe_plausibel,
    referenzen,
)
from .sitzungen import BLATT as SITZUNGEN_BLATT
from .sitzungen import SPALTEN as SITZUNGEN_SPALTEN
from .sitzungen import TITEL as SITZUNGEN_TITEL
from .sitzungen import datum_aus_text

WERTE_BLATT = "Kreiswerte"
FAELLE_BLATT = "Fallbeispiele"
ANLEITUNG_BLATT = "Anleitung"
#: columns of the sheet Kreiswerte, in this order
WERTE_SPALTEN = ("Schlüssel", "Bezeichnung", "Wert", "Einheit", "erlaubt", "Quelle", "gilt ab")
FAELLE_SPALTEN = ("Nr", "Einkommen (€ je Monat)", "Bezeichnung")

TEXT, DATUM, BETRAG = "Text", "Datum", "Betrag"

_HEIM_TEXT = {"durchschnitt": "Durchschnittsheim", "teuerste": "teuerstes Heim"}
_TEIL_TEXT = {
    "bezeichnung": "Bezeichnung",
    "eee_m": "Einrichtungseinheitlicher Eigenanteil (EEE, vor Leistungszuschlag)",
    "ausbildungszuschlag_m": "Ausbildungszuschlag",
    "sonstige_heimkosten_m": "Unterkunft, Verpflegung, Investition, Bekleidung zusammen (oder die drei Teile)",
    "unterkunft_verpflegung_m": "Unterkunft und Verpflegung",
    "investitionskosten_m": "Investitionskosten",
    "bekleidung_sonstige_m": "Bekleidung und Sonstiges",
}


def _schluessel() -> dict[str, tuple[str, str, bool]]:
    """key -> (German label, kind, required) of every row the sheet Kreiswerte may have."""
    k: dict[str, tuple[str, str, bool]] = {
        "landkreis": ("Name des Landkreises", TEXT, True),
        "stand": ("Stand der Daten (Datum)", DATUM, True),
        "gilt_ab": ("Werte ohne eigenes Datum gelten ab", DATUM, False),
        "quelle": ("Quelle der Kreisdaten", TEXT, True),
        "referenz": ("Drucksache, die diese Daten nachrechnen (nur dann Kapitel Abgleich; sonst leer)", TEXT, False),
    }
    for heim in HEIME:
        for teil in ("bezeichnung", "eee_m", "ausbildungszuschlag_m", "sonstige_heimkosten_m", *HEIM_TEILE):
            pflicht = heim == "durchschnitt" and teil in ("bezeichnung", "eee_m", "ausbildungszuschlag_m")
            k[f"heime.{heim}.{teil}"] = (f"{_HEIM_TEXT[heim]}: {_TEIL_TEXT[teil]}", TEXT if teil == "bezeichnung" else BETRAG, pflicht)
    k["grundsicherung.warmmiete_m"] = ("Warmmiete eines Einpersonenhaushalts (Grundsicherung, § 42 Nr. 4 SGB XII)", BETRAG, True)
    k["wg.unterkunftskosten_m"] = ("Unterkunftskosten (warm) eines WG-Bewohners (§ 85 Abs. 1 SGB XII)", BETRAG, True)
    k["wg.praesenzkraft_stundensatz"] = ("Stundensatz der Präsenzkraft", BETRAG, True)
    k["wg.praesenzkraft_tage_pro_monat"] = ("Tage je Monat der Präsenzkraft", BETRAG, True)
    k["wg.bewohner_standard"] = ("Bewohner einer WG (Standard für Fallbeispiele)", BETRAG, True)
    for pg in PFLEGEGRADE:
        k[f"wg.einsatzquote.{pg}"] = (f"Einsatzquote des Einkommens über der Grenze, Pflegegrad {pg} (§ 87 SGB XII)", BETRAG, True)
    return k


SCHLUESSEL = _schluessel()
#: keys that may have several rows with different "gilt ab" (the dated amounts of a county file)
DATIERBAR = {k for k, (_, art, _) in SCHLUESSEL.items() if art == BETRAG
             and k not in ("wg.bewohner_standard", *(f"wg.einsatzquote.{pg}" for pg in PFLEGEGRADE))}


# --- reading --------------------------------------------------------------------------------


def _zahl(wert):
    """A cell as a number for `pruefe_plausibel`: int, exact Decimal (a float via its shortest repr,
    so 22.5 stays 22.5), a text like '22,50' or '22.50' as Decimal; any other text stays text."""
    if isinstance(wert, bool):
        return wert
    if isinstance(wert, float):
        return int(wert) if wert.is_integer() else Decimal(repr(wert))
    if isinstance(wert, str):
        t = wert.strip().replace("\u00a0", "").removesuffix("€").strip()
        if re.fullmatch(r"-?\d+([.,]\d+)?", t) and not re.fullmatch(r"-?\d+[.,]\d{3}", t):
            try:
                d = Decimal(t.replace(",", "."))
            except InvalidOperation:
                return wert
            return int(d) if d == d.to_integral_value() and "," not in t and "." not in t else d
        return wert
    return wert


def _datum(wert) -> dt.date | None:
    if isinstance(wert, dt.datetime):
        return wert.date()
    if isinstance(wert, dt.date):
        return wert
    if isinstance(wert, str):
        return datum_aus_text(wert)
    return None


def lese_arbeitsmappe(pfad: str | Path) -> tuple[dict, dict[str, str]]:
    """(raw county contents as YAML would give them, {key path: 'file, Blatt …, Zeile …, Spalte …'}).

    Raises one ParameterDateiFehler with every problem of the sheets Kreiswerte and Fallbeispiele
    (unknown or missing keys, formulas without a value, dates, duplicate rows, values outside
    PLAUSIBEL). The register and calendar sheets are read when they are used (`load_wg_register`,
    `load_sitzungen`), by the same code as their CSV files."""
    mappe = oeffnen(pfad)
    probleme: list[str] = []
    stellen: dict[str, str] = {}
    if not mappe.hat_blatt(WERTE_BLATT):
        raise ParameterDateiFehler(
            f"{mappe.name}: Blatt {WERTE_BLATT} fehlt (vorhanden: {', '.join(mappe.werte.sheetnames)}; "
            "eine Vorlage schreibt pflegewg vorlage --ausgabe DATEI.xlsx)")
    zeilen = list(mappe.zeilen(WERTE_BLATT, probleme))
    spalte = _spalten(mappe, WERTE_BLATT, zeilen, WERTE_SPALTEN, ("Schlüssel", "Wert"), probleme)
    if spalte is None:
        raise fehlerliste(probleme)

    def zelle(werte, titel):
        i = spalte.get(titel)
        return werte[i] if i is not None and i < len(werte) else None

    eintraege: dict[str, list[tuple[int, object, object, object]]] = {}
    gemeldet: set[str] = set()  # keys whose value is a formula without a stored value (reported)
    for nr, werte in zeilen[1:]:
        key = zelle(werte, "Schlüssel")
        key = str(key).strip() if key is not None else ""
        wert = zelle(werte, "Wert")
        if not key:
            if wert not in (None, ""):
                probleme.append(f"{mappe.ort(WERTE_BLATT, nr, 'Schlüssel')}: leer, aber Wert {kurz(wert)} eingetragen "
                                "(erlaubt: ein Schlüssel der Vorlage)")
            continue
        if key not in SCHLUESSEL:
            probleme.append(f"{mappe.ort(WERTE_BLATT, nr, 'Schlüssel')}: {kurz(key)} unbekannt "
                            "(erlaubt: die Schlüssel der Vorlage, pflegewg vorlage)")
            continue
        if wert is FORMEL_OHNE_WERT or FORMEL_OHNE_WERT in (zelle(werte, "gilt ab"), zelle(werte, "Quelle")):
            gemeldet.add(key)
            continue
        if wert is None or (isinstance(wert, str) and not wert.strip()):
            continue  # an empty value leaves it out (e.g. the parts of the home costs, or no reference)
        eintraege.setdefault(key, []).append((nr, wert, zelle(werte, "Quelle"), zelle(werte, "gilt ab")))

    roh: dict = {"heime": {}, "grundsicherung": {}, "wg": {"einsatzquote": {}}}
    for key, (label, art, pflicht) in SCHLUESSEL.items():
        liste = eintraege.get(key, [])
        if not liste:
            if pflicht and key not in gemeldet:
                probleme.append(f"{mappe.name}, Blatt {WERTE_BLATT}: Wert für {key} ({label}) fehlt")
            continue
        if len(liste) > 1 and key not in DATIERBAR:
            zeilen_text = ", ".join(str(nr) for nr, *_ in liste)
            probleme.append(f"{mappe.name}, Blatt {WERTE_BLATT}: {key} steht mehrfach (Zeilen {zeilen_text}; erlaubt: "
                            f"eine Zeile{'; mehrere Zeilen mit gilt ab nur für Beträge' if art == BETRAG else ''})")
            continue
        ort = lambda nr, titel="Wert": mappe.ort(WERTE_BLATT, nr, titel)  # noqa: E731
        if art == TEXT:
            nr, wert, *_ = liste[0]
            stellen[key] = ort(nr)
            _setzen(roh, key, str(wert).strip() if not isinstance(wert, str) else wert.strip())
            if key == "referenz" and roh["referenz"] not in referenzen():
                probleme.append(f"{ort(nr)}: referenz: {kurz(roh['referenz'])} unbekannt (erlaubt: "
                                f"{', '.join(referenzen())} oder leer)")
            continue
        if art == DATUM:
            nr, wert, *_ = liste[0]
            stellen[key] = ort(nr)
            tag = _datum(wert)
            if tag is None:
                probleme.append(f"{ort(nr)}: {key}: {kurz(wert)} ist kein Datum (erlaubt: ein Datum, z. B. 01.01.2026)")
            _setzen(roh, key, tag)
            continue
        # amounts: one plain value, or dated rows
        datiert = len(liste) > 1 or liste[0][3] not in (None, "")
        if not datiert:
            nr, wert, *_ = liste[0]
            stellen[key] = ort(nr)
            _pruefen(stellen[key], key, _zahl(wert), probleme)
            _setzen(roh, key, _zahl(wert))
            continue
        reihe = []
        for nr, wert, quelle, gilt_ab in liste:
            tag = _datum(gilt_ab)
            if tag is None:
                probleme.append(f"{ort(nr, 'gilt ab')}: {key}: {kurz(gilt_ab) if gilt_ab is not None else 'leer'} ist kein Datum "
                                "(erlaubt: ein Datum; bei mehreren Zeilen eines Schlüssels braucht jede ihr gilt ab)")
                continue
            reihe.append((tag, nr, wert, quelle))
        reihe.sort(key=lambda e: e[0])
        for (tag, nr, _, _), (tag2, nr2, _, _) in zip(reihe, reihe[1:]):
            if tag == tag2:
                probleme.append(f"{ort(nr2, 'gilt ab')}: {key}: gilt ab {tag:%d.%m.%Y} steht schon in Zeile {nr} "
                                "(erlaubt: je Datum eine Zeile)")
        liste_roh = []
        for i, (tag, nr, wert, quelle) in enumerate(reihe):
            stellen[f"{key}[{i}].wert"] = ort(nr)
            _pruefen(ort(nr), f"{key}[{i}].wert", _zahl(wert), probleme)
            liste_roh.append({"gilt_ab": tag, "wert": _zahl(wert),
                              "quelle": str(quelle).strip() if quelle not in (None, "") else None})
        _setzen(roh, key, liste_roh)

    quelle_datei = roh.get("quelle") or mappe.name
    for key in list(eintraege):
        wert = _holen(roh, key)
        if isinstance(wert, list):
            for e in wert:
                e["quelle"] = e["quelle"] or quelle_datei  # a row without source: the file's source
    for heim in list(roh["heime"]):
        if "bezeichnung" not in roh["heime"][heim]:
            probleme.append(f"{mappe.name}, Blatt {WERTE_BLATT}: Wert für heime.{heim}.bezeichnung fehlt "
                            f"(die Zeilen für {_HEIM_TEXT[heim]} sind teilweise ausgefüllt)")

    roh["faelle"] = _faelle(mappe, probleme, stellen)
    roh["wg_register"] = mappe.name if mappe.hat_blatt(REGISTER_BLATT) else None
    roh["sitzungen"] = mappe.name if mappe.hat_blatt(SITZUNGEN_BLATT) else None
    if not mappe.hat_blatt(REGISTER_BLATT):
        probleme.append(f"{mappe.name}: Blatt {REGISTER_BLATT} fehlt (erlaubt: ein Blatt, auch ohne Zeilen)")
    if probleme:
        raise fehlerliste(probleme)
    if not roh["wg"]["einsatzquote"]:
        del roh["wg"]["einsatzquote"]
    return roh, stellen


def _pruefen(stelle: str, ort: str, wert, probleme: list[str]) -> None:
    try:
        pruefe_plausibel(stelle, ort, wert)
    except ParameterDateiFehler as exc:
        probleme.append(str(exc))


def _setzen(roh: dict, key: str, wert) -> None:
    teile = key.split(".")
    if teile[0] == "heime":
        roh["heime"].setdefault(teile[1], {})[teile[2]] = wert
    elif key.startswith("wg.einsatzquote."):
        roh["wg"]["einsatzquote"][int(teile[2])] = wert
    elif len(teile) == 2:
        roh[teile[0]][teile[1]] = wert
    else:
        roh[key] = wert


def _holen(roh: dict, key: str):
    teile = key.split(".")
    if teile[0] == "heime":
        return roh["heime"].get(teile[1], {}).get(teile[2])
    if key.startswith("wg.einsatzquote."):
        return roh["wg"]["einsatzquote"].get(int(teile[2]))
    if len(teile) == 2:
        return roh[teile[0]].get(teile[1])
    return roh.get(key)


def _spalten(mappe, blatt: str, zeilen, titel: tuple[str, ...], pflicht: tuple[str, ...], probleme) -> dict[str, int] | None:
    """{column title: index} from the header row; None (problems appended) if a required one is missing."""
    if not zeilen:
        probleme.append(f"{mappe.name}, Blatt {blatt}: leer (erwartet: Kopfzeile {', '.join(titel)})")
        return None
    nr, kopf = zeilen[0]
    norm = {t.lower(): t for t in titel}
    spalte = {}
    for i, t in enumerate(kopf):
        if t is not None and str(t).strip().lower() in norm:
            spalte[norm[str(t).strip().lower()]] = i
    fehlend = [t for t in pflicht if t not in spalte]
    if fehlend:
        probleme.append(f"{mappe.name}, Blatt {blatt}, Zeile {nr}: Spalte {', '.join(fehlend)} fehlt in der Kopfzeile "
                        f"(erwartet: {', '.join(titel)})")
        return None
    return spalte


def _faelle(mappe, probleme: list[str], stellen: dict[str, str]) -> list[dict]:
    if not mappe.hat_blatt(FAELLE_BLATT):
        return []
    zeilen = list(mappe.zeilen(FAELLE_BLATT, probleme))
    spalte = _spalten(mappe, FAELLE_BLATT, zeilen, FAELLE_SPALTEN, FAELLE_SPALTEN, probleme)
    if spalte is None:
        return []
    faelle = []
    for nr, werte in zeilen[1:]:
        fall_nr, einkommen, text = (werte[spalte[t]] if spalte[t] < len(werte) else None for t in FAELLE_SPALTEN)
        fall_nr = _zahl(fall_nr)
        if not isinstance(fall_nr, int) or isinstance(fall_nr, bool) or fall_nr < 0:
            probleme.append(f"{mappe.ort(FAELLE_BLATT, nr, 'Nr')}: {kurz(fall_nr)} ist keine ganze Zahl (erlaubt: 0, 1, 2, …)")
            continue
        i = len(faelle)
        stellen[f"faelle[{i}].einkommen_m"] = mappe.ort(FAELLE_BLATT, nr, FAELLE_SPALTEN[1])
        _pruefen(stellen[f"faelle[{i}].einkommen_m"], f"faelle[{i}].einkommen_m", _zahl(einkommen), probleme)
        faelle.append({"nr": fall_nr, "einkommen_m": _zahl(einkommen),
                       "bezeichnung": str(text).strip() if text not in (None, "") else f"Fall {fall_nr}"})
    return faelle


# --- the template ---------------------------------------------------------------------------


def _landeswerte() -> dict:
    """The state file's raw contents (Landesdurchschnitt and example values)."""
    return load_yaml(orte.datenordner() / LANDESDATEINAME)


def _vorlage_zeilen(land: dict) -> list[tuple]:
    """Rows of the sheet Kreiswerte: (key, label, value, unit, allowed, source, valid from)."""
    zeilen = []
    name_land = "Baden-Württemberg" if land["landkreis"].startswith("Baden-Württemberg") else land["landkreis"]

    def bereich(key):
        b = PLAUSIBEL.get(plausibel_schluessel(key))
        return (b.einheit, f"{b.text()} – {b.grund}") if b else ("", "")

    def betrag_zeilen(key, roh, quelle_standard):
        label = SCHLUESSEL[key][0]
        einheit, erlaubt = bereich(key)
        if isinstance(roh, list):
            for e in roh:
                zeilen.append((key, label, e["wert"], einheit, erlaubt, f"Landesdurchschnitt BW (vdek), {e['quelle']}",
                               e["gilt_ab"]))
        else:
            zeilen.append((key, label, roh, einheit, erlaubt, quelle_standard, None))

    beispiel = f"ANNAHME: Beispielwert aus {LANDESDATEINAME}, kein Landesdurchschnitt; eigenen Wert und Quelle eintragen"
    zeilen.append(("landkreis", SCHLUESSEL["landkreis"][0], "Landkreis (Name eintragen)", "", "Text", "", None))
    zeilen.append(("stand", SCHLUESSEL["stand"][0], land["stand"], "", "Datum", "Datum, an dem die Werte erhoben wurden", None))
    zeilen.append(("gilt_ab", SCHLUESSEL["gilt_ab"][0], land.get("gilt_ab"), "", "Datum oder leer (dann: stand)", "", None))
    zeilen.append(("quelle", SCHLUESSEL["quelle"][0],
                   f"Vorlage von pflegewg: Landesdurchschnitt {name_land} und Beispielwerte; durch eigene Quellen ersetzen",
                   "", "Text", "", None))
    zeilen.append(("referenz", SCHLUESSEL["referenz"][0], None, "", f"leer oder {', '.join(referenzen())}", "", None))
    durchschnitt = land["heime"]["durchschnitt"]
    for heim in HEIME:
        zeilen.append((f"heime.{heim}.bezeichnung", SCHLUESSEL[f"heime.{heim}.bezeichnung"][0],
                       "Durchschnitt der Pflegeheime im Landkreis" if heim == "durchschnitt"
                       else "eine der teuersten Pflegeeinrichtungen im Landkreis", "", "Text", "", None))
        for teil in ("eee_m", "ausbildungszuschlag_m", "sonstige_heimkosten_m", *HEIM_TEILE):
            key = f"heime.{heim}.{teil}"
            if teil in durchschnitt:
                betrag_zeilen(key, durchschnitt[teil], beispiel)
            else:
                einheit, erlaubt = bereich(key)
                zeilen.append((key, SCHLUESSEL[key][0], None, einheit, erlaubt,
                               "leer lassen, wenn die drei Teile darunter ausgefüllt sind", None))
    for key in ("grundsicherung.warmmiete_m", "wg.unterkunftskosten_m", "wg.praesenzkraft_stundensatz",
                "wg.praesenzkraft_tage_pro_monat", "wg.bewohner_standard"):
        gruppe, feld = key.split(".")
        betrag_zeilen(key, land[gruppe][feld], beispiel)
    for pg in PFLEGEGRADE:
        betrag_zeilen(f"wg.einsatzquote.{pg}", land["wg"]["einsatzquote"][pg], beispiel)
    return zeilen


ANLEITUNG = (
    "Kreisdaten für pflegewg – so wird diese Arbeitsmappe ausgefüllt",
    "",
    "1. Blatt Kreiswerte: in Spalte Wert die Werte des Landkreises eintragen, in Spalte Quelle, woher sie kommen.",
    "   Beträge in Euro je Monat bzw. je Stunde, ohne Tausenderpunkt (1500 oder 1500,00, nicht 1.500). "
    "Anteile als Dezimalbruch (0,90 = 90 %).",
    "   Spalte erlaubt nennt den Bereich, den pflegewg annimmt; Spalte Schlüssel nicht ändern.",
    "   Vorausgefüllt: Landesdurchschnitt Baden-Württemberg (vdek) für die Heimkosten, sonst Beispielwerte "
    "(Quelle beginnt mit ANNAHME) – ersetzen.",
    "   Ein Betrag mit mehreren Ständen: je Stand eine Zeile mit demselben Schlüssel und ihrem Datum in gilt ab.",
    "   Heimkosten: entweder „zusammen“ oder die drei Teile (Unterkunft und Verpflegung, Investitionskosten, Bekleidung).",
    "2. Blatt WG-Register: je Wohngemeinschaft eine Zeile. Typ: selbstverantwortet oder anbietergestützt; "
    "Status: bestehend oder geplant. Unbekanntes leer lassen.",
    "3. Blatt Sitzungen: je Sitzung des Gremiums Datum, Gremium, Drucksache und Stichtag (leer: der Sitzungstag).",
    "4. Blatt Fallbeispiele: Einkommen der Fallbeispiele im Bericht (Euro je Monat).",
    "",
    "Prüfen: pflegewg pruefen --daten DATEI.xlsx nennt jedes Problem mit Blatt, Zeile, Spalte und erlaubtem Bereich.",
    "Rechnen: pflegewg fall --daten DATEI.xlsx --einkommen 1200 --pflegegrad 3; Bericht: pflegewg bericht --daten DATEI.xlsx",
    "Formeln sind erlaubt, wenn die Datei in Excel gespeichert wurde (pflegewg liest die berechneten Werte).",
)


def vorlage_schreiben(pfad: str | Path) -> Path:
    """Write the template workbook to `pfad` (.xlsx); returns the path."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    pfad = Path(pfad)
    land = _landeswerte()
    wb = Workbook()
    kopf_font, kopf_fill = Font(bold=True), PatternFill("solid", fgColor="EEF3F9")

    def kopf(ws, titel, breiten):
        ws.append(list(titel))
        for i, (zelle, breite) in enumerate(zip(ws[1], breiten), start=1):
            zelle.font, zelle.fill = kopf_font, kopf_fill
            ws.column_dimensions[zelle.column_letter].width = breite
        ws.freeze_panes = "A2"

    anleitung = wb.active
    anleitung.title = ANLEITUNG_BLATT
    for zeile in ANLEITUNG:
        anleitung.append([zeile])
    anleitung["A1"].font = Font(bold=True, size=13)
    anleitung.column_dimensions["A"].width = 130

    ws = wb.create_sheet(WERTE_BLATT)
    kopf(ws, WERTE_SPALTEN, (34, 60, 16, 14, 60, 70, 12))
    for key, label, wert, einheit, erlaubt, quelle, gilt_ab in _vorlage_zeilen(land):
        wert = float(wert) if isinstance(wert, Decimal) else wert
        ws.append([key, label, wert, einheit, erlaubt, quelle, gilt_ab])
        z = ws.max_row
        if isinstance(wert, float) and einheit in ("€ je Monat", "€ je Stunde"):
            ws.cell(z, 3).number_format = "#,##0.00"
        elif isinstance(wert, float):
            ws.cell(z, 3).number_format = "0.00"
        for spalte in (3, 7):
            if isinstance(ws.cell(z, spalte).value, dt.date):
                ws.cell(z, spalte).number_format = "DD.MM.YYYY"
        ws.cell(z, 3).fill = PatternFill("solid", fgColor="FFF8DC")  # the cells to fill in
        for spalte in (2, 5, 6):
            ws.cell(z, spalte).alignment = Alignment(wrap_text=False)

    reg = wb.create_sheet(REGISTER_BLATT)
    titel = [REGISTER_TITEL[k] for k in (*REGISTER_SPALTEN, *REGISTER_OPTIONAL)]
    kopf(reg, titel, [6, 30, 24, 8, 20, 20, 12, 11, 8, 14, 28, 30, 12])
    for spalte, werte in ((REGISTER_TITEL["typ"], "selbstverantwortet,anbietergestützt"),
                          (REGISTER_TITEL["status"], "bestehend,geplant")):
        buchstabe = reg.cell(1, titel.index(spalte) + 1).column_letter
        auswahl = DataValidation(type="list", formula1=f'"{werte}"', allow_blank=True)
        reg.add_data_validation(auswahl)
        auswahl.add(f"{buchstabe}2:{buchstabe}200")

    sitz = wb.create_sheet(SITZUNGEN_BLATT)
    kopf(sitz, [SITZUNGEN_TITEL[k] for k in SITZUNGEN_SPALTEN], (12, 36, 16, 12))

    faelle = wb.create_sheet(FAELLE_BLATT)
    kopf(faelle, FAELLE_SPALTEN, (6, 22, 60))
    for nr, einkommen in enumerate((0, 1200, 1450, 1800, 2750), start=1):
        faelle.append([nr, einkommen, f"Einkommen {einkommen:,} €".replace(",", ".") if einkommen else "ohne Einkommen"])

    wb.active = 1  # open on Kreiswerte
    wb.save(pfad)
    return pfad
