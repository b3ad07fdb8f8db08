"""Clocks, percentiles and memory: the few numbers every phase reports."""

from __future__ import annotations

import os
import platform
import resource
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import sqlcipher3

T = TypeVar("T")


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, for a report's line on how busy the machine was."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    """Run `fn` once; returns its result and the wall time in seconds."""
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def percentile(values: Sequence[float], pct: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    if not values:
        raise ValueError("no samples")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * pct / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def median(values: Sequence[float]) -> float:
    return percentile(values, 50)


@dataclass(frozen=True, slots=True)
class Spread:
    p50: float
    p95: float

    @classmethod
    def of(cls, seconds: Sequence[float]) -> Spread:
        return cls(percentile(seconds, 50), percentile(seconds, 95))


def peak_rss_mb() -> float:
    """This program's peak resident set so far, in MB.

    Linux: `VmHWM`, the high-water mark of this program image. Not `ru_maxrss`: Linux
    carries that across fork+exec, so every child would report its parent's size.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024 / 1e6
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return peak / 1e6 if sys.platform == "darwin" else peak * 1024 / 1e6


def machine_facts() -> dict[str, str]:
    """What a reader needs to compare figures across machines."""
    import os

    conn = sqlcipher3.dbapi2.connect(":memory:")
    try:
        conn.execute("PRAGMA key = 'machine-facts'")  # the provider is only known once keyed
        cipher_version = str(conn.execute("PRAGMA cipher_version").fetchone()[0])
        cipher_provider = str(conn.execute("PRAGMA cipher_provider").fetchone()[0])
        cipher_sqlite = str(conn.execute("SELECT sqlite_version()").fetchone()[0])
    finally:
        conn.close()
    return {
        "cpus (nproc)": str(os.cpu_count()),
        "machine": f"{platform.system()} {platform.release()} {platform.machine()}",
        "python": platform.python_version(),
        "sqlcipher": f"{cipher_version} ({cipher_provider}), SQLite {cipher_sqlite}",
        "plain baseline": "SQLCipher's own SQLite build without a key (the schema needs 3.43+)",
    }
