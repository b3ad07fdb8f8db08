"""A synthetic caseload: clients, entries of all eight kinds, and search queries.

Everything comes from a seeded RNG and fixed word lists, so two runs (and the two
sides of one run) see byte-identical documents. As in real notes, a few words are
everywhere and most are rare: common words are drawn with Zipf-like weights, and each
client has a few words of their own (the people, places, medication and pastimes of
their story) that recur in their notes only. Without that long tail every search word
would match a fifth or more of all notes, which real searches do not.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate

from alliance_journal.domain.clients import Client, ClientStatus, Frequency
from alliance_journal.domain.entries import (
    AllianceFields,
    Amendment,
    ContainerFields,
    CountertransferenceFields,
    Entry,
    EntryKind,
    IntakeFields,
    KindFields,
    LimitFields,
    ReflectionFields,
    SessionFields,
    TransferenceFields,
)
from alliance_journal.domain.exchange import build_document, dump_document
from alliance_journal.domain.themes import ThemeId
from alliance_journal.domain.vocabulary import (
    FEELINGS_BY_FACTOR,
    ContainerEvent,
    Figure,
    IntakeDecision,
    IntakeSignal,
    LimitOutcome,
    Repair,
    Rupture,
    TransferenceStatus,
)

SEED = 20240611

_FUNCTION_TEXT = (
    "the and of to a in that was she he they it with about as for but when her his "
    "this not had felt at again then I me my we our from there which would what so"
)
FUNCTION_WORDS = _FUNCTION_TEXT.split()

_CONTENT_TEXT = (
    "session client mother father sister brother partner husband wife child children family "
    "anger sadness grief loss fear shame guilt envy longing hope despair relief anxiety panic "
    "dream dreams nightmare memory childhood school work job boss colleague friend friends "
    "relationship marriage divorce separation abandonment rejection trust respect alliance "
    "rupture repair silence tears crying laughter smile glance pause hesitation voice tone "
    "late early missed cancelled fee payment holiday break ending beginning contract frame "
    "boundary limit rule request demand question answer interpretation clarification "
    "confrontation empathy attunement mirroring containment holding transference "
    "countertransference projection idealisation devaluation splitting denial defence "
    "resistance acting enactment repetition pattern theme conflict wish fear need desire "
    "body sleep appetite drinking alcohol medication doctor hospital illness pain headache "
    "tiredness exhaustion energy motivation withdrawal isolation loneliness connection "
    "closeness distance warmth coldness hostility criticism praise approval disapproval "
    "authority control helplessness power vulnerability safety danger threat violence "
    "abuse neglect care nurture protection rescue betrayal loyalty jealousy rivalry "
    "competition success failure achievement ambition career money debt house home moving "
    "city village train car journey weekend evening morning night winter summer spring "
    "autumn birthday anniversary funeral wedding christmas letter phone message email "
    "supervision supervisor training colleague referral assessment intake history "
    "formulation goal goals task tasks bond progress change insight understanding meaning "
    "story narrative past present future week month year therapist room chair couch door "
    "waiting coat umbrella mess cup tissue clock minutes hour silence gesture posture "
    "eyes hands shoulders breathing stomach chest throat heart voice whisper shout "
    "irritation boredom sleepiness distraction fascination curiosity tenderness pity "
    "protectiveness frustration impatience resentment admiration attraction discomfort "
    "numbness emptiness void fragment collapse storm flood wave wall bridge window mirror"
)
CONTENT_WORDS = list(dict.fromkeys(_CONTENT_TEXT.split()))

_PERSONAL_TEXT = (
    "Agnes Albert Amelie Anton Arne Bettina Bruno Carla Cornelia Dieter Doris Edgar Elif Emil "
    "Erik Fatima Frieda Georg Gisela Hanna Harald Helga Henrik Ida Ingrid Jakob Janne Johanna "
    "Kai Katja Konrad Lena Leon Linus Lotte Magda Malte Marek Mathilde Milan Mira Nadia Noah "
    "Oskar Petra Philipp Quentin Ralf Renate Ruben Sabine Selma Sven Tobias Ulla Ute Valentin "
    "Vera Walter Wilma Yusuf Zoe Hamburg Lisbon Vienna Krakow Palermo Bergen Lyon Dresden Porto "
    "Zurich Tallinn Bologna Leipzig Ghent Seville Utrecht Brno Tromso Nantes Bremen Salzburg Riga "
    "Malaga Aarhus Genoa sertraline escitalopram fluoxetine venlafaxine mirtazapine quetiapine "
    "lorazepam diazepam lithium lamotrigine bupropion zolpidem propranolol methylphenidate "
    "aripiprazole nurse carpenter teacher plumber lawyer baker accountant architect pharmacist "
    "electrician violin cello piano choir chess climbing rowing marathon pottery gardening "
    "knitting photography sailing cycling swimming painting poetry theatre football handball"
)
#: Words of one client's story; none is a prefix of a common word, so a search for one
#: finds that client's notes and not every note with a longer common word.
PERSONAL_WORDS = [w for w in dict.fromkeys(_PERSONAL_TEXT.split())
                  if not any(c.startswith(w.lower()) for c in CONTENT_WORDS)]
PERSONAL_PER_CLIENT = 6

TAGS = ("dreams", "family", "grief", "work", "supervision", "ending", "frame", "money",
        "body", "sleep", "anger", "shame", "couple", "trauma", "progress", "rupture")

FIRST_NAMES = ("Anna", "Ben", "Clara", "David", "Eva", "Felix", "Greta", "Hugo", "Ines", "Jonas",
               "Karin", "Lukas", "Mara", "Nils", "Olga", "Paul", "Rosa", "Simon", "Tara", "Viktor")
LAST_NAMES = ("Adler", "Berg", "Castell", "Dorn", "Eck", "Falk", "Graf", "Horn", "Iser", "Jahn",
              "Klee", "Lang", "Moser", "Nagel", "Ott", "Pohl", "Roth", "Sauer", "Thal", "Voss")

#: Share of each kind among a client's entries (the first entry is always the intake).
KIND_WEIGHTS: dict[EntryKind, int] = {
    EntryKind.SESSION: 50, EntryKind.COUNTERTRANSFERENCE: 14, EntryKind.TRANSFERENCE: 8,
    EntryKind.ALLIANCE: 10, EntryKind.CONTAINER: 7, EntryKind.LIMIT: 3,
    EntryKind.INTAKE: 1, EntryKind.REFLECTION: 7,
}
FEELINGS = tuple(f for group in FEELINGS_BY_FACTOR.values() for f in group)
START = datetime(2019, 1, 7, 9, 0, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Corpus:
    clients: list[Client]
    entries: list[Entry]

    def document_bytes(self) -> bytes:
        """The `alliance-journal/1` export of this caseload, as the app writes it."""
        return dump_document(build_document(self.clients, self.entries)).encode("utf-8")


class _Writer:
    """Plausible filler text from the word lists, with Zipf-like word frequencies."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        words = [*FUNCTION_WORDS, *CONTENT_WORDS]
        self.words = words
        self.cum = list(accumulate(1.0 / (rank + 1) ** 0.9 for rank in range(len(words))))

    def sentence(self, personal: Sequence[str] = ()) -> str:
        n = self.rng.randint(6, 18)
        words = self.rng.choices(self.words, cum_weights=self.cum, k=n)
        if personal and self.rng.random() < 0.12:
            words.insert(self.rng.randint(1, n), self.rng.choice(personal))
        return words[0].capitalize() + " " + " ".join(words[1:]) + "."

    def text(self, chars: int, personal: Sequence[str] = ()) -> str:
        """Paragraphs of sentences, cut at a word boundary near `chars` characters."""
        paragraphs: list[str] = []
        size = 0
        while size < chars:
            paragraph = " ".join(self.sentence(personal) for _ in range(self.rng.randint(2, 6)))
            paragraphs.append(paragraph)
            size += len(paragraph) + 2
        text = "\n\n".join(paragraphs)
        if len(text) > chars:
            text = text[:chars].rsplit(" ", 1)[0] + "."
        return text


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _fields(kind: EntryKind, rng: random.Random, writer: _Writer) -> KindFields:
    themes = list(ThemeId)
    if kind is EntryKind.SESSION:
        return SessionFields(themes=rng.sample(themes, rng.randint(0, 3)))
    if kind is EntryKind.COUNTERTRANSFERENCE:
        return CountertransferenceFields(
            feelings=rng.sample(FEELINGS, rng.randint(1, 4)), intensity=rng.randint(1, 5),
            evoked=writer.sentence(), urge=writer.sentence(), handled=writer.sentence())
    if kind is EntryKind.TRANSFERENCE:
        return TransferenceFields(
            figure=rng.choice(list(Figure)), wish=writer.sentence(),
            response_of_other=writer.sentence(), response_of_self=writer.sentence(),
            evidence=writer.text(rng.randint(80, 300)), status=rng.choice(list(TransferenceStatus)),
            intervention=writer.sentence(), client_response=writer.sentence())
    if kind is EntryKind.ALLIANCE:
        def rating() -> int:
            return rng.randint(1, 5)
        return AllianceFields(
            client_trusts_me=rating(), client_respects_me=rating(), i_trust_client=rating(),
            i_respect_client=rating(), client_likes_me=rating(), bond=rating(), tasks=rating(),
            goals=rating(), rupture=rng.choice(list(Rupture)), repair=rng.choice(list(Repair)))
    if kind is EntryKind.CONTAINER:
        event = rng.choice(list(ContainerEvent))
        late = rng.randint(1, 40) if event is ContainerEvent.LATE_ARRIVAL else None
        return ContainerFields(event=event, minutes_late=late, addressed=rng.random() < 0.6)
    if kind is EntryKind.LIMIT:
        return LimitFields(behaviour=writer.sentence(), what_i_said=writer.sentence(),
                           consequence=writer.sentence(), outcome=rng.choice(list(LimitOutcome)))
    if kind is EntryKind.INTAKE:
        return IntakeFields(signals=rng.sample(list(IntakeSignal), rng.randint(0, 2)),
                            discomfort=rng.randint(0, 5), decision=rng.choice(list(IntakeDecision)),
                            reasons=writer.sentence())
    return ReflectionFields(theme=rng.choice([None, *themes]))


def _client(index: int, rng: random.Random, writer: _Writer) -> Client:
    started = date(2019, 1, 7) + timedelta(days=rng.randint(0, 60))
    return Client(
        id=_uuid(rng), code=f"C{index + 1:04d}",
        name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
        status=rng.choice([ClientStatus.ACTIVE] * 6 + [ClientStatus.PAUSED, ClientStatus.ENDED]),
        started_on=started, frequency=rng.choice(list(Frequency)), notes=writer.sentence())


def _entries(client: Client, count: int, rng: random.Random, writer: _Writer) -> list[Entry]:
    kinds = list(KIND_WEIGHTS)
    weights = list(KIND_WEIGHTS.values())
    personal = rng.sample(PERSONAL_WORDS, PERSONAL_PER_CLIENT)
    out: list[Entry] = []
    when = START + timedelta(days=rng.randint(0, 60), hours=rng.randint(0, 8))
    for i in range(count):
        kind = EntryKind.INTAKE if i == 0 else rng.choices(kinds, weights)[0]
        when += timedelta(days=rng.choice((2, 3, 4, 7)), minutes=rng.randint(-90, 90))
        finalised = when + timedelta(hours=2) if rng.random() < 0.5 else None
        amendments = ([Amendment(at=when + timedelta(days=3), body=writer.sentence())]
                      if finalised and rng.random() < 0.05 else [])
        out.append(Entry(
            id=_uuid(rng), client_id=client.id, kind=kind, occurred_at=when,
            created_at=when + timedelta(minutes=50), updated_at=when + timedelta(minutes=70),
            tags=rng.sample(TAGS, rng.choice((0, 0, 1, 1, 2, 3))),
            body=writer.text(rng.randint(200, 3000), personal), fields=_fields(kind, rng, writer),
            finalised_at=finalised, amendments=amendments,
            deleted_at=when + timedelta(days=1) if rng.random() < 0.005 else None))
    return out


def make_corpus(clients: int, entries_per_client: int, *, seed: int = SEED) -> Corpus:
    rng = random.Random(seed)
    writer = _Writer(rng)
    people = [_client(i, rng, writer) for i in range(clients)]
    entries = [e for c in people for e in _entries(c, entries_per_client, rng, writer)]
    return Corpus(people, entries)


def search_queries(count: int, *, seed: int = SEED) -> list[str]:
    """What a therapist types: one word (or two, 30%), drawn uniformly from the corpus'
    distinct common and personal words (never `the`)."""
    rng = random.Random(seed + 1)
    words = [*CONTENT_WORDS, *PERSONAL_WORDS]
    return [" ".join(rng.sample(words, 1 if rng.random() < 0.7 else 2)) for _ in range(count)]
