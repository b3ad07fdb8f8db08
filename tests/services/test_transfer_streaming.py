"""Streamed export and import on real files and a real vault.

The export must be byte-identical to the whole document built in memory; the import
reads the file as it goes and inserts as it reads, yet stays all or nothing: a problem
after thousands of good entries (in the last client, in a `format` placed after the
arrays, a truncated file, a cancel) leaves the vault exactly as it was.
"""

from __future__ import annotations

import io
import json
import os
import stat
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from alliance_journal.domain import exchange
from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import Entry, EntryKind
from alliance_journal.domain.exchange import build_document, dump_document
from alliance_journal.errors import InvalidInputError, OperationCancelledError, StorageError
from alliance_journal.services import transfer
from alliance_journal.services.clients import all_clients, save_client
from alliance_journal.services.demo import fill_demo_vault
from alliance_journal.services.entries import all_entries, move_to_trash, save_entry, trash
from alliance_journal.services.search import WORD
from alliance_journal.services.stats import vault_stats
from alliance_journal.services.transfer import (
    export_to_file,
    export_to_stream,
    import_json,
    open_import_file,
)
from alliance_journal.services.unlock import OpenVault
from alliance_journal.vault.engine import search_rowid
from tests.conftest import export_json

TODAY = date(2026, 3, 18)
START = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
SECRET = "Clinical words that must never reach a message"


def in_memory_document(vault: OpenVault) -> bytes:
    """The export as it was built before streaming: the whole document in memory."""
    document = build_document(all_clients(vault), all_entries(vault, include_trash=True))
    return dump_document(document).encode("utf-8")


def caseload(clients: int, per_client: int, journal: int = 3) -> tuple[list[Client], list[Entry]]:
    """Clients with entries of every kind, a few journal entries and a trashed entry."""
    people = [Client(code=f"C-{n:03d}", name=f"Person {n}", started_on=date(2024, 1, 1 + n % 28))
              for n in range(clients)]
    kinds = list(EntryKind)
    entries: list[Entry] = []
    for n, client in enumerate(people):
        for k in range(per_client):
            when = START + timedelta(days=k, hours=n % 7)
            entries.append(Entry(client_id=client.id, kind=kinds[k % len(kinds)], occurred_at=when,
                                 body=f"Session {k} with lantern{n} — über the frame\nsecond line",
                                 tags=["frame"] if k % 3 else [],
                                 deleted_at=when + timedelta(days=1) if k == 5 else None))
    entries += [Entry(kind=EntryKind.REFLECTION, occurred_at=START + timedelta(days=j),
                      body=f"My own notes {j}") for j in range(journal)]
    return people, entries


def document_dict(clients: int, per_client: int, journal: int = 3) -> dict[str, Any]:
    return build_document(*caseload(clients, per_client, journal))


def write_json(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def snapshot(vault: OpenVault) -> tuple[int, int, int]:
    """Clients, entries and search-index rows: all must be unchanged after a refused import."""
    stats = vault_stats(vault)
    with vault.engine.connect() as conn:
        indexed = conn.execute(text("SELECT count(*) FROM entry_fts")).scalar_one()
    return stats.clients, stats.entries + stats.in_trash, int(indexed)


def matching(vault: OpenVault, word: str) -> set[str]:
    """The entries whose search-index row has `word` (the index is keyed by search_rowid)."""
    with vault.engine.connect() as conn:
        found = conn.execute(text("SELECT e.id FROM entry_fts JOIN entry e ON search_rowid(e.id) = "
                                  "entry_fts.rowid WHERE entry_fts MATCH :w"), {"w": word})
        return {row[0] for row in found}


def refused(vault: OpenVault, path: Path, match: str) -> str:
    before = snapshot(vault)
    with pytest.raises(InvalidInputError, match=match) as caught:
        import_json(vault, path)
    assert "\n" not in caught.value.message
    assert snapshot(vault) == before
    return caught.value.message


# --- export ------------------------------------------------------------------------------------


def test_streamed_export_is_the_in_memory_document_byte_for_byte(vault: OpenVault, tmp_path: Path) -> None:
    fill_demo_vault(vault, today=TODAY)
    people, entries = caseload(4, 9)
    for client in people:
        save_client(vault, client)
    for entry in entries:
        save_entry(vault, entry)
    move_to_trash(vault, entries[0].id)
    stats = vault_stats(vault)
    assert stats.clients >= 5 and stats.journal_entries >= 3 and len(trash(vault)) >= 2

    expected = in_memory_document(vault)
    target = tmp_path / "export.json"
    export_to_file(vault, target, include_trash=True)
    assert target.read_bytes() == expected
    streamed = io.BytesIO()
    export_to_stream(vault, streamed, include_trash=True)
    assert streamed.getvalue() == expected
    assert export_json(vault).encode("utf-8") == expected
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_of_an_empty_vault(vault: OpenVault) -> None:
    assert export_json(vault) == dump_document(build_document([], []))
    assert export_json(vault) == (
        '{\n  "format": "alliance-journal/1",\n  "clients": [],\n  "journal": []\n}\n')


def test_export_reports_clients_written(vault: OpenVault, tmp_path: Path) -> None:
    people, entries = caseload(3, 2, journal=1)
    import_json(vault, dump_document(build_document(people, entries)).encode())
    steps: list[tuple[int, int]] = []
    export_to_file(vault, tmp_path / "out.json", progress=lambda done, total: steps.append((done, total)))
    assert steps[-1] == (4, 4)
    assert [done for done, _ in steps] == sorted(done for done, _ in steps)


def test_cancelled_export_leaves_no_file_and_keeps_the_old_one(vault: OpenVault, tmp_path: Path) -> None:
    import_json(vault, dump_document(document_dict(3, 4)).encode())
    target = tmp_path / "export.json"
    target.write_text("the previous export")

    def cancel(done: int, total: int) -> None:
        if done == 2:
            raise OperationCancelledError("cancelled")

    with pytest.raises(OperationCancelledError):
        export_to_file(vault, target, progress=cancel)
    assert target.read_text() == "the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.json", "vault"]

    fresh = tmp_path / "fresh.json"
    with pytest.raises(OperationCancelledError):
        export_to_file(vault, fresh, progress=cancel)
    assert not fresh.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.json", "vault"]


def test_export_into_a_missing_folder_is_one_line(vault: OpenVault, tmp_path: Path) -> None:
    with pytest.raises(StorageError, match=r"^could not write .*export\.json: "):
        export_to_file(vault, tmp_path / "nowhere" / "export.json")


# --- import: success ---------------------------------------------------------------------------


def test_import_from_a_path_round_trips_and_keeps_the_index_in_step(vault: OpenVault, tmp_path: Path) -> None:
    people, entries = caseload(12, 50)  # more than one batch of inserts
    source = tmp_path / "in.json"
    source.write_text(dump_document(build_document(people, entries)), encoding="utf-8")
    steps: list[tuple[int, int]] = []
    counts = import_json(vault, source, progress=lambda done, total: steps.append((done, total)))
    assert counts == (12, len(entries))
    assert export_json(vault) == source.read_text(encoding="utf-8")

    size = source.stat().st_size
    assert steps[-1] == (size, size)
    assert all(total == size for _, total in steps)
    assert [done for done, _ in steps] == sorted(done for done, _ in steps)

    live = [e for e in entries if e.deleted_at is None]
    with vault.engine.connect() as conn:  # the index keeps no text (schema 6): rowids and words
        rowids = {int(r[0]) for r in conn.execute(text("SELECT rowid FROM entry_fts"))}
        assert rowids == {search_rowid(str(e.id)) for e in live} and len(live) < len(entries)
        for entry in live:  # indexed with the words `records.reindex_entry` would have given it
            last = WORD.findall(entry.searchable_text())[-1]
            found = conn.execute(text("SELECT rowid FROM entry_fts WHERE entry_fts MATCH :w"),
                                 {"w": f'"{last}"'})
            assert search_rowid(str(entry.id)) in {int(r[0]) for r in found}
    client = next(c for c in people if c.code == "C-007")
    assert matching(vault, "lantern7") == {str(e.id) for e in live if e.client_id == client.id}


def test_import_from_an_open_stream_and_from_a_pipe(vault: OpenVault, tmp_path: Path) -> None:
    data = dump_document(document_dict(2, 3)).encode()
    with open_import_file(write_json(tmp_path / "in.json", json.loads(data))) as stream:
        assert import_json(vault, stream, source="in.json") == (2, 9)

    read_end, write_end = os.pipe()
    other = dump_document(document_dict(1, 2, journal=0)).encode().replace(b"C-000", b"P-000")
    os.write(write_end, other)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        steps: list[tuple[int, int]] = []
        counts = import_json(vault, pipe, source="pipe", progress=lambda d, t: steps.append((d, t)))
    assert counts == (1, 2)
    assert steps[-1] == (0, 0)  # the size of a pipe is not known


def test_key_order_does_not_matter(vault: OpenVault, tmp_path: Path) -> None:
    document = document_dict(2, 3)
    reordered = {"journal": document["journal"], "clients": document["clients"],
                 "format": document["format"]}
    assert import_json(vault, write_json(tmp_path / "in.json", reordered)) == (2, 9)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-32"])
def test_byte_order_marks_and_wide_encodings_are_read_as_json_loads_reads_them(
        vault: OpenVault, tmp_path: Path, encoding: str) -> None:
    source = tmp_path / "in.json"
    source.write_text(json.dumps(document_dict(1, 2), ensure_ascii=False), encoding=encoding)
    assert import_json(vault, source) == (1, 5)
    assert any("über" in e.body for e in all_entries(vault))


# --- import: all or nothing --------------------------------------------------------------------


def test_error_in_the_last_client_after_many_good_ones_imports_nothing(vault: OpenVault,
                                                                      tmp_path: Path) -> None:
    save_client(vault, Client(code="KEEP"))
    document = document_dict(30, 40)  # 1,200 entries: several batches are inserted first
    document["clients"][-1]["entries"][-1]["fields"]["intensity"] = SECRET
    document["clients"][-1]["entries"][-1]["kind"] = "countertransference"
    message = refused(vault, write_json(tmp_path / "notes.json", document),
                      r"^notes\.json: clients\[29\]\.entries\[39\]\.fields\.intensity: ")
    assert SECRET not in message and "Clinical" not in message
    assert [c.code for c in all_clients(vault)] == ["KEEP"]


def test_error_in_the_last_journal_entry_imports_nothing(vault: OpenVault, tmp_path: Path) -> None:
    document = document_dict(10, 40, journal=600)
    document["journal"][-1]["tags"] = ["bad,tag"]
    refused(vault, write_json(tmp_path / "j.json", document), r"^j\.json: journal\[599\]\.tags\[0\]: ")


@pytest.mark.parametrize("value", ["alliance-journal/2", None, 1])
def test_wrong_format_after_the_arrays_imports_nothing(vault: OpenVault, tmp_path: Path, value: Any) -> None:
    document = document_dict(10, 60)
    moved = {"clients": document["clients"], "journal": document["journal"], "format": value}
    refused(vault, write_json(tmp_path / "late.json", moved),
            r'^late\.json: format must be "alliance-journal/1"$')


def test_missing_format_imports_nothing(vault: OpenVault, tmp_path: Path) -> None:
    document = document_dict(3, 10)
    del document["format"]
    refused(vault, write_json(tmp_path / "none.json", document), r'format must be "alliance-journal/1"$')


def test_unknown_top_level_key_after_the_arrays_imports_nothing(vault: OpenVault, tmp_path: Path) -> None:
    document = {**document_dict(3, 10), "surprise": {"deep": [SECRET]}}
    message = refused(vault, write_json(tmp_path / "x.json", document), r"^x\.json: surprise: ")
    assert SECRET not in message


def test_top_level_key_given_twice_imports_nothing(vault: OpenVault, tmp_path: Path) -> None:
    text_ = dump_document(document_dict(2, 3))
    twice = text_.replace('  "journal": [', '  "clients": [],\n  "journal": [', 1)
    source = tmp_path / "twice.json"
    source.write_text(twice)
    refused(vault, source, r"^twice\.json: clients: appears more than once$")


@pytest.mark.parametrize("fraction", [0.0, 0.001, 0.3, 0.75, 0.9999])
def test_truncated_file_imports_nothing(vault: OpenVault, tmp_path: Path, fraction: float) -> None:
    data = dump_document(document_dict(12, 50)).encode()
    source = tmp_path / "cut.json"
    source.write_bytes(data[: int(len(data) * fraction)])
    refused(vault, source, r"^cut\.json: not valid JSON \(JSONDecodeError\)$")


def test_garbage_after_the_document_imports_nothing(vault: OpenVault, tmp_path: Path) -> None:
    source = tmp_path / "tail.json"
    source.write_bytes(dump_document(document_dict(3, 10)).encode() + b"{}")
    refused(vault, source, r"not valid JSON \(JSONDecodeError\)$")


def test_invalid_utf8_imports_nothing(vault: OpenVault, tmp_path: Path) -> None:
    data = dump_document(document_dict(3, 10)).encode()
    source = tmp_path / "bytes.json"
    source.write_bytes(data.replace("über".encode(), b"\xff\xfeber", 1))
    refused(vault, source, r"not valid JSON \(UnicodeDecodeError\)$")


@pytest.mark.parametrize(("value", "message"), [
    ([], r"^t\.json: the top level must be an object$"),
    ("text", r"^t\.json: the top level must be an object$"),
    ({"format": "alliance-journal/1", "clients": {"C-1": {}}},
     r"^t\.json: clients: Input should be a valid list$"),
    ({"format": "alliance-journal/1", "journal": None}, r"^t\.json: journal: Input should be a valid list$"),
])
def test_wrong_shapes_keep_their_messages(vault: OpenVault, tmp_path: Path, value: Any, message: str) -> None:
    refused(vault, write_json(tmp_path / "t.json", value), message)


def test_duplicates_across_the_file_are_named_by_place(vault: OpenVault, tmp_path: Path) -> None:
    document = document_dict(6, 30)
    document["clients"][5]["code"] = document["clients"][0]["code"]
    refused(vault, write_json(tmp_path / "d.json", document),
            r"^d\.json: clients\[5\]\.code: duplicate client code$")

    document = document_dict(6, 30)
    document["clients"][5]["entries"][29]["id"] = document["clients"][0]["entries"][0]["id"]
    refused(vault, write_json(tmp_path / "d.json", document),
            r"^d\.json: clients\[5\]\.entries\[29\]\.id: duplicate id$")

    document = document_dict(6, 30)
    document["journal"][2]["id"] = document["clients"][3]["id"]
    refused(vault, write_json(tmp_path / "d.json", document), r"^d\.json: journal\[2\]\.id: duplicate id$")


def test_code_or_ids_already_in_the_vault_import_nothing(vault: OpenVault, tmp_path: Path) -> None:
    import_json(vault, dump_document(document_dict(1, 1, journal=0)).encode())
    existing = all_entries(vault)[0]
    before = snapshot(vault)
    document = document_dict(8, 70)
    for client in document["clients"]:
        client["code"] = "N" + client["code"]

    clash = json.loads(json.dumps(document))
    clash["clients"][7]["code"] = "C-000"
    refused(vault, write_json(tmp_path / "c.json", clash),
            r"^c\.json: clients\[7\]\.code: already in this vault$")

    clash = json.loads(json.dumps(document))
    clash["clients"][7]["entries"][-1]["id"] = str(existing.id)
    refused(vault, write_json(tmp_path / "i.json", clash), r"^i\.json: some ids are already in this vault$")
    assert snapshot(vault) == before
    assert matching(vault, "lantern0") == {str(existing.id)}


def test_cancel_during_import_imports_nothing(vault: OpenVault, tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_text(dump_document(document_dict(20, 50)))
    before = snapshot(vault)
    calls: list[int] = []

    def cancel(done: int, total: int) -> None:
        calls.append(done)
        if done > total // 2:
            raise OperationCancelledError("cancelled")

    with pytest.raises(OperationCancelledError):
        import_json(vault, source, progress=cancel)
    assert snapshot(vault) == before and len(calls) > 2


def test_too_large_is_refused_before_and_while_reading(vault: OpenVault, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    data = dump_document(document_dict(5, 40)).encode()
    source = tmp_path / "big.json"
    source.write_bytes(data)
    monkeypatch.setattr(transfer, "MAX_DOCUMENT_BYTES", len(data) - 1)
    monkeypatch.setattr(exchange, "MAX_DOCUMENT_BYTES", len(data) - 1)
    refused(vault, source, r"^big\.json: the file is too large to import$")

    class Unsized:  # a stream whose size the reader only learns by reading it
        def __init__(self) -> None:
            self._data = io.BytesIO(data)

        def read(self, size: int = -1) -> bytes:
            return self._data.read(size)

    before = snapshot(vault)
    with pytest.raises(InvalidInputError, match=r"^stream: the file is too large to import$"):
        import_json(vault, Unsized(), source="stream")  # type: ignore[arg-type]
    assert snapshot(vault) == before


def test_missing_and_unreadable_files(vault: OpenVault, tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="no such file"):
        import_json(vault, tmp_path / "absent.json")
    with pytest.raises(StorageError, match="could not read"):
        import_json(vault, tmp_path)


def test_journal_entries_belong_to_no_client_whatever_the_file_says(vault: OpenVault, tmp_path: Path) -> None:
    document = document_dict(1, 1, journal=1)
    document["journal"][0]["client_id"] = document["clients"][0]["id"]
    import_json(vault, write_json(tmp_path / "j.json", document))
    assert vault_stats(vault).journal_entries == 1


# --- the command line --------------------------------------------------------------------------


def test_cli_export_to_stdout_and_to_a_file_are_the_same_bytes(cli, tmp_path: Path) -> None:
    folder = tmp_path / "v"
    assert cli("init", "--vault", str(folder)).returncode == 0
    source = tmp_path / "in.json"
    source.write_text(dump_document(document_dict(3, 5)), encoding="utf-8")
    imported = cli("import", str(source), "--vault", str(folder))
    assert imported.returncode == 0, imported.stderr
    assert "Imported 3 clients and 18 entries." in imported.stdout
    out = tmp_path / "out.json"
    written = cli("export", "--vault", str(folder), "--out", str(out))
    assert written.returncode == 0 and "NOT encrypted" in written.stderr
    assert out.read_bytes() == source.read_bytes()
    shown = cli("export", "--vault", str(folder))
    assert shown.returncode == 0 and "NOT encrypted" in shown.stderr
    assert shown.stdout == source.read_text(encoding="utf-8")


def test_cli_import_error_in_the_last_client_exit_6_and_nothing_added(cli, tmp_path: Path) -> None:
    folder = tmp_path / "v"
    assert cli("init", "--vault", str(folder)).returncode == 0
    document = document_dict(8, 70)
    document["clients"][-1]["entries"][-1]["occurred_at"] = SECRET
    result = cli("import", str(write_json(tmp_path / "bad.json", document)), "--vault", str(folder))
    assert result.returncode == 6
    assert "bad.json: clients[7].entries[69].occurred_at: " in result.stderr
    assert SECRET not in result.stderr and "Traceback" not in result.stderr
    stats = json.loads(cli("stats", "--vault", str(folder), "--json").stdout)
    assert sum(stats["entries"].values()) == 0 and sum(stats["clients"].values()) == 0


def test_cli_import_of_a_missing_file_asks_for_no_passphrase(cli, tmp_path: Path) -> None:
    result = cli("import", str(tmp_path / "absent.json"), "--vault", str(tmp_path / "v"), passphrase=None)
    assert result.returncode == 6 and "no such file" in result.stderr


def test_ids_are_kept(vault: OpenVault) -> None:
    people, entries = caseload(1, 2, journal=0)
    import_json(vault, dump_document(build_document(people, entries)).encode())
    assert {e.id for e in all_entries(vault, include_trash=True)} == {e.id for e in entries}
    assert isinstance(all_clients(vault)[0].id, uuid.UUID) and all_clients(vault)[0].id == people[0].id


def test_export_leaves_out_the_trash_unless_asked(vault: OpenVault, tmp_path: Path) -> None:
    people, entries = caseload(2, 4)
    for client in people:
        save_client(vault, client)
    for entry in entries:
        save_entry(vault, entry)
    move_to_trash(vault, entries[0].id)
    trashed = {str(e.id) for e in trash(vault)}
    assert trashed
    target = tmp_path / "export.json"
    export_to_file(vault, target)
    text = target.read_text(encoding="utf-8")
    assert not any(entry_id in text for entry_id in trashed)
    live = build_document(all_clients(vault), all_entries(vault))
    assert text == dump_document(live)
    export_to_file(vault, target, include_trash=True)
    assert all(entry_id in target.read_text(encoding="utf-8") for entry_id in trashed)
