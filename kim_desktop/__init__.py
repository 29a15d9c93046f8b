"""KIM Desktop: the encrypted case file for Kommunales Integrationsmanagement NRW."""

__version__ = "0.1.0"
