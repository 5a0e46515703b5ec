"""Issue 8, input side: every reproduction through the command line (exit code, one German
line, the Decimal reference's cents), and hypothesis-generated county and scenario files
(valid and broken): exit 0 with the reference's cents, or exit 2 with one line."""
from __future__ import annotations

import dataclasses
import json
import os
import signal
import tempfile
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from pflegewg import cli
from pflegewg.basis.csv_lesen import lese_csv
from pflegewg.bericht.tabellen import STATUS_TEXT, TYP_TEXT
from pflegewg.cli import main
from pflegewg.kreis.szenario import load_szenario
from pflegewg.modell.landkreis import PLAUSIBEL, load_landkreis, load_wg_register, standard_datei
from pflegewg.modell.referenz import fall_referenz
from pflegewg.modell.sitzungen import load_sitzungen
from pflegewg.recht.parameter import ABDECKUNG_VON, geprueft_bis, load_parameters

DATEN = standard_datei().parent
KREIS_TEXT = standard_datei().read_text(encoding="utf-8")
REGISTER_TEXT = (DATEN / "landkreis_konstanz_wg.csv").read_text(encoding="utf-8")
CENT = Decimal("0.01")


def run(capsys, *args):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def eine_zeile(err: str) -> str:
    assert err.count("\n") == 1 and err.startswith("pflegewg: "), err
    assert "Traceback" not in err
    return err


def kreisdatei(ordner: Path, ersetzen: dict[str, str] | None = None, name: str = "kreis.yaml",
               register: str | None = REGISTER_TEXT, register_bytes: bytes | None = None) -> Path:
    """A copy of the Konstanz county file with replacements, beside a copy of its register."""
    text = KREIS_TEXT
    for alt, neu in (ersetzen or {}).items():
        assert alt in text, alt
        text = text.replace(alt, neu, 1)
    (ordner / name).write_text(text, encoding="utf-8")
    if register_bytes is not None:
        (ordner / "landkreis_konstanz_wg.csv").write_bytes(register_bytes)
    elif register is not None:
        (ordner / "landkreis_konstanz_wg.csv").write_text(register, encoding="utf-8")
    return ordner / name


def _r(x: Decimal) -> Decimal:
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def _half_up(x: Fraction) -> int:
    return (1 if x >= 0 else -1) * ((2 * abs(x.numerator) + x.denominator) // (2 * x.denominator))


def kreis_referenz(szenario, landkreis) -> tuple[int, int]:
    """Yearly county totals (kosten_wg_y, kosten_heim_y) in cents, one case at a time with the
    Decimal reference and Fractions: independent of the vectorised county model."""
    params = load_parameters(szenario.stichtag)
    if szenario.praesenzkraft_stundensatz is not None:
        landkreis = dataclasses.replace(landkreis, praesenzkraft_stundensatz=szenario.praesenzkraft_stundensatz)
    register = load_wg_register(landkreis)
    e, g, s = szenario.einkommen(), szenario.pflegegrade(), szenario.stufen()
    pe = [Fraction(w, e.nenner) for w in e.gewichte]
    pg = [Fraction(w, g.nenner) for w in g.gewichte]
    ps = [Fraction(w, s.nenner) for w in s.gewichte]
    with localcontext() as ctx:
        ctx.prec = 80
        heim = sum(
            pe[i] * ps[j] * Fraction(fall_referenz(Decimal(ek) / 100, 2, st_, params, landkreis, heim=szenario.heim)["anteil_landkreis_heim_m"] * 100)
            for i, ek in enumerate(e.werte) for j, st_ in enumerate(s.werte)
        )
        summe_wg = summe_heim = 0
        for _, w in register.iterrows():
            if w["typ"] != "anbietergestuetzt" or (not szenario.geplante_wgs and w["status"] != "bestehend"):
                continue
            plaetze = szenario.plaetze_geplant if pd.isna(w["plaetze"]) else int(w["plaetze"])
            bewohner = max(1, _half_up(Fraction(plaetze) * Fraction(str(szenario.belegung))))
            p = fall_referenz(Decimal(0), 2, 1, params, landkreis, heim=szenario.heim, bewohner=bewohner)["praesenzkraft_m"]
            mp = _r(p * szenario.modellprojekt_anteil)
            in_gruppe = int(params.wohngruppenzuschlag_personen_mindestens) <= bewohner <= int(params.wohngruppenzuschlag_personen_hoechstens)
            wgz = Decimal(params.wohngruppenzuschlag) if (szenario.wohngruppenzuschlag_anrechnen and in_gruppe) else 0
            rest = max(Decimal(0), p - mp - wgz)
            eg = params.einkommensgrenze_faktor * params.regelbedarfsstufe_1 + Decimal(landkreis.wg_unterkunftskosten_m) / 100
            erwartet_wg = sum(
                pe[i] * pg[j] * Fraction(max(Decimal(0), rest - _r(landkreis.einsatzquote[grad] * max(Decimal(0), Decimal(ek) / 100 - eg)))) * 100
                for i, ek in enumerate(e.werte) for j, grad in enumerate(g.werte)
            )
            empfaenger = Fraction(str(Decimal(bewohner) * szenario.hzp_anteil))
            summe_wg += _half_up(empfaenger * erwartet_wg)
            summe_heim += _half_up(empfaenger * heim)
    return 12 * summe_wg, 12 * summe_heim


def json_cent(x) -> int:
    return int(Decimal(str(x)) * 100)


# --- 1. overflow: the four reproductions -----------------------------------------------------


def test_pflegegrad_verteilung_mit_15_stellen(tmp_path, capsys, konstanz):
    f = tmp_path / "sz.yaml"
    f.write_text("pflegegrad_verteilung: {2: 0.333333333333333, 3: 0.333333333333333, 4: 0.333333333333334}\n")
    code, out, _ = run(capsys, "kreis", "--szenario", f, "--json")
    assert code == 0
    summe = json.loads(out)["summe"]["alle"]
    wg, heim = kreis_referenz(load_szenario(f), konstanz)
    assert (json_cent(summe["kosten_wg_y"]), json_cent(summe["kosten_heim_y"])) == (wg, heim)
    assert wg > 0 and json_cent(summe["mehrkosten_y"]) > 0


def test_modellprojekt_anteil_mit_14_stellen(tmp_path, capsys, konstanz):
    f = tmp_path / "sz.yaml"
    f.write_text("modellprojekt_anteil: 0.33333333333333\n")
    code, out, _ = run(capsys, "kreis", "--szenario", f, "--json")
    assert code == 0
    mit = json_cent(json.loads(out)["summe"]["alle"]["kosten_wg_y"])
    assert mit == kreis_referenz(load_szenario(f), konstanz)[0]
    _, ohne_out, _ = run(capsys, "kreis", "--json")
    assert mit < json_cent(json.loads(ohne_out)["summe"]["alle"]["kosten_wg_y"])


def test_tage_pro_monat_365_12(tmp_path, capsys):
    f = kreisdatei(tmp_path, {"praesenzkraft_tage_pro_monat: 30": "praesenzkraft_tage_pro_monat: 30.4166666666667"})
    code, out, _ = run(capsys, "fall", "--daten", f, "--einkommen", "0", "--pflegegrad", "3", "--json")
    assert code == 0
    ref = fall_referenz(Decimal(0), 3, 1, load_parameters("2023-01-01"), load_landkreis(f))
    assert Decimal(str(json.loads(out)["wg"]["praesenzkraft_m"])) == ref["praesenzkraft_m"] == Decimal("2053.13")


def test_einsatzquote_ein_drittel(tmp_path, capsys):
    f = kreisdatei(tmp_path, {"4: 0.30, 5": "4: 0.333333333333333, 5"})
    code, out, _ = run(capsys, "fall", "--daten", f, "--einkommen", "2750", "--pflegegrad", "4")
    assert code == 0 and "410,33\u00a0€" in out
    _, out, _ = run(capsys, "fall", "--daten", f, "--einkommen", "2750", "--pflegegrad", "4", "--json")
    ref = fall_referenz(Decimal(2750), 4, 1, load_parameters("2023-01-01"), load_landkreis(f))
    assert Decimal(str(json.loads(out)["wg"]["anteil_landkreis_m"])) == ref["anteil_landkreis_wg_m"]


# --- 4. plausible ranges ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "alt, neu, meldung",
    [
        ("praesenzkraft_stundensatz: 22.50", "praesenzkraft_stundensatz: 2250",
         "kreis.yaml: wg.praesenzkraft_stundensatz: 2250 nicht plausibel (erlaubt: 10,00 bis 100,00 € je Stunde"),
        ("unterkunftskosten_m: 515", "unterkunftskosten_m: 1.500", "kreis.yaml: wg.unterkunftskosten_m: 1.500 hat mehr als zwei Nachkommastellen"),
        ("unterkunftskosten_m: 515", "unterkunftskosten_m: 1.50", "kreis.yaml: wg.unterkunftskosten_m: 1.50 nicht plausibel"),
        ("4: 0.30, 5", "4: 0.41, 5", "kreis.yaml: wg.einsatzquote.4: 0.41 nicht plausibel (erlaubt: 0,00 bis 0,40 Anteil – § 87 Abs. 1 S. 3"),
        ("  eee_m: 1414.84", "  eee_m: 141484", "kreis.yaml: heime.durchschnitt.eee_m: 141484 nicht plausibel"),
        ("bewohner_standard: 12", "bewohner_standard: 12.5", "kreis.yaml: wg.bewohner_standard: 12.5 ist keine ganze Zahl"),
        ("4: 0.30, 5", "4: 0.3000000000000000000001, 5", "kreis.yaml: wg.einsatzquote.4: 0.3000000000000000000001 hat mehr als 20 Nachkommastellen"),
    ],
)
def test_plausibel(tmp_path, capsys, alt, neu, meldung):
    f = kreisdatei(tmp_path, {alt: neu})
    code, out, err = run(capsys, "fall", "--daten", f, "--einkommen", "0", "--pflegegrad", "3")
    assert code == 2 and out == ""
    assert meldung in eine_zeile(err)


def test_einsatzquote_grenze_wie_gesetz():
    """The table's PG 4/5 cap is the law's (§ 87 Abs. 1 S. 3 SGB XII) at every covered date."""
    for jahr in range(ABDECKUNG_VON.year, geprueft_bis().year + 1):
        grenze = load_parameters(f"{jahr}-06-01").einsatzquote_hoechst_pg45
        assert PLAUSIBEL["wg.einsatzquote.4"].maximum == PLAUSIBEL["wg.einsatzquote.5"].maximum == grenze


def test_jeder_wert_der_kreisdatei_hat_einen_bereich():
    for key, b in PLAUSIBEL.items():
        assert b.minimum <= b.maximum and b.einheit and b.grund, key


@pytest.mark.parametrize("text", ["1.200", "1,200", "0.500"])
def test_einkommen_tausenderpunkt_mehrdeutig(capsys, text):
    code, out, err = run(capsys, "fall", "--einkommen", text, "--pflegegrad", "3")
    assert code == 2 and out == ""
    assert "mehrdeutig" in eine_zeile(err) and "1200" in err


def test_einkommen_deutsch_eindeutig(capsys):
    code, out, _ = run(capsys, "fall", "--einkommen", "1.200,00", "--pflegegrad", "3", "--json")
    assert code == 0 and json.loads(out)["einkommen"] == 1200.0


@pytest.mark.parametrize(
    "inhalt, meldung",
    [
        ("einkommen_mittel_m: 1.200\n", "einkommen_mittel_m: Betrag 1.200 hat drei Nachkommastellen – Tausenderpunkt?"),
        ("hzp_anteil: 0.3300000000000000000000001\n", "hzp_anteil: 0.3300000000000000000000001 hat mehr als 20 Nachkommastellen"),
        ("pflegegrad_verteilung: {2: 1.0, 3: 1.0e-999999}\n", "mehr als 20 Nachkommastellen"),
        ("praesenzkraft_stundensatz: .nan\n", "Zeile 1: '.nan' ist keine endliche Zahl"),
        ("hzp_anteil: 0.3\nhzp_anteil: 0.4\n", "Zeile 2: Schlüssel 'hzp_anteil' kommt doppelt vor"),
        ("belegung: [1\n", "kein gültiges YAML (Zeile 2, Spalte 1: Syntaxfehler)"),
    ],
)
def test_szenario_kaputt(tmp_path, capsys, inhalt, meldung):
    f = tmp_path / "sz.yaml"
    f.write_text(inhalt)
    code, out, err = run(capsys, "kreis", "--szenario", f)
    assert code == 2 and out == ""
    assert meldung in eine_zeile(err)


# --- 5 and 9. county YAML: one line, no contents echoed --------------------------------------


GEHEIM = "GEHEIMER-INHALT-0815"


@pytest.mark.parametrize(
    "alt, neu, meldung",
    [
        ("warmmiete_m: 608", "warmmiete_m: .inf", "kreis.yaml: Zeile"),
        ("warmmiete_m: 608", "warmmiete_m: .nan", "'.nan' ist keine endliche Zahl"),
        ("warmmiete_m: 608", f"warmmiete_m: \"608 € {'x' * 40} {GEHEIM}\"", "grundsicherung.warmmiete_m: '608 € xxxxxxxx"),
        ("warmmiete_m: 608", "warmmiete_m: 608,00", "ist Text, keine Zahl"),
        ("warmmiete_m: 608", f"warmmiete_m: [608 {GEHEIM}", "kein gültiges YAML (Zeile"),
        ("warmmiete_m: 608", f"warmmiete_m: 608\n  warmmiete_m: 609 # {GEHEIM}", "Schlüssel 'warmmiete_m' kommt doppelt vor"),
        ("stand: 2023-01-20", "stand: 2023-13-45", "kreis.yaml: Zeile"),
    ],
)
def test_kreisdatei_kaputt(tmp_path, capsys, alt, neu, meldung):
    f = kreisdatei(tmp_path, {alt: neu})
    code, out, err = run(capsys, "fall", "--daten", f, "--einkommen", "0", "--pflegegrad", "3")
    assert code == 2 and out == ""
    assert meldung in eine_zeile(err) and GEHEIM not in err


def test_kreisdatei_binaer_gross_aliase(tmp_path, capsys):
    faelle = {
        "binaer.yaml": (b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4, "enthält Binärdaten"),
        "latin1.yaml": ("landkreis: Lörrach\n".encode("cp1252"), "Zeile 1: Zeichen nicht in UTF-8"),
        "gross.yaml": (b"a: 1\n" + b"# " + b"x" * 1_100_000 + b"\n", "größer als 1000 kB"),
        "aliase.yaml": (
            ("a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\n" + "".join(f"b{i}: &b{i} [*{'a' if i == 0 else f'b{i - 1}'}" + f", *{'a' if i == 0 else f'b{i - 1}'}" * 9 + "]\n" for i in range(20))).encode(),
            "mehr als 100 Aliase",
        ),
    }
    for name, (inhalt, meldung) in faelle.items():
        (tmp_path / name).write_bytes(inhalt)
        code, out, err = run(capsys, "fall", "--daten", tmp_path / name, "--einkommen", "0", "--pflegegrad", "3")
        assert code == 2 and out == "", name
        assert meldung in eine_zeile(err), name


# --- 6. CSV: Excel exports --------------------------------------------------------------------


def _register_excel(kodierung: str, trenn: str, bom: bool = False, gedruckt: bool = False) -> bytes:
    text = REGISTER_TEXT
    if gedruckt:  # the spellings the report prints
        text = text.replace(",anbietergestuetzt,", f",{TYP_TEXT['anbietergestuetzt']},").replace(",geplant,", f",{STATUS_TEXT['geplant']},")
    if trenn == ";":
        import csv
        import io

        zeilen = list(csv.reader(io.StringIO(text)))
        puffer = io.StringIO()
        csv.writer(puffer, delimiter=";", lineterminator="\r\n").writerows(zeilen + [[""] * 12])  # Excel's empty ;;;; row
        text = puffer.getvalue()
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(kodierung)


@pytest.mark.parametrize(
    "kodierung, trenn, bom, gedruckt",
    [("cp1252", ";", False, False), ("utf-8", ";", True, True), ("utf-8", ",", True, False), ("cp1252", ",", False, True)],
)
def test_register_excel_export(tmp_path, capsys, kodierung, trenn, bom, gedruckt):
    f = kreisdatei(tmp_path, register_bytes=_register_excel(kodierung, trenn, bom, gedruckt))
    erwartet = load_wg_register(load_landkreis())
    assert load_wg_register(load_landkreis(f)).equals(erwartet)
    code, out, _ = run(capsys, "kreis", "--daten", f, "--json")
    _, standard, _ = run(capsys, "kreis", "--json")
    assert code == 0 and json.loads(out)["summe"] == json.loads(standard)["summe"]


@pytest.mark.parametrize(
    "aendern, meldung",
    [
        (lambda t: t.replace("Hardtstr. 8a,78467", "Hardtstr. 8a,78467,extra"), "landkreis_konstanz_wg.csv: Zeile 9: 13 Felder statt 12"),
        (lambda t: t.replace(",Demenz,Spitalstiftung Konstanz,", ",Demenz,"), "landkreis_konstanz_wg.csv: Zeile 10: 11 Felder statt 12"),
        (lambda t: t.replace(",anbietergestuetzt,bestehend,2008", ",ambulant,bestehend,2008"),
         "Zeile 9, Spalte typ: 'ambulant' nicht erlaubt (erlaubt: selbstverantwortet, anbietergestützt)"),
        (lambda t: t.replace("Konstanz,anbietergestuetzt,geplant,,12,,Malteser", "Konstanz,anbietergestuetzt,geplant,,zwölf,,Malteser"),
         "Zeile 13, Spalte plaetze: 'zwölf' nicht erlaubt (erlaubt: 1 bis 12 oder leer)"),
        (lambda t: t.replace("nr,name", "Nr;Name"), "Kopfzeile"),
    ],
)
def test_register_kaputt(tmp_path, capsys, aendern, meldung):
    f = kreisdatei(tmp_path, register=aendern(REGISTER_TEXT))
    code, out, err = run(capsys, "kreis", "--daten", f)
    assert code == 2 and out == ""
    assert meldung in eine_zeile(err)


def test_register_fehlt_oder_binaer(tmp_path, capsys):
    f = kreisdatei(tmp_path, register=None)
    code, _, err = run(capsys, "kreis", "--daten", f)
    assert code == 2 and "wg_register: Datei" in eine_zeile(err) and "nicht gefunden" in err
    (tmp_path / "landkreis_konstanz_wg.csv").write_bytes(bytes(range(256)))
    code, _, err = run(capsys, "kreis", "--daten", f)
    assert code == 2 and "keine Textdatei" in eine_zeile(err)


def test_sitzungen_excel(tmp_path, capsys):
    f = kreisdatei(tmp_path)
    (tmp_path / "sitzungen.csv").write_bytes("Datum;Gremium;Drucksache;Stichtag\r\n13.02.2023;Sozialausschuss für Ältere;2023/020;01.01.2023\r\n;;;\r\n".encode("cp1252"))
    s = load_sitzungen(load_landkreis(f).sitzungen_datei)
    assert [(x.datum.isoformat(), x.gremium, x.stichtag.isoformat()) for x in s] == [("2023-02-13", "Sozialausschuss für Ältere", "2023-01-01")]
    code, out, _ = run(capsys, "bericht", "--faellig", "--daten", f, "--heute", "2030-01-01", "--ausgabe", tmp_path / "r")
    assert code == 0 and "Keine fälligen Sitzungen" in out
    (tmp_path / "sitzungen.csv").write_text("datum,gremium,drucksache,stichtag\n13.2.23,Sozialausschuss,2023/020,\n")
    code, _, err = run(capsys, "bericht", "--faellig", "--daten", f, "--heute", "2030-01-01", "--ausgabe", tmp_path / "r")
    assert code == 2 and "sitzungen.csv: Zeile 2, Spalte datum: '13.2.23' nicht erlaubt" in eine_zeile(err)


def test_csv_leser_utf16(tmp_path):
    f = tmp_path / "x.csv"
    f.write_bytes("datum\tgremium\n2023-02-13\tSozialausschuss\n".encode("utf-16"))
    assert lese_csv(f, ("datum", "gremium")).zeilen == ((2, {"datum": "2023-02-13", "gremium": "Sozialausschuss"}),)


# --- 5. exit codes: Ctrl-C, SIGTERM, a failed run, --debug, --sitzung '' --------------------


def test_strg_c(capsys, monkeypatch):
    def abbruch(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli.fall, "fall_ergebnis", abbruch)
    code, _, err = run(capsys, "fall", "--einkommen", "0", "--pflegegrad", "3")
    assert code == 130 and "abgebrochen (Strg+C)" in eine_zeile(err)


def test_sigterm(capsys, monkeypatch):
    def beenden(*a, **k):
        os.kill(os.getpid(), signal.SIGTERM)
        raise AssertionError("SIGTERM not delivered")

    vorher = signal.getsignal(signal.SIGTERM)
    monkeypatch.setattr(cli.fall, "fall_ergebnis", beenden)
    code, _, err = run(capsys, "fall", "--einkommen", "0", "--pflegegrad", "3")
    assert code == 143 and "beendet (SIGTERM)" in eine_zeile(err)
    assert signal.getsignal(signal.SIGTERM) is vorher


def test_fehlgeschlagener_lauf_und_debug(capsys, monkeypatch):
    def kaputt(*a, **k):
        raise RuntimeError("intern\nzweite Zeile")

    monkeypatch.setattr(cli.fall, "fall_ergebnis", kaputt)
    code, _, err = run(capsys, "fall", "--einkommen", "0", "--pflegegrad", "3")
    assert code == 1 and "Lauf fehlgeschlagen: RuntimeError: intern" in eine_zeile(err) and "--debug" in err
    code, _, err = run(capsys, "--debug", "fall", "--einkommen", "0", "--pflegegrad", "3")
    assert code == 1 and "Traceback (most recent call last)" in err and "RuntimeError" in err


def test_sitzung_leer(capsys):
    code, out, err = run(capsys, "bericht", "--sitzung", "")
    assert code == 2 and out == "" and "--sitzung: '' ist leer" in eine_zeile(err)


# --- hypothesis: generated county and scenario files ----------------------------------------

_ORDNER = Path(tempfile.mkdtemp(prefix="pflegewg-hyp-"))
(_ORDNER / "landkreis_konstanz_wg.csv").write_text(REGISTER_TEXT, encoding="utf-8")


def _lange_dezimalzahl(lo: Fraction, hi: Fraction):
    """A decimal text in [lo, hi] with 1 to 17 significant digits (Excel's copies of 1/3, 365/12)."""
    def zahl(n: int):
        unten, oben = -((-lo.numerator * 10**n) // lo.denominator), (hi.numerator * 10**n) // hi.denominator
        return st.integers(unten, oben).map(lambda z: format(Decimal(z).scaleb(-n), "f"))

    return st.integers(0, 17).flatmap(zahl)


def _betrag(lo: int, hi: int):
    return st.integers(lo * 100, hi * 100).map(lambda c: f"{c // 100}.{c % 100:02d}")


_KAPUTT = st.sampled_from([".inf", "-.inf", ".nan", "'12,50'", "1.0e+400", "1.0e-400", "-1", "abc", "[1, 2", "12.345",
                           "99999999999999999999999", "0.1234567890123456789012345", "{a: 1}", "null", "true", "1.500"])

_FELDER = {  # key in the file text -> (line to replace, strategy of valid values)
    "warmmiete_m": ("warmmiete_m: 608", _betrag(100, 2000)),
    "unterkunftskosten_m": ("unterkunftskosten_m: 515", _betrag(100, 2000)),
    "praesenzkraft_stundensatz": ("praesenzkraft_stundensatz: 22.50", _betrag(10, 100)),
    "praesenzkraft_tage_pro_monat": ("praesenzkraft_tage_pro_monat: 30", _lange_dezimalzahl(Fraction(28), Fraction(31))),
    "eee_m": ("eee_m: 1414.84", _betrag(200, 5000)),
}


@st.composite
def kreisdateien(draw):
    """(file text, valid?, the valid values used) with long decimals, huge/small and broken values."""
    text = KREIS_TEXT
    gueltig = True
    for _key, (zeile, werte) in _FELDER.items():
        if draw(st.booleans()):
            kaputt = draw(st.integers(0, 9)) == 0
            wert = draw(_KAPUTT) if kaputt else draw(werte)
            gueltig &= not kaputt
            text = text.replace(zeile, zeile.split(":")[0] + ": " + wert, 1)
    quoten = [draw(_lange_dezimalzahl(Fraction(0), Fraction(1))) for _ in range(2)] + [
        draw(_lange_dezimalzahl(Fraction(0), Fraction(2, 5))) for _ in range(2)]
    if draw(st.integers(0, 9)) == 0:
        i = draw(st.integers(0, 3))  # above 0,40 is refused only for Pflegegrad 4/5 (§ 87 Abs. 1 S. 3)
        quoten[i] = draw(st.sampled_from(["1.5", "-0.1", ".nan", "'0,3'"] + (["0.41", "0.400000000000000001"] if i >= 2 else [])))
        gueltig = False
    text = text.replace("{2: 0.90, 3: 0.90, 4: 0.30, 5: 0.30}", "{" + ", ".join(f"{pg}: {q}" for pg, q in zip((2, 3, 4, 5), quoten)) + "}", 1)
    return text, gueltig


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink])
@given(kreisdateien(), st.integers(0, 1_000_000), st.integers(2, 5), st.integers(1, 12), st.sampled_from(["2023-01-01", "2024-01-01", "2025-07-01"]))
def test_hypothesis_kreisdateien(datei, einkommen_cent, pflegegrad, bewohner, stichtag):
    import contextlib
    import io

    text, gueltig = datei
    f = _ORDNER / "kreis.yaml"
    f.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    einkommen = f"{einkommen_cent // 100}.{einkommen_cent % 100:02d}"
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["fall", "--daten", str(f), "--einkommen", einkommen, "--pflegegrad", str(pflegegrad),
                     "--bewohner", str(bewohner), "--stichtag", stichtag, "--json"])
    event("Exit 2" if code == 2 else f"Exit {code}")
    if code == 2:
        assert not gueltig, err.getvalue()
        assert err.getvalue().count("\n") == 1 and out.getvalue() == ""
        return
    assert code == 0 and gueltig, err.getvalue()
    d = json.loads(out.getvalue())
    params, lk = load_parameters(stichtag), load_landkreis(f)
    for i, s in enumerate(d["stufen"]):
        ref = fall_referenz(Decimal(einkommen), pflegegrad, i + 1, params, lk, bewohner=bewohner)
        assert Decimal(str(s["anteil_landkreis_m"])) == ref["anteil_landkreis_heim_m"]
        assert Decimal(str(s["mehrkosten_wg_m"])) == ref["mehrkosten_wg_m"]
        assert Decimal(str(d["wg"]["praesenzkraft_m"])) == ref["praesenzkraft_m"]
        assert Decimal(str(d["wg"]["anteil_landkreis_m"])) == ref["anteil_landkreis_wg_m"]


@st.composite
def anteile(draw, schluessel):
    """Shares with up to 17 digits summing to exactly 1 (the last takes the remainder)."""
    k = draw(st.lists(st.sampled_from(schluessel), min_size=1, max_size=len(schluessel), unique=True))
    stellen = draw(st.integers(1, 17))
    rest = Decimal(1)
    werte = {}
    for key in k[:-1]:
        a = Decimal(draw(st.integers(0, 10**stellen))).scaleb(-stellen)
        a = min(a, rest)
        werte[key] = a
        rest -= a
    werte[k[-1]] = rest
    return werte


@st.composite
def szenariodateien(draw):
    zeilen, gueltig = [], True
    if draw(st.booleans()):
        zeilen.append(f"pflegegrad_verteilung: {{{', '.join(f'{k}: {v}' for k, v in draw(anteile((2, 3, 4, 5))).items())}}}")
    if draw(st.booleans()):
        zeilen.append(f"stufen_verteilung: {{{', '.join(f'{k}: {v}' for k, v in draw(anteile((1, 2, 3, 4))).items())}}}")
    ek = draw(anteile((0, 80000, 120000, 145000, 180000, 275000)))
    zeilen.append(f"einkommen_verteilung: {{{', '.join(f'{k // 100}: {v}' for k, v in ek.items())}}}")
    for key, lo in (("modellprojekt_anteil", 0), ("hzp_anteil", 0), ("belegung", Fraction(1, 100))):
        if draw(st.booleans()):
            zeilen.append(f"{key}: {draw(_lange_dezimalzahl(Fraction(lo), Fraction(1)))}")
    if draw(st.booleans()):
        zeilen.append(f"praesenzkraft_stundensatz: {draw(_betrag(0, 200))}")
    if draw(st.booleans()):
        zeilen.append(f"wohngruppenzuschlag_anrechnen: {draw(st.sampled_from(['ja', 'nein']))}")
    if draw(st.integers(0, 5)) == 0:
        zeilen.append(draw(st.sampled_from([
            "hzp_anteil: .nan", "hzp_anteil: 1.0e+400", "belegung: 0", "modellprojekt_anteil: 0.333333333333333333333333",
            "pflegegrad_verteilung: {2: 0.333333333333333, 3: 0.333333333333333}", "praesenzkraft_stundensatz: 2250",
            "einkommen_mittel_m: 1.200", "heim: {a: 1}", "stichtag: 2021-01-01", "hzp_anteil: 0.3\nhzp_anteil: 0.4",
        ])))
        gueltig = False
    return "\n".join(zeilen) + "\n", gueltig


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink])
@given(szenariodateien())
def test_hypothesis_szenariodateien(datei):
    import contextlib
    import io

    text, gueltig = datei
    f = _ORDNER / "szenario.yaml"
    f.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["kreis", "--szenario", str(f), "--json"])
    event("Exit 2" if code == 2 else f"Exit {code}")
    if code == 2:
        assert not gueltig, err.getvalue()
        assert err.getvalue().count("\n") == 1 and out.getvalue() == ""
        return
    assert code == 0 and gueltig, (text, err.getvalue())
    summe = json.loads(out.getvalue())["summe"]["alle"]
    wg, heim = kreis_referenz(load_szenario(f), _KONSTANZ)
    assert (json_cent(summe["kosten_wg_y"]), json_cent(summe["kosten_heim_y"])) == (wg, heim)


_KONSTANZ = load_landkreis()
