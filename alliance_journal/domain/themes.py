"""The eighteen alliance themes, by the stable ids used in files, prompts and nudges.

Titles and questions are our own short wording of each theme; the ids are a file
format and never change. Titles describe what is observed and never assign a motive
(the id `sabotage` is kept; its title names the behaviour, not a presumed fear).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ThemeId(StrEnum):
    FOUNDATION = "foundation"
    MUTUAL_TRUST_RESPECT = "mutual-trust-respect"
    LIKED_NOT_TRUSTED = "liked-not-trusted"
    TRAUMA_AUTHORITY = "trauma-authority"
    COUNTERTRANSFERENCE_SIGNAL = "countertransference-signal"
    AMBIVALENCE = "ambivalence"
    CONTAINER = "container"
    MESS_AS_MESSAGE = "mess-as-message"
    NEGATIVE_TRANSFERENCE = "negative-transference"
    SABOTAGE = "sabotage"
    LIMITS = "limits"
    BURNOUT_RESENTMENT = "burnout-resentment"
    ROLE_MODEL = "role-model"
    ACCOUNTABILITY = "accountability"
    INTAKE_SIGNALS = "intake-signals"
    FIT_READINESS = "fit-readiness"
    ATTENDING = "attending"
    ACCEPTANCE_OF_LIMITS = "acceptance-of-limits"


@dataclass(frozen=True, slots=True)
class Theme:
    id: ThemeId
    title: str
    focus: str


THEMES: dict[ThemeId, Theme] = {
    t.id: t
    for t in (
        Theme(ThemeId.FOUNDATION, "The alliance as ground",
              "When the work stalls, check the relationship before the method."),
        Theme(ThemeId.MUTUAL_TRUST_RESPECT, "Trust and respect, both ways",
              "Four directions, rated apart: which one is thin?"),
        Theme(ThemeId.LIKED_NOT_TRUSTED, "Liked, not trusted",
              "Warmth can hide a missing trust or respect."),
        Theme(ThemeId.TRAUMA_AUTHORITY, "History with authority",
              "What earlier harm makes a helper hard to trust?"),
        Theme(ThemeId.COUNTERTRANSFERENCE_SIGNAL, "My reaction as data",
              "Name the feeling, its strength, what it may carry."),
        Theme(ThemeId.AMBIVALENCE, "Ambivalence",
              "Which behaviours pull against the help that was asked for?"),
        Theme(ThemeId.CONTAINER, "The container",
              "Time and place of sessions: lateness, cancellations, no-shows."),
        Theme(ThemeId.MESS_AS_MESSAGE, "Mess as message",
              "Damage or dirt left behind may be saying something."),
        Theme(ThemeId.NEGATIVE_TRANSFERENCE, "Persistent negative transference",
              "Which old figure am I being taken for, and is it easing?"),
        Theme(ThemeId.SABOTAGE, "Untruths, intoxication, aggression",
              "What happened in the room, what was done, and what it might express."),
        Theme(ThemeId.LIMITS, "Limits",
              "What limit was set, how, and what follows a repeat."),
        Theme(ThemeId.BURNOUT_RESENTMENT, "Burnout and resentment",
              "My own fatigue and resentment across the caseload."),
        Theme(ThemeId.ROLE_MODEL, "Modelling",
              "Do I practise the self-respect I hope they learn?"),
        Theme(ThemeId.ACCOUNTABILITY, "Accountability",
              "Who is avoiding responsibility for choices and consequences?"),
        Theme(ThemeId.INTAKE_SIGNALS, "Intake signals",
              "Early warning signs, and my own discomfort as a mirror."),
        Theme(ThemeId.FIT_READINESS, "Fit and readiness",
              "Accept, refer or decline, and the reasons."),
        Theme(ThemeId.ATTENDING, "Attending to the alliance",
              "What I did to show I am not the one who caused the hurt."),
        Theme(ThemeId.ACCEPTANCE_OF_LIMITS, "Accepting what cannot be built",
              "Letting an alliance go without blame on either side."),
    )
}
