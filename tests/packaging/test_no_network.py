"""It never touches the network: every CLI verb and the window start, under an audit hook.

The hook (tests/packaging/app_driver.py) ends the child process on any AF_INET/AF_INET6
socket, any socket.connect and any socket.getaddrinfo. docs/security.md states the claim.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from alliance_journal.cli.main import build_parser
from tests.conftest import NEW_PASSPHRASE, PASSPHRASE

DRIVER = Path(__file__).with_name("app_driver.py")
EXIT_NETWORK = 97


def registered_verbs() -> set[str]:
    (verbs,) = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return set(verbs.choices)


def every_verb(tmp: Path) -> list[list[str]]:
    demo, empty, backup = str(tmp / "demo"), str(tmp / "empty"), str(tmp / "demo.ajbackup")
    return [
        ["--version"], ["--help"],
        ["--self-test"],  # before the PDF report, which starts a window-less Qt application
        ["init", "--vault", empty], ["demo", "--vault", demo],
        ["stats", "--vault", demo], ["stats", "--vault", demo, "--json"],
        ["search", "session", "--vault", demo], ["search", "session", "--vault", demo, "--json"],
        ["export", "--vault", demo, "--out", str(tmp / "demo.json")],
        ["import", str(tmp / "demo.json"), "--vault", empty],
        ["backup", "--vault", demo, "--to", backup], ["verify", backup],
        ["restore", backup, "--vault", str(tmp / "restored")],
        ["backups", "--vault", demo], ["backups", "--vault", demo, "--json"],
        ["prompts"], ["prompts", "--json"], ["prompts", "today", "--vault", demo],
        ["nudges", "--vault", demo], ["nudges", "--vault", demo, "--json"],
        ["check", "--vault", demo],
        ["report", "--vault", demo, "--client", "D-101", "--out", str(tmp / "report.md")],
        ["report", "--vault", demo, "--client", "D-102", "--out", str(tmp / "report.pdf")],
        ["salvage", "--vault", demo, "--out", str(tmp / "salvaged")],
        ["passwd", "--vault", empty],
    ]


def run_driver(tmp: Path, *options: str, commands: list[list[str]]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ALLIANCE_JOURNAL_")}
    env.update({"ALLIANCE_JOURNAL_PASSPHRASE": PASSPHRASE, "QT_QPA_PLATFORM": "offscreen",
                "ALLIANCE_JOURNAL_NEW_PASSPHRASE": NEW_PASSPHRASE, "TMPDIR": str(tmp)})
    args = [sys.executable, str(DRIVER), *options]
    for command in commands:
        args += ["--", *command]
    return subprocess.run(args, capture_output=True, text=True, env=env, cwd=tmp, timeout=240,
                          check=False)


def test_every_verb_and_the_window_start_use_no_network(tmp_path: Path) -> None:
    commands = every_verb(tmp_path)
    assert {c[0] for c in commands if not c[0].startswith("-")} == registered_verbs(), \
        "a verb was added or removed: list it in every_verb()"
    done = run_driver(tmp_path, "--no-network", commands=commands)
    assert done.returncode == 0, done.stderr
    assert "self-test passed" in done.stdout
    window = run_driver(tmp_path, "--no-network", "--until-unlock-dialog",
                        commands=[["--vault", str(tmp_path / "demo")]])
    assert window.returncode == 0, window.stderr
    assert window.stdout.startswith("unlock dialog shown")


def test_the_hook_ends_a_process_that_opens_a_socket(tmp_path: Path) -> None:
    done = run_driver(tmp_path, "--no-network", "--open-socket", commands=[["--version"]])
    assert done.returncode == EXIT_NETWORK
    assert "network use refused: socket.__new__" in done.stderr


def test_without_the_hook_the_same_socket_is_allowed(tmp_path: Path) -> None:
    done = run_driver(tmp_path, "--open-socket", commands=[["--version"]])
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("alliance-journal ")
