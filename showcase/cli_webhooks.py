"""`flask webhook-worker`: send the webhooks' deliveries, on a host of its own or beside the app."""

import time

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from showcase.services.webhooks import run_once


def init_app(app: Flask) -> None:
    app.cli.add_command(webhook_worker_command)


@click.command("webhook-worker")
@click.option("--interval", default=1.0, show_default=True, help="Seconds between passes.")
@click.option("--once", is_flag=True, help="Send what is due and exit.")
@with_appcontext
def webhook_worker_command(interval: float, once: bool):
    """Send every due webhook delivery, in order per subscription; several workers may run at once."""
    app = current_app._get_current_object()
    while True:
        sent = run_once(app)
        if sent or once:
            click.echo(f"delivered {sent} webhook(s)")
        if once:
            return
        time.sleep(interval)
