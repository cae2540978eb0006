"""Runs and quarantine: one row per `archive ingest` run, one per file that could not be read."""

from __future__ import annotations

import json

import sqlite_utils

from .. import __version__
from .clock import now


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
                   error: str, message: str) -> None:
        """Keep a file that could not be ingested: its name, the reason and its raw bytes."""
        with self.db.atomic():
            self.db["ingest_errors"].insert({"run_id": run_id, "file": file, "path": path, "sha256": sha256,
                                             "error": error, "message": message, "raw": data, "created_at": now()})
