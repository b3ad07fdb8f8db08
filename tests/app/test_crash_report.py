"""Uncaught exceptions are reported by type and place, never with their message."""

from __future__ import annotations

import sys
import threading

import pytest
from pydantic import BaseModel, ValidationError

from alliance_journal.app.runtime import crash_report

SECRET = "she said her brother hit her"


class _Note(BaseModel):
    intensity: int


def _validation_error() -> ValidationError:
    try:
        _Note(intensity=SECRET)  # type: ignore[arg-type]
    except ValidationError as exc:
        return exc
    raise AssertionError("no error")


def test_hook_prints_type_and_place_only(monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("ALLIANCE_JOURNAL_DEBUG", raising=False)
    crash_report.install()
    exc = _validation_error()
    assert SECRET in str(exc)  # the danger is real: pydantic quotes the input
    sys.excepthook(type(exc), exc, exc.__traceback__)
    err = capsys.readouterr().err
    assert "internal error: ValidationError at " in err and ".py:" in err
    assert SECRET not in err and "input_value" not in err


def test_thread_hook_prints_type_and_place_only(monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("ALLIANCE_JOURNAL_DEBUG", raising=False)
    crash_report.install()
    exc = _validation_error()
    threading.excepthook(threading.ExceptHookArgs((type(exc), exc, exc.__traceback__, None)))
    err = capsys.readouterr().err
    assert "ValidationError" in err and SECRET not in err


def test_debug_keeps_full_tracebacks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALLIANCE_JOURNAL_DEBUG", "1")
    before = sys.excepthook
    crash_report.install()
    assert sys.excepthook is before
