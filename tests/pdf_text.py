"""Reading a PDF's text back with `pdftotext` (poppler-utils, installed by `.ci/run`).

On CI a missing pdftotext is a failure, not a skip: the de-identification check on the
PDF must never silently stop running.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def pdf_text(path: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("pdftotext (poppler-utils) is missing on CI; .ci/run installs it")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run([tool, "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          check=True, timeout=60)
    return done.stdout.decode("utf-8")
