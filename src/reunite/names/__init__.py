"""Names across scripts: detection, normalisation, transliteration, name keys."""
