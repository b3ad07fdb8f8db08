"""Truncations and random byte flips in backups and in vault.json: always a typed error.

Every damaged copy must raise CorruptDataError (exit code 4), never another exception,
never a "wrong passphrase", and never open as if nothing happened. Backups are tiny
(an almost empty vault, 4 KiB chunks: ~25 chunk boundaries) and the vault uses the
cheap KDF, so 10,000 flips take seconds. The flips are spread over the regions of the
file (fixed header, JSON header with its key slots, header checksum, chunk bodies,
chunk tags) so no region is covered by luck alone.
"""

from __future__ import annotations

import json
import os
import random
import struct
from collections import Counter
from pathlib import Path

import pytest

from alliance_journal.cli.main import main
from alliance_journal.crypto.container import TAG_BYTES
from alliance_journal.errors import CorruptDataError, UserFacingError
from alliance_journal.services.backup import BackupInfo, create_backup, verify_backup
from alliance_journal.services.unlock import OpenVault, UnlockSecret, unlock_vault
from tests.conftest import PASSPHRASE
from tests.faults.conftest import soak_only

SECRET = UnlockSecret(passphrase=PASSPHRASE)
CHUNK = 4096
FLIPS = 10_000
HEADER_FLIPS = 2_000
SOAK_FACTOR = 10


@pytest.fixture
def tiny_backup(vault: OpenVault, tmp_path: Path) -> BackupInfo:
    return create_backup(vault, tmp_path / "b", chunk_size=CHUNK)


def regions(data: bytes) -> dict[str, list[int]]:
    """Byte positions of each part of a backup file."""
    json_length = struct.unpack(">I", data[10:14])[0]
    body_start = 14 + json_length + 32
    document = data[14:14 + json_length]
    slots_at = document.index(b'"slots"')
    block = CHUNK + TAG_BYTES
    chunk_bodies: list[int] = []
    chunk_tags: list[int] = []
    for start in range(body_start, len(data), block):
        end = min(start + block, len(data))
        chunk_bodies += range(start, end - TAG_BYTES)
        chunk_tags += range(end - TAG_BYTES, end)
    return {
        "fixed header": list(range(14)),
        "header json": list(range(14, 14 + slots_at)),
        "key slots": list(range(14 + slots_at, 14 + json_length)),
        "header checksum": list(range(14 + json_length, body_start)),
        "chunk bodies": chunk_bodies,
        "chunk tags": chunk_tags,
    }


def _expect_corrupt(path: Path) -> str:
    try:
        verify_backup(path, SECRET)
    except CorruptDataError as exc:
        return exc.message
    except UserFacingError as exc:
        raise AssertionError(f"{type(exc).__name__} instead of CorruptDataError: {exc}") from None
    raise AssertionError("a damaged backup verified as intact")


def test_truncation_at_every_chunk_boundary_and_at_random_points(
        tiny_backup: BackupInfo, tmp_path: Path) -> None:
    data = tiny_backup.path.read_bytes()
    body_start = regions(data)["chunk bodies"][0]
    boundaries = list(range(body_start, len(data), CHUNK + TAG_BYTES))
    assert len(boundaries) >= 20
    rng = random.Random(7)
    cuts = boundaries + [rng.randrange(0, len(data)) for _ in range(300)] + [0, 1, 13, 14, body_start - 1]
    damaged = tmp_path / "cut.ajbackup"
    damaged.write_bytes(data)
    truncated_reports = 0
    for cut in sorted(set(cuts), reverse=True):  # shorten one file step by step
        os.truncate(damaged, cut)
        if cut == 0:
            with pytest.raises(UserFacingError, match="not an Alliance Journal backup"):
                verify_backup(damaged, SECRET)  # an empty file is not a backup at all
            continue
        truncated_reports += "truncated" in _expect_corrupt(damaged)
    assert truncated_reports >= len(boundaries) - 1  # cut at a boundary: said in so many words


def _flip_all(path: Path, data: bytes, positions: list[tuple[str, int]], rng: random.Random) -> Counter[str]:
    """Flip one byte at a time in place (os.pwrite), verify, put it back."""
    outcomes: Counter[str] = Counter()
    with open(path, "r+b") as handle:
        fd = handle.fileno()
        for region, position in positions:
            os.pwrite(fd, bytes([data[position] ^ rng.randrange(1, 256)]), position)
            try:
                verify_backup(path, SECRET)
            except CorruptDataError:
                outcomes[region] += 1
            except Exception as exc:
                raise AssertionError(f"flip at {position} ({region}): {type(exc).__name__}: {exc}") from None
            else:
                raise AssertionError(f"flip at {position} ({region}) went unnoticed")
            finally:
                os.pwrite(fd, data[position:position + 1], position)
    return outcomes


def _stratified(data: bytes, count: int, rng: random.Random) -> list[tuple[str, int]]:
    """Half the flips in equal shares per region (the header is small), half uniform."""
    by_region = regions(data)
    share = count // (2 * len(by_region))
    positions = [(name, rng.choice(places)) for name, places in by_region.items() for _ in range(share)]
    everything = [(name, p) for name, places in by_region.items() for p in places]
    return positions + [rng.choice(everything) for _ in range(count - len(positions))]


def test_ten_thousand_random_flips_in_a_backup(tiny_backup: BackupInfo) -> None:
    path, data = tiny_backup.path, tiny_backup.path.read_bytes()
    rng = random.Random(11)
    outcomes = _flip_all(path, data, _stratified(data, FLIPS, rng), rng)
    assert sum(outcomes.values()) == FLIPS
    assert all(outcomes[name] >= FLIPS // 12 for name in regions(data))
    assert verify_backup(path, SECRET).size == len(data)  # the original is intact again


def _flip_vault_json(vault: OpenVault, count: int, rng: random.Random) -> None:
    """Each flip is caught, except one that only swaps JSON whitespace (same document)."""
    folder = vault.paths.folder
    vault.close()
    header = folder / "vault.json"
    data = header.read_bytes()
    original = json.loads(data)
    harmless = caught = 0
    with open(header, "r+b") as handle:
        for _ in range(count):
            position = rng.randrange(len(data))
            damaged = bytearray(data)
            damaged[position] ^= rng.randrange(1, 256)
            os.pwrite(handle.fileno(), damaged[position:position + 1], position)
            try:
                unlock_vault(folder, SECRET).close()
            except CorruptDataError:
                caught += 1
            except Exception as exc:
                raise AssertionError(f"flip at {position}: {type(exc).__name__}: {exc}") from None
            else:
                assert json.loads(bytes(damaged)) == original, f"flip at {position} went unnoticed"
                harmless += 1
            finally:
                os.pwrite(handle.fileno(), data[position:position + 1], position)
    assert header.read_bytes() == data
    assert caught + harmless == count and harmless < count // 50


def test_random_flips_in_vault_json(vault: OpenVault) -> None:
    _flip_vault_json(vault, HEADER_FLIPS, random.Random(13))


def test_cli_exit_code_on_a_sample_of_flips(tiny_backup: BackupInfo, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("ALLIANCE_JOURNAL_PASSPHRASE", PASSPHRASE)
    data = tiny_backup.path.read_bytes()
    rng = random.Random(17)
    sample = [rng.choice(places) for places in regions(data).values() for _ in range(3)]
    for position in sample:
        damaged = bytearray(data)
        damaged[position] ^= rng.randrange(1, 256)
        path = tmp_path / f"flip-{position}.ajbackup"
        path.write_bytes(bytes(damaged))
        assert main(["verify", str(path)]) == 4, position
        _out, err = capsys.readouterr()
        assert err.startswith("alliance-journal: error: ") and err.count("\n") == 1


@pytest.mark.slow
@soak_only
def test_soak_flips_in_a_bigger_backup(vault: OpenVault, tmp_path: Path) -> None:
    from tests.services.backup.conftest import populate

    populate(vault, clients_count=20, entries_each=20)
    info = create_backup(vault, tmp_path / "big", chunk_size=CHUNK)
    data = info.path.read_bytes()
    rng = random.Random()
    outcomes = _flip_all(info.path, data, _stratified(data, FLIPS * SOAK_FACTOR, rng), rng)
    print(f"soak flips by region: {dict(outcomes)}")
    assert sum(outcomes.values()) == FLIPS * SOAK_FACTOR


@pytest.mark.slow
@soak_only
def test_soak_flips_in_vault_json(vault: OpenVault) -> None:
    _flip_vault_json(vault, HEADER_FLIPS * SOAK_FACTOR, random.Random())
