"""Command line: parse, call one function, format. Exit 0 = all fine, 1 = some inputs failed, 2 = error."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator

from rich.console import Console

from . import __version__
from .errors import InputError, LagebildError
from .lang import SUPPORTED
from .records import Article

EXIT_OK, EXIT_PARTIAL, EXIT_ERROR = 0, 1, 2
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _input_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, globs, or - for stdin")
    p.add_argument("--language", choices=SUPPORTED, help="skip language detection")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for inputs without one")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lagebild", description=__doc__)
    parser.add_argument("--version", action="version", version=f"lagebild {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("analyze", help="analyse articles and print their records")
    _input_args(p)
    p.add_argument(
        "--format", choices=["jsonl", "json", "table"], help="default: table on a terminal, else jsonl"
    )

    p = sub.add_parser("ingest", help="analyse articles and store them")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--db", default=None, help="DuckDB store file (default lagebild.duckdb)")
    p.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores)")
    p.add_argument("--batch-size", type=int, default=64, help="documents per store transaction")
    p.add_argument("--dask", metavar="SCHEDULER", help="run on Dask distributed: an address or 'local'")
    p.add_argument("--no-progress", action="store_true")

    p = sub.add_parser("export", help="write what is stored")
    p.add_argument("--db", default=None)
    p.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl")
    p.add_argument("--out", help="file (jsonl; default stdout) or folder (parquet; default export/)")

    p = sub.add_parser("summary", help="a readable summary of the store")
    p.add_argument("--db", default=None)

    p = sub.add_parser("quotes", help="who said what, grouped by speaker")
    _input_args(p)
    p.add_argument("--explain", action="store_true", help="show the rule and cue behind every quote")

    p = sub.add_parser("events", help="coded events as a table")
    _input_args(p)
    p.add_argument("--explain", action="store_true", help="show the pattern behind every event")

    p = sub.add_parser("actors", help="find and link the actors in a text")
    p.add_argument("text", help="the text (or - for stdin)")
    p.add_argument("--language", choices=SUPPORTED)
    p.add_argument("--published", metavar="YYYY-MM-DD")

    p = sub.add_parser("actor", help="look an actor up in the knowledge base")
    p.add_argument("name")

    p = sub.add_parser("serve", help="HTTP API and dashboard over the store")
    p.add_argument("--db", default=None)
    p.add_argument("--host", default="127.0.0.1", help="bind address (default loopback only)")
    p.add_argument("--port", type=int, default=8000)
    return parser


def _db(args) -> str:
    from .store import DEFAULT_DB

    return args.db or DEFAULT_DB


def iter_articles(args, failures: list[InputError]) -> Iterator[Article]:
    """Analyse every input in this process, reporting bad ones on stderr and going on."""
    from .ingest import iter_inputs
    from .pipeline import process

    for item in iter_inputs(args.paths):
        if isinstance(item, InputError):
            failures.append(item)
            err.print(f"[red]error[/red] {item}")
            continue
        item.language = item.language or args.language
        item.published = item.published or args.published
        result = process(item)
        if isinstance(result, InputError):
            failures.append(result)
            err.print(f"[red]error[/red] {result}")
        else:
            yield result[0]


def cmd_analyze(args) -> int:
    failures: list[InputError] = []
    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    console = Console()
    for article in iter_articles(args, failures):
        if fmt == "jsonl":
            sys.stdout.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
        elif fmt == "json":
            sys.stdout.write(json.dumps(article.to_dict(), ensure_ascii=False, indent=2) + "\n")
        else:
            from .present import print_article

            print_article(console, article)
    return EXIT_PARTIAL if failures else EXIT_OK


def cmd_quotes(args) -> int:
    from .present import print_quotes_by_speaker
    from .quotes.rules import explain_rule

    failures: list[InputError] = []
    explain = explain_rule if args.explain else None
    print_quotes_by_speaker(Console(), list(iter_articles(args, failures)), explain=explain)
    return EXIT_PARTIAL if failures else EXIT_OK


def cmd_events(args) -> int:
    from .events.explain import explain_article
    from .present import print_events

    failures: list[InputError] = []
    console = Console()
    for article in iter_articles(args, failures):
        console.rule(article.title or article.id)
        print_events(console, article, explain=explain_article if args.explain else None)
    return EXIT_PARTIAL if failures else EXIT_OK


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


def cmd_ingest(args) -> int:
    from .batch import IngestReport, ingest
    from .store import open_store

    with open_store(_db(args)) as store:
        if args.dask:
            from .scale import ingest_dask

            def run(paths, store, *, workers, batch_size, on_progress, on_error) -> IngestReport:
                return ingest_dask(
                    paths,
                    store,
                    scheduler=args.dask,
                    n_workers=workers,
                    partition_size=batch_size,
                    on_progress=on_progress,
                    on_error=on_error,
                )

            report: IngestReport = _ingest_with_progress(args, store, run)
        else:
            report = _ingest_with_progress(args, store, ingest)
    err.print(
        f"read {report.read} · stored {report.stored} · unchanged {report.unchanged} · "
        f"failed {report.failed} → {_db(args)}"
    )
    return EXIT_OK if report.ok else EXIT_PARTIAL


def _print_error(e: InputError) -> None:
    err.print(f"[red]error[/red] {e}")


def _ingest_with_progress(args, store, ingest):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TimeElapsedColumn

    show = not args.no_progress and err.is_terminal
    with Progress(
        SpinnerColumn(),
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=not show,
    ) as progress:
        task = progress.add_task("ingest", total=None)
        return ingest(
            args.paths,
            store,
            workers=args.workers,
            batch_size=args.batch_size,
            on_progress=lambda n: progress.advance(task, n),
            on_error=_print_error,
        )


def cmd_export(args) -> int:
    from .store import open_store
    from .store.export import export_jsonl, export_parquet

    with open_store(_db(args), read_only=True) as store:
        if args.format == "parquet":
            for path in export_parquet(store, args.out or "export"):
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


def cmd_serve(args) -> int:
    from .api.app import serve

    serve(_db(args), host=args.host, port=args.port)
    return EXIT_OK


COMMANDS = {
    "analyze": cmd_analyze,
    "ingest": cmd_ingest,
    "export": cmd_export,
    "summary": cmd_summary,
    "quotes": cmd_quotes,
    "events": cmd_events,
    "actors": cmd_actors,
    "actor": cmd_actor,
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
        err.print(f"[red]error[/red] {exc}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        err.print("interrupted; what was stored stays stored — run the same command again to resume")
        return 130


if __name__ == "__main__":
    sys.exit(main())
