"""`archive ingest`: find files, process each, hand results to the loader, count outcomes."""

from __future__ import annotations

import bisect
import functools
import hashlib
import itertools
import multiprocessing
import os
import time
from array import array
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Union

from .decode import DEFAULT_MAX_BYTES, UnusableFile
from .extract import Extractor
from .load import Archive
from .pipeline import ProcessedFile, process_bytes, sha256_of
from .registry import REGISTRY_PATH, load_registry
from .version import reading_version
from .wire.link import link_shared_copy

TEXT_SUFFIXES = {".txt", ".text", ".md", ".article"}

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_QUARANTINED = 3


@dataclass
class RunSummary:
    counts: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)  # one line each: "file: reason"
    notes: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    notes_left_out: int = 0
    seconds: dict[str, float] = field(default_factory=dict)  # wall time of each step of the run, in order

    def note(self, *lines: str) -> None:
        """Keep a note for -v; past MAX_NOTES only count it, so memory stays flat."""
        room = max(0, MAX_NOTES - len(self.notes))
        self.notes.extend(lines[:room])
        self.notes_left_out += len(lines) - len(lines[:room])

    @property
    def exit_code(self) -> int:
        return EXIT_QUARANTINED if self.counts["errors"] else EXIT_OK

    def timing(self) -> str:
        """'timing: 326.2 s loading files, 23.0 s building indexes, ...' (for -v)."""
        return "timing: " + ", ".join(f"{seconds:.1f} s {step}" for step, seconds in self.seconds.items())

    def line(self) -> str:
        c = self.counts
        text = (f"{c['added']} added, {c['updated']} updated, {c['unchanged'] + c['refreshed']} unchanged, "
                f"{c['duplicates']} duplicates, {c['renamed']} renamed, {c['mentions']} mentions, {c['errors']} errors")
        if self.missing:
            text += f", {len(self.missing)} missing"
        return text


class StrictStop(Exception):
    """--strict: the first problem stops the run."""


def extractor_id(registry_path: Path) -> str:
    """The reading version articles are stamped with (`articles.extracted_with`)."""
    return reading_version(registry_path)


def display_path(path: Path) -> str:
    """A stable path to store: relative to the working directory when inside it."""
    absolute, cwd = os.path.abspath(path), os.getcwd()
    if absolute == cwd:
        return "."
    inside = cwd.rstrip("/") + "/"
    return absolute[len(inside):] if absolute.startswith(inside) else absolute


def discover(paths: list[Path], notes: list[str], problems: list["Problem"]) -> Iterator[Path]:
    """Files to ingest, in sorted order. Folders are walked (symlink loops detected);
    files in folders without a text suffix are skipped with a note."""
    for root in paths:
        if root.is_file():
            yield root
        elif root.is_dir():
            seen: set[tuple[int, int]] = set()
            for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
                stat = os.stat(dirpath)
                if (stat.st_dev, stat.st_ino) in seen:
                    notes.append(f"{dirpath}: symlink loop, not followed again")
                    dirnames[:] = []
                    continue
                seen.add((stat.st_dev, stat.st_ino))
                dirnames.sort()
                for name in sorted(filenames):
                    path = Path(dirpath) / name
                    if name.startswith("."):
                        continue
                    if path.suffix.lower() not in TEXT_SUFFIXES:
                        notes.append(f"{path}: skipped, not a text file ({path.suffix or 'no suffix'})")
                        continue
                    yield path
        elif root.is_symlink():
            problems.append(Problem(root, "unreadable", "broken symbolic link"))
        else:
            problems.append(Problem(root, "not-found", "no such file or folder"))


BATCH_ARTICLES = 500
BATCH_SECONDS = 2.0
_worker_extractor: Extractor | None = None
_known = array("Q")  # sorted keys of (path, sha256) already ingested with the current extractor
MAX_NOTES = 1000  # warnings kept for -v; the rest are counted


def _contains(keys: array, key: int) -> bool:
    index = bisect.bisect_left(keys, key)
    return index < len(keys) and keys[index] == key


def _hash64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def path_key(stored_path: str) -> int:
    return _hash64(stored_path)


def unchanged_key(stored_path: str, sha256: str) -> int:
    return _hash64(f"{stored_path}\0{sha256}")


def _init_worker(extractor: Extractor) -> None:
    global _worker_extractor
    _worker_extractor = extractor  # forked: the writer's extractor, already built


@dataclass
class Read:
    """A file read and processed by a worker, ready for the writer."""

    path: Path
    data: bytes
    processed: ProcessedFile


@dataclass
class Unchanged:
    """A file whose (path, content) the archive already holds with the current reading: not parsed."""

    path: Path
    sha256: str


@dataclass
class Problem:
    """A file that cannot become an article: quarantined with its bytes (when it could be read)."""

    path: Path
    reason: str  # short code stored in ingest_errors.error
    message: str
    sha256: str | None = None
    data: bytes | None = None


Result = Union[Read, Unchanged, Problem]


def read_and_process(path: Path, max_bytes: int, extractor: Extractor | None = None) -> Result:
    """Read one file and run the pure pipeline on it (in a worker process)."""
    extractor = extractor or _worker_extractor
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return Problem(path, "too-large", f"file is {size:,} bytes, over the {max_bytes:,}-byte limit")
        data = path.read_bytes()
    except OSError as exc:
        return Problem(path, "unreadable", exc.strerror or str(exc))
    sha = sha256_of(data)
    if _known and _contains(_known, unchanged_key(display_path(path), sha)):
        return Unchanged(path, sha)  # skip parsing; the writer confirms against the database
    try:
        return Read(path, data, process_bytes(data, extractor, max_bytes=max_bytes))
    except UnusableFile as exc:
        return Problem(path, exc.reason, exc.message, sha, data)


def _bounded_imap(pool, function, items, window: int = 256):
    """pool.imap with backpressure: at most two windows of files in flight, so memory stays flat
    however far the workers could run ahead of the single writer. The next window is queued
    while this one is read, so the workers never wait for the writer to drain a window."""
    items = iter(items)
    in_flight: deque = deque()

    def submit() -> None:
        chunk = list(itertools.islice(items, window))
        if chunk:
            in_flight.append(pool.imap(function, chunk, chunksize=8))

    submit()
    while in_flight:
        submit()
        yield from in_flight.popleft()


def ingest_paths(paths: list[Path], db_path: Path, *, registry_path: Path = REGISTRY_PATH, strict: bool = False,
                 max_bytes: int = DEFAULT_MAX_BYTES, report: Callable[[str], None] = print,
                 workers: int | None = None, bulk: bool | None = None) -> RunSummary:
    """Ingest files and folders into the archive at db_path. `report` receives one line per problem.
    Files are read and parsed by `workers` processes (default: one per core, at most 4); one writer
    loads them, committing batches of whole articles (each article in its own savepoint).
    `bulk` (default: when the archive is empty) defers full-text and reader-only indexes to the end."""
    global _known
    registry = load_registry(registry_path)
    workers = workers if workers is not None else min(4, os.cpu_count() or 1)
    extractor = Extractor(registry)
    archive = Archive(db_path, registry, extractor_id(registry_path))
    # Compact sorted arrays, not sets: 8 bytes per article, so memory stays flat at any size.
    _known = array("Q", sorted(archive.articles.unchanged_keys(unchanged_key)))
    pool = None
    if workers > 1:  # forked after _known is filled, so workers share it copy-on-write
        pool = multiprocessing.get_context("fork").Pool(workers, _init_worker, (extractor,))
    summary = RunSummary()
    try:
        archive.sync_registry()
        if bulk or (bulk is None and archive.is_empty()):
            archive.begin_bulk()
        run_id = archive.start_run([str(p) for p in paths])
        discovery_problems: list[Problem] = []
        files = discover(paths, summary.notes, discovery_problems)
        if pool:
            results = _bounded_imap(pool, functools.partial(read_and_process, max_bytes=max_bytes), files)
        else:
            results = (read_and_process(path, max_bytes, extractor) for path in files)
        loader = _Loader(archive, run_id, summary, strict, report, max_bytes, extractor)
        started = time.monotonic()

        def step_done(step: str) -> None:
            nonlocal started
            summary.seconds[step] = time.monotonic() - started
            started = time.monotonic()

        try:
            loader.load(results)
            for problem in discovery_problems:
                loader.quarantine(problem)
        except StrictStop:
            pass
        summary.missing = _missing(archive, paths, loader.seen_paths)
        step_done("loading files")
        if archive.finish_bulk():
            step_done("building indexes")
        link_shared_copy(archive.wire, db_path, pool)
        step_done("comparing wire copy")
        archive.finish_run(run_id, {
            "added": summary.counts["added"], "updated": summary.counts["updated"],
            "unchanged": summary.counts["unchanged"] + summary.counts["refreshed"],
            "duplicates": summary.counts["duplicates"], "renamed": summary.counts["renamed"],
            "errors": summary.counts["errors"], "missing": len(summary.missing),
            "mentions": summary.counts["mentions"]})
        step_done("recounting")
    finally:
        if pool:
            pool.terminate()
            pool.join()
        _known = array("Q")
        archive.close()
    return summary


class _Loader:
    """The single writer: saves what the workers read, batches of whole articles per transaction,
    and quarantines what they could not."""

    def __init__(self, archive: Archive, run_id: int, summary: RunSummary, strict: bool,
                 report: Callable[[str], None], max_bytes: int, extractor: Extractor):
        self.archive, self.run_id, self.summary = archive, run_id, summary
        self.strict, self.report, self.max_bytes, self.extractor = strict, report, max_bytes, extractor
        self.seen_paths = array("Q")  # path_key of every file seen, for _missing

    def load(self, results: Iterator[Result]) -> None:
        archive, counts = self.archive, self.summary.counts
        batch_size, batch_started = 0, time.monotonic()
        archive.begin()
        try:
            for result in results:
                stored = display_path(result.path)
                self.seen_paths.append(path_key(stored))
                if isinstance(result, Unchanged):
                    if archive.articles.is_unchanged(stored, result.sha256):
                        counts["unchanged"] += 1
                        continue
                    # a key collision: process it here after all
                    result = read_and_process(result.path, self.max_bytes, self.extractor)
                if isinstance(result, Problem):
                    self.quarantine(result)
                else:
                    self.save(result, stored)
                batch_size += 1
                if batch_size >= BATCH_ARTICLES or time.monotonic() - batch_started > BATCH_SECONDS:
                    archive.commit()
                    archive.begin()
                    batch_size, batch_started = 0, time.monotonic()
        finally:
            archive.commit()

    def save(self, read: Read, stored: str) -> None:
        saved = self.archive.save(read.path.name, stored, read.data, read.processed)
        self.summary.counts[{"duplicate": "duplicates"}.get(saved.outcome, saved.outcome)] += 1
        self.summary.counts["mentions"] += saved.mentions
        warnings = read.processed.article.warnings
        if warnings and saved.outcome in ("added", "updated"):
            self.summary.note(*(f"{stored}: {w}" for w in warnings))

    def quarantine(self, problem: Problem) -> None:
        stored = display_path(problem.path)
        self.summary.counts["errors"] += 1
        line = f"{stored}: {problem.message} [{problem.reason}]"
        self.summary.problems.append(line)
        self.report(line)
        if self.strict:
            raise StrictStop(line)
        self.archive.record_error(self.run_id, problem.path.name, stored, problem.sha256, problem.data,
                                  problem.reason, problem.message)


def _missing(archive: Archive, roots: list[Path], seen: array) -> list[str]:
    """Articles whose file was under an ingested folder but is gone now (reported, never deleted)."""
    folders = [("" if display_path(r) == "." else display_path(r).rstrip("/") + "/") for r in roots if r.is_dir()]
    if not folders:
        return []
    seen = array("Q", sorted(seen))
    return sorted(p for p in archive.articles.stored_paths() if any(p.startswith(f) for f in folders)
                  and not _contains(seen, path_key(p)) and not os.path.exists(p))
