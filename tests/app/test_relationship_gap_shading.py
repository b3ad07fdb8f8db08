"""The Relationship tab shades the liking gap exactly where the liked-not-trusted nudge
would speak: one threshold (`NudgeThresholds.liking_gap`), one story."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from itertools import product

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QImage, QPainter, QPalette

from alliance_journal.app.review.chart_frame import ChartStyle
from alliance_journal.app.review.relationship_charts import AllianceChartView
from alliance_journal.domain.clients import Client, Frequency
from alliance_journal.domain.entries import AllianceFields, Entry
from alliance_journal.domain.nudges import NudgeRule, NudgeThresholds, find_nudges
from alliance_journal.services.prompts import builtin_library
from alliance_journal.services.review.alliance import alliance_chart

pytestmark = pytest.mark.gui

TODAY = date(2026, 6, 30)
CLIENT = Client(code="A1", started_on=date(2024, 1, 8), frequency=Frequency.IRREGULAR)
RATINGS = (None, 1, 2, 3, 4, 5)
LIBRARY = builtin_library()


def _check(days_ago: int, liking: int | None, trust: int | None, respect: int | None) -> Entry:
    fields = AllianceFields(client_likes_me=liking, client_trusts_me=trust, client_respects_me=respect)
    when = datetime.combine(TODAY - timedelta(days=days_ago), time(12))
    return Entry(client_id=CLIENT.id, kind=fields.kind, occurred_at=when, fields=fields)


def _nudge_speaks(check: Entry, thresholds: NudgeThresholds) -> bool:
    """Whether liked-not-trusted fires with this check as the client's latest."""
    found = find_nudges([CLIENT], [check], today=TODAY, library=LIBRARY,
                        thresholds=thresholds)
    return any(n.rule is NudgeRule.LIKED_NOT_TRUSTED for n in found)


def _shaded_days(view: AllianceChartView) -> set[str]:
    image = QImage(2400, 600, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        hits = view.paint(painter, QRectF(0, 0, 2400, 600), ChartStyle.from_palette(QPalette(), QFont()))
    finally:
        painter.end()
    return {h.refs[0].entry_id.hex for h in hits if h.text.split(" · ", 1)[-1].startswith("liking ")}


@pytest.mark.parametrize("gap", [1, 2, 3])
def test_shaded_checks_are_those_where_the_nudge_speaks(qtbot, gap):
    thresholds = NudgeThresholds(liking_gap=gap)
    combos = list(product(RATINGS, repeat=3))
    checks = [_check(len(combos) - i, *combo) for i, combo in enumerate(combos)]
    chart = alliance_chart(checks, thresholds)
    view = AllianceChartView(chart, TODAY - timedelta(days=len(combos) + 1), TODAY)
    speaking = {c.id.hex for c in checks if _nudge_speaks(c, thresholds)}
    assert speaking  # the rule does fire on some of them, and not on all
    assert len(speaking) < len(checks)
    assert {g.ref.entry_id.hex for g in chart.gaps if g.shaded} == speaking
    assert _shaded_days(view) == speaking


def test_a_gap_of_exactly_the_threshold_is_shaded():
    chart = alliance_chart([_check(3, 5, 3, 4), _check(2, 4, 3, 3)], NudgeThresholds())
    assert [(g.gap, g.shaded) for g in chart.gaps] == [(2, True), (1, False)]
