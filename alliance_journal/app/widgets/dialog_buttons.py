"""Enter presses a dialog's main action; Escape is its cancel (QDialog's own `reject`).

Qt makes the *first* auto-default push button the default when none was registered
while the button sat in its dialog, so a link-like "Use recovery key instead" or a
Cancel created first would answer Enter. `settle_main_button` is called at the end of a
dialog's `__init__`, once every button is parented, and fixes the order for good.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton


def settle_main_button(dialog: QDialog, main: QPushButton) -> None:
    """Make `main` the button Enter presses; buttons outside a button box never take it."""
    for button in dialog.findChildren(QPushButton):
        if button is not main and not isinstance(button.parent(), QDialogButtonBox):
            button.setAutoDefault(False)
    main.setAutoDefault(True)
    main.setDefault(False)  # setDefault(True) on a button already flagged default is a no-op,
    main.setDefault(True)   # and only a call made inside the dialog registers it there

