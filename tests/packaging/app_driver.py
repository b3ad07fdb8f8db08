"""Runs alliance-journal in a child process the way the packaging tests need it.

    python app_driver.py [--no-network] [--open-socket] [--until-unlock-dialog] -- ARGS [-- ARGS]...

--no-network         an audit hook ends the process (exit 97) on any socket of family
                     AF_INET/AF_INET6, any socket.connect and any socket.getaddrinfo; it
                     ends the process rather than raise, so no `except` can hide the attempt
--open-socket        opens a TCP socket first (shows that the hook fires)
--until-unlock-dialog  starts the window (offscreen) and exits 0 once the unlock dialog shows

Several commands (each `-- ARGS`) run one after the other in this one process; the first
that fails ends it with its exit code, after a line naming it on stderr.

It imports nothing of the app before the hook is in place, and it adds no folder of the
source tree to sys.path (its own folder is tests/packaging/), so the wheel test can run it
against an installed wheel alone.
"""

from __future__ import annotations

import os
import socket
import sys

EXIT_NETWORK = 97
NETWORK_FAMILIES = {socket.AF_INET, socket.AF_INET6, -1}  # -1: socket()'s default, AF_INET


def refuse_network(event: str, args: tuple[object, ...]) -> None:
    refused = (event == "socket.__new__" and args[1] in NETWORK_FAMILIES) or event in (
        "socket.connect", "socket.getaddrinfo")
    if refused:
        os.write(2, f"network use refused: {event} {args[1:3]!r}\n".encode())
        os._exit(EXIT_NETWORK)


def until_unlock_dialog(args: list[str]) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])

    def look() -> None:
        for widget in app.topLevelWidgets():
            if widget.isVisible() and type(widget).__name__ == "UnlockDialog":
                print(f"unlock dialog shown: {widget.windowTitle()}", flush=True)
                os._exit(0)
        QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)
    from alliance_journal.launcher import main

    main(args)
    return 1  # the dialog never showed


def run_commands(commands: list[list[str]]) -> int:
    from alliance_journal.launcher import main as launch

    for args in commands:
        try:
            code = launch(args)
        except SystemExit as exc:  # --help and --version end in argparse's exit
            code = exc.code if isinstance(exc.code, int) else 1
        if code != 0:
            print(f"app_driver: {' '.join(args)} exited {code}", file=sys.stderr)
            return code
    return 0


def main(argv: list[str]) -> int:
    split = argv.index("--") if "--" in argv else len(argv)
    options, commands = set(argv[:split]), [[]]  # type: ignore[var-annotated]
    for arg in argv[split + 1 :]:
        if arg == "--":
            commands.append([])
        else:
            commands[-1].append(arg)
    if "--no-network" in options:
        sys.addaudithook(refuse_network)
    if "--open-socket" in options:
        socket.socket(socket.AF_INET, socket.SOCK_STREAM).close()
    if "--until-unlock-dialog" in options:
        return until_unlock_dialog(commands[0])
    return run_commands(commands)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
