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

#: Words of strain in the therapist's own notes (lower case, as written).
STRAIN_WORDS = ("drained", "dreading", "dread", "exhausted", "exhausting", "can't face",
                "cannot face", "worn out", "burnt out", "burned out", "depleted",
                "running on empty", "at the end of my tether")


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
    CARER = "carer"
    LOVER = "lover"
    MIRROR = "mirror"
    TWIN = "twin"
    SIBLING = "sibling"
    OTHER = "other"


class TransferenceValence(StrEnum):
    """The feeling tone of a pattern; "unclear" until the therapist can say."""

    NEGATIVE = "negative"
    POSITIVE = "positive"
    MIXED = "mixed"
    UNCLEAR = "unclear"


class PatternSite(StrEnum):
    """Where a pattern shows (the triangle of person): with me, with others now, in the past."""

    THERAPIST = "therapist"
    CURRENT_OTHERS = "current_others"
    PAST_FIGURES = "past_figures"


class TransferenceStatus(StrEnum):
    EMERGING = "emerging"
    ACTIVE = "active"
    SOFTENING = "softening"
    #: Schema 4 and older files said `resolved`; a pattern is worked through, rarely gone.
    WORKED_THROUGH = "worked_through"


class ReactionOrigin(StrEnum):
    """Where a countertransference reaction seems to come from."""

    MINE = "mine"
    INDUCED = "induced"
    BOTH = "both"
    UNCLEAR = "unclear"


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
    THERAPIST_CANCELLATION = "therapist_cancellation"
    THERAPIST_LATE = "therapist_late"
    FEE_UNPAID = "fee_unpaid"
    CONTACT_BETWEEN_SESSIONS = "contact_between_sessions"
    GIFT = "gift"
    OTHER = "other"


#: Events that have a number of minutes late; the form asks for minutes only for these.
LATENESS_EVENTS = frozenset({ContainerEvent.LATE_ARRIVAL, ContainerEvent.THERAPIST_LATE})
#: Events that put someone's safety at risk: nudges about them speak of safety first.
RISK_EVENTS = frozenset({ContainerEvent.THREAT, ContainerEvent.AGGRESSION,
                         ContainerEvent.INTOXICATED})


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


#: Screen wording where the id alone would judge the client or say too little. Labels
#: describe what was observed; they never assign a motive. Ids never change.
LABELS: dict[StrEnum, str] = {
    IntakeSignal.INTERROGATED_TRAINING: "Questioned my training at length",
    IntakeSignal.SUSPICIOUS: "Wary of me",
    IntakeSignal.PASSIVE: "Waited for me to lead",
    IntakeSignal.AGGRESSIVE: "Hostile or aggressive manner",
    IntakeSignal.SEDUCTIVE: "Sexualised or flirtatious manner",
    ContainerEvent.MESS: "Left a mess or damage",
    ContainerEvent.INTOXICATED: "Came intoxicated",
    ContainerEvent.AGGRESSION: "Aggressive behaviour",
    ContainerEvent.DISHONESTY: "Something said proved untrue",
    ContainerEvent.THERAPIST_CANCELLATION: "I cancelled",
    ContainerEvent.THERAPIST_LATE: "I was late",
    ContainerEvent.GIFT: "Gift offered",
    Figure.CARER: "Carer (someone who must look after them)",
    Figure.LOVER: "Lover (erotic transference)",
    Figure.MIRROR: "Mirror (someone whose admiration they need)",
    Figure.TWIN: "Twin (someone just like them)",
    PatternSite.THERAPIST: "With me",
    PatternSite.CURRENT_OTHERS: "With people in their life now",
    PatternSite.PAST_FIGURES: "With figures from their past",
    ReactionOrigin.MINE: "Mine (from my own history)",
    ReactionOrigin.INDUCED: "Induced (evoked by how the client relates)",
    ReactionOrigin.BOTH: "Both",
    ReactionOrigin.UNCLEAR: "Unclear",
}


def label(value: StrEnum) -> str:
    """A readable label for a stored id: `late_cancellation` -> `Late cancellation`."""
    if value in LABELS:
        return LABELS[value]
    text = str(value.value).replace("_", " ")
    return text[:1].upper() + text[1:]
