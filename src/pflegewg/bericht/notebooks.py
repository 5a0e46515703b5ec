"""Re-execute the notebooks in notebooks/ in place, so that their stored outputs (which nbval
checks in `make test`) match the current code and data.

    make notebooks          (or: python -m pflegewg.bericht.notebooks [NAME ...])
"""
from __future__ import annotations

import sys
from pathlib import Path

from ..basis import orte


def aktualisieren(namen: list[str] | None = None, ordner: Path | None = None) -> list[Path]:
    """Execute each notebook with its default parameters in its own folder and save it."""
    ordner = ordner or orte.notebookordner()
    from .kapitellauf import nbformat_schnell_laden, verschluesselung

    nbformat_schnell_laden()
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    pfade = [ordner / f"{n}.ipynb" for n in namen] if namen else sorted(ordner.glob("*.ipynb"))
    for pfad in pfade:
        nb = nbformat.read(pfad, as_version=4)
        km = KernelManager(kernel_name="python3", **verschluesselung(KernelManager))  # no warning about plain TCP
        try:
            NotebookClient(nb, km=km, kernel_name="python3", timeout=600, resources={"metadata": {"path": str(ordner)}}).execute()
        finally:
            if km.has_kernel:
                km.shutdown_kernel(now=True)
        nbformat.write(nb, pfad)
        print(f"ausgeführt: {pfad.name}")
    return pfade


if __name__ == "__main__":
    aktualisieren(sys.argv[1:] or None)
