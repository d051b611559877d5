"""How the directory grows from the seed to thousands of records: one table, each figure beside the seed's.

    python bench/scale_bench.py [--sizes 3500,20000] [--database sqlite|postgresql|both]

For the seed and each size (synthetic bundles from bench/scale_data.py, on top of the seed) on a fresh
instance: the import (time, records/s, the child's peak RSS; an import of more than 1,000 records ends
with an index rebuild, so the rate without it is the one `flask import` measures itself and prints: reading
the files, validation, writes and commit, neither the process's start nor the index's work after the commit), `flask
reindex` (time, peak RSS), then a real gunicorn (one sync worker, SHOWCASE_READ_CACHE_SIZE=0, so every
request reaches the database or the index) for the snapshot (size plain and gzipped, first and second request), list pages at the start and
deep in the list, search and suggest over distinct queries built from the generated vocabulary (median,
p95), the first suggest after the start and after a commit, and the worker's RSS after all of that.
The seed row is `flask import seed_data/*.json` into an empty database; a size row is `flask seed`, then
`flask import` of the bundle. PostgreSQL needs SHOWCASE_TEST_DATABASE_URL (each run in a schema of its own).
Every request goes to 127.0.0.1. Figures on a busy machine are noisy: read the ratios.
"""

import argparse
import gzip
import http.client
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent))

from http_bench import code_version, free_port, wait_for  # noqa: E402
from scale_data import generate, vocabulary, write_bundle  # noqa: E402


ROOT = Path(__file__).resolve().parent.parent
SEED_RECORDS = 211  # organisations, projects and innovations of the seed; the seed row imports all of seed_data
QUERIES = 60


def run_measured(command: list[str], env: dict, log: Path) -> tuple[float, float, str]:
    """Seconds and peak RSS (MB) of one child process, from its own rusage; fails loudly."""
    started = time.perf_counter()
    with log.open("a") as output:
        child = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=output, text=True)
        stdout = child.stdout.read()
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed; see {log}")
    return elapsed, usage.ru_maxrss / 1024, stdout


def flask(*args: str) -> list[str]:
    return [sys.executable, "-m", "flask", "--app", "showcase", *args]


def get(port: int, path: str, headers: dict | None = None) -> tuple[int, dict, bytes, float]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        started = time.perf_counter()
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        return response.status, dict(response.headers), body, (time.perf_counter() - started) * 1000
    finally:
        connection.close()


def send(port: int, method: str, path: str, body: bytes, headers: dict) -> tuple[int, dict]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, dict(response.headers)
    finally:
        connection.close()


def timed_ok(port: int, path: str) -> tuple[float, dict, bytes]:
    status, headers, body, millis = get(port, path)
    if status != 200:
        raise SystemExit(f"GET {path} answered {status}: {body[:300]!r}")
    return millis, headers, body


def queries(seed: int) -> tuple[list[str], list[str]]:
    """Distinct search queries (whole topics and single words) and suggest prefixes, in both languages."""
    rng = random.Random(f"scale-bench-{seed}")
    labels = sorted({label for pair in vocabulary() for label in pair})
    words = sorted({word.strip("(),.").lower() for label in labels for word in label.split() if len(word) >= 4})
    search = rng.sample(labels, QUERIES // 2) + rng.sample(words, QUERIES - QUERIES // 2)
    prefixes = sorted({word[:length] for word in words for length in (3, 4, 5) if len(word) > length})
    return search, rng.sample(prefixes, QUERIES)


def median_p95(times: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return statistics.median(times), cuts[94]


def worker_rss_mb(master: int) -> float:
    """The largest RSS among the gunicorn master's workers (one here)."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return max(sizes)


def serve_and_measure(env: dict, folder: Path, editor_key: str) -> dict:
    port = free_port()
    log = folder / "gunicorn.log"
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "--workers", "1", "--timeout", "600",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "wsgi:app"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log.open("w"))
    figures: dict = {}
    try:
        wait_for(f"http://127.0.0.1:{port}/health", server, log, seconds=300)
        figures["suggest_first_start"] = timed_ok(port, "/api/v1/suggest?q=Leichtb")[0]
        first, _, body = timed_ok(port, "/api/v1/snapshot")
        figures["snapshot_first"] = first
        figures["snapshot_second"] = timed_ok(port, "/api/v1/snapshot")[0]
        figures["snapshot_bytes"] = len(body)
        figures["snapshot_gzip_bytes"] = len(gzip.compress(body, 6))
        for name, path in (("projects", "/api/v1/projects?page_size=20"),
                           ("organisations", "/api/v1/organisations?page_size=100")):
            figures[f"{name}_first_page"], headers, _ = timed_ok(port, path)
            last = json.loads(headers["X-Pagination"])["last_page"]
            figures[f"{name}_last_page"] = timed_ok(port, f"{path}&page={last}")[0]
            figures[f"{name}_pages"] = last
        search_queries, suggest_queries = queries(14)
        for name, endpoint, items in (("search", "search", search_queries), ("suggest", "suggest", suggest_queries)):
            times = [timed_ok(port, f"/api/v1/{endpoint}?q={urllib.parse.quote(q)}")[0] for q in items]
            figures[f"{name}_median"], figures[f"{name}_p95"] = median_p95(times)
        figures["worker_rss"] = worker_rss_mb(server.pid)
        _, headers, body = timed_ok(port, "/api/v1/projects?page_size=1&sort=slug&lang=all")
        slug = json.loads(body)[0]["slug"]
        _, headers, body = timed_ok(port, f"/api/v1/projects/{slug}?lang=all")
        patch = json.dumps({"summary": {"en": json.loads(body)["summary"]["en"] + " (scale bench)"}}).encode()
        status, _ = send(port, "PATCH", f"/api/v1/projects/{slug}", patch, {
            "Authorization": f"Bearer {editor_key}", "If-Match": headers["ETag"],
            "Content-Type": "application/merge-patch+json"})
        if status != 200:
            raise SystemExit(f"PATCH /api/v1/projects/{slug} answered {status}")
        figures["suggest_first_commit"] = timed_ok(port, "/api/v1/suggest?q=Leichtba")[0]
    finally:
        server.terminate()
        server.wait(30)
    return figures


def database_seconds(printed: str) -> float:
    """Reading, validation, writes and commit of an import, as `flask import` prints them (its index work apart)."""
    found = re.search(r"Read ([0-9.]+) s, database ([0-9.]+) s", printed)
    if found is None:
        raise SystemExit(f"flask import printed no timings: {printed!r}")
    return float(found[1]) + float(found[2])


def postgres_schema() -> tuple[str, callable]:
    """A fresh schema on SHOWCASE_TEST_DATABASE_URL: its URL, and how to drop it."""
    base = os.environ["SHOWCASE_TEST_DATABASE_URL"]
    schema = f"scale_bench_{uuid.uuid4().hex[:10]}"
    engine = create_engine(base)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"

    def drop() -> None:
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()

    return f"{base}{separator}options={urllib.parse.quote(f'-csearch_path={schema}')}", drop


def measure(size: int | None, database: str, work: Path) -> dict:
    """Every figure for one instance: the seed alone (size None) or the seed and a bundle of `size`."""
    folder = work / f"{database}-{size or 'seed'}"
    folder.mkdir()
    drop = None
    if database == "postgresql":
        url, drop = postgres_schema()
    else:
        url = f"sqlite:///{folder / 'showcase.db'}"
    env = {key: value for key, value in os.environ.items() if not key.startswith("SHOWCASE_")}
    env.update(SHOWCASE_DATABASE_URL=url, SHOWCASE_INDEX_DIR=str(folder / "search-index"),
               SHOWCASE_INSTANCE_PATH=str(folder / "instance"), SHOWCASE_RATELIMIT_ENABLED="0",
               SHOWCASE_READ_CACHE_SIZE="0", SHOWCASE_SEARCH_ANALYTICS="0")
    log = folder / "commands.log"
    try:
        run_measured(flask("init-db"), env, log)
        if size is None:
            records = SEED_RECORDS
            files = [str(path) for path in sorted((ROOT / "seed_data").glob("*.json"))]
        else:
            records = size
            run_measured(flask("seed"), env, log)
            bundle = folder / f"bundle-{size}.json"
            write_bundle(generate(size), bundle)
            files = [str(bundle)]
        figures = {"records": records}
        figures["import_seconds"], figures["import_rss"], printed = run_measured(flask("import", *files), env, log)
        figures["import_rate"] = records / figures["import_seconds"]
        figures["import_database_rate"] = records / max(database_seconds(printed), 0.001)
        figures["reindex_seconds"], figures["reindex_rss"], _ = run_measured(flask("reindex"), env, log)
        _, _, printed = run_measured(flask("create-key", "--role", "editor", "--name", "scale-bench"), env, log)
        figures.update(serve_and_measure(env, folder, printed.strip().splitlines()[-1]))
        return figures
    finally:
        if drop:
            drop()


ROWS = (
    ("import (s)", "import_seconds", "{:.1f}"),
    ("import (records/s)", "import_rate", "{:.0f}"),
    ("import without its index rebuild (records/s)", "import_database_rate", "{:.0f}"),
    ("import peak RSS (MB)", "import_rss", "{:.0f}"),
    ("reindex (s)", "reindex_seconds", "{:.1f}"),
    ("reindex peak RSS (MB)", "reindex_rss", "{:.0f}"),
    ("snapshot size (KB)", "snapshot_bytes", "{:.0f}", 1 / 1024),
    ("snapshot gzip -6 (KB)", "snapshot_gzip_bytes", "{:.0f}", 1 / 1024),
    ("snapshot first request (ms)", "snapshot_first", "{:.0f}"),
    ("snapshot second request (ms)", "snapshot_second", "{:.0f}"),
    ("/projects?page_size=20 page 1 (ms)", "projects_first_page", "{:.1f}"),
    ("/projects?page_size=20 last page (ms)", "projects_last_page", "{:.1f}"),
    ("/organisations?page_size=100 page 1 (ms)", "organisations_first_page", "{:.1f}"),
    ("/organisations?page_size=100 last page (ms)", "organisations_last_page", "{:.1f}"),
    (f"search median, {QUERIES} distinct (ms)", "search_median", "{:.1f}"),
    ("search p95 (ms)", "search_p95", "{:.1f}"),
    (f"suggest median, {QUERIES} distinct (ms)", "suggest_median", "{:.1f}"),
    ("suggest p95 (ms)", "suggest_p95", "{:.1f}"),
    ("first suggest after start (ms)", "suggest_first_start", "{:.0f}"),
    ("first suggest after a commit (ms)", "suggest_first_commit", "{:.0f}"),
    ("worker RSS after snapshot, search, lists (MB)", "worker_rss", "{:.0f}"),
)


def table(database: str, results: dict) -> str:
    columns = list(results)
    seed = results["seed"]
    header = f"| {database} | " + " | ".join(f"{name} ({results[name]['records']} records)" for name in columns) + " |"
    lines = [header, "|---" * (len(columns) + 1) + "|"]
    for label, key, shape, *scale in ROWS:
        factor = scale[0] if scale else 1
        cells = []
        for name in columns:
            value = results[name][key] * factor
            cell = shape.format(value)
            if name != "seed" and seed[key]:
                cell += f" (×{results[name][key] / seed[key]:.1f})"
            cells.append(cell)
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="3500,20000", help="comma-separated record counts besides the seed")
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="sqlite")
    parser.add_argument("--keep", action="store_true", help="keep the instances' folders (logs, databases)")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    databases = ["sqlite", "postgresql"] if args.database == "both" else [args.database]
    if "postgresql" in databases and not os.environ.get("SHOWCASE_TEST_DATABASE_URL"):
        raise SystemExit("--database postgresql needs SHOWCASE_TEST_DATABASE_URL")
    work = Path(tempfile.mkdtemp(prefix="scale-bench-"))
    started = time.perf_counter()
    try:
        for database in databases:
            results = {"seed": measure(None, database, work)}
            for size in sizes:
                results[str(size)] = measure(size, database, work)
            print(table(database, results))
            print()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    load = os.getloadavg()
    print(f"{code_version(ROOT)}; {os.cpu_count()} CPUs, load average {load[0]:.1f} at the end; "
          f"gunicorn 1 sync worker, SHOWCASE_READ_CACHE_SIZE=0; ratios (×) against the seed of the same run; "
          f"{time.perf_counter() - started:.0f} s in all" + (f"; instances kept in {work}" if args.keep else ""))


if __name__ == "__main__":
    main()
