"""The README is the front door: its example URLs work on the archive `make serve` builds, and
every command of the CLI is documented in it."""

import asyncio
import re

import pytest
from click.testing import CliRunner

from conftest import ROOT, SEEDS, build_archive
from ingest.cli import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
URLS = sorted({u.rstrip(".,") for u in re.findall(r"http://127\.0\.0\.1:8001(/[^\s')`|\]]*)", README)})


@pytest.fixture(scope="module")
def seeds_site(tmp_path_factory):
    from ingest.serve import make_datasette

    return make_datasette(build_archive(tmp_path_factory.mktemp("seeds"), SEEDS))


def test_readme_has_the_two_quick_start_commands():
    quick_start = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert "make serve" in quick_start and "make test" in quick_start


@pytest.mark.parametrize("url", URLS)
def test_readme_urls_work_on_the_seed_archive(seeds_site, url):
    assert asyncio.run(seeds_site.client.get(url)).status_code == 200


def test_every_cli_command_is_documented():
    commands = ["ingest", "serve", "evaluate"] + [f"publish {c}" for c in cli.commands["publish"].commands]
    for command in commands:
        assert f"archive {command}" in README, command
        assert CliRunner().invoke(cli, [*command.split(), "--help"]).exit_code == 0
