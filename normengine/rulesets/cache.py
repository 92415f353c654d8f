"""The on-disk cache of parsed programs, so that a fresh process does not pay for the parse.

A parsed program is stored as JSON (:meth:`normengine.rulesets.program.Program.to_json`: its text and
what was read from its annotations, never clingo's ASTs) under a key that covers the content of every
file it reads, which file it was asked for, whether scripts were allowed, and the loader's own code, so
that a change to any of them is a new key. A cache that cannot be read or written is only a slower start.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from ..atomic import write_atomic

__all__ = ["CACHE_FORMAT", "MAX_ENTRIES", "cache_dir", "read_cached", "signature", "write_cached"]

CACHE_FORMAT = "normengine-program-4"

# The cache keeps the programs used most recently: every edit of a rule file is a new key, and an entry of
# the bundled rule set is about half a megabyte, so that an unbounded cache grows by gigabytes in a rule
# author's day (or a test run's). A read marks its entry used (its modification time); a write that finds
# more entries removes the least recently used.
MAX_ENTRIES = 200

# The loader's own code is part of the cache key: a change to the parsing or the instrumentation (any
# module of this package) invalidates the cache.
_LOADER_DIGEST = hashlib.sha256(
    b"".join(p.name.encode() + b"\0" + p.read_bytes() for p in sorted(Path(__file__).resolve().parent.glob("*.py")))
).hexdigest()


def cache_dir() -> Path | None:
    """Where parsed programs are cached: ``$NORMENGINE_CACHE``, else the user's cache directory.

    Set ``NORMENGINE_CACHE=off`` to disable the cache.
    """
    env = os.environ.get("NORMENGINE_CACHE")
    if env is not None:
        return None if env.lower() in ("", "0", "off", "no", "false") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "normengine"


def signature(closure: list[Path], paths: list[Path], allow_scripts: bool) -> str:
    """The key of the program parsed from ``paths``, which read the files of ``closure``."""
    digest = hashlib.sha256(CACHE_FORMAT.encode() + _LOADER_DIGEST.encode())
    digest.update(str(allow_scripts).encode())
    for p in paths:
        digest.update(b"entry:" + str(p).encode())
    for p in closure:
        digest.update(b"file:" + str(p).encode() + b"\0")
        digest.update(_content_digest(p))
    return digest.hexdigest()


_CONTENT: dict[tuple[str, int, int, int], bytes] = {}


def _content_digest(path: Path) -> bytes:
    """The SHA-256 of a file's bytes, remembered while its inode, size and modification time (in ns) stay."""
    st = path.stat()
    stamp = (str(path), st.st_ino, st.st_size, st.st_mtime_ns)
    found = _CONTENT.get(stamp)
    if found is None:
        found = hashlib.sha256(path.read_bytes()).digest()
        if len(_CONTENT) >= 4096:
            _CONTENT.clear()
        _CONTENT[stamp] = found
    return found


def read_cached(key: str) -> dict[str, Any] | None:
    """The JSON stored under ``key``, or None (no cache, no such entry, or one that cannot be read)."""
    directory = cache_dir()
    if directory is None:
        return None
    path = directory / f"{key}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # used now: the last to go when the cache is trimmed
    return data


def write_cached(key: str, data: dict[str, Any]) -> None:
    """Store ``data`` under ``key`` (atomically); a cache that cannot be written is left alone."""
    directory = cache_dir()
    if directory is None:
        return
    try:
        directory.mkdir(parents=True, exist_ok=True)
        write_atomic(directory / f"{key}.json", json.dumps(data))
    except OSError:
        return  # a cache we cannot write is only a slower start
    _trim(directory)


def _trim(directory: Path) -> None:
    """Remove the least recently used entries beyond :data:`MAX_ENTRIES` (another process may remove them too)."""
    entries: list[tuple[int, str, Path]] = []
    try:
        with os.scandir(directory) as found:
            for entry in found:
                if entry.name.endswith(".json") and entry.is_file(follow_symlinks=False):
                    with contextlib.suppress(OSError):
                        entries.append((entry.stat(follow_symlinks=False).st_mtime_ns, entry.name, Path(entry.path)))
    except OSError:
        return
    if len(entries) <= MAX_ENTRIES:
        return
    entries.sort()
    for _mtime, _name, path in entries[: len(entries) - MAX_ENTRIES]:
        with contextlib.suppress(OSError):
            path.unlink()
