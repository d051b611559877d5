"""The app under gunicorn for tests that need a real server: seeded on SQLite or PostgreSQL, asked over HTTP."""

import json
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from tests.browser.harness import ROOT, Server, instance_environment


def seeded_server(folder: Path, database_url: str, **settings: str) -> Server:
    """gunicorn (2 workers) on a free port over a database seeded as `make db` does, with its index."""
    settings = {"SHOWCASE_DATABASE_URL": database_url, **settings}
    env = instance_environment(folder, **settings)
    for command in ("init-db", "seed", "reindex"):
        subprocess.run([sys.executable, "-m", "flask", "--app", "showcase", command], cwd=ROOT, env=env,
                       check=True, capture_output=True, timeout=300)
    return Server(folder, settings).start()


def get(url: str, headers: dict | None = None) -> tuple[int, dict, dict]:
    """Status, headers and JSON body of a GET; errors are answers too."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=60) as response:
            return response.status, dict(response.headers), json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read() or b"{}")
