"""Reunite: find, document and reunite families separated by state repression."""

__version__ = "0.1.0"
