"""Lowest layer: exact money (integer cents, half-up), German number formats, the YAML reader
and where the project's files are. Imports nothing else of pflegewg."""
