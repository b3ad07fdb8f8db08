"""The JSON exchange format `alliance-journal/1`: read, validate and write documents.

Both directions stream. `read_document` goes through a file from start to end and
yields one validated client (with its entries) or one journal entry at a time, so a
document of any size needs only one client's worth of memory; `write_document` writes
exactly the text `dump_document(build_document(...))` would, piece by piece.

The first problem found is reported in one line naming where it is
(`clients[2].entries[5].fields.intensity`) and what is wrong, never the value itself
(which may be clinical text). Problems are found in file order; the `format` field and
unknown top-level keys are checked when the whole file has been read if they come
after the arrays. Reading never writes anything: the caller keeps everything it does
with the parts in one transaction and commits only once the reader has finished.
"""

from __future__ import annotations

import codecs
import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, BinaryIO, Literal, TypeVar

import ijson
from pydantic import BaseModel, ConfigDict, ValidationError

from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import Entry, EntryKind
from alliance_journal.domain.json_events import Events, json_value
from alliance_journal.domain.surrogate_escapes import MARK, SurrogateEscapes
from alliance_journal.errors import InvalidInputError

FORMAT = "alliance-journal/1"
MAX_DOCUMENT_BYTES = 2 * 1024 * 1024 * 1024
_READ_SIZE = 64 * 1024


class ClientDocument(Client):
    model_config = ConfigDict(extra="forbid")

    entries: list[Entry] = []


class ExchangeDocument(BaseModel):
    """The whole document as one model: its shape, and the messages for a wrong top level."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["alliance-journal/1"] = "alliance-journal/1"
    clients: list[ClientDocument] = []
    journal: list[Entry] = []


def _where(loc: Sequence[int | str]) -> str:
    kinds = {k.value for k in EntryKind}
    out = ""
    previous: int | str | None = None
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif previous == "fields" and part in kinds:
            continue  # pydantic's union tag, not a field the user wrote
        else:
            out += f".{part}" if out else part
        previous = part
    return out or "document"


def describe_validation_error(error: ValidationError, *, source: str,
                              at: Sequence[int | str] = ()) -> str:
    """One line for the first error; `at` is where the validated value sits in the file."""
    first = error.errors(include_url=False, include_input=False)[0]
    message = str(first["msg"]).removeprefix("Value error, ")
    return f"{source}: {_where([*at, *first['loc']])}: {message}"


# --- reading -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DocumentPart:
    """One validated piece of a document, in file order.

    A client with its entries (their `client_id` set from where they sit), `index` being
    its place in `clients`; or, with `client` None, one journal entry at `journal[index]`.
    `bytes_read` is how far into the file the reader has got (for progress).
    """

    client: Client | None
    entries: list[Entry]
    index: int
    bytes_read: int


class _Utf8Source:
    """The file as UTF-8 for the parser, counted; a BOM, UTF-16 or UTF-32 is read as `json.loads` would.

    A failure while reading (too large, undecodable, an OS error) is kept in `failure`:
    the C parser may report it as a parse error of its own, and the reader raises the real one.
    """

    def __init__(self, raw: BinaryIO, source: str) -> None:
        self._raw = raw
        self._source = source
        self.escapes = SurrogateEscapes()
        self.bytes_read = 0
        self.failure: BaseException | None = None
        head = self._read_raw(4)
        encoding = json.detect_encoding(head)
        self._decoder: codecs.IncrementalDecoder | None = None
        if encoding == "utf-8":
            self._pending = head
        elif encoding == "utf-8-sig":
            self._pending = head[3:]
        else:
            self._decoder = codecs.getincrementaldecoder(encoding)()
            self._pending = self._decode(head, final=not head)

    def _fail(self, failure: BaseException) -> BaseException:
        self.failure = failure
        return failure

    def _read_raw(self, size: int) -> bytes:
        try:
            data = self._raw.read(size)
        except OSError as exc:
            raise self._fail(exc) from None
        self.bytes_read += len(data)
        if self.bytes_read > MAX_DOCUMENT_BYTES:
            raise self._fail(InvalidInputError(f"{self._source}: the file is too large to import"))
        return data

    def _decode(self, data: bytes, *, final: bool) -> bytes:
        assert self._decoder is not None
        try:
            return self._decoder.decode(data, final=final).encode("utf-8")
        except UnicodeError:
            raise self._fail(_not_json(self._source, "UnicodeDecodeError")) from None

    def read(self, size: int = _READ_SIZE) -> bytes:
        if size == 0:  # how ijson asks whether this is a binary file
            return b""
        if self._pending:
            data, self._pending = self._pending, b""
            return self.escapes.feed(data, final=False)
        while True:
            data = self._read_raw(max(size, 4))
            text = data if self._decoder is None else self._decode(data, final=not data)
            text = self.escapes.feed(text, final=not data)
            if text or not data:  # b"" only at the very end: the parser takes it as EOF
                return text


def _not_json(source: str, kind: str) -> InvalidInputError:
    return InvalidInputError(f"{source}: not valid JSON ({kind})")


_Model = TypeVar("_Model", bound=BaseModel)


def _unstorable_text(value: Any, where: str) -> str | None:
    """Where the first string that UTF-8 cannot hold (a lone surrogate) sits, if any.

    Such a string can only come from a `\\ud800`-style escape, which the source has
    turned into `MARK` (the C parser would make it `?`, silently changing the note)."""
    if isinstance(value, str):
        if value.isascii():
            return None
        if MARK in value:
            return where
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return where
        return None
    if isinstance(value, dict):
        for key, item in value.items():
            found = _unstorable_text(key, f"{where} (a key)") or _unstorable_text(item, f"{where}.{key}")
            if found is not None:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = _unstorable_text(item, f"{where}[{index}]")
            if found is not None:
                return found
    return None


class _Reader:
    """The state of one pass through a document: where we are, and every id and code seen."""

    def __init__(self, stream: BinaryIO, source: str) -> None:
        self.source = source
        self.file = _Utf8Source(stream, source)
        self.codes: set[str] = set()
        self.ids: set[uuid.UUID] = set()

    def fail(self, where: str, message: str) -> InvalidInputError:
        return InvalidInputError(f"{self.source}: {where}: {message}")

    def shape_error(self, document: dict[str, Any]) -> InvalidInputError:
        """The message the whole-document model gives for a wrong top-level value."""
        try:
            ExchangeDocument.model_validate(document)
        except ValidationError as exc:
            return InvalidInputError(describe_validation_error(exc, source=self.source))
        raise AssertionError("a top-level value that should have failed validated")

    def parts(self) -> Iterator[DocumentPart]:
        events = ijson.basic_parse(self.file, use_float=True)
        try:
            try:
                yield from self._parts(events)
            except InvalidInputError:
                for _ in events:  # a file that is not JSON at all is reported as such first
                    pass
                raise
        except ijson.JSONError as exc:
            if self.file.failure is not None:
                raise self.file.failure from None
            utf8 = "utf8" in str(exc).lower()
            raise _not_json(self.source, "UnicodeDecodeError" if utf8 else "JSONDecodeError") from None
        except UnicodeDecodeError:  # the pure-Python backend's way to say it
            raise _not_json(self.source, "UnicodeDecodeError") from None

    def _parts(self, events: Events) -> Iterator[DocumentPart]:
        event, value = next(events, ("end", None))
        if event == "end":
            raise _not_json(self.source, "JSONDecodeError")
        if event != "start_map":
            for _ in events:  # a parse error still comes first, as with `json.loads`
                pass
            raise InvalidInputError(f"{self.source}: the top level must be an object")
        seen: set[str] = set()
        format_ok = False
        unknown: str | None = None
        for event, value in events:
            if event == "end_map":
                break
            key = str(value)
            if key in seen:
                raise self.fail(key, "appears more than once")
            seen.add(key)
            event, value = next(events)
            if key in ("clients", "journal") and event == "start_array":
                yield from (self._client if key == "clients" else self._journal_entry)(events)
            elif key in ("clients", "journal"):
                raise self.shape_error({key: json_value(event, value, events)})
            elif key == "format":
                if json_value(event, value, events) != FORMAT:
                    raise InvalidInputError(f"{self.source}: format must be \"{FORMAT}\"")
                format_ok = True
            else:
                json_value(event, value, events)
                unknown = unknown or key
        for _ in events:  # the parser refuses anything after the top-level object
            pass
        if not format_ok:
            raise InvalidInputError(f"{self.source}: format must be \"{FORMAT}\"")
        if unknown is not None:
            raise self.shape_error({unknown: None})

    def _items(self, events: Events) -> Iterator[Any]:
        for event, value in events:
            if event == "end_array":
                return
            yield json_value(event, value, events)

    def _validated(self, model: type[_Model], raw: Any, at: tuple[str, int]) -> _Model:
        unstorable = _unstorable_text(raw, _where(at)) if self.file.escapes.found else None
        if unstorable is not None:
            raise self.fail(unstorable, "text that cannot be stored as UTF-8 (a lone surrogate "
                            "such as \\ud800); nothing was imported")
        try:
            return model.model_validate(raw)
        except ValidationError as exc:
            raise InvalidInputError(describe_validation_error(exc, source=self.source, at=at)) from None

    def _client(self, events: Events) -> Iterator[DocumentPart]:
        for i, raw in enumerate(self._items(events)):
            document = self._validated(ClientDocument, raw, ("clients", i))
            del raw
            if document.code in self.codes:
                raise self.fail(f"clients[{i}].code", "duplicate client code")
            self._new_id(document.id, f"clients[{i}].id")
            self.codes.add(document.code)
            for j, entry in enumerate(document.entries):
                self._new_id(entry.id, f"clients[{i}].entries[{j}].id")
            client = Client.model_validate(document.model_dump(exclude={"entries"}))
            entries = [e.model_copy(update={"client_id": client.id}) for e in document.entries]
            yield DocumentPart(client, entries, i, self.file.bytes_read)

    def _journal_entry(self, events: Events) -> Iterator[DocumentPart]:
        for j, raw in enumerate(self._items(events)):
            entry = self._validated(Entry, raw, ("journal", j))
            self._new_id(entry.id, f"journal[{j}].id")
            if entry.client_id is not None:
                entry = entry.model_copy(update={"client_id": None})
            yield DocumentPart(None, [entry], j, self.file.bytes_read)

    def _new_id(self, value: uuid.UUID, where: str) -> None:
        if value in self.ids:
            raise self.fail(where, "duplicate id")
        self.ids.add(value)


def read_document(stream: BinaryIO, *, source: str) -> Iterator[DocumentPart]:
    """Validate a document while reading it, yielding its parts in file order.

    Raises `InvalidInputError` at the first problem, which may come after many parts
    were yielded (an error in the last client, a wrong `format` at the very end, a
    truncated file): only when the iterator is exhausted is the whole document valid.
    """
    reader = _Reader(stream, source)
    yield from reader.parts()


# --- writing -----------------------------------------------------------------------------------


def entry_order(entry: Entry) -> tuple[datetime, str]:
    """The order of entries in a document: by time, then by id."""
    return entry.occurred_at, str(entry.id)


def _entry_json(entry: Entry) -> dict[str, Any]:
    return entry.model_dump(mode="json", exclude={"client_id": True, "fields": {"kind"}})


def build_document(clients: Sequence[Client], entries: Sequence[Entry]) -> dict[str, Any]:
    """A whole document in memory, in a stable order (clients by code, entries by time then id).

    For small documents and tests; exports go through `write_document`.
    """
    ordered = sorted(entries, key=entry_order)
    by_client: dict[Any, list[dict[str, Any]]] = {}
    journal = []
    for entry in ordered:
        if entry.client_id is None:
            journal.append(_entry_json(entry))
        else:
            by_client.setdefault(entry.client_id, []).append(_entry_json(entry))
    return {
        "format": FORMAT,
        "clients": [
            {**c.model_dump(mode="json"), "entries": by_client.get(c.id, [])}
            for c in sorted(clients, key=lambda c: c.code)
        ],
        "journal": journal,
    }


def dump_document(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


Write = Callable[[str], object]


def _dumps(value: Any, level: int) -> str:
    """`value` as `json.dumps(..., indent=2)` would print it `level` levels deep."""
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * level)


def _write_array(write: Write, items: Iterable[Callable[[int], None]], level: int) -> None:
    """An array whose opening bracket sits at `level`; each item writes itself one deeper."""
    empty = True
    for item in items:
        write(("[\n" if empty else ",\n") + "  " * (level + 1))
        item(level + 1)
        empty = False
    write("[]" if empty else "\n" + "  " * level + "]")


def _entry_writer(write: Write, entry: Entry) -> Callable[[int], None]:
    def item(level: int) -> None:
        write(_dumps(_entry_json(entry), level))
    return item


def _client_writer(write: Write, client: Client, entries: Iterable[Entry]) -> Callable[[int], None]:
    def item(level: int) -> None:
        head = _dumps(client.model_dump(mode="json"), level)  # ends with a newline and "}"
        write(head[: head.rindex("\n")] + ",\n" + "  " * (level + 1) + '"entries": ')
        _write_array(write, (_entry_writer(write, e) for e in entries), level + 1)
        write("\n" + "  " * level + "}")
    return item


def write_document(write: Write, clients: Iterable[tuple[Client, Iterable[Entry]]],
                   journal: Iterable[Entry]) -> None:
    """Write a document piece by piece: the very text of `dump_document(build_document(...))`.

    The caller gives clients in code order, and each client's entries and the journal
    entries in `entry_order`; the iterables are consumed one item at a time.
    """
    write('{\n  "format": ' + json.dumps(FORMAT) + ',\n  "clients": ')
    _write_array(write, (_client_writer(write, c, es) for c, es in clients), 1)
    write(',\n  "journal": ')
    _write_array(write, (_entry_writer(write, e) for e in journal), 1)
    write("\n}\n")
