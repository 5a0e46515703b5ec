"""Vollkosten: the county's whole monthly cost of a place in the Pflege-WG and in the home.

The paper (and `vergleich`) compares only the Präsenzkraft with the home's care-related own
share. Here the WG side is the whole need for Hilfe zur Pflege (§§ 61 ff. SGB XII):

    Präsenzkraft (§ 13 WTPG)
  − angerechnete Leistungen der Pflegekasse, je ein Schalter (`Optionen`):
        Wohngruppenzuschlag § 38a SGB XI, Umwandlung § 45a Abs. 4 SGB XI
  + Rechnung des Pflegedienstes über der Pflegesachleistung § 36 SGB XI (§§ 63, 64b SGB XII),
        wo angerechnet abzüglich Entlastungsbetrag § 45b SGB XI
  = Bedarf an Hilfe zur Pflege, auf den das Einkommen EINMAL eingesetzt wird (§§ 85, 87 SGB XII)
  + Hilfe zum Lebensunterhalt (Schalter; Bewohner unter der Regelaltersgrenze, §§ 27 ff. SGB XII)

and the home side is the paper's rule (`vergleich`, unchanged) plus, with the same switch, the
Hilfe zum Lebensunterhalt in the institution. All amounts are integer cents per month; every
function is vectorised like `vergleich` (columns of any shape that broadcast).
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from decimal import Decimal

import numpy as np

from ..basis.dateien import ParameterDateiFehler
from ..recht import sgb_xi, sgb_xii
from ..recht.parameter import Parameterset
from .landkreis import Landkreisdaten
from .vergleich import vergleich


@dataclass(frozen=True)
class Optionen:
    """Policy options of the Vollkosten: which benefits of the Pflegekasse the county counts
    against the need, and whether it pays the residents' Lebensunterhalt. See `OPTIONEN`."""

    wohngruppenzuschlag_anrechnen: bool = False
    entlastungsbetrag_anrechnen: bool = False
    umwandlung_anteil: Decimal = Decimal(0)
    hilfe_zum_lebensunterhalt: bool = False

    def __post_init__(self):
        for f in ("wohngruppenzuschlag_anrechnen", "entlastungsbetrag_anrechnen", "hilfe_zum_lebensunterhalt"):
            if not isinstance(getattr(self, f), bool):
                from ..basis.geld import EingabeFehler

                raise EingabeFehler(f"{f}: {getattr(self, f)!r} nicht erlaubt (erlaubt: ja/nein)")
        object.__setattr__(self, "umwandlung_anteil", Decimal(str(self.umwandlung_anteil)))


@dataclass(frozen=True)
class Option:
    """One switch: German label, legal basis and case law, and why its default is what it is."""

    bezeichnung: str
    rechtsgrundlage: str
    standard_grund: str


#: Each option with its legal basis, the case law and the reason for its default.
OPTIONEN: dict[str, Option] = {
    "wohngruppenzuschlag_anrechnen": Option(
        "Wohngruppenzuschlag (§ 38a SGB XI) auf die Präsenzkraft angerechnet",
        "§ 38a Abs. 1 SGB XI (214 €, ab 2025 224 € je Monat) zweckgebunden für eine Person, die in der Wohngruppe "
        "allgemein organisatorische, verwaltende, betreuende oder das Gemeinschaftsleben fördernde Tätigkeiten "
        "verrichtet; § 63b Abs. 1 SGB XII (keine Hilfe zur Pflege, soweit gleichartige Leistungen bezogen werden). "
        "BSG, Az. B 8 SO 14/16 R: der Zuschlag ist keine gleichartige Leistung und mindert "
        "die Hilfe zur Pflege nicht; Sozialgerichte (SG Berlin) haben in beide Richtungen entschieden.",
        "Standard nein: höchstrichterlich (BSG B 8 SO 14/16 R) nicht anrechenbar; so auch die Drucksache und "
        "das Kreismodell (Szenario wohngruppenzuschlag_anrechnen).",
    ),
    "entlastungsbetrag_anrechnen": Option(
        "Entlastungsbetrag (§ 45b SGB XI) auf die Pflegerechnung angerechnet",
        "§ 45b Abs. 1 SGB XI (125 €, ab 2025 131 € je Monat), zweckgebunden u. a. für Leistungen ambulanter "
        "Pflegedienste (in den Pflegegraden 2 bis 5 nicht für die Selbstversorgung) und anerkannte Angebote zur "
        "Unterstützung im Alltag; § 13 Abs. 3a SGB XI: der Entlastungsbetrag bleibt bei den Fürsorgeleistungen "
        "zur Pflege unberücksichtigt; die Hilfe zur Pflege kennt einen eigenen (§ 64i SGB XII).",
        "Standard nein: nach § 13 Abs. 3a SGB XI darf der Landkreis ihn nicht als Einkommen oder vorrangige "
        "Leistung anrechnen; angerechnet nur, wenn der Bewohner ihn tatsächlich für die Rechnung des Pflegedienstes verwendet.",
    ),
    "umwandlung_anteil": Option(
        "Umwandlung der Pflegesachleistung (§ 45a Abs. 4 SGB XI) für die Präsenz",
        "§ 45a Abs. 4 SGB XI: bis zu 40 % des Sachleistungsbetrags, soweit er im Monat nicht für Sachleistungen "
        "verbraucht wird, für anerkannte Angebote zur Unterstützung im Alltag (in Baden-Württemberg anerkannt nach "
        "der Unterstützungsangebote-Verordnung, UstA-VO); Nachrang der Sozialhilfe (§ 2 Abs. 1 SGB XII).",
        "Standard 0: setzt voraus, dass der Anbieter der Präsenz als Angebot zur Unterstützung im Alltag anerkannt "
        "ist; wirkt nur, wo die Pflegerechnung die Sachleistung nicht ausschöpft (ANNAHME: in der Regel nicht anerkannt).",
    ),
    "hilfe_zum_lebensunterhalt": Option(
        "Hilfe zum Lebensunterhalt (Bewohner unter der Regelaltersgrenze)",
        "§§ 19 Abs. 1, 27 ff. SGB XII (WG: Regelbedarfsstufe 1 + Unterkunft, § 35; Heim: § 27b mit "
        "Regelbedarfsstufe 3 + Warmmiete) für Leistungsberechtigte unter der Regelaltersgrenze, die nicht "
        "dauerhaft voll erwerbsgemindert sind; trägt der Landkreis, während er die Grundsicherung (§ 41) vom "
        "Bund erstattet bekommt (§ 46a SGB XII).",
        "Standard nein: die meisten Bewohner haben die Regelaltersgrenze erreicht (Grundsicherung, Bund). "
        "Einschalten für jüngere Bewohner (z. B. WGs für Menschen mit erworbenen Hirnschäden).",
    ),
}


def pflegerechnung_m(landkreis: Landkreisdaten, pflegegrad) -> np.ndarray:
    """The county file's care bill in the WG per resident by Pflegegrad (cents/month), checked."""
    if landkreis.wg_pflegerechnung_m is None:
        raise ParameterDateiFehler(
            f"{landkreis.datei.name}: wg.pflegerechnung_m: fehlt (die Vollkosten brauchen die Rechnung des "
            "Pflegedienstes je WG-Bewohner für Pflegegrad 2, 3, 4 und 5)"
        )
    pg = sgb_xi.pruefe_pflegegrad(pflegegrad)
    tabelle = np.array([landkreis.wg_pflegerechnung_m[g] for g in sgb_xi.PFLEGEGRADE], dtype=np.int64)
    return tabelle[pg - 2]


def vollkosten(
    einkommen_m,
    pflegegrad,
    stufe,
    params: Parameterset,
    landkreis: Landkreisdaten,
    heim: str = "durchschnitt",
    bewohner=None,
    optionen: Optionen | None = None,
) -> dict[str, np.ndarray]:
    """The county's whole monthly cost per case in the WG and in the home (cents), by item.

    Columns: everything of `vergleich` (the paper's rule, `*_drucksache` below refers to it) plus
    pflegerechnung_m, pflegesachleistung_m, entlastung_m, pflege_ueber_sachleistung_m,
    wohngruppenzuschlag_m, umwandlung_m, bedarf_hzp_wg_m, hzp_wg_m, lebensunterhalt_bedarf_wg_m,
    hlu_wg_m, hlu_heim_m, kosten_wg_m, kosten_heim_m, mehrkosten_m, mehrkosten_drucksache_m.
    """
    o = optionen or Optionen()
    landkreis = landkreis.zum(params.stichtag)
    v = vergleich(einkommen_m, pflegegrad, stufe, params, landkreis, heim=heim, bewohner=bewohner)
    pg = v["pflegegrad"]
    einkommen = v["einkommen_m"]
    n = landkreis.bewohner_standard if bewohner is None else bewohner

    rechnung = pflegerechnung_m(landkreis, pg)
    sachleistung = sgb_xi.pflegesachleistung_m(pg, params)
    entlastung = sgb_xi.entlastungsbetrag_m(params) if o.entlastungsbetrag_anrechnen else np.int64(0)
    ueber = sgb_xii.pflege_ueber_sachleistung_m(rechnung, sachleistung, entlastung)
    # the part of the Entlastungsbetrag actually used for the bill (never more than the bill above § 36)
    entlastung_genutzt = sgb_xii.pflege_ueber_sachleistung_m(rechnung, sachleistung) - ueber
    wgz = sgb_xi.wohngruppenzuschlag_m(n, params) if o.wohngruppenzuschlag_anrechnen else np.int64(0)
    umwandlung = sgb_xi.umwandlungsbetrag_m(pg, o.umwandlung_anteil, rechnung, params)
    abzuege = np.minimum(v["praesenzkraft_m"], wgz + umwandlung)  # never more than the Präsenzkraft
    bedarf = sgb_xii.bedarf_hilfe_zur_pflege_wg_m(v["praesenzkraft_m"], ueber, abzuege)
    hzp_wg = sgb_xii.anteil_landkreis_wg_m(bedarf, v["einkommenseinsatz_m"])

    lu_bedarf_wg = sgb_xii.lebensunterhalt_bedarf_wg_m(landkreis.wg_unterkunftskosten_m, params)
    if o.hilfe_zum_lebensunterhalt:
        hlu_wg = sgb_xii.hilfe_zum_lebensunterhalt_m(lu_bedarf_wg, einkommen)
        hlu_heim = sgb_xii.hilfe_zum_lebensunterhalt_m(v["grundsicherungsbedarf_m"], einkommen)
    else:
        hlu_wg = hlu_heim = np.int64(0)
    kosten_wg = hzp_wg + hlu_wg
    kosten_heim = v["anteil_landkreis_heim_m"] + hlu_heim
    shape = np.shape(v["einkommen_m"])

    def col(x):
        return np.broadcast_to(np.asarray(x, dtype=np.int64), shape)

    return {
        **v,
        "pflegerechnung_m": col(rechnung),
        "pflegesachleistung_m": col(sachleistung),
        "entlastung_m": col(entlastung_genutzt),
        "pflege_ueber_sachleistung_m": col(ueber),
        "wohngruppenzuschlag_m": col(np.minimum(wgz, abzuege)),
        "umwandlung_m": col(abzuege - np.minimum(wgz, abzuege)),
        "bedarf_hzp_wg_m": col(bedarf),
        "hzp_wg_m": col(hzp_wg),
        "lebensunterhalt_bedarf_wg_m": col(lu_bedarf_wg),
        "hlu_wg_m": col(hlu_wg),
        "hlu_heim_m": col(hlu_heim),
        "kosten_wg_m": col(kosten_wg),
        "kosten_heim_m": col(kosten_heim),
        "mehrkosten_m": col(kosten_wg - kosten_heim),
        "mehrkosten_drucksache_m": col(v["mehrkosten_wg_m"]),
    }


#: the items the paper left out, in the order of `auslassungen` (key, German label)
AUSLASSUNGEN = (
    ("pflege", "Pflege über der Sachleistung (§ 36 SGB XI; §§ 63, 64b SGB XII)"),
    ("wohngruppenzuschlag_anrechnen", "Wohngruppenzuschlag angerechnet (§ 38a SGB XI)"),
    ("entlastungsbetrag_anrechnen", "Entlastungsbetrag angerechnet (§ 45b SGB XI)"),
    ("umwandlung_anteil", "Umwandlung 40 % der Sachleistung (§ 45a Abs. 4 SGB XI)"),
    ("hilfe_zum_lebensunterhalt", "Hilfe zum Lebensunterhalt (unter der Regelaltersgrenze)"),
)


def auslassungen(einkommen_m, stufe, params: Parameterset, landkreis: Landkreisdaten, heim: str = "durchschnitt",
                 bewohner=None, optionen: Optionen | None = None) -> dict[str, np.ndarray]:
    """What the paper left out and what each item changes, per Pflegegrad 2..5 (cents/month, arrays of 4).

    drucksache: the paper's Mehrkosten (Präsenzkraft vs. Eigenanteil); pflege: the change when the
    care above the Sachleistung joins the need (one Einkommenseinsatz, all options off); then, for
    each option alone on top of that, the change it would make (`umwandlung_anteil` at the legal
    maximum of 40 %); vollkosten: the Mehrkosten with `optionen` (the chosen settings).
    """
    pg = np.array(sgb_xi.PFLEGEGRADE)
    aus = Optionen()

    def mehr(o: Optionen) -> np.ndarray:
        return vollkosten(einkommen_m, pg, stufe, params, landkreis, heim, bewohner, o)["mehrkosten_m"]

    basis = vollkosten(einkommen_m, pg, stufe, params, landkreis, heim, bewohner, aus)
    ohne = basis["mehrkosten_m"]
    ergebnis = {"drucksache": basis["mehrkosten_drucksache_m"], "pflege": ohne - basis["mehrkosten_drucksache_m"]}
    for f in fields(Optionen):
        wert = params.umwandlung_hoechstanteil if f.name == "umwandlung_anteil" else True
        ergebnis[f.name] = mehr(replace(aus, **{f.name: wert})) - ohne
    ergebnis["vollkosten"] = mehr(optionen or aus)
    return ergebnis
