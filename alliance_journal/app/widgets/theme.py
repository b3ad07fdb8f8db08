"""Calm colours: the platform's own look, or a quiet light or dark palette on Fusion.

One accent colour (a muted teal) marks selection and focus; everything else stays in
warm greys, because the app is read at the end of long clinical days. Entry kinds get
muted colours of middling lightness so the same dot reads on light and dark bases.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from alliance_journal.domain.kinds import EntryKind

MODES: Final = ("system", "light", "dark")
_SYSTEM_STYLE_PROPERTY = "allianceJournalSystemStyle"

#: A muted colour per entry kind, for the timeline delegate's marker and the kind filter.
KIND_COLOURS: Final[dict[EntryKind, str]] = {
    EntryKind.SESSION: "#5b8fa8",
    EntryKind.COUNTERTRANSFERENCE: "#b07a5a",
    EntryKind.TRANSFERENCE: "#8a74a8",
    EntryKind.ALLIANCE: "#5f9a72",
    EntryKind.CONTAINER: "#b59a4e",
    EntryKind.LIMIT: "#a8636b",
    EntryKind.INTAKE: "#6f8790",
    EntryKind.REFLECTION: "#7d8f5c",
}

_R = QPalette.ColorRole
_LIGHT: Final[dict[QPalette.ColorRole, str]] = {
    _R.Window: "#f5f3ef", _R.WindowText: "#2e3236", _R.Base: "#fdfcfa",
    _R.AlternateBase: "#f0ede8", _R.Text: "#2e3236", _R.PlaceholderText: "#8a8f94",
    _R.Button: "#ebe8e3", _R.ButtonText: "#2e3236", _R.BrightText: "#ffffff",
    _R.Highlight: "#3d7a78", _R.HighlightedText: "#ffffff", _R.Link: "#2f6c80",
    _R.LinkVisited: "#5a6b8c", _R.ToolTipBase: "#fffdf7", _R.ToolTipText: "#2e3236",
    _R.Light: "#ffffff", _R.Midlight: "#e4e0da", _R.Mid: "#c9c4bc", _R.Dark: "#a39d94",
    _R.Shadow: "#6b665f", _R.Accent: "#3d7a78",
}
_DARK: Final[dict[QPalette.ColorRole, str]] = {
    _R.Window: "#25282c", _R.WindowText: "#e4e1dc", _R.Base: "#1d2023",
    _R.AlternateBase: "#2a2e32", _R.Text: "#e4e1dc", _R.PlaceholderText: "#80868c",
    _R.Button: "#30343a", _R.ButtonText: "#e4e1dc", _R.BrightText: "#ffffff",
    _R.Highlight: "#5f9e9b", _R.HighlightedText: "#101314", _R.Link: "#7fb8c9",
    _R.LinkVisited: "#a3a9d0", _R.ToolTipBase: "#30343a", _R.ToolTipText: "#e4e1dc",
    _R.Light: "#454a50", _R.Midlight: "#3a3f45", _R.Mid: "#2f3338", _R.Dark: "#1a1c1f",
    _R.Shadow: "#0e0f10", _R.Accent: "#5f9e9b",
}
_DISABLED: Final[dict[str, str]] = {"light": "#a0a4a8", "dark": "#6c7278"}
_ERROR: Final[dict[str, str]] = {"light": "#b5483b", "dark": "#e07b6e"}
_OK: Final[dict[str, str]] = {"light": "#3f7d52", "dark": "#7fbf8f"}
#: (background, text) of matched search words: a soft marker that keeps its own dark (or
#: light) ink, so it reads the same on a plain row and on a selected one.
_MATCH: Final[dict[str, tuple[str, str]]] = {"light": ("#f3e3a6", "#2b2b2b"),
                                             "dark": ("#7a6630", "#fbf6e6")}


def palette_for(mode: str) -> QPalette:
    """The light or dark palette (every role set, disabled text dimmed)."""
    colours = _DARK if mode == "dark" else _LIGHT
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    dim = QColor(_DISABLED["dark" if mode == "dark" else "light"])
    for role in (_R.WindowText, _R.Text, _R.ButtonText, _R.HighlightedText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, dim)
    return palette


def apply_theme(app: QApplication, mode: str) -> None:
    """Switch the whole application at once; unknown modes fall back to `system`."""
    if mode not in MODES:
        mode = "system"
    if app.property(_SYSTEM_STYLE_PROPERTY) is None:
        app.setProperty(_SYSTEM_STYLE_PROPERTY, app.style().name())
    hints = app.styleHints()
    if mode == "system":
        app.setStyle(str(app.property(_SYSTEM_STYLE_PROPERTY)))
        app.setPalette(QPalette())  # an empty palette resolves to the platform's own
        if hasattr(hints, "unsetColorScheme"):
            hints.unsetColorScheme()
        return
    app.setStyle("Fusion")
    app.setPalette(palette_for(mode))
    if hasattr(hints, "setColorScheme"):
        hints.setColorScheme(Qt.ColorScheme.Dark if mode == "dark" else Qt.ColorScheme.Light)


def is_dark(widget: QWidget | None = None) -> bool:
    """Whether the current palette is a dark one (window darker than mid-grey)."""
    palette = widget.palette() if widget is not None else QApplication.palette()
    return palette.color(_R.Window).lightness() < 128


def error_colour(widget: QWidget | None = None) -> QColor:
    """A muted red that reads on the current background (wrong passphrase, weak meter)."""
    return QColor(_ERROR["dark" if is_dark(widget) else "light"])


def ok_colour(widget: QWidget | None = None) -> QColor:
    return QColor(_OK["dark" if is_dark(widget) else "light"])


def match_colours(palette: QPalette) -> tuple[str, str]:
    """(background, text) for matched words on rows painted with `palette` (live theme)."""
    return _MATCH["dark" if palette.color(_R.Base).lightness() < 128 else "light"]


def accent_colour(widget: QWidget | None = None) -> QColor:
    return QColor((_DARK if is_dark(widget) else _LIGHT)[_R.Accent])


def kind_colour(kind: EntryKind) -> QColor:
    return QColor(KIND_COLOURS[kind])
