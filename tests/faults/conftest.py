"""Fault-injection fixtures: the fork server for kill -9 trials, soak sizing, tiny disks."""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import NEW_PASSPHRASE, PASSPHRASE, REPO

SOAK = os.environ.get("ALLIANCE_JOURNAL_SOAK") == "1"
soak_only = pytest.mark.skipif(not SOAK, reason="long soak: run with `make soak`")


class ForkServer:
    """Talks to tests/faults/crash_child.py over pipes, with timeouts on every read."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        self.proc = proc
        self.live: int | None = None
        self._lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()
        assert self.line(timeout=60) == "server ready"

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            self._lines.put(raw.decode(errors="replace").rstrip("\n"))
        self._lines.put("<eof>")

    def line(self, timeout: float = 30) -> str:
        try:
            return self._lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError("the fork server stopped answering") from None

    def start(self, *args: str) -> int:
        assert self.proc.stdin is not None
        self.proc.stdin.write(("\t".join(args) + "\n").encode())
        self.proc.stdin.flush()
        first = self.line()
        assert first.startswith("child "), first
        self.live = int(first.split()[1])
        return self.live

    def wait_for(self, prefix: str, timeout: float = 30) -> list[str]:
        """Lines up to and including the first that starts with `prefix`."""
        seen = []
        while True:
            line = self.line(timeout)
            seen.append(line)
            assert line != "<eof>" and not line.startswith("crash "), seen
            if line == f"reaped {self.live}":
                self.live = None  # never signal a pid that may have been reused
            if line.startswith(prefix):
                return seen

    def kill(self, pid: int) -> list[str]:
        """kill -9 the child; returns every line it wrote (the server reaps it)."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        return self.wait_for(f"reaped {pid}")

    def close(self) -> None:
        """Stop the server, and a child a failed test left running."""
        if self.live is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.live, signal.SIGKILL)
        if self.proc.stdin:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.proc.stdout:
            self.proc.stdout.close()


@pytest.fixture(scope="session")
def fork_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ForkServer]:
    home = tmp_path_factory.mktemp("fork-home")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ALLIANCE_JOURNAL_")}
    env.update({"ALLIANCE_JOURNAL_PASSPHRASE": PASSPHRASE, "PYTHONPATH": str(REPO),
                "ALLIANCE_JOURNAL_OTHER_PASSPHRASE": NEW_PASSPHRASE,
                "TMPDIR": str(home), "XDG_DATA_HOME": str(home / "data"),
                "XDG_CONFIG_HOME": str(home / "config"), "PYTHONDONTWRITEBYTECODE": "1"})
    proc = subprocess.Popen([sys.executable, "-m", "tests.faults.crash_child"], cwd=REPO, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    server = ForkServer(proc)
    yield server
    server.close()


def leftovers(*folders: Path) -> list[str]:
    """Temp files and folders of ours still lying around."""
    found = []
    for folder in folders:
        if folder.exists():
            found += [p.name for p in folder.iterdir()
                      if p.name.endswith(".tmp") or ("alliance-journal-" in p.name and p.is_dir())]
    return found
