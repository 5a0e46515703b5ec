"""The single case: county inputs (Kreisdaten), the comparison WG / Heim, the independent Decimal
reference and the Abgleich with the paper's tables. Imports only `recht` and `basis`."""
