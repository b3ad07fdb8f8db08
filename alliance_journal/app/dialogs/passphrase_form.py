"""Choosing a new passphrase: two fields, a strength meter and advice from zxcvbn.

The services refuse anything shorter than `MIN_PASSPHRASE_CHARS`; on top of that the
GUI refuses what zxcvbn scores below `MIN_SCORE` (of 0-4) and says why, in zxcvbn's
own words, so the user learns what to change rather than meeting a bare "too weak".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)
from zxcvbn import zxcvbn

from alliance_journal.app.widgets.theme import accent_colour, error_colour, ok_colour
from alliance_journal.services.passphrase_policy import MIN_PASSPHRASE_CHARS

MIN_SCORE: Final = 3
#: zxcvbn refuses longer input; anything this long is not the weak part anyway.
ZXCVBN_MAX_CHARS: Final = 72
#: Words of this app a guesser would try first.
APP_WORDS: Final = ["alliance", "journal", "therapy", "therapist", "client", "vault", "notes"]
_WORDS: Final = ("Very weak", "Weak", "Fair", "Strong", "Very strong")
ADVICE = "Four or five unrelated words are easy to remember and hard to guess."


@dataclass(frozen=True, slots=True)
class Strength:
    score: int
    warning: str
    suggestions: tuple[str, ...]
    crack_time: str

    @property
    def word(self) -> str:
        return _WORDS[self.score]

    def advice(self) -> str:
        """zxcvbn's warning and suggestions as one short paragraph."""
        parts = [self.warning] if self.warning else []
        parts.extend(self.suggestions)
        return " ".join(p if p.endswith(".") else p + "." for p in parts)


def assess(passphrase: str) -> Strength:
    """zxcvbn's score (0-4), feedback, and guessing time at Argon2-like speed."""
    if not passphrase:
        return Strength(0, "", (), "")
    result = zxcvbn(passphrase[:ZXCVBN_MAX_CHARS], user_inputs=APP_WORDS)
    feedback = result.get("feedback") or {}
    return Strength(
        score=int(result["score"]),
        warning=str(feedback.get("warning") or ""),
        suggestions=tuple(str(s) for s in feedback.get("suggestions") or ()),
        crack_time=str(result["crack_times_display"]["offline_slow_hashing_1e4_per_second"]),
    )


def strength_line(strength: Strength) -> str:
    """e.g. "Fair — about 3 days to guess"; never "about less than a second"."""
    time = strength.crack_time
    if not time:
        return strength.word
    if time.startswith("less than"):
        return f"{strength.word} — guessed in {time}"
    if time == "centuries":
        return f"{strength.word} — would take centuries to guess"
    return f"{strength.word} — about {time} to guess"


def passphrase_problem(passphrase: str, confirmation: str) -> str | None:
    """Why this passphrase is refused, in one or two sentences; None when it is fine."""
    if not passphrase:
        return "Enter a passphrase."
    if len(passphrase) < MIN_PASSPHRASE_CHARS:
        return f"Use at least {MIN_PASSPHRASE_CHARS} characters."
    strength = assess(passphrase)
    if strength.score < MIN_SCORE:
        advice = strength.advice() or "Add another word or two."
        return f"This passphrase is too easy to guess. {advice}"
    if confirmation != passphrase:
        return "The two passphrases do not match."
    return None


class NewPassphraseForm(QWidget):
    """Passphrase, confirmation, meter and advice; `problem()` says what still blocks."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName("New passphrase")
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit.setAccessibleName("Repeat the passphrase")
        self.show_check = QCheckBox("Show passphrase")
        self.show_check.toggled.connect(self._show_text)
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.meter.setFixedHeight(6)
        self.meter.setAccessibleName("Passphrase strength")
        self.strength_label = QLabel(" ")
        self.feedback_label = QLabel(ADVICE)
        self.feedback_label.setWordWrap(True)
        self.feedback_label.setTextFormat(Qt.TextFormat.PlainText)

        form = QFormLayout()
        form.addRow("New passphrase", self.passphrase_edit)
        form.addRow("Repeat it", self.confirm_edit)
        form.addRow("", self.show_check)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.meter)
        layout.addWidget(self.strength_label)
        layout.addWidget(self.feedback_label)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(120)
        self._debounce.timeout.connect(self.refresh)
        self.passphrase_edit.textChanged.connect(self._debounce.start)
        self.confirm_edit.textChanged.connect(self.changed)
        self.refresh()

    def passphrase(self) -> str:
        return self.passphrase_edit.text()

    def problem(self) -> str | None:
        return passphrase_problem(self.passphrase_edit.text(), self.confirm_edit.text())

    def hide_advice(self) -> None:
        """The dialog is showing the reason for a refusal; don't say it twice."""
        self.feedback_label.hide()

    def clear(self) -> None:
        """Forget what was typed (as far as Qt lets us) once it has been used."""
        self.passphrase_edit.clear()
        self.confirm_edit.clear()

    def refresh(self) -> None:
        """Re-score now (normally 120 ms after the last key press)."""
        self._debounce.stop()
        self.feedback_label.show()
        text = self.passphrase_edit.text()
        strength = assess(text)
        self.meter.setValue(strength.score if text else 0)
        colour = (error_colour(self) if strength.score < MIN_SCORE
                  else accent_colour(self) if strength.score == MIN_SCORE else ok_colour(self))
        palette = self.meter.palette()
        palette.setColor(QPalette.ColorRole.Highlight, colour)
        self.meter.setPalette(palette)
        if not text:
            self.strength_label.setText(" ")
            self.feedback_label.setText(ADVICE)
        elif len(text) < MIN_PASSPHRASE_CHARS:
            self.strength_label.setText("Too short")
            self.feedback_label.setText(f"Use at least {MIN_PASSPHRASE_CHARS} characters. {ADVICE}")
        else:
            self.strength_label.setText(strength_line(strength))
            self.feedback_label.setText(strength.advice() if strength.score < MIN_SCORE
                                        else strength.advice() or "Good choice.")
        self.changed.emit()

    def _show_text(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.passphrase_edit.setEchoMode(mode)
        self.confirm_edit.setEchoMode(mode)
