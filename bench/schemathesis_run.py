"""Run schemathesis against the API's own OpenAPI description, reads and (with an editor's key) writes.

    .venv/bin/python bench/schemathesis_run.py [--max-examples 50] [--phases examples,coverage,fuzzing,stateful]

Builds a throwaway instance (SQLite, the seed content, its search index, an editor key), serves it with
gunicorn on a free port of 127.0.0.1, and runs `schemathesis run` on /api/v1/openapi.json with the key
sent on every request. schemathesis also sends requests without the key where the description says
one is needed, so both sides of every write are exercised. The checks are the ones that hold an API to
its description: no 5xx, every status code, content type, header and body as documented, invalid
input refused, required headers enforced. Exits with schemathesis' exit code; reports land in
bench/.work/schemathesis/. Every request goes to 127.0.0.1 only; the run ends after --max-examples
per operation (or, with --max-time, when that time is spent).
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# What holds the API to its description. `negative_data_rejection` is left out by default: it flags
# empty list parameters (`sort=`, `fields=`, `expand=`), which the read API takes as "none given";
# add `--checks all` to see them.
CHECKS = [
    "not_a_server_error", "status_code_conformance", "content_type_conformance", "response_headers_conformance",
    "response_schema_conformance", "missing_required_header", "unsupported_method", "ignored_auth",
    "use_after_free", "ensure_resource_availability",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare_instance(folder: Path) -> tuple[dict, str]:
    """An environment with a seeded database and index in `folder`, and an editor's key."""
    env = {**os.environ, "SHOWCASE_INSTANCE_PATH": str(folder), "SHOWCASE_DATABASE_URL": f"sqlite:///{folder}/showcase.db",
           "SHOWCASE_INDEX_DIR": str(folder / "search-index"), "SHOWCASE_RATELIMIT_ENABLED": "false",
           "SHOWCASE_INDEX_DRAIN_SECONDS": "1"}
    flask = [str(BIN / "flask"), "--app", "showcase"]
    for command in (["init-db"], ["seed"], ["reindex"]):
        subprocess.run(flask + command, env=env, cwd=ROOT, check=True, capture_output=True)
    key = subprocess.run(flask + ["create-key", "--role", "editor", "--name", "schemathesis"], env=env, cwd=ROOT,
                         check=True, capture_output=True, text=True).stdout.strip()
    return env, key


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def run(max_examples: int, phases: str, max_time: int | None, seed: int | None, extra: list[str]) -> int:
    report_dir = ROOT / "bench" / ".work" / "schemathesis"
    report_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="showcase-schemathesis-") as folder:
        env, key = prepare_instance(Path(folder))
        port = free_port()
        # No request-line limit: gunicorn would answer an overlong URL with its own text/html 414
        # before the app sees it (a front proxy does the same in production).
        server = subprocess.Popen([str(BIN / "gunicorn"), "--workers", "2", "--bind", f"127.0.0.1:{port}",
                                   "--limit-request-line", "0", "--log-level", "warning", "wsgi:app"],
                                  env=env, cwd=ROOT)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(f"{base}/health")
            command = [
                str(BIN / "schemathesis"), "--config-file", str(ROOT / "bench" / "schemathesis.toml"),
                "run", f"{base}/api/v1/openapi.json",
                "--header", f"Authorization: Bearer {key}",
                "--checks", ",".join(CHECKS), "--phases", phases,
                "--max-examples", str(max_examples), *(["--max-time", str(max_time)] if max_time else []),
                "--workers", "2", "--request-timeout", "10", "--no-color", "--suppress-health-check", "all",
                "--report", "junit,ndjson", "--report-dir", str(report_dir),
                *(["--seed", str(seed)] if seed is not None else []), *extra,
            ]
            return subprocess.run(command, cwd=ROOT, env={**os.environ, "SCHEMATHESIS_HOOKS": ""}).returncode
        finally:
            server.terminate()
            server.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=50, help="Test cases per operation and phase.")
    parser.add_argument("--phases", default="examples,coverage,fuzzing,stateful")
    parser.add_argument("--max-time", type=int, help="Keep fuzzing until this many seconds are spent.")
    parser.add_argument("--seed", type=int, help="Reproduce a run.")
    args, extra = parser.parse_known_args(argv)
    return run(args.max_examples, args.phases, args.max_time, args.seed, extra)


if __name__ == "__main__":
    sys.exit(main())
