"""Commands for API keys: create-key (prints the key once), list-keys, revoke-key."""

import sys

import click
from flask import Flask
from flask.cli import with_appcontext
from sqlalchemy import select

from showcase import database
from showcase.auth import KeyProblem, create_key, revoke_key
from showcase.extensions import db
from showcase.models import KEY_ROLES, ApiKey, Cluster


def init_app(app: Flask) -> None:
    for command in (create_key_command, list_keys_command, revoke_key_command):
        app.cli.add_command(command)


@click.command("create-key")
@click.option("--name", required=True, help='Who uses the key, as the audit log names them ("Pressestelle").')
@click.option("--role", type=click.Choice(KEY_ROLES), required=True,
              help="editor: write the directory; admin: also read the audit log; "
                   "cluster: answer the matchmaking requests to one cluster.")
@click.option("--cluster", "cluster_slug", help="With --role cluster: the slug of the key's cluster.")
@with_appcontext
def create_key_command(name: str, role: str, cluster_slug: str | None):
    """Create an API key and print it; only its hash is stored, so it cannot be shown again."""
    database.create_schema()
    cluster = None
    if cluster_slug is not None:
        cluster = db.session.scalar(select(Cluster).where(Cluster.slug == cluster_slug))
        if cluster is None:
            click.echo(f"error: there is no cluster {cluster_slug!r}.", err=True)
            sys.exit(1)
    try:
        new = create_key(name, role, cluster)
    except KeyProblem as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    bound = f" for {cluster.slug}" if cluster is not None else ""
    click.echo(f"Created {role} key {name!r}{bound} ({new.record.prefix}…). Store it now; it is not shown again:",
               err=True)
    click.echo(new.key)


@click.command("list-keys")
@with_appcontext
def list_keys_command():
    """List the API keys: name, role, cluster (for cluster keys), prefix, created, revoked."""
    database.create_schema()
    keys = db.session.scalars(select(ApiKey).order_by(ApiKey.created_at, ApiKey.id)).all()
    if not keys:
        click.echo("No keys. Create one with: flask --app showcase create-key --role editor --name NAME")
        return
    cluster_slugs = dict(db.session.execute(select(Cluster.id, Cluster.slug)).all())
    click.echo(f"{'name':30} {'role':7} {'cluster':28} {'prefix':12} {'created (UTC)':17} revoked (UTC)")
    for key in keys:
        cluster = cluster_slugs.get(key.cluster_id, "-")
        revoked = key.revoked_at.strftime("%Y-%m-%d %H:%M") if key.revoked_at else "-"
        click.echo(f"{key.name:30} {key.role:7} {cluster:28} {key.prefix:12} {key.created_at:%Y-%m-%d %H:%M} "
                   f"{revoked}")


@click.command("revoke-key")
@click.argument("name")
@with_appcontext
def revoke_key_command(name: str):
    """Revoke an API key by name: it stops working at once and stays listed."""
    database.create_schema()
    try:
        key = revoke_key(name)
    except KeyProblem as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    click.echo(f"Revoked {key.name!r} ({key.prefix}…) at {key.revoked_at:%Y-%m-%d %H:%M} UTC.")
