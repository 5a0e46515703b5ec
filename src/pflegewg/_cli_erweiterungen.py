"""Further subcommands (report, county); registered here to keep cli.py short."""
from __future__ import annotations

BEFEHLE: dict = {}


def register(sub) -> None:
    """Add further subparsers to `sub` (none yet)."""
