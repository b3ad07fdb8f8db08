"""The table: encrypted beside plain, the slowdown, and PASS/FAIL against the targets.

Absolute targets are judged on the encrypted figure (that is what users run); the
slowdown targets (≤ 1.5× on reads, ≤ 2.5× on bulk import) on encrypted/plain.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from alliance_journal.services.search import RANKED_MATCH_LIMIT
from bench.measure import median

Results = Mapping[str, float]


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    key: str
    unit: str
    scale: float = 1.0
    limit: float | None = None
    max_ratio: float | None = None
    higher_is_better: bool = False
    encrypted_only: bool = False

    def target(self) -> str:
        parts = []
        if self.limit is not None:
            parts.append(f"≤ {self.limit:g} {self.unit}")
        if self.max_ratio is not None:
            parts.append(f"≤ {self.max_ratio:g}×")
        return ", ".join(parts) or "—"


ROWS: tuple[Row, ...] = (
    Row("bulk import (import_json)", "import_rate", "entries/s", max_ratio=2.5, higher_is_better=True),
    Row("bulk import: total time", "import_s", "s"),
    Row("bulk import: validating the document alone", "parse_s", "s"),
    Row("unlock: Argon2id KDF (default parameters)", "kdf_s", "s", encrypted_only=True),
    Row("unlock: open engine + migrations check", "open_s", "ms", scale=1000, max_ratio=1.5),
    Row("unlock: first query (list_clients)", "first_query_s", "ms", scale=1000, max_ratio=1.5),
    Row("unlock: total (unlock_vault + first query)", "unlock_total_s", "s", limit=1.0),
    Row("timeline of one client: p50", "timeline_p50_ms", "ms", max_ratio=1.5),
    Row("timeline of one client: p95", "timeline_p95_ms", "ms", limit=50),
    Row("search: p50", "search_p50_ms", "ms", max_ratio=1.5),
    Row("search: p95", "search_p95_ms", "ms", limit=30),
    Row("durable save (synchronous=FULL): p50", "save_p50_ms", "ms"),
    Row("durable save (synchronous=FULL): p95", "save_p95_ms", "ms", limit=20),
    Row("export to a file (streamed)", "export_s", "s", max_ratio=1.5),
    Row("full integrity check (before every backup)", "integrity_s", "s", limit=1.0),
    Row("  its part: PRAGMA cipher_integrity_check", "integrity_cipher_s", "s", encrypted_only=True),
    Row("  its part: PRAGMA quick_check", "integrity_quick_s", "s"),
    Row("  not used: PRAGMA integrity_check", "integrity_full_s", "s"),
    Row("peak RSS: import process", "rss_import_mb", "MB", limit=300),
    Row("peak RSS: unlock, timeline, search, saves", "rss_use_mb", "MB", limit=300),
    Row("peak RSS: the above + export", "rss_export_mb", "MB", limit=300),
)


def _fmt(value: float, unit: str) -> str:
    if unit in {"entries/s", "MB"}:
        return f"{value:,.0f}"
    if unit == "ms":
        return f"{value:.1f}"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def slowdown(row: Row, encrypted: float, plain: float) -> float | None:
    """How many times longer the encrypted side takes (for rates: plain/encrypted)."""
    if row.encrypted_only or encrypted <= 0 or plain <= 0:
        return None
    return plain / encrypted if row.higher_is_better else encrypted / plain


def verdict(row: Row, encrypted: float, ratio: float | None) -> str:
    if row.limit is None and row.max_ratio is None:
        return "—"
    failed = []
    if row.limit is not None and encrypted * row.scale > row.limit:
        failed.append("target")
    if row.max_ratio is not None and ratio is not None and ratio > row.max_ratio:
        failed.append("ratio")
    return "PASS" if not failed else f"FAIL ({', '.join(failed)})"


Run = tuple[Results, Results]  # (encrypted, plain) of one full run


def medians(results: Sequence[Results]) -> dict[str, float]:
    return {key: median([r[key] for r in results]) for key in results[0]}


def table(runs: Sequence[Run], *, shared_process: bool = False) -> str:
    """Medians over runs; the ratio is the median of each run's own (paired) ratio."""
    spread = len(runs) > 1
    encrypted = medians([e for e, _ in runs])
    plain = medians([p for _, p in runs])
    head = "| operation | encrypted | plain | unit | enc/plain | target | result |"
    rule = "|---|---:|---:|---|---:|---|---|"
    if spread:
        head += f" encrypted, enc/plain over {len(runs)} runs (min–max) |"
        rule += "---|"
    lines = [head, rule]
    for row in ROWS:
        enc, pla = encrypted[row.key], plain.get(row.key)
        ratios = [r for e, p in runs if (r := slowdown(row, e[row.key], p.get(row.key, 0.0)))]
        ratio = median(ratios) if ratios and pla is not None else None
        label = row.label + (" *" if shared_process and row.unit == "MB" else "")
        line = (
            f"| {label} | {_fmt(enc * row.scale, row.unit)} | "
            f"{'—' if pla is None or row.encrypted_only else _fmt(pla * row.scale, row.unit)} | "
            f"{row.unit} | {'—' if ratio is None else f'{ratio:.2f}×'} | {row.target()} | "
            f"{verdict(row, enc, ratio)} |")
        if spread:
            values = [e[row.key] * row.scale for e, _ in runs]
            line += f" {_fmt(min(values), row.unit)}–{_fmt(max(values), row.unit)}"
            line += f"; {min(ratios):.2f}–{max(ratios):.2f}× |" if ratio is not None else " |"
        lines.append(line)
    if shared_process:
        lines.append("\n\\* both sides ran in one process (--in-process): RSS is not per side.")
    return "\n".join(lines)


def details(runs: Sequence[Run]) -> str:
    """The context behind the rows: sizes, hits, the first (coldest) unlock."""
    encrypted = medians([e for e, _ in runs])
    plain = medians([p for _, p in runs])
    return "\n".join([
        f"- entries imported: {encrypted['entries']:,.0f}; export size "
        f"{encrypted['export_mb']:.1f} MB",
        f"- timeline: median {encrypted['timeline_entries']:.0f} entries per client, "
        "a different client each run",
        f"- search: {encrypted['search_matches_p50']:,.0f} matching notes per query at p50, "
        f"{encrypted['search_matches_p95']:,.0f} at p95 (of {encrypted['entries']:,.0f}); "
        f"median {encrypted['search_hits']:.0f} hits returned (limit 100); "
        f"{encrypted.get('search_newest_first', 0):.0f} of the queries matched more than "
        f"{RANKED_MATCH_LIMIT:,} notes and listed the newest matches instead of ranking them",
        f"- unlock, first run in the process: {encrypted['unlock_first_s']:.3f} s "
        f"(median of unlocks: {encrypted['unlock_total_s']:.3f} s); plain open + first query "
        f"{plain['unlock_total_s'] * 1000:.1f} ms",
        f"- validating the document is {encrypted['parse_s'] / encrypted['import_s']:.0%} of the "
        f"encrypted import and {plain['parse_s'] / plain['import_s']:.0%} of the plain one",
    ])
