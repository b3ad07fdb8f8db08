"""What a salvage copied and what it could not read, in one dialog that offers the new journal.

Counts only, never a word of a note or a client's name: the dialog is about the file,
not its content. Table names are said in the user's words; the journal's lesser records
(settings, own prompts, nudge states...) are counted together.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from alliance_journal.app.widgets.formatting import count_text, short_path
from alliance_journal.services.salvage import SalvageReport

TITLE = "Salvage"
OPEN_BUTTON = "Open the salvaged journal"
#: The tables a user knows by name, as (one, many).
NAMED = {"entry": ("entry", "entries"), "client": ("client", "clients"),
         "entry_version": ("earlier version of an entry", "earlier versions of entries")}
OTHER = ("setting or other record", "settings and other records")


def _counted(count: int, words: tuple[str, str]) -> str:
    return count_text(count, *words)


def _in_words(counts: dict[str, int]) -> str:
    """e.g. "43 entries, 1 client, 9 other records (…)"; zero counts are left out."""
    parts = [_counted(counts[t], words) for t, words in NAMED.items() if counts.get(t)]
    other = sum(n for t, n in counts.items() if t not in NAMED)
    if other:
        parts.append(_counted(other, OTHER))
    return ", ".join(parts) if parts else "nothing"


def report_text(report: SalvageReport) -> str:
    """What happened, what is kept, the next step."""
    lines = ["What could still be read has been copied into a new journal:", short_path(report.folder),
             "It opens with the same passphrase and recovery key.", "",
             f"Copied: {_in_words(report.copied)}."]
    if report.complete:
        lines.append("Everything could be read.")
    else:
        if any(report.unreadable.values()):
            lines.append(f"Could not be read: {_in_words(report.unreadable)}.")
        if any(report.orphans.values()):
            lines.append(f"Not kept (what they belong to could not be read): "
                         f"{_in_words(report.orphans)}.")
    if report.placeholder_clients:
        lines.append(f"{_counted(report.placeholder_clients, ('placeholder client', 'placeholder clients'))}"
                     " (named recovered-…) hold entries whose client record could not be read.")
    lines += ["", "The damaged journal is kept exactly as it was. Next: open the salvaged journal, "
              "look through it, and make a backup of it."]
    return "\n".join(lines)


def make_salvage_report(report: SalvageReport, parent: QWidget | None) -> tuple[QMessageBox, QPushButton]:
    """The dialog (not shown yet) and its main button, which opens the salvaged journal.

    Enter opens it; Escape (Close) leaves the window on the damaged journal."""
    icon = QMessageBox.Icon.Information if report.complete else QMessageBox.Icon.Warning
    box = QMessageBox(icon, TITLE, report_text(report), QMessageBox.StandardButton.Close, parent)
    box.setObjectName("salvage_report")
    open_button = box.addButton(OPEN_BUTTON, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(open_button)
    box.setEscapeButton(QMessageBox.StandardButton.Close)
    return box, open_button
