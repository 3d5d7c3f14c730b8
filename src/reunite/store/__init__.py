"""Storage: tables, encryption of personal fields, queries per aggregate, migrations."""
