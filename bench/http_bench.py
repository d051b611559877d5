"""Load the API under gunicorn with wrk and compare it with a bare Flask endpoint measured in the same run.

    python bench/http_bench.py [--duration 10] [--connections 16] [--workers 2]

Starts two gunicorn servers on 127.0.0.1 (free ports): the showcase app on a seeded SQLite database with
its search index, and a one-route Flask app (the floor: what this machine gives a Flask JSON endpoint at
all). Then runs wrk (Debian package `wrk`) against each scenario and prints req/s, p50 and p99 latency,
and each as a ratio of the floor. Every request goes to 127.0.0.1 only; each run is bounded in time.
"""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KIOSK_QUERIES = [
    "Elektromobilität", "elektromobilitat", "Elektro", "Leichtbau", "Leichtb", "carbon", "Carbon-Leichtbau",
    "its owl", "it's OWL", "m4", "Brennstoffzelle", "brenstoffzelle", "fuel cell", "Zoeliakie", "Impfstoff",
    "vaccine", "Solarzellen", "solar", "sol", "Biomarker", "biomarkr", "Logistik", "logistics mall",
    "Digitalisierung", "matchmaking", "Wäscherei", "Greifroboter", "Sensor", "Isobuten", "Buchenholz",
]
FLOOR_APP = textwrap.dedent('''
    from flask import Flask, jsonify
    app = Flask(__name__)

    @app.get("/floor")
    def floor():
        return jsonify({"status": "ok", "items": [{"slug": "its-owl", "round": 3}]})
''')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server at {url} did not come up")


def gunicorn(app: str, port: int, workers: int, env: dict, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning", app],
        env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def parse_wrk(output: str) -> dict:
    """req/s and latency percentiles from `wrk --latency` output."""
    def millis(text: str) -> float:
        value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]

    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, re.MULTILINE))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": millis(percentiles["50"]),
        "p99": millis(percentiles["99"]),
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def run_wrk(url: str, duration: int, connections: int, threads: int, script: Path | None = None,
            headers: dict | None = None) -> dict:
    command = ["wrk", "--latency", f"-d{duration}s", f"-c{connections}", f"-t{threads}", "--timeout", "5s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run(command + [url], capture_output=True, text=True, timeout=duration + 30).stdout
    return parse_wrk(output)


def search_script(folder: Path, path: str) -> Path:
    """A wrk Lua script that cycles through kiosk queries, as many visitors typing would."""
    paths = ", ".join(f'"{path}?q={urllib.parse.quote(q)}"' for q in KIOSK_QUERIES)
    script = folder / f"{path.strip('/').replace('/', '_')}.lua"
    script.write_text(textwrap.dedent(f"""
        local paths = {{{paths}}}
        local n = 0
        request = function()
          n = n + 1
          return wrk.format("GET", paths[(n % #paths) + 1])
        end
    """))
    return script


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per scenario")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers for both servers")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")

    folder = Path(tempfile.mkdtemp(prefix="showcase-bench-"))
    env = dict(os.environ,
               SHOWCASE_DATABASE_URL=f"sqlite:///{folder / 'showcase.db'}",
               SHOWCASE_INDEX_DIR=str(folder / "index"),
               SHOWCASE_INSTANCE_PATH=str(folder / "instance"),
               SHOWCASE_RATELIMIT_ENABLED="0")
    flask = str(Path(sys.executable).parent / "flask")
    for command in ("init-db", "seed", "reindex"):
        subprocess.run([flask, "--app", "showcase", command], env=env, cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    (folder / "floor_app.py").write_text(FLOOR_APP)

    app_port, floor_port = free_port(), free_port()
    servers = [gunicorn("wsgi:app", app_port, args.workers, env, ROOT),
               gunicorn("floor_app:app", floor_port, args.workers, dict(os.environ), folder)]
    try:
        app_url, floor_url = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{floor_port}"
        wait_for(f"{app_url}/health")
        wait_for(f"{floor_url}/floor")
        etag = urllib.request.urlopen(f"{app_url}/api/v1/clusters").headers["ETag"]
        for query in KIOSK_QUERIES:  # one request each, as a warm kiosk would have made
            urllib.request.urlopen(f"{app_url}/api/v1/suggest?q={urllib.parse.quote(query)}").read()
        scenarios = [
            ("floor: bare Flask JSON", f"{floor_url}/floor", {}),
            ("GET /api/v1/clusters", f"{app_url}/api/v1/clusters", {}),
            ("GET /api/v1/clusters, 304", f"{app_url}/api/v1/clusters", {"headers": {"If-None-Match": etag}}),
            ("GET /api/v1/search (30 kiosk queries)", f"{app_url}/",
             {"script": search_script(folder, "/api/v1/search")}),
            ("GET /api/v1/suggest (30 prefixes)", f"{app_url}/",
             {"script": search_script(folder, "/api/v1/suggest")}),
        ]
        results = []
        for name, url, options in scenarios:
            results.append((name, run_wrk(url, args.duration, args.connections, args.threads, **options)))
        floor = results[0][1]["rps"]
        print(f"wrk {args.duration}s, {args.connections} connections, {args.threads} threads; gunicorn "
              f"{args.workers} sync workers each; {os.cpu_count()} CPUs\n")
        print(f"| scenario | req/s | p50 ms | p99 ms | non-2xx/3xx | req/s vs floor |")
        print(f"|---|---:|---:|---:|---:|---:|")
        for name, result in results:
            print(f"| {name} | {result['rps']:.0f} | {result['p50']:.2f} | {result['p99']:.2f} | "
                  f"{result['errors']} | {result['rps'] / floor:.0%} |")
        print(json.dumps({name: result for name, result in results}), file=sys.stderr)
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
