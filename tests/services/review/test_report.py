"""The supervision report: its sections, its de-identification, its trash and history rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import Entry, EntryKind, default_fields
from alliance_journal.errors import InvalidInputError, OperationCancelledError
from alliance_journal.services.clients import save_client
from alliance_journal.services.entries import save_entry
from alliance_journal.services.review.basis import DateRange
from alliance_journal.services.review.deidentify import PLACEHOLDER
from alliance_journal.services.review.report import (
    ReportRequest,
    build_report,
    parse_day,
    parse_kinds,
    review_findings,
)
from alliance_journal.services.review.report_file import write_report
from alliance_journal.services.review.report_markdown import report_markdown
from alliance_journal.services.unlock import OpenVault
from tests.services.review import canary_vault
from tests.services.review.canary_vault import CANARIES, CODE, NAME_CANARY, NOTES_CANARY

TODAY = date(2026, 6, 30)


def _markdown(vault: OpenVault, **request: object) -> str:
    canary_vault.fill(vault, TODAY)
    options = {"client_code": CODE, "date_range": DateRange(), **request}
    return report_markdown(build_report(vault, ReportRequest(**options), TODAY))  # type: ignore[arg-type]


def test_deidentified_markdown_carries_no_canary(vault: OpenVault) -> None:
    text = _markdown(vault, deidentify=True)
    for canary in CANARIES:
        assert canary.lower() not in text.lower()
    assert "Ada" not in text
    assert PLACEHOLDER in text
    assert text.startswith(f"# Supervision report: {CODE}, the beginning to today\n")


def test_sections_in_order_then_entries_in_date_order(vault: OpenVault) -> None:
    text = _markdown(vault, deidentify=True)
    heads = [line for line in text.splitlines() if line.startswith("## ")]
    assert heads == ["## Transference by figure", "## Alliance", "## Countertransference",
                     "## Container", "## Entries"]
    days = [line[4:14] for line in text.splitlines() if line.startswith("### 20")]
    assert days == sorted(days) and len(days) == 16 + 6
    assert "To be seen (×2)" in text or "to be seen (×2)" in text
    assert "Withdrawal rupture on" in text and "repaired since" in text
    assert "not rated" in text  # bond, tasks and goals left empty on the first check
    assert "Attendance: 16 sessions recorded of" in text


def test_without_deidentify_the_name_shows_but_notes_and_trash_never_do(vault: OpenVault) -> None:
    text = _markdown(vault)
    assert NAME_CANARY in text.splitlines()[0]
    assert canary_vault.TRASH_CANARY not in text
    assert f"Works at the {NOTES_CANARY}" not in text


def test_kinds_choose_sections_and_entries(vault: OpenVault) -> None:
    last_85_days = DateRange(TODAY - timedelta(days=85), TODAY)
    text = _markdown(vault, kinds=(EntryKind.ALLIANCE,), date_range=last_85_days)
    heads = [line for line in text.splitlines() if line.startswith("## ")]
    assert heads == ["## Alliance", "## Entries"]
    assert text.count("· Alliance check") == 2


def test_findings_flag_the_name_and_note_words_before_export(vault: OpenVault) -> None:
    client = canary_vault.fill(vault, TODAY)
    found = review_findings(vault, client.id, DateRange(), tuple(EntryKind))
    words = {w.lower() for f in found for w in f.words}
    assert {NAME_CANARY.lower(), NOTES_CANARY.lower()} <= words
    assert {"response_of_other", "client_response", "evoked", "body"} <= {f.part for f in found}


def test_bad_kinds_dates_and_clients_are_one_clear_line(vault: OpenVault) -> None:
    with pytest.raises(InvalidInputError, match="unknown kind 'sesion'"):
        parse_kinds("session,sesion")
    assert parse_kinds("alliance, session,alliance") == (EntryKind.ALLIANCE, EntryKind.SESSION)
    with pytest.raises(InvalidInputError, match="--from must be a date"):
        parse_day("2026-13-01", "--from")
    with pytest.raises(InvalidInputError, match="no client with code 'Z-9'"):
        build_report(vault, ReportRequest("Z-9", DateRange()), TODAY)


def test_write_report_checks_the_suffix_and_leaves_no_file(vault: OpenVault, tmp_path) -> None:
    canary_vault.fill(vault, TODAY)
    report = build_report(vault, ReportRequest(CODE, DateRange(), deidentify=True), TODAY)
    for name in ("r.txt", "r.pdf"):
        with pytest.raises(InvalidInputError):
            write_report(report, tmp_path / name)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("r")) == []
    write_report(report, tmp_path / "r.md")
    assert (tmp_path / "r.md").read_text(encoding="utf-8") == report_markdown(report)
    assert oct((tmp_path / "r.md").stat().st_mode & 0o777) == "0o600"


def test_a_code_differing_only_in_case_is_another_client(vault: OpenVault) -> None:
    from alliance_journal.domain.clients import Client
    from alliance_journal.services.clients import save_client

    canary_vault.fill(vault, TODAY)
    save_client(vault, Client(code=CODE.lower(), name="Someone Else"))
    report = build_report(vault, ReportRequest(CODE.lower(), DateRange()), TODAY)
    assert report.client_label.startswith(CODE.lower()) and not report.entries
    assert build_report(vault, ReportRequest(CODE, DateRange()), TODAY).entries
    with pytest.raises(InvalidInputError, match="no client with code 'Z-404'"):
        build_report(vault, ReportRequest("Z-404", DateRange()), TODAY)


def test_findings_stop_at_the_first_cancel_check_that_says_yes(vault: OpenVault) -> None:
    client = canary_vault.fill(vault, TODAY)
    asked: list[int] = []

    def cancel_after_three() -> bool:
        asked.append(1)
        return len(asked) > 3

    with pytest.raises(OperationCancelledError):
        review_findings(vault, client.id, DateRange(), tuple(EntryKind), cancel=cancel_after_three)
    assert len(asked) == 4
    never = review_findings(vault, client.id, DateRange(), tuple(EntryKind), cancel=lambda: False)
    assert never == review_findings(vault, client.id, DateRange(), tuple(EntryKind))
    assert never  # the canaries are found when nobody cancels


def test_another_clients_name_in_a_note_is_flagged_and_taken_out(vault: OpenVault) -> None:
    client = canary_vault.fill(vault, TODAY)
    save_client(vault, Client(code="OT-1", name="Quillon Marsh", notes="Quiet kestrel"))
    save_entry(vault, Entry(client_id=client.id, kind=EntryKind.REFLECTION,
                            fields=default_fields(EntryKind.REFLECTION),
                            occurred_at=datetime(2026, 6, 1, tzinfo=UTC),
                            body="Like Quillon, she waits to be asked; a kestrel outside."))
    words = {w for f in review_findings(vault, client.id, DateRange(), tuple(EntryKind)) for w in f.words}
    assert "Quillon" in words and "kestrel" not in words
    text = report_markdown(build_report(vault, ReportRequest(CODE, DateRange(), tuple(EntryKind), True),
                                        TODAY))
    assert "Quillon" not in text and "a kestrel outside" in text
