"""Key slots, KDF bounds and recovery keys: real crypto, cheap parameters."""

from __future__ import annotations

import contextlib
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alliance_journal.crypto.kdf import KdfParams
from alliance_journal.crypto.keyslots import KeySlot, SlotType, make_slot, new_data_key, open_slot
from alliance_journal.crypto.recovery import (
    RECOVERY_BYTES,
    format_recovery_key,
    new_recovery_key,
    parse_recovery_key,
)
from alliance_journal.errors import CorruptDataError, InvalidInputError, WrongKeyError
from tests.conftest import FAST_KDF

VAULT = "0123456789abcdef0123456789abcdef"


def _slot(secret: str = "a passphrase", **kw: object) -> tuple[bytes, KeySlot]:
    key = new_data_key()
    return key, make_slot(key, secret, slot_type=SlotType.PASSPHRASE, vault_id=VAULT,
                          format_version=1, kdf=FAST_KDF, **kw)  # type: ignore[arg-type]


def test_passphrase_slot_round_trip() -> None:
    key, slot = _slot()
    restored = KeySlot.from_dict(slot.to_dict())
    assert open_slot(restored, "a passphrase", vault_id=VAULT, format_version=1) == key


def test_wrong_passphrase_is_wrong_key_not_corruption() -> None:
    _, slot = _slot()
    with pytest.raises(WrongKeyError, match="wrong passphrase"):
        open_slot(slot, "another one", vault_id=VAULT, format_version=1)


def test_slot_bound_to_vault_and_version() -> None:
    _, slot = _slot()
    with pytest.raises(CorruptDataError):
        open_slot(slot, "a passphrase", vault_id="f" * 32, format_version=1)
    with pytest.raises(CorruptDataError):
        open_slot(slot, "a passphrase", vault_id=VAULT, format_version=2)


def test_tampered_wrapped_key_is_corruption() -> None:
    _, slot = _slot()
    raw = slot.to_dict()
    wrapped = bytearray(slot.wrapped)
    wrapped[3] ^= 1
    import base64

    raw["wrapped"] = base64.b64encode(bytes(wrapped)).decode()
    with pytest.raises(CorruptDataError):
        open_slot(KeySlot.from_dict(raw), "a passphrase", vault_id=VAULT, format_version=1)


def test_recovery_and_device_slots() -> None:
    key = new_data_key()
    recovery = parse_recovery_key(new_recovery_key())
    slot = make_slot(key, recovery, slot_type=SlotType.RECOVERY, vault_id=VAULT, format_version=1)
    assert open_slot(slot, recovery, vault_id=VAULT, format_version=1) == key
    with pytest.raises(WrongKeyError, match="recovery"):
        open_slot(slot, bytes(RECOVERY_BYTES), vault_id=VAULT, format_version=1)


@pytest.mark.parametrize("params", [
    {"name": "argon2id", "memory_kib": 64 * 1024 * 1024, "iterations": 3, "lanes": 4},
    {"name": "argon2id", "memory_kib": 65536, "iterations": 10_000, "lanes": 4},
    {"name": "argon2id", "memory_kib": 65536, "iterations": 3, "lanes": 255},
    {"name": "argon2id", "memory_kib": 1, "iterations": 3, "lanes": 4},
    {"name": "scrypt", "memory_kib": 65536, "iterations": 3, "lanes": 4},
    {"name": "argon2id", "memory_kib": "lots", "iterations": 3, "lanes": 4},
    None,
])
def test_kdf_bounds_refused_before_any_work(params: object) -> None:
    started = time.perf_counter()
    with pytest.raises(CorruptDataError):
        KdfParams.checked(params)
    assert time.perf_counter() - started < 0.5


def test_header_asking_for_64_gib_refused_when_parsing_slot() -> None:
    _, slot = _slot()
    raw = slot.to_dict()
    raw["kdf"]["memory_kib"] = 64 * 1024 * 1024
    with pytest.raises(CorruptDataError, match="memory"):
        KeySlot.from_dict(raw)


def test_default_kdf_is_the_documented_one() -> None:
    assert KdfParams() == KdfParams(memory_kib=65536, iterations=3, lanes=4)


@given(st.binary(min_size=RECOVERY_BYTES, max_size=RECOVERY_BYTES))
def test_recovery_key_round_trip(raw: bytes) -> None:
    text = format_recovery_key(raw)
    assert len(text.split("-")) == 8
    assert parse_recovery_key(text) == raw
    assert parse_recovery_key(text.lower().replace("-", " ")) == raw


def test_recovery_key_forgives_look_alikes() -> None:
    raw = bytes(range(RECOVERY_BYTES))
    text = format_recovery_key(raw)
    assert parse_recovery_key(text.replace("1", "I").replace("0", "O")) == raw


@given(st.text(max_size=60))
def test_recovery_key_parser_never_crashes(text: str) -> None:
    with contextlib.suppress(InvalidInputError):
        assert len(parse_recovery_key(text)) == RECOVERY_BYTES
