"""Running the real thing for browser tests and screenshots: a seeded instance under gunicorn,
a second origin for host pages, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import http.server
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("SHOWCASE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
MISSING_CHROMIUM = (
    f"Chromium is not installed at {CHROMIUM}: the browser tests need Debian's package "
    "(apt-get install -y chromium), since Playwright's own browser download does not work here."
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def instance_environment(folder: Path, **settings: str) -> dict[str, str]:
    """The environment of a showcase whose database, index and instance folder live in `folder`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("SHOWCASE_")}
    env.update({
        "SHOWCASE_DATABASE_URL": f"sqlite:///{folder / 'showcase.db'}",
        "SHOWCASE_INDEX_DIR": str(folder / "search-index"),
        "SHOWCASE_INSTANCE_PATH": str(folder / "instance"),
        "SHOWCASE_RATELIMIT_ENABLED": "0",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    })
    env.update(settings)
    return env


def seed(folder: Path) -> None:
    """`flask init-db`, `seed` and `reindex` into `folder`, as `make db` does."""
    folder.mkdir(parents=True, exist_ok=True)
    env = instance_environment(folder)
    for command in ("init-db", "seed", "reindex"):
        subprocess.run([sys.executable, "-m", "flask", "--app", "showcase", command], cwd=ROOT, env=env,
                       check=True, capture_output=True, timeout=300)


@dataclass
class Server:
    """gunicorn serving a seeded instance on a free port of 127.0.0.1."""

    folder: Path
    settings: dict[str, str] = field(default_factory=dict)
    port: int = 0
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Server:
        self.port = self.port or free_port()
        log = open(self.folder / f"gunicorn-{self.port}.log", "ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{self.port}", "--workers", "2",
             "--chdir", str(ROOT), "--graceful-timeout", "2", "wsgi:app"],
            env=instance_environment(self.folder, **self.settings), stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: see {log.name}")
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer on {self.url}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        # Nothing may answer on the port any more.
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) != 0:
                    return
            time.sleep(0.1)


class HostSite:
    """Another origin (a port of its own) serving host pages, as a third-party site would."""

    def __init__(self):
        self.pages: dict[str, str] = {}
        pages = self.pages

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                body = pages.get(self.path.split("?")[0])
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write((body or "not found").encode())

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> HostSite:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def check_chromium() -> str:
    """The Chromium to drive; an error that says how to install it when there is none."""
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)) and not shutil.which(CHROMIUM):
        raise RuntimeError(MISSING_CHROMIUM)
    return CHROMIUM


def launch(playwright):
    return playwright.chromium.launch(executable_path=check_chromium(), args=CHROMIUM_ARGS)


def embed_host_page(api: str) -> str:
    """A third-party page with hostile CSS, the widget twice (card and directory) and the iframe variant."""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Partner site</title>
<style>
  body {{ font-family: Georgia, serif; background: #fdf6e3; margin: 40px; color: #333; }}
  * {{ color: rgb(255, 0, 0) !important; font-size: 19px; }}
  h2, .name, .facts, p {{ border: 3px dashed rgb(0, 128, 0); text-transform: uppercase; }}
  .showcase-embed {{ margin: 24px 0; max-width: 680px; }}
  .grid {{ display: grid; grid-template-columns: 680px 560px; gap: 40px; align-items: start; }}
</style></head>
<body>
  <h1>Partner site</h1>
  <p class="name" id="host-text">Our partners at the 3rd International Cluster Conference:</p>
  <div class="grid">
    <div>
      <script src="{api}/embed.js" data-cluster="its-owl" data-lang="en" async></script>
      <noscript><a href="{api}/embed/clusters/its-owl?lang=en">it's OWL at the 3rd International Cluster Conference</a></noscript>
      <iframe id="frame" title="it's OWL" src="{api}/embed/clusters/its-owl?lang=de" width="660" height="470"
              style="border:0"></iframe>
    </div>
    <div id="directory"></div>
  </div>
  <script src="{api}/embed.js" data-lang="de" data-target="#directory"></script>
</body></html>"""
