"""`python -m bench.startup`: how fast the app and the CLI start, search and how big a vault is.

- cold start to the painted unlock dialog (wall and CPU, bytecode compiled first, as an
  install has it), beside a bare PySide6 dialog with the same widgets;
- `alliance-journal --help`;
- one-shot `alliance-journal search WORD` at 10,000 and 50,000 entries, KDF included,
  side by side with jrnl (an encrypted jrnl journal of the same notes, password piped;
  jrnl is looked for with --jrnl, then `.venv-bench/bin/jrnl`, then PATH; without it the
  jrnl column says so and the rest runs);
- in-window search latency at 50,000 entries (the service call the window's worker makes);
- vault size against the plain text, and where the bytes go.

The bench vaults are built once into `.bench-cache/` (minutes at 50,000) and reused.
Every figure is a median of `--repeat` runs; CPU time is shown beside wall time because
the machine may be shared; the load average is printed at both ends.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.measure import load_average, machine_facts, median
from bench.oneshot import JrnlSide, cli_search, jrnl_search, query_words
from bench.size import search_latency, size_report
from bench.vaults import DEFAULT_CACHE, PASSPHRASE, bench_vault

REPO = Path(__file__).resolve().parents[1]
SIZES = {10_000: (40, 250), 50_000: (200, 250)}



def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def app_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ALLIANCE_JOURNAL_")}
    env.setdefault("QT_QPA_PLATFORM", "offscreen" if not env.get("DISPLAY") else env.get(
        "QT_QPA_PLATFORM", ""))
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"  # no OS keychain prompts
    return env


def paint_once(folder: Path, *, bare: bool) -> tuple[float, float, dict[str, object]]:
    """(wall s, CPU s, report) from launch to the first painted dialog."""
    argv = [sys.executable, str(REPO / "bench" / "paint_probe.py"), str(folder)]
    started = time.perf_counter()
    proc = subprocess.run([*argv, *(["--bare"] if bare else [])], capture_output=True, text=True,
                          env=app_env(), cwd=REPO, check=True, timeout=120)
    wall = time.perf_counter() - started
    report: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return wall, float(report["cpu_s"]), report  # type: ignore[arg-type]


def measure_paint(folder: Path, repeat: int, *, bare: bool) -> dict[str, float | str]:
    paint_once(folder, bare=bare)  # warm the file cache; bytecode is already compiled
    runs = [paint_once(folder, bare=bare) for _ in range(repeat)]
    heavy = sorted({m for _, _, r in runs for m in r["heavy"]})  # type: ignore[attr-defined]
    return {"wall": median([w for w, _, _ in runs]), "cpu": median([c for _, c, _ in runs]),
            "heavy": ", ".join(heavy) or "none"}


def measure_help(repeat: int) -> dict[str, float]:
    script = Path(sys.executable).with_name("alliance-journal")
    argv = [str(script)] if script.exists() else [sys.executable, "-m", "alliance_journal"]
    walls, cpus = [], []
    for _ in range(repeat + 1):
        before, started = children_cpu(), time.perf_counter()
        subprocess.run([*argv, "--help"], capture_output=True, check=True, env=app_env(), cwd=REPO)
        walls.append(time.perf_counter() - started)
        cpus.append(children_cpu() - before)
    return {"wall": median(walls[1:]), "cpu": median(cpus[1:])}


def verdict(value: float, target: float) -> str:
    return "PASS" if value <= target else "MISS"


def find_jrnl(given: str | None) -> Path | None:
    for candidate in (given, REPO / ".venv-bench" / "bin" / "jrnl", shutil.which("jrnl")):
        if candidate and Path(candidate).exists():
            return Path(candidate)
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.startup", description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--sizes", default="10000,50000", help="entries, comma-separated")
    parser.add_argument("--jrnl", help="the jrnl command (default: .venv-bench/bin/jrnl, then PATH)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    load_at_start = load_average()
    compileall.compile_dir(str(REPO / "alliance_journal"), quiet=1)
    vaults = {n: bench_vault(*SIZES[n], cache=args.cache) for n in sizes}
    jrnl = find_jrnl(args.jrnl)
    out = ["## Start-up, one-shot search and size", "",
           f"Command: `python -m bench.startup --repeat {args.repeat} --sizes {args.sizes}`", ""]
    out += [f"- {k}: {v}" for k, v in machine_facts().items()]
    out += [f"- Qt platform: {app_env()['QT_QPA_PLATFORM'] or 'default'}",
            f"- jrnl: {jrnl or 'not found: the jrnl column is skipped'}",
            f"- medians of {args.repeat} runs; load average (1, 5, 15 min) at start: {load_at_start}",
            ""]
    smallest = vaults[min(sizes)]
    app = measure_paint(smallest.folder, args.repeat, bare=False)
    bare = measure_paint(smallest.folder, args.repeat, bare=True)
    shown = measure_help(args.repeat)
    out += ["| measurement | wall | CPU | target | result |", "|---|---:|---:|---|---|",
            f"| launch to painted unlock dialog | {app['wall']:.3f} s | {app['cpu']:.3f} s | "
            f"≤ 0.6 s wall, ≤ 0.45 s CPU | {verdict(float(app['wall']), 0.6)} wall, "
            f"{verdict(float(app['cpu']), 0.45)} CPU |",
            f"| a bare PySide6 dialog, same widgets | {bare['wall']:.3f} s | {bare['cpu']:.3f} s | — | — |",
            f"| `alliance-journal --help` | {shown['wall']:.3f} s | {shown['cpu']:.3f} s | ≤ 0.15 s CPU | "
            f"{verdict(shown['cpu'], 0.15)} |", "",
            f"Modules loaded when the unlock dialog painted, of sqlalchemy, sqlmodel, pydantic, "
            f"keyring: {app['heavy']}.", ""]
    out += ["| one-shot search (KDF included) | entries | ours wall | ours CPU | jrnl wall | jrnl CPU | "
            "jrnl / ours (wall) | target |", "|---|---:|---:|---:|---:|---:|---:|---|"]
    queries = query_words()
    for n, vault in vaults.items():
        ours = cli_search(vault, queries, args.repeat, app_env())
        side = JrnlSide.prepare(jrnl, vault, PASSPHRASE) if jrnl else None
        theirs = jrnl_search(side, queries, args.repeat) if side else None
        target = "faster than jrnl" if n <= 10_000 else "≥ 5× faster than jrnl"
        if theirs is None:
            out.append(f"| `search WORD` | {n:,} | {ours['wall']:.3f} s | {ours['cpu']:.3f} s | — | — | — | "
                       f"{target} (jrnl missing) |")
            continue
        ratio = theirs["wall"] / ours["wall"]
        result = verdict(1.0 if n <= 10_000 else 5.0, ratio)
        out.append(f"| `search WORD` | {n:,} | {ours['wall']:.3f} s | {ours['cpu']:.3f} s | "
                   f"{theirs['wall']:.3f} s | {theirs['cpu']:.3f} s | {ratio:.1f}× | {target}: {result} |")
    out += ["", f"Queries (each run {args.repeat} times per side): {', '.join(queries)}.", ""]
    largest = vaults[max(sizes)]
    latency = search_latency(largest)
    out += [f"In-window search at {largest.entries:,} entries (the service call the window's worker "
            f"makes, 100 queries): p50 {latency['p50_ms']:.1f} ms, p95 {latency['p95_ms']:.1f} ms wall "
            f"(CPU p50 {latency['cpu_p50_ms']:.1f} ms, p95 {latency['cpu_p95_ms']:.1f} ms); "
            f"target p95 ≤ 15 ms: {verdict(latency['p95_ms'], 15.0)}.", ""]
    for vault in vaults.values():
        out += size_report(vault)
    out += [f"Load average at end: {load_average()}"]
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
