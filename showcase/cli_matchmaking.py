"""Commands of the matchmaking: a cluster's accepted meetings as CSV, erasure on request, the purge."""

import csv
import io
import datetime as dt
import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext
from sqlalchemy import select

from showcase import database
from showcase.extensions import db
from showcase.models import Cluster
from showcase.services import matchmaking

EXPORT_COLUMNS = ("request", "slot", "starts_at", "ends_at", "room", "table", "name", "organisation",
                  "organisation_type", "country", "email", "languages", "topics", "message")


def init_app(app: Flask) -> None:
    for command in (export_command, delete_command, purge_command):
        app.cli.add_command(command)


def export_rows(cluster: Cluster) -> list[dict]:
    rows = []
    for meeting in matchmaking.accepted_meetings(cluster):
        slot = matchmaking.request_slot(meeting)
        person = meeting.participant
        rows.append({
            "request": meeting.id, "slot": slot.id if slot else "",
            "starts_at": f"{slot.starts_at:%Y-%m-%d %H:%M}" if slot else "",
            "ends_at": f"{slot.ends_at:%Y-%m-%d %H:%M}" if slot else "",
            "room": slot.session.room if slot else "", "table": meeting.table_number or "",
            "name": person.name, "organisation": person.organisation, "organisation_type": person.organisation_type,
            "country": person.country, "email": person.email, "languages": " ".join(person.languages),
            "topics": "; ".join(person.topics), "message": meeting.message,
        })
    return rows


def write_csv(rows: list[dict], stream) -> None:
    writer = csv.DictWriter(stream, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        # A cell starting with =, +, - or @ would run as a formula in a spreadsheet.
        writer.writerow({key: f"'{value}" if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") else value
                         for key, value in row.items()})


@click.command("matchmaking-export")
@click.option("--cluster", "slug", required=True, help="The cluster's slug.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File to write; default stdout.")
@with_appcontext
def export_command(slug: str, output: Path | None):
    """Write a cluster's accepted meetings as CSV: slot, table and the participant's shared details.

    The file holds personal data: hand it to the cluster's contact only, and delete it after the conference.
    """
    database.create_schema()
    cluster = db.session.scalar(select(Cluster).where(Cluster.slug == slug))
    if cluster is None:
        click.echo(f"error: there is no cluster {slug!r}.", err=True)
        sys.exit(1)
    rows = export_rows(cluster)
    if output:
        with output.open("w", encoding="utf-8", newline="") as stream:
            write_csv(rows, stream)
        click.echo(f"Wrote {len(rows)} accepted meeting(s) of {cluster.short_name} to {output}", err=True)
    else:
        buffer = io.StringIO()
        write_csv(rows, buffer)
        click.echo(buffer.getvalue(), nl=False)


@click.command("matchmaking-delete")
@click.option("--email", required=True, help="The address whose registrations are to be deleted.")
@with_appcontext
def delete_command(email: str):
    """Delete every registration of an email address, with its requests and slots (an erasure request)."""
    database.create_schema()
    try:
        count = matchmaking.delete_by_email(email)
    except ValueError as error:
        click.echo(f"error: not an email address: {error}", err=True)
        sys.exit(1)
    click.echo(f"Deleted {count} registration(s) of that address and their requests.")


@click.command("matchmaking-purge")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), help="Act as if it were this day (YYYY-MM-DD).")
@with_appcontext
def purge_command(today: dt.datetime | None):
    """Delete all registrations once SHOWCASE_MATCHMAKING_RETENTION_DAYS after the conference have passed.

    Run it daily (cron or a systemd timer); before the purge date it deletes nothing.
    """
    database.create_schema()
    day = today.date() if today else dt.date.today()
    count = matchmaking.purge(day)
    if day < matchmaking.purge_date():
        click.echo(f"Nothing to purge before {matchmaking.purge_date():%Y-%m-%d}.")
    else:
        click.echo(f"Purged {count} registration(s) and their requests.")
