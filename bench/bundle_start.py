"""Cold start of the frozen app: launch to the unlock dialog on a real X server (Xvfb).

    python -m bench.bundle_start [dist/alliance-journal/alliance-journal] [--runs 5]

Makes a demo vault with the bundle itself, then starts the bundle on it `runs` times
and measures from the launch to the moment the window titled "Unlock your journal" is
mapped (`xdotool search --onlyvisible`, polled every 5 ms). The first run is reported on
its own (the bundle's files may not be in the page cache yet), then the median. Needs
Xvfb, xdotool and xdpyinfo (Debian: xvfb, xdotool, x11-utils); starts its own Xvfb when DISPLAY is unset.
Also prints the bundle's size on disk. Figures go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TITLE = "Unlock your journal"
PASSPHRASE = "quiet-harbour-lantern-47"


def size_on_disk(folder: Path) -> int:
    return sum(p.lstat().st_blocks * 512 for p in folder.rglob("*"))


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a running process (Linux /proc), load-independent."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def time_to_dialog(bundle: Path, vault: Path, env: dict[str, str],
                   timeout: float = 30) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the app) from launch to the mapped unlock dialog."""
    started = time.perf_counter()
    app = subprocess.Popen([str(bundle), "--vault", str(vault)], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while time.perf_counter() - started < timeout and app.poll() is None:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", TITLE],
                                   env=env, capture_output=True, check=False)
            if found.returncode == 0 and found.stdout.strip():
                return time.perf_counter() - started, cpu_seconds(app.pid)
            time.sleep(0.005)
        app.kill()
        raise TimeoutError(f"the unlock dialog did not show: {app.communicate()[1][-400:]!r}")
    finally:
        app.kill()
        app.wait()


def start_xvfb(env: dict[str, str]) -> subprocess.Popen[bytes]:
    """A private Xvfb on a display number nobody else uses; sets env["DISPLAY"].

    Another session's X server may hold a number without a lock file this process can
    see (abstract sockets are shared), so a server that exits at once is tried again.
    """
    for number in random.sample(range(140, 900), 20):
        if Path(f"/tmp/.X{number}-lock").exists() or Path(f"/tmp/.X11-unix/X{number}").exists():
            continue
        xvfb = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        env["DISPLAY"] = f":{number}"
        while xvfb.poll() is None and subprocess.run(["xdpyinfo"], env=env, capture_output=True,
                                                     check=False).returncode != 0:
            time.sleep(0.05)
        time.sleep(0.3)
        if xvfb.poll() is None:
            return xvfb
    raise RuntimeError("no X display number was free")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.bundle_start")
    parser.add_argument("bundle", nargs="?", type=Path,
                        default=Path("dist/alliance-journal/alliance-journal"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    bundle = args.bundle.resolve()
    print(f"bundle size on disk: {size_on_disk(bundle.parent) / 1e6:.0f} MB ({bundle.parent})")
    env = {**os.environ, "ALLIANCE_JOURNAL_PASSPHRASE": PASSPHRASE, "QT_QPA_PLATFORM": "xcb"}
    xvfb = None
    if "DISPLAY" not in os.environ:
        xvfb = start_xvfb(env)
    try:
        with tempfile.TemporaryDirectory(prefix="aj-bundle-start-") as tmp:
            env["HOME"] = tmp
            env["XDG_CONFIG_HOME"] = env["XDG_DATA_HOME"] = tmp
            vault = Path(tmp) / "demo"
            subprocess.run([str(bundle), "demo", "--vault", str(vault)], env=env, check=True,
                           capture_output=True)
            times: list[tuple[float, float]] = []
            retried = 0
            while len(times) < args.runs:
                try:
                    times.append(time_to_dialog(bundle, vault, env))
                except TimeoutError as failed:  # Xvfb refused the app's connection: try again
                    retried += 1
                    if retried > args.runs:
                        raise failed

    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()
    walls, cpus = [t[0] for t in times], [t[1] for t in times]
    print(f"launch to unlock dialog: first {walls[0]:.2f} s, median of {len(walls)} "
          f"{statistics.median(walls):.2f} s (min {min(walls):.2f}, max {max(walls):.2f}); "
          f"CPU time of the app: median {statistics.median(cpus):.2f} s "
          f"(min {min(cpus):.2f}, max {max(cpus):.2f}); load average {os.getloadavg()[0]:.2f}; "
          f"launches retried: {retried}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
