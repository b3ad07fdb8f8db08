"""Closed vocabularies for entry fields: ids are stored in files, labels are for screens.

Countertransference feelings are grouped under the eight factor names of the Therapist
Response Questionnaire (Betan, Heim, Zittel Conklin & Westen, 2005), so a therapist
can see at a glance which family of reactions a client evokes. Free feelings are
allowed beside these.
"""

from __future__ import annotations

from enum import StrEnum


class FeelingFactor(StrEnum):
    OVERWHELMED = "overwhelmed/disorganized"
    HELPLESS = "helpless/inadequate"
    POSITIVE = "positive"
    SPECIAL = "special/overinvolved"
    SEXUALIZED = "sexualized"
    DISENGAGED = "disengaged"
    PARENTAL = "parental/protective"
    CRITICIZED = "criticized/mistreated"


FEELINGS_BY_FACTOR: dict[FeelingFactor, tuple[str, ...]] = {
    FeelingFactor.OVERWHELMED: ("overwhelmed", "confused", "anxious", "dreading", "exhausted"),
    FeelingFactor.HELPLESS: ("helpless", "inadequate", "incompetent", "hopeless", "stuck"),
    FeelingFactor.POSITIVE: ("warm", "engaged", "hopeful", "close", "satisfied"),
    FeelingFactor.SPECIAL: ("special", "overinvolved", "guilty", "wanting to rescue"),
    FeelingFactor.SEXUALIZED: ("attracted", "sexual tension", "flirted with"),
    FeelingFactor.DISENGAGED: ("bored", "distracted", "detached", "sleepy", "annoyed"),
    FeelingFactor.PARENTAL: ("protective", "nurturing", "worried for them"),
    FeelingFactor.CRITICIZED: ("criticized", "unappreciated", "dismissed", "mistreated",
                               "resentful", "angry", "used"),
}

FACTOR_OF_FEELING: dict[str, FeelingFactor] = {
    feeling: factor for factor, feelings in FEELINGS_BY_FACTOR.items() for feeling in feelings
}

#: Feelings that count towards the burnout/resentment nudge across the caseload.
STRAIN_FEELINGS = frozenset({"resentful", "exhausted"}) | frozenset(
    FEELINGS_BY_FACTOR[FeelingFactor.CRITICIZED]
)


class Figure(StrEnum):
    """Whom the client may be relating to when relating to the therapist."""

    BAD_PARENT = "bad_parent"
    BAD_OBJECT = "bad_object"
    BETRAYER = "betrayer"
    ABANDONER = "abandoner"
    EXPLOITER = "exploiter"
    CRITIC = "critic"
    AUTHORITY = "authority"
    RESCUER = "rescuer"
    IDEALISED_PARENT = "idealised_parent"
    RIVAL = "rival"
    OTHER = "other"


class TransferenceStatus(StrEnum):
    EMERGING = "emerging"
    ACTIVE = "active"
    SOFTENING = "softening"
    RESOLVED = "resolved"


class Rupture(StrEnum):
    NONE = "none"
    WITHDRAWAL = "withdrawal"
    CONFRONTATION = "confrontation"


class Repair(StrEnum):
    NONE = "none"
    ATTEMPTED = "attempted"
    RESOLVED = "resolved"


class ContainerEvent(StrEnum):
    LATE_ARRIVAL = "late_arrival"
    LATE_CANCELLATION = "late_cancellation"
    CANCELLATION = "cancellation"
    NO_SHOW = "no_show"
    MESS = "mess"
    INTOXICATED = "intoxicated"
    AGGRESSION = "aggression"
    THREAT = "threat"
    DISHONESTY = "dishonesty"
    OTHER = "other"


class LimitOutcome(StrEnum):
    HELD = "held"
    RENEGOTIATED = "renegotiated"
    THERAPY_ENDED = "therapy_ended"
    PENDING = "pending"


class IntakeSignal(StrEnum):
    INTERROGATED_TRAINING = "interrogated_training"
    SUSPICIOUS = "suspicious"
    PASSIVE = "passive"
    AGGRESSIVE = "aggressive"
    SEDUCTIVE = "seductive"


class IntakeDecision(StrEnum):
    UNDECIDED = "undecided"
    ACCEPT = "accept"
    REFER = "refer"
    DECLINE = "decline"


def label(value: StrEnum) -> str:
    """A readable label for a stored id: `late_cancellation` -> `Late cancellation`."""
    text = str(value.value).replace("_", " ")
    return text[:1].upper() + text[1:]
