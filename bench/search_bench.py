"""Benchmark search_index (Whoosh) against SQLite FTS5 on seeded synthetic bilingual corpora.

    python bench/search_bench.py [--sizes 10000 100000] [--queries 200]

Both engines index the same documents in the same run and answer the same queries; the table
shows build time, index size, median and p95 latency per query type and the Whoosh/FTS5 ratio.
Whoosh is measured through ``SearchIndex.search`` (the real API path: query building, fuzzy
expansion, facets, total, stable ranking, snippets) with the result cache off and every query
distinct. FTS5 runs the closest equivalent: ``MATCH`` ranked by weighted ``bm25`` with a
``snippet``, plus a second query for the total count (no facets), prefix queries on a prefix index, and typos through a
trigram table over the FTS5 vocabulary (FTS5 has no fuzzy matching; this is what a user of it
would build, like the ``spellfix1`` extension).
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import BenchQuery, make_corpus, make_queries, percentile  # noqa: E402

from search_index import SearchIndex  # noqa: E402
from search_index.analysis import damerau_distance  # noqa: E402

QUERY_KINDS = ("term", "term-typing", "two-terms", "phrase", "prefix", "typo", "suggest")
FTS_COLUMNS = ("names", "title_de", "title_en", "keywords", "body_de", "body_en")
FTS_WEIGHTS = "10.0, 6.0, 6.0, 4.0, 1.0, 1.0"
FTS_SEARCH = (
    "SELECT rowid, snippet(docs, 4, '<mark>', '</mark>', '…', 24) "
    f"FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, {FTS_WEIGHTS}) LIMIT 20"
)
FTS_COUNT = "SELECT count(*) FROM docs WHERE docs MATCH ?"


def directory_size(path: Path) -> int:
    """Bytes used by the files under a directory."""
    return sum(entry.stat().st_size for entry in path.rglob("*") if entry.is_file())


class Fts5Baseline:
    """The SQLite FTS5 setup a developer would pick instead of Whoosh."""

    def __init__(self, path: Path):
        self.path = path
        self.connection = sqlite3.connect(path)

    def build(self, documents) -> None:
        """Index the documents, a prefix index, and a trigram table over the vocabulary."""
        db = self.connection
        db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5("
            + ", ".join(FTS_COLUMNS)
            + ", tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4 5')"
        )
        db.executemany(
            "INSERT INTO docs(rowid, names, title_de, title_en, keywords, body_de, body_en) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    number,
                    " ".join(doc.names),
                    doc.titles["de"],
                    doc.titles["en"],
                    " ".join(doc.keywords["de"] + doc.keywords["en"]),
                    doc.texts["de"],
                    doc.texts["en"],
                )
                for number, doc in enumerate(documents)
            ),
        )
        db.execute("INSERT INTO docs(docs) VALUES ('optimize')")
        db.execute("CREATE VIRTUAL TABLE vocabulary USING fts5vocab(docs, 'row')")
        db.execute("CREATE TABLE terms(term TEXT PRIMARY KEY, documents INTEGER) WITHOUT ROWID")
        db.execute("INSERT INTO terms SELECT term, doc FROM vocabulary")
        db.execute("CREATE VIRTUAL TABLE trigrams USING fts5(term, tokenize = 'trigram')")
        db.execute("INSERT INTO trigrams(term) SELECT term FROM terms")
        db.commit()

    def search(self, query: BenchQuery) -> int:
        """Run one query; return the number of matches."""
        match = query.fts
        if query.kind == "typo":
            match = self._fuzzy_match(query.words[0])
            if match is None:
                return 0
        self.connection.execute(FTS_SEARCH, (match,)).fetchall()
        return self.connection.execute(FTS_COUNT, (match,)).fetchone()[0]

    def _fuzzy_match(self, word: str) -> str | None:
        """Find vocabulary words near a misspelling via trigrams, then OR them (spellfix-style)."""
        grams = {word[i : i + 3] for i in range(len(word) - 2)}
        if not grams:
            return None
        rows = self.connection.execute(
            "SELECT term FROM trigrams WHERE trigrams MATCH ? ORDER BY rank LIMIT 50",
            (" OR ".join(f'"{gram}"' for gram in grams),),
        ).fetchall()
        limit = 2 if len(word) >= 8 else 1
        near = [term for (term,) in rows if damerau_distance(word, term, limit) <= limit]
        if not near:
            return None
        return " OR ".join(f'"{term}"' for term in near[:6])

    def suggest(self, prefix: str) -> list[str]:
        """Complete a prefix from the vocabulary, most frequent first."""
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        rows = self.connection.execute(
            "SELECT term FROM terms WHERE term >= ? AND term < ? ORDER BY documents DESC LIMIT 8",
            (prefix, upper),
        ).fetchall()
        return [term for (term,) in rows]

    def close(self) -> None:
        """Close the database."""
        self.connection.close()


def timed(function, *args) -> tuple[float, float, object]:
    """Run a call; return its wall time and this process's CPU time in milliseconds, and its result.

    CPU time is reported beside wall time because the benchmark machine is shared: other
    processes stretch wall times (both engines alike) but not the CPU time a query needs.
    """
    started, started_cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return (time.perf_counter() - started) * 1000.0, (time.process_time() - started_cpu) * 1000.0, result


def run_size(size: int, per_kind: int, workdir: Path) -> dict:
    """Build both indexes for one corpus size and time every query type on both."""
    print(f"\n== {size:,} documents ==", flush=True)
    started = time.perf_counter()
    documents, german, english = make_corpus(size)
    queries = make_queries(documents, german, english, per_kind)
    print(f"corpus generated in {time.perf_counter() - started:.1f} s", flush=True)

    whoosh_path = workdir / f"whoosh-{size}"
    shutil.rmtree(whoosh_path, ignore_errors=True)
    index = SearchIndex(whoosh_path, cache_size=0)
    gc.collect()
    whoosh_build, _, _ = timed(index.rebuild, documents, {"bench": size})
    whoosh_size = directory_size(whoosh_path)
    print(f"whoosh: built in {whoosh_build / 1000:.1f} s, {whoosh_size / 1e6:.1f} MB", flush=True)

    fts_path = workdir / f"fts5-{size}.sqlite"
    fts_path.unlink(missing_ok=True)
    baseline = Fts5Baseline(fts_path)
    fts_build, _, _ = timed(baseline.build, documents)
    fts_size = fts_path.stat().st_size
    print(f"fts5:   built in {fts_build / 1000:.1f} s, {fts_size / 1e6:.1f} MB", flush=True)
    del documents
    gc.collect()

    # Warm up both (open files, first searcher, facet sets) with queries that are not measured.
    for warmup in ("warmup", "aufwärmen", "carbon", "ver"):
        index.search(warmup)
        index.suggest(warmup)
        baseline.search(BenchQuery("term", warmup, f'"{warmup}"', (warmup,)))

    engines = ("whoosh", "fts5", "whoosh-cpu", "fts5-cpu")
    latencies: dict[str, dict[str, list[float]]] = {kind: {engine: [] for engine in engines} for kind in QUERY_KINDS}
    totals: dict[str, dict[str, list[int]]] = {kind: {"whoosh": [], "fts5": []} for kind in QUERY_KINDS}

    def record(kind: str, engine: str, wall: float, cpu: float) -> None:
        latencies[kind][engine].append(wall)
        latencies[kind][engine + "-cpu"].append(cpu)

    for query in queries:  # the two engines answer each query back to back, under the same load
        wall, cpu, results = timed(lambda q=query.typed: index.search(q))
        record(query.kind, "whoosh", wall, cpu)
        totals[query.kind]["whoosh"].append(results.total)
        wall, cpu, total = timed(baseline.search, query)
        record(query.kind, "fts5", wall, cpu)
        totals[query.kind]["fts5"].append(total)
    for query in queries:
        if query.kind != "prefix":
            continue
        for length in (2, 3, len(query.typed)):
            prefix = query.typed[:length]
            record("suggest", "whoosh", *timed(index.suggest, prefix)[:2])
            record("suggest", "fts5", *timed(baseline.suggest, prefix)[:2])
    index.close()
    baseline.close()
    return {
        "size": size,
        "build": {"whoosh": whoosh_build / 1000, "fts5": fts_build / 1000},
        "bytes": {"whoosh": whoosh_size, "fts5": fts_size},
        "latencies": latencies,
        "totals": totals,
    }


def print_table(runs: list[dict]) -> None:
    """Print one Markdown table per corpus size."""
    for run in runs:
        size = run["size"]
        print(f"\n### {size:,} documents\n")
        print(
            f"Build: Whoosh {run['build']['whoosh']:.1f} s, FTS5 {run['build']['fts5']:.1f} s "
            f"(ratio {run['build']['whoosh'] / run['build']['fts5']:.1f}x). "
            f"Size: Whoosh {run['bytes']['whoosh'] / 1e6:.1f} MB, FTS5 {run['bytes']['fts5'] / 1e6:.1f} MB "
            f"(ratio {run['bytes']['whoosh'] / run['bytes']['fts5']:.1f}x).\n"
        )
        print(
            "| query type | n | Whoosh median ms | Whoosh p95 ms | FTS5 median ms | FTS5 p95 ms "
            "| p95 ratio W/F | CPU p95 ms W / F | CPU p95 ratio | mean matches W / F |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for kind in QUERY_KINDS:
            whoosh = run["latencies"][kind]["whoosh"]
            fts = run["latencies"][kind]["fts5"]
            if not whoosh:
                continue
            w95, f95 = percentile(whoosh, 0.95), percentile(fts, 0.95)
            matches = run["totals"][kind]
            shown = "–" if not matches["whoosh"] else f"{statistics.mean(matches['whoosh']):.0f} / {statistics.mean(matches['fts5']):.0f}"
            w95_cpu = percentile(run["latencies"][kind]["whoosh-cpu"], 0.95)
            f95_cpu = percentile(run["latencies"][kind]["fts5-cpu"], 0.95)
            print(
                f"| {kind} | {len(whoosh)} | {statistics.median(whoosh):.2f} | {w95:.2f} | "
                f"{statistics.median(fts):.2f} | {f95:.2f} | {w95 / f95:.1f}x | "
                f"{w95_cpu:.2f} / {f95_cpu:.2f} | {w95_cpu / max(f95_cpu, 0.001):.1f}x | {shown} |"
            )


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run every size, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--queries", type=int, default=200, help="distinct queries per query type")
    parser.add_argument("--workdir", type=Path, default=None, help="where indexes are built (default: a temp dir)")
    arguments = parser.parse_args(argv)
    workdir = arguments.workdir or Path(tempfile.mkdtemp(prefix="search-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"python {sys.version.split()[0]}, sqlite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs, workdir {workdir}")
    print("load average before: %.2f %.2f %.2f" % os.getloadavg())
    started = time.perf_counter()
    runs = [run_size(size, arguments.queries, workdir) for size in arguments.sizes]
    print_table(runs)
    print("\nload average after: %.2f %.2f %.2f; total run %.0f s" % (*os.getloadavg(), time.perf_counter() - started))
    if arguments.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
