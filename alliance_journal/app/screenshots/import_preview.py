"""The import preview picture: a small fictional Day One export, counted, not imported."""

from __future__ import annotations

import json
import zipfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alliance_journal.app.screenshots.shooter import Shooter

#: Fictional reflections only, as in the demo vault.
NOTES: tuple[tuple[str, str, list[str], bool], ...] = (
    ("2023-11-02T19:10:00Z", "Tired after the late sessions\\. Noticed I rushed the ending\\.",
     ["fatigue"], True),
    ("2024-01-15T07:45:00Z", "Supervision tomorrow: bring the silence, the fee, the hope\\.",
     ["supervision"], False),
    ("2024-03-31T00:20:00Z", "Clocks change tonight\\. A quiet week\\; grateful\\.", [], False),
)


def import_preview_shot(s: Shooter) -> None:
    from alliance_journal.app.dialogs.import_preview import ImportPreviewDialog
    from alliance_journal.services.clients import list_clients

    export = s.tmp / "Day One export.zip"
    entries = [{"uuid": f"{index + 1:032X}", "creationDate": when, "timeZone": "Europe/London",
                "text": text, "tags": tags, "starred": starred,
                **({"photos": [{"identifier": "P"}], "location": {"localityName": "Town"}}
                   if index == 0 else {})}
               for index, (when, text, tags, starred) in enumerate(NOTES)]
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("Journal.json", json.dumps({"metadata": {"version": "1.0"}, "entries": entries}))
    with s.shot("import-preview"):
        vault = s.vault()
        codes = [c.client.code for c in list_clients(vault, include_archived=True)]
        dialog = ImportPreviewDialog(vault, export, codes)
        s.settle(200)
        s.save(dialog, "import-preview", (600, 360))
        dialog.reject()
