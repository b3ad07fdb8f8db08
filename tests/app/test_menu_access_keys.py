"""No two items of one menu (nor two menus of the bar) share an access key."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QMenu

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


def access_key(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def clashes(texts: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    clashing = []
    for text in texts:
        key = access_key(text)
        if key is None:
            continue
        if key in seen:
            clashing.append(f"{seen[key]!r} and {text!r} share {key!r}")
        seen[key] = text
    return clashing


def test_access_keys_are_unique_in_every_menu(main_window):
    bar = main_window.menuBar()
    menus = [a.menu() for a in bar.actions() if isinstance(a.menu(), QMenu)]
    assert clashes([a.text() for a in bar.actions()]) == []
    todo = list(menus)
    while todo:
        menu = todo.pop()
        menu.aboutToShow.emit()  # menus filled on opening (recent journals) fill now
        texts = [a.text() for a in menu.actions() if not a.isSeparator()]
        assert clashes(texts) == [], menu.title()
        todo.extend(a.menu() for a in menu.actions() if isinstance(a.menu(), QMenu))


def test_the_check_itself_sees_a_clash():
    assert clashes(["&Find…", "&Finalise entry…"]) != []
    assert clashes(["&Find…", "Fi&nalise entry…"]) == []
