"""The `archive` command line. Thin: each command calls one library function and turns
its exceptions into one-line errors."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import click

from . import __version__
from .decode import DEFAULT_MAX_BYTES
from .judgements import JudgementError
from .registry import REGISTRY_PATH, RegistryError
from .runner import EXIT_FAILED, EXIT_QUARANTINED, NothingToIngest, ingest_paths
from .schema import NotAnArchive

DEFAULT_DB = Path("db/archive.db")

db_option = click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB,
                         show_default=True, help="The archive database file.")
DEFAULT_JUDGEMENTS = Path("db/judgements.yml")
judgements_option = click.option("--judgements", "judgements_path", type=click.Path(dir_okay=False, path_type=Path),
                                 default=DEFAULT_JUDGEMENTS, show_default=True,
                                 help="The judgements file: human decisions every reading applies (see archive review).")
registry_option = click.option("--registry", "registry_path", type=click.Path(dir_okay=False, path_type=Path),
                               default=REGISTRY_PATH,
                               show_default="the package's registry (db/registry.yml in a checkout)",
                               help="The entity registry file.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="archive")
def cli() -> None:
    """A news archive of the Russia–North Korea treaty story: ingest raw article files into
    SQLite and serve them with Datasette."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@db_option
@registry_option
@judgements_option
@click.option("--strict", is_flag=True, help="Stop at the first problem file, writing nothing for it.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Files larger than this are quarantined.")
@click.option("--bulk/--no-bulk", default=None,
              help="Build full-text and reader-only indexes once at the end instead of per article "
                   "(default: only when the archive is empty). Use --bulk to add a large dump to an archive.")
@click.option("-v", "--verbose", is_flag=True, help="Also list warnings, skipped files and how long each step of the run took.")
def ingest(paths, db_path, registry_path, judgements_path, strict, max_bytes, bulk, verbose):
    """Ingest article files and folders (default: seeds/).

    Each file is parsed, its people, organizations, places, quotes and dates extracted, and
    loaded in one transaction. Unchanged files are skipped; a changed file updates its
    article in place (the old text is kept in article_versions). A first load into an empty
    archive (or --bulk) builds the full-text index once at the end: search finds the new
    articles when the run finishes.

    \b
    Exit status:
      0  every file was ingested (or was already there)
      3  some files were quarantined in ingest_errors (one line each on stderr)
      1  the run could not start (bad registry or judgements file, unwritable database)
    """
    paths = list(paths) or [Path("seeds")]
    bar = _progress_bar(paths)
    try:
        summary = ingest_paths(paths, db_path, registry_path=registry_path, strict=strict, max_bytes=max_bytes,
                               bulk=bulk, report=lambda line: _echo_over(bar, f"error: {line}"),
                               notice=lambda line: _echo_over(bar, f"note: {line}"),
                               progress=bar.progress if bar else None, judgements_path=judgements_path)
    except (RegistryError, JudgementError, NothingToIngest, NotAnArchive) as exc:
        raise click.ClickException(str(exc)) from exc
    except sqlite3.DatabaseError as exc:
        raise click.ClickException(database_error(db_path, exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"{db_path}: cannot open the database: {exc.strerror or exc}") from exc
    finally:
        if bar:
            bar.close()
    for path in summary.missing:
        click.echo(f"missing: {path} (its article is kept)", err=True)
    if verbose:
        for note in summary.notes:
            click.echo(f"note: {note}", err=True)
        if summary.notes_left_out:
            click.echo(f"note: ... and {summary.notes_left_out} more", err=True)
        click.echo(summary.timing(), err=True)
    click.echo(f"{db_path}: {summary.line()}")
    if summary.exit_code:
        sys.exit(summary.exit_code)


def database_error(db_path: Path, exc: sqlite3.DatabaseError) -> str:
    """One line for what SQLite said: a full disk, an unwritable file or folder, a damaged file."""
    text = str(exc)
    if "full" in text:
        return f"{db_path}: the disk is full; what was committed is kept; run the same command again when there is room"
    if "readonly" in text or "unable to open" in text:
        return f"{db_path}: cannot write the database here ({text}); is the file or its folder read-only?"
    if "malformed" in text or "not a database" in text:
        return f"{db_path}: the database file is damaged ({text}); it was left as it is"
    return f"{db_path}: {text}"


class _Progress:
    """Files done of total, rate and time left, on a terminal only (tqdm)."""

    def __init__(self, total: int):
        from tqdm import tqdm

        self.bar = tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True, leave=False)

    def progress(self, done: int, more: int = 0) -> None:
        if more:
            self.bar.total += more
            self.bar.refresh()
        if done:
            self.bar.update(done)

    def write(self, line: str) -> None:
        self.bar.write(line, file=sys.stderr)

    def close(self) -> None:
        self.bar.close()


def _progress_bar(paths: list[Path]) -> _Progress | None:
    if not sys.stderr.isatty():
        return None
    from .files import count_files

    return _Progress(count_files(paths))


def _echo_over(bar: _Progress | None, line: str) -> None:
    if bar:
        bar.write(line)
    else:
        click.echo(line, err=True)


@cli.command()
@db_option
@judgements_option
@registry_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind; 0.0.0.0 exposes it.")
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True)
@click.option("--site-url", default=None,
              help="The address readers reach the site at, e.g. https://archive.example.org: written into the "
                   "feed, the sitemap and citations (otherwise only a local address is, never the Host header).")
def serve(db_path, judgements_path, registry_path, host, port, site_url):
    """Serve the archive with Datasette at http://HOST:PORT/ (data and SQL under /archive).

    The review page, /review, lets a reviewer on this machine (requests from 127.0.0.1 only)
    accept, merge and reject names and correct readings: each decision is written to the
    judgements file and applied to the archive at once, as `archive review` does."""
    import uvicorn

    from .serve import check_site_url, make_datasette

    from .schema import OutdatedArchive

    if site_url is not None:
        try:
            site_url = check_site_url(site_url)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--site-url") from exc
    try:
        ds = make_datasette(db_path, site_url=site_url,
                            review={"judgements": str(judgements_path), "registry": str(registry_path)})
    except (FileNotFoundError, OutdatedArchive, NotAnArchive) as exc:
        raise click.ClickException(str(exc)) from exc
    except sqlite3.DatabaseError as exc:
        raise click.ClickException(database_error(db_path, exc)) from exc
    import asyncio

    asyncio.run(ds.invoke_startup())
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else (f"[{host}]" if ":" in host else host)
    click.echo(f"Serving {db_path} at http://{shown}:{port}/ (data and SQL at http://{shown}:{port}/archive; "
               f"review at http://127.0.0.1:{port}/review, from this machine only)", err=True)
    if site_url is None and host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"note: --host {host} without --site-url: the feed, the sitemap and citations will name "
                   "http://localhost; give --site-url https://your.address", err=True)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")


@cli.command()
@click.argument("gold", type=click.Path(exists=True, path_type=Path))
@click.argument("folder", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--registry", "registry_path", type=click.Path(dir_okay=False, path_type=Path), default=REGISTRY_PATH,
              show_default="the package's registry (db/registry.yml in a checkout)", help="The entity registry file.")
@click.option("--show-failures", is_flag=True, help="List every miss and extra.")
def evaluate(gold, folder, registry_path, show_failures):
    """Score the pipeline against expected readings. GOLD is a gold JSON file (its articles in
    FOLDER, default: beside it), a set folder holding gold.json, or a folder of such sets
    (tests/corpus): each set is scored, then all together. Writes no database."""
    from .evaluate import Scores, gold_sets
    from .evaluate import evaluate as run_evaluation
    from .extract import Extractor
    from .registry import load_registry

    try:
        extractor = Extractor(load_registry(registry_path))
        sets = [(g, folder or f) for g, f in gold_sets(gold)]
        if not sets:
            raise ValueError("no gold.json found")
        results = [(g, run_evaluation(g, f, extractor)) for g, f in sets]
    except (RegistryError, OSError, ValueError, KeyError) as exc:
        raise click.ClickException(f"{gold}: cannot evaluate: {exc}") from exc
    total = Scores()
    for _, scores in results:
        total.add(scores)
    columns = [(g.parent.name if g.name == "gold.json" else g.stem, s) for g, s in results]
    if len(columns) > 1:
        columns.append(("all", total))
    click.echo(f"{'':26}" + "".join(f"{name[:10]:>11}" for name, _ in columns))
    for key in total.summary():
        cells = [s.summary()[key] for _, s in columns]
        click.echo(f"{key:26}" + "".join(f"{'-' if v is None else (f'{v:.3f}' if isinstance(v, float) else v):>11}"
                                           for v in cells))
    if show_failures:
        for failure in total.failures:
            click.echo(f"  {failure}")


@cli.group()
def publish():
    """Publish the archive: a static website or a deployable Datasette bundle."""


@publish.command("static")
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@db_option
@click.option("--base-url", default="/", show_default=True,
              help="Path the site is served under, e.g. /archive/ for https://example.org/archive/.")
@click.option("--site-url", default=None, help="Scheme and host for the feed and sitemap, e.g. https://example.org.")
def publish_static_command(outdir, db_path, base_url, site_url):
    """Write a complete static website into OUTDIR (new, empty, or an earlier build, which is
    replaced once the new one is complete): a page for every article,
    person, organization, place and source, index pages, timeline, charts, JSON twins, CSV and
    NDJSON exports, the database, Pagefind search, sitemap, feed and a 404 page."""
    from .publish import PublishError, publish_static

    try:
        report = publish_static(db_path, outdir, base_url=base_url, site_url=site_url)
    except PublishError as exc:
        raise click.ClickException(str(exc)) from exc
    for broken in report.broken_links:
        click.echo(f"broken link: {broken}", err=True)
    click.echo(f"{outdir}: {report.pages} pages, {report.json_files} JSON files, {report.exports} exports, "
               f"{report.bytes / 1e6:.1f} MB, {len(report.broken_links)} broken links")
    if report.broken_links:
        sys.exit(EXIT_FAILED)


@publish.command("datasette")
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@db_option
def publish_datasette_command(outdir, db_path):
    """Write a ready-to-deploy Datasette bundle into OUTDIR (new, empty, or an earlier bundle,
    replaced once the new one is complete): database, metadata,
    templates, plugins, pinned requirements and a Dockerfile."""
    from .publish import PublishError, publish_datasette

    try:
        files = publish_datasette(db_path, outdir)
    except PublishError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{outdir}: {len(files)} files; deploy with: cd {outdir} && gcloud run deploy archive --source .")


# ---------------------------------------------------------------- review


@cli.group()
def review():
    """Review what the archive read: accept, merge or reject names, keep two entities apart,
    correct an article's title, outlet, date or byline, set a quote's speaker.

    Each decision is one entry of the judgements file (db/judgements.yml: who, when, why and
    what the machine had read), applied to the archive at once; every later ingest applies it
    too, so it survives re-reading. `archive review log` lists them, `archive review undo N`
    takes one back. The same decisions can be made in the browser: `archive serve`, then /review."""


by_option = click.option("--by", default=None, help="Who decides (default: your login name).")
note_option = click.option("--note", default=None, help="Why: kept with the judgement and shown on the pages.")
type_choice = click.Choice(["person", "organization", "place"])


def _reviewer(db_path, judgements_path, registry_path):
    from .judgements.review import Review

    return Review(db_path, judgements_path, registry_path)


def _decide(call) -> None:
    """Run one review call; its errors become one-line messages."""
    from .judgements.review import ReviewError

    try:
        outcome = call()
    except (ReviewError, JudgementError, RegistryError, NotAnArchive) as exc:
        raise click.ClickException(str(exc)) from exc
    except sqlite3.DatabaseError as exc:
        raise click.ClickException(str(exc)) from exc
    for line in outcome.lines:
        click.echo(line)


def review_options(function):
    for option in reversed([db_option, judgements_option, registry_option]):
        function = option(function)
    return function


@review.command("list")
@review_options
@click.option("--type", "entity_type", type=type_choice, default=None, help="Only names of this type.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
def review_list(db_path, judgements_path, registry_path, entity_type, limit):
    """Names awaiting review, most mentioned first, with the sentences they appear in."""
    from .judgements.review import ReviewError

    try:
        queue = _reviewer(db_path, judgements_path, registry_path).queue(entity_type, limit)
    except (ReviewError, sqlite3.DatabaseError) as exc:
        raise click.ClickException(str(exc)) from exc
    if not queue:
        click.echo("Nothing awaits review.")
    for number, row in enumerate(queue, start=1):
        click.echo(f"{number:>3}. {row['name']}  · {row['type']} · {_plural(row['mention_count'], 'mention')} in "
                   f"{_plural(row['article_count'], 'article')}")
        for context in row["contexts"]:
            sentence = " ".join(context["sentence"].split())
            click.echo(f"       “{sentence}”")
            click.echo(f"         — {context['source'] or 'outlet not stated'}, {context['published'] or 'undated'}, "
                       f"{context['article_slug']}")


@review.command("accept")
@click.argument("name")
@review_options
@click.option("--type", "entity_type", type=type_choice, default=None,
              help="What the name is (default: the type it was found as).")
@click.option("--canonical", default=None, help="The entity's name, when it differs from the name as found.")
@click.option("--description", default=None, help="A short description for its page.")
@click.option("--wikidata", default=None, help="Its Wikidata id (Q...), only when confirmed.")
@by_option
@note_option
def review_accept(name, db_path, judgements_path, registry_path, entity_type, canonical, description, wikidata, by,
                  note):
    """NAME becomes a reviewed entity; its mentions link to it."""
    _decide(lambda: _reviewer(db_path, judgements_path, registry_path).accept(
        name, entity_type, canonical, description, wikidata, by, note))


@review.command("merge")
@click.argument("name")
@click.option("--into", "into", required=True, help="The entity's slug (TYPE:SLUG when two types share it).")
@review_options
@by_option
@note_option
def review_merge(name, into, db_path, judgements_path, registry_path, by, note):
    """NAME becomes an alias of an existing entity; its mentions and quotes move there."""
    _decide(lambda: _reviewer(db_path, judgements_path, registry_path).merge(name, into, by, note))


@review.command("reject")
@click.argument("name")
@review_options
@click.option("--type", "entity_type", type=type_choice, default=None,
              help="Not a name of this type (default: not a name at all).")
@by_option
@note_option
def review_reject(name, db_path, judgements_path, registry_path, entity_type, by, note):
    """NAME is not a name (or not of that type): it is no longer read as one."""
    _decide(lambda: _reviewer(db_path, judgements_path, registry_path).reject(name, entity_type, by, note))


@review.command("distinct")
@click.argument("first")
@click.argument("second")
@review_options
@by_option
@note_option
def review_distinct(first, second, db_path, judgements_path, registry_path, by, note):
    """FIRST and SECOND (slugs) are different entities: they are never merged or resolved to each other."""
    _decide(lambda: _reviewer(db_path, judgements_path, registry_path).distinct(first, second, by, note))


@review.command("correct")
@click.argument("article_slug")
@click.option("--field", "field_name", required=True, type=click.Choice(["title", "source", "published", "byline"]))
@click.option("--value", required=True, help="The right value (a date as YYYY-MM-DD; empty: not stated).")
@review_options
@by_option
@note_option
def review_correct(article_slug, field_name, value, db_path, judgements_path, registry_path, by, note):
    """Correct an article's title, outlet, date or byline; the machine's reading is kept beside it."""
    _decide(lambda: _reviewer(db_path, judgements_path, registry_path).correct(article_slug, field_name, value, by,
                                                                                note))


@review.command("speaker")
@click.argument("article_slug")
@click.argument("quote_number", type=click.IntRange(min=1))
@click.option("--person", default=None, help="The speaker's slug (or name).")
@click.option("--none", "no_person", is_flag=True, help="No person said it (an agency, an unnamed source...).")
@review_options
@by_option
@note_option
def review_speaker(article_slug, quote_number, person, no_person, db_path, judgements_path, registry_path, by, note):
    """Set (or with --none clear) the speaker of quote QUOTE_NUMBER of an article (archive review quotes lists them)."""
    if bool(person) == no_person:
        raise click.UsageError("give --person SLUG or --none")
    _decide(lambda: _reviewer(db_path, judgements_path, registry_path).speaker(article_slug, quote_number, person, by,
                                                                                note))


@review.command("quotes")
@click.argument("article_slug")
@review_options
def review_quotes(article_slug, db_path, judgements_path, registry_path):
    """An article's quotes, numbered as `archive review speaker` takes them, with their speakers."""
    from .judgements.review import ReviewError

    try:
        article, quotes = _reviewer(db_path, judgements_path, registry_path).quotes(article_slug)
    except (ReviewError, sqlite3.DatabaseError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{article['label']} ({article['published'] or 'undated'})")
    for number, q in enumerate(quotes, start=1):
        who = q["person_name"] or (f"{q['organization_name']} (organization)" if q["organization_name"] else "no person")
        text = " ".join(q["text"].split())
        click.echo(f"{number:>3}. “{text[:100]}{'…' if len(text) > 100 else ''}”")
        click.echo(f"       — {who}; as written: {q['speaker'] or '-'}; {q['attribution']}")


@review.command("log")
@review_options
def review_log(db_path, judgements_path, registry_path):
    """Every judgement, numbered from 1 in the order made: who, when, what, why."""
    from .judgements import describe

    try:
        entries = _reviewer(db_path, judgements_path, registry_path).log()
    except (JudgementError, sqlite3.DatabaseError) as exc:
        raise click.ClickException(str(exc)) from exc
    if not entries:
        click.echo(f"{judgements_path}: no judgements yet")
    for entry in entries:
        j = entry["judgement"]
        state = entry["status"] or ("undone" if j.undone else "not in the archive yet (run archive ingest)")
        if entry["articles"]:
            state += f", {_plural(entry['articles'], 'article')}"
        click.echo(f"{j.number:>4}  {j.at[:16].replace('T', ' ')}  {j.by}  {describe(j)}  [{state}]")
        if j.note:
            click.echo(f"      why: {j.note}")
        if j.read:
            click.echo(f"      read: {j.read}")
        if j.undone:
            click.echo(f"      undone {j.undone_at[:16].replace('T', ' ')} by {j.undone_by}"
                       + (f": {j.undo_note}" if j.undo_note else ""))


@review.command("undo")
@click.argument("number", type=click.IntRange(min=1))
@review_options
@by_option
@note_option
def review_undo(number, db_path, judgements_path, registry_path, by, note):
    """Take judgement NUMBER back (as `archive review log` numbers it): the archive reads as before it."""
    _decide(lambda: _reviewer(db_path, judgements_path, registry_path).undo(number, by, note))


def _plural(count, word: str) -> str:
    count = count or 0
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def main() -> None:  # pragma: no cover
    cli(prog_name="archive")


if __name__ == "__main__":  # pragma: no cover
    main()

__all__ = ["cli", "EXIT_FAILED", "EXIT_QUARANTINED"]
