"""Field encryption and key slots."""

import pytest

from reunite.errors import InvalidInput, LockedError, TamperedData
from reunite.store import crypto
from reunite.store.crypto import Vault


@pytest.fixture
def vault() -> Vault:
    return Vault(crypto.new_data_key())


def test_round_trip_and_fresh_nonce(vault):
    a = vault.seal("persons", "P-1", "notes", "Mihriban, مىھرىبان, 米日班")
    b = vault.seal("persons", "P-1", "notes", "Mihriban, مىھرىبان, 米日班")
    assert a != b  # a new nonce each time: equal plaintexts do not show as equal
    assert vault.open("persons", "P-1", "notes", a) == "Mihriban, مىھرىبان, 米日班"
    assert b"Mihriban" not in a


@pytest.mark.parametrize("position", [0, 5, 20, -1])
def test_any_flipped_byte_is_rejected(vault, position):
    blob = bytearray(vault.seal("persons", "P-1", "notes", "testimony"))
    blob[position] ^= 0x01
    with pytest.raises(TamperedData):
        vault.open("persons", "P-1", "notes", bytes(blob))


@pytest.mark.parametrize(("table", "row", "column"), [
    ("persons", "P-2", "notes"), ("persons", "P-1", "hometown"), ("cases", "P-1", "notes")])
def test_value_moved_to_another_row_column_or_table_is_rejected(vault, table, row, column):
    blob = vault.seal("persons", "P-1", "notes", "testimony")
    with pytest.raises(TamperedData):
        vault.open(table, row, column, blob)


def test_truncated_value_is_rejected(vault):
    with pytest.raises(TamperedData):
        vault.open("persons", "P-1", "notes", b"\x01short")


def test_wrong_key_is_rejected(vault):
    blob = vault.seal("persons", "P-1", "notes", "testimony")
    with pytest.raises(TamperedData):
        Vault(crypto.new_data_key()).open("persons", "P-1", "notes", blob)


def test_blind_index_is_keyed_and_deterministic(vault):
    assert vault.blind_index("given", "mihriban") == vault.blind_index("given", "mihriban")
    assert vault.blind_index("given", "mihriban") != vault.blind_index("father", "mihriban")
    other = Vault(crypto.new_data_key())
    assert other.blind_index("given", "mihriban") != vault.blind_index("given", "mihriban")


def test_passphrase_slot_unwraps_only_with_the_passphrase():
    key = crypto.new_data_key()
    slot = crypto.wrap("passphrase", b"a long passphrase", key)
    assert slot.unwrap(b"a long passphrase") == key
    with pytest.raises(LockedError):
        slot.unwrap(b"a long passphrasE")


def test_recovery_key_text_round_trips():
    key = crypto.new_data_key()
    raw, text = crypto.new_recovery_key()
    slot = crypto.wrap("recovery", raw, key)
    assert slot.unwrap(crypto.parse_recovery_key(text.lower().replace("-", " "))) == key
    with pytest.raises(LockedError):
        crypto.parse_recovery_key("not-a-key")


def test_short_passphrase_is_refused():
    with pytest.raises(InvalidInput):
        crypto.check_passphrase("short")
