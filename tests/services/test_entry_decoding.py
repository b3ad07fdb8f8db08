"""Reading entries in bulk (`select_entries` column tuples) gives exactly the validated entries.

The timeline, `all_entries` and the trash read plain column tuples and skip the JSON
parser for empty lists; `get_entry` reads an ORM row. Both must give what validating
the stored row always gave: `reference_decode` below is that original path (the ORM
row, `json.loads` of every JSON column, `Entry.model_validate`), kept here as the
yardstick. Entries of all eight kinds are written through the real services into a
real vault, then compared field by field, type by type. Damaged rows still fail with
`CorruptDataError`, never a traceback.
"""

from __future__ import annotations

import gc
import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from enum import Enum
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from sqlalchemy import text
from sqlmodel import Session

from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import FIELDS_BY_KIND, Entry, EntryKind
from alliance_journal.errors import CorruptDataError
from alliance_journal.services.clients import save_client
from alliance_journal.services.entries import (
    add_amendment,
    all_entries,
    finalise_entry,
    get_entry,
    move_to_trash,
    save_entry,
    timeline,
    trash,
)
from alliance_journal.services.records import _json_value, collector_paused
from alliance_journal.services.unlock import OpenVault, create_vault
from alliance_journal.vault.tables import EntryRow
from tests.conftest import FAST_KDF, PASSPHRASE

texts = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=60)
moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1),
                       timezones=st.sampled_from([UTC, None]))  # None: naive, taken as local
tags = st.lists(st.from_regex(r"[A-Za-z][a-z ]{0,9}", fullmatch=True), max_size=4)


def reference_decode(row: EntryRow) -> Entry:
    """The validated path as it was: every JSON column parsed, then `Entry.model_validate`."""
    return Entry.model_validate({
        "id": row.id, "client_id": row.client_id, "kind": row.kind,
        "occurred_at": row.occurred_at, "created_at": row.created_at,
        "updated_at": row.updated_at, "tags": json.loads(row.tags), "body": row.body,
        "fields": json.loads(row.fields), "finalised_at": row.finalised_at,
        "amendments": json.loads(row.amendments), "deleted_at": row.deleted_at,
    })


def assert_identical(got: Any, want: Any, where: str = "entry") -> None:
    """Equal, and of the same types all the way down (enum members stay enum members,
    times stay aware and in UTC, lists stay lists)."""
    assert type(got) is type(want), where
    if isinstance(want, BaseModel):  # the entry, its kind's fields, an amendment
        assert got == want, where
        assert got.model_fields_set == want.model_fields_set, where
        assert got.model_dump() == want.model_dump(), where
        assert got.model_dump_json() == want.model_dump_json(), where
        for name in type(want).model_fields:
            assert_identical(getattr(got, name), getattr(want, name), f"{where}.{name}")
    elif isinstance(want, list):
        assert len(got) == len(want), where
        for i, (g, w) in enumerate(zip(got, want, strict=True)):
            assert_identical(g, w, f"{where}[{i}]")
    elif isinstance(want, datetime):
        assert got == want and got.tzinfo is want.tzinfo is UTC, where
    elif isinstance(want, Enum):
        assert got is want, where
    else:
        assert got == want, where


@st.composite
def entry_of(draw: st.DrawFn, kind: EntryKind, client_id: uuid.UUID | None) -> Entry:
    fields = draw(st.builds(FIELDS_BY_KIND[kind]))  # hypothesis respects the pydantic constraints
    return Entry(kind=kind, client_id=client_id, occurred_at=draw(moments), body=draw(texts),
                 tags=draw(tags), fields=fields.model_dump())


@st.composite
def caseloads(draw: st.DrawFn) -> tuple[list[Entry], list[str]]:
    """At least one entry of each of the eight kinds (a client's and the journal's), and
    for each entry what then happens to it: nothing, finalised, amended, or trashed."""
    client_id = uuid.UUID(int=1)
    entries = [draw(entry_of(kind, draw(st.sampled_from([client_id, None])))) for kind in EntryKind]
    entries += draw(st.lists(st.sampled_from(list(EntryKind)).flatmap(
        lambda kind: entry_of(kind, client_id)), max_size=4))
    fates = [draw(st.sampled_from(["keep", "finalise", "amend", "trash"])) for _ in entries]
    return entries, fates


def _store(vault: OpenVault, entries: list[Entry], fates: list[str], amendment: str) -> None:
    save_client(vault, Client(id=uuid.UUID(int=1), code="D-1"))
    for entry, fate in zip(entries, fates, strict=True):
        save_entry(vault, entry)
        if fate in ("finalise", "amend"):
            finalise_entry(vault, entry.id)
        if fate == "amend":
            add_amendment(vault, entry.id, amendment)
        if fate == "trash":
            move_to_trash(vault, entry.id)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(caseload=caseloads(), amendment=texts.filter(str.strip))
def test_bulk_reads_equal_the_validated_rows(tmp_path_factory: pytest.TempPathFactory,
                                             caseload: tuple[list[Entry], list[str]],
                                             amendment: str) -> None:
    entries, fates = caseload
    vault, _ = create_vault(tmp_path_factory.mktemp("decode") / "vault", PASSPHRASE, kdf=FAST_KDF)
    try:
        _store(vault, entries, fates, amendment)
        with Session(vault.engine) as session:
            want = {e.id: reference_decode(row) for e in entries
                    if (row := session.get(EntryRow, str(e.id))) is not None}
        assert {e.kind for e in want.values()} == set(EntryKind)

        read = [*timeline(vault, uuid.UUID(int=1)), *timeline(vault, None), *trash(vault)]
        assert sorted(e.id for e in read) == sorted(want)
        for got in [*read, *all_entries(vault, include_trash=True)]:
            assert_identical(got, want[got.id])
        for entry_id, expected in want.items():
            assert_identical(get_entry(vault, entry_id), expected)
    finally:
        vault.close()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(st.characters(exclude_categories=()), max_size=30),  # lone surrogates too
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(value=json_values, ascii_only=st.booleans())
def test_json_columns_read_as_json_loads_reads_them(value: object, ascii_only: bool) -> None:
    text = json.dumps(value, ensure_ascii=ascii_only)
    got, want = _json_value(text), json.loads(text)
    assert got == want and repr(got) == repr(want)


@pytest.mark.parametrize("text", [
    "[]", "{}", "[NaN]", "[Infinity, -Infinity]", "[-0, -0.0, 1E2, 1e400]",
    '["\\ud800"]', '["\ud800"]',  # a lone surrogate, escaped and raw
    '{"a": 1, "a": 2}', '["\\u0000\x7f"]', "[12345678901234567890123]",
])
def test_json_edge_cases_read_as_json_loads_reads_them(text: str) -> None:
    assert repr(_json_value(text)) == repr(json.loads(text))


@pytest.mark.parametrize("text", ["[1,]", '["a\tb"]', "[01]", "\ufeff[1]", "", "[1] [2]", "{not json"])
def test_json_that_json_loads_refuses_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        json.loads(text)
    with pytest.raises(ValueError):
        _json_value(text)


@pytest.mark.parametrize(("column", "value"), [
    ("fields", "{not json"),
    ("fields", '{"intensity": 9}'),          # out of range for a countertransference
    ("fields", '{"unknown_field": 1}'),
    ("tags", "not json"),
    ("tags", '"a string, not a list"'),
    ("amendments", '[{"at": "yesterday", "body": "x"}]'),
    ("amendments", "[1"),
    ("kind", "dream"),
    ("kind", "session"),                     # fields of a countertransference under another kind
    ("occurred_at", "last Tuesday"),
    ("id", "not-a-uuid"),
    ("body", "x" * 1_000_001),
])
def test_a_damaged_row_is_corrupt_data_everywhere(vault: OpenVault, column: str, value: str) -> None:
    entry = save_entry(vault, Entry(kind=EntryKind.COUNTERTRANSFERENCE, body="a note",
                                    fields={"kind": "countertransference", "intensity": 4}))
    with Session(vault.engine) as session:
        session.connection().execute(text(f"UPDATE entry SET {column} = :value WHERE id = :id"),
                                     {"value": value, "id": str(entry.id)})
        session.commit()
    entry_id = entry.id if column != "id" else uuid.UUID(int=0)
    readers: list[Callable[[], object]] = [
        lambda: timeline(vault, None), lambda: all_entries(vault),
        lambda: all_entries(vault, include_trash=True)]
    if column != "id":
        readers.append(lambda: get_entry(vault, entry_id))
    for read in readers:
        with pytest.raises(CorruptDataError, match="a stored entry is damaged"):
            read()
        assert gc.isenabled()  # the garbage collector is back on after a failed read


def test_reading_leaves_a_switched_off_collector_off(vault: OpenVault) -> None:
    save_entry(vault, Entry(kind=EntryKind.REFLECTION, fields={"kind": "reflection"}))
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert len(timeline(vault, None)) == 1
        assert not gc.isenabled()
    finally:
        gc.enable()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_one_column_mapping_for_saves_and_imports() -> None:
    """`entry_columns` names every stored column, in the order `select_entries` reads them."""
    from sqlalchemy import inspect as inspect_table

    from alliance_journal.services.records import ENTRY_COLUMNS, entry_columns, entry_to_row
    from alliance_journal.vault.tables import EntryRow

    entry = Entry(kind=EntryKind.LIMIT, body="a limit", tags=["fees"])
    assert tuple(entry_columns(entry)) == ENTRY_COLUMNS
    assert set(ENTRY_COLUMNS) == {c.name for c in inspect_table(EntryRow).columns}
    row = entry_to_row(entry)
    assert {name: getattr(row, name) for name in ENTRY_COLUMNS} == entry_columns(entry)
