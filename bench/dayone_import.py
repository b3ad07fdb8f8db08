"""`python -m bench.dayone_import`: a large Day One export into a real vault, timed.

The target of issue 15: a 10,000-entry Day One export imports in at most 10 s, with
memory flat as the export grows. This writes Day One JSON exports (.zip, one journal,
entries of 200-3,000 characters with Day One's escapes, tags, stars, photos and
locations to skip) of each size in `--sizes`, then for each one, in a fresh process
(so peak RSS belongs to that import alone), creates a vault (real SQLCipher; a cheap
Argon2id, since unlocking is not what is measured) and times `import_notes`.
Nothing is asserted: `tests/test_bench_dayone_import.py` only checks that a tiny run
prints every row.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from alliance_journal.crypto.kdf import KdfParams
from alliance_journal.domain.importers.dayone_text import escape
from alliance_journal.services.importers.run import import_notes
from alliance_journal.services.unlock import create_vault
from bench.measure import machine_facts, peak_rss_mb, timed
from bench.vaults import PASSPHRASE

TARGET_ENTRIES = 10_000
TARGET_SECONDS = 10.0
PROSE = ("the session felt slow and I noticed my hands tighten when she spoke of her father "
         "again; was it boredom, or something protecting me from the grief underneath? "
         "supervision next week - bring the late arrivals, the fee, the silence (twelve minutes!) "
         "and my urge to rescue. what did I not say? 1. pace 2. breath 3. the ending")
WORDS = PROSE.split(" ")
TAGS = ("supervision", "rupture", "fatigue", "hope", "boundaries", "grief", "Work", "Self care")


def _text(rng: random.Random) -> str:
    size = rng.randint(200, 3000)
    words: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(WORDS)
        words.append(word)
        length += len(word) + 1
    paragraphs = " ".join(words).split(" supervision ")
    return "# " + rng.choice(WORDS).capitalize() + "\n\n" + "\n\n".join(paragraphs)


def write_export(path: Path, entries: int, *, seed: int = 15) -> None:
    """A Day One export of `entries` entries, written as it goes (like the import, streamed)."""
    rng = random.Random(seed)
    start = datetime(2016, 1, 1, 7, 0, tzinfo=UTC)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("Journal.json", "w") as raw:
        raw.write(b'{"metadata": {"version": "1.0"}, "entries": [\n')
        for index in range(entries):
            moment = start + timedelta(hours=index * 7, minutes=rng.randint(0, 59))
            entry: dict[str, object] = {
                "uuid": f"{rng.getrandbits(128):032X}",
                "creationDate": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "modifiedDate": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "timeZone": rng.choice(("Europe/London", "America/New_York", "Asia/Tokyo")),
                "starred": rng.random() < 0.05, "duration": 0, "creationDevice": "Phone",
                "tags": rng.sample(TAGS, rng.randint(0, 3)), "text": escape(_text(rng)),
            }
            if rng.random() < 0.1:
                entry["photos"] = [{"identifier": f"{rng.getrandbits(64):X}", "type": "jpeg"}]
            if rng.random() < 0.2:
                entry["location"] = {"localityName": "Town", "latitude": 51.5, "longitude": -0.1}
            raw.write((("," if index else "") + json.dumps(entry, ensure_ascii=False) + "\n").encode())
        raw.write(b"]}\n")


def measure_one(export: Path, vault_folder: Path, kdf: KdfParams) -> dict[str, float]:
    """Create a vault and import `export` into it; seconds, entries and peak RSS."""
    vault, _ = create_vault(vault_folder, PASSPHRASE, kdf=kdf)
    with vault:
        summary, seconds = timed(lambda: import_notes(vault, export))
    return {"seconds": seconds, "entries": summary.entries, "peak_rss_mb": peak_rss_mb()}


def _child(args: argparse.Namespace) -> int:
    result = measure_one(args.export, args.vault_folder, KdfParams(memory_kib=args.kdf_memory_kib,
                                                                   iterations=1, lanes=1))
    print(json.dumps(result))
    return 0


def _measure(export: Path, folder: Path, args: argparse.Namespace) -> dict[str, float]:
    if args.in_process:
        return measure_one(export, folder, KdfParams(memory_kib=args.kdf_memory_kib, iterations=1, lanes=1))
    output = subprocess.run(
        [sys.executable, "-m", "bench.dayone_import", "--child", "--export", str(export),
         "--vault-folder", str(folder), "--kdf-memory-kib", str(args.kdf_memory_kib)],
        check=True, capture_output=True, text=True).stdout
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.dayone_import", description=__doc__)
    parser.add_argument("--sizes", default="2500,10000,40000",
                        help="entries in each export, comma-separated")
    hidden = argparse.SUPPRESS
    parser.add_argument("--kdf-memory-kib", type=int, default=1024, help=hidden)
    parser.add_argument("--in-process", action="store_true", help=hidden)
    parser.add_argument("--workdir-root", type=Path, help=hidden)
    parser.add_argument("--child", action="store_true", help=hidden)
    parser.add_argument("--export", type=Path, help=hidden)
    parser.add_argument("--vault-folder", type=Path, help=hidden)
    args = parser.parse_args(argv)
    if args.child:
        return _child(args)
    sizes = [int(s) for s in args.sizes.split(",")]
    workdir = Path(tempfile.mkdtemp(prefix="bench-dayone-", dir=args.workdir_root))
    try:
        rows = []
        for size in sizes:
            export = workdir / f"dayone-{size}.zip"
            write_export(export, size)
            result = _measure(export, workdir / f"vault-{size}", args)
            rows.append((size, export.stat().st_size / 1e6, result))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print("| Day One entries | export (zip) | imported | import time | entries/s | peak RSS | target |")
    print("|---:|---:|---:|---:|---:|---:|---|")
    for size, megabytes, result in rows:
        target = "—"
        if size == TARGET_ENTRIES:
            verdict = "PASS" if result["seconds"] <= TARGET_SECONDS else "FAIL"
            target = f"≤ {TARGET_SECONDS:.0f} s: {verdict}"
        print(f"| {size:,} | {megabytes:.1f} MB | {int(result['entries']):,} | {result['seconds']:.2f} s | "
              f"{result['entries'] / result['seconds']:,.0f} | {result['peak_rss_mb']:.0f} MB | {target} |")
    for key, value in machine_facts().items():
        print(f"- {key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
