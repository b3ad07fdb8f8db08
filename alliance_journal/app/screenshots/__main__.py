"""`python -m alliance_journal.app.screenshots DIR`: every window and dialog as PNG files.

Renders offscreen from a demo vault (fictional clients only) made in a private temporary
folder; the folder, with the vault, its backups and settings, is deleted afterwards.
Sizes are fixed so the pictures change only when the interface does. `make screenshots`
runs this.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import qInstallMessageHandler

from alliance_journal.app.runtime.workers import wait_for_all
from alliance_journal.app.screenshots.dialogs import dialog_shots, make_backups
from alliance_journal.app.screenshots.help import help_shots
from alliance_journal.app.screenshots.import_preview import import_preview_shot
from alliance_journal.app.screenshots.shooter import PASSPHRASE, Shooter, isolate, quiet_offscreen_notes
from alliance_journal.services.unlock import create_vault


def run(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="aj-screenshots-") as name:
        tmp = Path(name)
        isolate(tmp)
        qInstallMessageHandler(quiet_offscreen_notes)
        from alliance_journal.app.screenshots.journal_shots import journal_shots
        from alliance_journal.app.screenshots.window import window_shots
        from alliance_journal.app.widgets.theme import apply_theme
        from alliance_journal.services.demo import fill_demo_vault

        shooter = Shooter(out, tmp)
        apply_theme(shooter.app, "light")
        vault, recovery_key = create_vault(shooter.folder, PASSPHRASE)
        shooter.adopt(vault)
        try:
            fill_demo_vault(vault, today=date.today())
            with shooter.shot("backup-files"):
                make_backups(vault)
            window_shots(shooter)
            journal_shots(shooter)
            import_preview_shot(shooter)
            from alliance_journal.app.screenshots.review import review_shots

            review_shots(shooter)
            dialog_shots(shooter, recovery_key)
            help_shots(shooter)
        finally:
            wait_for_all()
            for widget in shooter.app.topLevelWidgets():
                widget.close()
                widget.deleteLater()
            shooter.settle()
            shooter.close_vault()
    for path in shooter.saved:
        print(path)
    if shooter.failed:
        print(f"{len(shooter.failed)} screenshots failed: {', '.join(shooter.failed)}",
              file=sys.stderr)
    return 1 if shooter.failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    return run(Path(args[0] if args else "docs/screenshots"))


if __name__ == "__main__":
    raise SystemExit(main())
