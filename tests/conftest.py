import pytest

from pflegewg.modell.landkreis import load_landkreis
from pflegewg.recht.parameter import load_parameters


@pytest.fixture(scope="session")
def konstanz():
    return load_landkreis()


@pytest.fixture(scope="session")
def p2023():
    return load_parameters("2023-01-01")


@pytest.fixture(scope="session")
def p2024():
    return load_parameters("2024-01-01")
