"""Cold start of the frozen app: launch to the unlock dialog on a real X server (Xvfb).

    python -m bench.bundle_start [dist/alliance-journal/alliance-journal] [--runs 5]

Makes a demo vault with the bundle itself, then starts the bundle on it `runs` times
and measures from the launch to the moment the window titled "Unlock your journal" is
mapped (`xdotool search --onlyvisible`, polled every 5 ms). The first run is reported on
its own (the bundle's files may not be in the page cache yet), then the median. Needs
Xvfb and xdotool (Debian: xvfb, xdotool); starts its own Xvfb when DISPLAY is unset.
Also prints the bundle's size on disk. Figures go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
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


def time_to_dialog(bundle: Path, vault: Path, env: dict[str, str], timeout: float = 30) -> float:
    started = time.perf_counter()
    app = subprocess.Popen([str(bundle), "--vault", str(vault)], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while time.perf_counter() - started < timeout:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", TITLE],
                                   env=env, capture_output=True, check=False)
            if found.returncode == 0 and found.stdout.strip():
                return time.perf_counter() - started
            time.sleep(0.005)
        app.kill()
        raise TimeoutError(f"the unlock dialog did not show: {app.communicate()[1][-400:]!r}")
    finally:
        app.kill()
        app.wait()


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
    if "DISPLAY" not in os.environ:  # a private Xvfb on the first free display number
        read_end, write_end = os.pipe()
        xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24",
                                 "-nolisten", "tcp"], pass_fds=(write_end,),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write_end)
        with os.fdopen(read_end) as display:
            env["DISPLAY"] = f":{display.readline().strip()}"
    try:
        with tempfile.TemporaryDirectory(prefix="aj-bundle-start-") as tmp:
            env["HOME"] = tmp
            env["XDG_CONFIG_HOME"] = env["XDG_DATA_HOME"] = tmp
            vault = Path(tmp) / "demo"
            subprocess.run([str(bundle), "demo", "--vault", str(vault)], env=env, check=True,
                           capture_output=True)
            times = [time_to_dialog(bundle, vault, env) for _ in range(args.runs)]
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()
    print(f"launch to unlock dialog: first {times[0]:.2f} s, median of {len(times)} "
          f"{statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
