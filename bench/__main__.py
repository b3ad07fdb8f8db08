"""`python -m bench`: build a synthetic caseload, run each side in a fresh process, print.

Each (side, phase) runs in its own subprocess so that peak RSS is per side and per
phase, and so that the encrypted side cannot warm caches for the plain one. Everything
happens in a private temporary folder that is removed afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from alliance_journal.crypto.kdf import KdfParams
from bench.corpus import make_corpus
from bench.measure import load_average, machine_facts
from bench.phases import Plan, Results, Side, run_import, run_use, say
from bench.report import Run, details, table

REPO = Path(__file__).resolve().parents[1]
PHASES = {"import": run_import, "use": run_use}
QUICK = {"clients": 20, "entries_per_client": 50, "timeline_runs": 20, "searches": 50, "saves": 30}
FULL = {"clients": 200, "entries_per_client": 250, "timeline_runs": 50, "searches": 100, "saves": 100}


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--clients", type=int)
    parser.add_argument("--entries-per-client", type=int)
    parser.add_argument("--quick", action="store_true", help="a small smoke run (20 x 50)")
    parser.add_argument("--timeline-runs", type=int)
    parser.add_argument("--searches", type=int)
    parser.add_argument("--saves", type=int)
    parser.add_argument("--repeat", type=int, default=1,
                        help="full runs (fresh processes each); the table shows medians")
    hidden = argparse.SUPPRESS
    parser.add_argument("--kdf-memory-kib", type=int, help=hidden)  # cheap KDF for the smoke test
    parser.add_argument("--in-process", action="store_true", help=hidden)
    parser.add_argument("--workdir-root", type=Path, help=hidden)
    parser.add_argument("--phase", choices=sorted(PHASES), help=hidden)
    parser.add_argument("--side", choices=[s.value for s in Side], help=hidden)
    parser.add_argument("--workdir", type=Path, help=hidden)
    parser.add_argument("--result", type=Path, help=hidden)
    args = parser.parse_args(argv)
    for name, value in (QUICK if args.quick else FULL).items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    return args


def kdf_params(memory_kib: int | None) -> KdfParams:
    """The default Argon2id, or (for tests) the same passes with less memory."""
    default = KdfParams()
    if memory_kib is None:
        return default
    return KdfParams(memory_kib=memory_kib, iterations=default.iterations,
                     lanes=max(1, min(default.lanes, memory_kib // 8)))


def plan_of(args: argparse.Namespace, workdir: Path) -> Plan:
    return Plan(workdir=workdir, kdf=kdf_params(args.kdf_memory_kib),
                timeline_runs=args.timeline_runs, searches=args.searches, saves=args.saves)


def _child_args(args: argparse.Namespace, workdir: Path, side: Side, phase: str, result: Path) -> list[str]:
    argv = ["--phase", phase, "--side", side.value, "--workdir", str(workdir), "--result", str(result),
            "--timeline-runs", str(args.timeline_runs), "--searches", str(args.searches),
            "--saves", str(args.saves)]
    if args.kdf_memory_kib is not None:
        argv += ["--kdf-memory-kib", str(args.kdf_memory_kib)]
    return argv


def run_phase(args: argparse.Namespace, workdir: Path, side: Side, phase: str) -> Results:
    if args.in_process:
        return PHASES[phase](side, plan_of(args, workdir))
    result = workdir / f"{side.value}-{phase}.json"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get(
        "PYTHONPATH")]))}
    subprocess.run([sys.executable, "-m", "bench", *_child_args(args, workdir, side, phase, result)],
                   cwd=REPO, env=env, check=True)
    loaded: Results = json.loads(result.read_text())
    return loaded


def code_version() -> str:
    """The commit measured, and whether the app's code differs from it (the tree moves)."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True,
                              check=True).stdout.strip()
    try:
        commit = git("log", "-1", "--format=%h %s")
        dirty = git("status", "--porcelain", "--", "alliance_journal")
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return f"{commit}" + (" + uncommitted changes in alliance_journal/" if dirty else "")


def _code_line(at_start: str) -> str:
    at_end = code_version()
    if at_end == at_start:
        return at_end
    return f"{at_start} at start; {at_end} at end (the tree changed during the run)"



def render(args: argparse.Namespace, argv: list[str], runs: list[Run], seconds: float,
           load_at_start: str, code_at_start: str) -> str:
    facts = "\n".join(f"- {name}: {value}" for name, value in machine_facts().items())
    kdf = kdf_params(args.kdf_memory_kib)
    return "\n\n".join([
        f"## Alliance Journal benchmark: {args.clients} clients x {args.entries_per_client} entries",
        f"Command: `python -m bench {' '.join(argv)}`".replace("bench `", "bench`"),
        f"- code: {_code_line(code_at_start)}\n{facts}\n"
        f"- Argon2id: {kdf.memory_kib} KiB, {kdf.iterations} passes, {kdf.lanes} lanes\n"
        f"- samples per run: timeline {args.timeline_runs}, search {args.searches}, "
        f"saves {args.saves}; runs {len(runs)}; "
        f"wall time {seconds / 60:.1f} min\n"
        f"- load average (1, 5, 15 min): {load_at_start} at start, {load_average()} at end",
        table(runs, shared_process=args.in_process),
        details(runs),
    ]) + "\n"


def one_run(args: argparse.Namespace, workdir: Path, n: int) -> Run:
    """Import then use, each side in turn, from empty vaults."""
    results: dict[tuple[Side, str], Results] = {}
    for side in Side:
        shutil.rmtree(workdir / side.value, ignore_errors=True)
    for phase in PHASES:
        for side in Side:
            say(f"run {n}/{args.repeat}: {side}: {phase}")
            results[side, phase] = run_phase(args, workdir, side, phase)
    return ({**results[Side.ENCRYPTED, "import"], **results[Side.ENCRYPTED, "use"]},
            {**results[Side.PLAIN, "import"], **results[Side.PLAIN, "use"]})


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.phase:  # a child: one side, one phase, results to a JSON file
        child = PHASES[args.phase](Side(args.side), plan_of(args, args.workdir))
        args.result.write_text(json.dumps(child))
        return 0
    started = time.perf_counter()
    load_at_start, code_at_start = load_average(), code_version()
    workdir = Path(tempfile.mkdtemp(prefix="aj-bench-", dir=args.workdir_root))
    try:
        say(f"building {args.clients} x {args.entries_per_client} entries in {workdir}")
        plan_of(args, workdir).document.write_bytes(
            make_corpus(args.clients, args.entries_per_client).document_bytes())
        runs = [one_run(args, workdir, n) for n in range(1, args.repeat + 1)]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(render(args, argv, runs, time.perf_counter() - started, load_at_start,
                 code_at_start), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
