"""`python -m pflegewg.cli ...` is the same as the command `pflegewg ...`."""
import sys

from . import befehlszeile

sys.exit(befehlszeile())
