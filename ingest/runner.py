"""`archive ingest`: find files, read each in a worker, hand results to the single writer, read
again every stored article that an older reading made, count outcomes."""

from __future__ import annotations

import bisect
import functools
import hashlib
import multiprocessing
import os
import time
from array import array
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Union

from .decode import DEFAULT_MAX_BYTES, UnusableFile
from .extract import Extractor
from .files import Problem, discover, display_path, is_warc, read_bounded, safe_text
from .judgements import load_judgements
from .load import Archive
from .pipeline import ProcessedFile, process_bytes, process_file, process_warc, sha256_of
from .pool import Failed, GuardedPool
from .registry import REGISTRY_PATH, load_registry
from .version import reading_version
from .wire.link import link_shared_copy

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_QUARANTINED = 3

BATCH_ARTICLES = 500
BATCH_SECONDS = 2.0
MAX_NOTES = 1000  # warnings kept for -v; the rest are counted
SECONDS_PER_FILE = 120.0  # a file a worker has not read by then is quarantined (timeout)
REREAD_CHUNK = 256  # stored articles fetched at once when they are read again


class NothingToIngest(Exception):
    """None of the paths given exists: nothing is created."""


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
        text = (f"{c['added']} added, {c['updated']} updated, {c['unchanged']} unchanged, {c['refreshed']} re-read, "
                f"{c['duplicates']} duplicates, {c['renamed']} renamed, {c['mentions']} mentions, {c['errors']} errors")
        if self.missing:
            text += f", {len(self.missing)} missing"
        return text


class StrictStop(Exception):
    """--strict: the first problem stops the run."""


def extractor_id(registry_path: Path, judgements=None) -> str:
    """The reading version articles are stamped with (`articles.extracted_with`)."""
    return reading_version(registry_path, judgements=judgements) if judgements else reading_version(registry_path)


_worker_extractor: Extractor | None = None
_known = array("Q")  # sorted keys of (path, sha256) already read with the current reading version


def _contains(keys: array, key: int) -> bool:
    index = bisect.bisect_left(keys, key)
    return index < len(keys) and keys[index] == key


def _hash64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=8).digest(), "big")


def path_key(stored_path: str) -> int:
    return _hash64(stored_path)


def unchanged_key(stored_path: str, sha256: str) -> int:
    return _hash64(f"{stored_path}\0{sha256}")


def _init_worker(extractor: Extractor) -> None:
    global _worker_extractor
    _worker_extractor = extractor  # forked: the writer's extractor, already built


@dataclass
class Read:
    """A file read and processed by a worker, ready for the writer: its articles (one, or a
    container's several)."""

    path: Path
    data: bytes
    processed: list[ProcessedFile]


@dataclass
class Crawl:
    """A WARC crawl: the writer reads it as a stream, record by record (it may be larger than memory)."""

    path: Path


@dataclass
class Unchanged:
    """A file whose (path, content) the archive already holds with the current reading: not parsed."""

    path: Path
    sha256: str


@dataclass
class Reread:
    """A stored article's raw bytes read again with the current reading."""

    article_id: int
    file: str
    path: str
    data: bytes
    format: str | None = None
    container: str | None = None
    item: str | None = None
    container_sha: str | None = None
    container_data: bytes | None = None
    url: str | None = None
    processed: ProcessedFile | None = None
    problem: str | None = None


Result = Union[Read, Unchanged, Problem, Crawl]
CONTAINER_MAX_BYTES = 256 * 1024 * 1024  # a feed larger than this is quarantined (each item is bounded by --max-bytes)


def read_and_process(path: Path, max_bytes: int, extractor: Extractor | None = None) -> Result:
    """Read one file and run the pure pipeline on it (in a worker process)."""
    extractor = extractor or _worker_extractor
    if is_warc(path):
        return Crawl(path)
    data = read_bounded(path, max(max_bytes, CONTAINER_MAX_BYTES) if _container_name(path) else max_bytes)
    if isinstance(data, Problem):
        return data
    sha = sha256_of(data)
    if _known and _contains(_known, unchanged_key(display_path(path), sha)):
        return Unchanged(path, sha)  # skip parsing; the writer confirms against the database
    try:
        return Read(path, data, process_file(data, path.name, extractor, max_bytes=max_bytes))
    except UnusableFile as exc:
        return Problem(path, exc.reason, exc.message, sha, data)
    except MemoryError:
        raise  # the pool reads it again alone, and says so if it fails again
    except Exception as exc:  # a reading bug must cost this file, not the run
        return Problem(path, "reading-failed", f"could not be read ({type(exc).__name__}: {exc})", sha, data)


def _container_name(path: Path) -> bool:
    return path.suffix.lower() in (".xml", ".rss", ".atom", ".feed")


def reread_stored(item: Reread, extractor: Extractor | None = None) -> Reread:
    """Read a stored article's raw bytes again (in a worker process): a text file as text, a page
    or PDF as itself, a feed's item out of the feed's stored bytes, a crawl's record as its page."""
    extractor = extractor or _worker_extractor
    try:
        if item.format in (None, "text"):
            item.processed = process_bytes(item.data, extractor)
        elif item.format == "feed-item" and item.container_data is not None:
            found = [p for p in process_file(item.container_data, item.file, extractor) if p.item == item.item]
            if not found:
                raise UnusableFile("gone", "the item is no longer read out of its feed")
            item.processed = found[0]
        else:
            name = item.file if item.format != "warc-record" else "record.html"
            [item.processed] = process_file(item.data, name, extractor)[:1]
            if item.format == "warc-record":
                item.processed.item, item.processed.kind = item.item, "warc-record"
                item.processed.article.url = item.processed.article.url or item.url
    except UnusableFile as exc:
        item.problem = exc.message
    except Exception as exc:
        item.problem = f"could not be read ({type(exc).__name__}: {exc})"
    return item


def ingest_paths(paths: list[Path], db_path: Path, *, registry_path: Path = REGISTRY_PATH, strict: bool = False,
                 max_bytes: int = DEFAULT_MAX_BYTES, report: Callable[[str], None] = print,
                 workers: int | None = None, bulk: bool | None = None,
                 progress: Callable[..., None] | None = None,
                 notice: Callable[[str], None] | None = None,
                 judgements_path: Path | None = None) -> RunSummary:
    """Ingest files and folders into the archive at db_path, then read again every stored article
    an older reading made. `report` receives one line per problem, `notice` one line when the run
    waits for another writer; `progress(done, more=0)` is told as files are done (and how many more
    there are to do when stored articles are read again). Files are read by
    `workers` guarded processes (default: one per core, at most 4; 0 reads in this process); one
    writer loads them, committing batches of whole articles (each in its own savepoint). `bulk`
    (default: when the archive is empty) defers full-text and reader-only indexes to the end.
    `judgements_path` is a judgements file (db/judgements.yml): every reading applies it."""
    global _known
    if paths and not any(os.path.lexists(p) for p in paths):
        raise NothingToIngest(", ".join(safe_text(str(p)) for p in paths) + ": no such file or folder")
    registry = load_registry(registry_path)
    judgements = load_judgements(judgements_path)
    workers = workers if workers is not None else min(4, os.cpu_count() or 1)
    extractor = Extractor(registry, judgements)  # its registry: as the judgements amend it
    archive = Archive(db_path, extractor.registry, extractor_id(registry_path, judgements), on_wait=notice,
                      judgements=judgements)
    # Compact sorted arrays, not sets: 8 bytes per article, so memory stays flat at any size.
    _known = array("Q", sorted(archive.articles.unchanged_keys(unchanged_key)))
    pool = GuardedPool(workers, _init_worker, (extractor,), SECONDS_PER_FILE) if workers else None
    summary = RunSummary()
    try:
        archive.sync_registry()
        if bulk or (bulk is None and archive.is_empty()):
            archive.begin_bulk()
        run_id = archive.start_run([safe_text(str(p)) for p in paths])
        discovery_problems: list[Problem] = []
        files = discover(paths, summary.notes, discovery_problems)
        read = functools.partial(read_and_process, max_bytes=max_bytes)
        results = pool.map(read, files) if pool else (read_and_process(p, max_bytes, extractor) for p in files)
        loader = _Loader(archive, run_id, summary, strict, report, max_bytes, extractor, progress)
        started = time.monotonic()

        def step_done(step: str) -> None:
            nonlocal started
            summary.seconds[step] = time.monotonic() - started
            started = time.monotonic()

        try:
            loader.load(results)
            for problem in discovery_problems:
                loader.quarantine(problem)
            step_done("loading files")
            stale = archive.articles.stale_ids()
            if stale:
                if progress:
                    progress(0, more=len(stale))
                items = _stale_items(archive, stale)
                loader.load_rereads(pool.map(reread_stored, items) if pool else
                                    (reread_stored(i, extractor) for i in items))
                step_done("reading stored articles again")
        except StrictStop:
            step_done("loading files")
        summary.missing = _missing(archive, paths, loader.seen_paths)
        if archive.finish_bulk():
            step_done("building indexes")
        if pool:
            pool.close()
            pool = None
        with multiprocessing.get_context("fork").Pool(workers) if workers > 1 else _NoPool() as link_pool:
            link_shared_copy(archive.wire, db_path, link_pool or None)
        step_done("comparing wire copy")
        archive.finish_run(run_id, {
            "added": summary.counts["added"], "updated": summary.counts["updated"],
            "unchanged": summary.counts["unchanged"], "reread": summary.counts["refreshed"],
            "duplicates": summary.counts["duplicates"], "renamed": summary.counts["renamed"],
            "errors": summary.counts["errors"], "missing": len(summary.missing),
            "mentions": summary.counts["mentions"]})
        step_done("recounting")
    finally:
        if pool:
            pool.close()
        _known = array("Q")
        archive.close()
    return summary


def reread_articles(archive: Archive, extractor: Extractor, ids, report: Callable[[str], None] = print) -> RunSummary:
    """Read these stored articles again in this process with `extractor` and save the new
    readings (what `archive review` does with the articles a judgement concerns)."""
    summary = RunSummary()
    loader = _Loader(archive, 0, summary, False, report, DEFAULT_MAX_BYTES, extractor)
    items = _stale_items(archive, array("q", sorted(ids)))
    loader.load_rereads(reread_stored(item, extractor) for item in items)
    return summary


class _NoPool:
    def __enter__(self):
        return None

    def __exit__(self, *exc_info):
        return False


def _stale_items(archive: Archive, ids: array) -> Iterator[Reread]:
    """Stored articles read by an older reading, with their raw bytes, a chunk at a time."""
    for start in range(0, len(ids), REREAD_CHUNK):
        for article_id, file, path, data, kind, container, item, container_sha, container_data in \
                archive.articles.raw_of(ids[start:start + REREAD_CHUNK]):
            yield Reread(article_id, file, path, data, kind, container, item, container_sha, container_data)


class _Loader:
    """The single writer: saves what the workers read, batches of whole articles per transaction,
    and quarantines what they could not."""

    def __init__(self, archive: Archive, run_id: int, summary: RunSummary, strict: bool,
                 report: Callable[[str], None], max_bytes: int, extractor: Extractor,
                 progress: Callable[[int], None] | None = None):
        self.archive, self.run_id, self.summary = archive, run_id, summary
        self.strict, self.report, self.max_bytes, self.extractor = strict, report, max_bytes, extractor
        self.progress = progress
        self.seen_paths = array("Q")  # path_key of every file seen, for _missing
        self._batch, self._batch_started = 0, time.monotonic()

    def _step(self) -> None:
        """One file done: commit the batch when it is full or old enough."""
        self._batch += 1
        if self.progress:
            self.progress(1)
        if self._batch >= BATCH_ARTICLES or time.monotonic() - self._batch_started > BATCH_SECONDS:
            self.archive.commit()
            self.archive.begin()
            self._batch, self._batch_started = 0, time.monotonic()

    def load(self, results: Iterator[Result | Failed]) -> None:
        archive, counts = self.archive, self.summary.counts
        archive.begin()
        try:
            for result in results:
                if isinstance(result, Failed):
                    result = Problem(result.item, result.reason, result.message)
                stored = display_path(result.path)
                self.seen_paths.append(path_key(stored))
                if isinstance(result, Unchanged):
                    if archive.articles.is_unchanged(stored, result.sha256):
                        counts["unchanged"] += 1
                        if self.progress:
                            self.progress(1)
                        continue
                    # a key collision: process it here after all
                    result = read_and_process(result.path, self.max_bytes, self.extractor)
                if isinstance(result, Problem):
                    self.quarantine(result)
                elif isinstance(result, Crawl):
                    self.crawl(result.path, stored)
                else:
                    self.save(result, stored)
                self._step()
        finally:
            archive.commit()

    def load_rereads(self, results: Iterator[Reread | Failed]) -> None:
        """Store the new readings of stored articles (their file is not needed: the raw bytes are)."""
        self.archive.begin()
        try:
            for item in results:
                if isinstance(item, Failed):
                    item, reason = item.item, item.message
                else:
                    reason = item.problem
                if reason:  # the old reading stays; nothing is lost
                    line = f"{item.path}: kept its earlier reading: {reason}"
                    self.summary.problems.append(line)
                    self.report(line)
                    continue
                saved = self.archive.save(item.file, item.path, item.data, item.processed, container=item.container,
                                          container_sha=item.container_sha)
                self.summary.counts["refreshed" if saved.outcome == "refreshed" else saved.outcome] += 1
                self.summary.counts["mentions"] += saved.mentions
                self._step()
        finally:
            self.archive.commit()

    def save(self, read: Read, stored: str) -> None:
        container_sha = sha256_of(read.data) if any(p.kind == "feed-item" for p in read.processed) else None
        for processed in read.processed:
            self._save_one(read.path, stored, read.data, processed, container_sha)
        if safe_text(str(read.path)) != str(read.path):
            self.summary.note(f"{stored}: file name is not valid UTF-8; stored with \\x escapes")

    def _save_one(self, path: Path, stored: str, data: bytes, processed: ProcessedFile,
                  container_sha: str | None = None) -> None:
        saved = self.archive.save(safe_text(path.name), stored, data, processed, container_sha=container_sha)
        self.summary.counts[{"duplicate": "duplicates"}.get(saved.outcome, saved.outcome)] += 1
        self.summary.counts["mentions"] += saved.mentions
        where = stored if processed.item is None else f"{stored}#{processed.item}"
        if processed.article.warnings and saved.outcome in ("added", "updated"):
            self.summary.note(*(f"{where}: {w}" for w in processed.article.warnings))

    def crawl(self, path: Path, stored: str) -> None:
        """A WARC crawl, record by record, each HTML page an article (bounded by --max-bytes)."""
        try:
            with open(path, "rb") as handle:
                for processed in process_warc(handle, path.name, self.extractor, self.max_bytes):
                    self._save_one(path, stored, b"", processed)
        except UnusableFile as exc:
            self.quarantine(Problem(path, exc.reason, exc.message))
        except OSError as exc:
            self.quarantine(Problem(path, "unreadable", exc.strerror or str(exc)))

    def quarantine(self, problem: Problem) -> None:
        stored = display_path(problem.path)
        self.summary.counts["errors"] += 1
        line = f"{stored}: {problem.message} [{problem.reason}]"
        self.summary.problems.append(line)
        self.report(line)
        if self.strict:
            raise StrictStop(line)
        if problem.stream:
            self.archive.runs.quarantine_file(self.run_id, safe_text(problem.path.name), stored, problem.path,
                                              problem.reason, problem.message)
        else:
            self.archive.record_error(self.run_id, safe_text(problem.path.name), stored, problem.sha256,
                                      problem.data, problem.reason, problem.message, size=problem.size)


def _missing(archive: Archive, roots: list[Path], seen: array) -> list[str]:
    """Articles whose file was under an ingested folder but is gone now (reported, never deleted)."""
    folders = [("" if display_path(r) == "." else display_path(r).rstrip("/") + "/") for r in roots if r.is_dir()]
    if not folders:
        return []
    seen = array("Q", sorted(seen))
    return sorted(p for p in archive.articles.stored_paths() if any(p.startswith(f) for f in folders)
                  and not _contains(seen, path_key(p)) and not os.path.exists(p))
