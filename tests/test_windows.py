"""Issue 10, item 6: nothing in pflegewg assumes Linux – no '/'-joined paths, no shell, no fork,
no POSIX-only signal without a guard; what Windows does differently is handled. This machine has
no Windows: the checks read the source and simulate what can be simulated."""
from __future__ import annotations

import errno
import re
import signal
import sys
from pathlib import Path

import pytest

import pflegewg
from pflegewg.bericht import pipeline
from pflegewg.cli import main

QUELLEN = sorted(Path(pflegewg.__file__).parent.rglob("*.py"))
ROOT = Path(pflegewg.__file__).parents[2]

#: (pattern, why it breaks on Windows)
VERBOTEN = [
    (r"\bos\.fork\b|multiprocessing\.set_start_method\(.fork", "fork gibt es unter Windows nicht"),
    (r"shell\s*=\s*True", "braucht eine POSIX-Shell"),
    (r"[\"']/(usr|bin|tmp|etc|var|dev|proc)/", "fester POSIX-Pfad"),
    (r"\bos\.(getuid|geteuid|getgid|killpg|setsid|getpgid)\b|\bimport (fcntl|pwd|grp|termios|resource)\b",
     "nur unter POSIX"),
    (r"signal\.(SIGKILL|SIGHUP|SIGALRM|SIGUSR1|SIGUSR2|SIGCHLD|SIGPIPE)\b", "Signal gibt es unter Windows nicht"),
    (r"\+\s*[\"']/[\"']|[\"']/[\"']\s*\+|[\"']/[\"']\.join|os\.path\.join", "Pfade nur mit pathlib (/-Operator)"),
    (r"\.split\([\"']/[\"']\)", "Pfad an '/' zerlegt"),
]


@pytest.mark.parametrize("muster, grund", VERBOTEN)
def test_keine_posix_annahmen(muster, grund):
    treffer = []
    for datei in QUELLEN:
        for nr, zeile in enumerate(datei.read_text(encoding="utf-8").splitlines(), start=1):
            code = zeile.split("#", 1)[0]
            if re.search(muster, code) and "# kein Pfad" not in zeile:  # e.g. '/'.join of percentages
                treffer.append(f"{datei.relative_to(ROOT).as_posix()}:{nr}: {zeile.strip()}")
    assert not treffer, f"{grund}: {treffer}"


def test_sigterm_nur_mit_pruefung():
    """Every use of signal.SIGTERM sits in a module that checks the signal exists (getattr/hasattr)."""
    for datei in QUELLEN:
        text = datei.read_text(encoding="utf-8")
        if "signal.signal(" in text:
            assert "getattr(signal" in text or "hasattr(signal" in text, datei.name


def test_ohne_sigterm(monkeypatch, capsys):
    """A platform without SIGTERM (and with SIGBREAK, as Windows) still runs every command."""
    monkeypatch.delattr(signal, "SIGTERM")
    monkeypatch.setattr(signal, "SIGBREAK", signal.SIGUSR1, raising=False)  # a stand-in number on Linux
    assert main(["fall", "--einkommen", "1200", "--pflegegrad", "3"]) == 0
    with pipeline.sigterm_als_abbruch():
        pass
    assert signal.getsignal(signal.SIGUSR1) == signal.SIG_DFL  # restored


def test_manifest_pfade_mit_schraegstrich(tmp_path):
    assert pipeline._relativ(ROOT / "data" / "landkreis_konstanz.yaml") == "data/landkreis_konstanz.yaml"
    assert "\\" not in pipeline._relativ(tmp_path / "a" / "b.yaml")


def test_windows_geoeffnete_datei():
    fehler = PermissionError(errno.EACCES, "Access is denied")
    assert "bericht.pdf im PDF-Betrachter" in pipeline.os_grund(fehler, "nt")
    assert pipeline.os_grund(fehler, "posix") == "keine Schreibrechte"


def test_pdf_ohne_pango(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if the library cannot be loaded
    with pytest.raises(pipeline.BerichtFehler, match=r"^PDF: WeasyPrint findet Pango nicht .*README, Abschnitt Windows"):
        pipeline.write_pdf("<p>x</p>", tmp_path / "bericht.pdf")


def test_readme_windows():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    abschnitt = text[text.index("## Windows"):text.index("## Sitzungsbericht")]
    for noetig in ("py -3.11 -m venv .venv", ".venv\\Scripts\\pflegewg.exe bericht", ".venv\\Scripts\\python.exe -m pytest",
                   "-e \".[test]\"", "mingw-w64-x86_64-pango", "WEASYPRINT_DLL_DIRECTORIES",
                   "https://doc.courtbouillon.org/weasyprint/stable/first_steps.html#windows", "conda-forge"):
        assert noetig in abschnitt, noetig
    # the Windows commands are the Makefile's targets
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "$(BIN)/pflegewg bericht" in make and "$(BIN)/python -m pytest" in make
