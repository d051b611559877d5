"""Load the API under gunicorn with wrk and compare it with a bare Flask endpoint measured in the same run.

    python bench/http_bench.py [--duration 10] [--connections 16] [--threads 2] [--workers 2] [--writes 200]

Starts three gunicorn servers on 127.0.0.1 (free ports), all on one seeded SQLite database and search index:
the showcase app as configured by default (per-worker read cache on), the same app with
SHOWCASE_READ_CACHE_SIZE=0 (every request reaches the database or the search index), and a one-route
Flask app (the floor: what this machine gives a Flask JSON endpoint at all). Then runs wrk (Debian package
`wrk`) against each scenario and prints one table of req/s, p50 and p99 latency and req/s as a share of
the floor:

- cached: what the read cache answers (the clusters list, its 304, 30 kiosk queries in turn);
- uncached: list endpoints (`/projects` over every page, language and sort order, clusters, innovations,
  organisations), and search and suggest over queries that never repeat within the run, built from the
  seed content's vocabulary (bench/http_queries.py: prefixes as typed, typos, umlaut spellings, word
  pairs); each wrk thread walks its own disjoint slice of the list, and the row says how many were sent;
- writes: a sequential loop of PATCHes of one project's summary with If-Match, by an editor key.

Every request goes to 127.0.0.1 only; each scenario is bounded in time (the whole run takes about
12 x --duration plus a minute of setup).
"""

import argparse
import http.client
import itertools
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from http_queries import build_queries  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
KIOSK_QUERIES = [
    "Elektromobilität", "elektromobilitat", "Elektro", "Leichtbau", "Leichtb", "carbon", "Carbon-Leichtbau",
    "its owl", "it's OWL", "m4", "Brennstoffzelle", "brenstoffzelle", "fuel cell", "Zoeliakie", "Impfstoff",
    "vaccine", "Solarzellen", "solar", "sol", "Biomarker", "biomarkr", "Logistik", "logistics mall",
    "Digitalisierung", "matchmaking", "Wäscherei", "Greifroboter", "Sensor", "Isobuten", "Buchenholz",
]
PROJECT_SORT_KEYS = ("title", "slug", "funding_start", "funding_end", "cluster")
# Distinct queries generated per second of --duration: well above what either endpoint answers uncached
# on this machine (see the "sent" figure in the table), so no query is sent twice.
SEARCH_QUERIES_PER_SECOND = 2000
SUGGEST_QUERIES_PER_SECOND = 6000
FLOOR_APP = textwrap.dedent('''
    from flask import Flask, jsonify
    app = Flask(__name__)

    @app.get("/floor")
    def floor():
        return jsonify({"status": "ok", "items": [{"slug": "its-owl", "round": 3}]})
''')
# Walks through a file of request paths, one a line: thread i of n sends lines i, i+n, i+2n, ... so no
# two threads send the same line; done() reports how many were sent and how many had to be sent again.
WALK_SCRIPT = textwrap.dedent('''
    local threads = {}
    local next_id = 0

    function setup(thread)
      thread:set("id", next_id)
      next_id = next_id + 1
      table.insert(threads, thread)
    end

    function init(args)
      local count = tonumber(args[2])
      paths = {}
      local line_number = 0
      for line in io.lines(args[1]) do
        if line_number % count == id then
          paths[#paths + 1] = line
        end
        line_number = line_number + 1
      end
      path_count = #paths
      sent = 0
      repeated = 0
    end

    function request()
      sent = sent + 1
      if sent > path_count then
        repeated = repeated + 1
      end
      return wrk.format("GET", paths[(sent - 1) % path_count + 1])
    end

    function done(summary, latency, requests)
      local total_sent, total_repeated, total_paths = 0, 0, 0
      for _, thread in ipairs(threads) do
        total_sent = total_sent + thread:get("sent")
        total_repeated = total_repeated + thread:get("repeated")
        total_paths = total_paths + thread:get("path_count")
      end
      io.write(string.format("walk: sent %d repeated %d paths %d\\n", total_sent, total_repeated, total_paths))
    end
''')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, server: subprocess.Popen, log: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"server for {url} exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server at {url} did not come up:\n{log.read_text()[-3000:]}")


def gunicorn(app: str, port: int, workers: int, env: dict, cwd: Path, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning", app],
        env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=log.open("w"),
    )


def parse_wrk(output: str) -> dict:
    """req/s, latency percentiles, request and error counts from `wrk --latency` output."""
    def millis(text: str) -> float:
        value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]

    try:
        percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, re.MULTILINE))
        result = {
            "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
            "p50": millis(percentiles["50"]),
            "p99": millis(percentiles["99"]),
            "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        }
    except (AttributeError, KeyError) as error:
        raise SystemExit(f"could not read wrk's output ({error!r}):\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    result["errors"] = (int(non_2xx.group(1)) if non_2xx else 0) + (
        sum(map(int, socket_errors.groups())) if socket_errors else 0)
    walk = re.search(r"walk: sent (\d+) repeated (\d+) paths (\d+)", output)
    if walk:
        result["sent"], result["repeated"], result["paths"] = map(int, walk.groups())
    return result


def run_wrk(url: str, duration: int, connections: int, threads: int, script: Path | None = None,
            script_args: list | None = None, headers: dict | None = None) -> dict:
    command = ["wrk", "--latency", f"-d{duration}s", f"-c{connections}", f"-t{threads}", "--timeout", "5s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    if script:
        command += ["-s", str(script)]
    command.append(url)
    if script_args:
        command += ["--", *map(str, script_args)]
    output = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60).stdout
    return parse_wrk(output)


def cycle_script(folder: Path, path: str) -> Path:
    """A wrk Lua script that cycles through the 30 kiosk queries, as many visitors typing the same would."""
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


def write_paths(folder: Path, name: str, paths: list[str]) -> Path:
    file = folder / f"{name}.txt"
    file.write_text("".join(f"{path}\n" for path in paths))
    return file


def project_list_paths(base: str) -> list[str]:
    """Every full page of /projects (20 a page) in every language and every sort of one or two keys."""
    with urllib.request.urlopen(f"{base}/api/v1/projects?page_size=20") as response:
        total = json.loads(response.headers["X-Pagination"])["total"]
    pages = range(1, max(total // 20, 1) + 1)
    keys = [sign + key for key in PROJECT_SORT_KEYS for sign in ("", "-")]
    sorts = keys + [f"{first},{second}" for first, second in itertools.permutations(keys, 2)
                    if first.lstrip("-") != second.lstrip("-")]
    paths = [f"/api/v1/projects?page_size=20&page={page}&lang={lang}&sort={urllib.parse.quote(sort, safe=',')}"
             for page in pages for lang in ("de", "en", "all") for sort in sorts]
    random.Random(2015).shuffle(paths)
    return paths


def http_call(port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def patch_loop(port: int, key: str, count: int, warmup: int = 3) -> dict:
    """PATCH one project's English summary `count` times in a row, each with the ETag the last one returned."""
    status, _, body = http_call(port, "GET", "/api/v1/projects?page_size=1&sort=slug&lang=all")
    slug = json.loads(body)[0]["slug"]
    path = f"/api/v1/projects/{slug}"
    status, headers, body = http_call(port, "GET", f"{path}?lang=all")
    if status != 200:
        raise SystemExit(f"GET {path}?lang=all answered {status}")
    etag, summary = headers["ETag"], json.loads(body)["summary"]["en"]
    times, errors = [], 0
    for number in range(warmup + count):
        patch = json.dumps({"summary": {"en": f"{summary} (bench revision {number})"}}).encode()
        started = time.perf_counter()
        status, headers, body = http_call(port, "PATCH", path, patch, {
            "Authorization": f"Bearer {key}", "If-Match": etag, "Content-Type": "application/merge-patch+json"})
        elapsed = time.perf_counter() - started
        if status == 200:
            etag = headers["ETag"]
        else:
            errors += 1
            print(f"PATCH {path} answered {status}: {body[:300]!r}", file=sys.stderr)
            etag = http_call(port, "GET", f"{path}?lang=all")[1]["ETag"]
        if number >= warmup:
            times.append(elapsed * 1000)
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return {"rps": count / (sum(times) / 1000), "p50": cuts[49], "p95": cuts[94], "p99": cuts[98],
            "requests": count, "errors": errors, "slug": slug}


def code_version(root: Path) -> str:
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True,
                                text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "showcase", "search_index", "wsgi.py"],
                               cwd=root, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return str(root)
    return f"{root} at {commit}" + (" with uncommitted changes" if dirty else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk scenario")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers for each server")
    parser.add_argument("--writes", type=int, default=200, help="PATCH requests in the write loop")
    parser.add_argument("--search-queries", type=int, help="distinct search queries "
                        f"(default {SEARCH_QUERIES_PER_SECOND} per second of --duration)")
    parser.add_argument("--suggest-queries", type=int, help="distinct suggest queries "
                        f"(default {SUGGEST_QUERIES_PER_SECOND} per second of --duration)")
    parser.add_argument("--only", action="append", default=[], metavar="TEXT",
                        help="run only the scenarios whose label contains TEXT (repeatable; the floor always runs, "
                             "the PATCH loop only when asked for)")
    parser.add_argument("--app-root", type=Path, default=ROOT,
                        help="checkout whose showcase/, wsgi.py and seed_data/ to serve (default: this one)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    app_root = args.app_root.resolve()
    search_count = args.search_queries or SEARCH_QUERIES_PER_SECOND * args.duration
    suggest_count = args.suggest_queries or SUGGEST_QUERIES_PER_SECOND * args.duration

    folder = Path(tempfile.mkdtemp(prefix="showcase-bench-"))
    env = dict(os.environ,
               PYTHONPATH=str(app_root),
               SHOWCASE_DATABASE_URL=f"sqlite:///{folder / 'showcase.db'}",
               SHOWCASE_INDEX_DIR=str(folder / "index"),
               SHOWCASE_INSTANCE_PATH=str(folder / "instance"),
               SHOWCASE_SEED_DIR=str(app_root / "seed_data"),
               SHOWCASE_RATELIMIT_ENABLED="0")
    uncached_env = dict(env, SHOWCASE_READ_CACHE_SIZE="0")
    servers = []
    try:
        flask = str(Path(sys.executable).parent / "flask")
        for command in ("init-db", "seed", "reindex"):
            subprocess.run([flask, "--app", "showcase", command], env=env, cwd=app_root, check=True,
                           stdout=subprocess.DEVNULL)
        editor_key = subprocess.run([flask, "--app", "showcase", "create-key", "--role", "editor", "--name", "bench"],
                                    env=env, cwd=app_root, check=True, capture_output=True,
                                    text=True).stdout.strip().splitlines()[-1]
        (folder / "floor_app.py").write_text(FLOOR_APP)
        search_paths = [f"/api/v1/search?q={urllib.parse.quote(q, safe='')}"
                        for q in build_queries(app_root / "seed_data", search_count, "search")]
        suggest_paths = [f"/api/v1/suggest?q={urllib.parse.quote(q, safe='')}"
                         for q in build_queries(app_root / "seed_data", suggest_count, "suggest")]

        ports = {name: free_port() for name in ("cached", "uncached", "floor")}
        logs = {name: folder / f"{name}.log" for name in ports}
        servers = [gunicorn("wsgi:app", ports["cached"], args.workers, env, app_root, logs["cached"]),
                   gunicorn("wsgi:app", ports["uncached"], args.workers, uncached_env, app_root, logs["uncached"]),
                   gunicorn("floor_app:app", ports["floor"], args.workers, dict(os.environ), folder, logs["floor"])]
        cached, uncached, floor_url = (f"http://127.0.0.1:{ports[name]}" for name in ("cached", "uncached", "floor"))
        wait_for(f"{cached}/health", servers[0], logs["cached"])
        wait_for(f"{uncached}/health", servers[1], logs["uncached"])
        wait_for(f"{floor_url}/floor", servers[2], logs["floor"])
        etag = urllib.request.urlopen(f"{cached}/api/v1/clusters").headers["ETag"]
        for query in KIOSK_QUERIES:  # one request each, as a warm kiosk would have made
            urllib.request.urlopen(f"{cached}/api/v1/suggest?q={urllib.parse.quote(query)}").read()
        for _ in range(2 * args.workers):  # open every uncached worker's database and index with other queries
            for path in ("/api/v1/clusters", "/api/v1/projects", "/api/v1/innovations", "/api/v1/organisations",
                         "/api/v1/search?q=Leichtbau", "/api/v1/suggest?q=Leich"):
                urllib.request.urlopen(f"{uncached}{path}").read()
        project_paths = project_list_paths(uncached)
        walk = folder / "walk.lua"
        walk.write_text(WALK_SCRIPT)

        def walking(name: str, paths: list[str]) -> dict:
            return {"script": walk, "script_args": [write_paths(folder, name, paths), args.threads]}

        scenarios = [
            ("floor: bare Flask JSON", "—", f"{floor_url}/floor", {}),
            ("`GET /api/v1/clusters`", "on", f"{cached}/api/v1/clusters", {}),
            ("`GET /api/v1/clusters` with `If-None-Match` (304)", "on", f"{cached}/api/v1/clusters",
             {"headers": {"If-None-Match": etag}}),
            ("`GET /api/v1/search` (30 kiosk queries in turn)", "on", f"{cached}/",
             {"script": cycle_script(folder, "/api/v1/search")}),
            ("`GET /api/v1/suggest` (30 prefixes in turn)", "on", f"{cached}/",
             {"script": cycle_script(folder, "/api/v1/suggest")}),
            (f"`GET /api/v1/projects?page_size=20` ({len(project_paths)} page/lang/sort variants in turn)", "off",
             f"{uncached}/", walking("projects", project_paths)),
            ("`GET /api/v1/clusters`", "off", f"{uncached}/api/v1/clusters", {}),
            ("`GET /api/v1/innovations?page_size=20`", "off", f"{uncached}/api/v1/innovations?page_size=20", {}),
            ("`GET /api/v1/organisations?page_size=20`", "off", f"{uncached}/api/v1/organisations?page_size=20", {}),
            ("`GET /api/v1/search`, distinct queries", "off", f"{uncached}/", walking("search", search_paths)),
            ("`GET /api/v1/suggest`, distinct queries", "off", f"{uncached}/", walking("suggest", suggest_paths)),
        ]
        if args.only:
            scenarios = scenarios[:1] + [scenario for scenario in scenarios[1:]
                                         if any(text in f"{scenario[0]} cache {scenario[1]}" for text in args.only)]
        results = []
        for name, cache, url, options in scenarios:
            result = run_wrk(url, args.duration, args.connections, args.threads, **options)
            if "sent" in result and name.endswith("distinct queries"):
                name += (f" ({result['sent']:,} sent of {result['paths']:,}; "
                         + ("none repeated)" if not result["repeated"] else f"**{result['repeated']:,} repeated**)"))
            results.append((name, cache, result))
        # Last, because it changes the data version and the search index generation under the others.
        if not args.only or any(text in "PATCH" for text in args.only):
            writes = patch_loop(ports["cached"], editor_key, args.writes)
            results.append((f"`PATCH /api/v1/projects/{writes['slug']}` with `If-Match`, sequential, one client "
                            f"({args.writes} requests; p95 {writes['p95']:.1f} ms)", "on", writes))

        floor = results[0][2]["rps"]
        print(f"wrk {args.duration}s per scenario, {args.connections} connections, {args.threads} threads; "
              f"gunicorn {args.workers} sync workers per server; SQLite; {os.cpu_count()} CPUs; "
              f"code: {code_version(app_root)}\n")
        print("| scenario | cache | req/s | p50 ms | p99 ms | req/s vs floor |")
        print("|---|---|---:|---:|---:|---:|")
        for name, cache, result in results:
            if result["errors"]:
                name += f" (**{result['errors']} errors or non-2xx/3xx**)"
            ratio = "—" if "p95" in result else f"{result['rps'] / floor:.0%}"
            print(f"| {name} | {cache} | {result['rps']:.0f} | {result['p50']:.2f} | {result['p99']:.2f} | {ratio} |")
        print("\nThe floor is a one-route Flask app returning a small JSON object, served the same way; the PATCH "
              "row is one client in a row (no concurrency), so it has no ratio to the floor.")
        print(json.dumps({f"{name} [cache {cache}]": result for name, cache, result in results}), file=sys.stderr)
        if any(result.get("repeated") for name, _, result in results if name.startswith("`GET /api/v1/s")):
            raise SystemExit("some queries were sent twice: raise --search-queries/--suggest-queries")
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)
        for log in sorted(folder.glob("*.log")):  # warnings and tracebacks the servers wrote, if any
            if log.stat().st_size:
                print(f"{log.stem} server log (last 3000 characters):\n{log.read_text()[-3000:]}", file=sys.stderr)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
