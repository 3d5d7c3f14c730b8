"""Record identifiers: a kind prefix and 12 random base32 characters (60 bits).

Identifiers are made before a row is written, so that a field's ciphertext can be bound to
its row, and so that several laptops can create records without a central counter.
"""

import re
import secrets

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
PREFIXES = {
    "person": "P", "case": "C", "source": "S", "event": "E", "institution": "I",
    "message": "M", "interpretation": "N", "intervention": "V", "application": "A",
    "relationship": "R", "name": "PN", "document": "D", "consent": "K", "stage": "AS",
    "contact": "CD", "match": "MC", "user": "U",
}
_PATTERN = re.compile(r"^([A-Z]{1,2})-([0-9A-Z]{12})$")


def new_id(kind: str) -> str:
    body = "".join(secrets.choice(_ALPHABET) for _ in range(12))
    return f"{PREFIXES[kind]}-{body}"


def normalise_id(raw: str) -> str:
    """Canonical form of a user-typed id: upper case, Crockford look-alikes folded."""
    text = raw.strip().upper()
    prefix, sep, body = text.partition("-")
    body = body.replace("O", "0").replace("I", "1").replace("L", "1")
    return f"{prefix}{sep}{body}"


def is_id_of(kind: str, value: str) -> bool:
    m = _PATTERN.match(value)
    return bool(m) and m is not None and m[1] == PREFIXES[kind]
