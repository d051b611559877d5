"""Flask CLI commands: schema, seed content, import and export, search index."""

import json
import sys
import time
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from showcase import cli_keys, cli_kiosks, cli_matchmaking, cli_webhooks, database
from showcase.extensions import db
from showcase.services.audit import command_actor
from showcase.services.bundle import BundleInvalid, dump_directory, load_directory
from showcase.services.imports import ImportInvalid, ImportReport, import_items, read_files


def init_app(app: Flask) -> None:
    for command in (init_db_command, seed_command, import_command, export_command):
        app.cli.add_command(command)
    cli_keys.init_app(app)
    cli_kiosks.init_app(app)
    cli_matchmaking.init_app(app)
    cli_webhooks.init_app(app)


def seed_files(seed_dir: str) -> list[Path]:
    return sorted(Path(seed_dir).glob("*.json"))


def seed_directory() -> dict[str, int]:
    """Load the seed content idempotently in one transaction; raises BundleInvalid and writes nothing on errors."""
    database.create_schema()
    return load_directory(seed_files(current_app.config["SHOWCASE_SEED_DIR"]))


def report_problems(error: BundleInvalid) -> None:
    for problem in error.problems:
        click.echo(f"error: {problem}", err=True)
    click.echo(f"{len(error.problems)} problem(s); nothing was written.", err=True)


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Create the database schema (existing tables and data are kept)."""
    database.create_schema()
    click.echo(f"Schema ready in {db.engine.url.render_as_string(hide_password=True)}")


@click.command("seed")
@with_appcontext
def seed_command():
    """Load the seed content from seed_data/; running it again changes nothing."""
    try:
        counts = seed_directory()
    except BundleInvalid as error:
        report_problems(error)
        sys.exit(1)
    click.echo("Seeded " + ", ".join(f"{count} {kind}" for kind, count in counts.items()))


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Validate and report every problem, write nothing.")
@with_appcontext
def import_command(files: tuple[Path, ...], dry_run: bool):
    """Import bundle files (the seed format, .json) and CSV files (<kind>.csv): all or nothing."""
    database.create_schema()
    started = time.perf_counter()
    try:
        items = read_files([(file.name, file.read_bytes(), None) for file in files])
        read_seconds = time.perf_counter() - started
        report = import_items(items, command_actor(), dry_run=dry_run)
    except ImportInvalid as error:
        for problem in error.problems:
            click.echo(f"error: {problem}", err=True)
        click.echo(f"{len(error.problems)} problem(s); nothing was written.", err=True)
        sys.exit(1)
    if dry_run:
        click.echo(f"Dry run: valid; would write {report.written} records ({report.summary()})")
        return
    click.echo(f"Imported {report.written} records ({report.summary()})")
    click.echo(import_timings(read_seconds, report))


def import_timings(read_seconds: float, report: ImportReport) -> str:
    """Where an import's time went, the index rebuild apart: benches read the database figure from it."""
    timings = f"Read {read_seconds:.1f} s, database {report.database_seconds:.1f} s (validation, writes, commit)"
    if report.index_seconds is not None:
        timings += f", index {'rebuilt' if report.rebuilt else 'brought up to date'} in {report.index_seconds:.1f} s"
    return timings


@click.command("export")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File to write; default stdout.")
@with_appcontext
def export_command(output: Path | None):
    """Export the whole directory as one bundle file that import reads back."""
    text = json.dumps(dump_directory(), ensure_ascii=False, indent=2)
    if output:
        output.write_text(text + "\n", encoding="utf-8")
        click.echo(f"Wrote {output}", err=True)
    else:
        click.echo(text)
