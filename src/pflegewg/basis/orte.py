"""Where pflegewg finds its files: the one mechanism, used by every layer.

- Files of the package itself (the legal parameter files, the paper's tables) are package data
  and lie next to the code that reads them (`Path(__file__).with_name(...)`), in an editable
  install as in a plain `pip install .`.
- The county's files (`data/`), the report notebooks (`notebooks/`) and the default report
  folder (`reports/`) belong to the project folder, the cloned repository. It is found in this
  order:
    1. the environment variable PFLEGEWG_PROJEKT,
    2. the current working directory or one of its parents,
    3. the folder pip installed pflegewg from (PEP 610 `direct_url.json`; editable or not).
  A folder counts when it holds `pyproject.toml` of pflegewg, `notebooks/` and `data/`.
  If none is found, `ProjektordnerFehler` says in one line what is missing.
"""
from __future__ import annotations

import json
import os
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

from .dateien import ParameterDateiFehler

UMGEBUNGSVARIABLE = "PFLEGEWG_PROJEKT"


class ProjektordnerFehler(ParameterDateiFehler):
    """No project folder with notebooks/ and data/ was found (one-line message)."""


def ist_projektordner(ordner: Path) -> bool:
    """True if `ordner` holds pflegewg's pyproject.toml, notebooks/ and data/."""
    pyproject = ordner / "pyproject.toml"
    if not (pyproject.is_file() and (ordner / "notebooks").is_dir() and (ordner / "data").is_dir()):
        return False
    try:
        return 'name = "pflegewg"' in pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False


def _installationsquelle() -> Path | None:
    """The local folder pip installed pflegewg from (PEP 610), if any."""
    try:
        text = metadata.distribution("pflegewg").read_text("direct_url.json")
        url = json.loads(text)["url"] if text else ""
    except (metadata.PackageNotFoundError, ValueError, KeyError, TypeError):
        return None
    teile = urlparse(url)
    if teile.scheme != "file":
        return None
    pfad = unquote(teile.path)
    if os.name == "nt" and pfad.startswith("/") and len(pfad) > 2 and pfad[2] == ":":
        pfad = pfad[1:]  # file:///C:/... on Windows
    return Path(pfad)


def projektordner() -> Path:
    """The project folder (see the module docstring for the order of the search)."""
    gesetzt = os.environ.get(UMGEBUNGSVARIABLE)
    if gesetzt:
        ordner = Path(gesetzt).expanduser().resolve()
        if not ist_projektordner(ordner):
            raise ProjektordnerFehler(
                f"{UMGEBUNGSVARIABLE}={gesetzt}: kein pflegewg-Projektordner (erwartet: pyproject.toml, notebooks/ und data/)"
            )
        return ordner
    hier = Path.cwd().resolve()
    for ordner in (hier, *hier.parents):
        if ist_projektordner(ordner):
            return ordner
    quelle = _installationsquelle()
    if quelle is not None and ist_projektordner(quelle.resolve()):
        return quelle.resolve()
    raise ProjektordnerFehler(
        "Projektordner nicht gefunden: pflegewg braucht notebooks/ und data/ des Repositorys; "
        f"im Repository aufrufen, {UMGEBUNGSVARIABLE}=<Ordner> setzen oder die Dateien mit --daten angeben"
    )


def datenordner() -> Path:
    """data/ of the project folder: county files, WG registers, session calendars."""
    return projektordner() / "data"


def notebookordner() -> Path:
    """notebooks/ of the project folder: the report chapters and the explorer."""
    return projektordner() / "notebooks"


def berichtordner() -> Path:
    """reports/ of the project folder: the default place of the committee reports."""
    return projektordner() / "reports"
