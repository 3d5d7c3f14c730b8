"""Import and export formats: pure conversions between files and domain values."""
