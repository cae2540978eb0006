"""Finding and reading the files an ingest is given: only regular files are read, each with a
bounded read, folders walked without recursion; anything else becomes a Problem with a one-line
reason, never a hang or a traceback."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

TEXT_SUFFIXES = {".txt", ".text", ".md", ".article"}
# Pages, feeds, crawls and PDFs (ingest.formats reads them; what a file is, is told by its content)
FORMAT_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".xml", ".rss", ".atom", ".feed", ".warc", ".arc", ".pdf"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | FORMAT_SUFFIXES
COMPRESSED = (".warc.gz", ".arc.gz")


@dataclass
class Problem:
    """A file that cannot become an article: quarantined with its bytes when they could be read
    (`stream`: too large to hand over, the writer streams them from the file)."""

    path: Path
    reason: str  # short code stored in ingest_errors.error
    message: str
    sha256: str | None = None
    data: bytes | None = None
    size: int | None = None
    stream: bool = False


def safe_text(text: str) -> str:
    """A file name as text that can be stored: bytes that are not UTF-8 (kept by the OS as
    surrogates) are written as \\xNN."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def display_path(path: Path) -> str:
    """A stable path to store: relative to the working directory when inside it."""
    absolute, cwd = os.path.abspath(path), os.getcwd()
    if absolute == cwd:
        return "."
    inside = cwd.rstrip("/") + "/"
    return safe_text(absolute[len(inside):] if absolute.startswith(inside) else absolute)


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def readable_name(path: Path, suffixes: set[str] = ARTICLE_SUFFIXES) -> bool:
    """A name the archive reads: a text, page, feed, crawl or PDF suffix."""
    name = path.name.lower()
    return path.suffix.lower() in suffixes or name.endswith(COMPRESSED)


def discover(paths: list[Path], notes: list[str], problems: list[Problem],
             suffixes: set[str] = ARTICLE_SUFFIXES) -> Iterator[Path]:
    """Regular files to ingest, in sorted order (a folder's files, then its folders, depth first).
    Folders are walked with a stack, so any depth works; symlink loops are noted, unreadable
    folders and special files (pipes, devices, sockets) become problems; files without a known
    suffix are skipped with a note."""
    for root in paths:
        try:
            info = os.stat(root)
        except FileNotFoundError:
            problems.append(Problem(root, "unreadable", "broken symbolic link") if os.path.islink(root)
                            else Problem(root, "not-found", "no such file or folder"))
            continue
        except OSError as exc:
            problems.append(Problem(root, "unreadable", exc.strerror or str(exc)))
            continue
        if stat.S_ISREG(info.st_mode):
            yield root
        elif stat.S_ISDIR(info.st_mode):
            yield from _walk(root, notes, problems, suffixes)
        else:
            problems.append(Problem(root, "not-a-file", f"{_kind(info.st_mode)}, not a regular file; not read"))


def _walk(root: Path, notes: list[str], problems: list[Problem], suffixes: set[str]) -> Iterator[Path]:
    seen: set[tuple[int, int]] = set()
    stack = [Path(root)]
    while stack:
        folder = stack.pop()
        try:
            info = os.stat(folder)
            if (info.st_dev, info.st_ino) in seen:
                notes.append(f"{safe_text(str(folder))}: symlink loop, not followed again")
                continue
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            problems.append(Problem(folder, "unreadable", f"folder cannot be read: {exc.strerror or exc}"))
            continue
        folders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                if entry.is_dir():
                    folders.append(path)
                    continue
                mode = entry.stat().st_mode
            except OSError:
                mode = None  # a dangling symbolic link
            if not readable_name(path, suffixes) and not (mode is not None and stat.S_ISREG(mode) and _sniffs_readable(path)):
                notes.append(f"{safe_text(str(path))}: skipped, not an article file ({path.suffix or 'no suffix'})")
            elif mode is None:
                problems.append(Problem(path, "unreadable", "broken symbolic link"))
            elif not stat.S_ISREG(mode):
                problems.append(Problem(path, "not-a-file", f"{_kind(mode)}, not a regular file; not read"))
            else:
                yield path
        stack.extend(reversed(folders))


def _sniffs_readable(path: Path) -> bool:
    """A file without a known suffix is read when its first bytes are a page, feed, crawl or PDF
    (not plain text: a folder's stray notes stay out)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    from .formats import sniff

    return sniff(head, path.name) in ("html", "feed", "warc", "pdf")


def is_warc(path: Path) -> bool:
    """A crawl is read as a stream, record by record, however large."""
    name = path.name.lower()
    if name.endswith((".warc", ".warc.gz", ".arc", ".arc.gz")):
        return True
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    from .formats import sniff

    return sniff(head, path.name) == "warc"


def count_files(paths: list[Path]) -> int:
    """How many files `discover` would yield (for a progress bar)."""
    return sum(1 for _ in discover(paths, [], []))


def read_bounded(path: Path, max_bytes: int) -> bytes | Problem:
    """A regular file's bytes, never more than max_bytes + 1 read (a file that grows, or a
    device behind a name, cannot make a read endless); a file over the limit is a Problem that
    the writer keeps by streaming it."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a pipe must not block the open
    except OSError as exc:
        return Problem(path, "unreadable", exc.strerror or str(exc))
    with os.fdopen(descriptor, "rb") as handle:
        try:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                return Problem(path, "not-a-file", f"{_kind(info.st_mode)}, not a regular file; not read")
            if info.st_size > max_bytes:
                return _too_large(path, info.st_size, max_bytes)
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            return Problem(path, "unreadable", exc.strerror or str(exc))
    if len(data) > max_bytes:
        return _too_large(path, len(data), max_bytes)
    return data


def _too_large(path: Path, size: int, max_bytes: int) -> Problem:
    return Problem(path, "too-large", f"file is {size:,} bytes, over the {max_bytes:,}-byte limit",
                   size=size, stream=True)
