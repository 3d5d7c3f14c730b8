"""Encryption of personal fields at rest.

One random 256-bit data key encrypts every personal field with AES-256-GCM. Each ciphertext
is bound to its table, row and column through the associated data, so a value copied into
another row or column fails authentication. The data key itself is never stored in the clear:
it is kept wrapped (AES-GCM) under a key derived from the passphrase with Argon2id and, in a
separate slot, under a random recovery key that is shown once.

Sub-keys are derived from the data key with HKDF, one per purpose: field encryption and keyed
hashes ("blind indexes") of name keys for matching, so that neither reveals the other.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from reunite.errors import InvalidInput, LockedError, TamperedData

FORMAT_VERSION = 1
NONCE_BYTES = 12
KEY_BYTES = 32
MIN_PASSPHRASE_LENGTH = 8

# Argon2id parameters (RFC 9106 second recommended option, lower memory: 64 MiB, t=3, p=2).
DEFAULT_KDF = {"time_cost": 3, "memory_cost": 65536, "parallelism": 2}


def _hkdf(key: bytes, purpose: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None,
                info=f"reunite/{purpose}/v1".encode()).derive(key)


def _field_aad(table: str, row_id: str, column: str) -> bytes:
    return b"\x00".join((b"reunite-field-v1", table.encode(), row_id.encode(), column.encode()))


class Vault:
    """An unlocked data key: seals and opens personal fields, computes keyed hashes."""

    def __init__(self, data_key: bytes) -> None:
        if len(data_key) != KEY_BYTES:
            raise ValueError("data key must be 32 bytes")
        self._aead = AESGCM(_hkdf(data_key, "field-encryption"))
        self._index_key = _hkdf(data_key, "blind-index")
        self._mac_key = _hkdf(data_key, "message-authentication")

    def seal(self, table: str, row_id: str, column: str, plaintext: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        body = self._aead.encrypt(nonce, plaintext.encode("utf-8"),
                                  _field_aad(table, row_id, column))
        return bytes([FORMAT_VERSION]) + nonce + body

    def open(self, table: str, row_id: str, column: str, blob: bytes) -> str:
        where = f"{table}.{column} of {row_id}"
        blob = bytes(blob)
        if len(blob) < 1 + NONCE_BYTES + 16 or blob[0] != FORMAT_VERSION:
            raise TamperedData(f"stored value {where} is corrupted (bad format)")
        try:
            plain = self._aead.decrypt(blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :],
                                       _field_aad(table, row_id, column))
        except InvalidTag:
            raise TamperedData(
                f"stored value {where} failed authentication: it was altered, corrupted, "
                "moved from another record, or the key is wrong") from None
        return plain.decode("utf-8")

    def blind_index(self, purpose: str, value: str) -> bytes:
        """Keyed hash of a normalised value: equal inputs give equal outputs, nothing else."""
        msg = purpose.encode() + b"\x00" + value.encode("utf-8")
        return hmac.new(self._index_key, msg, hashlib.sha256).digest()[:16]

    def mac(self, purpose: str, data: bytes) -> bytes:
        """Full-length HMAC-SHA-256 of ``data`` for one purpose (audit chain, CSRF tokens)."""
        return hmac.new(self._mac_key, purpose.encode() + b"\x00" + data,
                        hashlib.sha256).digest()


@dataclass(frozen=True)
class KeySlot:
    """The data key wrapped under one unlocking secret."""

    kind: str  # "passphrase" or "recovery"
    salt: bytes
    params: str  # JSON: KDF parameters
    wrapped: bytes

    def unwrap(self, secret: bytes) -> bytes:
        wrapping = _wrapping_key(self.kind, secret, self.salt, json.loads(self.params))
        try:
            return AESGCM(wrapping).decrypt(self.wrapped[:NONCE_BYTES], self.wrapped[NONCE_BYTES:],
                                            b"reunite-keyslot-v1:" + self.kind.encode())
        except InvalidTag:
            what = "passphrase" if self.kind == "passphrase" else "recovery key"
            raise LockedError(f"wrong {what}: the registry stays locked") from None


def _wrapping_key(kind: str, secret: bytes, salt: bytes, params: dict[str, int]) -> bytes:
    if kind == "passphrase":
        return hash_secret_raw(secret, salt, time_cost=params["time_cost"],
                               memory_cost=params["memory_cost"],
                               parallelism=params["parallelism"], hash_len=KEY_BYTES,
                               type=Type.ID)
    # A recovery key is 256 random bits: HKDF with the salt suffices.
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt,
                info=b"reunite/recovery-wrap/v1").derive(secret)


def wrap(kind: str, secret: bytes, data_key: bytes,
         kdf: dict[str, int] | None = None) -> KeySlot:
    salt = os.urandom(16)
    params = dict(kdf or DEFAULT_KDF) if kind == "passphrase" else {}
    wrapping = _wrapping_key(kind, secret, salt, params)
    nonce = os.urandom(NONCE_BYTES)
    body = AESGCM(wrapping).encrypt(nonce, data_key, b"reunite-keyslot-v1:" + kind.encode())
    return KeySlot(kind, salt, json.dumps(params, sort_keys=True), nonce + body)


def check_passphrase(passphrase: str) -> bytes:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise InvalidInput(f"a passphrase needs at least {MIN_PASSPHRASE_LENGTH} characters")
    return passphrase.encode("utf-8")


def new_data_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def new_recovery_key() -> tuple[bytes, str]:
    """256 random bits, and their printable form: groups of four base32 characters."""
    raw = secrets.token_bytes(KEY_BYTES)
    text = base64.b32encode(raw).decode().rstrip("=")
    return raw, "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    body = "".join(ch for ch in text.upper() if ch.isalnum())
    try:
        raw = base64.b32decode(body + "=" * (-len(body) % 8))
    except ValueError:
        raise LockedError("the recovery key is not in the printed format") from None
    if len(raw) != KEY_BYTES:
        raise LockedError("the recovery key is not in the printed format")
    return raw
