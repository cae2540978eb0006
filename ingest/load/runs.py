"""Runs and quarantine: one row per `archive ingest` run, one per file that could not be read."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import sqlite_utils

from .. import __version__
from .clock import now

RAW_KEEP_LIMIT = 512 * 1024 * 1024  # a quarantined file larger than this keeps its size and SHA-256 only
CHUNK = 1 << 20


class RunLog:
    def __init__(self, db: sqlite_utils.Database):
        self.db = db

    def start(self, paths: list[str]) -> int:
        with self.db.atomic():
            return self.db["ingest_runs"].insert(
                {"started_at": now(), "paths": json.dumps(paths), "code_version": __version__}).last_pk

    def finish(self, run_id: int, counts: dict[str, int]) -> None:
        self.db["ingest_runs"].update(run_id, {"finished_at": now(), **counts})

    def quarantine(self, run_id: int, file: str, path: str, sha256: str | None, data: bytes | None,
                   error: str, message: str, size: int | None = None) -> None:
        """Keep a file that could not be ingested: its name, the reason and its raw bytes."""
        with self.db.atomic():
            self.db["ingest_errors"].insert({"run_id": run_id, "file": file, "path": path, "sha256": sha256,
                                             "size": size if size is not None else (len(data) if data else None),
                                             "error": error, "message": message, "raw": data, "created_at": now()})

    def quarantine_file(self, run_id: int, file: str, path: str, source: Path, error: str, message: str) -> None:
        """Keep a file too large to hand over whole: its bytes are streamed from disk into the row
        (chunk by chunk, hashed on the way); past RAW_KEEP_LIMIT only its size and SHA-256 are kept."""
        digest = hashlib.sha256()
        try:
            with open(source, "rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                keep = size <= RAW_KEEP_LIMIT
                with self.db.atomic():
                    row_id = self.db["ingest_errors"].insert({
                        "run_id": run_id, "file": file, "path": path, "size": size, "error": error,
                        "message": message if keep else f"{message}; over {RAW_KEEP_LIMIT:,} bytes, so only its size "
                                                        "and SHA-256 are kept",
                        "created_at": now()}).last_pk
                    if keep:
                        self.db.conn.execute("UPDATE ingest_errors SET raw = zeroblob(?) WHERE id = ?", [size, row_id])
                        blob = self.db.conn.blobopen("ingest_errors", "raw", row_id)
                    written = 0
                    while chunk := handle.read(min(CHUNK, size - written) if keep else CHUNK):
                        digest.update(chunk)
                        if keep:
                            blob.write(chunk)
                            written += len(chunk)
                            if written >= size:
                                break
                    if keep:
                        blob.close()
                    self.db.conn.execute("UPDATE ingest_errors SET sha256 = ? WHERE id = ?", [digest.hexdigest(), row_id])
        except OSError as exc:
            self.quarantine(run_id, file, path, None, None, error, f"{message}; its bytes could not be read "
                                                                     f"({exc.strerror or exc})")
