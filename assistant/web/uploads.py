"""Adding articles from the chat page: uploaded files and server folders into the index.

An upload is checked (extension, size) and copied into the uploads folder under a name
made from letters, digits, ``-`` and ``_`` only: the name a browser sent is a label, never
a path. The accepted files are then added to the index with ``Engine.add`` (the articles
already indexed stay), and the summary says what was added, changed and refused, by file
name.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from index.read import SUPPORTED

__all__ = ["ALLOWED", "AddResult", "accept_upload", "add_uploads", "add_folder"]

#: The file types the page accepts (the ones ``index/read.py`` reads).
ALLOWED = tuple(sorted(SUPPORTED))


@dataclass
class AddResult:
    """What adding files did: article ids added and changed, and ``(file name, why)`` errors."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        """One line for people: "added 2, changed 0, unchanged 5; 1 file refused"."""
        text = f"added {len(self.added)}, changed {len(self.changed)}, unchanged {self.unchanged}"
        if self.errors:
            text += f"; {len(self.errors)} file{'s' if len(self.errors) > 1 else ''} refused"
        return text


def safe_name(name: str) -> str:
    """A file name made only of ``[A-Za-z0-9_-]`` and the lower-case extension."""
    base = Path(name.replace("\\", "/")).name
    stem, dot, ext = base.rpartition(".")
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", stem if dot else base).strip("_")[:80]
    return f"{stem or 'upload'}.{ext.lower()}" if dot else stem or "upload"


def accept_upload(name: str, path: Path, folder: Path, max_mb: float) -> Path:
    """Copy the uploaded file at ``path`` (sent as ``name``) into ``folder``; its new path.

    Raises ValueError saying why a file is refused: its extension, or its size (``max_mb``
    is ``Settings.upload_limit_mb``: the upload limit, capped by the indexer's file limit).
    """
    ext = Path(name).suffix.lower()
    if ext not in ALLOWED:
        raise ValueError(
            f"'{ext or '(no extension)'}' files are not accepted — use one of {', '.join(ALLOWED)}"
        )
    size = path.stat().st_size
    if size > max_mb * 1024 * 1024:
        raise ValueError(
            f"{size / 1024 / 1024:.1f} MB is over the {max_mb:g} MB upload limit — split it, "
            "or raise CLAIMTRACE_MAX_FILE_MB and CLAIMTRACE_UPLOAD_MAX_MB"
        )
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / safe_name(name)
    shutil.copyfile(path, target)
    return target


def add_uploads(
    engine, files: list[tuple[str, Path]], progress: bool = False, fixed: dict | None = None
) -> AddResult:
    """Accept each ``(name, path)`` upload and add the accepted ones to ``engine``'s index.

    ``fixed`` fills fields the files lack, as ``--set`` does (``{"outlet": "Reuters"}``).
    """
    settings = engine.settings
    folder = Path(settings.uploads_dir)
    result, accepted, names = AddResult(), [], {}
    for name, path in files:
        try:
            target = accept_upload(name, Path(path), folder, settings.upload_limit_mb)
        except ValueError as exc:
            result.errors.append((Path(name).name, str(exc)))
            continue
        accepted.append(target)
        names[str(target.resolve())] = Path(name).name
    if accepted:
        _add(engine, accepted, result, names, progress, fixed)
    return result


def add_folder(engine, folder: str, progress: bool = False, fixed: dict | None = None) -> AddResult:
    """Add the articles in a folder on the server to ``engine``'s index.

    Only a folder under ``Settings.folder_root`` (CLAIMTRACE_FOLDER_ROOT, default ``./data``)
    or the uploads folder is read; links are resolved before the check.
    """
    text = folder.strip()
    roots = [Path(r).resolve() for r in (engine.settings.folder_root, engine.settings.uploads_dir)]
    path = (roots[0] / Path(text).expanduser()).resolve()
    if not text or not any(path == r or path.is_relative_to(r) for r in roots):
        shown = " or ".join(str(r) for r in roots)
        why = (
            f"only folders under {shown} can be added — set CLAIMTRACE_FOLDER_ROOT to allow another"
        )
        return AddResult(errors=[(folder, why)])
    if not path.is_dir():
        return AddResult(errors=[(folder, f"no such folder on the server under {roots[0]}")])
    result = AddResult()
    _add(engine, [path], result, {}, progress, fixed)
    return result


def _add(
    engine, paths: list[Path], result: AddResult, names: dict, progress: bool, fixed: dict | None
) -> None:
    summary = engine.add(paths, progress=progress, fixed=fixed or None)
    result.added += summary.added
    result.changed += summary.changed
    result.unchanged += summary.unchanged
    for err in summary.errors:
        shown = names.get(str(Path(err.file).resolve()), Path(err.file).name)
        result.errors.append((shown, err.error))
