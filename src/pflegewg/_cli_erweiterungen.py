"""Further subcommands (report, county); registered here to keep cli.py short."""
from __future__ import annotations

from . import kreis_cli

BEFEHLE: dict = {"kreis": kreis_cli.cmd_kreis}


def register(sub) -> None:
    """Add further subparsers to `sub`: `kreis` (pflegewg.kreis_cli)."""
    kreis_cli.register(sub)
