"""Makes tests/domain/essay_8gram_digests.txt from the essay, or checks it (run by hand).

The prompts may take ideas from the seed essay but never its sentences. The essay is not
in the repository, so the tests check the prompts against these digests instead; this
script is the only thing that reads the essay, and only where the user points it:

    python -m tests.domain.essay_digests PATH/TO/seed-article.txt          # rewrite the file
    python -m tests.domain.essay_digests PATH/TO/seed-article.txt --check  # compare, exit 1 if stale

Run it when the essay changes; `--check` also confirms that no built-in prompt copies
eight consecutive words of the essay text itself.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections.abc import Sequence
from pathlib import Path

RUN = 8
DIGESTS = Path(__file__).with_name("essay_8gram_digests.txt")
HEADER = """\
# SHA-256 digests (first 16 hex digits) of every run of 8 consecutive words in
# shared/seed-article.txt, lower-cased, words = runs of [a-z0-9], joined by one space.
# Lets tests/domain/test_prompts.py check that no prompt copies the essay without the
# repository holding the essay's text.
# Regenerate: python -m tests.domain.essay_digests PATH/TO/seed-article.txt
"""


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def runs(text: str) -> set[str]:
    found = words(text)
    return {" ".join(found[i : i + RUN]) for i in range(len(found) - RUN + 1)}


def digest(run: str) -> str:
    return hashlib.sha256(run.encode()).hexdigest()[:16]


def digests_of(text: str) -> set[str]:
    return {digest(run) for run in runs(text)}


def shipped_digests(path: Path = DIGESTS) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="essay_digests", description=__doc__.splitlines()[0])
    parser.add_argument("essay", type=Path)
    parser.add_argument("--check", action="store_true", help="compare instead of rewriting")
    parser.add_argument("--digests", type=Path, default=DIGESTS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    text = args.essay.read_text(encoding="utf-8")
    expected = digests_of(text)
    if not args.check:
        args.digests.write_text(HEADER + "".join(f"{d}\n" for d in sorted(expected)), encoding="utf-8")
        print(f"wrote {len(expected)} digests to {args.digests}")
        return 0
    from alliance_journal.services.prompts import builtin_library

    copied = [p.id for p in builtin_library().prompts if runs(p.text) & runs(text)]
    stale = shipped_digests(args.digests) != expected
    for prompt_id in copied:
        print(f"prompt {prompt_id} copies eight words of the essay", file=sys.stderr)
    if stale:
        print(f"{args.digests.name} does not match the essay: rewrite it (run without --check)",
              file=sys.stderr)
    if copied or stale:
        return 1
    print(f"{len(expected)} digests match the essay; no prompt copies it")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
