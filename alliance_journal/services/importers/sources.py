"""What the user pointed at (a file, a folder, a .zip) as a list of files to read.

A folder is walked for Markdown files (hidden folders such as `.obsidian` and `.git`
are left out, symbolic links are not followed); a .zip is read in place through
`SafeZip`. Nothing is extracted or copied anywhere.
"""

from __future__ import annotations

import contextlib
import os
import stat
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from alliance_journal.domain.importers.markdown import is_markdown_name
from alliance_journal.errors import InvalidInputError, StorageError
from alliance_journal.services.importers.archive import SafeZip

#: A Markdown note larger than this is not a note (the body limit is a million characters).
MAX_NOTE_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One file to read: `name` for messages (relative to what the user chose); `inner`
    is its name inside the archive (a .zip's members only)."""

    name: str
    size: int
    modified: datetime
    open: Callable[[], BinaryIO]
    inner: str = ""


@dataclass(frozen=True, slots=True)
class Sources:
    """The files of one import; `container` is "folder", "zip" or "file", `name` its own."""

    container: str
    name: str
    files: list[SourceFile]
    other_files: int = 0


def _open_file(path: Path, name: str) -> Callable[[], BinaryIO]:
    def opener() -> BinaryIO:
        try:
            return open(path, "rb")
        except OSError as exc:
            raise StorageError(f"could not read {name}: {exc.strerror}") from None
    return opener


def _local_time(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp)  # naive local time, as a front matter's would be


def _unreadable(error: OSError) -> None:
    """A subfolder that cannot be listed stops the import: skipping it would bring some
    notes and silently leave the rest behind, and the user would not know which."""
    where = error.filename if isinstance(error.filename, str) else "a subfolder"
    raise StorageError(f"could not read {Path(where).name or where}: {error.strerror}; "
                       "nothing was imported") from None


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder, onerror=_unreadable, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            yield Path(root, name)


def _folder(folder: Path) -> Sources:
    files, others = [], 0
    for path in _walk(folder):
        name = path.relative_to(folder).as_posix()
        if not is_markdown_name(name) or path.is_symlink() or not path.is_file():
            others += 1
            continue
        info = path.stat()
        files.append(SourceFile(name, info.st_size, _local_time(info.st_mtime), _open_file(path, name)))
    return Sources("folder", folder.name, files, others)


@contextlib.contextmanager
def open_sources(path: Path) -> Iterator[Sources]:
    """The files at `path`, open for as long as the `with` block runs."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InvalidInputError(f"{path}: no such file or folder") from None
    except OSError as exc:
        raise StorageError(f"could not read {path}: {exc.strerror}") from None
    if path.is_dir():
        yield _folder(path)
        return
    if not stat.S_ISREG(info.st_mode):  # a pipe or a device would block or never end
        raise InvalidInputError(f"{path.name}: not a regular file")
    if not zipfile.is_zipfile(path) and path.suffix.lower() != ".zip":
        yield Sources("file", path.name, [SourceFile(path.name, info.st_size, _local_time(info.st_mtime),
                                          _open_file(path, path.name))])
        return
    with SafeZip(path) as archive:
        shown = [m for m in archive.members if not _hidden(m.name)]
        files = [SourceFile(f"{path.name}: {m.name}", m.size, m.modified,
                            lambda m=m: archive.open(m), m.name)  # type: ignore[misc]
                 for m in shown]
        yield Sources("zip", path.name, files, len(archive.members) - len(shown))


def _hidden(name: str) -> bool:
    """Hidden files and folders, and the `__MACOSX/` copies of resource forks macOS adds."""
    return any(part.startswith(".") or part == "__MACOSX" for part in name.split("/"))
