"""The first dialog paints before the database layer and the keychain are imported.

Run in a fresh interpreter through the real entry point (`launcher.main`): when the
unlock (or create) dialog first paints, `sqlalchemy`, `sqlmodel`, `pydantic` and
`keyring` are not in `sys.modules`; shortly after, the unlock dialog has loaded them
behind the painted window.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import NewVault

pytestmark = pytest.mark.gui

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "keyring")

_CHILD = """
import json, os, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog

HEAVY = {heavy!r}
app = QApplication(sys.argv[:1])
report = {{}}

def loaded():
    return sorted(m for m in HEAVY if m in sys.modules)

def finish():
    print("\\n" + json.dumps(report), flush=True)
    os._exit(0)

def later(waited=[0]):
    waited[0] += 1
    if set(loaded()) >= {{"sqlalchemy", "sqlmodel", "pydantic"}} or waited[0] > 200:
        report["after"] = loaded()
        finish()
    QTimer.singleShot(50, later)

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and isinstance(obj, QDialog) and not report:
            report.update(dialog=type(obj).__name__, at_paint=loaded())
            if not {wait_after!r}:
                finish()
            QTimer.singleShot(0, later)
        return False

watcher = FirstPaint()
app.installEventFilter(watcher)
from alliance_journal.launcher import main
main(["--vault", sys.argv[1]])
"""


def first_paint(folder: Path, tmp_path: Path, *, wait_after: bool) -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    script = _CHILD.format(heavy=HEAVY, wait_after=wait_after)
    proc = subprocess.run([sys.executable, "-c", script, str(folder)], capture_output=True,
                          text=True, env=env, cwd=tmp_path, timeout=120, check=False)
    assert proc.stdout.strip(), proc.stderr
    report: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return report


def test_the_unlock_dialog_paints_before_the_database_layer_loads(
        new_vault: NewVault, tmp_path: Path) -> None:
    new_vault.vault.close()
    report = first_paint(new_vault.folder, tmp_path, wait_after=True)
    assert report["dialog"] == "UnlockDialog"
    assert report["at_paint"] == []
    # ...and it loads them behind the painted dialog, while the user types.
    assert {"sqlalchemy", "sqlmodel", "pydantic"} <= set(report["after"])  # type: ignore[arg-type]


def test_the_create_dialog_paints_before_the_database_layer_loads(tmp_path: Path) -> None:
    report = first_paint(tmp_path / "new-vault", tmp_path, wait_after=False)
    assert report["dialog"] == "CreateVaultDialog"
    assert report["at_paint"] == []
