"""Fallliste: an anonymised case list of the Sozialamt (CSV or Excel), checked at the border, and
per case the county's share in the actual setting and in the other one.

Columns (header, case and spaces ignored): `pflegegrad,einkommen_m,wohnform`, then optionally
`monate`, `stufe`, `wg` in any order:

- pflegegrad 2..5; einkommen_m net income in euros per month (1200, 1200.50, 1200,50, 1.200,50;
  not the ambiguous 1.200); wohnform `heim` or `wg` (also Pflegeheim, Pflege-WG);
- monate: months of stay in the home (→ Leistungszuschlag tier, § 43c SGB XI), or stufe 1..4
  directly; a home resident needs one of them. A WG resident without them is counted in tier 1
  in the home: § 43c counts only months in vollstationärer Pflege, so a move would start at 5 %/15 %;
- wg: the WG's number in the county's register (its places = residents for the Präsenzkraft per
  head); empty: the county's standard WG.

Every bad row is listed with its line and reason (`Fallliste.fehler`), none is dropped silently.
The checks and the computation are vectorised (numpy/pandas over whole columns).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..basis.dateien import kurz
from ..basis.tabelle_lesen import lese_tabelle
from ..recht import sgb_xi
from ..recht.parameter import Parameterset
from .landkreis import Landkreisdaten
from .vergleich import vergleich

SPALTEN = ("pflegegrad", "einkommen_m", "wohnform")
OPTIONAL = ("monate", "stufe", "wg")
WOHNFORMEN = {"heim": "heim", "pflegeheim": "heim", "wg": "wg", "pflege-wg": "wg", "wohngemeinschaft": "wg"}
#: highest accepted income (as `--einkommen` and the county file's cases), euros per month
EINKOMMEN_HOECHST = 20000
MONATE_HOECHST = 600

_EINKOMMEN_PUNKT = re.compile(r"(\d{1,9})(?:[.,](\d{1,2}))?")  # 1200, 1200.5, 1200,50
_EINKOMMEN_DEUTSCH = re.compile(r"\d{1,3}(?:\.\d{3})+,\d{1,2}")  # 1.200,50
_MEHRDEUTIG = re.compile(r"\d+[.,]\d{3}")  # 1.200 or 1,200


@dataclass(frozen=True)
class Fallliste:
    """The valid cases as columns (cents for income) and the bad rows (line, reason)."""

    datei: str
    zeile: np.ndarray
    pflegegrad: np.ndarray
    einkommen_m: np.ndarray
    wohnform: np.ndarray  # "heim" / "wg"
    stufe: np.ndarray
    stufe_angenommen: np.ndarray  # True: WG resident without months/tier, tier 1 (see module docstring)
    wg: np.ndarray  # register number or -1
    fehler: tuple[tuple[int, str], ...]

    def __len__(self) -> int:
        return len(self.zeile)


def _je_wert(texte: list[str], pruefe) -> tuple[np.ndarray, np.ndarray]:
    """Apply `pruefe(text) -> (value, reason or None)` once per distinct text (a case list has few
    distinct values per column) and map back to every row: (values, reasons as object array)."""
    codes, eindeutig = pd.factorize(np.asarray(texte, dtype=object))
    ergebnisse = [pruefe(t) for t in eindeutig]
    werte = np.array([w for w, _ in ergebnisse] or [0], dtype=np.int64)[codes]
    gruende = np.array([g for _, g in ergebnisse] or [None], dtype=object)[codes]
    return werte, gruende


def _pflegegrad(t: str):
    if t in ("2", "3", "4", "5"):
        return int(t), None
    grund = " – Pflegegrad 1 hat keinen Leistungszuschlag nach § 43c SGB XI" if t == "1" else ""
    return 0, f"Spalte pflegegrad: {kurz(t)} nicht erlaubt (erlaubt: 2 bis 5){grund}"


def _einkommen(roh: str):
    m = _EINKOMMEN_PUNKT.fullmatch(roh)
    if m is None:
        t = roh.replace("\u00a0", "").replace(" ", "").removesuffix("€")
        if _MEHRDEUTIG.fullmatch(t):
            return 0, (f"Spalte einkommen_m: {kurz(roh)} ist mehrdeutig (Tausenderpunkt oder drei Nachkommastellen?): "
                       "Euro ohne Tausenderpunkt schreiben, z. B. 1200 oder 1200,50")
        if _EINKOMMEN_DEUTSCH.fullmatch(t):
            t = t.replace(".", "")
        m = _EINKOMMEN_PUNKT.fullmatch(t)
    if m is None:
        return 0, (f"Spalte einkommen_m: {kurz(roh)} ist kein Betrag (erlaubt: 0 bis {EINKOMMEN_HOECHST} Euro je Monat, "
                   "höchstens zwei Nachkommastellen)")
    cent = int(m[1]) * 100 + int((m[2] or "").ljust(2, "0"))
    if cent > EINKOMMEN_HOECHST * 100:
        return 0, f"Spalte einkommen_m: {kurz(roh)} nicht erlaubt (erlaubt: 0 bis {EINKOMMEN_HOECHST} Euro je Monat)"
    return cent, None


def _wohnform(t: str):
    w = WOHNFORMEN.get(t.lower())
    return (1 if w == "heim" else 0), (None if w else f"Spalte wohnform: {kurz(t)} nicht erlaubt (erlaubt: heim, wg)")


def _monate(t: str):
    if t == "":
        return -1, None
    if t.isascii() and t.isdigit() and int(t) <= MONATE_HOECHST:
        return int(t), None
    return -1, f"Spalte monate: {kurz(t)} nicht erlaubt (erlaubt: ganze Monate 0 bis {MONATE_HOECHST} oder leer)"


def _stufe(t: str):
    if t == "":
        return 0, None
    if t in ("1", "2", "3", "4"):
        return int(t), None
    return 0, f"Spalte stufe: {kurz(t)} nicht erlaubt (erlaubt: 1 bis 4 oder leer)"


def lese_faelle(path: str | Path, register: pd.DataFrame | None = None, wg_pruefen: bool = True) -> Fallliste:
    """Read and check a case list (.csv or .xlsx). Bad rows go to `fehler`, with line and reason
    naming column, value and allowed values; `register` (the county's WG register) is needed only
    if the list has a `wg` column with values (`wg_pruefen=False`: only that they are numbers,
    for the county model, which needs income, Pflegegrad and tier only)."""
    return pruefe_faelle(lese_tabelle(path, SPALTEN, "faelle", OPTIONAL), register, wg_pruefen)


def pruefe_faelle(datei, register: pd.DataFrame | None = None, wg_pruefen: bool = True) -> Fallliste:
    """Check the rows of a case list read by `lese_tabelle` (see `lese_faelle`), once per distinct
    value of each column."""
    zeilen = datei.zeilen
    n = len(zeilen)
    nr = np.array([z for z, _ in zeilen], dtype=np.int64)
    spalte = {k: [r[k] for _, r in zeilen] for k in SPALTEN + OPTIONAL}
    grund = np.full(n, None, dtype=object)

    def melde(gruende):
        """Keep the first reason per row."""
        frei = grund == None  # noqa: E711 – elementwise
        grund[frei] = gruende[frei]

    pg, g = _je_wert(spalte["pflegegrad"], _pflegegrad)
    melde(g)
    einkommen, g = _je_wert(spalte["einkommen_m"], _einkommen)
    melde(g)
    heim_kz, g = _je_wert(spalte["wohnform"], _wohnform)
    melde(g)
    ist_heim = heim_kz == 1
    monate, g = _je_wert(spalte["monate"], _monate)
    melde(g)
    stufe_angegeben, g = _je_wert(spalte["stufe"], _stufe)
    melde(g)
    mo_da, st_da = monate >= 0, stufe_angegeben > 0
    stufe_aus_monaten = sgb_xi.leistungszuschlag_stufe(np.maximum(monate, 0))
    widerspruch = mo_da & st_da & (stufe_aus_monaten != stufe_angegeben)
    for i in np.flatnonzero(widerspruch & (grund == None)):  # noqa: E711
        grund[i] = (f"Spalten monate/stufe: {monate[i]} Monate sind Stufe {stufe_aus_monaten[i]}, nicht {stufe_angegeben[i]} "
                    "(§ 43c Abs. 1 SGB XI: bis 12 / über 12 / über 24 / über 36 Monate)")
    for i in np.flatnonzero(ist_heim & ~mo_da & ~st_da & (grund == None)):  # noqa: E711
        grund[i] = ("Spalten monate/stufe: für wohnform heim fehlen beide "
                    "(erlaubt: Monate im Heim oder Stufe 1 bis 4 des Leistungszuschlags)")
    stufe = np.where(st_da, stufe_angegeben, stufe_aus_monaten).astype(np.int64)
    angenommen = ~ist_heim & ~mo_da & ~st_da

    plaetze = {}
    if register is not None:
        anbieter = register[(register["typ"] == "anbietergestuetzt") & register["plaetze"].notna()]
        plaetze = {str(int(a)): int(b) for a, b in zip(anbieter["nr"], anbieter["plaetze"])}

    def _wg(t: str):
        if t == "":
            return -1, None
        if (t in plaetze) if wg_pruefen else (t.isascii() and t.isdigit() and len(t) <= 6):
            return int(t), None
        return -1, (f"Spalte wg: {kurz(t)} nicht erlaubt (erlaubt: Nummer einer anbietergestützten WG mit Platzzahl "
                    "im WG-Register der Kreisdatei, oder leer)")

    wg_nr, g = _je_wert(spalte["wg"], _wg)
    melde(g)

    ok = grund == None  # noqa: E711
    wohnform = np.where(ist_heim, "heim", "wg").astype(object)
    fehler = tuple((int(nr[i]), f"{datei.name}: Zeile {nr[i]}, {grund[i]}") for i in np.flatnonzero(~ok))
    return Fallliste(datei.name, nr[ok], pg[ok], einkommen[ok], wohnform[ok], stufe[ok], angenommen[ok], wg_nr[ok], fehler)


def bewohner_je_fall(liste: Fallliste, register: pd.DataFrame | None, standard: int) -> np.ndarray:
    """Residents of each case's WG (its places in the register), the county's standard where none is named."""
    if not (liste.wg >= 0).any():
        return np.full(len(liste), standard, dtype=np.int64)
    plaetze = dict(zip(register["nr"].astype(np.int64), register["plaetze"].fillna(standard).astype(np.int64)))
    return np.array([plaetze[w] if w >= 0 else standard for w in liste.wg.tolist()], dtype=np.int64)


def faelle_rechnen(liste: Fallliste, params: Parameterset, landkreis: Landkreisdaten, heim: str = "durchschnitt",
                   register: pd.DataFrame | None = None) -> dict[str, np.ndarray]:
    """Per case (cents/month): the county's share in the home (in the case's tier, as `pflegewg
    fall`), in the WG, the Mehrkosten, and the share in the actual and in the other setting."""
    bewohner = bewohner_je_fall(liste, register, landkreis.zum(params.stichtag).bewohner_standard)
    if len(liste) == 0:
        leer = np.zeros(0, dtype=np.int64)
        return {k: leer for k in ("anteil_landkreis_heim_m", "anteil_landkreis_wg_m", "mehrkosten_wg_m",
                                  "anteil_landkreis_tatsaechlich_m", "anteil_landkreis_andere_m")}
    r = vergleich(liste.einkommen_m, liste.pflegegrad, liste.stufe, params, landkreis, heim=heim, bewohner=bewohner)
    ist_heim = liste.wohnform == "heim"
    heim_m, wg_m = r["anteil_landkreis_heim_m"], r["anteil_landkreis_wg_m"]
    return {
        "anteil_landkreis_heim_m": heim_m,
        "anteil_landkreis_wg_m": wg_m,
        "mehrkosten_wg_m": r["mehrkosten_wg_m"],
        "anteil_landkreis_tatsaechlich_m": np.where(ist_heim, heim_m, wg_m),
        "anteil_landkreis_andere_m": np.where(ist_heim, wg_m, heim_m),
    }


def verteilungen(liste: Fallliste) -> dict[str, tuple[tuple[int, int], ...]]:
    """Counts per value (exact integer weights) of income (cents), Pflegegrad and – from the home
    residents – tier, for the county model (`faelle:` in the scenario)."""

    def zaehlen(werte):
        w, c = np.unique(np.asarray(werte, dtype=np.int64), return_counts=True)
        return tuple(zip(w.tolist(), c.tolist()))

    return {
        "einkommen": zaehlen(liste.einkommen_m),
        "pflegegrad": zaehlen(liste.pflegegrad),
        "stufe": zaehlen(liste.stufe[liste.wohnform == "heim"]),
    }


def ist_tabellendatei(path: str | Path) -> bool:
    """A case list must be .csv or .xlsx."""
    return bool(re.search(r"\.(csv|xlsx)$", str(path), re.IGNORECASE))
