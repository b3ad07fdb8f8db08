"""The Qt binding itself: defects in it that would crash the app are caught here first."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QLabel

pytestmark = pytest.mark.gui


def test_qt_calls_keep_references_to_none_balanced(qtbot) -> None:  # type: ignore[no-untyped-def]
    """PySide6 6.12.0 lost one reference to None per void call: a long scroll aborted the app."""
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2_000):
        label.setText("x")
    assert sys.getrefcount(None) >= before - 100
