"""Salvage what can be read: the window's way back from a damaged journal.

The same rules as `alliance-journal salvage`: the copy goes into a new, empty folder,
never the damaged journal's own folder (nor one inside it) and never a folder that holds
anything. `services.salvage` runs on a worker with a progress bar (by table) and Cancel;
it only reads the damaged journal, and builds the new one beside the target, renamed
into place when complete, so a salvage that fails or is cancelled leaves nothing. At
the end one dialog gives the counts and offers to open the salvaged journal.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from alliance_journal.app.dialogs.salvage_report import TITLE, make_salvage_report
from alliance_journal.app.operations.long_running import HasVault, LongOperations
from alliance_journal.app.runtime.workers import Cancelled, Progress, WorkerHandle
from alliance_journal.app.widgets.places import documents_folder, holds_anything
from alliance_journal.services.salvage import SalvageReport, salvage_vault
from alliance_journal.services.unlock import OpenVault

INSIDE = ("Choose a folder outside this journal's own folder: the damaged journal is kept "
          "exactly as it is, and the salvaged one needs a folder of its own.")
NOT_EMPTY = ("Choose a new, empty folder: the salvaged journal is never copied into a folder "
             "that already holds something.")


def refusal(damaged: Path, chosen: Path) -> str | None:
    """Why `chosen` cannot take the salvaged journal, or None when it can."""
    home, target = damaged.resolve(), chosen.resolve()
    if target == home or home in target.parents:
        return INSIDE
    if holds_anything(chosen):
        return NOT_EMPTY
    return None


class SalvageCommands(LongOperations):
    #: The user asked to open the salvaged journal in this folder.
    open_requested = Signal(object)
    #: A salvage finished: its report (counts only).
    salvaged = Signal(object)

    def __init__(self, window: QWidget, session: HasVault) -> None:
        super().__init__(window, session)
        #: The last report dialog (open, not blocking), for the tests and the screenshots.
        self.report_box: QMessageBox | None = None

    def salvage(self) -> None:
        """Ask for a new, empty folder, then copy what can be read into it."""
        vault = self._vault()
        if vault is None:
            return
        name = QFileDialog.getExistingDirectory(
            self._window, "Choose a new, empty folder for the salvaged journal",
            str(documents_folder()))
        if name:
            self.salvage_into(vault, Path(name))

    def salvage_into(self, vault: OpenVault, folder: Path) -> WorkerHandle | None:
        """Salvage `vault` into `folder` on a worker; None when the folder is refused."""
        problem = refusal(vault.paths.folder, folder)
        if problem is not None:
            self._error(problem, TITLE)
            return None

        def work(progress: Progress, cancelled: Cancelled) -> SalvageReport:
            return salvage_vault(vault, folder, cancel=cancelled, progress=progress)

        def done(report: SalvageReport) -> None:
            self.status_message.emit(f"Salvaged into {report.folder}")
            box, open_button = make_salvage_report(report, self._window)
            open_button.clicked.connect(lambda: self.open_requested.emit(report.folder))
            if self.report_box is not None:
                self.report_box.deleteLater()  # one report at a time
            self.report_box = box
            box.open()
            self.salvaged.emit(report)

        return self._run("Copying what can still be read into a new journal…", work, done,
                         title=TITLE)
