"""Command line: parse, call one function, format. Exit 0 = all fine, 1 = some inputs failed, 2 = error."""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
from collections.abc import Iterator
from datetime import date

from rich.console import Console
from rich.markup import escape

from . import __version__
from .errors import InputError, LagebildError
from .lang import SUPPORTED
from .records import Article

EXIT_OK, EXIT_PARTIAL, EXIT_ERROR = 0, 1, 2
err = Console(stderr=True, highlight=False, soft_wrap=True)


def iso_date(value: str) -> str:
    """`--published`: an existing day written YYYY-MM-DD (else a usage error naming the value)."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"invalid date {value!r}: expected an existing day as YYYY-MM-DD")


def input_options(p: argparse.ArgumentParser, *, paths: str | None = "paths") -> None:
    """The options every command that reads inputs shares."""
    group = p.add_argument_group("input")
    if paths == "paths":
        group.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, globs, or - for stdin")
    elif paths == "sources":
        group.add_argument("sources", nargs="+", metavar="URL", help="page, RSS/Atom feed or sitemap URLs")
    group.add_argument("--language", choices=SUPPORTED, help="skip language detection")
    group.add_argument(
        "--published", type=iso_date, metavar="YYYY-MM-DD",
        help="publication date for inputs without one of their own (a page's, record's or feed item's "
             "own date wins)",
    )  # fmt: skip


def store_options(p: argparse.ArgumentParser, *, workers: bool = True) -> None:
    p.add_argument("--db", default=None, help="DuckDB store file (default lagebild.duckdb)")
    if workers:
        p.add_argument("--workers", type=int, default=None, help="analysing processes (default: all cores)")
        p.add_argument("--batch-size", type=int, default=None, help="documents per store transaction")
        p.add_argument("--no-progress", action="store_true", help="no progress bar")


def fetch_options(p: argparse.ArgumentParser) -> None:
    group = p.add_argument_group("fetching")
    group.add_argument("--delay", type=float, default=1.0, help="seconds between two requests to one host")
    group.add_argument("--timeout", type=float, default=20.0, help="seconds per request")
    group.add_argument("--retries", type=int, default=2, help="retries after a timeout or a 429/5xx answer")
    group.add_argument("--max-bytes", type=int, default=10 * 1024 * 1024, help="largest page or feed read")
    group.add_argument("--max-pages", type=int, default=1000, help="pages fetched per run")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lagebild", description=__doc__)
    parser.add_argument("--version", action="version", version=f"lagebild {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = parser.add_subparsers(dest="command", required=True)
    _reading_commands(sub)
    _web_commands(sub)
    _store_commands(sub)
    return parser


def _reading_commands(sub) -> None:
    p = sub.add_parser("analyze", help="analyse articles and print their records")
    input_options(p)
    p.add_argument(
        "--format", choices=["jsonl", "json", "table"], help="default: table on a terminal, else jsonl"
    )
    p = sub.add_parser("ingest", help="analyse articles and store them")
    input_options(p)
    store_options(p)
    p.add_argument("--dask", metavar="SCHEDULER", help="run on Dask distributed: an address or 'local'")
    p = sub.add_parser("quotes", help="who said what, grouped by speaker")
    input_options(p)
    p.add_argument("--explain", action="store_true", help="show the rule and cue behind every quote")
    p = sub.add_parser("events", help="coded events as a table")
    input_options(p)
    p.add_argument("--explain", action="store_true", help="show the pattern behind every event")
    p = sub.add_parser("actors", help="find and link the actors in a text")
    p.add_argument("text", help="the text (or - for stdin)")
    input_options(p, paths=None)
    p = sub.add_parser("actor", help="look an actor up in the knowledge base")
    p.add_argument("name")


def _web_commands(sub) -> None:
    p = sub.add_parser("fetch", help="fetch pages, RSS/Atom feeds or sitemaps and store their articles")
    input_options(p, paths="sources")
    store_options(p)
    fetch_options(p)
    p = sub.add_parser("watch", help="fetch the sources again every so many seconds, until stopped")
    input_options(p, paths="sources")
    store_options(p)
    fetch_options(p)
    p.add_argument("--every", type=float, default=900.0, help="seconds between two rounds (default 900)")
    p.add_argument("--rounds", type=int, default=None, help="stop after this many rounds")


def _store_commands(sub) -> None:
    p = sub.add_parser("export", help="write what is stored")
    store_options(p, workers=False)
    p.add_argument("--format", choices=["jsonl", "parquet", "csv"], default="jsonl")
    p.add_argument("--out", help="file (jsonl; default stdout) or folder (parquet, csv; default export/)")
    p = sub.add_parser("summary", help="a readable summary of the store")
    store_options(p, workers=False)
    p = sub.add_parser("report", help="write the situation report (Lagebild) as HTML or Markdown")
    p.add_argument("--db", default=None)
    p.add_argument("--out", required=True, metavar="FILE", help="FILE.html or FILE.md")
    p.add_argument(
        "--from", dest="date_from", type=_iso_date, metavar="YYYY-MM-DD", help="first day of the period"
    )
    p.add_argument(
        "--to", dest="date_to", type=_iso_date, metavar="YYYY-MM-DD", help="last day of the period"
    )
    focus = p.add_mutually_exclusive_group()
    focus.add_argument("--actor", metavar="ID", help="focus on one actor (its id, see `lagebild actor`)")
    focus.add_argument("--country", metavar="ISO3", help="focus on the actors of one country")
    p.add_argument("--lang", choices=["de", "en"], default="de", help="report language (default de)")
    p.add_argument(
        "--link-base",
        default="http://127.0.0.1:8000/",
        help="the dashboard the evidence links open (default the local `lagebild serve`)",
    )

    p = sub.add_parser("serve", help="HTTP API and dashboard over the store")
    store_options(p, workers=False)
    p.add_argument("--host", default="127.0.0.1", help="bind address (default loopback only)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument(
        "--allow-host", action="append", default=[], metavar="NAME",
        help="a Host name the server answers to besides the loopback names (repeatable)",
    )  # fmt: skip
    p.add_argument(
        "--token", default=None,
        help="API token clients must send (Authorization: Bearer …); required off loopback; "
             "default $LAGEBILD_TOKEN",
    )  # fmt: skip
    p.add_argument("--read-only", action="store_true", help="refuse uploads and every other write")


def _iso_date(value: str):
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _db(args) -> str:
    from .store import DEFAULT_DB

    return args.db or DEFAULT_DB


# --- telling the user -------------------------------------------------------------------------------


def print_error(e: InputError) -> None:
    err.print(f"[red]error[/red] {escape(str(e))}")


def print_notice(n) -> None:
    style = "yellow" if n.level == "warning" else "dim"
    err.print(f"[{style}]{n.level}[/{style}] {escape(str(n))}")


# --- analyse in this process --------------------------------------------------------------------


def iter_articles(args, failures: list[InputError]) -> Iterator[Article]:
    """Analyse every input in this process, reporting bad ones on stderr and going on."""
    from .ingest import iter_inputs
    from .ingest.sources import Notice
    from .pipeline import process

    for item in iter_inputs(args.paths):
        if isinstance(item, Notice):
            print_notice(item)
            continue
        for note in getattr(item, "notes", ()):
            print_notice(note)
        result = item if isinstance(item, InputError) else process(_with_options(item, args))
        if isinstance(result, InputError):
            failures.append(result)
            print_error(result)
            continue
        for notice in result.notices:
            print_notice(notice)
        yield result.article


def _with_options(raw, args):
    raw.language = raw.language or args.language
    raw.default_published = args.published
    return raw


def _done(count: int, failures: list[InputError]) -> int:
    """Exit code for a reading command: 1 when something failed or nothing was read at all."""
    if not count and not failures:
        err.print("[red]error[/red] nothing to read: the inputs hold no document")
        return EXIT_PARTIAL
    return EXIT_PARTIAL if failures else EXIT_OK


def cmd_analyze(args) -> int:
    failures: list[InputError] = []
    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    console = Console()
    count = 0
    if fmt == "json":
        sys.stdout.write("[")
    for article in iter_articles(args, failures):
        if fmt == "table":
            from .present import print_article

            print_article(console, article)
        elif fmt == "json":  # one JSON array, written as the articles come
            sys.stdout.write(
                ("\n" if not count else ",\n") + json.dumps(article.to_dict(), ensure_ascii=False, indent=2)
            )
        else:
            sys.stdout.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    if fmt == "json":
        sys.stdout.write("\n]\n" if count else "]\n")
    return _done(count, failures)


def cmd_quotes(args) -> int:
    from .present import print_quotes_by_speaker
    from .quotes.rules import explain_rule

    failures: list[InputError] = []
    articles = list(iter_articles(args, failures))
    print_quotes_by_speaker(Console(), articles, explain=explain_rule if args.explain else None)
    return _done(len(articles), failures)


def cmd_events(args) -> int:
    from .events.explain import explain_article
    from .present import print_events

    failures: list[InputError] = []
    console = Console()
    count = 0
    for article in iter_articles(args, failures):
        console.rule(article.title or article.id)
        print_events(console, article, explain=explain_article if args.explain else None)
        count += 1
    return _done(count, failures)


def cmd_actors(args) -> int:
    from .pipeline import analyze
    from .present import print_article

    text = sys.stdin.read() if args.text == "-" else args.text
    article = analyze(text, language=args.language, published=args.published)
    article.quotes, article.events = [], []
    print_article(Console(), article)
    return EXIT_OK


def cmd_actor(args) -> int:
    from .actors.kb import describe

    found = describe(args.name)
    if not found:
        err.print(f"no actor matches {args.name!r}")
        return EXIT_PARTIAL
    Console().print_json(json.dumps(found, ensure_ascii=False))
    return EXIT_OK


# --- ingest and fetch into the store ------------------------------------------------------------


def _progress(args, what: str):
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    show = not args.no_progress and err.is_terminal
    progress = Progress(
        SpinnerColumn(), "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), "eta", TimeRemainingColumn(), console=err, disable=not show,
    )  # fmt: skip
    return progress, progress.add_task(what, total=None)


def _callbacks(progress, task):
    from .batch import Callbacks

    def advance(n: int) -> None:
        progress.advance(task, n)
        t = progress.tasks[0]
        if t.total is not None and t.completed > t.total:  # a JSON array counted as one document
            progress.update(task, total=t.completed)

    return Callbacks(progress=advance, error=print_error, notice=print_notice)


def _report_line(report, db: str) -> str:
    warned = f" · warnings {report.warned}" if report.warned else ""
    return (
        f"read {report.read} · stored {report.stored} · unchanged {report.unchanged} · "
        f"failed {report.failed}{warned} → {db}"
    )


def cmd_ingest(args) -> int:
    from .ingest.sources import count_documents
    from .store import open_store

    progress, task = _progress(args, "ingest")
    with open_store(_db(args)) as store, progress:
        progress.update(task, total=count_documents(args.paths))
        report = _run_ingest(args, store, _callbacks(progress, task))
    err.print(_report_line(report, _db(args)))
    if not report.read:
        err.print("[red]error[/red] nothing to read: the inputs hold no document")
        return EXIT_PARTIAL
    return EXIT_OK if report.ok else EXIT_PARTIAL


def _run_ingest(args, store, calls):
    from .batch import Analyzer, default_workers, ingest_items
    from .ingest import iter_inputs

    items = (
        _with_options(x, args) if hasattr(x, "default_published") else x for x in iter_inputs(args.paths)
    )
    batch_size = args.batch_size or 64
    if args.dask:
        from .scale import ingest_dask_items

        return ingest_dask_items(
            items,
            store,
            scheduler=args.dask,
            n_workers=args.workers,
            partition_size=batch_size,
            callbacks=calls,
        )
    analyzer = Analyzer(args.workers or default_workers())
    try:
        report = ingest_items(items, store, analyzer, batch_size=batch_size, callbacks=calls)
    except BaseException:
        analyzer.terminate()
        raise
    analyzer.close()
    return report


def cmd_fetch(args) -> int:
    from .cli_web import fetch

    return fetch(args)


def cmd_watch(args) -> int:
    from .cli_web import watch

    return watch(args)


# --- the store ----------------------------------------------------------------------------------


def cmd_export(args) -> int:
    from .store import open_store
    from .store.export import export_csv, export_jsonl, export_parquet

    with open_store(_db(args), read_only=True) as store:
        if args.format in ("parquet", "csv"):
            write = export_parquet if args.format == "parquet" else export_csv
            for path in write(store, args.out or "export"):
                err.print(f"wrote {path}")
        elif args.out:
            with open(args.out, "w", encoding="utf-8") as fh:
                err.print(f"wrote {export_jsonl(store, fh)} articles to {args.out}")
        else:
            export_jsonl(store, sys.stdout)
    return EXIT_OK


def cmd_summary(args) -> int:
    from .present import print_summary
    from .store import open_store
    from .store.queries import summary

    with open_store(_db(args), read_only=True) as store:
        print_summary(Console(), summary(store))
    return EXIT_OK


def cmd_report(args) -> int:
    from .report.write import write_report

    path = write_report(
        _db(args),
        args.out,
        date_from=args.date_from,
        date_to=args.date_to,
        actor=args.actor,
        country=args.country,
        lang=args.lang,
        link_base=args.link_base,
    )
    err.print(f"wrote {path}")
    return EXIT_OK


def cmd_serve(args) -> int:
    from .api.app import ServeOptions, is_loopback, serve

    token = args.token or os.environ.get("LAGEBILD_TOKEN") or None
    if not is_loopback(args.host) and not token:
        err.print(f"[red]error[/red] --host {args.host} is reachable from other machines: give --token (or set "
                  "LAGEBILD_TOKEN) so that only your clients can use the API")  # fmt: skip
        return EXIT_ERROR
    options = ServeOptions(host=args.host, port=args.port, allow_hosts=tuple(args.allow_host), token=token,
                           read_only=args.read_only)  # fmt: skip
    serve(_db(args), options)
    return EXIT_OK


COMMANDS = {
    "analyze": cmd_analyze,
    "ingest": cmd_ingest,
    "fetch": cmd_fetch,
    "watch": cmd_watch,
    "export": cmd_export,
    "summary": cmd_summary,
    "quotes": cmd_quotes,
    "events": cmd_events,
    "actors": cmd_actors,
    "actor": cmd_actor,
    "report": cmd_report,
    "serve": cmd_serve,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return COMMANDS[args.command](args)
    except LagebildError as exc:
        err.print(f"[red]error[/red] {escape(str(exc))}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        err.print("interrupted; what was stored stays stored — run the same command again to resume")
        return 130


if __name__ == "__main__":
    sys.exit(main())
