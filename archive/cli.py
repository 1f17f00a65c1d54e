"""The ``archive`` command: the front door, and the one module that imports every package."""
from __future__ import annotations

import csv
import errno
import io
import itertools
import json
import os
import sys
import time
from datetime import date
from pathlib import Path

import click

from archive.config import CLUSTER_KEYS, ENGINES, Settings, load_settings
from archive.errors import ArchiveError
from archive.events import MAX_YEAR
from archive.labels import parse_year, plural, year_label, year_span
from index import open_engine, serializers
from index.engine import Engine, did_you_mean
from index.filters import FILTERS, SORTS, TIMELINE_FILTERS, YEAR_RANGE
from index.results import SearchPage, Snippet
from index.errors import QueryError, SearchIndexError


class QueryFailed(click.ClickException):
    """A query that cannot be searched: exit status 2, like any other bad argument."""

    exit_code = 2


class YearType(click.ParamType):
    """A year as the web form takes it: 2013, -499, 500 BC, AD 79."""

    name = "year"

    def convert(self, value, param, ctx) -> int:
        if isinstance(value, int):
            return value
        try:
            year = parse_year(str(value))
        except ValueError as error:
            self.fail(f"{error}.", param, ctx)
        if abs(year) > MAX_YEAR:
            self.fail(f"must be a year between -{MAX_YEAR} and {MAX_YEAR}.", param, ctx)
        return year


YEAR = YearType()


def _check_range(year_from: int | None, year_to: int | None) -> None:
    """Refuse a range that starts after it ends, with exit status 2 as the web's 400."""
    if year_from is not None and year_to is not None and year_from > year_to:
        raise click.BadParameter(f"the range starts after it ends: from {year_label(year_from)} "
                                 f"to {year_label(year_to)}.", param_hint="'--from' / '--to'")


def _settings(ctx: click.Context, **flags) -> Settings:
    """The settings of archive.yaml, the environment and the command's ``flags`` (those given)."""
    try:
        return load_settings(ctx.obj.get("config"), os.environ, **flags)
    except ArchiveError as error:
        raise click.ClickException(str(error)) from error


def _engine_options(command):
    """Add --engine and --opensearch-url, which choose the index's engine over archive.yaml and the environment."""
    command = click.option("--opensearch-url", help="Address of the OpenSearch cluster "
                           "(default: opensearch_url in archive.yaml, or ARCHIVE_OPENSEARCH_URL).")(command)
    return click.option("--engine", type=click.Choice(ENGINES),
                        help="Search engine (default: engine in archive.yaml, ARCHIVE_ENGINE, or whoosh).")(command)


def _engine(ctx: click.Context, **flags) -> Engine:
    """Open the engine the configuration and the flags (index_dir, engine, opensearch_url) choose."""
    settings = _settings(ctx, **flags)
    try:
        return open_engine(settings)
    except (ArchiveError, SearchIndexError) as error:
        raise click.ClickException(str(error)) from error


@click.group()
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path),
              help="Configuration file (default: ./archive.yaml when present).")
@click.version_option(package_name="timeline-archive")
@click.pass_context
def cli(ctx: click.Context, config: Path | None) -> None:
    """Timeline Archive: full-text search with year facets and a knowledge timeline."""
    ctx.obj = {"config": config}


@cli.command()
@click.option("--corpus", "corpus_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder of articles (default: ./corpus, or ARCHIVE_CORPUS_DIR).")
@click.option("--index", "index_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Index folder (default: ./instance/index, or ARCHIVE_INDEX_DIR).")
@click.option("--full", is_flag=True, help="Rebuild everything instead of only what changed.")
@_engine_options
@click.pass_context
def reindex(ctx: click.Context, corpus_dir: Path | None, index_dir: Path | None, full: bool,
            engine: str | None, opensearch_url: str | None) -> None:
    """Index new, changed and removed articles of the corpus folder.

    Example: archive reindex --corpus ./corpus
    """
    settings = _settings(ctx, index_dir=index_dir, engine=engine, opensearch_url=opensearch_url)
    corpus_dir = corpus_dir or settings.corpus_dir
    if not corpus_dir.is_dir():
        raise click.BadParameter(f"Folder '{corpus_dir}' does not exist.", param_hint="'--corpus'")
    progress = _Progress()
    try:
        index = open_engine(settings)
        report = index.reindex(corpus_dir, full=full, on_start=progress.start, on_step=progress.update,
                               on_phase=progress.phase)
    except (ArchiveError, SearchIndexError) as error:
        raise click.ClickException(str(error)) from error
    except KeyboardInterrupt:
        progress.finish()
        click.echo("Interrupted: nothing was published, the index searched before is unchanged. "
                   "Run 'archive reindex' again to finish.", err=True)
        ctx.exit(130)
    finally:
        progress.finish()
    kind = f"Full reindex ({report.full_reason})" if report.full else "Incremental reindex"
    years = f" (published {year_span(*report.years)})" if report.years else ""
    click.echo(f"{kind}: {plural(report.articles, 'article')} and {plural(report.events, 'event')} "
               f"in {index.location}{years}.")
    click.echo(f"  added {report.added}, updated {report.updated}, deleted {report.deleted}, "
               f"unchanged {report.unchanged}, skipped {len(report.skipped)}")
    for label, problems in (("Skipped", report.skipped), ("Indexed with problems", report.degraded)):
        if problems:
            click.echo(f"{label}:")
            for line in _problem_lines(problems):
                click.echo(f"  {line}")


def _problem_lines(problems) -> list[str]:
    """Name every problem, folding one reason repeated on many lines of a file into one line."""
    groups: dict[tuple[str, str], list] = {}
    for problem in problems:
        groups.setdefault((problem.path, problem.reason), []).append(problem)
    lines = []
    for (path, reason), same in groups.items():
        numbers = [p.line for p in same if p.line]
        if len(same) <= 3 or len(numbers) < len(same):
            lines.extend(str(p) for p in same)
        else:
            shown = ", ".join(map(str, numbers[:5])) + (", …" if len(numbers) > 5 else "")
            lines.append(f"{path} ({len(same)} records, lines {shown}): {reason}")
    return lines


class _Progress:
    """Progress of a reindex on stderr: a bar on a terminal, else a line every PROGRESS_SECONDS.

    A log file gets lines it can keep; both get one line for each phase after the tagging,
    so the tens of seconds of saving are not silent.
    """

    PROGRESS_SECONDS = 10.0

    def __init__(self) -> None:
        self.bar = None
        self.total = self.done = 0
        self.last_line = 0.0

    def start(self, total: int) -> None:
        self.total, self.last_line = total, time.monotonic()
        if sys.stderr.isatty():
            self.bar = click.progressbar(length=total, label="Indexing", file=sys.stderr, show_pos=True)
            self.bar.__enter__()
        else:
            click.echo(f"Indexing {plural(total, 'article')}", err=True)

    def update(self, step: int) -> None:
        self.done += step
        if self.bar:
            self.bar.update(step)
        elif time.monotonic() - self.last_line >= self.PROGRESS_SECONDS:
            self.last_line = time.monotonic()
            click.echo(f"Indexing: {self.done:,} of {self.total:,} articles ({100 * self.done // max(self.total, 1)}%)",
                       err=True)

    def phase(self, sentence: str) -> None:
        self.finish()
        click.echo(f"{sentence}…", err=True)

    def finish(self) -> None:
        if self.bar:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _filter_options(command):
    """Add an option for every filter of index.filters (--year, --published, ...), then --from and --to."""
    options = [click.option(f.option, f.name, type=YEAR if f.kind == "year" else str, multiple=True, help=f.help)
               for f in FILTERS]
    options += [click.option(f"--{YEAR_RANGE.start_arg}", YEAR_RANGE.start, type=YEAR,
                             help="Keep articles that mention a year from this one on (2013, 500 BC or -499)."),
                click.option(f"--{YEAR_RANGE.end_arg}", YEAR_RANGE.end, type=YEAR,
                             help="Keep articles that mention a year up to this one.")]
    for option in reversed(options):  # decorators apply bottom-up: keep the table's order in --help
        command = option(command)
    return command


@cli.command()
@click.argument("query", default="")
@_filter_options
@click.option("--sort", type=click.Choice(SORTS), default="relevance", show_default=True, help="Order of hits.")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True, help="Hits per page.")
@click.option("--page", type=click.IntRange(1), default=1, show_default=True, help="Page of hits to show.")
@click.option("--index", "index_dir", type=click.Path(file_okay=False, path_type=Path), help="Index folder.")
@_engine_options
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (see the README for its shape).")
@click.pass_context
def search(ctx, query, sort, limit, page, index_dir, engine, opensearch_url, as_json, **narrowing) -> None:
    """Search the archive with Whoosh's query language.

    Example: archive search '"artificial intelligence" AND title:korea' --year 2013
    """
    _check_range(narrowing.get(YEAR_RANGE.start), narrowing.get(YEAR_RANGE.end))
    index = _engine(ctx, index_dir=index_dir, engine=engine, opensearch_url=opensearch_url)
    try:
        result = index.search(query, sort=sort, page=page, page_size=limit, **narrowing)
        suggestion = did_you_mean(index, query, result.total)
    except QueryError as error:
        raise QueryFailed(str(error)) from error
    except SearchIndexError as error:
        raise click.ClickException(str(error)) from error
    if page > result.page_count:
        raise click.BadParameter(f"page {page} is past the last page of these results ({result.page_count}).",
                                 param_hint="'--page'")
    if as_json:
        click.echo(json.dumps(serializers.search_json(result, suggestion), ensure_ascii=False, indent=1))
        return
    _print_page(result, suggestion)


def _print_understood(page, suggestion: str | None) -> None:
    """Say how the query was read, what of it was dropped, and a spelling when nothing matched."""
    click.echo(f"Searched: {page.parsed}")
    for note in page.notes:
        click.secho(f"Note: {note}", fg="yellow")
    if suggestion:
        click.secho(f"Did you mean: {suggestion}?", fg="yellow")


def _print_page(result: SearchPage, suggestion: str | None = None) -> None:
    _print_understood(result, suggestion)
    first = (result.page - 1) * result.page_size
    click.echo(f"{plural(result.total, 'article')} (page {result.page} of {result.page_count}, "
               f"{result.elapsed_ms:.0f} ms)\n")
    for rank, hit in enumerate(result.hits, start=first + 1):
        when = hit.published.isoformat() if hit.published else "no date"
        click.secho(f"{rank:>3}. {hit.title}", bold=True)
        click.echo(f"     {when} · {hit.id}" + (f" · {hit.source}" if hit.source else ""))
        click.echo(f"     {_plain_snippet(hit.snippet)}\n")
    for name, label in (("years", "Years mentioned"), ("pub_year", "Published")):
        buckets = result.facets.get(name, [])
        if buckets:
            click.echo(f"{label}: " + ", ".join(f"{b.year} ({b.count})" for b in buckets))


def _plain_snippet(snippet: Snippet) -> str:
    """Show a snippet on a terminal, each match as [word], on one line."""
    parts, position = [], 0
    for start, end in snippet.spans:
        parts += [snippet.text[position:start], "[", snippet.text[start:end], "]"]
        position = end
    parts.append(snippet.text[position:])
    return " ".join("".join(parts).split())


def _timeline_filter_options(command):
    """Add an option for every filter of index.filters.TIMELINE_FILTERS (--conflicts, --min-sources, ...)."""
    for f in reversed(TIMELINE_FILTERS):  # decorators apply bottom-up: keep the table's order in --help
        if f.kind == "count":
            command = click.option(f.option, f.name, type=click.IntRange(1), default=f.default, show_default=True,
                                   help=f.help)(command)
        else:
            command = click.option(f.option, f.name, is_flag=True, help=f.help)(command)
    return command


@cli.command()
@click.argument("query", default="")
@click.option("--from", "year_from", type=YEAR, help="First year to show (500 BC or -499).")
@click.option("--to", "year_to", type=YEAR, help="Last year to show.")
@click.option("--article", help="Only the events of this article id.")
@_timeline_filter_options
@click.option("--index", "index_dir", type=click.Path(file_okay=False, path_type=Path), help="Index folder.")
@_engine_options
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object with the events (see the README).")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV with a header row.")
@click.pass_context
def timeline(ctx, query, year_from, year_to, article, index_dir, engine, opensearch_url, as_json, as_csv,
             **filters) -> None:
    """Show the dated events of the archive in chronological order.

    Example: archive timeline translation --from 2000 --to 2010 --conflicts
    """
    if as_json and as_csv:
        raise click.UsageError("Choose one of --json and --csv.")
    _check_range(year_from, year_to)
    index = _engine(ctx, index_dir=index_dir, engine=engine, opensearch_url=opensearch_url)
    try:
        if article and index.article(article) is None:
            raise click.BadParameter(f"there is no article with the id '{article}'.", param_hint="'--article'")
        first, entries = _timeline_entries(index, query, year_from=year_from, year_to=year_to, article=article,
                                           **filters)
        suggestion = did_you_mean(index, query, first.total)
    except QueryError as error:
        raise QueryFailed(str(error)) from error
    except SearchIndexError as error:
        raise click.ClickException(str(error)) from error
    if as_json:
        events = [serializers.entry_json(e) for e in entries]
        click.echo(json.dumps(dict(serializers.understood_json(first, suggestion), total=len(events), events=events),
                              ensure_ascii=False, indent=1))
    elif as_csv:
        _echo_csv(serializers.EVENT_CSV_FIELDS, (serializers.entry_row(e) for e in entries))
    else:
        if query.strip():
            _print_understood(first, suggestion)
        count = 0
        for count, entry in enumerate(entries, start=1):
            marker = " (curated)" if entry.curated else ""
            dated = f" ({serializers.ANCHOR_NOTES[entry.anchor]})" if entry.anchor in serializers.ANCHOR_NOTES else ""
            reported = f" — reported by {entry.reported_by} articles" if entry.reported_by > 1 else ""
            planned = " (planned)" if entry.planned else ""
            conflict = f" — dates differ: {entry.conflict}" if entry.conflict else ""
            click.echo(f"{entry.label:>18}  {entry.headline}{marker}{planned}{dated}{reported}{conflict}")
            click.echo(f"{'':>18}  — {entry.article_title or ', '.join(entry.sources)} [{entry.id}]")
            for other in entry.also:  # every other source of a merged entry
                click.echo(f"{'':>18}  — {other.article_title or other.article_id} [{other.id}]")
        click.echo(plural(count, "event"))


FIRST_PAGE = 10_000  # entries read as one page, which says how the query was read; a longer timeline streams the rest


def _timeline_entries(index: Engine, query: str, **options) -> tuple:
    """Return the timeline's first page (its query as read, its total) and an iterator of every entry.

    Most timelines of a query fit the first page: one query. A longer one reads the rest from
    the export iterator, so that a timeline of the whole archive is not grouped once per page;
    without a query there is nothing to say about it, and the first page is one entry.
    """
    first = index.timeline(query, page_size=FIRST_PAGE if query.strip() else 1, **options)
    if first.total <= len(first.entries):
        return first, iter(first.entries)
    rest = itertools.islice(index.iter_timeline(query, **options), len(first.entries), None)
    return first, itertools.chain(first.entries, rest)


def _echo_csv(fields: list[str], rows) -> None:
    """Print rows as CSV one at a time, so a long timeline starts printing at once."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow(row)
        click.echo(buffer.getvalue(), nl=False)
        buffer.seek(0)
        buffer.truncate()
    click.echo(buffer.getvalue(), nl=False)


def _parse_published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2025-12-06", param_hint="'--published'") from None


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 listens on every interface).")
@click.option("--port", type=click.IntRange(1, 65535), default=5000, show_default=True, help="Port to listen on.")
@click.option("--index", "index_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Index folder (default: ./instance/index, or ARCHIVE_INDEX_DIR).")
@_engine_options
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, index_dir: Path | None, engine: str | None,
          opensearch_url: str | None) -> None:
    """Serve the web interface until interrupted (Ctrl+C).

    Example: archive serve --port 8000
    """
    from webui.serve import run  # here, so that the other commands start without loading Flask

    settings = _settings(ctx, index_dir=index_dir, engine=engine, opensearch_url=opensearch_url)
    where = settings.index_dir if settings.engine == "whoosh" else settings.opensearch_url
    try:
        run(settings.index_dir, host, port, engine=settings.engine, opensearch_url=settings.opensearch_url,
            on_ready=lambda: click.echo(f"Serving {where} on http://{host}:{port}/ (Ctrl+C to stop)"),
            cluster={key: getattr(settings, key) for key in CLUSTER_KEYS})
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise click.ClickException(f"Port {port} on {host} is already in use (another server?); "
                                       f"stop it or choose another port, such as --port {port + 1}.") from None
        raise click.ClickException(f"Cannot listen on {host}:{port}: {error.strerror or error}.") from None


@cli.command("dates")
@click.option("--published", help="Publication date (YYYY-MM-DD) that relative dates resolve against.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def dates_command(published: str | None, as_json: bool) -> None:
    """Tag the date expressions in text read from stdin.

    Example: echo "In 2013 it was founded." | archive dates --json
    """
    from archive import dates  # here, so that the other commands start without compiling the tagger's rules

    text = sys.stdin.read()
    for mention in dates.tag_dates(text, published=_parse_published(published)):
        # A range ("1939-45") is two TimeML expressions, one per end; each line names both ends.
        ends = mention.timeml()
        for part in ends:
            record = {"start": part.start, "end": part.end, "text": text[part.start:part.end],
                      "value": part.value, "type": mention.type, "precision": mention.precision}
            if mention.mod:
                record["mod"] = mention.mod
            if len(ends) > 1:
                record["range"] = {"text": mention.text, "begin": ends[0].value, "end": ends[-1].value}
            if as_json:
                click.echo(json.dumps(record, ensure_ascii=False))
            else:
                extra = (f" [{mention.mod}]" if mention.mod else "") + (
                    f" (range {ends[0].value}/{ends[-1].value}: {mention.text})" if len(ends) > 1 else "")
                click.echo(f"{part.start:>6}-{part.end:<6} {mention.type:<8} {part.value:<12} {record['text']}{extra}")


if __name__ == "__main__":
    cli()
