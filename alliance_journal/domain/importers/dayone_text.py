"""Day One's Markdown escaping, undone (and redone, for tests and round trips).

Day One's JSON export writes the entry's Markdown with a backslash before characters it
treats as literal punctuation (`Hello\\.`, `\\- not a list`, `Wow\\!`). Alliance Journal
keeps plain text, so a backslash followed by ASCII punctuation becomes that character;
any other backslash is left as it is.
"""

from __future__ import annotations

import re
import string

#: Every character Day One (like CommonMark) may escape: all ASCII punctuation.
ESCAPABLE = frozenset(string.punctuation)
_ESCAPED = re.compile(r"\\([" + re.escape(string.punctuation) + r"])")
#: Day One's inline references to photos and other media, which are not imported.
MEDIA_REFERENCE = re.compile(r"!\[[^\]\n]*\]\(dayone-moment:/[^)\s]*\)")


def unescape(text: str) -> str:
    """Day One's text as written: `\\.` -> `.`, `\\\\` -> `\\`; other backslashes kept."""
    return _ESCAPED.sub(r"\1", text)


def escape(text: str) -> str:
    """Text as Day One would store it: every ASCII punctuation character backslashed."""
    return "".join("\\" + c if c in ESCAPABLE else c for c in text)


def without_media(text: str) -> tuple[str, int]:
    """The text without its `![](dayone-moment://...)` references, and how many there were."""
    stripped, count = MEDIA_REFERENCE.subn("", text)
    if count:
        stripped = re.sub(r"\n{3,}", "\n\n", stripped).strip("\n")
    return stripped, count
