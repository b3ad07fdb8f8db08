"""The supervision report as Markdown: heading, one section per part, then the entries.

"Not rated" is written as "not rated", never as a number. Table cells are escaped so a
note's own `|` or line breaks cannot break the table.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from alliance_journal.domain.entries import KIND_TITLES, Entry, EntryKind
from alliance_journal.domain.vocabulary import ContainerEvent, label
from alliance_journal.services.review.alliance import ALLIANCE_RATINGS, WORKING_ALLIANCE
from alliance_journal.services.review.basis import day_of
from alliance_journal.services.review.countertransference import factor_keys
from alliance_journal.services.review.report import SupervisionReport
from alliance_journal.services.review.transference import RecurringText

NOT_RATED = "not rated"
PRIVATE_NOTICE = ("Private process notes prepared for supervision; not part of the clinical "
                  "record. Plaintext: keep it safe and delete it when it has served.")


def cell(value: object) -> str:
    text = " ".join(str(value).split())
    return text.replace("\\", "\\\\").replace("|", "\\|") or "—"


def _table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> list[str]:
    heads = [cell(h) for h in header]
    lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return lines


def _rated(value: int | None) -> str:
    return NOT_RATED if value is None else str(value)


def _wordings(title: str, found: tuple[RecurringText, ...]) -> list[str]:
    if not found:
        return [f"- {title}: none recorded"]
    parts = [f"{w.text} (×{w.count})" if w.count > 1 else w.text for w in found]
    return [f"- {title}: " + "; ".join(parts)]


def transference_section(report: SupervisionReport) -> list[str]:
    lines = ["## Transference by figure", ""]
    if not report.overview.ccrt:
        return [*lines, "No transference entries in this range.", ""]
    lanes = {lane.title: lane for lane in report.overview.lanes}
    for summary in report.overview.ccrt:
        lines += [f"### {summary.title}", "",
                  f"{summary.entries} entries, first seen {summary.first_seen}, last seen "
                  f"{summary.last_seen}; now {label(summary.current_status).lower()}.", ""]
        changes = lanes[summary.title].changes if summary.title in lanes else ()
        if changes:
            lines += ["Status changes: " + "; ".join(
                f"{m.ref.day}: {label(m.changed_from).lower()} → {label(m.status).lower()}"
                for m in changes if m.changed_from is not None), ""]
        lines += _wordings("Wishes", summary.wishes)
        lines += _wordings("Responses of other", summary.responses_of_other)
        lines += _wordings("Responses of self", summary.responses_of_self)
        lines.append("")
        if summary.interventions:
            lines += _table(("Date", "Intervention tried", "Client's response"),
                            ((i.ref.day, i.intervention, i.client_response)
                             for i in summary.interventions))
            lines.append("")
    return lines


def alliance_section(report: SupervisionReport) -> list[str]:
    chart = report.overview.alliance
    lines = ["## Alliance", ""]
    if not chart.checks:
        return [*lines, "No alliance checks in this range.", ""]
    series = (*chart.ratings, *chart.working)
    ruptures = {m.ref.entry_id: m for m in chart.ruptures}
    repairs = {m.ref.entry_id: m for m in chart.repairs}
    rows = []
    for index, ref in enumerate(chart.checks):
        rupture = ruptures.get(ref.entry_id)
        repair = repairs.get(ref.entry_id)
        rows.append((ref.day, *(_rated(s.points[index].value) for s in series),
                     label(rupture.rupture).lower() if rupture else "",
                     label(repair.repair).lower() if repair else ""))
    titles = [t for _, t in (*ALLIANCE_RATINGS, *WORKING_ALLIANCE)]
    lines += _table(("Date", *titles, "Rupture", "Repair"), rows)
    lines.append("")
    for rupture in chart.ruptures:
        state = "repaired since" if rupture.repaired else "not yet repaired"
        lines.append(f"- {label(rupture.rupture)} rupture on {rupture.ref.day}: {state}.")
    for gap in chart.gaps:
        if gap.shaded:
            lines.append(f"- {gap.ref.day}: liking {gap.liking}, trust or respect {gap.lowest}"
                         f" (a gap of {gap.gap}).")
    thresholds = "; ".join(f"{a.title} at {a.value}" for a in chart.alert_lines)
    lines += [f"- Nudge thresholds: {thresholds}.", ""]
    return lines


def countertransference_section(report: SupervisionReport) -> list[str]:
    chart = report.overview.countertransference
    lines = ["## Countertransference", ""]
    if not chart.intensity:
        return [*lines, "No countertransference entries in this range.", ""]
    used = [k for k in factor_keys() if any(m.count(k) for m in chart.months)]
    lines += _table(("Month", *used), ((m.month.strftime("%Y-%m"), *(m.count(k) for k in used))
                                       for m in chart.months if m.total))
    lines += ["", "Intensity: " + ", ".join(f"{p.ref.day} {_rated(p.value)}"
                                            for p in chart.intensity), ""]
    if chart.evoked:
        lines += ["What this client evokes in me:", ""]
        lines += _table(("Date", "Feelings", "Evoked", "Urge"),
                        ((e.ref.day, ", ".join(e.feelings), e.evoked, e.urge) for e in chart.evoked))
        lines.append("")
    return lines


def container_section(report: SupervisionReport) -> list[str]:
    chart = report.overview.container
    lines = ["## Container", ""]
    found = chart.attendance
    if found is None:
        lines.append("Attendance: the work did not overlap this range.")
    elif found.percent is None:
        lines.append(f"Attendance: {found.recorded} sessions recorded; no regular contract.")
    else:
        lines.append(f"Attendance: {found.recorded} sessions recorded of {found.expected:.1f} "
                     f"contracted ({found.frequency.value}) over {found.days} days: "
                     f"{found.percent} %.")
    lines.append("")
    if chart.events:
        used = [e for e in ContainerEvent if any(m.refs.get(e) for m in chart.months)]
        lines += _table(("Month", *(label(e) for e in used)),
                        ((m.month.strftime("%Y-%m"), *(len(m.refs.get(e, ())) for e in used))
                         for m in chart.months if m.total))
        lines += ["", *_table(("Date", "Event", "Minutes late", "Addressed"), (
            (e.ref.day, label(e.event), "" if e.minutes_late is None else e.minutes_late,
             "yes" if e.addressed else "no") for e in chart.events)), ""]
    else:
        lines += ["No container events in this range.", ""]
    return lines


def entry_lines(entry: Entry) -> list[str]:
    lines = [f"### {day_of(entry)} · {KIND_TITLES[entry.kind]}", ""]
    if entry.tags:
        lines += ["Tags: " + ", ".join(entry.tags), ""]
    for name, value in entry.fields.model_dump(exclude={"kind", *_INTERNAL_IDS}).items():
        if value in ("", [], None):
            text = NOT_RATED if value is None and name in _RATING_FIELDS else ""
        elif isinstance(value, list):
            text = ", ".join(str(v) for v in value)
        elif isinstance(value, bool):
            text = "yes" if value else "no"
        else:
            text = label(value).lower() if hasattr(value, "value") else " ".join(str(value).split())
        if text:
            lines.append(f"- {name.replace('_', ' ').capitalize()}: {text}")
    if lines[-1] != "":
        lines.append("")
    if entry.body.strip():
        lines += [entry.body.strip(), ""]
    for amendment in entry.amendments:
        lines += [f"*Amendment {amendment.at.astimezone().date()}:* "
                  f"{amendment.body.strip()}", ""]
    return lines


#: Ids that mean nothing to a supervisor (a nudge id even carries the vault's client id).
_INTERNAL_IDS = frozenset({"prompt_id", "nudge_id"})
_RATING_FIELDS = frozenset(
    {name for name, _ in (*ALLIANCE_RATINGS, *WORKING_ALLIANCE)} | {"intensity"})


def markdown_lines(report: SupervisionReport) -> Iterator[str]:
    deidentified = " De-identified: the client appears by code only." if (
        report.request.deidentify) else ""
    kinds = ", ".join(KIND_TITLES[k].lower() for k in report.request.kinds)
    yield from [f"# {report.title}", "", f"*{PRIVATE_NOTICE}{deidentified}*", "",
                f"Made on {report.made_on}. Kinds: {kinds}.", ""]
    if report.has(EntryKind.TRANSFERENCE):
        yield from transference_section(report)
    if report.has(EntryKind.ALLIANCE):
        yield from alliance_section(report)
    if report.has(EntryKind.COUNTERTRANSFERENCE):
        yield from countertransference_section(report)
    if report.has(EntryKind.CONTAINER):
        yield from container_section(report)
    yield from ["## Entries", ""]
    if not report.entries:
        yield from ["No entries of the chosen kinds in this range.", ""]
    for entry in report.entries:
        yield from entry_lines(entry)


def report_markdown(report: SupervisionReport) -> str:
    return "\n".join(markdown_lines(report)).rstrip() + "\n"
