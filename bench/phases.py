"""The two phases run for each side (encrypted, plain), each meant for a fresh process.

Both sides go through the very same services code; only the engine differs. The
encrypted side uses the real `create_vault`/`unlock_vault` (Argon2id, key slots,
SQLCipher); the plain side hands services an `OpenVault` whose engine is
`open_engine(path, None)`: the same SQLite build without a key, identical pragmas.

`import` builds the vault from the exchange document file (streamed, as `alliance-journal
import FILE` does); `use` reopens it and measures what a user waits for: unlock, a
client's timeline, search, a save, the full integrity check run before every backup, an
export into a file (streamed, as `export --out`).
"""

from __future__ import annotations

import gc
import os
import sys
import time
import uuid
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from pathlib import Path

from alliance_journal.crypto.kdf import KdfParams, derive_from_passphrase
from alliance_journal.crypto.keyslots import SlotType
from alliance_journal.domain.entries import Entry
from alliance_journal.domain.exchange import read_document
from alliance_journal.services.clients import all_clients, list_clients
from alliance_journal.services.entries import get_entry, save_entry, timeline
from alliance_journal.services.integrity import CHECK_CACHE_KIB, check_database_file
from alliance_journal.services.schema import upgrade
from alliance_journal.services.search import SearchOrder, fts_query, search
from alliance_journal.services.transfer import export_to_file, import_json
from alliance_journal.services.unlock import OpenVault, UnlockSecret, create_vault, unlock_vault
from alliance_journal.vault.atomic import create_private_file, ensure_private_dir
from alliance_journal.vault.engine import connect, open_engine
from alliance_journal.vault.header import VaultHeader
from alliance_journal.vault.layout import VaultPaths
from alliance_journal.vault.lock import VaultLock
from bench.corpus import search_queries
from bench.measure import Spread, median, peak_rss_mb, percentile, timed
from bench.vaults import PASSPHRASE

DOCUMENT_NAME = "document.json"
EXPORT_NAME = "export.json"
Results = dict[str, float]


class Side(StrEnum):
    ENCRYPTED = "encrypted"
    PLAIN = "plain"


@dataclass(frozen=True, slots=True)
class Plan:
    """Where a side lives and how many samples each measurement takes."""

    workdir: Path
    kdf: KdfParams
    timeline_runs: int = 50
    searches: int = 100
    saves: int = 100
    unlock_runs: int = 3

    def folder(self, side: Side) -> Path:
        return self.workdir / side.value

    @property
    def document(self) -> Path:
        return self.workdir / DOCUMENT_NAME


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def open_direct(folder: Path, key: bytes | None) -> OpenVault:
    """An `OpenVault` from an engine opened directly (no key slots, no KDF).

    With `key=None` this is the plain baseline; with the data key it times the part of an
    encrypted unlock that comes after the KDF, through exactly the same steps.
    """
    paths = VaultPaths(folder)
    lock = VaultLock(paths.lock)
    lock.acquire()
    try:
        engine = open_engine(paths.database, key)
        upgrade(engine)
    except BaseException:
        lock.release()
        raise
    return OpenVault(paths, VaultHeader.new(), engine, lock, bytearray(key or bytes(32)),
                     SlotType.PASSPHRASE)


def _create(side: Side, plan: Plan) -> OpenVault:
    folder = plan.folder(side)
    if side is Side.ENCRYPTED:
        vault, _recovery = create_vault(folder, PASSPHRASE, kdf=plan.kdf)
        return vault
    ensure_private_dir(folder)
    create_private_file(VaultPaths(folder).database)
    return open_direct(folder, None)


def _validate_only(document: Path) -> int:
    """Read and validate the whole document without storing it; returns its entry count."""
    with document.open("rb") as stream:
        return sum(len(part.entries) for part in read_document(stream, source="bench document"))


def run_import(side: Side, plan: Plan) -> Results:
    """Validate the document alone (to size its share), then import the file for real."""
    count, parse_s = timed(partial(_validate_only, plan.document))
    gc.collect()
    vault = _create(side, plan)
    started = time.perf_counter()
    shown = {0}

    def progress(done: int, total: int) -> None:
        tenth = done * 10 // total if total else 0
        if tenth not in shown:
            shown.add(tenth)
            say(f"{side}: imported {tenth * 10} % of the file ({time.perf_counter() - started:.0f} s)")

    try:
        counts, import_s = timed(lambda: import_json(vault, plan.document, source="bench document",
                                                     progress=progress))
    finally:
        vault.close()
    if counts[1] != count:
        raise RuntimeError(f"imported {counts[1]} entries of {count}")
    return {"entries": count, "parse_s": parse_s, "import_s": import_s,
            "import_rate": count / import_s, "rss_import_mb": peak_rss_mb()}


def _measure_unlock(side: Side, plan: Plan) -> tuple[Results, OpenVault]:
    """KDF alone, `unlock_vault` in full, and the engine+migrations+first query part."""
    folder = plan.folder(side)
    out: Results = {}
    key: bytes | None = None
    if side is Side.ENCRYPTED:
        out["kdf_s"] = median([timed(lambda: derive_from_passphrase(
            PASSPHRASE, os.urandom(16), plan.kdf))[1] for _ in range(plan.unlock_runs)])
        totals: list[float] = []
        for _ in range(plan.unlock_runs):
            vault, unlock_s = timed(lambda: unlock_vault(folder, UnlockSecret(passphrase=PASSPHRASE)))
            _, first_s = timed(partial(list_clients, vault))
            totals.append(unlock_s + first_s)
            key = vault.data_key
            vault.close()
        out["unlock_first_s"] = totals[0]
        out["unlock_total_s"] = median(totals)
    opens: list[float] = []
    firsts: list[float] = []
    for _ in range(plan.unlock_runs):
        vault, open_s = timed(lambda: open_direct(folder, key))
        _, first_s = timed(partial(list_clients, vault))
        opens.append(open_s)
        firsts.append(first_s)
        vault.close()
    out["open_s"] = median(opens)
    out["first_query_s"] = median(firsts)
    if side is Side.PLAIN:
        out["unlock_total_s"] = median([o + f for o, f in zip(opens, firsts, strict=True)])
        return out, open_direct(folder, None)
    return out, unlock_vault(folder, UnlockSecret(passphrase=PASSPHRASE))


def _spread(out: Results, name: str, seconds: list[float]) -> None:
    spread = Spread.of(seconds)
    out[f"{name}_p50_ms"] = spread.p50 * 1000
    out[f"{name}_p95_ms"] = spread.p95 * 1000


def _measure_timeline(vault: OpenVault, plan: Plan, client_ids: list[uuid.UUID],
                      out: Results) -> list[uuid.UUID]:
    """One client after another (a different client each run, as when a user browses)."""
    timeline(vault, client_ids[-1])
    seconds: list[float] = []
    editable: list[uuid.UUID] = []
    sizes: list[float] = []
    for i in range(plan.timeline_runs):
        entries, took = timed(partial(timeline, vault, client_ids[i % len(client_ids)]))
        seconds.append(took)
        sizes.append(len(entries))
        editable.extend(e.id for e in entries if not e.is_finalised)
    _spread(out, "timeline", seconds)
    out["timeline_entries"] = median(sizes)
    return editable


def _measure_search(vault: OpenVault, plan: Plan, out: Results) -> None:
    search(vault, "warmup")
    seconds: list[float] = []
    hits: list[float] = []
    newest = 0
    for query in search_queries(plan.searches):
        found, took = timed(partial(search, vault, query))
        seconds.append(took)
        hits.append(len(found.hits))
        newest += found.order is SearchOrder.NEWEST
    _spread(out, "search", seconds)
    out["search_hits"] = median(hits)
    out["search_newest_first"] = newest
    with vault.engine.connect() as conn:  # untimed: how much each query had to rank
        matches = [float(conn.exec_driver_sql(
            "SELECT count(*) FROM entry_fts WHERE entry_fts MATCH ?", (expression,)).scalar_one())
            for expression in map(fts_query, search_queries(plan.searches)) if expression]
    out["search_matches_p50"] = median(matches)
    out["search_matches_p95"] = percentile(matches, 95)


def _edited(entry: Entry, n: int) -> Entry:
    return entry.model_copy(update={"body": f"{entry.body}\n\nAfter supervision ({n}): the "
                                    "silence at the door felt like a test of the frame."})


def _measure_saves(vault: OpenVault, plan: Plan, editable: list[uuid.UUID], out: Results) -> None:
    """Each save is the first of an editing burst: history snapshot, reindex, fsync."""
    if not editable:
        raise RuntimeError("the corpus has no unfinalised entries to edit")
    save_entry(vault, _edited(get_entry(vault, editable[-1]), 0))
    seconds: list[float] = []
    for n in range(plan.saves):
        edited = _edited(get_entry(vault, editable[n % len(editable)]), n + 1)
        seconds.append(timed(partial(save_entry, vault, edited))[1])
    _spread(out, "save", seconds)


def _pragma_seconds(vault: OpenVault, key: bytes | None, pragma: str) -> float:
    """One pragma alone; the b-tree walks get the check's own cache, as the check gives them."""
    conn = connect(vault.paths.database, key)
    try:
        if pragma != "cipher_integrity_check":
            conn.execute(f"PRAGMA cache_size = -{CHECK_CACHE_KIB}")
        return timed(lambda: conn.execute(f"PRAGMA {pragma}").fetchall())[1]
    finally:
        conn.close()


def _measure_integrity(vault: OpenVault, side: Side, out: Results) -> None:
    """The full check that runs before every backup, and each pragma alone (for the choice)."""
    key = vault.data_key if side is Side.ENCRYPTED else None
    report, out["integrity_s"] = timed(partial(check_database_file, vault.paths.database, key))
    if not report.healthy:
        raise RuntimeError(f"the bench vault fails its check: {report.describe()}")
    out["integrity_quick_s"] = _pragma_seconds(vault, key, "quick_check")
    out["integrity_full_s"] = _pragma_seconds(vault, key, "integrity_check")
    out["integrity_cipher_s"] = _pragma_seconds(vault, key, "cipher_integrity_check") if key else 0.0


def run_use(side: Side, plan: Plan) -> Results:
    out, vault = _measure_unlock(side, plan)
    try:
        client_ids = [c.id for c in all_clients(vault)]
        say(f"{side}: unlocked; timeline x{plan.timeline_runs}")
        editable = _measure_timeline(vault, plan, client_ids, out)
        say(f"{side}: search x{plan.searches}")
        _measure_search(vault, plan, out)
        say(f"{side}: save x{plan.saves}")
        _measure_saves(vault, plan, editable, out)
        out["rss_use_mb"] = peak_rss_mb()
        say(f"{side}: integrity check")
        _measure_integrity(vault, side, out)
        say(f"{side}: export")
        target = plan.workdir / f"{side.value}-{EXPORT_NAME}"
        _, out["export_s"] = timed(partial(export_to_file, vault, target))
        out["export_mb"] = target.stat().st_size / 1e6
        target.unlink()
        out["rss_export_mb"] = peak_rss_mb()
    finally:
        vault.close()
    return out
