"""`python -m bench.timeline_window`: a 2,000-entry timeline opened in the real main window.

The main-window target is "a timeline of 2,000 entries opens in under 100 ms and
scrolls smoothly". This builds a vault (real SQLCipher; a cheap Argon2id, since
unlocking is not what is measured) holding one client with `--entries` entries of
all eight kinds from the benchmark corpus (`bench/corpus.py`: bodies of 200–3,000
characters, fields, tags, amendments, a few in the trash), opens the real
`MainWindow` on it (Qt offscreen unless `QT_QPA_PLATFORM` says otherwise), and
measures, each over `--runs` runs:

- the service alone: `services.entries.timeline(vault, client)`;
- opening: from selecting the client in the clients list (My journal, holding a few
  entries, was selected before) until the timeline model is filled, and until the first
  screenful is painted (`processEvents()` then a synchronous `repaint()` of the list);
- scrolling: once the list is laid out, moving down one page at a time to the end,
  each page painted synchronously (`repaint()`); a page is one frame the user waits for.

The first open after unlocking reads pages SQLCipher has not decrypted yet (the Reflect
tab starts computing its nudges on a worker thread a moment later); it is reported
apart from the runs, which start once that work is done. PASS/FAIL judges the p95 against the target.
Nothing is asserted: `tests/bench/test_bench_timeline_window.py` only checks that a tiny run
prints every row.

"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from alliance_journal.app.runtime.settings import AppSettings
from alliance_journal.app.runtime.vault_session import VaultSession
from alliance_journal.app.runtime.workers import wait_for_all
from alliance_journal.app.window.main_window import MainWindow
from alliance_journal.crypto.kdf import KdfParams
from alliance_journal.domain.entries import Entry, EntryKind, default_fields
from alliance_journal.services.entries import save_entry, timeline
from alliance_journal.services.transfer import import_json
from alliance_journal.services.unlock import OpenVault, create_vault
from bench.corpus import make_corpus
from bench.measure import load_average, machine_facts, percentile

PASSPHRASE = "bench-timeline-window-passphrase"
#: Argon2id at its cheapest: the cipher is real, unlocking is not what this measures.
CHEAP_KDF = KdfParams(memory_kib=64, iterations=1, lanes=1)
JOURNAL_ENTRIES = 5
OPEN_LIMIT_MS = 100.0
FRAME_MS = 1000 / 60  # a page painted within one 60 Hz frame scrolls smoothly


@dataclass(frozen=True, slots=True)
class Figures:
    entries: int
    shown: int
    runs: int
    service_ms: list[float]
    model_ms: list[float]
    open_ms: list[float]
    first_open_ms: float
    layout_ms: float
    layout_stall_ms: float
    gc_full_ms: list[float]
    page_ms: list[float]
    pages: int


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.timeline_window", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=2000, help="entries of the client (2000)")
    parser.add_argument("--runs", type=int, default=20, help="opens measured (20)")
    parser.add_argument("--width", type=int, default=1220, help="window width (1220, the default)")
    parser.add_argument("--height", type=int, default=780, help="window height (780, the default)")
    parser.add_argument("--workdir-root", type=Path, help=argparse.SUPPRESS)  # for the smoke test
    return parser.parse_args(argv)


def ms_since(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def drain(app: QApplication) -> None:
    """Deliver everything pending (deferred deletes, queued signals, zero timers)."""
    for _ in range(3):
        app.processEvents()


def build_vault(folder: Path, entries: int) -> tuple[OpenVault, uuid.UUID]:
    """One client with `entries` entries, and a few in My journal (where each open starts)."""
    corpus = make_corpus(1, entries)
    vault, _recovery = create_vault(folder, PASSPHRASE, kdf=CHEAP_KDF)
    import_json(vault, corpus.document_bytes())
    for day in range(JOURNAL_ENTRIES):
        save_entry(vault, Entry(kind=EntryKind.REFLECTION, body=f"A quiet note, day {day + 1}.",
                                occurred_at=datetime(2024, 1, 1 + day, 18, tzinfo=UTC),
                                fields=default_fields(EntryKind.REFLECTION)))
    return vault, corpus.clients[0].id


@contextmanager
def main_window(folder: Path, vault: OpenVault, workdir: Path, size: tuple[int, int]) -> Iterator[MainWindow]:
    settings = AppSettings.for_path(workdir / "settings.ini")
    window = MainWindow(VaultSession(folder, vault), settings, autolock_ms=0)
    window.resize(*size)
    window.show()
    gc.freeze()  # as `app.main.launch` does once the window is up
    try:
        yield window
    finally:
        window.close()
        wait_for_all(20_000)
        if window.session.vault is not None:
            window.session.vault.close()
        window.deleteLater()


def open_timeline(app: QApplication, window: MainWindow, client_id: uuid.UUID) -> tuple[float, float]:
    """From My journal (a few entries), select the client: (ms until the model is filled,
    ms until the first screenful is painted)."""
    window.clients.select(None)
    drain(app)
    viewport = window.timeline.view.viewport()
    start = time.perf_counter()
    window.clients.select(client_id)  # the window loads the timeline in the signal
    filled = ms_since(start)
    app.processEvents()
    viewport.repaint()
    painted = ms_since(start)
    if window.timeline.client_id != client_id:
        raise RuntimeError("the window did not show the client")
    return filled, painted


def finish_layout(app: QApplication, window: MainWindow, quiet_ms: float = 250) -> tuple[float, float]:
    """Run the event loop until the batched layout is done (the scroll range has stopped
    changing for `quiet_ms`): (ms until its last change, longest single event-loop pass)."""
    bar = window.timeline.view.verticalScrollBar()
    start = last_change = time.perf_counter()
    last, longest = bar.maximum(), 0.0
    while ms_since(last_change) < quiet_ms:
        step = time.perf_counter()
        app.processEvents()
        longest = max(longest, ms_since(step))
        if bar.maximum() != last:
            last, last_change = bar.maximum(), time.perf_counter()
        time.sleep(0.002)  # not a busy loop
    return (last_change - start) * 1000, longest


class GcPauses:
    """Full (generation 2) collections of Python's cyclic garbage collector, and their ms."""

    def __init__(self) -> None:
        self.full: list[float] = []
        self._start = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.full.append(ms_since(self._start))

    @contextmanager
    def watching(self) -> Iterator[GcPauses]:
        gc.callbacks.append(self)
        try:
            yield self
        finally:
            gc.callbacks.remove(self)


def scroll_pages(window: MainWindow) -> list[float]:
    """Page down from the top to the bottom, painting each page; ms per page."""
    view = window.timeline.view
    bar, viewport = view.verticalScrollBar(), view.viewport()
    bar.setValue(0)
    viewport.repaint()
    times: list[float] = []
    while bar.value() < bar.maximum():
        start = time.perf_counter()
        bar.setValue(min(bar.maximum(), bar.value() + bar.pageStep()))
        viewport.repaint()
        times.append(ms_since(start))
    return times


def settle_nudges(app: QApplication, window: MainWindow, timeout_s: float = 60) -> None:
    """Let the Reflect tab's nudge computation start and finish (it waits for a pause)."""
    deadline = time.perf_counter() + timeout_s
    while not window.reflect.feed.is_settled() and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.01)
    wait_for_all(60_000)
    drain(app)


def sample(fn: Callable[[], float], runs: int) -> list[float]:
    return [fn() for _ in range(runs)]


def measure(args: argparse.Namespace, workdir: Path) -> Figures:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([])
    folder = workdir / "vault"
    vault, client_id = build_vault(folder, args.entries)
    with main_window(folder, vault, workdir, (args.width, args.height)) as window:
        drain(app)
        # As right after unlocking: pages not yet decrypted.
        _filled, first_open = open_timeline(app, window, client_id)
        settle_nudges(app, window)  # the steady state: a user picking one client after another
        drain(app)
        with GcPauses().watching() as pauses:
            opens = [open_timeline(app, window, client_id) for _ in range(args.runs)]
        layout, stall = finish_layout(app, window)
        page_ms = scroll_pages(window)
        shown = len(window.timeline.model.visible_entries())

        def service() -> float:
            start = time.perf_counter()
            timeline(vault, client_id)
            return ms_since(start)

        service_ms = sample(service, args.runs)
    return Figures(entries=args.entries, shown=shown, runs=args.runs, service_ms=service_ms,
                   model_ms=[m for m, _ in opens], open_ms=[p for _, p in opens],
                   first_open_ms=first_open, layout_ms=layout, layout_stall_ms=stall,
                   gc_full_ms=pauses.full, page_ms=page_ms, pages=len(page_ms))


def _row(label: str, values: list[float], target: str = "—", limit: float | None = None) -> str:
    if not values:
        return f"| {label} | — | — | — | {target} | — |"
    p50, p95, worst = percentile(values, 50), percentile(values, 95), max(values)
    verdict = "—" if limit is None else ("PASS" if p95 <= limit else "FAIL")
    return f"| {label} | {p50:.1f} | {p95:.1f} | {worst:.1f} | {target} | {verdict} |"


def render(argv: list[str], f: Figures, seconds: float) -> str:
    facts = "\n".join(f"- {name}: {value}" for name, value in machine_facts().items()
                      if name != "plain baseline")  # no plain side here
    load = load_average()
    lines = [
        f"## Timeline of {f.entries:,} entries in the window",
        f"Command: `{' '.join(['python -m bench.timeline_window', *argv])}`",
        f"{facts}\n- Qt platform: {os.environ.get('QT_QPA_PLATFORM', '')}\n"
        f"- entries: {f.entries:,} of one client ({f.shown:,} shown, the rest in the trash); "
        f"runs: {f.runs}; pages scrolled: {f.pages}; wall time {seconds:.1f} s\n"
        f"- load average (1, 5, 15 min) at end: {load}",
        "| step | p50 ms | p95 ms | max ms | target | result |\n|---|---:|---:|---:|---|---|\n"
        + "\n".join([
            _row("service alone: timeline(vault, client)", f.service_ms),
            _row("select client → timeline model filled", f.model_ms),
            _row("select client → first screenful painted", f.open_ms, f"≤ {OPEN_LIMIT_MS:g} ms",
                 OPEN_LIMIT_MS),
            _row("scroll one page down, painted", f.page_ms, f"≤ {FRAME_MS:.1f} ms (60 Hz)", FRAME_MS),
        ]),
        f"- first open right after unlocking (pages read cold): "
        f"{f.first_open_ms:.1f} ms\n"
        f"- laying out the rest of the list after the first paint (batches of 100 rows between "
        f"events): {f.layout_ms:.0f} ms in all, longest event-loop pass {f.layout_stall_ms:.1f} ms\n"
        f"- Python's full garbage collections during the {f.runs} opens: {len(f.gc_full_ms)}"
        + (f", {max(f.gc_full_ms):.0f} ms the longest" if f.gc_full_ms else "") + "\n"
        f"- scrolling top to bottom: {sum(f.page_ms):.0f} ms for {f.pages} pages",
    ]
    return "\n\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="aj-bench-window-", dir=args.workdir_root))
    try:
        figures = measure(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(render(argv, figures, time.perf_counter() - started), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
