"""Matching: candidate generation, comparison, scoring, explanations."""
