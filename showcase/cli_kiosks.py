"""Commands for kiosk tokens: kiosk-token (issues one, printed once), revoke-kiosk-token."""

import sys

import click
from flask import Flask
from flask.cli import with_appcontext
from sqlalchemy import select

from showcase import database
from showcase.extensions import db
from showcase.models import Kiosk
from showcase.services.kiosk_tokens import issue_token, revoke_tokens


def init_app(app: Flask) -> None:
    for command in (kiosk_token_command, revoke_kiosk_token_command):
        app.cli.add_command(command)


def kiosk_or_exit(kiosk_id: str) -> Kiosk:
    kiosk = db.session.scalar(select(Kiosk).where(Kiosk.id == kiosk_id))
    if kiosk is None:
        click.echo(f"error: there is no kiosk {kiosk_id!r}.", err=True)
        sys.exit(1)
    return kiosk


@click.command("kiosk-token")
@click.argument("kiosk_id")
@with_appcontext
def kiosk_token_command(kiosk_id: str):
    """Issue a kiosk a token and print it once; its earlier tokens stop working."""
    database.create_schema()
    issued = issue_token(kiosk_or_exit(kiosk_id))
    click.echo(f"Token for kiosk {kiosk_id!r} ({issued.record.prefix}…). Enter it at the kiosk's setup; "
               "it is not shown again:", err=True)
    click.echo(issued.token)


@click.command("revoke-kiosk-token")
@click.argument("kiosk_id")
@with_appcontext
def revoke_kiosk_token_command(kiosk_id: str):
    """Revoke a kiosk's tokens: it then shares its address's rate budget."""
    database.create_schema()
    revoked = revoke_tokens(kiosk_or_exit(kiosk_id))
    click.echo(f"Revoked {revoked} token(s) of kiosk {kiosk_id!r}.")
