"""Der Rahmen der Finanzplanung (`prognose`): welche Jahre sie rechnet. Ohne pandas und ohne das
Kreismodell, damit die Befehlszeile ihn für Hilfe und Prüfung von --von/--bis liest, ohne das
Modell zu laden (`pflegewg` startet schneller)."""
from __future__ import annotations

from ..recht.parameter import ABDECKUNG_VON, STICHTAG_BIS

#: default length of the plan: the Stichtag's year and four more
STANDARD_JAHRE = 5
#: longest plan accepted (years); the years themselves must lie within the law's range
JAHRE_HOECHST = 15
JAHR_VON, JAHR_BIS = ABDECKUNG_VON.year, STICHTAG_BIS.year
