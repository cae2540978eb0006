"""Publishing never deletes what the archive did not write, and replaces an earlier build in one
swap: a publish that fails, or is killed, leaves the earlier site as it was (issue 16, item 1)."""

import json
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from ingest.cli import cli
from ingest.publish import PublishError, publish_datasette, publish_static


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(parent: Path, name: str) -> list[str]:
    """Folders a publish made beside its output and did not clean up."""
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(f".{name}."))


@pytest.fixture(scope="module")
def earlier_site(archive_db, tmp_path_factory):
    """A finished static build, copied fresh for each test that wants one."""
    outdir = tmp_path_factory.mktemp("earlier") / "site"
    publish_static(archive_db, outdir)
    return outdir


@pytest.fixture
def site_copy(earlier_site, tmp_path):
    target = tmp_path / "site"
    shutil.copytree(earlier_site, target)
    return target


def user_folder(path: Path) -> Path:
    """A folder of someone's own files: notes, a subfolder, a database."""
    path.mkdir(parents=True, exist_ok=True)
    (path / "notes.txt").write_text("my notes\n")
    (path / "drafts").mkdir()
    (path / "drafts" / "chapter-1.md").write_text("# One\n")
    return path


@pytest.mark.parametrize("command", ["static", "datasette"])
def test_a_folder_that_is_not_a_build_is_refused_and_left_alone(archive_db, tmp_path, command):
    folder = user_folder(tmp_path / "Documents")
    before = files_of(folder)
    result = CliRunner().invoke(cli, ["publish", command, str(folder), "--db", str(archive_db)])
    assert result.exit_code == 1
    message = result.output.strip()
    assert message.count("\n") == 0 and "not empty" in message and "Traceback" not in message, message
    assert str(folder) in message
    assert files_of(folder) == before
    assert leftovers(tmp_path, "Documents") == []


@pytest.mark.parametrize("command", ["static", "datasette"])
def test_a_folder_holding_the_database_is_refused(archive_db, tmp_path, command):
    """mkdir v && cp a.db v/ && archive publish static v --db v/a.db deleted the database."""
    folder = tmp_path / "v"
    folder.mkdir()
    shutil.copy(archive_db, folder / "a.db")
    before = files_of(folder)
    result = CliRunner().invoke(cli, ["publish", command, str(folder), "--db", str(folder / "a.db")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.strip().count("\n") == 0
    assert files_of(folder) == before
    sqlite3.connect(folder / "a.db").execute("SELECT count(*) FROM articles").fetchone()


def test_the_current_folder_is_refused(archive_db, tmp_path, monkeypatch):
    folder = user_folder(tmp_path / "work")
    before = files_of(folder)
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(cli, ["publish", "static", ".", "--db", str(archive_db)])
    assert result.exit_code == 1 and result.output.strip().count("\n") == 0
    assert files_of(folder) == before


def test_a_database_inside_an_earlier_build_is_refused(site_copy):
    """The build's own data/archive.db as --db: replacing the build would delete it."""
    before = files_of(site_copy)
    with pytest.raises(PublishError, match="inside"):
        publish_static(site_copy / "data" / "archive.db", site_copy)
    assert files_of(site_copy) == before


def test_an_empty_or_new_folder_is_built_into(archive_db, tmp_path):
    (tmp_path / "empty").mkdir()
    publish_static(archive_db, tmp_path / "empty")
    publish_static(archive_db, tmp_path / "new" / "deeper")
    for outdir in (tmp_path / "empty", tmp_path / "new" / "deeper"):
        assert (outdir / "index.html").exists() and (outdir / "build.json").exists()
    assert leftovers(tmp_path, "empty") == [] and leftovers(tmp_path / "new", "deeper") == []


def test_an_earlier_build_is_replaced_and_nothing_is_left_beside_it(archive_db, site_copy):
    (site_copy / "stale-page.html").write_text("from an older build")
    publish_static(archive_db, site_copy)
    assert not (site_copy / "stale-page.html").exists() and (site_copy / "index.html").exists()
    assert json.loads((site_copy / "build.json").read_text())["articles"] > 0
    assert leftovers(site_copy.parent, "site") == []


def test_a_failed_publish_keeps_the_earlier_site(archive_db, site_copy, monkeypatch):
    from ingest.publish import _Pagefind

    before = files_of(site_copy)
    monkeypatch.setattr(_Pagefind, "command", [sys.executable, "-c", "import sys; sys.exit('pagefind broke')"])
    with pytest.raises(PublishError, match="pagefind"):
        publish_static(archive_db, site_copy)
    assert files_of(site_copy) == before
    assert leftovers(site_copy.parent, "site") == []


def test_a_publish_killed_midway_keeps_the_earlier_site_and_the_next_one_cleans_up(archive_db, site_copy):
    before = files_of(site_copy)
    process = subprocess.Popen([sys.executable, "-m", "ingest", "publish", "static", str(site_copy), "--db",
                                str(archive_db)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # kill it once it has started writing pages beside the site
    deadline = time.time() + 60
    while not any((site_copy.parent / name / "articles").exists() for name in leftovers(site_copy.parent, "site")):
        assert process.poll() is None and time.time() < deadline, "the publish never started writing"
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert files_of(site_copy) == before
    publish_static(archive_db, site_copy)  # the next publish works and removes what the killed one left
    assert leftovers(site_copy.parent, "site") == []
    assert (site_copy / "index.html").exists()


def test_a_datasette_bundle_has_a_marker_and_is_replaced(archive_db, tmp_path):
    bundle = tmp_path / "bundle"
    publish_datasette(archive_db, bundle)
    marker = json.loads((bundle / "bundle.json").read_text())
    assert marker["database_sha256"] and marker["generator"].startswith("archive publish datasette")
    (bundle / "old-file").write_text("x")
    publish_datasette(archive_db, bundle)
    assert not (bundle / "old-file").exists() and (bundle / "Dockerfile").exists()
    assert leftovers(tmp_path, "bundle") == []


def test_a_file_in_the_way_is_a_one_line_error(archive_db, tmp_path):
    (tmp_path / "site").write_text("a file")
    with pytest.raises(PublishError, match="not a folder"):
        publish_static(archive_db, tmp_path / "site")
    assert (tmp_path / "site").read_text() == "a file"


def test_a_folder_that_cannot_be_made_is_a_one_line_error(archive_db, tmp_path):
    (tmp_path / "a-file").write_text("x")
    for outdir in (tmp_path / "a-file" / "site", Path("/proc/no-such-place/site")):
        result = CliRunner().invoke(cli, ["publish", "static", str(outdir), "--db", str(archive_db)])
        assert result.exit_code == 1 and result.output.strip().count("\n") == 0, result.output
        assert "Traceback" not in result.output and str(outdir.parent) in result.output
