"""Vault size against the plain text of its notes, where the bytes go, and search latency.

SQLCipher builds no `dbstat` table, so the breakdown sums stored bytes per part: note
columns, the search index's blocks, history snapshots, and free pages; the rest of the
file is b-tree structure, indexes and page slack.
"""

from __future__ import annotations

import time
from pathlib import Path

from bench.corpus import search_queries
from bench.measure import percentile
from bench.vaults import PASSPHRASE, BenchVault

MB = 1_000_000


def _vault_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())


def breakdown(folder: Path) -> dict[str, float]:
    """Stored bytes per part, in MB, read through a read-only unlock."""
    from alliance_journal.services.unlock import UnlockSecret, open_vault_to_read

    queries = {
        "note text (entry.body as stored)": "SELECT sum(length(CAST(body AS BLOB))) FROM entry",
        "other entry columns": "SELECT sum(length(id) + length(coalesce(client_id, '')) + length(kind)"
                               " + length(tags) + length(fields) + length(amendments) + 120) FROM entry",
        "search index blocks (entry_fts_data)": "SELECT sum(length(block)) FROM entry_fts_data",
        "search index copy of the text": "SELECT coalesce(sum(length(CAST(c1 AS BLOB))), 0) FROM "
                                         "entry_fts_content",
        "history snapshots": "SELECT coalesce(sum(length(CAST(snapshot AS BLOB))), 0) FROM entry_version",
    }
    with open_vault_to_read(folder, UnlockSecret(passphrase=PASSPHRASE)) as vault:
        found: dict[str, float] = {}
        with vault.engine.connect() as conn:
            tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
            for label, sql in queries.items():
                if "entry_fts_content" in sql and "entry_fts_content" not in tables:
                    found[label] = 0.0
                    continue
                found[label] = float(conn.exec_driver_sql(sql).scalar_one() or 0) / MB
            page = int(conn.exec_driver_sql("PRAGMA page_size").scalar_one())
            found["free pages"] = int(conn.exec_driver_sql("PRAGMA freelist_count").scalar_one()) * page / MB
            found["schema"] = float(conn.exec_driver_sql("PRAGMA user_version").scalar_one())
    return found


def size_report(vault: BenchVault, *, label: str = "") -> list[str]:
    total = _vault_bytes(vault.folder)
    ratio = total / vault.text_bytes
    parts = breakdown(vault.folder)
    schema = int(parts.pop("schema"))
    named = sum(parts.values())
    lines = [f"Vault size at {vault.entries:,} entries{label} (schema {schema}): {total / MB:.1f} MB "
             f"against {vault.text_bytes / MB:.1f} MB of plain text (jrnl's format): **{ratio:.2f}×** "
             f"(target ≤ 2.5×: {'PASS' if ratio <= 2.5 else 'MISS'})", "",
             "| part | MB | share |", "|---|---:|---:|"]
    lines += [f"| {name} | {mb:.1f} | {mb * MB / total:.0%} |" for name, mb in parts.items()]
    rest = total / MB - named
    lines += [f"| b-tree pages, indexes, page slack, SQLCipher's per-page IV and MAC | {rest:.1f} | "
              f"{rest * MB / total:.0%} |", ""]
    return lines


def search_latency(vault: BenchVault, count: int = 100) -> dict[str, float]:
    """Per-query wall and thread-CPU time of `services.search.search`, as the window calls it."""
    from alliance_journal.services.search import search
    from alliance_journal.services.unlock import UnlockSecret, open_vault_to_read

    walls, cpus = [], []
    with open_vault_to_read(vault.folder, UnlockSecret(passphrase=PASSPHRASE)) as opened:
        search(opened, "warm")
        for query in search_queries(count):
            wall, cpu = time.perf_counter(), time.thread_time()
            search(opened, query)
            cpus.append((time.thread_time() - cpu) * 1000)
            walls.append((time.perf_counter() - wall) * 1000)
    return {"p50_ms": percentile(walls, 50), "p95_ms": percentile(walls, 95),
            "cpu_p50_ms": percentile(cpus, 50), "cpu_p95_ms": percentile(cpus, 95)}
