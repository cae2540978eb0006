"""Publish the archive: a static website (`archive publish static`) and a deployable Datasette
bundle (`archive publish datasette`).

The static site is rendered by the same Datasette plugin views and templates as the live site
(see _AppClient), so it has the same content and look. Output is deterministic: the only
date in it that is not data is one build stamp, itself taken from the database.
"""

from __future__ import annotations

import asyncio
import base64
import csv
import hashlib
import html
import json
import multiprocessing
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from datasette.utils import resolve_routes
from datasette.utils.asgi import Request

from .schema import NotAnArchive, OutdatedArchive, upgrade_archive
from .resources import METADATA_PATH, PACKAGE, STATIC_DIR
from .serve import make_datasette

# Columns that name places on the machine that ran the ingest: left out of the CSV and NDJSON
# exports, and emptied in the database copies a static site or a bundle publishes.
PRIVATE_COLUMNS = {"articles": ("path",), "ingest_runs": ("paths",), "ingest_errors": ("path",),
                   "duplicate_files": ("path",)}
REDACT = """
PRAGMA secure_delete = ON;  -- the old values are overwritten, not left in free space
UPDATE articles SET path = NULL WHERE path IS NOT NULL;
UPDATE ingest_runs SET paths = '[]';
UPDATE ingest_errors SET message = replace(message, path, file), path = file;
UPDATE duplicate_files SET path = rowid || '/' || file;
"""
EXPORT_SKIP = re.compile(r"_fts($|_)|^article_shingles$|^common_shingles$|^shared_copy_pending$|^sqlite_")
LOCAL = "http://localhost"
RENDER_CONCURRENCY = 16
PARALLEL_CHECK_PAGES = 2000  # a site with more pages has its links checked by one process per core


class PublishError(Exception):
    """The site could not be published; the message says why."""


def _die_with_parent() -> None:
    """In a helper process (a render or export worker, Pagefind): end when the publish that
    started it ends, even by kill -9, instead of writing on into a folder nobody will use."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def _pool(workers: int):
    return multiprocessing.get_context("fork").Pool(workers, initializer=_die_with_parent)


@dataclass
class StaticReport:
    pages: int = 0
    json_files: int = 0
    exports: int = 0
    bytes: int = 0
    broken_links: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- static site


def publish_static(db_path: Path, outdir: Path, base_url: str = "/", site_url: str | None = None) -> StaticReport:
    """Write the complete static site for db_path into outdir: a new or empty folder, or an
    earlier build, which is replaced in one swap once the new one is complete (see _Build)."""
    db_path, outdir = Path(db_path), Path(outdir)
    if not db_path.exists():
        raise PublishError(f"{db_path}: no archive database here; run `archive ingest` first")
    base_url = "/" + base_url.strip("/") + "/" if base_url.strip("/") else "/"
    with _Build(outdir, db_path) as build:
        _upgrade(db_path)
        report = _build_static(db_path, build.folder, base_url, site_url)
    return report


def _build_static(db_path: Path, outdir: Path, base_url: str, site_url: str | None) -> StaticReport:
    report = StaticReport()
    writer = _Writer(outdir, base_url, (site_url or "").rstrip("/"), report)
    _render_pages(db_path, writer, base_url)
    _copy_assets(outdir)
    # The pages are done: Pagefind indexes them, one process exports the data and the links are
    # checked, all at once. Links into what is still being written (the search index, the
    # exports) are checked again once it is there.
    with _Pagefind(outdir), _pool(1) as exporter:
        exports = exporter.apply_async(_export_data, (db_path, outdir))
        broken = check_links(outdir, base_url)
        report.exports = exports.get()
    pages_to_recheck = sorted({outdir / line.split(": ", 1)[0] for line in broken})
    report.broken_links = check_links(outdir, base_url, pages_to_recheck) if pages_to_recheck else []
    report.bytes = sum(p.stat().st_size for p in outdir.rglob("*") if p.is_file())
    return report


# ---------------------------------------------------------------- the output folder

BUILD_MARKERS = ("build.json", "bundle.json")  # what every static build and every bundle writes
_IN_PROGRESS = ".archive-publish-in-progress"


class _Build:
    """The folder a publish writes: a new folder beside OUTDIR, swapped in once complete.

    OUTDIR must be new, empty, or an earlier build (it holds build.json or bundle.json): the
    archive never deletes a folder it did not write. The new build is written into a sibling
    folder (`.NAME.publish-PID-...`); when it is complete the earlier build is renamed away, the
    new one renamed in and the earlier one deleted. A publish that fails leaves OUTDIR as it was;
    one that is killed leaves its sibling folder, which the next publish into OUTDIR removes."""

    def __init__(self, outdir: Path, db_path: Path):
        self.outdir = Path(os.path.abspath(outdir))
        if self.outdir.is_symlink():
            self.outdir = self.outdir.resolve()
        self.db_path = Path(db_path)
        self.folder: Path | None = None

    def __enter__(self) -> "_Build":
        outdir = self.outdir
        if outdir.exists() and not outdir.is_dir():
            raise PublishError(f"{outdir}: exists and is not a folder")
        database = self.db_path.resolve()
        if database == outdir or outdir in database.parents:
            raise PublishError(f"{outdir}: the database {self.db_path} is inside this folder, and publishing "
                               "replaces the folder; publish into another folder")
        if outdir == Path.cwd().resolve() or outdir in Path.cwd().resolve().parents:
            raise PublishError(f"{outdir}: this folder holds the current folder; publish into a folder of its own")
        if outdir.is_dir() and not _is_build(outdir) and any(outdir.iterdir()):
            raise PublishError(f"{outdir}: not empty and not an earlier build of the archive (it has no "
                               f"{' or '.join(BUILD_MARKERS)}); publish into a new or empty folder")
        parent = outdir.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            _remove_abandoned(parent, outdir.name)
            self.folder = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.publish-{os.getpid()}-", dir=parent))
            (self.folder / _IN_PROGRESS).touch()
        except OSError as exc:
            raise PublishError(f"{parent}: cannot write the site here: {exc.strerror or exc}") from exc
        return self

    def __exit__(self, error_type, error, traceback):
        if error_type is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            if isinstance(error, PublishError) and str(self.folder) in str(error):  # name the folder asked for
                raise PublishError(str(error).replace(str(self.folder), str(self.outdir))) from error
            return False
        (self.folder / _IN_PROGRESS).unlink()
        self.folder.chmod(0o755)  # mkdtemp makes it private; a site is for reading
        old = None
        try:
            if self.outdir.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{self.outdir.name}.old-{os.getpid()}-", dir=self.outdir.parent))
                os.rename(self.outdir, old / "previous")
            os.rename(self.folder, self.outdir)
        except OSError as exc:
            if old is not None and (old / "previous").exists() and not self.outdir.exists():
                os.rename(old / "previous", self.outdir)
            shutil.rmtree(self.folder, ignore_errors=True)
            raise PublishError(f"{self.outdir}: cannot put the new build in place: {exc.strerror or exc}") from exc
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return False


def _is_build(folder: Path) -> bool:
    """Whether a folder is an earlier build: its marker is one the archive writes."""
    for name in BUILD_MARKERS:
        try:
            marker = json.loads((folder / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(marker, dict) and "database_sha256" in marker:
            return True
    return False


def _remove_abandoned(parent: Path, name: str) -> None:
    """Folders beside OUTDIR that a killed publish left: a build in progress, or an earlier
    build renamed away, whose process is gone."""
    for folder in parent.glob(f".{name}.*-*-*"):
        match = re.fullmatch(rf"\.{re.escape(name)}\.(publish|old)-(\d+)-\w+", folder.name)
        if not match or not folder.is_dir() or _running(int(match.group(2))):
            continue
        if match.group(1) == "publish" and not (folder / _IN_PROGRESS).exists():
            continue
        target = parent / name
        if match.group(1) == "old" and not target.exists() and _is_build(folder / "previous"):
            os.rename(folder / "previous", target)  # killed between the two renames: put it back
        shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _upgrade(db_path: Path) -> None:
    """Upgrade an archive made by an older version before any page is rendered from it."""
    try:
        upgrade_archive(db_path)
    except (OutdatedArchive, NotAnArchive) as exc:
        raise PublishError(str(exc)) from exc
    except sqlite3.DatabaseError as exc:
        raise PublishError(f"{db_path}: cannot read the archive: {exc}") from exc


class _Writer:
    def __init__(self, outdir: Path, base_url: str, site_url: str, report: StaticReport):
        self.outdir, self.base_url, self.site_url, self.report = outdir, base_url, site_url, report
        self.folders: set[Path] = set()  # folders made already (a site has ~one per page)

    def file_for(self, path: str) -> Path:
        """/ -> index.html, /articles/x -> articles/x/index.html, /feed.atom -> feed.atom."""
        clean = path.split("?")[0].strip("/")
        if not clean:
            return self.outdir / "index.html"
        if "." in clean.rsplit("/", 1)[-1]:
            return self.outdir / clean
        return self.outdir / clean / "index.html"

    def write(self, path: str, content: bytes | str, kind: str) -> None:
        if kind == "json" and isinstance(content, bytes) and (LOCAL + "/").encode() in content:
            content = content.decode("utf-8")  # a permalink to write the site URL into
        if isinstance(content, str):
            content = self.rewrite(content, kind).encode("utf-8")
        target = self.file_for(path)
        if target.parent not in self.folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(target.parent)
        target.write_bytes(content)
        if kind == "html":
            self.report.pages += 1
        elif kind == "json":
            self.report.json_files += 1

    def rewrite(self, text: str, kind: str) -> str:
        """Root-relative links gain the base URL; localhost URLs become the site URL."""
        if kind == "html":
            if self.base_url != "/":
                text = re.sub(r'(\s(?:href|src|action)=")/(?!/)', rf"\g<1>{self.base_url}", text)
            text = re.sub(r'href="([^"#?]*)/raw"', r'href="\1/raw.txt"', text)
        if kind in ("html", "xml", "text", "json"):
            text = text.replace(LOCAL + "/", self.site_url + self.base_url)
        return text


def _site_paths(db_path: Path) -> tuple[list[str], list[str]]:
    """Every page of the site (but the one-off pages) and every article slug."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        paths = ["/", "/articles", "/people", "/organizations", "/places", "/timeline", "/charts", "/map"]
        paths += [f"/months/{m}" for (m,) in conn.execute(
            "SELECT DISTINCT coalesce(substr(published, 1, 7), 'undated') FROM articles ORDER BY 1")]
        slugs = [s for (s,) in conn.execute("SELECT slug FROM articles ORDER BY id")]
        paths += [f"/articles/{s}" for s in slugs]
        for table in ("people", "organizations", "places", "sources"):
            paths += [f"/{table}/{s}" for (s,) in conn.execute(f"SELECT slug FROM {table} ORDER BY id")]
    finally:
        conn.close()
    return paths, slugs


def _render_share(db_path: Path, outdir: Path, base_url: str, site_url: str, paths: list[str],
                  slugs: list[str]) -> tuple[int, int]:
    """Render a share of the pages (in a worker process); returns (pages, JSON files) written."""
    report = StaticReport()
    asyncio.run(_render_paths(db_path, _Writer(outdir, base_url, site_url, report), base_url, paths, slugs))
    return report.pages, report.json_files


def _render_pages(db_path: Path, writer: _Writer, base_url: str) -> None:
    """Every page, its JSON twin and every raw source, shared among one process per core."""
    paths, slugs = _site_paths(db_path)
    workers = min(os.cpu_count() or 1, 4)
    if workers > 1 and len(paths) > 100:
        from .web import maps

        maps.warm()  # map outlines and the gazetteer, read once here for every renderer
        shares = [(db_path, writer.outdir, base_url, writer.site_url, paths[i::workers], slugs[i::workers])
                  for i in range(workers)]
        with _pool(workers) as pool:
            for pages, json_files in pool.starmap(_render_share, shares):
                writer.report.pages += pages
                writer.report.json_files += json_files
    else:
        asyncio.run(_render_paths(db_path, writer, base_url, paths, slugs))
    asyncio.run(_render_one_off_pages(db_path, writer, base_url))


@dataclass
class _Page:
    status_code: int
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode("utf-8")


class _AppClient:
    """GET requests into Datasette: the archive plugin's own pages straight to their view (the
    route Datasette itself would pick, with the request it would build), everything else through
    Datasette's ASGI app. A test checks both give the same bytes for every page. No HTTP client
    (a third of the render time) and, for the plugin's pages, no router, CSRF cookie or privacy
    wrapper (a fifth of what is left)."""

    def __init__(self, datasette):
        self.datasette = datasette
        self.app = datasette.app()
        # Datasette's own route table (the router's); if a version does not have it, every
        # request goes through the app.
        self.routes = datasette._routes() if hasattr(datasette, "_routes") else []

    async def get(self, path: str) -> _Page:
        raw_path, _, query = path.partition("?")
        if not query and self.datasette.setting("base_url") == "/":
            match, view = resolve_routes(self.routes, unquote(raw_path))
            if match is not None and _is_plugin_view(view):
                request = Request(self._scope(raw_path, query) | {"url_route": {"kwargs": match.groupdict()},
                                                                  "actor": None, "csrftoken": lambda: ""}, None)
                try:
                    response = await view(request, None)
                except Exception:  # a 404 or an error: let Datasette's own error handling answer
                    response = None
                if response is not None and response.status == 200:
                    body = response.body
                    return _Page(200, body.encode("utf-8") if isinstance(body, str) else body)
        return await self.get_through_app(path)

    async def get_through_app(self, path: str) -> _Page:
        raw_path, _, query = path.partition("?")
        status, body = 500, []

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                body.append(message.get("body", b""))

        await self.app(self._scope(raw_path, query), receive, send)
        return _Page(status, b"".join(body))

    @staticmethod
    def _scope(raw_path: str, query: str) -> dict:
        return {"type": "http", "http_version": "1.1", "method": "GET", "scheme": "http",
                "path": unquote(raw_path), "raw_path": raw_path.encode(), "query_string": query.encode(),
                "root_path": "", "headers": [(b"host", b"localhost")], "server": ("localhost", 80),
                "client": ("127.0.0.1", 0)}


def _is_plugin_view(view) -> bool:
    """A view registered by the archive's plugin (Datasette wraps each in wrap_view)."""
    wrapped = getattr(view, "__wrapped__", None)
    return wrapped is not None and getattr(wrapped, "__module__", "") == "ingest.site"


async def _render_paths(db_path: Path, writer: _Writer, base_url: str, paths: list[str], slugs: list[str]) -> None:
    ds = make_datasette(db_path, static=True, base_url=base_url, site_url=writer.site_url or None)
    await ds.invoke_startup()
    ds.jinja_env.auto_reload = False  # templates cannot change during a build: no stat() per render
    client = _AppClient(ds)

    async def render(path: str) -> None:
        response = await client.get(path)  # first, so the JSON twin reuses its data
        twin = await client.get(path.rstrip("/") + ".json" if path != "/" else "/index.json")
        if response.status_code != 200:
            raise PublishError(f"{path}: the page returned {response.status_code}")
        writer.write(path, response.text, "html")
        if twin.status_code == 200:
            writer.write((path.rstrip("/") or "/index") + ".json", twin.content, "json")

    # Pages render concurrently (Datasette runs their queries on its thread pool); files are
    # written as each finishes, and their content never depends on the order.
    for start in range(0, len(paths), RENDER_CONCURRENCY):
        await asyncio.gather(*(render(p) for p in paths[start:start + RENDER_CONCURRENCY]))
    _write_raw_sources(db_path, writer, slugs)


def _write_raw_sources(db_path: Path, writer: _Writer, slugs: list[str]) -> None:
    """Each article's source exactly as received (the bytes `/articles/<slug>/raw` serves)."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        for start in range(0, len(slugs), 500):
            chunk = slugs[start:start + 500]
            for slug, content in conn.execute(
                    f"SELECT a.slug, r.content FROM articles a JOIN raw_files r ON r.sha256 = a.sha256 "
                    f"WHERE a.slug IN ({', '.join('?' * len(chunk))})", chunk):
                writer.write(f"/articles/{slug}/raw.txt", content, "raw")
    finally:
        conn.close()


async def _render_one_off_pages(db_path: Path, writer: _Writer, base_url: str) -> None:
    ds = make_datasette(db_path, static=True, base_url=base_url, site_url=writer.site_url or None)
    await ds.invoke_startup()
    client = _AppClient(ds)
    from .web.queries import archive_languages

    languages = await archive_languages(ds.get_database("archive"))  # each has its own Pagefind index
    search = await ds.render_template(["site_search_static.html"], {"q": "", "languages": languages})
    writer.write("/search/", search, "html")
    not_found = await ds.render_template(["site_404.html"], {})
    writer.write("/404.html", not_found, "html")
    for path, kind in (("/feed.atom", "xml"), ("/robots.txt", "text")):
        writer.write(path, (await client.get(path)).text, kind)
    index = await client.get("/sitemap.xml")
    writer.write("/sitemap.xml", index.text, "xml")
    for loc in re.findall(r"<loc>([^<]+)</loc>", index.text):
        part = loc.replace(LOCAL, "")
        writer.write(part, (await client.get(part)).text, "xml")
    data_page = await ds.render_template(["site_data.html"], {"tables": _exportable_tables(db_path)})
    writer.write("/data/", data_page, "html")


def _copy_assets(outdir: Path) -> None:
    import datasette

    shutil.copytree(STATIC_DIR, outdir / "static")
    datasette_static = Path(datasette.__file__).parent / "static"
    (outdir / "-" / "static").mkdir(parents=True)
    shutil.copy(datasette_static / "app.css", outdir / "-" / "static" / "app.css")


def _exportable_tables(db_path: Path) -> list[dict]:
    """Name and row count of each exported table (for the data page)."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return [{"name": n, "rows": conn.execute(f"SELECT count(*) FROM [{n}]").fetchone()[0]}
                for n in _exportable_table_names(conn)]
    finally:
        conn.close()


def _exportable_table_names(conn: sqlite3.Connection) -> list[str]:
    return [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            if not EXPORT_SKIP.search(n)]


def _export_data(db_path: Path, outdir: Path) -> int:
    """CSV and NDJSON of each table (blobs as base64), a consistent copy of the database and the
    build stamp that names it. Returns the number of export files written."""
    data = outdir / "data"
    data.mkdir(exist_ok=True)
    _public_copy(db_path, data / "archive.db")
    source = sqlite3.connect(f"file:{data / 'archive.db'}?mode=ro", uri=True)  # the exports are of the copy
    try:
        names = _exportable_table_names(source)  # no row counts: the exports need none
        for name in names:
            columns = [(c, (kind or "").upper()) for _, c, kind, *_ in source.execute(f"PRAGMA table_info([{name}])")
                       if c not in PRIVATE_COLUMNS.get(name, ())]
            with open(data / f"{name}.csv", "w", newline="", encoding="utf-8") as csv_file, \
                    open(data / f"{name}.ndjson", "w", encoding="utf-8") as ndjson_file:
                if any(kind in ("BLOB", "REAL") for _, kind in columns):
                    _export_rows(source, name, columns, csv_file, ndjson_file)
                else:
                    _export_lines(source, name, columns, csv_file, ndjson_file)
    finally:
        source.close()
    _write_build_stamp(db_path, outdir)
    return 2 * len(names)


def _export_rows(source, table: str, columns: list[tuple[str, str]], csv_file, ndjson_file) -> None:
    """A table with blobs (written as base64) or reals (written as Python writes them, exactly)."""
    names = [c for c, _ in columns]
    out = csv.writer(csv_file)
    out.writerow(names)
    encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder, not one per row
    for row in source.execute(f"SELECT {', '.join(f'[{c}]' for c in names)} FROM [{table}] ORDER BY 1, 2"):
        if any(isinstance(v, bytes) for v in row):
            row = [base64.b64encode(v).decode() if isinstance(v, bytes) else v for v in row]
        out.writerow(row)
        ndjson_file.write(encode(dict(zip(names, row))) + "\n")


def _export_lines(source, table: str, columns: list[tuple[str, str]], csv_file, ndjson_file) -> None:
    """A table of text and integers: SQLite writes each CSV line (quoted as Python's csv module
    quotes) and NDJSON line itself, several times faster than building rows in Python."""
    names = [c for c, _ in columns]
    csv.writer(csv_file).writerow(names)
    cells = [f"""CASE WHEN [{c}] IS NULL THEN '' WHEN instr([{c}], '"') OR instr([{c}], ',')
                OR instr([{c}], char(10)) OR instr([{c}], char(13))
                THEN '"' || replace([{c}], '"', '""') || '"' ELSE [{c}] END""" for c in names]
    csv_line = " || ',' || ".join(cells) + " || char(13, 10)"
    json_line = "json_object(" + ", ".join(f"'{c}', [{c}]" for c in names) + ") || char(10)"
    order = ", ".join(f"[{c}]" for c in names[:2])
    for csv_text, json_text in source.execute(f"SELECT {csv_line}, {json_line} FROM [{table}] ORDER BY {order}"):
        csv_file.write(csv_text)
        ndjson_file.write(json_text)


def _public_copy(db_path: Path, target_path: Path) -> None:
    """A consistent copy of the archive to publish, with PRIVATE_COLUMNS emptied."""
    source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    target = sqlite3.connect(target_path)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")
        present = {n for (n,) in target.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        with target:
            for statement in REDACT.split(";"):
                table = re.search(r"UPDATE (\w+)", statement)
                if statement.strip() and (table is None or table.group(1) in present):
                    target.execute(statement)
    finally:
        target.close()
        source.close()


def _write_build_stamp(db_path: Path, outdir: Path) -> None:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        latest, articles = conn.execute("SELECT max(updated_at), count(*) FROM articles").fetchone()
    finally:
        conn.close()
    digest = hashlib.sha256((outdir / "data" / "archive.db").read_bytes()).hexdigest()
    stamp = {"generator": "archive publish static", "articles": articles, "data_as_of": latest,
             "database_sha256": digest}
    (outdir / "build.json").write_text(json.dumps(stamp, indent=1) + "\n", encoding="utf-8")


class _Pagefind:
    """Pagefind's search index of the site, built in the background of a `with` block."""

    command = [sys.executable, "-m", "pagefind"]

    def __init__(self, outdir: Path):
        self.outdir = outdir

    def __enter__(self):
        self.process = subprocess.Popen([*self.command, "--site", str(self.outdir), "--silent"],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                        preexec_fn=_die_with_parent)
        return self

    def __exit__(self, error_type, error, traceback):
        if error_type is not None:  # the build failed already: do not wait minutes for the index
            self.process.kill()
        stdout, stderr = self.process.communicate()
        if error_type is None and self.process.returncode != 0:
            raise PublishError(f"{self.outdir}: pagefind could not index the site: "
                               f"{_failure(self.process.returncode, stderr.strip() or stdout)}")
        return False


def _failure(code: int, output: str) -> str:
    """Why a process failed, on one line."""
    if code < 0:
        reason = f"pagefind was stopped by signal {-code}"
        if -code == signal.SIGKILL:
            reason += (" (out of memory? Pagefind holds the whole index in memory while it builds,"
                       " ~15 GB per 100,000 articles)")
        return reason
    return " / ".join(line.strip() for line in output.splitlines() if line.strip()) or f"exit status {code}"


# ---------------------------------------------------------------- link checking


_SCRIPT_BODY = re.compile(r"(<script\b[^>]*>).*?</script>", re.S | re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_ATTRIBUTE = re.compile(r"""\s(href|src|id)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)


def _attributes(page: Path) -> tuple[list[str], set[str]]:
    """The links (href and src values) and the ids of every tag of an HTML page (script bodies
    and comments are not markup). The pages are our own templates' output, so a scan of tags
    suffices."""
    text = _COMMENT.sub("", _SCRIPT_BODY.sub(r"\1</script>", page.read_text(encoding="utf-8")))
    links, ids = [], set()
    # Outside tags an attribute-like text cannot occur: the templates escape every quote in text.
    for name, value, single in _ATTRIBUTE.findall(text):
        value = value or single
        if "&" in value:
            value = html.unescape(value)
        if len(name) == 2 and name.lower() == "id":
            ids.add(value)
        else:
            links.append(value)
    return links, ids


def check_links(outdir: Path, base_url: str = "/", pages: list[Path] | None = None) -> list[str]:
    """Every internal link and asset of every HTML page (or of the given pages) resolves to a
    file (and anchor). Returns 'page: link' for each broken one. Each page is read once for its
    links and ids; a page that other pages link into by anchor is read again for its ids, so
    memory stays small however many pages there are. A large site is checked by one process per
    core."""
    outdir = Path(outdir).resolve()
    pages = sorted(outdir.rglob("*.html")) if pages is None else [Path(p).resolve() for p in pages]
    workers = min(os.cpu_count() or 1, 4)
    if workers > 1 and len(pages) > PARALLEL_CHECK_PAGES:
        with _pool(workers) as pool:
            shares = pool.starmap(_check_pages, [(outdir, base_url, pages[i::workers]) for i in range(workers)])
            broken = [line for share, _ in shares for line in share]
            anchors: dict[Path, list[tuple[Path, str, str]]] = {}
            for _, share in shares:
                for target, wanted in share.items():
                    anchors.setdefault(target, []).extend(wanted)
            targets = sorted(anchors)
            broken += [line for share in pool.starmap(
                _check_anchors, [(outdir, {t: anchors[t] for t in targets[i::workers]}) for i in range(workers)])
                       for line in share]
    else:
        broken, anchors = _check_pages(outdir, base_url, pages)
        broken += _check_anchors(outdir, anchors)
    return sorted(broken)


def _check_pages(outdir: Path, base_url: str, pages: list[Path]) -> tuple[list[str], dict]:
    """Broken links of these pages, and the links into anchors of other pages, still to check:
    target -> [(page, link, fragment)]."""
    broken = []
    anchors: dict[Path, list[tuple[Path, str, str]]] = {}
    files: dict[str, Path | None] = {}  # absolute file system path -> the file it names, if any

    def file_for(target: str) -> Path | None:
        if target not in files:
            found = Path(target)
            if found.is_dir() or not found.suffix:
                found = found / "index.html"
            files[target] = found if found.exists() else None
        return files[target]

    root = str(outdir)
    # What a root-relative link resolves to is the same on every page; most links are one of a
    # few thousand such links repeated on many pages, so each is resolved once.
    resolved: dict[str, _Link | None] = {}
    for page in pages:
        links, ids = _attributes(page)
        for link in links:
            if link in resolved:
                found = resolved[link]
            else:
                found = _resolve_link(link, page, root, base_url, file_for)
                if link.startswith("/"):
                    resolved[link] = found
            if found is None:  # leaves the site
                continue
            if found.broken is not None:
                broken.append(f"{page.relative_to(outdir)}: {link}{found.broken}")
            elif not found.fragment:
                continue
            elif found.target is None or found.target == page:  # an anchor of this page: known now
                if found.fragment not in ids:
                    broken.append(f"{page.relative_to(outdir)}: {link} (no such anchor)")
            elif found.target.suffix == ".html":
                anchors.setdefault(found.target, []).append((page, link, found.fragment))
    return broken, anchors


@dataclass(frozen=True)
class _Link:
    target: Path | None  # the file a link names; None for a link into the page it is on
    fragment: str
    broken: str | None = None  # why it is broken ("" for no such file), None when it resolves


def _resolve_link(link: str, page: Path, root: str, base_url: str, file_for) -> _Link | None:
    """What one link of a page resolves to; None for a link that leaves the site."""
    parts = urlsplit(link)
    if not link or parts.scheme or parts.netloc or link.startswith(("data:", "mailto:")):
        return None
    if not parts.path:
        return _Link(None, parts.fragment)
    if parts.path.startswith("/"):
        if not parts.path.startswith(base_url):
            return _Link(None, "", f" (outside {base_url})")
        target = file_for(os.path.normpath(os.path.join(root, unquote(parts.path[len(base_url):]))))
    else:
        target = file_for(os.path.normpath(os.path.join(str(page.parent), unquote(parts.path))))
    return _Link(target, parts.fragment) if target is not None else _Link(None, "", "")


def _check_anchors(outdir: Path, anchors: dict[Path, list[tuple[Path, str, str]]]) -> list[str]:
    broken = []
    for target, wanted in anchors.items():
        _, ids = _attributes(target)
        broken += [f"{page.relative_to(outdir)}: {link} (no such anchor)" for page, link, fragment in wanted
                   if fragment not in ids]
    return broken


# ---------------------------------------------------------------- Datasette bundle

DOCKERFILE = """FROM python:3.11-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt ./{wheel}
ENV PORT=8001
# The address readers reach the site at, for the feed, the sitemap and citations (e.g. https://archive.example.org)
ENV ARCHIVE_SITE_URL=""
EXPOSE 8001
CMD datasette serve --immutable archive.db --inspect-file inspect-data.json --host 0.0.0.0 --port $PORT \\
    --setting sql_time_limit_ms 2000 --setting max_returned_rows 1000 --setting suggest_facets off \\
    --setting default_page_size 50 --setting facet_time_limit_ms 500 --setting truncate_cells_html 160
"""
DISTRIBUTION = "nk-russia-archive"


def publish_datasette(db_path: Path, outdir: Path) -> list[str]:
    """Write a ready-to-deploy Datasette bundle: the database (immutable, with inspect counts), a
    wheel of this package (the site is a Datasette plugin registered by its entry point, with its
    templates, static files and metadata), pinned requirements and a Dockerfile. Returns the
    files written."""
    db_path, outdir = Path(db_path), Path(outdir)
    if not db_path.exists():
        raise PublishError(f"{db_path}: no archive database here; run `archive ingest` first")
    with _Build(outdir, db_path) as build:
        _upgrade(db_path)
        _build_bundle(db_path, build.folder)
    return sorted(str(p.relative_to(outdir)) for p in Path(outdir).rglob("*") if p.is_file())


def _build_bundle(db_path: Path, outdir: Path) -> None:
    _public_copy(db_path, outdir / "archive.db")
    shutil.copy(METADATA_PATH, outdir / "metadata.yml")  # for reading; the plugin serves its own copy
    wheel = write_wheel(outdir)
    (outdir / "requirements.txt").write_text("".join(f"{name}=={version}\n" for name, version in pinned_requirements()),
                                             encoding="utf-8")
    (outdir / "Dockerfile").write_text(DOCKERFILE.format(wheel=wheel.name), encoding="utf-8")
    inspect = subprocess.run([sys.executable, "-m", "datasette", "inspect", str(outdir / "archive.db")],
                             capture_output=True, text=True)
    if inspect.returncode != 0:
        lines = [line.strip() for line in inspect.stderr.splitlines() if line.strip()]
        raise PublishError(f"{db_path}: datasette inspect failed: {lines[-1] if lines else inspect.returncode}")
    (outdir / "inspect-data.json").write_text(inspect.stdout, encoding="utf-8")
    digest = hashlib.sha256((outdir / "archive.db").read_bytes()).hexdigest()
    marker = {"generator": "archive publish datasette", "database_sha256": digest}
    (outdir / "bundle.json").write_text(json.dumps(marker, indent=1) + "\n", encoding="utf-8")


def write_wheel(outdir: Path) -> Path:
    """A wheel of this package exactly as it runs here (code, data, entry points, requirements),
    so a bundle installs the code that built its database. Deterministic: same files, same bytes."""
    import zipfile
    from importlib.metadata import distribution

    dist = distribution(DISTRIBUTION)
    stem = f"{DISTRIBUTION.replace('-', '_')}-{dist.version}"
    info = f"{stem}.dist-info"
    members = [(f"ingest/{path.relative_to(PACKAGE).as_posix()}", path.read_bytes())  # links are read through
               for path in sorted(PACKAGE.rglob("*"))
               if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"]
    requires = "".join(f"Requires-Dist: {r}\n" for r in dist.requires or [] if "extra ==" not in r)
    members += [
        (f"{info}/METADATA", f"Metadata-Version: 2.1\nName: {DISTRIBUTION}\nVersion: {dist.version}\n{requires}".encode()),
        (f"{info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: nk-russia-archive\nRoot-Is-Purelib: true\nTag: py3-none-any\n"),
        (f"{info}/entry_points.txt", (dist.read_text("entry_points.txt") or "").encode()),
    ]
    record = "".join(f"{name},sha256={_digest(data)},{len(data)}\n" for name, data in members) + f"{info}/RECORD,,\n"
    members.append((f"{info}/RECORD", record.encode()))
    path = outdir / f"{stem}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, data in members:
            wheel.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return path


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def pinned_requirements() -> list[tuple[str, str]]:
    """(name, installed version) of every package this one needs to run, found by following the
    installed distributions' requirements (extras left out)."""
    from importlib.metadata import PackageNotFoundError, distribution

    from packaging.requirements import Requirement

    pinned: dict[str, str] = {}
    todo = [DISTRIBUTION]
    while todo:
        try:
            dist = distribution(todo.pop())
        except PackageNotFoundError:
            continue
        for line in dist.requires or []:
            requirement = Requirement(line)
            if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
                continue
            key = requirement.name.lower().replace("_", "-")
            if key not in pinned:
                try:
                    pinned[key] = distribution(requirement.name).version
                except PackageNotFoundError:
                    continue
                todo.append(requirement.name)
    return sorted(pinned.items())
