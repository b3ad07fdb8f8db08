"""One spelling throughout: the UI speaks British English ("finalise", "colour").

Every string literal under `alliance_journal/` (labels, messages, tips, docstrings) and the
shipped text resources are searched for the American spelling of common words. CSS
property names (`color:`) are code, not words, and are left out.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AMERICAN = re.compile(
    r"\b(colors?|colored|organiz\w*|finaliz\w*|behaviors?|centers?|centered|canceled|canceling"
    r"|favorites?|analyz\w*|recogniz\w*|realiz\w*|apologiz\w*|summariz\w*|prioritiz\w*"
    r"|customiz\w*|authoriz\w*|emphasiz\w*|honors?|labeled|labeling|gray)\b", re.IGNORECASE)
CSS_PROPERTY = re.compile(r"\b(background-)?color\s*:", re.IGNORECASE)


def american_words(text: str) -> list[str]:
    return AMERICAN.findall(CSS_PROPERTY.sub("", text))


def literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def test_no_american_spelling_in_the_code_strings():
    found = [f"{path.relative_to(ROOT)}:{line}: {word}"
             for path in sorted((ROOT / "alliance_journal").rglob("*.py"))
             for line, text in literals(path) for word in american_words(text)]
    assert found == []


@pytest.mark.parametrize("suffix", ["toml", "md", "txt"])
def test_no_american_spelling_in_the_shipped_text(suffix):
    found = [f"{path.relative_to(ROOT)}: {word}"
             for path in sorted((ROOT / "resources").rglob(f"*.{suffix}"))
             for word in american_words(path.read_text(encoding="utf-8"))]
    assert found == []


def test_the_check_fires_on_american_and_stays_quiet_on_british_and_css():
    assert american_words("Finalize the entry; the color is gray") == ["Finalize", "color", "gray"]
    assert american_words("Finalise the entry; colour: grey") == []
    assert american_words("background-color: #fff; color: red") == []
