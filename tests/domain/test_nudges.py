"""Nudge rules: each fires exactly at its threshold, not below, and names its evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from alliance_journal.domain.clients import Client, ClientStatus, Frequency
from alliance_journal.domain.entries import (
    AllianceFields,
    ContainerFields,
    CountertransferenceFields,
    Entry,
    IntakeFields,
    KindFields,
    LimitFields,
    SessionFields,
    TransferenceFields,
)
from alliance_journal.domain.nudges import (
    Nudge,
    NudgeRule,
    NudgeThresholds,
    find_nudges,
    nudge_id,
)
from alliance_journal.domain.nudges.wording import SAFETY_FIRST
from alliance_journal.domain.prompts import PromptLibrary, parse_prompt_library
from alliance_journal.domain.themes import ThemeId
from alliance_journal.domain.vocabulary import (
    ContainerEvent,
    Figure,
    IntakeDecision,
    IntakeSignal,
    LimitOutcome,
    Repair,
    Rupture,
    TransferenceStatus,
)

BUILTIN = Path(__file__).resolve().parents[2] / "resources" / "prompts" / "builtin.toml"
LIBRARY = parse_prompt_library(BUILTIN.read_text(encoding="utf-8"), source="builtin.toml")
TODAY = date(2024, 11, 20)
#: Irregular, so the attendance rule stays quiet unless a case asks for it.
CLIENT = Client(code="A1", started_on=date(2024, 1, 8), frequency=Frequency.IRREGULAR)
OTHER = Client(code="B2", started_on=date(2024, 1, 8), frequency=Frequency.IRREGULAR)
THIRD = Client(code="C3", started_on=date(2024, 1, 8), frequency=Frequency.IRREGULAR)
Ev = ContainerEvent


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def entry(fields: KindFields, days_ago: int, client: Client | None = CLIENT,
          hour: int = 12) -> Entry:
    """An entry at local noon (or `hour`) `days_ago` days before TODAY."""
    return Entry(client_id=client.id if client else None, kind=fields.kind,
                 occurred_at=datetime.combine(ago(days_ago), time(hour)), fields=fields)


def event(kind: ContainerEvent, days_ago: int) -> Entry:
    return entry(ContainerFields(event=kind), days_ago)


def check(days_ago: int, **ratings: object) -> Entry:
    return entry(AllianceFields.model_validate(ratings), days_ago)


def session(days_ago: int, hour: int = 12) -> Entry:
    return entry(SessionFields(), days_ago, hour=hour)


def reaction(days_ago: int, intensity: int | None = 3, feelings: tuple[str, ...] = (),
             client: Client | None = CLIENT) -> Entry:
    fields = CountertransferenceFields(intensity=intensity, feelings=list(feelings))
    return entry(fields, days_ago, client)


def transference(days_ago: int, figure: Figure = Figure.BAD_PARENT,
                 status: TransferenceStatus = TransferenceStatus.ACTIVE) -> Entry:
    return entry(TransferenceFields(figure=figure, status=status), days_ago)


def intake(days_ago: int, *signals: IntakeSignal, discomfort: int = 0) -> Entry:
    return entry(IntakeFields(signals=list(signals), discomfort=discomfort), days_ago)


def limit(days_ago: int, behaviour: str = "", outcome: LimitOutcome = LimitOutcome.PENDING
          ) -> Entry:
    return entry(LimitFields(behaviour=behaviour, outcome=outcome), days_ago)


def note(days_ago: int, body: str, client: Client | None = CLIENT) -> Entry:
    """A session note with text (only the words-of-strain rule reads text)."""
    return entry(SessionFields(), days_ago, client).model_copy(update={"body": body})


def figure_with(client: Client, days_ago: int, figure: Figure = Figure.CRITIC) -> Entry:
    return entry(TransferenceFields(figure=figure), days_ago, client)


def client(**changes: object) -> Client:
    return CLIENT.model_copy(update=changes)


def nudges_for(entries: list[Entry], clients: list[Client] | None = None,
               **thresholds: int) -> list[Nudge]:
    return find_nudges(clients or [CLIENT], entries, today=TODAY, library=LIBRARY,
                       thresholds=NudgeThresholds(**thresholds))


@dataclass(frozen=True)
class Case:
    """A record, the rule under test, and the exact reason it should give (None: silent)."""

    name: str
    rule: NudgeRule
    entries: list[Entry]
    reason: str | None
    client: Client = field(default_factory=lambda: CLIENT)
    about_client: bool = True
    others: list[Client] = field(default_factory=list)


WEEKLY = client(frequency=Frequency.WEEKLY)
FORTNIGHTLY = client(frequency=Frequency.FORTNIGHTLY)
CT_OTHER = [reaction(3, feelings=("used",), client=OTHER)]

CASES = [
    # container: late cancellations and no-shows, 2 within 30 days
    Case("missed at threshold", NudgeRule.MISSED_SESSIONS,
         [event(Ev.LATE_CANCELLATION, 12), event(Ev.NO_SHOW, 3)],
         "1 late cancellation and 1 no-show since 8 Nov"),
    Case("missed three", NudgeRule.MISSED_SESSIONS,
         [event(Ev.LATE_CANCELLATION, d) for d in (18, 10, 5)],
         "3 late cancellations since 2 Nov"),
    Case("missed edge of window", NudgeRule.MISSED_SESSIONS,
         [event(Ev.NO_SHOW, 29), event(Ev.NO_SHOW, 3)], "2 no-shows since 22 Oct"),
    Case("missed below", NudgeRule.MISSED_SESSIONS, [event(Ev.LATE_CANCELLATION, 3)], None),
    Case("missed one too old", NudgeRule.MISSED_SESSIONS,
         [event(Ev.NO_SHOW, 30), event(Ev.NO_SHOW, 3)], None),
    Case("ordinary cancellations", NudgeRule.MISSED_SESSIONS,
         [event(Ev.CANCELLATION, 12), event(Ev.CANCELLATION, 3)], None),
    # container: late arrivals, 3 within 30 days
    Case("late at threshold", NudgeRule.LATE_ARRIVALS,
         [event(Ev.LATE_ARRIVAL, d) for d in (20, 10, 1)], "3 late arrivals since 31 Oct"),
    Case("late below", NudgeRule.LATE_ARRIVALS,
         [event(Ev.LATE_ARRIVAL, d) for d in (10, 1)], None),
    Case("late one too old", NudgeRule.LATE_ARRIVALS,
         [event(Ev.LATE_ARRIVAL, d) for d in (30, 10, 1)], None),
    # container: attendance below contract over the last 4 weeks
    Case("attendance one short", NudgeRule.LOW_ATTENDANCE,
         [session(d) for d in (28, 20, 10, 1)],
         "3 sessions in the 4 weeks since 24 Oct; the weekly contract means 4", WEEKLY),
    Case("attendance met", NudgeRule.LOW_ATTENDANCE,
         [session(d) for d in (27, 20, 10, 1)], None, WEEKLY),
    Case("attendance fortnightly", NudgeRule.LOW_ATTENDANCE, [session(10)],
         "1 session in the 4 weeks since 24 Oct; the fortnightly contract means 2", FORTNIGHTLY),
    Case("attendance none", NudgeRule.LOW_ATTENDANCE, [],
         "0 sessions in the 4 weeks since 24 Oct; the weekly contract means 4", WEEKLY),
    Case("attendance started 4 weeks ago", NudgeRule.LOW_ATTENDANCE, [],
         "0 sessions in the 4 weeks since 24 Oct; the weekly contract means 4",
         client(frequency=Frequency.WEEKLY, started_on=ago(28))),
    Case("attendance started recently", NudgeRule.LOW_ATTENDANCE, [], None,
         client(frequency=Frequency.WEEKLY, started_on=ago(27))),
    Case("attendance paused", NudgeRule.LOW_ATTENDANCE, [], None,
         client(frequency=Frequency.WEEKLY, status=ClientStatus.PAUSED)),
    Case("attendance irregular", NudgeRule.LOW_ATTENDANCE, [], None),
    # liking 2 or more above their trust or respect, latest check
    Case("liked not trusted", NudgeRule.LIKED_NOT_TRUSTED,
         [check(6, client_likes_me=5, client_trusts_me=2, client_respects_me=4)],
         "liking 5 but trust 2 on 14 Nov"),
    Case("liked not trusted nor respected", NudgeRule.LIKED_NOT_TRUSTED,
         [check(10, client_likes_me=5, client_trusts_me=3, client_respects_me=3)],
         "liking 5 but trust 3 and respect 3 on 10 Nov"),
    Case("liking gap below", NudgeRule.LIKED_NOT_TRUSTED,
         [check(10, client_likes_me=4, client_trusts_me=3, client_respects_me=3)], None),
    Case("liking gap since closed", NudgeRule.LIKED_NOT_TRUSTED,
         [check(40, client_likes_me=5, client_trusts_me=2), check(10, client_likes_me=5,
                                                                  client_trusts_me=4,
                                                                  client_respects_me=4)], None),
    # any direction at 2 or below, or falling by 2 between consecutive checks
    Case("my trust low", NudgeRule.TRUST_RESPECT, [check(10, i_trust_client=2)],
         "my trust in them 2 on 10 Nov"),
    Case("my trust not low", NudgeRule.TRUST_RESPECT, [check(10, i_trust_client=3)], None),
    Case("their respect falls by 2", NudgeRule.TRUST_RESPECT,
         [check(30, client_respects_me=5), check(10, client_respects_me=3)],
         "their respect for me fell from 5 to 3 between 21 Oct and 10 Nov"),
    Case("their respect falls by 1", NudgeRule.TRUST_RESPECT,
         [check(30, client_respects_me=4), check(10, client_respects_me=3)], None),
    Case("low and falling", NudgeRule.TRUST_RESPECT,
         [check(30, client_trusts_me=4, i_respect_client=2),
          check(10, client_trusts_me=2, i_respect_client=2)],
         "my respect for them 2 on 10 Nov; "
         "their trust in me fell from 4 to 2 between 21 Oct and 10 Nov"),
    Case("low then recovered", NudgeRule.TRUST_RESPECT,
         [check(30, client_trusts_me=1), check(10, client_trusts_me=3)], None),
    # bond, tasks or goals at 2 or below on the latest check
    Case("goals low", NudgeRule.WORKING_ALLIANCE, [check(10, goals=2, tasks=1, bond=4)],
         "working alliance: tasks 1 and goals 2 on 10 Nov"),
    Case("goals fine", NudgeRule.WORKING_ALLIANCE, [check(10, goals=3)], None),
    Case("goals unrated", NudgeRule.WORKING_ALLIANCE, [check(10)], None),
    # countertransference intensity 4 or more, within 30 days
    Case("strong reaction", NudgeRule.STRONG_REACTION, [reaction(10, intensity=4)],
         "intensity 4 on 10 Nov"),
    Case("two strong reactions", NudgeRule.STRONG_REACTION,
         [reaction(20, intensity=5), reaction(10, intensity=3), reaction(5, intensity=4)],
         "2 reactions at intensity 4 or more since 31 Oct"),
    Case("reaction below", NudgeRule.STRONG_REACTION, [reaction(10, intensity=3)], None),
    Case("strong reaction too old", NudgeRule.STRONG_REACTION, [reaction(30, intensity=5)],
         None),
    # the same negative figure in 3 entries spanning 60 days, not softening
    Case("transference persists", NudgeRule.PERSISTENT_TRANSFERENCE,
         [transference(d) for d in (70, 40, 10)],
         "related to as the bad parent in 3 entries since 11 Sep, not easing"),
    Case("transference span short", NudgeRule.PERSISTENT_TRANSFERENCE,
         [transference(d) for d in (69, 40, 10)], None),
    Case("transference two entries", NudgeRule.PERSISTENT_TRANSFERENCE,
         [transference(d) for d in (90, 10)], None),
    Case("transference softening", NudgeRule.PERSISTENT_TRANSFERENCE,
         [transference(70), transference(40, status=TransferenceStatus.SOFTENING),
          transference(20), transference(10)], None),
    Case("transference relapse", NudgeRule.PERSISTENT_TRANSFERENCE,
         [transference(100, status=TransferenceStatus.WORKED_THROUGH),
          *[transference(d, Figure.BETRAYER) for d in (100, 50, 1)]],
         "related to as the betrayer in 3 entries since 12 Aug, not easing"),
    Case("transference mixed figures", NudgeRule.PERSISTENT_TRANSFERENCE,
         [transference(70), transference(40, Figure.CRITIC), transference(10)], None),
    Case("idealising is not negative", NudgeRule.PERSISTENT_TRANSFERENCE,
         [transference(d, Figure.IDEALISED_PARENT) for d in (70, 40, 10)], None),
    # aggression, threat, intoxication or dishonesty within 30 days
    Case("a threat", NudgeRule.ACTING_OUT, [event(Ev.THREAT, 10)], SAFETY_FIRST + "1 threat on 10 Nov"),
    Case("untruths only: no safety line", NudgeRule.ACTING_OUT, [event(Ev.DISHONESTY, 10)],
         "1 statement that proved untrue on 10 Nov"),
    Case("intoxicated and aggressive", NudgeRule.ACTING_OUT,
         [event(Ev.AGGRESSION, 5), event(Ev.INTOXICATED, 20)],
         SAFETY_FIRST + "1 session attended intoxicated and 1 aggressive episode since 31 Oct"),
    Case("no acting out", NudgeRule.ACTING_OUT, [event(Ev.LATE_ARRIVAL, 10)], None),
    Case("threat too old", NudgeRule.ACTING_OUT, [event(Ev.THREAT, 30)], None),
    # a mess left behind within 30 days
    Case("a mess", NudgeRule.MESS, [event(Ev.MESS, 10)], "1 mess left behind on 10 Nov"),
    Case("two messes", NudgeRule.MESS, [event(Ev.MESS, 20), event(Ev.MESS, 10)],
         "2 messes left behind since 31 Oct"),
    Case("no mess", NudgeRule.MESS, [event(Ev.DISHONESTY, 10)], None),
    # intake: 2 signals or discomfort 4, on the latest intake within 90 days
    Case("two intake signals", NudgeRule.INTAKE_SIGNALS,
         [intake(10, IntakeSignal.SUSPICIOUS, IntakeSignal.PASSIVE)],
         "2 intake signals (wary of me; waited for me to lead) on 10 Nov"),
    Case("one intake signal", NudgeRule.INTAKE_SIGNALS,
         [intake(10, IntakeSignal.SEDUCTIVE, discomfort=3)], None),
    Case("intake discomfort", NudgeRule.INTAKE_SIGNALS, [intake(89, discomfort=4)],
         "discomfort 4 of 5 on 23 Aug"),
    Case("intake signals and discomfort", NudgeRule.INTAKE_SIGNALS,
         [intake(10, IntakeSignal.INTERROGATED_TRAINING, IntakeSignal.AGGRESSIVE,
                 discomfort=5)],
         SAFETY_FIRST + "2 intake signals (questioned my training at length; hostile or "
         "aggressive manner) and discomfort 5 of 5 on 10 Nov"),
    Case("intake too old", NudgeRule.INTAKE_SIGNALS, [intake(90, discomfort=5)], None),
    # strain feelings in 3 countertransference entries within 14 days, across clients
    Case("caseload strain", NudgeRule.CASELOAD_STRAIN,
         [reaction(13, feelings=("Resentful ",)), reaction(6, feelings=("exhausted", "warm")),
          *CT_OTHER],
         "3 reactions of strain (exhausted, resentful, used) since 7 Nov, with 2 clients",
         about_client=False, others=[OTHER]),
    Case("strain below", NudgeRule.CASELOAD_STRAIN,
         [reaction(13, feelings=("resentful",)), reaction(6, feelings=("warm",)), *CT_OTHER],
         None, about_client=False, others=[OTHER]),
    Case("strain too old", NudgeRule.CASELOAD_STRAIN,
         [reaction(14, feelings=("resentful",)), reaction(6, feelings=("angry",)), *CT_OTHER],
         None, about_client=False, others=[OTHER]),
    # a limit whose behaviour comes back, recently
    Case("threat after a limit", NudgeRule.LIMIT_RECURS,
         [limit(20, "shouting"), event(Ev.THREAT, 5)],
         SAFETY_FIRST + "after the limit of 31 Oct: 1 threat on 15 Nov"),
    Case("limit about lateness recurs", NudgeRule.LIMIT_RECURS,
         [event(Ev.LATE_ARRIVAL, 22), limit(20, "lateness"), event(Ev.LATE_ARRIVAL, 5)],
         "after the limit of 31 Oct: 1 late arrival on 15 Nov"),
    Case("lateness without a limit about it", NudgeRule.LIMIT_RECURS,
         [limit(20, "shouting"), event(Ev.LATE_ARRIVAL, 5)], None),
    Case("limit about an unpaid fee recurs", NudgeRule.LIMIT_RECURS,
         [limit(20, "fees left unpaid"), event(Ev.FEE_UNPAID, 5)],
         "after the limit of 31 Oct: 1 unpaid fee on 15 Nov"),
    Case("'feels' names no fee", NudgeRule.LIMIT_RECURS,
         [limit(20, "shouting when she feels criticised"), event(Ev.FEE_UNPAID, 5)], None),
    Case("'later' names no lateness", NudgeRule.LIMIT_RECURS,
         [limit(20, "shouting; apologised later"), event(Ev.LATE_ARRIVAL, 5)], None),
    Case("'presented' names no gift", NudgeRule.LIMIT_RECURS,
         [limit(20, "presented as agitated, shouting"), event(Ev.GIFT, 5)], None),
    Case("'messages' name no mess", NudgeRule.LIMIT_RECURS,
         [limit(20, "sending messages at night"), event(Ev.MESS, 5)], None),
    Case("limit renewed", NudgeRule.LIMIT_RECURS,
         [limit(40, "shouting at me in session"), limit(10, "shouting at me again")],
         "after the limit of 11 Oct: 1 renewal of the limit on 10 Nov"),
    Case("a different limit", NudgeRule.LIMIT_RECURS,
         [limit(40, "shouting at me"), limit(10, "arriving drunk")], None),
    Case("recurrence too old", NudgeRule.LIMIT_RECURS,
         [limit(40, "threats"), event(Ev.THREAT, 30)], None),
    Case("threat only before the limit", NudgeRule.LIMIT_RECURS,
         [event(Ev.THREAT, 10), limit(9, "threats")], None),
    # ended, declined or referred within 60 days
    Case("work ended", NudgeRule.WORK_CLOSED, [], "work ended on 10 Nov",
         client(status=ClientStatus.ENDED, ended_on=ago(10))),
    Case("declined without a date", NudgeRule.WORK_CLOSED, [intake(5)],
         "declined; last entry 15 Nov", client(status=ClientStatus.DECLINED)),
    Case("referred at edge", NudgeRule.WORK_CLOSED, [], "referred on 22 Sep",
         client(status=ClientStatus.REFERRED, ended_on=ago(59))),
    Case("referred long ago", NudgeRule.WORK_CLOSED, [], None,
         client(status=ClientStatus.REFERRED, ended_on=ago(60))),
    Case("still active", NudgeRule.WORK_CLOSED, [session(5)], None),
    # a rupture without a resolved repair after 3 sessions
    Case("rupture open", NudgeRule.OPEN_RUPTURE,
         [check(30, rupture=Rupture.WITHDRAWAL), *[session(d) for d in (20, 10, 3)]],
         "withdrawal rupture on 21 Oct, 3 sessions since without a resolved repair"),
    Case("rupture attempted repair", NudgeRule.OPEN_RUPTURE,
         [check(30, rupture=Rupture.CONFRONTATION), check(20, repair=Repair.ATTEMPTED),
          *[session(d) for d in (20, 10, 3)]],
         "confrontation rupture on 21 Oct, 3 sessions since without a resolved repair"),
    Case("rupture two sessions", NudgeRule.OPEN_RUPTURE,
         [check(30, rupture=Rupture.WITHDRAWAL), *[session(d) for d in (30, 10, 3)]], None),
    Case("rupture repaired", NudgeRule.OPEN_RUPTURE,
         [check(30, rupture=Rupture.WITHDRAWAL), check(10, repair=Repair.RESOLVED),
          *[session(d) for d in (20, 10, 3)]], None),
    Case("rupture repaired at once", NudgeRule.OPEN_RUPTURE,
         [check(30, rupture=Rupture.WITHDRAWAL, repair=Repair.RESOLVED),
          *[session(d) for d in (20, 10, 3)]], None),
    # 2 late cancellations or no-shows in 30 days, with their rated trust at 3 or below
    Case("ambivalence", NudgeRule.AMBIVALENCE,
         [event(Ev.LATE_CANCELLATION, 20), event(Ev.NO_SHOW, 5), check(10, client_trusts_me=3)],
         "1 late cancellation and 1 no-show since 31 Oct, and their trust in me 3 on 10 Nov"),
    Case("ambivalence trusting", NudgeRule.AMBIVALENCE,
         [event(Ev.CANCELLATION, 20), event(Ev.NO_SHOW, 5), check(10, client_trusts_me=4)],
         None),
    Case("ambivalence one cancellation", NudgeRule.AMBIVALENCE,
         [event(Ev.CANCELLATION, 20), check(10, client_trusts_me=1)], None),
    Case("ambivalence unchecked", NudgeRule.AMBIVALENCE,
         [event(Ev.CANCELLATION, 20), event(Ev.NO_SHOW, 5)], None),
    # an active client: 6 session days, or 60 days, since the last alliance check (or none)
    Case("alliance unchecked for 6 sessions", NudgeRule.ALLIANCE_UNCHECKED,
         [check(70), *[session(d) for d in (60, 50, 40, 30, 20, 10)]],
         "no alliance check since 11 Sep: 6 session days since"),
    Case("alliance unchecked for 60 days", NudgeRule.ALLIANCE_UNCHECKED,
         [check(61), session(5)], "no alliance check since 20 Sep: 1 session day since"),
    Case("alliance never checked", NudgeRule.ALLIANCE_UNCHECKED,
         [session(d) for d in (19, 16, 12, 9, 5, 1)],
         "no alliance check recorded yet: 6 session days since 31 Oct",
         client(started_on=ago(20))),
    Case("alliance checked lately", NudgeRule.ALLIANCE_UNCHECKED,
         [check(30), *[session(d) for d in (20, 10, 3)]], None),
    Case("alliance unchecked, five sessions in 59 days", NudgeRule.ALLIANCE_UNCHECKED,
         [check(59), *[session(d) for d in (50, 40, 30, 20, 10)]], None),
    Case("alliance unchecked but paused", NudgeRule.ALLIANCE_UNCHECKED,
         [check(70), *[session(d) for d in (60, 50, 40, 30, 20, 10)]], None,
         client(status=ClientStatus.PAUSED)),
    # countertransference intensity rising over the last three rated entries
    Case("intensity rising", NudgeRule.RISING_INTENSITY,
         [reaction(20, intensity=2), reaction(15, intensity=None), reaction(10, intensity=3),
          reaction(5, intensity=4)],
         "intensity rising from 2 to 3 to 4 since 31 Oct"),
    Case("intensity level", NudgeRule.RISING_INTENSITY,
         [reaction(20, intensity=2), reaction(10, intensity=4), reaction(5, intensity=4)], None),
    Case("intensity rose long ago", NudgeRule.RISING_INTENSITY,
         [reaction(d, intensity=i) for d, i in ((60, 1), (50, 2), (40, 3))], None),
    Case("unrated reactions are not a rise", NudgeRule.RISING_INTENSITY,
         [reaction(20, intensity=None), reaction(10, intensity=3), reaction(5, intensity=4)],
         None),
    # the same figure for 3 clients within 90 days
    Case("figure across clients", NudgeRule.FIGURE_ACROSS_CLIENTS,
         [figure_with(CLIENT, 20), figure_with(OTHER, 10), figure_with(THIRD, 5)],
         "3 clients related to me as the critic since 31 Oct: is something of it mine?",
         about_client=False, others=[OTHER, THIRD]),
    Case("figure with two clients", NudgeRule.FIGURE_ACROSS_CLIENTS,
         [figure_with(CLIENT, 20), figure_with(CLIENT, 15), figure_with(OTHER, 10)],
         None, others=[OTHER, THIRD]),
    Case("figure too long ago", NudgeRule.FIGURE_ACROSS_CLIENTS,
         [figure_with(CLIENT, 90), figure_with(OTHER, 10), figure_with(THIRD, 5)],
         None, others=[OTHER, THIRD]),
    Case("different figures", NudgeRule.FIGURE_ACROSS_CLIENTS,
         [figure_with(CLIENT, 20), figure_with(OTHER, 10, Figure.RIVAL), figure_with(THIRD, 5)],
         None, others=[OTHER, THIRD]),
    # words of strain in 3 of my notes within 14 days
    Case("words of strain", NudgeRule.STRAIN_WORDS,
         [note(13, "Felt drained after."), note(6, "Dreading Thursday.", OTHER),
          note(2, "I can\u2019t face the paperwork.", None)],
         "words of strain (can't face, drained, dreading) in 3 of my notes since 7 Nov",
         about_client=False, others=[OTHER]),
    Case("words of strain too spread out", NudgeRule.STRAIN_WORDS,
         [note(14, "Felt drained after."), note(6, "Dreading Thursday."),
          note(2, "Exhausted.")], None),
    Case("no words of strain", NudgeRule.STRAIN_WORDS,
         [note(13, "A dreadful storm outside."), note(6, "Draining the cup."),
          note(2, "Face to face.")], None),
    # a sexualised reaction: consultation, gently
    Case("sexualised reaction", NudgeRule.SEXUALISED_REACTION,
         [reaction(5, feelings=("Attracted",))],
         "a sexualised reaction recorded on 15 Nov; such feelings are human, and a gentle word "
         "with a supervisor or consultant helps keep the frame safe"),
    Case("no sexualised reaction", NudgeRule.SEXUALISED_REACTION,
         [reaction(5, feelings=("warm", "protective"))], None),
    Case("sexualised reaction long ago", NudgeRule.SEXUALISED_REACTION,
         [reaction(30, feelings=("attracted",))], None),
    # a limit pending for more than 30 days
    Case("limit pending", NudgeRule.LIMIT_PENDING, [limit(31, "shouting")],
         "1 limit still pending on 20 Oct"),
    Case("limit pending 30 days", NudgeRule.LIMIT_PENDING, [limit(30, "shouting")], None),
    Case("limit decided", NudgeRule.LIMIT_PENDING,
         [limit(60, "shouting", LimitOutcome.HELD)], None),
    # an intake undecided for more than 21 days
    Case("intake undecided", NudgeRule.INTAKE_UNDECIDED, [intake(22)],
         "intake on 29 Oct still undecided"),
    Case("intake undecided 21 days", NudgeRule.INTAKE_UNDECIDED, [intake(21)], None),
    Case("intake decided", NudgeRule.INTAKE_UNDECIDED,
         [entry(IntakeFields(decision=IntakeDecision.ACCEPT), 40)], None),
]


def run(case: Case) -> list[Nudge]:
    found = nudges_for(case.entries, [case.client, *case.others])
    return [n for n in found if n.rule is case.rule]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_rule(case: Case) -> None:
    found = run(case)
    if case.reason is None:
        assert found == []
        return
    assert [n.reason for n in found] == [case.reason]
    nudge = found[0]
    assert nudge.client_id == (case.client.id if case.about_client else None)
    assert set(nudge.evidence) <= {e.id for e in case.entries}
    evidence_times = [e.occurred_at for e in case.entries if e.id in nudge.evidence]
    assert nudge.since == min(evidence_times, default=None)
    assert nudge.prompt_id is not None
    assert LIBRARY.by_id(nudge.prompt_id).theme is nudge.theme


def test_every_rule_has_cases_on_both_sides_of_its_threshold() -> None:
    fires = {case.rule for case in CASES if case.reason is not None}
    silent = {case.rule for case in CASES if case.reason is None}
    assert fires == silent == set(NudgeRule)


def test_every_theme_is_reachable_from_a_nudge() -> None:
    themes = {theme for case in CASES for nudge in run(case) for theme in nudge.themes}
    assert themes == set(ThemeId)


def test_rule_themes() -> None:
    primary = {case.rule: nudge.themes for case in CASES for nudge in run(case)}
    assert primary[NudgeRule.MISSED_SESSIONS] == (ThemeId.CONTAINER,)
    assert primary[NudgeRule.LIKED_NOT_TRUSTED][0] is ThemeId.LIKED_NOT_TRUSTED
    assert primary[NudgeRule.PERSISTENT_TRANSFERENCE] == (
        ThemeId.NEGATIVE_TRANSFERENCE, ThemeId.ATTENDING)
    assert primary[NudgeRule.ACTING_OUT] == (ThemeId.SABOTAGE, ThemeId.LIMITS)
    assert primary[NudgeRule.INTAKE_SIGNALS] == (ThemeId.INTAKE_SIGNALS, ThemeId.FIT_READINESS)
    assert primary[NudgeRule.LIMIT_RECURS] == (ThemeId.ACCOUNTABILITY, ThemeId.ROLE_MODEL)
    assert primary[NudgeRule.CASELOAD_STRAIN] == (ThemeId.BURNOUT_RESENTMENT,)
    assert primary[NudgeRule.AMBIVALENCE][0] is ThemeId.AMBIVALENCE


def test_their_low_trust_also_suggests_their_history() -> None:
    (theirs,) = run(Case("", NudgeRule.TRUST_RESPECT, [check(10, client_trusts_me=2)], ""))
    (mine,) = run(Case("", NudgeRule.TRUST_RESPECT, [check(10, i_trust_client=2)], ""))
    assert theirs.themes == (ThemeId.MUTUAL_TRUST_RESPECT, ThemeId.TRAUMA_AUTHORITY)
    assert mine.themes == (ThemeId.MUTUAL_TRUST_RESPECT,)


def test_a_drop_cites_both_checks() -> None:
    entries = [check(30, client_respects_me=5), check(10, client_respects_me=3)]
    (nudge,) = run(Case("", NudgeRule.TRUST_RESPECT, entries, ""))
    assert nudge.evidence == (entries[0].id, entries[1].id)


def test_no_attendance_means_no_evidence() -> None:
    (nudge,) = run(Case("", NudgeRule.LOW_ATTENDANCE, [], "", WEEKLY))
    assert nudge.evidence == ()
    assert nudge.since is None


def test_a_session_on_the_rupture_day_does_not_count() -> None:
    entries = [check(30, rupture=Rupture.WITHDRAWAL), session(30, hour=15), session(10),
               session(3)]
    assert run(Case("", NudgeRule.OPEN_RUPTURE, entries, "")) == []


def test_limit_evidence_is_the_limit_and_its_recurrences() -> None:
    entries = [limit(20, "threats"), event(Ev.THREAT, 10), event(Ev.AGGRESSION, 5)]
    (nudge,) = run(Case("", NudgeRule.LIMIT_RECURS, entries, ""))
    assert nudge.evidence == tuple(e.id for e in entries)
    assert nudge.reason == (SAFETY_FIRST + "after the limit of 31 Oct: 1 aggressive episode and "
                            "1 threat since 10 Nov")


# --- across rules ----------------------------------------------------------------------------


def test_trashed_entries_are_ignored() -> None:
    entries = [event(Ev.NO_SHOW, 10), event(Ev.NO_SHOW, 5)]
    entries[1] = entries[1].model_copy(update={"deleted_at": datetime.now().astimezone()})
    assert nudges_for(entries) == []


def test_archived_clients_get_no_nudges() -> None:
    archived = client(archived=True)
    assert nudges_for([event(Ev.THREAT, 5)], [archived]) == []


def test_closed_clients_get_only_the_acceptance_nudge() -> None:
    ended = client(status=ClientStatus.ENDED, ended_on=ago(3))
    found = nudges_for([event(Ev.THREAT, 5), reaction(5, intensity=5)], [ended])
    assert [n.rule for n in found] == [NudgeRule.WORK_CLOSED]


def test_entries_of_unknown_clients_are_ignored() -> None:
    stranger = Client(code="Z9")
    threat = entry(ContainerFields(event=Ev.THREAT), 5, client=stranger)
    assert nudges_for([threat]) == []


def test_a_reaction_without_a_client_is_about_the_therapist() -> None:
    (nudge,) = nudges_for([reaction(3, intensity=5, client=None)])
    assert nudge.rule is NudgeRule.STRONG_REACTION
    assert nudge.client_id is None


def test_caseload_strain_suggests_a_prompt_about_the_therapist() -> None:
    case = next(c for c in CASES if c.rule is NudgeRule.CASELOAD_STRAIN and c.reason)
    (nudge,) = run(case)
    assert LIBRARY.by_id(nudge.prompt_id or "").about == "therapist"


def test_ids_are_stable_until_the_evidence_changes() -> None:
    entries = [event(Ev.LATE_CANCELLATION, 12), event(Ev.NO_SHOW, 3)]
    (first,) = nudges_for(entries)
    (again,) = nudges_for(list(reversed(entries)))
    (more,) = nudges_for([*entries, event(Ev.NO_SHOW, 1)])
    assert first.id == again.id
    assert first.prompt_id == again.prompt_id
    assert more.id != first.id
    assert first.id == nudge_id(NudgeRule.MISSED_SESSIONS, CLIENT.id, first.evidence)
    assert first.id.startswith(f"missed-sessions:{CLIENT.id}:")
    assert len(first.id) <= 200


def test_nudges_come_newest_evidence_first() -> None:
    entries = [event(Ev.MESS, 20), event(Ev.THREAT, 2), reaction(10, intensity=5)]
    assert [n.rule for n in nudges_for(entries, unchecked_days=999)] == [
        NudgeRule.ACTING_OUT, NudgeRule.STRONG_REACTION, NudgeRule.MESS]


def test_thresholds_can_be_raised() -> None:
    entries = [event(Ev.LATE_CANCELLATION, 12), event(Ev.NO_SHOW, 3)]
    assert nudges_for(entries, missed_sessions=3) == []


def test_a_date_in_another_year_shows_the_year() -> None:
    ended = client(status=ClientStatus.ENDED, ended_on=date(2024, 12, 20))
    (nudge,) = find_nudges([ended], [], today=date(2025, 1, 10), library=LIBRARY)
    assert nudge.reason == "work ended on 20 Dec 2024"


def test_no_prompt_is_suggested_when_its_themes_are_all_hidden() -> None:
    hidden = [p.id for p in LIBRARY.prompts if p.theme is ThemeId.MESS_AS_MESSAGE]
    library = LIBRARY.with_user([], hidden)
    (nudge,) = [n for n in find_nudges([CLIENT], [event(Ev.MESS, 3)], today=TODAY, library=library)
                if n.rule is NudgeRule.MESS]
    assert nudge.prompt_id is None
    assert find_nudges([CLIENT], [event(Ev.MESS, 3)], today=TODAY,
                       library=PromptLibrary())[0].prompt_id is None


def _rupture_prompts(kind: Rupture) -> set[str | None]:
    picked: set[str | None] = set()
    for n in range(60):
        someone = Client(code=f"R{n}", started_on=date(2024, 1, 8), frequency=Frequency.IRREGULAR)
        made = [entry(AllianceFields(rupture=kind), 30, someone),
                *[entry(SessionFields(), d, someone) for d in (20, 10, 3)]]
        picked |= {n.prompt_id for n in nudges_for(made, [someone])
                   if n.rule is NudgeRule.OPEN_RUPTURE}
    return picked


def test_a_withdrawal_rupture_is_never_asked_about_hostility() -> None:
    assert "attending-01" in _rupture_prompts(Rupture.CONFRONTATION)
    withdrawal = _rupture_prompts(Rupture.WITHDRAWAL)
    assert withdrawal and "attending-01" not in withdrawal
