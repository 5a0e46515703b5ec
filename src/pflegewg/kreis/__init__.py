"""The whole county: the county model over the WG register, scenarios and risk (tornado,
Monte Carlo, break-even). Imports only `modell`, `recht` and `basis`."""
