"""Which files to read: the given files and folders walked safely, before anything is read.

The first step of indexing (``index.read`` reads what this finds). Folders are walked in
sorted order, hidden names and unsupported extensions skipped. What cannot be read is not
raised but returned as an error beside its name, so the files next to it are still read: a
path that does not exist, an unsupported type named explicitly, a file over the size limit
(refused before it is opened), something that is not a regular file (a FIFO would block the
read), a broken or looping symbolic link, and a folder that cannot be listed. A symbolic
link to a folder is followed once; a link that leads back to a folder already walked (a
loop) is reported and not followed again.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Found", "find_files", "DEFAULT_MAX_FILE_MB", "MAX_FILE_SETTING"]

#: Files larger than this many megabytes are refused unless the limit is raised.
DEFAULT_MAX_FILE_MB = 10.0
#: How a user raises the limit (named in the error; the setting is read in assistant/settings).
MAX_FILE_SETTING = "CLAIMTRACE_MAX_FILE_MB"
_MB = 1024 * 1024


@dataclass(frozen=True)
class Found:
    """A file to read, its name as the user will see it, and why it cannot be read (or None)."""

    path: Path
    shown: str
    error: str | None = None


def find_files(
    paths: list[str | Path], suffixes: tuple[str, ...], max_file_mb: float = DEFAULT_MAX_FILE_MB
) -> list[Found]:
    """Every file with one of ``suffixes`` under ``paths``, each checked before it is read."""
    found: list[Found] = []
    seen: dict[tuple[int, int], str] = {}  # (device, inode) of each folder walked → its name
    for given in paths:
        path = Path(given)
        problem = _unresolvable(path)
        if problem:
            found.append(Found(path, str(given), problem))
        elif path.is_dir():
            found.extend(_walk(path, suffixes, max_file_mb, seen))
        elif path.suffix.lower() not in suffixes:
            reason = (
                f"unsupported file type '{path.suffix or '(none)'}' — convert it to one of "
                f"{', '.join(suffixes)}"
            )
            found.append(Found(path, str(given), reason))
        else:
            found.append(Found(path, str(given), _check_file(path, max_file_mb)))
    return found


def _walk(
    folder: Path,
    suffixes: tuple[str, ...],
    max_file_mb: float,
    seen: dict[tuple[int, int], str],
) -> list[Found]:
    """The files under ``folder``, depth first in name order (sorted by their path)."""
    info = folder.stat()
    key = (info.st_dev, info.st_ino)
    if key in seen:
        return [
            Found(
                folder,
                str(folder),
                f"symbolic link loop or a folder given twice: it was already read as "
                f"{seen[key]} — skipped; remove the link",
            )
        ]
    seen[key] = str(folder)
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as error:
        return [Found(folder, str(folder), f"cannot list the folder: {_why(error)}")]
    found: list[Found] = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        problem = _unresolvable(path)
        if problem:
            found.append(Found(path, str(path), problem))
        elif path.is_dir():
            found.extend(_walk(path, suffixes, max_file_mb, seen))
        elif path.suffix.lower() in suffixes:
            found.append(Found(path, str(path), _check_file(path, max_file_mb)))
    return found


def _unresolvable(path: Path) -> str | None:
    """Why ``path`` cannot even be looked at (missing, a broken or looping link), or None."""
    try:
        path.stat()
        return None
    except OSError as error:
        if path.is_symlink():
            target = os.readlink(path)
            if error.errno == errno.ELOOP:
                return f"symbolic link loop (it points to {target}) — remove the link"
            return f"broken symbolic link (it points to {target}, which does not exist)"
        if error.errno == errno.ENOENT:
            return f"no such file or folder: {path} — check the path"
        return f"cannot open: {_why(error)}"


def _check_file(path: Path, max_file_mb: float) -> str | None:
    """Why the file at ``path`` must not be read (not a regular file, too large), or None."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (a pipe, socket or device) — give a text file"
    if info.st_size > max_file_mb * _MB:
        return (
            f"the file is {info.st_size / _MB:.1f} MB ({info.st_size:,} bytes), over the "
            f"{max_file_mb:g} MB limit — "
            f"split it into smaller files, or raise the limit with {MAX_FILE_SETTING}"
        )
    return None


def _why(error: OSError) -> str:
    """An OSError as a reason with a way out."""
    if isinstance(error, PermissionError):
        return "permission denied — check its permissions (the reader must be allowed in)"
    return f"{error.strerror or error} — check the path"
