"""Import refuses text it cannot store, and reports a broken file as such before anything else.

A JSON escape can spell a lone surrogate (`"\\ud800"`); SQLite would store it as `?`,
silently changing the note. A truncated file must say "not valid JSON" even when the
part read before the cut would clash with the vault or fail validation.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alliance_journal.cli.main import main
from alliance_journal.domain.clients import Client
from alliance_journal.domain.surrogate_escapes import MARK, SurrogateEscapes
from alliance_journal.errors import InvalidInputError
from alliance_journal.services import clients as client_service
from alliance_journal.services.stats import vault_stats
from alliance_journal.services.transfer import import_json
from alliance_journal.services.unlock import OpenVault
from tests.conftest import PASSPHRASE, NewVault


def _document(body: str = "fine", code: str = "A-1") -> str:
    entry = {"id": str(uuid.uuid4()), "kind": "reflection", "occurred_at": "2026-01-02T10:00:00Z",
             "body": body, "fields": {}}
    client = {"id": str(uuid.uuid4()), "code": code, "entries": [entry]}
    return json.dumps({"format": "alliance-journal/1", "clients": [client], "journal": []})


def test_a_lone_surrogate_is_refused_naming_the_place(vault: OpenVault) -> None:
    text = _document(body="before ").replace('"before "', '"before \\ud800 after"')
    with pytest.raises(InvalidInputError) as raised:
        import_json(vault, text.encode(), source="notes.json")
    assert raised.value.exit_code == 6
    assert "notes.json: clients[0].entries[0].body: text that cannot be stored" in raised.value.message
    assert vault_stats(vault).entries == 0 and vault_stats(vault).clients == 0


def test_a_lone_surrogate_in_a_key_or_a_list_is_refused(vault: OpenVault) -> None:
    document = json.loads(_document())
    document["clients"][0]["entries"][0]["tags"] = ["ok", "PLACEHOLDER"]
    text = json.dumps(document).replace('"PLACEHOLDER"', '"\\udc00"')
    with pytest.raises(InvalidInputError, match=r"clients\[0\]\.entries\[0\]\.tags\[1\]: text that cannot"):
        import_json(vault, text.encode())


def test_a_surrogate_pair_is_an_ordinary_character(vault: OpenVault) -> None:
    text = _document(body="x").replace('"x"', '"smile \\ud83d\\ude00"')
    assert import_json(vault, text.encode()) == (1, 1)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=3))
def test_any_lone_surrogates_are_refused(vault: OpenVault, surrogates: str) -> None:
    """The vault is shared by the examples: each uses its own client code."""
    escaped = "".join(f"\\u{ord(c):04x}" for c in surrogates)
    text = _document(body="x", code=f"H-{uuid.uuid4().hex[:8]}").replace('"x"', f'"a{escaped}b"')
    before = vault_stats(vault).entries
    if _expected(surrogates)[1] == 0:  # a high and a low surrogate in order: one character
        assert import_json(vault, text.encode()) == (1, 1)
        return
    with pytest.raises(InvalidInputError, match="cannot be stored"):
        import_json(vault, text.encode())
    assert vault_stats(vault).entries == before


def test_a_truncated_file_is_not_json_even_when_its_first_client_clashes(vault: OpenVault) -> None:
    client_service.save_client(vault, Client(code="A-1"))
    text = _document(code="A-1")
    for cut in (len(text) - 1, len(text) - 3, len(text) // 2 + 40):
        with pytest.raises(InvalidInputError, match="not valid JSON"):
            import_json(vault, text[:cut].encode(), source="cut.json")
    assert vault_stats(vault).clients == 1


def test_a_truncated_file_is_not_json_even_when_an_earlier_part_is_invalid(vault: OpenVault) -> None:
    document = json.loads(_document())
    document["clients"][0]["status"] = "no-such-status"
    text = json.dumps(document) + json.dumps(document)  # invalid early, then not JSON
    with pytest.raises(InvalidInputError, match="not valid JSON"):
        import_json(vault, text[:-5].encode())


def test_a_clash_is_still_reported_for_a_whole_file(vault: OpenVault) -> None:
    client_service.save_client(vault, Client(code="A-1"))
    with pytest.raises(InvalidInputError, match=r"clients\[0\]\.code: already in this vault"):
        import_json(vault, _document(code="A-1").encode())


def test_the_import_verb_exits_6_and_leaves_the_vault_unchanged(
        new_vault: NewVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    folder = new_vault.folder
    new_vault.vault.close()
    source = tmp_path / "bad.json"
    source.write_text(_document(body="x").replace('"x"', '"\\ud800"'))
    monkeypatch.setenv("ALLIANCE_JOURNAL_PASSPHRASE", PASSPHRASE)
    assert main(["--vault", str(folder), "import", str(source)]) == 6
    err = capsys.readouterr().err
    assert "bad.json: clients[0].entries[0].body: text that cannot be stored" in err
    assert len(err.strip().splitlines()) == 1


def _expected(text: str) -> tuple[str, int]:
    """`text` with each lone surrogate replaced by MARK (a valid pair stays one character)."""
    out, lone, i = [], 0, 0
    while i < len(text):
        c = text[i]
        if "\ud800" <= c <= "\udbff" and i + 1 < len(text) and "\udc00" <= text[i + 1] <= "\udfff":
            out.append(chr(0x10000 + ((ord(c) - 0xD800) << 10) + (ord(text[i + 1]) - 0xDC00)))
            i += 2
            continue
        if "\ud800" <= c <= "\udfff":
            out.append(MARK)
            lone += 1
        else:
            out.append(c)
        i += 1
    return "".join(out), lone


@settings(max_examples=300)
@given(st.text(alphabet=st.one_of(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
                                  st.sampled_from(["\\", "u", "d", "8", "a", '"', "x", "\n", "é"])),
               max_size=40),
       st.lists(st.integers(min_value=1, max_value=9), min_size=1, max_size=30))
def test_escapes_are_found_however_the_file_is_cut(text: str, sizes: list[int]) -> None:
    raw = json.dumps(text, ensure_ascii=True).encode()
    escapes = SurrogateEscapes()
    out, at, n = b"", 0, 0
    while at < len(raw):
        size = sizes[n % len(sizes)]
        out += escapes.feed(raw[at:at + size], final=False)
        at, n = at + size, n + 1
    out += escapes.feed(b"", final=True)
    expected, lone = _expected(text)
    assert len(out) == len(raw)
    assert json.loads(out) == expected
    assert escapes.found == lone
