"""The redactor's quick substring screen never lets an identifying word through."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_journal.domain.clients import Client
from alliance_journal.services.review.deidentify import PLACEHOLDER, Redactor

_LETTERS = st.sampled_from([*"aAbBsSßſkKK ïÏ'’-.,\n", "Straße", "O'Brien", "Élodie"])
_TEXT = st.lists(_LETTERS, max_size=40).map("".join)
_WORDS = st.lists(st.sampled_from(["Straße", "strasse", "O'Brien", "Élodie", "Kasbah", "kißen",
                                   "Skiff", "Abbass", "bask"]), min_size=1, max_size=4)


def _reference(redactor: Redactor, text: str) -> str:
    """The pattern alone, one alternative per term (either apostrophe), with no screen."""
    alternatives = (re.escape(t).replace("'", "['’]") for t in redactor.terms)
    pattern = re.compile("|".join(rf"(?<!\w){a}(?!\w)" for a in alternatives), re.IGNORECASE)
    return pattern.sub(PLACEHOLDER, text)


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(["Élodie O'Brien", "Anna Straße", "Kai Abbass"]), note_words=_WORDS,
       text=_TEXT)
def test_redaction_equals_the_unscreened_pattern(name: str, note_words: list[str], text: str) -> None:
    redactor = Redactor(Client(code="R-1", name=name, notes=" ".join(note_words)))
    assert redactor.redact(text) == _reference(redactor, text)


def test_a_note_without_any_term_is_returned_as_it_is() -> None:
    redactor = Redactor(Client(code="R-2", name="Élodie O'Brien", notes="Kasbah Skiff"))
    text = "The session was quiet; we spoke about the weekend."
    assert redactor.redact(text) is text
    assert redactor.redact("Élodie mentioned the kasbah.") == f"{PLACEHOLDER} mentioned the {PLACEHOLDER}."


def test_a_name_with_a_sharp_s_is_redacted_however_the_note_spells_its_case() -> None:
    redactor = Redactor(Client(code="R-3", name="Anna Weiß", notes="Bakery on Müllerstraße"))
    text = "Weiß said; WEISS wrote; weiss again; near MÜLLERSTRASSE and Müllerstraße."
    assert redactor.redact(text) == (f"{PLACEHOLDER} said; {PLACEHOLDER} wrote; {PLACEHOLDER} "
                                     f"again; near {PLACEHOLDER} and {PLACEHOLDER}.")
    assert redactor.words_in("Mrs Weiß called") == ("Weiß",)
    assert redactor.redact("A white wall") == "A white wall"


def test_each_part_of_a_hyphenated_or_apostrophed_name_is_redacted_with_either_apostrophe() -> None:
    redactor = Redactor(Client(code="R-4", name="Siobhan O'Brien-Kelly", notes="Near Kings-Lynn"))
    text = "O’Brien-Kelly said; Mrs Kelly; OBrien; O'Brien; Siobhan’s mum; Lynn."
    assert redactor.redact(text) == (f"{PLACEHOLDER} said; Mrs {PLACEHOLDER}; {PLACEHOLDER}; "
                                     f"{PLACEHOLDER}; {PLACEHOLDER}’s mum; {PLACEHOLDER}.")
    assert redactor.words_in("Mrs Kelly called") == ("Kelly",)
    assert redactor.redact("Briefly, the O family") == "Briefly, the O family"


def test_other_clients_names_are_redacted_but_not_their_notes() -> None:
    other = Client(code="R-6", name="Teodor Vashti", notes="Lighthouse keeper")
    redactor = Redactor(Client(code="R-5", name="Anna Weiß"), [other])
    text = "She said Teodor reminded her of Vashti; the lighthouse came up."
    assert redactor.redact(text) == (f"She said {PLACEHOLDER} reminded her of {PLACEHOLDER}; "
                                     "the lighthouse came up.")
    assert Redactor(Client(code="R-5", name="Anna Weiß")).redact(text) == text  # quiet without
