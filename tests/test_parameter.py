"""Legal parameters by Stichtag: values from the law, both sides of each change date."""
import datetime as dt
import shutil
from decimal import Decimal

import pytest

from pflegewg.basis.geld import EingabeFehler
from pflegewg.recht.parameter import (
    EINHEITEN,
    PARAMETER_DIR,
    PARAMETER_FILES,
    ParameterDateiFehler,
    load_parameters,
    load_yaml,
)

D = Decimal


@pytest.mark.parametrize(
    "stichtag, rbs1, rbs3, barbetrag_cent",
    [
        ("2022-01-01", 449, 360, 12123),
        ("2022-12-31", 449, 360, 12123),
        ("2023-01-01", 502, 402, 13554),
        ("2023-12-31", 502, 402, 13554),
        ("2024-01-01", 563, 451, 15201),
        ("2025-06-30", 563, 451, 15201),
        ("2026-12-31", 563, 451, 15201),
    ],
)
def test_regelbedarfe_und_barbetrag(stichtag, rbs1, rbs3, barbetrag_cent):
    from pflegewg.recht.sgb_xii import barbetrag_m

    p = load_parameters(stichtag)
    assert p.regelbedarfsstufe_1 == rbs1
    assert p.regelbedarfsstufe_3 == rbs3
    assert barbetrag_m(p) == barbetrag_cent


def test_leistungszuschlag_wechsel_2024():
    alt = load_parameters("2023-12-31").leistungszuschlag_anteil
    neu = load_parameters("2024-01-01").leistungszuschlag_anteil
    assert [alt[s] for s in (1, 2, 3, 4)] == [D("0.05"), D("0.25"), D("0.45"), D("0.70")]
    assert [neu[s] for s in (1, 2, 3, 4)] == [D("0.15"), D("0.30"), D("0.50"), D("0.75")]
    assert load_parameters("2022-01-01").leistungszuschlag_anteil[4] == D("0.70")


@pytest.mark.parametrize(
    "name, vorher, nachher, wechsel",
    [
        ("pflegesachleistung", (724, 1363, 1693, 2095), (761, 1432, 1778, 2200), "2024-01-01"),
        ("pflegesachleistung", (761, 1432, 1778, 2200), (796, 1497, 1859, 2299), "2025-01-01"),
        ("pflegegeld", (316, 545, 728, 901), (332, 573, 765, 947), "2024-01-01"),
        ("pflegegeld", (332, 573, 765, 947), (347, 599, 800, 990), "2025-01-01"),
        ("leistungsbetrag_stationaer", (770, 1262, 1775, 2005), (805, 1319, 1855, 2096), "2025-01-01"),
    ],
)
def test_sgb_xi_leistungen_nach_pflegegrad(name, vorher, nachher, wechsel):
    tag = dt.date.fromisoformat(wechsel)
    davor = load_parameters(tag - dt.timedelta(days=1))[name]
    ab = load_parameters(tag)[name]
    assert tuple(davor[pg] for pg in (2, 3, 4, 5)) == vorher
    assert tuple(ab[pg] for pg in (2, 3, 4, 5)) == nachher


@pytest.mark.parametrize("name, vorher, nachher", [("wohngruppenzuschlag", 214, 224), ("entlastungsbetrag", 125, 131)])
def test_pauschalen_wechsel_2025(name, vorher, nachher):
    assert load_parameters("2024-12-31")[name] == vorher
    assert load_parameters("2025-01-01")[name] == nachher
    assert load_parameters("2022-01-01")[name] == vorher


def test_wtpg_und_grenzen(p2023):
    assert (p2023.praesenz_stunden_grund, p2023.praesenz_stunden_zusatz) == (24, 12)
    assert p2023.praesenz_zusatz_ab_mehr_als == 8
    assert p2023.hoechstzahl_bewohner == 12
    assert p2023.einkommensgrenze_faktor == 2
    assert p2023.einsatzquote_hoechst_pg45 == D("0.40")


@pytest.mark.parametrize("stichtag", ["2021-12-31", "2041-01-01", "1999-05-05"])
def test_stichtag_ausserhalb(stichtag):
    with pytest.raises(EingabeFehler, match="stichtag: .* außerhalb .*2022-01-01 bis 2040-12-31"):
        load_parameters(stichtag)


def test_stichtag_kein_datum():
    with pytest.raises(EingabeFehler, match="JJJJ-MM-TT"):
        load_parameters("13.02.2023")


def test_parameterset_unveraenderlich(p2023):
    with pytest.raises((AttributeError, TypeError)):
        p2023.werte["regelbedarfsstufe_1"] = 1
    with pytest.raises(TypeError):
        p2023.leistungszuschlag_anteil[1] = D("0.5")
    with pytest.raises(Exception):
        p2023.stichtag = dt.date(2024, 1, 1)


def test_jeder_wert_hat_fundstelle_und_einheit():
    """Every value cites the Gesetzblatt; the only exception is a value marked ANNAHME (the
    TPQG's date of entry into force, not found in the sources)."""
    for datei in PARAMETER_FILES:
        inhalt = load_yaml(PARAMETER_DIR / datei)
        assert isinstance(inhalt.pop("geprueft_bis"), dt.date), datei
        for name, angaben in inhalt.items():
            assert angaben["einheit"] in EINHEITEN, (datei, name)
            assert angaben["beschreibung"].startswith("§") or angaben["beschreibung"].startswith("Anlage"), (datei, name)
            for eintrag in angaben["werte"]:
                f = eintrag["fundstelle"]
                assert "BGBl" in f or "GBl" in f or ("ANNAHME" in f and "ANNAHME" in angaben["hinweis"]), (datei, name)


def test_quelle_je_wert(p2024):
    q = p2024.quellen["leistungszuschlag_anteil"]
    assert q.gilt_ab == dt.date(2024, 1, 1) and "PUEG" in q.fundstelle and q.datei == "sgb_xi.yaml"


def _kaputte_kopie(tmp_path, ersetzen):
    ziel = tmp_path / "parameters"
    shutil.copytree(PARAMETER_DIR, ziel)
    pfad = ziel / "sgb_xi.yaml"
    text = pfad.read_text(encoding="utf-8")
    alt, neu = ersetzen
    assert alt in text
    pfad.write_text(text.replace(alt, neu, 1), encoding="utf-8")
    return ziel


@pytest.mark.parametrize(
    "ersetzen, meldung",
    [
        (("  einheit: anteil\n", "  einheit: anteil\n  farbe: rot\n"), r"sgb_xi.yaml: leistungszuschlag_anteil: unbekannter Schlüssel 'farbe'"),
        (("  einheit: anteil\n", ""), r"sgb_xi.yaml: leistungszuschlag_anteil: Pflichtfeld 'einheit' fehlt"),
        (("      fundstelle: \"Art. 2 Nr. 15 GVWG", "      quelle: \"Art. 2 Nr. 15 GVWG"), r"sgb_xi.yaml: leistungszuschlag_anteil: unbekannter Schlüssel 'quelle'"),
        (("  einheit: euro_m\n", "  einheit: dollar\n"), r"sgb_xi.yaml: pflegesachleistung: einheit 'dollar' nicht erlaubt"),
    ],
)
def test_kaputte_parameterdatei(tmp_path, ersetzen, meldung):
    ziel = _kaputte_kopie(tmp_path, ersetzen)
    with pytest.raises(ParameterDateiFehler, match=meldung):
        load_parameters("2023-01-01", directory=ziel)


def test_fehlende_fundstelle(tmp_path):
    ziel = tmp_path / "parameters"
    shutil.copytree(PARAMETER_DIR, ziel)
    pfad = ziel / "wtpg.yaml"
    text = pfad.read_text(encoding="utf-8").replace('      fundstelle: "WTPG v. 20.05.2014, GBl. S. 241"\n', "", 1)
    pfad.write_text(text, encoding="utf-8")
    with pytest.raises(ParameterDateiFehler, match=r"wtpg.yaml: praesenz_stunden_grund: Pflichtfeld 'fundstelle' fehlt"):
        load_parameters("2023-01-01", directory=ziel)
