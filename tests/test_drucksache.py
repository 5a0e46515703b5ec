"""Every table of Drucksache 2023/020, reproduced from the rules (values typed from the paper)."""
import numpy as np
import pytest

from pflegewg.basis.geld import div_half_up
from pflegewg.modell.abgleich import abgleich, zusammenfassung
from pflegewg.modell.vergleich import (
    differenz_tabelle,
    fall_tabelle,
    leistungszuschlag_tabelle,
)


def euro(cents):
    return [int(v) for v in div_half_up(np.asarray(cents), 100)]


def test_leistungszuschlag_durchschnitt(konstanz, p2023):
    t = leistungszuschlag_tabelle(konstanz, p2023, "durchschnitt")
    assert list(t.loc["Gesamt"]) == [154778] * 4
    assert list(t.loc["Leistungszuschlag"]) == [7739, 38695, 69650, 108345]
    assert list(t.loc["Eigenanteil pflegebedingte Aufwendungen"]) == [147039, 116084, 85128, 46433]


def test_leistungszuschlag_teuerste(konstanz, p2023):
    t = leistungszuschlag_tabelle(konstanz, p2023, "teuerste")
    assert list(t.loc["Gesamt"]) == [174155] * 4
    assert list(t.loc["Leistungszuschlag"]) == [8708, 43539, 78370, 121909]
    # 5 %: correct 1.654,47 (the paper prints 1.521,53, leaving out the Ausbildungszuschlag);
    # 70 %: 1.741,55 × 0,30 = 522,465 is a tie that binary floats round down to 522,46.
    assert list(t.loc["Eigenanteil pflegebedingte Aufwendungen"]) == [165447, 130616, 95785, 52247]


def test_differenz_durchschnitt(konstanz, p2023):
    t = differenz_tabelle(konstanz, p2023, "durchschnitt")
    assert euro(t.loc["Kosten Präsenzkraft mtl."]) == [2025] * 4
    assert euro(t.loc["Pflegebedingte Aufwendungen im Heim mtl."]) == [1470, 1161, 851, 464]
    assert euro(t.loc["Differenz Pflegeheim/Pflege-WG mtl."]) == [555, 864, 1174, 1561]
    assert euro(t.loc["Mehrkosten/Jahr"]) == [6660, 10368, 14088, 18732]


def test_differenz_teuerste_korrigiert(konstanz, p2023):
    t = differenz_tabelle(konstanz, p2023, "teuerste")
    assert euro(t.loc["Pflegebedingte Aufwendungen im Heim mtl."]) == [1654, 1306, 958, 522]
    assert euro(t.loc["Differenz Pflegeheim/Pflege-WG mtl."]) == [371, 719, 1067, 1503]
    assert euro(t.loc["Mehrkosten/Jahr"]) == [4452, 8628, 12804, 18036]


FAELLE_PG23 = {
    1: ([1924, 1614, 1305, 918], 2025, [101, 411, 720, 1107]),
    2: ([1734, 1424, 1115, 728], 2025, [291, 601, 910, 1297]),  # paper: 1.425 / 600 (known error)
    3: ([1484, 1174, 865, 478], 2025, [541, 851, 1160, 1547]),
    4: ([1134, 824, 515, 128], 1772, [638, 948, 1257, 1644]),
    5: ([184, 0, 0, 0], 917, [733, 917, 917, 917]),
}


@pytest.mark.parametrize("nr", sorted(FAELLE_PG23))
def test_fallbeispiele_pflegegrad_2_3(konstanz, p2023, nr):
    for pg in (2, 3):
        df = fall_tabelle(konstanz, p2023, pflegegrad=pg)
        fall = df[df["fall"] == nr]
        heim, wg, mehr = FAELLE_PG23[nr]
        assert euro(fall["anteil_landkreis_heim_m"]) == heim
        assert euro(fall["anteil_landkreis_wg_m"]) == [wg] * 4
        assert euro(fall["mehrkosten_wg_m"]) == mehr


def test_fall4_auf_den_cent(konstanz, p2023):
    fall = fall_tabelle(konstanz, p2023)
    fall = fall[fall["fall"] == 4]
    assert list(fall["anteil_landkreis_heim_m"]) == [113383, 82428, 51472, 12777]
    assert list(fall["anteil_landkreis_wg_m"]) == [177210] * 4


@pytest.mark.parametrize("pg", [4, 5])
def test_fall5_pflegegrad_4_5(konstanz, p2023, pg):
    fall = fall_tabelle(konstanz, p2023, pflegegrad=pg)
    fall = fall[fall["fall"] == 5]
    assert euro(fall["anteil_landkreis_heim_m"]) == [184, 0, 0, 0]
    assert euro(fall["anteil_landkreis_wg_m"]) == [1656] * 4
    assert euro(fall["mehrkosten_wg_m"]) == [1472, 1656, 1656, 1656]


def test_abgleich_nur_bekannte_abweichungen():
    df = abgleich()
    assert len(df) == 144
    assert (df["status"] == "abweichung").sum() == 0
    bekannt = df[df["status"] == "bekannt"]
    assert sorted(zip(bekannt["tabelle"], bekannt["zeile"], bekannt["spalte"])) == sorted(
        [
            ("lz_teuerste", "eigenanteil", "5 %"),
            ("differenz_teuerste", "eigenanteil", "5 %"),
            ("differenz_teuerste", "differenz_m", "5 %"),
            ("differenz_teuerste", "mehrkosten_y", "5 %"),
            ("faelle", "2 heim", "25 %"),
            ("faelle", "2 mehrkosten", "25 %"),
        ]
    )
    assert set(zusammenfassung(df)["tabelle"]) == {
        "lz_durchschnitt", "lz_teuerste", "differenz_durchschnitt", "differenz_teuerste", "faelle", "fall5_pg45",
    }


def test_abgleich_findet_neue_abweichung(konstanz):
    """A changed county value must show up as an unexplained deviation."""
    import dataclasses

    heime = dict(konstanz.heime)
    heime["durchschnitt"] = dataclasses.replace(heime["durchschnitt"], eee_m=141485)
    anders = dataclasses.replace(konstanz, heime=heime)
    df = abgleich(anders)
    assert (df["status"] == "abweichung").sum() > 0
