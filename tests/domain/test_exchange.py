"""The JSON format: round trips (hypothesis), all-or-nothing imports, clear messages."""

from __future__ import annotations

import io
import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alliance_journal.domain.clients import Client, ClientStatus, Frequency
from alliance_journal.domain.entries import FIELDS_BY_KIND, Entry, EntryKind
from alliance_journal.domain.exchange import FORMAT, DocumentPart, build_document, read_document
from alliance_journal.domain.vocabulary import (
    ContainerEvent,
    Figure,
    IntakeSignal,
    PatternSite,
    ReactionOrigin,
    TransferenceStatus,
    TransferenceValence,
)
from alliance_journal.errors import InvalidInputError
from alliance_journal.services import clients as client_service
from alliance_journal.services.stats import vault_stats
from alliance_journal.services.transfer import export_to_stream, import_json
from alliance_journal.services.unlock import create_vault
from tests.conftest import FAST_KDF, PASSPHRASE, export_json

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1),
                       timezones=st.just(UTC))


def parse_document(data: bytes, *, source: str) -> list[DocumentPart]:
    """Read a whole document from bytes (the streaming reader, drained)."""
    return list(read_document(io.BytesIO(data), source=source))


ratings = st.none() | st.integers(1, 5)  # None: not rated
#: Fields `st.builds` would leave at their defaults: every clinical value, "not rated" too.
CLINICAL: dict[EntryKind, dict[str, st.SearchStrategy[object]]] = {
    EntryKind.COUNTERTRANSFERENCE: {"intensity": ratings,
                                    "origin": st.sampled_from(list(ReactionOrigin))},
    EntryKind.TRANSFERENCE: {
        "figure": st.sampled_from(list(Figure)),
        "valence": st.sampled_from(list(TransferenceValence)),
        "seen_with": st.lists(st.sampled_from(list(PatternSite)), unique=True),
        "status": st.sampled_from(list(TransferenceStatus))},
    EntryKind.ALLIANCE: {name: ratings for name in (
        "client_trusts_me", "client_respects_me", "i_trust_client", "i_respect_client",
        "client_likes_me", "bond", "tasks", "goals")},
    EntryKind.CONTAINER: {"event": st.sampled_from(list(ContainerEvent)),
                          "minutes_late": st.none() | st.integers(0, 600)},
    EntryKind.INTAKE: {"discomfort": st.none() | st.integers(0, 5),
                       "signals": st.lists(st.sampled_from(list(IntakeSignal)), unique=True)},
}


@st.composite
def entries_for(draw: st.DrawFn, client_id: uuid.UUID | None) -> Entry:
    kind = draw(st.sampled_from(list(EntryKind)))
    model = FIELDS_BY_KIND[kind]
    fields = draw(st.builds(model, **CLINICAL.get(kind, {})))  # pydantic constraints hold
    return Entry(id=draw(st.uuids()), client_id=client_id, kind=kind, occurred_at=draw(moments),
                 created_at=draw(moments), updated_at=draw(moments), body=draw(texts),
                 tags=draw(st.lists(st.from_regex(r"[a-z]{1,10}", fullmatch=True), max_size=3)),
                 fields=fields.model_dump())


@st.composite
def documents(draw: st.DrawFn) -> tuple[list[Client], list[Entry]]:
    codes = draw(st.lists(st.from_regex(r"[A-Z]-[0-9]{1,4}", fullmatch=True), max_size=3, unique=True))
    clients = [Client(code=code, name=draw(st.none() | texts.filter(str.strip)),
                      status=draw(st.sampled_from(list(ClientStatus))),
                      frequency=draw(st.sampled_from(list(Frequency))), notes=draw(texts))
               for code in codes]
    entries = draw(st.lists(entries_for(None), max_size=3))
    for client in clients:
        entries += draw(st.lists(entries_for(client.id), max_size=3))
    return clients, entries


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(documents())
def test_export_import_export_is_identical(tmp_path_factory: pytest.TempPathFactory,
                                           doc: tuple[list[Client], list[Entry]]) -> None:
    clients, entries = doc
    text = json.dumps(build_document(clients, entries), indent=2, ensure_ascii=False) + "\n"
    folder = tmp_path_factory.mktemp("rt") / "vault"
    vault, _ = create_vault(folder, PASSPHRASE, kdf=FAST_KDF)
    with vault:
        assert import_json(vault, text.encode()) == (len(clients), len(entries))
        assert export_json(vault) == text
        streamed = io.BytesIO()
        export_to_stream(vault, streamed)
        assert streamed.getvalue() == text.encode("utf-8")


def _valid_document() -> dict[str, object]:
    client = Client(code="A-1")
    entry = Entry(client_id=client.id, kind=EntryKind.ALLIANCE,
                  occurred_at=datetime(2026, 1, 1, tzinfo=UTC), fields={"client_likes_me": 5})
    journal = Entry(kind=EntryKind.REFLECTION, occurred_at=datetime(2026, 1, 2, tzinfo=UTC))
    return build_document([client], [entry, journal])


@pytest.mark.parametrize(("mutate", "where"), [
    (lambda d: d["clients"][0]["entries"][0]["fields"].update(client_likes_me=9),
     "clients[0].entries[0].fields.client_likes_me"),
    (lambda d: d["clients"][0]["entries"][0].update(kind="dream"), "clients[0].entries[0].kind"),
    (lambda d: d["clients"][0].update(status="asleep"), "clients[0].status"),
    (lambda d: d["journal"][0].update(occurred_at="yesterday"), "journal[0].occurred_at"),
    (lambda d: d["journal"][0].update(surprise=1), "journal[0].surprise"),
    (lambda d: d.update(format="other/9"), "format"),
    (lambda d: d["clients"].append(dict(d["clients"][0])), "clients[1]"),
])
def test_invalid_document_names_the_place(mutate, where: str) -> None:  # type: ignore[no-untyped-def]
    document = _valid_document()
    mutate(document)
    with pytest.raises(InvalidInputError) as caught:
        parse_document(json.dumps(document).encode(), source="f.json")
    assert where in caught.value.message
    assert "\n" not in caught.value.message


def test_failed_import_adds_nothing(vault) -> None:  # type: ignore[no-untyped-def]
    good = _valid_document()
    bad = json.loads(json.dumps(good))
    bad["journal"][0]["fields"] = {"theme": "not-a-theme"}
    with pytest.raises(InvalidInputError, match=r"journal\[0\]\.fields\.theme"):
        import_json(vault, json.dumps(bad).encode())
    assert vault_stats(vault).entries == 0 and vault_stats(vault).clients == 0


def test_import_conflicting_code_adds_nothing(vault) -> None:  # type: ignore[no-untyped-def]
    client_service.save_client(vault, Client(code="A-1"))
    with pytest.raises(InvalidInputError, match="already in this vault"):
        import_json(vault, json.dumps(_valid_document()).encode())
    assert vault_stats(vault).entries == 0


def test_importing_the_same_file_twice_is_refused_whole(vault) -> None:  # type: ignore[no-untyped-def]
    data = json.dumps(_valid_document()).encode()
    import_json(vault, data)
    with pytest.raises(InvalidInputError):
        import_json(vault, data)
    assert vault_stats(vault).entries == 2


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_parser_rejects_garbage_with_typed_error(data: bytes) -> None:
    try:
        parse_document(data, source="x")
    except InvalidInputError as exc:
        assert "\n" not in exc.message


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_mutated_documents_either_parse_or_fail_cleanly(data: st.DataObject) -> None:
    document = _valid_document()
    path = data.draw(st.sampled_from([("journal", 0), ("clients", 0), ("clients", 0, "entries", 0)]))
    target = document
    for key in path:
        target = target[key]  # type: ignore[index]
    field = data.draw(st.sampled_from([*sorted(target), "extra"]))  # type: ignore[arg-type]
    target[field] = data.draw(json_values)  # type: ignore[index]
    try:
        parse_document(json.dumps(document).encode(), source="x")
    except InvalidInputError as exc:
        assert exc.message.startswith("x: ")


def test_format_constant() -> None:
    assert _valid_document()["format"] == FORMAT == "alliance-journal/1"
    assert timedelta(0) == timedelta(0)


def test_an_old_file_imports_unchanged_but_for_worked_through(vault) -> None:  # type: ignore[no-untyped-def]
    """A schema 4 export: `resolved`, integer ratings, none of the new fields."""
    old_fields = {
        "transference": {"figure": "critic", "figure_other": "", "wish": "to be approved",
                         "response_of_other": "", "response_of_self": "", "evidence": "",
                         "status": "resolved", "intervention": "", "client_response": ""},
        "alliance": {"client_trusts_me": 2, "client_respects_me": 4, "i_trust_client": 3,
                     "i_respect_client": 5, "client_likes_me": 1, "bond": 2, "tasks": None,
                     "goals": 3, "rupture": "withdrawal", "repair": "attempted"},
        "countertransference": {"feelings": ["bored"], "intensity": 4, "evoked": "",
                                "urge": "", "handled": ""},
        "intake": {"signals": ["seductive"], "discomfort": 0, "decision": "accept",
                   "reasons": ""},
        "container": {"event": "late_arrival", "minutes_late": 15, "addressed": True},
    }
    client = Client(code="OLD-4")
    document = build_document([client], [])
    document["clients"][0]["entries"] = [  # type: ignore[index]
        {"id": str(uuid.uuid4()), "kind": kind, "occurred_at": f"2026-01-0{n + 1}T10:00:00Z",
         "created_at": "2026-01-01T10:00:00Z", "updated_at": "2026-01-01T10:00:00Z",
         "tags": [], "body": "", "fields": fields, "finalised_at": None, "amendments": [],
         "deleted_at": None}
        for n, (kind, fields) in enumerate(old_fields.items())]
    import_json(vault, json.dumps(document).encode())
    exported = json.loads(export_json(vault))
    for entry in exported["clients"][0]["entries"]:
        expected = dict(old_fields[entry["kind"]])
        if entry["kind"] == "transference":
            expected["status"] = "worked_through"
            expected.update(valence="unclear", seen_with=[])
        if entry["kind"] == "countertransference":
            expected["origin"] = "unclear"
        assert entry["fields"] == expected, entry["kind"]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_every_clinical_value_survives_the_file_format(data: st.DataObject) -> None:
    """Without a vault, so many more examples: every field value and "not rated" round trips."""
    kind = data.draw(st.sampled_from(sorted(CLINICAL)))
    fields = data.draw(st.builds(FIELDS_BY_KIND[kind], **CLINICAL[kind]))
    entry = Entry(kind=kind, occurred_at=datetime(2026, 1, 1, tzinfo=UTC), fields=fields.model_dump())
    text = json.dumps(build_document([], [entry])).encode()
    (part,) = parse_document(text, source="rt.json")
    assert part.entries == [entry]
