"""De-identification for the supervision report: the client only by code.

The client's name and the words of their client notes are what could identify them in
free text; the names of the vault's other clients are taken out too, since a note about
one client may mention another. Any of those words found in a note is flagged (so the window can show it
before export) and replaced by "[name]" in the file. The notes' ordinary words (short
ones and the common English words below) are left alone, or nothing readable would
remain; a distinctive word from the notes is taken out even when it is innocent,
because a supervision report is better over-cautious than identifying.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import Amendment, CountertransferenceFields, Entry

PLACEHOLDER = "[name]"
#: Note words shorter than this are never taken as identifying.
_MIN_NOTE_WORD = 4
_WORD = re.compile(r"[^\W_][\w'’-]*")
_COMMON_TEXT = """
about above after again against also among another anything around away back been before
being below best better between both came come could does doing done down during each even
ever every feel feels felt first from gets give given goes going good great have having
help helps here hers herself himself into just keep kept know last less like little long
look made make many more most much must myself need needs never next none nothing often
once only other ours over part people place quite rather really said same says seem seems
self shall should since some something still such sure take than that their theirs them
themselves then there these they thing things think this those though three through time
times today together told took towards under until upon very want wants well went were
what when where which while whom whose will with within without work would year years
your yours client clients session sessions therapy weekly fortnightly monthly week weeks
month months wants referred referral demo fictional
"""
_COMMON = frozenset(_COMMON_TEXT.split())


def _variants(word: str) -> set[str]:
    """A word as a note may write it: whole, without apostrophes, and each part between
    hyphens and apostrophes (O'Brien-Kelly: OBrien-Kelly, O'Brien, OBrien, Brien, Kelly).
    Apostrophes are kept as `'`; the pattern takes either kind."""
    word = word.replace("’", "'")
    joined = word.replace("'", "")
    return {word, joined, *word.split("-"), *joined.split("-"), *re.split(r"['-]", word)}


@dataclass(frozen=True, slots=True)
class Finding:
    """Identifying words found in one part of one entry, for review before export."""

    entry_id: str
    part: str
    words: tuple[str, ...]


class Redactor:
    """Finds and replaces the client's name and their notes' distinctive words."""

    def __init__(self, client: Client, others: Iterable[Client] = ()) -> None:
        """`others`: the vault's other clients, whose names a note may also mention (a
        report about one client must not name another); their notes are not used."""
        terms: set[str] = set()
        for named in (client, *others):
            name = " ".join((named.name or "").replace("’", "'").split())
            if name:
                terms.add(name)
                terms.update(v for w in _WORD.findall(name) for v in _variants(w)
                             if len(v.strip("'-")) >= 2)
        terms.update(v for w in _WORD.findall(client.notes) for v in _variants(w)
                     if len(v) >= _MIN_NOTE_WORD and v.casefold() not in _COMMON)
        # Both forms: IGNORECASE folds case one letter at a time, so the pattern "weiss"
        # alone misses "Weiß" and "weiß" alone misses "WEISS".
        ordered = sorted({form for t in terms for form in (t.lower(), t.casefold())},
                         key=len, reverse=True)
        self.terms = tuple(ordered)
        self._folded = frozenset(t.casefold() for t in ordered)
        alternatives = "|".join(re.escape(t).replace("'", "['’]") for t in ordered)
        self._pattern = (re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
                         if ordered else None)

    def _may_hold(self, text: str) -> bool:
        """Whether any term occurs in `text` at all: a plain substring test, much cheaper
        than the pattern, and never stricter (casefold folds at least what IGNORECASE
        does, and either apostrophe is one), so most notes skip the pattern entirely."""
        folded = text.casefold().replace("’", "'")
        return any(term in folded for term in self._folded)

    def words_in(self, text: str) -> tuple[str, ...]:
        if self._pattern is None or not text or not self._may_hold(text):
            return ()
        return tuple(dict.fromkeys(m.group(0) for m in self._pattern.finditer(text)))

    def redact(self, text: str) -> str:
        if self._pattern is None or not text or not self._may_hold(text):
            return text
        return self._pattern.sub(PLACEHOLDER, text)

    def entry(self, entry: Entry, drop_tags: frozenset[str]) -> Entry:
        """A copy with every free text redacted and the identifying tags dropped."""
        fields = entry.fields.model_copy(update={
            name: self.redact(value) for name, value in entry.fields.model_dump().items()
            if type(value) is str})
        if isinstance(fields, CountertransferenceFields):
            fields = fields.model_copy(update={"feelings": [self.redact(f) for f in fields.feelings]})
        return entry.model_copy(update={
            "body": self.redact(entry.body),
            "tags": [t for t in entry.tags if t not in drop_tags and not self.words_in(t)],
            "amendments": [Amendment.model_construct(at=a.at, body=self.redact(a.body))
                           for a in entry.amendments],
            "fields": fields})

    def findings(self, entries: Iterable[Entry]) -> list[Finding]:
        found: list[Finding] = []
        for entry in entries:
            parts = {"body": entry.body, "tags": " ".join(entry.tags),
                     **{f"amendment {n}": a.body for n, a in enumerate(entry.amendments, 1)},
                     **{name: value for name, value in entry.fields.model_dump().items()
                        if type(value) is str}}
            if isinstance(entry.fields, CountertransferenceFields):
                parts["feelings"] = " ".join(entry.fields.feelings)
            for part, text in parts.items():
                words = self.words_in(text)
                if words:
                    found.append(Finding(str(entry.id), part, words))
        return found
