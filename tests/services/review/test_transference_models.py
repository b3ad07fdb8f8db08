"""Transference lanes, status changes and the CCRT grouping, from entries in memory."""

from __future__ import annotations

from alliance_journal.domain.entries import SessionFields, TransferenceFields
from alliance_journal.domain.vocabulary import Figure, TransferenceStatus
from alliance_journal.services.review.transference import (
    ccrt_summaries,
    group_wordings,
    statuses,
    transference_lanes,
    wording_key,
)
from tests.services.review.builders import day, entry

S = list(TransferenceStatus)


def _t(figure: Figure, status: TransferenceStatus, days_ago: int, **more: str):
    return entry(TransferenceFields(figure=figure, status=status, **more), days_ago,
                 body=f"Seen on day {days_ago}.\nMore.")


def test_one_lane_per_figure_in_vocabulary_order_with_marks_oldest_first() -> None:
    entries = [
        _t(Figure.CRITIC, S[0], 90), _t(Figure.ABANDONER, S[1], 80), _t(Figure.CRITIC, S[1], 60),
        _t(Figure.CRITIC, S[1], 40), _t(Figure.CRITIC, S[2], 20),
        entry(SessionFields(), 10),
    ]
    lanes = transference_lanes(reversed(entries))
    order = list(Figure)
    assert [lane.figure for lane in lanes] == sorted({Figure.CRITIC, Figure.ABANDONER},
                                                     key=order.index)
    critic = next(lane for lane in lanes if lane.figure is Figure.CRITIC)
    assert [m.ref.day for m in critic.marks] == [day(90), day(60), day(40), day(20)]
    assert [m.changed_from for m in critic.marks] == [None, S[0], None, S[1]]
    assert [m.status for m in critic.changes] == [S[1], S[2]]
    assert critic.current_status is S[2]
    assert critic.marks[0].ref.first_words == "Seen on day 90."


def test_other_figures_are_told_apart_by_their_words() -> None:
    entries = [_t(Figure.OTHER, S[0], 30, figure_other="Older sister"),
               _t(Figure.OTHER, S[0], 20, figure_other="older sister "),
               _t(Figure.OTHER, S[0], 10, figure_other="Coach")]
    assert sorted(lane.title for lane in transference_lanes(entries)) == ["Coach", "Older sister"]


def test_statuses_come_from_the_domain_vocabulary() -> None:
    assert statuses() == tuple(TransferenceStatus)


def test_same_words_recur_as_one_group_whatever_the_case_order_or_filler() -> None:
    assert wording_key("To be seen.") == wording_key("be SEEN")
    assert wording_key("to be seen") != wording_key("to be heard")
    one, two, three = (entry(SessionFields(), n) for n in (30, 20, 10))
    grouped = group_wordings([(one, "to be heard"), (two, "To be seen"), (three, "be seen."),
                              (one, "  ")])
    assert [(g.text, g.count) for g in grouped] == [("To be seen", 2), ("to be heard", 1)]


def test_ccrt_summary_per_figure() -> None:
    entries = [
        _t(Figure.CRITIC, S[0], 90, wish="to be seen", response_of_other="marks me down",
           response_of_self="I apologise"),
        _t(Figure.CRITIC, S[1], 60, wish="To be seen.", response_of_other="finds fault",
           intervention="named the examiner", client_response="laughed, then agreed"),
        _t(Figure.CRITIC, S[2], 30, wish="to be left alone", response_of_self="I apologise!"),
        _t(Figure.RESCUER, S[0], 50, wish="to be looked after"),
    ]
    critic, rescuer = ccrt_summaries(entries)
    assert critic.figure is Figure.CRITIC and rescuer.figure is Figure.RESCUER
    assert [(w.text, w.count) for w in critic.wishes] == [("to be seen", 2),
                                                          ("to be left alone", 1)]
    assert [w.count for w in critic.responses_of_self] == [2]
    assert len(critic.responses_of_other) == 2
    assert [(i.intervention, i.client_response) for i in critic.interventions] == [
        ("named the examiner", "laughed, then agreed")]
    assert (critic.first_seen, critic.last_seen) == (day(90), day(30))
    assert critic.current_status is S[2] and critic.entries == 3
