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

_EINKOMMEN_PUNKT = r"\d+(?:[.,]\d{1,2})?"  # 1200, 1200.5, 1200,50
_EINKOMMEN_DEUTSCH = r"\d{1,3}(?:\.\d{3})+,\d{1,2}"  # 1.200,50
_MEHRDEUTIG = r"\d+[.,]\d{3}"  # 1.200 or 1,200


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


def _spalte(zeilen, name: str) -> pd.Series:
    return pd.Series([r[name] for _, r in zeilen], dtype=object).astype(str)


def _einkommen_cent(text: pd.Series) -> np.ndarray:
    """Income texts (already checked) -> cents, exact (integer arithmetic on the digits)."""
    deutsch = text.str.contains(",", regex=False)
    t = text.where(~deutsch, text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False))
    teile = t.str.partition(".")
    euro = teile[0].astype(np.int64).to_numpy()
    cent = teile[2].str.ljust(2, "0").astype(np.int64).to_numpy()
    return euro * 100 + cent


def lese_faelle(path: str | Path, register: pd.DataFrame | None = None, wg_pruefen: bool = True) -> Fallliste:
    """Read and check a case list (.csv or .xlsx). Bad rows go to `fehler`, with line and reason
    naming column, value and allowed values; `register` (the county's WG register) is needed only
    if the list has a `wg` column with values (`wg_pruefen=False`: only that they are numbers,
    for the county model, which needs income, Pflegegrad and tier only)."""
    datei = lese_tabelle(path, SPALTEN, "faelle", OPTIONAL)
    zeilen = datei.zeilen
    n = len(zeilen)
    nr = np.array([z for z, _ in zeilen], dtype=np.int64)
    grund = np.full(n, None, dtype=object)

    def melde(maske, text):
        """Record the first reason per row: `text(i)` for each row i where `maske` holds."""
        maske = np.asarray(maske, dtype=bool) & (grund == None)  # noqa: E711 – elementwise
        for i in np.flatnonzero(maske):
            grund[i] = text(i)

    pg_t = _spalte(zeilen, "pflegegrad").str.strip()
    pg_ok = pg_t.isin(["2", "3", "4", "5"]).to_numpy()
    melde(~pg_ok, lambda i: f"Spalte pflegegrad: {kurz(pg_t.iat[i])} nicht erlaubt (erlaubt: 2 bis 5"
          + (" – Pflegegrad 1 hat keinen Leistungszuschlag nach § 43c SGB XI)" if pg_t.iat[i] == "1" else ")"))
    pg = np.where(pg_ok, pd.to_numeric(pg_t.where(pg_ok, "2")).to_numpy(), 2).astype(np.int64)

    ek_t = _spalte(zeilen, "einkommen_m").str.replace("\u00a0", "", regex=False).str.replace(" ", "", regex=False) \
        .str.removesuffix("€")
    mehrdeutig = ek_t.str.fullmatch(_MEHRDEUTIG).to_numpy()
    ek_ok = (ek_t.str.fullmatch(_EINKOMMEN_PUNKT) | ek_t.str.fullmatch(_EINKOMMEN_DEUTSCH)).to_numpy() & ~mehrdeutig
    melde(mehrdeutig, lambda i: f"Spalte einkommen_m: {kurz(ek_t.iat[i])} ist mehrdeutig (Tausenderpunkt oder drei "
          "Nachkommastellen?): Euro ohne Tausenderpunkt schreiben, z. B. 1200 oder 1200,50")
    melde(~ek_ok, lambda i: f"Spalte einkommen_m: {kurz(ek_t.iat[i])} ist kein Betrag (erlaubt: 0 bis "
          f"{EINKOMMEN_HOECHST} Euro je Monat, höchstens zwei Nachkommastellen)")
    einkommen = np.zeros(n, dtype=np.int64)
    if ek_ok.any():
        einkommen[ek_ok] = _einkommen_cent(ek_t[ek_ok].reset_index(drop=True))
    zu_hoch = einkommen > EINKOMMEN_HOECHST * 100
    melde(zu_hoch, lambda i: f"Spalte einkommen_m: {kurz(ek_t.iat[i])} nicht erlaubt (erlaubt: 0 bis {EINKOMMEN_HOECHST} Euro je Monat)")

    wf_t = _spalte(zeilen, "wohnform").str.strip()
    wohnform = wf_t.str.lower().map(WOHNFORMEN)
    melde(wohnform.isna().to_numpy(), lambda i: f"Spalte wohnform: {kurz(wf_t.iat[i])} nicht erlaubt (erlaubt: heim, wg)")
    wohnform = wohnform.fillna("heim").to_numpy(dtype=object)

    mo_t = _spalte(zeilen, "monate").str.strip()
    mo_da = (mo_t != "").to_numpy()
    mo_ok = mo_t.str.fullmatch(r"\d{1,3}").to_numpy()
    monate = np.where(mo_ok, pd.to_numeric(mo_t.where(mo_ok, "0")).to_numpy(), 0).astype(np.int64)
    melde(mo_da & (~mo_ok | (monate > MONATE_HOECHST)),
          lambda i: f"Spalte monate: {kurz(mo_t.iat[i])} nicht erlaubt (erlaubt: ganze Monate 0 bis {MONATE_HOECHST} oder leer)")
    st_t = _spalte(zeilen, "stufe").str.strip()
    st_da = (st_t != "").to_numpy()
    st_ok = st_t.isin(["1", "2", "3", "4"]).to_numpy()
    melde(st_da & ~st_ok, lambda i: f"Spalte stufe: {kurz(st_t.iat[i])} nicht erlaubt (erlaubt: 1 bis 4 oder leer)")
    stufe_aus_monaten = sgb_xi.leistungszuschlag_stufe(np.minimum(monate, MONATE_HOECHST))
    stufe_angegeben = np.where(st_ok, pd.to_numeric(st_t.where(st_ok, "1")).to_numpy(), 1).astype(np.int64)
    widerspruch = mo_da & mo_ok & st_da & st_ok & (stufe_aus_monaten != stufe_angegeben)
    melde(widerspruch, lambda i: f"Spalten monate/stufe: {mo_t.iat[i]} Monate sind Stufe {stufe_aus_monaten[i]}, "
          f"nicht {st_t.iat[i]} (§ 43c Abs. 1 SGB XI: bis 12 / über 12 / über 24 / über 36 Monate)")
    ist_heim = wohnform == "heim"
    melde(ist_heim & ~mo_da & ~st_da, lambda i: "Spalten monate/stufe: für wohnform heim fehlen beide "
          "(erlaubt: Monate im Heim oder Stufe 1 bis 4 des Leistungszuschlags)")
    stufe = np.where(st_da, stufe_angegeben, stufe_aus_monaten).astype(np.int64)
    angenommen = ~ist_heim & ~mo_da & ~st_da

    wg_t = _spalte(zeilen, "wg").str.strip()
    wg_da = (wg_t != "").to_numpy()
    wg_nr = np.full(n, -1, dtype=np.int64)
    if wg_da.any():
        plaetze = {}
        if register is not None:
            anbieter = register[(register["typ"] == "anbietergestuetzt") & register["plaetze"].notna()]
            plaetze = {str(int(a)): int(b) for a, b in zip(anbieter["nr"], anbieter["plaetze"])}
        bekannt = wg_t.isin(list(plaetze)).to_numpy() if wg_pruefen else wg_t.str.fullmatch(r"\d{1,6}").to_numpy()
        melde(wg_da & ~bekannt, lambda i: f"Spalte wg: {kurz(wg_t.iat[i])} nicht erlaubt (erlaubt: Nummer einer "
              "anbietergestützten WG mit Platzzahl im WG-Register der Kreisdatei, oder leer)")
        wg_nr = np.where(wg_da & bekannt, pd.to_numeric(wg_t.where(wg_da & bekannt, "-1")).to_numpy(), -1).astype(np.int64)

    ok = grund == None  # noqa: E711
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
