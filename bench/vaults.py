"""Benchmark vaults built once and reused: the slow part of the start-up benchmarks.

A vault of `clients x entries` from the seeded corpus (`bench.corpus`), imported as
`alliance-journal import` does, kept under a cache folder with the same caseload as a
plain text journal in jrnl's format: the "plain text" the vault size is compared with,
and what the jrnl side of the search benchmark encrypts.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from alliance_journal.crypto.kdf import KdfParams
from alliance_journal.domain.entries import Entry
from bench.corpus import Corpus, make_corpus

PASSPHRASE = "bench-lantern-harbour-47"
DEFAULT_CACHE = Path(__file__).resolve().parents[1] / ".bench-cache"


@dataclass(frozen=True, slots=True)
class BenchVault:
    folder: Path  # the vault
    text: Path  # the same notes as plain text, in jrnl's format
    entries: int

    @property
    def text_bytes(self) -> int:
        return self.text.stat().st_size


def jrnl_entry(entry: Entry, code: str) -> str:
    """One entry as jrnl writes it: `[YYYY-MM-DD HH:MM] title`, then the text."""
    when = entry.occurred_at.strftime("%Y-%m-%d %H:%M")
    tags = " ".join(f"@{t.replace(' ', '-')}" for t in entry.tags)
    title = f"{code} {entry.kind.value}{' ' + tags if tags else ''}"
    return f"[{when}] {title}\n{entry.searchable_text()}\n\n"


def write_text(corpus: Corpus, path: Path) -> None:
    codes = {c.id: c.code for c in corpus.clients}
    live = sorted((e for e in corpus.entries if not e.in_trash), key=lambda e: e.occurred_at)
    with path.open("w", encoding="utf-8") as out:
        for entry in live:
            code = codes.get(entry.client_id, "journal") if entry.client_id else "journal"
            out.write(jrnl_entry(entry, code))


def bench_vault(clients: int, per_client: int, *, cache: Path = DEFAULT_CACHE,
                kdf: KdfParams | None = None) -> BenchVault:
    """The cached vault of this size, built first if missing (minutes at 50,000)."""
    from alliance_journal.services.transfer import import_json
    from alliance_journal.services.unlock import create_vault

    home = cache / f"vault-{clients}x{per_client}"
    result = BenchVault(home / "vault", home / "journal.txt", clients * per_client)
    if (home / "done.json").exists():
        return result
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    corpus = make_corpus(clients, per_client)
    write_text(corpus, result.text)
    document = home / "document.json"
    document.write_bytes(corpus.document_bytes())
    vault, _recovery = create_vault(result.folder, PASSPHRASE, kdf=kdf or KdfParams())
    with vault:
        import_json(vault, document, source="bench document")
    document.unlink()
    (home / "done.json").write_text(json.dumps({"entries": result.entries}))
    return result
