"""The package installs anywhere: a wheel built from the source tree, installed into a new virtual
environment and run from an empty directory, ingests, serves and publishes with the data it
carries (registry, lexicons, metadata, templates, static files, the Datasette plugin)."""

import json
import shutil
import subprocess
import sys
import sysconfig
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS
from test_publish import free_port, wait_for

SOURCE_FILES = ["pyproject.toml", "README.md", "metadata.yml", "db", "ingest"]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(bin folder of a new environment with only the built wheel installed, an empty work dir)."""
    work = tmp_path_factory.mktemp("install")
    source = work / "source"
    source.mkdir()
    for name in SOURCE_FILES:  # a clean copy of the tree: the build leaves nothing in the checkout
        (shutil.copytree(ROOT / name, source / name, symlinks=True,
                         ignore=shutil.ignore_patterns("__pycache__", "*.db*", "*.egg-info"))
         if (ROOT / name).is_dir() else shutil.copy(ROOT / name, source / name))
    wheels = work / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(source)],
                   check=True)
    [wheel] = wheels.glob("*.whl")
    env_dir = work / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    python = env_dir / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                    str(wheel)], check=True)
    # The wheel's dependencies are this environment's (installing them again would need the network).
    env_site = Path(subprocess.check_output([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                                            text=True).strip())
    (env_site / "zz_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    empty = work / "elsewhere"
    empty.mkdir()
    return env_dir / "bin", empty


def run(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(bin_dir / "archive"), *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_the_installed_package_is_not_the_checkout(installed):
    bin_dir, cwd = installed
    where = subprocess.check_output([str(bin_dir / "python"), "-c", "import ingest; print(ingest.__file__)"],
                                    cwd=cwd, text=True).strip()
    assert not where.startswith(str(ROOT)), where


def test_ingest_serve_and_publish_from_an_empty_directory(installed):
    bin_dir, cwd = installed
    shutil.copytree(SEEDS, cwd / "articles")
    ingested = run(bin_dir, cwd, "ingest", "articles", "--db", "archive.db")
    assert ingested.returncode == 0, ingested.stderr
    assert "5 added" in ingested.stdout

    port = free_port()
    server = subprocess.Popen([str(bin_dir / "archive"), "serve", "--db", "archive.db", "--port", str(port)], cwd=cwd,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/robots.txt", server)
        home = urllib.request.urlopen(base + "/", timeout=10).read().decode()
        assert "Russia–North Korea" in home and "/static/archive.css" in home
        person = json.loads(urllib.request.urlopen(base + "/people/choe-son-hui.json", timeout=10).read())
        assert person["name"] == "Choe Son Hui" and person["articles"]
        slug = person["articles"][0]["slug"]
        assert urllib.request.urlopen(f"{base}/articles/{slug}", timeout=10).status == 200
        rows = json.loads(urllib.request.urlopen(base + "/archive/articles.json?_shape=array", timeout=10).read())
        assert len(rows) == 5
    finally:
        server.terminate()
        server.wait(timeout=10)

    published = run(bin_dir, cwd, "publish", "static", "site", "--db", "archive.db")
    assert published.returncode == 0, published.stderr
    assert (cwd / "site" / "people" / "choe-son-hui" / "index.html").exists()
    assert (cwd / "site" / "static" / "archive.css").exists()
    assert "0 broken links" in published.stdout
