"""One-shot CLI search, ours and jrnl's, on the same notes (see `bench.startup`).

Ours: `alliance-journal search WORD --vault DIR`, the passphrase in its environment
variable, so the Argon2id unlock is part of every run. jrnl: an encrypted journal
(its own v3 format, written by jrnl's own code) of the same text, `jrnl -contains WORD
-n 100` with the password piped on stdin, as a script would. Both print up to 100 hits.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import search_queries
from bench.measure import median
from bench.vaults import PASSPHRASE, BenchVault

_ENCRYPT = """
import sys
from jrnl.encryption.Jrnlv3Encryption import Jrnlv3Encryption
encryption = Jrnlv3Encryption("default", {})
encryption.password = sys.stdin.readline().rstrip("\\n")
with open(sys.argv[1], encoding="utf-8") as source, open(sys.argv[2], "wb") as target:
    target.write(encryption.encrypt(source.read()))
"""

_CONFIG = """colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: true
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
    encrypt: true
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%F %r'
version: v4.6
"""


def query_words(count: int = 5) -> list[str]:
    """The first one-word queries of the in-window benchmark's list."""
    return [q for q in search_queries(40) if " " not in q][:count]


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed_runs(argv: list[str], repeat: int, *, env: dict[str, str], stdin: bytes | None = None
                ) -> tuple[float, float]:
    """Median (wall, CPU) of `repeat` runs, after one run that warms the file cache."""
    walls, cpus = [], []
    for n in range(repeat + 1):
        before, started = _children_cpu(), time.perf_counter()
        subprocess.run(argv, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=env, check=True, start_new_session=True, timeout=600)
        if n:
            walls.append(time.perf_counter() - started)
            cpus.append(_children_cpu() - before)
    return median(walls), median(cpus)


def cli_search(vault: BenchVault, queries: list[str], repeat: int, env: dict[str, str]
               ) -> dict[str, float]:
    script = Path(sys.executable).with_name("alliance-journal")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "alliance_journal"]
    env = {**env, "ALLIANCE_JOURNAL_PASSPHRASE": PASSPHRASE}
    runs = [_timed_runs([*command, "search", word, "--vault", str(vault.folder)], repeat, env=env)
            for word in queries]
    return {"wall": median([w for w, _ in runs]), "cpu": median([c for _, c in runs])}


@dataclass(frozen=True, slots=True)
class JrnlSide:
    command: Path
    config: Path
    password: str

    @classmethod
    def prepare(cls, jrnl: Path, vault: BenchVault, password: str) -> JrnlSide:
        """An encrypted jrnl journal of the vault's notes, written once beside its text."""
        journal = vault.text.with_suffix(".jrnl")
        config = vault.text.with_name("jrnl.yaml")
        if not journal.exists():
            python = _interpreter_of(jrnl)
            subprocess.run([str(python), "-c", _ENCRYPT, str(vault.text), str(journal)],
                           input=(password + "\n").encode(), check=True)
        config.write_text(_CONFIG.format(journal=journal), encoding="utf-8")
        return cls(jrnl, config, password)


def _interpreter_of(script: Path) -> Path:
    """The Python that runs a console script (from its #! line), else this one."""
    first = script.read_bytes().split(b"\n", 1)[0].decode(errors="replace")
    return Path(first[2:].strip()) if first.startswith("#!") and "python" in first else Path(sys.executable)


def jrnl_search(side: JrnlSide, queries: list[str], repeat: int) -> dict[str, float]:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    runs = [_timed_runs([str(side.command), "--config-file", str(side.config), "-contains", word,
                         "-n", "100"], repeat, env=env, stdin=(side.password + "\n").encode())
            for word in queries]
    return {"wall": median([w for w, _ in runs]), "cpu": median([c for _, c in runs])}
