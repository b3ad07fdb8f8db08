"""`python -m bench.integrity`: the full integrity check of the 50,000-entry vault (issue 11).

The vault is built once into `.bench-cache/` (`bench.vaults`) and reused. Each run is a
fresh process (cold page cache of SQLite, warm OS file cache): unlock (not timed), then
the full check as the app runs it (`check_database_file`), then each pragma alone on a
connection set up as the check sets it up. Wall time, CPU time of the whole process (both
threads of the check) and the resident memory the check adds are printed per run and as
medians; the machine may be shared, so the load average is printed at both ends.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.measure import load_average, median
from bench.vaults import DEFAULT_CACHE, PASSPHRASE, bench_vault

Sample = dict[str, float]


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024 / 1e6
    return float("nan")


def _reset_peak() -> bool:
    """Linux: restart the high-water mark (VmHWM) from the current resident set."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _measured(name: str, fn: Callable[[], Any], out: Sample) -> Any:
    """Wall and process CPU seconds of `fn`, and the resident MB it added at its peak."""
    reset = _reset_peak()
    before = _status_mb("VmRSS")
    cpu, wall = time.process_time(), time.perf_counter()
    result = fn()
    out[f"{name}_s"] = time.perf_counter() - wall
    out[f"{name}_cpu_s"] = time.process_time() - cpu
    out[f"{name}_peak_extra_mb"] = _status_mb("VmHWM") - before if reset else float("nan")
    out[f"{name}_rss_after_extra_mb"] = _status_mb("VmRSS") - before
    return result


def _pragma(database: Path, key: bytes, pragma: str, cache_kib: int | None) -> Callable[[], Any]:
    from alliance_journal.vault.engine import connect

    def run() -> Any:
        conn = connect(database, key)
        try:
            conn.isolation_level = None
            if cache_kib is not None:
                conn.execute(f"PRAGMA cache_size = -{cache_kib}")
            return conn.execute(f"PRAGMA {pragma}").fetchall()
        finally:
            conn.close()
    return run


def child(folder: Path) -> Sample:
    """One run, in this (fresh) process."""
    from alliance_journal.services import integrity
    from alliance_journal.services.unlock import UnlockSecret, unlock_vault

    vault = unlock_vault(folder, UnlockSecret(passphrase=PASSPHRASE))
    out: Sample = {}
    try:
        database, key = vault.paths.database, bytes(vault.data_key)
        out["database_mb"] = database.stat().st_size / 1e6
        report = _measured("check", lambda: integrity.check_database_file(database, key), out)
        if not report.healthy:
            raise RuntimeError(f"the bench vault fails its check: {report.describe()}")
        cache = getattr(integrity, "CHECK_CACHE_KIB", getattr(integrity, "_CHECK_CACHE_KIB", None))
        out["cache_kib"] = float(cache or 0)
        _measured("cipher", _pragma(database, key, "cipher_integrity_check", None), out)
        _measured("quick", _pragma(database, key, "quick_check", cache), out)
    finally:
        vault.close()
    return out



ROWS = (("full check (app: both pragmas at once + WAL chain)", "check"),
        ("  PRAGMA cipher_integrity_check alone", "cipher"),
        ("  PRAGMA quick_check alone (check's cache)", "quick"))


def report(samples: list[Sample]) -> str:
    def mid(key: str) -> float:
        return median([s[key] for s in samples])
    lines = [f"database {mid('database_mb'):.1f} MB, quick_check cache {mid('cache_kib') / 1024:.0f} MiB, "
             f"{len(samples)} runs (medians)",
             "| part | wall s | CPU s | peak extra MB | extra MB after |", "|---|---:|---:|---:|---:|"]
    for title, key in ROWS:
        lines.append(f"| {title} | {mid(key + '_s'):.3f} | {mid(key + '_cpu_s'):.3f} | "
                     f"{mid(key + '_peak_extra_mb'):.0f} | {mid(key + '_rss_after_extra_mb'):.0f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.integrity", description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--entries-per-client", type=int, default=250)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="where bench vaults are kept")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        print(json.dumps(child(args.child)))
        return 0
    vault = bench_vault(args.clients, args.entries_per_client, cache=args.cache)
    print(f"load average at start: {load_average()}", file=sys.stderr)
    samples: list[Sample] = []
    for n in range(1, args.runs + 1):
        done = subprocess.run([sys.executable, "-m", "bench.integrity", "--child", str(vault.folder)],
                              check=True, capture_output=True, text=True)
        samples.append(json.loads(done.stdout))
        s = samples[-1]
        print(f"run {n}: check {s['check_s']:.3f} s wall, {s['check_cpu_s']:.3f} s CPU, "
              f"+{s['check_peak_extra_mb']:.0f} MB peak (load {load_average()})", file=sys.stderr)
    print(f"load average at end: {load_average()}", file=sys.stderr)
    print(report(samples))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
