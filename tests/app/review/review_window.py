"""The main window as the review tests use it: shown, a client chosen, answers awaited."""

from __future__ import annotations

import uuid
from typing import Any


def shown_window(request: Any, qtbot: Any) -> Any:
    """The `main_window` fixture's window, large enough for the charts, on screen."""
    window = request.getfixturevalue("main_window")
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    return window


def select_client(window: Any, client_id: uuid.UUID | None) -> None:
    assert window.clients.select(client_id)
    window.show_client(client_id)


def settled(qtbot: Any, window: Any) -> None:
    """The tabs compute on a worker: wait for the answer to the latest choice."""
    qtbot.waitUntil(lambda: not window.review.busy, timeout=20_000)
