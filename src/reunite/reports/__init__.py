"""Dossiers and statistics."""
