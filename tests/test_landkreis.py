"""The county file and the WG register of the paper."""
import pytest

from pflegewg.basis.dateien import ParameterDateiFehler
from pflegewg.modell.landkreis import load_landkreis, load_wg_register, standard_datei


def test_kreisdaten(konstanz):
    assert konstanz.landkreis == "Landkreis Konstanz"
    assert konstanz.stand.isoformat() == "2023-01-20"
    assert konstanz.heime["durchschnitt"].eee_m == 141484
    assert konstanz.praesenzkraft_stundensatz == 2250
    assert [f.einkommen_m for f in konstanz.faelle] == [0, 120000, 145000, 180000, 275000]


def test_wg_register(konstanz):
    wg = load_wg_register(konstanz)
    assert len(wg) == 16
    selbst = wg[wg["typ"] == "selbstverantwortet"]
    anbieter = wg[(wg["typ"] == "anbietergestuetzt") & (wg["status"] == "bestehend")]
    geplant = wg[wg["status"] == "geplant"]
    assert (len(selbst), int(selbst["plaetze"].sum())) == (6, 59)
    assert (len(anbieter), int(anbieter["plaetze"].sum())) == (4, 34)
    assert len(geplant) == 6 and set(geplant["typ"]) == {"anbietergestuetzt"}
    assert int(geplant["plaetze"].isna().sum()) == 2
    assert not wg.astype(str).apply(lambda s: s.str.contains(r"\?")).any().any()
    talgarten = wg[wg["name"] == "Talgartenstraße"].iloc[0]
    assert (talgarten["plz"], talgarten["zielgruppe"], talgarten["betreiber"]) == ("78462", "Demenz", "Spitalstiftung Konstanz")


def _kopie(tmp_path, alt, neu):
    text = standard_datei().read_text(encoding="utf-8")
    assert alt in text
    pfad = tmp_path / "kreis.yaml"
    pfad.write_text(text.replace(alt, neu, 1), encoding="utf-8")
    return pfad


@pytest.mark.parametrize(
    "alt, neu, meldung",
    [
        ("  eee_m: 1414.84", "  eee_m: -1", r"heime.durchschnitt.eee_m: -1 ist negativ"),
        ("  warmmiete_m: 608", "  warmmiete_m: 608\n  miete: 1", r"grundsicherung.miete: unbekannter Schlüssel"),
        ("{2: 0.90, 3: 0.90, 4: 0.30, 5: 0.30}", "{2: 0.90, 3: 0.90, 4: 0.30}", r"wg.einsatzquote: braucht je einen Wert"),
        ("  praesenzkraft_tage_pro_monat: 30", "  praesenzkraft_tage_pro_monat: 40", r"wg.praesenzkraft_tage_pro_monat: 40 nicht plausibel \(erlaubt: 28 bis 31 Tage je Monat"),
        ("  eee_m: 1414.84", "  eee_m: 1414.845", r"heime.durchschnitt.eee_m: .*zwei Nachkommastellen"),
    ],
)
def test_kaputte_kreisdatei(tmp_path, alt, neu, meldung):
    with pytest.raises(ParameterDateiFehler, match=r"kreis.yaml: " + meldung):
        load_landkreis(_kopie(tmp_path, alt, neu))


def test_register_mit_fragezeichen(tmp_path, konstanz):
    text = konstanz.wg_register_datei.read_text(encoding="utf-8").replace(",,12,,Malteser", ",?,12,,Malteser")
    pfad = tmp_path / "wg.csv"
    pfad.write_text(text, encoding="utf-8")
    with pytest.raises(ParameterDateiFehler, match=r"wg.csv: Zeile 13: '\?' ist kein Wert"):
        load_wg_register(pfad)


def test_anderer_landkreis(tmp_path):
    """Another county brings its own file: its numbers are used, the law stays."""
    from pflegewg.modell.vergleich import vergleich
    from pflegewg.recht.parameter import load_parameters

    pfad = _kopie(tmp_path, "praesenzkraft_stundensatz: 22.50", "praesenzkraft_stundensatz: 25.00")
    anders = load_landkreis(pfad)
    r = vergleich(0, 3, 1, load_parameters("2023-01-01"), anders)
    assert r["praesenzkraft_m"] == 225000
