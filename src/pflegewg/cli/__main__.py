"""`python -m pflegewg.cli ...` is the same as the command `pflegewg ...`."""
import sys

from . import main

sys.exit(main())
