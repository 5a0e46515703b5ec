"""The law: the one loader of the dated parameter files and one module per body of law
(SGB XI, SGB XII, WTPG). Knows nothing of counties, scenarios or reports."""
