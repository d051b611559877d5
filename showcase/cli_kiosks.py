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


def kiosk_command(name: str):
    """A command over the kiosk its argument names: the schema made sure of, an unknown kiosk a clear exit."""

    def decorator(action):
        @click.command(name, help=action.__doc__)
        @click.argument("kiosk_id")
        @with_appcontext
        def command(kiosk_id: str):
            database.create_schema()
            action(kiosk_or_exit(kiosk_id))

        return command

    return decorator


@kiosk_command("kiosk-token")
def kiosk_token_command(kiosk: Kiosk):
    """Issue a kiosk a token and print it once; its earlier tokens stop working."""
    issued = issue_token(kiosk)
    click.echo(f"Token for kiosk {kiosk.id!r} ({issued.record.prefix}…). Enter it at the kiosk's setup; "
               "it is not shown again:", err=True)
    click.echo(issued.token)


@kiosk_command("revoke-kiosk-token")
def revoke_kiosk_token_command(kiosk: Kiosk):
    """Revoke a kiosk's tokens: it then shares its address's rate budget."""
    click.echo(f"Revoked {revoke_tokens(kiosk)} token(s) of kiosk {kiosk.id!r}.")
