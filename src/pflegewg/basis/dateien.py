"""Reading the project's YAML files with exact decimals, and the error for a bad file."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml


class ParameterDateiFehler(ValueError):
    """A parameter or data file does not follow its schema (message names file and key)."""


class _DecimalLoader(yaml.SafeLoader):
    """YAML loader that reads every non-integer number as an exact Decimal."""


def _decimal_constructor(loader, node):
    return Decimal(loader.construct_scalar(node).replace("_", ""))


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _decimal_constructor)


def load_yaml(path: Path) -> Any:
    """Read a YAML file with exact decimals (shared by parameter, county and scenario files)."""
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_DecimalLoader)


def to_decimal(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))
