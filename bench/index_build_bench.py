"""Benchmark the full index build and the first suggestion after a commit, on copies of given databases.

    python bench/index_build_bench.py [/work/scale/3500.sqlite /work/scale/20000.sqlite ...]

The seed directory (``init-db`` + ``seed`` into a fresh SQLite file) is always measured first, in the
same run, as the baseline; every figure is also given as a ratio to it. Each database is copied into a
temporary directory first (the originals are never written) and measured in a process of its own, so
its peak memory (``ru_maxrss``) is its own: the app's rebuild (wall and CPU time: on a busy machine
the CPU time is the steadier figure) (``SearchService.rebuild``, what
``flask reindex`` runs), then per commit (an organisation's city set to a clearly synthetic value
through the records service) the first ``GET /api/v1/suggest`` and the first typo ``GET /api/v1/search``
through the test client, each the first request of its kind on the new index generation; "open ms" is
the first search after the rebuild, which opens the new generation.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from showcase import create_app  # noqa: E402
from showcase.extensions import db  # noqa: E402
from showcase.models import Organisation  # noqa: E402
from showcase.services.records import RECORD_KINDS, patched_data, update_record  # noqa: E402

#: Commits measured per database; the median is reported.
COMMITS = 7
#: Prefixes typed after each commit (one per commit), and misspelt words searched.
PREFIXES = ("ene", "bat", "sen", "mob", "dig", "med", "was", "lei", "sol", "net")
TYPOS = ("enrgie", "baterie", "sensr", "mobilitat", "digitl", "medizn", "wassr", "leichbau", "solr", "netzwrk")


def bench_environment(directory: Path, database: Path) -> dict[str, str]:
    """The app's settings for a measurement: this database, an index beside it, no timers, no limits."""
    return {
        **os.environ,
        "SHOWCASE_DATABASE_URL": f"sqlite:///{database}",
        "SHOWCASE_INDEX_DIR": str(directory / "search-index"),
        "SHOWCASE_INDEX_DRAIN_SECONDS": "0",
        "SHOWCASE_RATELIMIT_ENABLED": "0",
        "SHOWCASE_SEARCH_ANALYTICS": "0",
    }


def milliseconds(action) -> float:
    """Wall time of one call, in milliseconds."""
    return timed(action)[0]


def timed(action) -> tuple[float, float]:
    """Wall and CPU time of one call, in milliseconds (CPU time is steadier on a busy machine)."""
    start, cpu = time.perf_counter(), time.process_time()
    action()
    return (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000


def measure(database: Path) -> dict:
    """Build, then commit and ask: runs in the child process, the app's settings in its environment."""
    app = create_app()
    with app.app_context():
        service = app.extensions["showcase_search"]
        start, cpu = time.perf_counter(), time.process_time()
        documents = service.rebuild()
        build_seconds, build_cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        client = app.test_client()
        opening_ms = milliseconds(lambda: client.get("/api/v1/search?q=warm"))
        client.get("/api/v1/suggest?q=wa")
        kind = RECORD_KINDS["organisations"]
        organisations = db.session.scalars(select(Organisation).order_by(Organisation.id).limit(COMMITS)).all()
        suggest_ms, suggest_cpu_ms, typo_ms, warm_ms = [], [], [], []
        for number, organisation in enumerate(organisations):
            changes = {"city": f"Synthetic bench city {number}"}
            update_record(kind, organisation, patched_data(kind, organisation, changes), "index-build-bench")
            prefix, typo = PREFIXES[number % len(PREFIXES)], TYPOS[number % len(TYPOS)]
            wall, cpu = timed(lambda: client.get(f"/api/v1/suggest?q={prefix}"))
            suggest_ms.append(wall)
            suggest_cpu_ms.append(cpu)
            typo_ms.append(milliseconds(lambda: client.get(f"/api/v1/search?q={typo}")))
            warm_ms.append(milliseconds(lambda: client.get(f"/api/v1/suggest?q={prefix[:2]}")))
    return {
        "documents": documents,
        "build_seconds": build_seconds,
        "build_cpu_seconds": build_cpu_seconds,
        "peak_mb": peak_mb,
        "first_search_after_rebuild_ms": opening_ms,
        "first_suggest_ms": statistics.median(suggest_ms),
        "first_suggest_cpu_ms": statistics.median(suggest_cpu_ms),
        "first_typo_search_ms": statistics.median(typo_ms),
        "second_suggest_ms": statistics.median(warm_ms),
    }


def run_child(name: str, source: Path | None, workdir: Path) -> dict:
    """Copy (or seed) a database into its own directory and measure it in a fresh process."""
    directory = workdir / name
    directory.mkdir()
    database = directory / "showcase.sqlite"
    environment = bench_environment(directory, database)
    if source is None:
        for command in ("init-db", "seed"):
            subprocess.run([sys.executable, "-m", "flask", "--app", "showcase", command], env=environment,
                           check=True, capture_output=True, cwd=ROOT)
    else:
        shutil.copyfile(source, database)
    output = subprocess.run([sys.executable, __file__, "--measure", str(database)], env=environment,
                            check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(output.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("databases", nargs="*", type=Path, help="SQLite files to copy and measure")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, default=None, help="where copies go (default: a temp dir)")
    arguments = parser.parse_args()
    if arguments.measure:
        print(json.dumps(measure(arguments.measure)))
        return
    workdir = Path(tempfile.mkdtemp(prefix="index-build-bench-", dir=arguments.workdir))
    try:
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
        results = [("seed", run_child("seed", None, workdir))]
        for source in arguments.databases:
            results.append((source.name, run_child(source.stem, source, workdir)))
        baseline = results[0][1]
        print(f"{'database':<16}{'docs':>7}{'build s':>9}{'x seed':>8}{'cpu s':>8}{'peak MB':>9}"
              f"{'suggest ms':>12}{'cpu ms':>8}{'x seed':>8}{'typo ms':>9}{'2nd sugg ms':>13}{'open ms':>9}")
        for name, result in results:
            print(f"{name:<16}{result['documents']:>7}{result['build_seconds']:>9.1f}"
                  f"{result['build_seconds'] / baseline['build_seconds']:>8.1f}"
                  f"{result['build_cpu_seconds']:>8.1f}{result['peak_mb']:>9.0f}"
                  f"{result['first_suggest_ms']:>12.1f}{result['first_suggest_cpu_ms']:>8.1f}"
                  f"{result['first_suggest_ms'] / baseline['first_suggest_ms']:>8.1f}"
                  f"{result['first_typo_search_ms']:>9.1f}{result['second_suggest_ms']:>13.1f}"
                  f"{result['first_search_after_rebuild_ms']:>9.0f}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
