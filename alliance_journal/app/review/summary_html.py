"""The text parts of the Relationship tab as small HTML tables (escaped: notes are user text)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from alliance_journal.domain.vocabulary import label
from alliance_journal.services.review.container import Attendance
from alliance_journal.services.review.countertransference import Evoked
from alliance_journal.services.review.transference import CcrtSummary, RecurringText

_TABLE = '<table cellspacing="0" cellpadding="3" width="100%">'
#: Rows shown per list on screen: the most recurring wordings, the latest interventions and
#: reactions. The report carries them all; a screen of thousands of lines would help no one.
SHOWN = 8


def _more(total: int) -> str:
    hidden = total - SHOWN
    return f"<br><i>… and {hidden} more (all of them in the supervision report)</i>" if hidden > 0 else ""


def _wordings(found: tuple[RecurringText, ...]) -> str:
    if not found:
        return "<i>none recorded</i>"
    return "<br>".join(escape(w.text) + (f" <b>×{w.count}</b>" if w.count > 1 else "")
                       for w in found[:SHOWN]) + _more(len(found))


def ccrt_html(summaries: Iterable[CcrtSummary]) -> str:
    parts = []
    for s in summaries:
        rows = [("Wishes", _wordings(s.wishes)),
                ("Responses of other", _wordings(s.responses_of_other)),
                ("Responses of self", _wordings(s.responses_of_self))]
        tried = "<br>".join(
            f"{i.ref.day:%d %b}: {escape(i.intervention) or '—'} → {escape(i.client_response) or '—'}"
            for i in s.interventions[-SHOWN:]) or "<i>none recorded</i>"
        tried += _more(len(s.interventions))
        rows.append(("Interventions → responses", tried))
        body = "".join(f'<tr><td width="28%" valign="top"><b>{h}</b></td><td>{v}</td></tr>'
                       for h, v in rows)
        parts.append(
            f"<p><b>{escape(s.title)}</b> · {s.entries} entries, {s.first_seen:%d %b %Y} – "
            f"{s.last_seen:%d %b %Y} · now {escape(label(s.current_status).lower())}</p>"
            f"{_TABLE}{body}</table>")
    return "".join(parts) or "<i>No transference entries in this range.</i>"


def evoked_html(evoked: Sequence[Evoked]) -> str:
    latest = evoked[-SHOWN * 2:]
    rows = "".join(
        f"<tr><td valign='top' width='14%'>{e.ref.day:%d %b %Y}</td>"
        f"<td valign='top'>{escape(', '.join(e.feelings))}</td>"
        f"<td valign='top'>{escape(e.evoked) or '—'}</td><td valign='top'>{escape(e.urge) or '—'}</td></tr>"
        for e in latest)
    if not rows:
        return "<i>Nothing recorded under “evoked” or “urge” in this range.</i>"
    head = "<tr><th align='left'>Date</th><th align='left'>Feelings</th>" \
           "<th align='left'>What this client evokes in me</th><th align='left'>Urge</th></tr>"
    more = (f"<p><i>The latest {len(latest)} of {len(evoked)}; all of them are in the "
            "supervision report.</i></p>") if len(evoked) > len(latest) else ""
    return f"{_TABLE}{head}{rows}</table>{more}"


def attendance_text(attendance: Attendance | None) -> str:
    if attendance is None:
        return "Attendance: the work did not overlap this range."
    if attendance.percent is None:
        return f"Attendance: {attendance.recorded} sessions recorded; no regular contract."
    return (f"Attendance: {attendance.recorded} sessions recorded of {attendance.expected:.1f} "
            f"contracted ({attendance.frequency.value}) over {attendance.days} days: "
            f"{attendance.percent} %")
