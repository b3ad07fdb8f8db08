"""`python -m bench.review`: the review views and the PDF report at the 50k-entry vault.

Builds the benchmark caseload (200 clients x 250 entries) plus one client with 2,000
entries, imports it into a real encrypted vault in a private temporary folder, and
times, on an offscreen QApplication:

- the Relationship tab of the 2,000-entry client, from reading the vault to the first
  paint of the panel (all time, every chart);
- My practice over the 200 clients (last 90 days of the corpus), to the first paint;
- the 2,000-entry supervision report as PDF on a worker thread (with progress and a
  cancel check), and the longest the GUI thread went without turning its event loop
  meanwhile (how responsive the window stays).

Figures go in docs/performance.md, never in timed unit tests.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.corpus import Corpus, make_corpus

BIG_CODE = "BIG-2000"


def build_corpus(clients: int, per_client: int, big: int) -> Corpus:
    main = make_corpus(clients, per_client)
    extra = make_corpus(1, big, seed=20_261_206)
    big_client = extra.clients[0].model_copy(update={"code": BIG_CODE})
    return Corpus([*main.clients, big_client], [*main.entries, *extra.entries])


#: CPU time of this process per timed call, beside the wall time: on a shared machine the
#: wall time also counts the waits for a core.
CPU_MS: list[float] = []


def median_ms(fn: Callable[[], object], runs: int) -> tuple[float, float, list[float]]:
    times = []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - start) * 1000)
        CPU_MS.append((time.process_time() - cpu) * 1000)
    return statistics.median(times), max(times), times


@dataclass(frozen=True, slots=True)
class PdfRun:
    seconds: float
    stall_ms: int
    size: int
    updates: int


def time_pdf_on_worker(app: Any, vault: Any, today: date) -> PdfRun:
    """The de-identified PDF report of the big client on a worker, as the window runs it,
    with a 5 ms timer on the GUI thread recording the longest gap between its ticks."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    from alliance_journal.app.review.pdf_report import pdf_report_bytes
    from alliance_journal.app.runtime.workers import start_worker
    from alliance_journal.services.review.basis import DateRange
    from alliance_journal.services.review.report import ReportRequest, build_report

    def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> bytes:
        report = build_report(vault, ReportRequest(BIG_CODE, DateRange(), deidentify=True), today)
        return pdf_report_bytes(report, progress, cancelled)

    done: list[bytes] = []
    updates: list[int] = []
    loop, clock, ticker = QEventLoop(), QElapsedTimer(), QTimer()
    gap = [0]
    ticker.setInterval(5)
    ticker.timeout.connect(lambda: gap.__setitem__(0, max(gap[0], clock.restart())))
    start, cpu = time.perf_counter(), time.process_time()
    clock.start()
    ticker.start()
    start_worker(app, work, on_done=lambda data: (done.append(data), loop.quit()),
                 on_error=lambda error: loop.quit(), on_progress=lambda d, t: updates.append(d))
    loop.exec()
    ticker.stop()
    CPU_MS.append((time.process_time() - cpu) * 1000)
    return PdfRun(time.perf_counter() - start, gap[0], len(done[0]) if done else 0, len(updates))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.review", description=__doc__)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--entries-per-client", type=int, default=250)
    parser.add_argument("--big", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--kdf-memory-kib", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication

    from alliance_journal.app.review.practice_panel import PracticePanel
    from alliance_journal.app.review.relationship_panel import RelationshipPanel
    from alliance_journal.crypto.kdf import KdfParams
    from alliance_journal.services.clients import find_client
    from alliance_journal.services.review.basis import DateRange, day_of
    from alliance_journal.services.review.overview import relationship_overview
    from alliance_journal.services.review.practice import practice_overview
    from alliance_journal.services.transfer import import_json
    from alliance_journal.services.unlock import create_vault

    app = QApplication.instance() or QApplication(["bench"])
    corpus = build_corpus(args.clients, args.entries_per_client, args.big)
    kdf = KdfParams(memory_kib=args.kdf_memory_kib, iterations=1, lanes=1) if args.kdf_memory_kib else None
    with tempfile.TemporaryDirectory(prefix="aj-bench-review-") as folder:
        vault, _ = create_vault(Path(folder) / "vault", "bench-review-passphrase-1", kdf=kdf)
        with vault:
            started = time.perf_counter()
            import_json(vault, corpus.document_bytes(), source="bench document")
            print(f"imported {len(corpus.entries):,} entries in {time.perf_counter() - started:.1f} s")
            big = find_client(vault, BIG_CODE)
            main_entries = [e for e in corpus.entries if e.client_id != big.id]
            today = max(day_of(e) for e in main_entries)
            today_big = max(day_of(e) for e in corpus.entries if e.client_id == big.id)

            relationship = RelationshipPanel()
            relationship.resize(1200, 900)
            relationship.show()

            def open_overview() -> None:
                overview = relationship_overview(vault, big.id, DateRange(), today_big)
                relationship.show_overview(overview, BIG_CODE)
                app.processEvents()  # the layout the new content asks for
                relationship.repaint()  # the first paint, synchronously

            cold = median_ms(open_overview, 1)[0]
            overview_p50, overview_max, _ = median_ms(open_overview, args.runs)
            practice = PracticePanel()
            practice.resize(1200, 900)
            practice.show()
            last_90 = DateRange(today - timedelta(days=89), today)

            def open_practice() -> None:
                practice.show_practice(practice_overview(vault, last_90, today))
                app.processEvents()
                practice.repaint()

            practice_cold = median_ms(open_practice, 1)[0]
            practice_p50, practice_max, _ = median_ms(open_practice, args.runs)
            in_range = practice_overview(vault, last_90, today)

            pdf_runs = [time_pdf_on_worker(app, vault, today_big)
                         for _ in range(max(1, args.runs // 2 + 1))]
    print(f"load average at the end: {os.getloadavg()}; CPU ms per timed call, in order: "
          f"{[round(c) for c in CPU_MS]}")
    print(f"relationship tab, {args.big:,}-entry client, read to first paint: cold {cold:.0f} ms, "
          f"median {overview_p50:.0f} ms, max {overview_max:.0f} ms over {args.runs} runs "
          f"(target <= 150 ms)")
    print(f"my practice, {len(in_range.clients)} active clients of {args.clients}, last 90 days: "
          f"cold {practice_cold:.0f} ms, median {practice_p50:.0f} ms, max {practice_max:.0f} ms "
          f"(target <= 300 ms)")
    pdf_times = [run.seconds for run in pdf_runs]
    print(f"pdf report, {args.big:,} entries, on a worker: median {statistics.median(pdf_times):.2f} s, "
          f"max {max(pdf_times):.2f} s over {len(pdf_times)} runs (target <= 3 s); "
          f"{pdf_runs[0].size / 1e6:.1f} MB; longest GUI-thread stall per run "
          f"{[run.stall_ms for run in pdf_runs]} ms; progress updates "
          f"{min(run.updates for run in pdf_runs)}; runs {[round(t, 2) for t in pdf_times]} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
