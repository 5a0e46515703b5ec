"""The report's tables, built from the library (no number of the law typed here).

Each function returns an `anzeige.Tabelle` with raw values (cents for amounts) and German
column names; notebooks show them with `anzeige.zeige_tabelle`.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..basis.format import datum, euro
from ..modell import abgleich as abgl
from ..modell.landkreis import Landkreisdaten, load_landkreis, load_wg_register
from ..modell.vergleich import (
    STUFEN,
    differenz_tabelle,
    fall_tabelle,
    leistungszuschlag_tabelle,
    satz_label,
)
from ..modell.zeitstand import hinweise
from ..recht import wtpg
from ..recht.parameter import Parameterset, load_parameters
from .anzeige import Tabelle, md_text

TYP_TEXT = {"selbstverantwortet": "selbstverantwortet", "anbietergestuetzt": "anbietergestützt"}
STATUS_TEXT = {"bestehend": "bestehend", "geplant": "in Planung"}


@dataclass(frozen=True)
class Kontext:
    """What a report notebook works with: law on the Stichtag, county data, chosen home."""

    params: Parameterset
    landkreis: Landkreisdaten
    heim: str

    @property
    def stufen_labels(self) -> list[str]:
        return [satz_label(self.params, s) for s in STUFEN]


def kontext(stichtag: str = "2023-01-01", daten: str = "", heim: str = "durchschnitt") -> Kontext:
    """Load law and county data for a notebook (daten '' = the project's default county file)."""
    params = load_parameters(stichtag)
    landkreis = load_landkreis(daten or None).zum(params.stichtag)
    landkreis.heim(heim)
    return Kontext(params, landkreis, heim)


def preise_text(preise) -> str:
    """'Kreisdaten fortgeschrieben mit …' or 'Kreisdaten unverändert' for a sentence."""
    if preise.fortgeschrieben:
        return f"Kreisdaten fortgeschrieben bis {datum(preise.index_bis)}"
    return "Kreisdaten unverändert"


def kopfzeile(k: Kontext) -> str:
    """One line naming county, data date, Stichtag and home (Markdown; the names from the county
    file Markdown-escaped, so they show as written); below it, what was carried forward or assumed
    for this Stichtag (prices, law after its checked date, TPQG)."""
    zeile = (
        f"**{md_text(k.landkreis.landkreis)}** · Kreisdaten vom {datum(k.landkreis.stand)} · "
        f"Recht zum Stichtag {datum(k.params.stichtag)} · Vergleichsheim: {md_text(k.landkreis.heim(k.heim).bezeichnung)}"
    )
    return "\n\n".join([zeile, *(f"*Hinweis: {h}*" for h in hinweise(k.params, k.landkreis))])


# --- WG-Bestand -----------------------------------------------------------------------------


def wg_register_mit_praesenz(k: Kontext) -> pd.DataFrame:
    """The register with § 13 WTPG hours and Präsenzkraft cost per head at full occupancy
    (provider-supported WGs with known places; others <NA>)."""
    df = load_wg_register(k.landkreis).copy()
    mit = (df["typ"] == "anbietergestuetzt") & df["plaetze"].notna()
    plaetze = df.loc[mit, "plaetze"].astype(np.int64).to_numpy()
    df["praesenzstunden_tag"] = pd.array([pd.NA] * len(df), dtype="Int64")
    df["praesenzkraft_m"] = pd.array([pd.NA] * len(df), dtype="Int64")
    if len(plaetze):
        df.loc[mit, "praesenzstunden_tag"] = wtpg.praesenzstunden_pro_tag(plaetze, k.params)
        df.loc[mit, "praesenzkraft_m"] = wtpg.praesenzkraft_kosten_m(
            plaetze, k.landkreis.praesenzkraft_stundensatz, k.landkreis.praesenzkraft_tage_pro_monat, k.params
        )
    return df


def _opt(v):
    return None if pd.isna(v) else (int(v) if isinstance(v, (np.integer, int)) else v)


def wg_bestand_tabelle(k: Kontext) -> Tabelle:
    df = wg_register_mit_praesenz(k)
    zeilen = tuple(
        (
            r["name"], r["ort"], TYP_TEXT[r["typ"]], STATUS_TEXT[r["status"]], _opt(r["eroeffnung"]),
            _opt(r["plaetze"]), _opt(r["zielgruppe"]), _opt(r["betreiber"]),
            _opt(r["praesenzstunden_tag"]), _opt(r["praesenzkraft_m"]),
        )
        for _, r in df.iterrows()
    )
    return Tabelle(
        id="wg_bestand",
        titel="Ambulant betreute Wohngemeinschaften im Landkreis",
        spalten=("Name", "Ort", "Typ", "Status", "Eröffnung", "Plätze", "Zielgruppe", "Betreiber",
                 "Präsenz Std./Tag", "Präsenzkraft je Kopf mtl."),
        zeilen=zeilen,
        formate=("text", "text", "text", "text", "text", "ganzzahl", "text", "text", "ganzzahl", "euro"),
        fussnote=(
            "Präsenzstunden nach § 13 WTPG bei voller Belegung (24 Std., bei mehr als 8 Bewohnern 36 Std. "
            f"täglich), Kosten je Kopf mit {euro(k.landkreis.praesenzkraft_stundensatz)}/Std. und "
            f"{k.landkreis.praesenzkraft_tage_pro_monat} Tagen je Monat. Selbstverantwortete WGs unterliegen "
            "§ 13 WTPG nicht. – = unbekannt bzw. nicht anwendbar."
        ),
    )


def wg_uebersicht_tabelle(k: Kontext) -> Tabelle:
    df = load_wg_register(k.landkreis)
    zeilen = []
    for typ in ("selbstverantwortet", "anbietergestuetzt"):
        for status in ("bestehend", "geplant"):
            teil = df[(df["typ"] == typ) & (df["status"] == status)]
            if len(teil):
                zeilen.append((TYP_TEXT[typ], STATUS_TEXT[status], len(teil), int(teil["plaetze"].sum()),
                               int(teil["plaetze"].isna().sum())))
    zeilen.append(("Summe", "", len(df), int(df["plaetze"].sum()), int(df["plaetze"].isna().sum())))
    return Tabelle(
        id="wg_uebersicht",
        titel="Wohngemeinschaften nach Typ und Status",
        spalten=("Typ", "Status", "WGs", "Plätze (bekannt)", "WGs ohne Platzangabe"),
        zeilen=tuple(zeilen),
        formate=("text", "text", "ganzzahl", "ganzzahl", "ganzzahl"),
        hervorheben=(len(zeilen) - 1,),
    )


# --- Kostenvergleich ------------------------------------------------------------------------


def _korrektur_hinweis(k: Kontext, heim: str) -> str:
    ref = k.landkreis.referenz
    if heim != "teuerste" or not ref or k.landkreis.datei.name != abgl.referenz(ref)["kreisdatei"]:
        return ""  # the paper's error concerns its own most expensive home only
    return (
        f"Korrigiert gegenüber der {abgl.referenz_kurz(ref)}: dort steht bei 5 % ein Eigenanteil von 1.521,53 € "
        "(EEE − Leistungszuschlag, ohne Ausbildungszuschlag). Richtig ist Gesamt × 95 %; die Differenz zur "
        "WG und die Mehrkosten je Jahr in dieser Spalte sind entsprechend kleiner."
    )


def _stufentabelle(k: Kontext, df: pd.DataFrame, id: str, titel: str, kopf: str, format_: str, fussnote: str) -> Tabelle:
    """A table of the paper's layout: one row per item, one column per Leistungszuschlag tier, last row bold."""
    return Tabelle(
        id=id,
        titel=titel,
        spalten=(kopf, *k.stufen_labels),
        zeilen=tuple((zeile, *map(int, werte)) for zeile, werte in df.iterrows()),
        formate=("text",) + (format_,) * len(k.stufen_labels),
        fussnote=fussnote,
        hervorheben=(len(df) - 1,),
    )


def lz_tabelle(k: Kontext, heim: str) -> Tabelle:
    return _stufentabelle(
        k, leistungszuschlag_tabelle(k.landkreis, k.params, heim), f"leistungszuschlag_{heim}",
        f"Pflegebedingte Aufwendungen und Leistungszuschlag (§ 43c SGB XI) – {k.landkreis.heim(heim).bezeichnung}",
        "je Monat", "euro", _korrektur_hinweis(k, heim),
    )


def differenz_tab(k: Kontext, heim: str) -> Tabelle:
    return _stufentabelle(
        k, differenz_tabelle(k.landkreis, k.params, heim), f"differenz_{heim}",
        f"Präsenzkraft in der Pflege-WG gegenüber pflegebedingtem Eigenanteil im Heim – {k.landkreis.heim(heim).bezeichnung}",
        "gerundet auf volle Euro", "euro_ganz",
        " ".join(filter(None, ["Mehrkosten/Jahr wie in der Drucksache: 12 × gerundete Monatsdifferenz." if k.landkreis.referenz
                               else "Mehrkosten/Jahr: 12 × auf volle Euro gerundete Monatsdifferenz.",
                               _korrektur_hinweis(k, heim)])),
    )


# --- Fallbeispiele --------------------------------------------------------------------------


def pflegegrad_text(pflegegrad: int) -> str:
    """'2/3' or '4/5': the paper groups Pflegegrade by the Einsatzquote of § 87 SGB XII."""
    return "2/3" if pflegegrad in (2, 3) else "4/5"


def faelle_tabelle(k: Kontext, pflegegrad: int) -> Tabelle:
    """Case table as in Anlage 1/2: per case home share, WG share and Mehrkosten, whole euros."""
    df = fall_tabelle(k.landkreis, k.params, pflegegrad=pflegegrad, heim=k.heim)
    zeilen, hervor = [], []
    for nr, fall in df.groupby("fall", sort=False):
        e = int(fall["einkommen_m"].iloc[0])
        zeilen.append((f"Fall {nr}", e, "im Pflegeheim", *map(int, fall["anteil_landkreis_heim_m"])))
        zeilen.append((f"Fall {nr}", e, "in der Pflege-WG", *map(int, fall["anteil_landkreis_wg_m"])))
        hervor.append(len(zeilen))
        zeilen.append((f"Fall {nr}", e, "Mehrkosten Pflege-WG", *map(int, fall["mehrkosten_wg_m"])))
    pg_text = pflegegrad_text(pflegegrad)
    return Tabelle(
        id=f"faelle_pg{pg_text.replace('/', '')}",
        titel=f"Monatlicher Kostenanteil des Landkreises, Pflegegrad {pg_text} – Leistungszuschlag im Pflegeheim",
        spalten=("Fall", "Einkommen mtl.", "Kostenanteil", *k.stufen_labels),
        zeilen=tuple(zeilen),
        formate=("text", "euro_ganz", "text", "euro_ganz", "euro_ganz", "euro_ganz", "euro_ganz"),
        fussnote=(
            f"Einsatzquote des Einkommens über der Einkommensgrenze in der WG: "
            f"{int(k.landkreis.einsatzquote[pflegegrad] * 100)} % (Pflegegrad {pg_text}). "
            "Beträge auf volle Euro gerundet (kaufmännisch)."
        ),
        hervorheben=tuple(hervor),
    )


def mehrkosten_jahr_tabelle(k: Kontext, pflegegrad: int) -> Tabelle:
    """Mehrkosten per case and year, exact to the cent (12 × monthly)."""
    df = fall_tabelle(k.landkreis, k.params, pflegegrad=pflegegrad, heim=k.heim)
    zeilen = tuple(
        (f"Fall {nr}", int(f["einkommen_m"].iloc[0]), *map(int, f["mehrkosten_wg_y"]))
        for nr, f in df.groupby("fall", sort=False)
    )
    pg_text = pflegegrad_text(pflegegrad)
    return Tabelle(
        id=f"mehrkosten_jahr_pg{pg_text.replace('/', '')}",
        titel=f"Mehrkosten des Landkreises je WG-Platz und Jahr, Pflegegrad {pg_text}",
        spalten=("Fall", "Einkommen mtl.", *k.stufen_labels),
        zeilen=zeilen,
        formate=("text", "euro_ganz", "euro", "euro", "euro", "euro"),
        fussnote="12 × Mehrkosten je Monat, auf den Cent.",
    )


# --- Abgleich -------------------------------------------------------------------------------


def abgleich_uebersicht(df: pd.DataFrame | None = None, referenz: str | None = None) -> Tabelle:
    df = abgl.abgleich(ref=abgl.referenz(referenz)) if df is None else df
    z = abgl.zusammenfassung(df)
    zeilen = [(r["titel"], int(r["zellen"]), int(r["stimmt"]), int(r["bekannt"]), int(r["abweichung"])) for _, r in z.iterrows()]
    zeilen.append(("Summe", int(z["zellen"].sum()), int(z["stimmt"].sum()), int(z["bekannt"].sum()), int(z["abweichung"].sum())))
    return Tabelle(
        id="abgleich_uebersicht",
        titel=f"Abgleich mit den Tabellen der {abgl.referenz_kurz(referenz)}",
        spalten=("Tabelle der Drucksache", "Zellen", "stimmen", "bekannte Fehler der Drucksache", "unerklärt"),
        zeilen=tuple(zeilen),
        formate=("text", "ganzzahl", "ganzzahl", "ganzzahl", "ganzzahl"),
        hervorheben=(len(zeilen) - 1,),
    )


def abgleich_abweichungen(df: pd.DataFrame | None = None) -> Tabelle:
    df = abgl.abgleich() if df is None else df
    abw = df[df["status"] != "stimmt"]
    zeilen = tuple(
        (r["titel"], r["zeile_text"], r["spalte"],
         int(r["modell_cent"]), int(r["drucksache_cent"]), "bekannt" if r["status"] == "bekannt" else "UNERKLÄRT")
        for _, r in abw.iterrows()
    )
    return Tabelle(
        id="abgleich_abweichungen",
        titel="Abweichende Zellen: Modell und Drucksache",
        spalten=("Tabelle", "Zeile", "Spalte", "Modell", "Drucksache", "Status"),
        zeilen=zeilen,
        formate=("text", "text", "text", "euro", "euro", "text"),
    )


# --- Zusammenfassung ------------------------------------------------------------------------


def _spanne(cents: np.ndarray) -> str:
    from ..basis.format import euro_ganz

    return f"{euro_ganz(int(cents.min()))} bis {euro_ganz(int(cents.max()))}"


def kernaussagen(k: Kontext) -> str:
    """'Das Wichtigste in Kürze' as Markdown bullets, every number computed by the library."""
    from ..basis.format import euro_ganz, prozent
    from ..modell.vergleich import praesenzkraft_m
    from ..recht.parameter import geprueft_bis

    pg23 = fall_tabelle(k.landkreis, k.params, pflegegrad=3, heim=k.heim)
    pg45 = fall_tabelle(k.landkreis, k.params, pflegegrad=4, heim=k.heim)
    p = int(praesenzkraft_m(k.landkreis, k.params))
    heim = leistungszuschlag_tabelle(k.landkreis, k.params, k.heim).loc["Eigenanteil pflegebedingte Aufwendungen"].to_numpy()
    saetze = k.params.leistungszuschlag_anteil
    register = load_wg_register(k.landkreis)
    anbieter = register[register["typ"] == "anbietergestuetzt"]
    bestehend = anbieter[anbieter["status"] == "bestehend"]
    geplant = anbieter[anbieter["status"] == "geplant"]
    zeilen = [
        f"- Ein Platz in einer anbietergestützten Pflege-WG kostet den Landkreis in den {len(k.landkreis.faelle)} "
        f"Fallbeispielen (Pflegegrad 2/3) **{_spanne(pg23['mehrkosten_wg_m'].to_numpy())} im Monat mehr** als ein "
        f"Heimplatz, das sind {_spanne(pg23['mehrkosten_wg_y'].to_numpy())} im Jahr.",
        f"- Grund: Die Präsenzkraft nach § 13 WTPG kostet je Bewohner {euro_ganz(p)} im Monat "
        f"(bei {k.landkreis.bewohner_standard} Bewohnern); der pflegebedingte Eigenanteil im Vergleichsheim beträgt "
        f"nach Leistungszuschlag nur {_spanne(heim)}. Für die WG gibt es keinen Leistungszuschlag.",
        f"- Je länger jemand im Heim wäre, desto größer die Differenz: der Leistungszuschlag (§ 43c SGB XI) "
        f"steigt von {prozent(saetze[1])} auf {prozent(saetze[4])} des Eigenanteils.",
        f"- Bei Pflegegrad 4/5 bleibt in der WG mehr Einkommen geschützt (§ 87 Abs. 1 S. 3 SGB XII): die Mehrkosten "
        f"liegen dann bei {_spanne(pg45['mehrkosten_wg_m'].to_numpy())} im Monat.",
        f"- Im Landkreis bestehen {len(bestehend)} anbietergestützte WGs mit {int(bestehend['plaetze'].sum())} Plätzen; "
        f"{len(geplant)} weitere sind in Planung ({int(geplant['plaetze'].sum())} Plätze bekannt, "
        f"{int(geplant['plaetze'].isna().sum())} ohne Angabe).",
    ]
    from ..kreis.kreismodell import kreis
    from ..kreis.szenario import Szenario

    basis = Szenario(stichtag=k.params.stichtag, heim=k.heim)
    kreisweit = kreis(dataclasses.replace(basis, geplante_wgs=True), k.landkreis)
    zeilen.append(
        f"- Für den ganzen Kreis (Kapitel Kreis-Kostenrisiko, Basisszenario mit Annahmen zu Anteil, Einkommen und "
        f"Pflegegrad der Empfänger): die bestehenden WGs kosten den Landkreis **{euro_ganz(kreisweit.summe(gruppe='bestehend'))} im Jahr mehr** "
        f"als dieselben Personen im Heim; mit den geplanten WGs wären es "
        f"{euro_ganz(kreisweit.summe())}. Die Bandbreite der Unsicherheit zeigt das Kapitel."
    )
    spaeter = load_parameters(geprueft_bis())
    if spaeter.leistungszuschlag_anteil != saetze or spaeter.regelbedarfsstufe_1 != k.params.regelbedarfsstufe_1:
        neu = fall_tabelle(k.landkreis, spaeter, pflegegrad=3, heim=k.heim)
        zeilen.append(
            f"- Nach dem zuletzt hinterlegten Recht (Stand {datum(spaeter.stichtag)}; Leistungszuschlag "
            f"{'/'.join(str(int(spaeter.leistungszuschlag_anteil[s] * 100)) for s in STUFEN)} %, höhere Regelbedarfe) "  # kein Pfad: "15/30/50/75 %"
            f"und mit den Preisen dieses Tages ({preise_text(k.landkreis.zum(spaeter.stichtag).preise)}) lägen die "
            f"Mehrkosten bei {_spanne(neu['mehrkosten_wg_m'].to_numpy())} im Monat."
        )
    if k.landkreis.referenz:  # only a county whose file names the paper compares with it
        zusammen = abgl.zusammenfassung(abgl.abgleich(ref=abgl.referenz(k.landkreis.referenz)))
        zeilen.append(
            f"- Das Modell gibt {int(zusammen['stimmt'].sum())} von {int(zusammen['zellen'].sum())} Zahlen der "
            f"{abgl.referenz_kurz(k.landkreis.referenz)} genau wieder; die {int(zusammen['bekannt'].sum())} übrigen sind Rechen- oder "
            f"Übertragungsfehler der Drucksache (Kapitel Abgleich)."
        )
    return "\n".join(zeilen)
