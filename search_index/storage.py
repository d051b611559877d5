"""The on-disk layout: generation directories, the ``current`` link and per-commit checksums.

::

    <path>/current -> gen-<id>        symlink, replaced atomically by a rebuild
    <path>/gen-<id>/                   a Whoosh index plus manifest-<toc>.json

Whoosh writes each segment file once and never changes it, so a manifest of sizes and CRC32s
per commit lets :meth:`search_index.SearchIndex.check` tell a damaged index from a sound one.
"""

from __future__ import annotations

import json
import os
import re
import threading
import zlib
from pathlib import Path

#: Name of the symlink that points at the generation searches use.
CURRENT = "current"

GENERATION_DIR = re.compile(r"^gen-[0-9a-f]+-\d+$")
_TOC = re.compile(r"^_MAIN_(\d+)\.toc$")
_MANIFEST = re.compile(r"^manifest-(\d+)\.json$")


def latest_toc(directory: Path) -> int:
    """Read the Whoosh commit number of a generation from its file names (no file is opened)."""
    latest = -1
    for name in os.listdir(directory):
        match = _TOC.match(name)
        if match:
            latest = max(latest, int(match.group(1)))
    return latest


def crc32(path: Path) -> int:
    """Checksum a file in chunks, for the manifest that lets check() spot damage."""
    crc = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc


def write_manifest(directory: Path) -> None:
    """Record size and checksum of every index file of the latest commit, reusing known entries.

    Whoosh segment files are written once and never changed, so only new files are read. This runs
    after Whoosh released its write lock, so another writer may be deleting older files meanwhile:
    older tables of contents are left out and a file that vanishes is skipped.
    """
    toc = latest_toc(directory)
    known: dict[str, list[int]] = {}
    for name in os.listdir(directory):
        if _MANIFEST.match(name):
            try:
                known.update(json.loads((directory / name).read_text())["files"])
            except (OSError, ValueError, KeyError):
                pass
    files = {}
    latest = f"_MAIN_{toc}.toc"
    for name in sorted(os.listdir(directory)):
        if name.startswith(".") or not (name.endswith(".seg") or name == latest):
            continue
        try:
            size = (directory / name).stat().st_size
            entry = known.get(name)
            if entry is None or entry[0] != size or name.endswith(".toc"):
                entry = [size, crc32(directory / name)]
        except FileNotFoundError:
            # A concurrent commit cleaned up a file of an older commit; its own manifest follows.
            continue
        files[name] = entry
    temporary = directory / f".manifest-{os.getpid()}-{threading.get_ident()}.tmp"
    temporary.write_text(json.dumps({"toc": toc, "files": files}))
    os.replace(temporary, directory / f"manifest-{toc}.json")
    for name in os.listdir(directory):
        match = _MANIFEST.match(name)
        if match and int(match.group(1)) < toc:
            (directory / name).unlink(missing_ok=True)


def manifest_matches(directory: Path) -> bool:
    """Compare every file recorded for the latest commit with its size and checksum.

    :return: False when a recorded file is missing, resized or changed; True otherwise
        (also when no manifest was written, e.g. after a crash between commit and manifest).
    """
    path = directory / f"manifest-{latest_toc(directory)}.json"
    if not path.exists():
        return True
    manifest = json.loads(path.read_text())
    for name, (size, crc) in manifest["files"].items():
        file_path = directory / name
        if not file_path.exists() or file_path.stat().st_size != size or crc32(file_path) != crc:
            return False
    return True
