"""Input that used to lose data, hang or end in a traceback: files over the size limit, special
files, odd names and depths, databases that are not databases, full disks, two ingests at once,
files a worker cannot finish. Each gives a one-line error or note; everything else is ingested."""

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, SEEDS
from ingest import files as files_module
from ingest import runner
from ingest.cli import cli
from ingest.load import runs
from ingest.schema import fts_in_step

GOOD = "Kim Jong Un met Vladimir Putin in Pyongyang on Wednesday.\n\nThey signed a treaty.\n"


def run_ingest(*args):
    return CliRunner().invoke(cli, ["ingest", *map(str, args)])


def query(db, sql, *params):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def one_line_error(result) -> str:
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    return lines[0]


# ------------------------------------------------------------ files over the limit


def test_a_file_over_the_limit_keeps_its_bytes_and_sha256(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    big = (GOOD * 80_000).encode()  # ~7 MB, over the 5 MB default
    (folder / "big.txt").write_bytes(big)
    (folder / "good.txt").write_text(GOOD)
    result = run_ingest(folder, "--db", tmp_path / "a.db")
    assert result.exit_code == 3
    [(error, size, sha, raw)] = query(tmp_path / "a.db", "SELECT error, size, sha256, raw FROM ingest_errors")
    assert (error, size, sha) == ("too-large", len(big), hashlib.sha256(big).hexdigest())
    assert raw == big
    assert query(tmp_path / "a.db", "SELECT file FROM articles") == [("good.txt",)]


def test_past_the_hard_cap_only_the_size_and_sha256_are_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(runs, "RAW_KEEP_LIMIT", 50_000)
    data = (GOOD * 2000).encode()
    (tmp_path / "huge.txt").write_bytes(data)
    result = run_ingest(tmp_path / "huge.txt", "--db", tmp_path / "a.db", "--max-bytes", 10_000)
    assert result.exit_code == 3
    [(size, sha, raw, message)] = query(tmp_path / "a.db", "SELECT size, sha256, raw, message FROM ingest_errors")
    assert (size, sha, raw) == (len(data), hashlib.sha256(data).hexdigest(), None)
    assert "only its size and SHA-256 are kept" in message


# ------------------------------------------------------------ special files and paths


def test_a_named_pipe_and_a_device_behind_a_name_are_not_read(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    os.symlink("/dev/zero", folder / "zero.txt")
    (folder / "good.txt").write_text(GOOD)
    started = time.monotonic()
    result = run_ingest(folder, "--db", tmp_path / "a.db")
    assert time.monotonic() - started < 60
    assert result.exit_code == 3
    assert "pipe.txt: a named pipe, not a regular file; not read [not-a-file]" in result.output
    assert "zero.txt: a character device, not a regular file; not read [not-a-file]" in result.output
    assert query(tmp_path / "a.db", "SELECT file FROM articles") == [("good.txt",)]


def test_a_device_named_on_the_command_line_is_not_read(tmp_path):
    result = run_ingest("/dev/zero", SEEDS, "--db", tmp_path / "a.db")
    assert result.exit_code == 3 and "/dev/zero: a character device" in result.output
    assert "5 added" in result.output


def test_a_file_name_that_is_not_utf8_is_ingested_with_the_others(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"a{i}.txt").write_text(GOOD.replace("Wednesday", f"day {i}"))
    raw_name = os.fsencode(folder) + b"/caf\xe9.txt"
    with open(raw_name, "wb") as handle:
        handle.write(GOOD.replace("Wednesday", "Friday").encode())
    result = run_ingest(folder, "--db", tmp_path / "a.db", "-v")
    assert result.exit_code == 0, result.output
    assert "4 added" in result.output
    assert ("caf\\xe9.txt",) in query(tmp_path / "a.db", "SELECT file FROM articles")


def test_a_folder_1500_deep_is_walked(tmp_path):
    folder = tmp_path / "in"
    folders = [folder]
    for _ in range(1500):  # made (and removed) one level at a time: os.makedirs and rmtree recurse
        folders.append(folders[-1] / "d")
    for path in folders:
        path.mkdir()
    (folders[-1] / "deep.txt").write_text(GOOD)
    try:
        result = run_ingest(folder, "--db", tmp_path / "a.db")
        assert result.exit_code == 0, result.output[-500:]
        assert query(tmp_path / "a.db", "SELECT file FROM articles") == [("deep.txt",)]
    finally:
        (folders[-1] / "deep.txt").unlink()
        for path in reversed(folders):
            path.rmdir()


def test_a_folder_that_cannot_be_read_is_an_error_not_silence(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    (folder / "closed").mkdir(parents=True)
    (folder / "closed" / "x.txt").write_text(GOOD)
    (folder / "good.txt").write_text(GOOD)
    real_scandir = os.scandir

    def scandir(path):  # the test runs as root, whom permissions do not stop: refuse as the OS would
        if Path(path).name == "closed":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(files_module.os, "scandir", scandir)
    result = run_ingest(folder, "--db", tmp_path / "a.db")
    assert result.exit_code == 3
    assert "closed: folder cannot be read: Permission denied [unreadable]" in result.output
    assert query(tmp_path / "a.db", "SELECT file FROM articles") == [("good.txt",)]


# ------------------------------------------------------------ files a worker cannot finish


def test_a_file_a_worker_cannot_finish_is_quarantined_and_the_run_goes_on(tmp_path, monkeypatch):
    real = runner.process_file

    def sometimes_endless(data, name, extractor, max_bytes=None):
        if b"ENDLESS" in data:
            time.sleep(60)
        return real(data, name, extractor)

    monkeypatch.setattr(runner, "process_file", sometimes_endless)  # forked workers see it
    monkeypatch.setattr(runner, "SECONDS_PER_FILE", 1.0)
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(12):
        (folder / f"a{i:02}.txt").write_text(GOOD.replace("Wednesday", f"day {i}"))
    (folder / "a05.txt").write_text("ENDLESS " + GOOD)
    started = time.monotonic()
    summary = runner.ingest_paths([folder], tmp_path / "a.db", workers=2, report=lambda line: None)
    assert time.monotonic() - started < 40
    assert summary.counts["added"] == 11
    assert query(tmp_path / "a.db", "SELECT file, error FROM ingest_errors") == [("a05.txt", "timeout")]


# ------------------------------------------------------------ databases that are not databases


@pytest.fixture
def not_databases(tmp_path):
    real = tmp_path / "real.db"
    runner.ingest_paths([SEEDS], real, report=lambda line: None)
    data = real.read_bytes()
    made = {
        "readme.db": (ROOT / "README.md").read_bytes(),
        "random.db": os.urandom(50_000),
        "truncated.db": data[: len(data) // 2],
    }
    for name, content in made.items():
        (tmp_path / name).write_bytes(content)
    return {tmp_path / name: content for name, content in made.items()}


@pytest.mark.parametrize("command", [["ingest", str(SEEDS)], ["serve", "--port", "0"], ["publish", "static", "OUT"],
                                     ["publish", "datasette", "OUT"]])
def test_a_file_that_is_not_an_archive_is_refused_and_left_untouched(not_databases, command, tmp_path):
    for path, content in not_databases.items():
        args = [str(tmp_path / "out") if a == "OUT" else a for a in command]
        result = CliRunner().invoke(cli, [*args, "--db", str(path)])
        assert result.exit_code == 1, (path.name, result.output)
        line = one_line_error(result)
        assert str(path) in line and ("not an SQLite database" in line or "truncated" in line), line
        assert path.read_bytes() == content
        assert not (tmp_path / "out").exists()


# ------------------------------------------------------------ a full disk


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("cannot mount a small file system here (needs root)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_full_disk_is_a_one_line_error_and_the_next_run_finishes_the_job(small_disk, tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import write_corpus

    corpus = tmp_path / "corpus"
    write_corpus(corpus, 400, seed=5)
    db = small_disk / "archive.db"
    result = subprocess.run([sys.executable, "-m", "ingest", "ingest", str(corpus), "--db", str(db)],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "the disk is full" in result.stderr
    subprocess.run(["mount", "-o", "remount,size=200m", str(small_disk)], check=True)
    again = subprocess.run([sys.executable, "-m", "ingest", "ingest", str(corpus), "--db", str(db)],
                           cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 400
    assert fts_in_step(conn, "articles") and fts_in_step(conn, "quotes")
    conn.close()


# ------------------------------------------------------------ two writers


def test_a_second_ingest_waits_for_the_first_and_both_finish(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import write_corpus

    corpus = tmp_path / "corpus"
    write_corpus(corpus, 600, seed=9)
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    db = tmp_path / "a.db"
    command = [sys.executable, "-m", "ingest", "ingest"]
    first = subprocess.Popen([*command, str(corpus), "--db", str(db)], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while not db.exists() or not query(db, "SELECT count(*) FROM sqlite_master WHERE name = 'ingest_runs'")[0][0]:
        assert time.time() < deadline and first.poll() is None
        time.sleep(0.05)
    second = subprocess.run([*command, str(seeds), "--db", str(db)], cwd=ROOT, capture_output=True, text=True,
                            timeout=600)
    out, err = first.communicate(timeout=600)
    assert first.returncode == 0 and second.returncode == 0, (err, second.stderr)
    assert "Traceback" not in err + second.stderr
    assert "waiting for it to finish" in second.stderr
    assert "5 added" in second.stdout
    assert query(db, "SELECT count(*) FROM articles") == [(605,)]


# ------------------------------------------------------------ read-only places


@pytest.fixture
def read_only_folder(tmp_path):
    mount = tmp_path / "ro"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("cannot mount a file system here (needs root)")
    runner.ingest_paths([SEEDS], mount / "archive.db", report=lambda line: None)
    subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_ingest_into_a_read_only_folder_is_a_one_line_error(read_only_folder):
    result = run_ingest(SEEDS, "--db", read_only_folder / "new.db")
    assert result.exit_code == 1
    assert "read-only" in one_line_error(result) or "cannot" in one_line_error(result)


def test_an_archive_in_a_read_only_folder_is_served(read_only_folder):
    import asyncio

    from ingest.serve import make_datasette

    ds = make_datasette(read_only_folder / "archive.db")
    assert asyncio.run(ds.client.get("/people/choe-son-hui.json")).status_code == 200


# ------------------------------------------------------------ texts made to find super-linear work


def test_one_megabyte_adversarial_texts_are_read_whole(tmp_path):
    """No full stops, runs of dates, runs of quote marks, 100k names, short paragraphs of every kind:
    each 1 MB file is read within the per-file time limit (a super-linear stage would not finish)
    and keeps bounded events (a run-on 'sentence' is cut around each date). bench/adversarial.py
    prints the times and memory."""
    sys.path.insert(0, str(ROOT / "bench"))
    from adversarial import write

    folder = tmp_path / "adversarial"
    write(folder, 1_000_000)
    db = tmp_path / "a.db"
    summary = runner.ingest_paths([folder], db, max_bytes=2_000_000, report=lambda line: None)
    assert summary.counts["added"] == 5 and summary.counts["errors"] == 0, summary.problems
    [(longest,)] = query(db, "SELECT max(length(sentence)) FROM events")
    assert longest <= 700
