"""Child process of the start-up benchmark: launch the app, stop at the first painted dialog.

Run as a script (`python bench/paint_probe.py VAULT_DIR [--bare]`) so that nothing but
the interpreter is loaded before the real entry point (`launcher.main`) starts. At the
first paint of a dialog it prints one JSON line (process CPU time so far, what heavy
modules are loaded) and exits at once. `--bare` paints a plain PySide6 dialog with the
same widgets instead: the floor any Qt app pays.
"""

import json
import os
import sys

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "keyring")


class FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QDialog):
            times = os.times()
            print(json.dumps({"cpu_s": times.user + times.system, "dialog": type(watched).__name__,
                              "heavy": [m for m in HEAVY if m in sys.modules]}), flush=True)
            os._exit(0)
        return False


def bare_dialog() -> QDialog:
    dialog = QDialog()
    layout = QVBoxLayout(dialog)
    for widget in (QLabel("Enter your passphrase"), QLabel("Journal folder"), QLabel("Passphrase"),
                   QLineEdit(), QCheckBox("Remember on this computer"), QPushButton("Use recovery key")):
        layout.addWidget(widget)
    layout.addWidget(QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel))
    dialog.resize(480, 290)
    return dialog


def main() -> None:
    app = QApplication(sys.argv[:1])
    watcher = FirstPaint()
    app.installEventFilter(watcher)
    if "--bare" in sys.argv:
        dialog = bare_dialog()
        dialog.show()
        app.exec()
        return
    from alliance_journal.launcher import main as launch

    launch(["--vault", sys.argv[1]])


if __name__ == "__main__":
    main()
