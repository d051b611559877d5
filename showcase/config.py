"""Settings from SHOWCASE_* environment variables, with defaults that are safe to run as they are."""

import os
from pathlib import Path

LANGUAGES = ("de", "en")


def _env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(f"SHOWCASE_{name}", default)


def _env_int(name: str, default: int) -> int:
    value = _env(name)
    return default if value in (None, "") else int(value)


def load_config(instance_path: str) -> dict:
    """Build the app's configuration; called once per app, so tests can vary the environment."""
    instance = Path(instance_path)
    database_url = _env("DATABASE_URL") or f"sqlite:///{instance / 'showcase.db'}"
    return {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SHOWCASE_INDEX_DIR": _env("INDEX_DIR") or str(instance / "search-index"),
        # Where the built snapshot is kept, a file per data version shared by the host's workers (default: beside the index).
        "SHOWCASE_SNAPSHOT_DIR": _env("SNAPSHOT_DIR", ""),
        "SHOWCASE_SEED_DIR": _env("SEED_DIR") or str(Path(__file__).resolve().parent.parent / "seed_data"),
        "SHOWCASE_DEFAULT_LANGUAGE": _env("DEFAULT_LANGUAGE", "de"),
        # Seconds a kiosk or embedding site may reuse a read before revalidating with its ETag.
        "SHOWCASE_CACHE_MAX_AGE": _env_int("CACHE_MAX_AGE", 60),
        "SHOWCASE_CACHE_STALE": _env_int("CACHE_STALE", 600),
        # Responses of public reads each worker keeps, keyed by the directory's data version (0: off).
        "SHOWCASE_READ_CACHE_SIZE": _env_int("READ_CACHE_SIZE", 512),
        # How long a worker trusts the data version it read; its own commits refresh it at once.
        "SHOWCASE_READ_CACHE_VERSION_SECONDS": float(_env("READ_CACHE_VERSION_SECONDS", "1")),
        # Background drain of the search outbox; 0 leaves draining to writes and the index-worker command.
        "SHOWCASE_INDEX_DRAIN_SECONDS": _env_int("INDEX_DRAIN_SECONDS", 5),
        # How long a write waits for the index lock to make itself searchable before it answers;
        # past that the write still succeeds and the next drain indexes it.
        "SHOWCASE_INDEX_WAIT_SECONDS": float(_env("INDEX_WAIT_SECONDS", "2")),
        "SHOWCASE_OUTBOX_KEEP_DAYS": _env_int("OUTBOX_KEEP_DAYS", 7),
        "SHOWCASE_OUTBOX_GAP_SECONDS": _env_int("OUTBOX_GAP_SECONDS", 300),
        "SHOWCASE_CORS_ORIGINS": _env("CORS_ORIGINS", "*"),
        # What visitors search for, counted per day, language and query (0: off); days the counts are kept;
        # how often each worker writes its counts (seconds, 0: only when a figure is asked or many were made).
        "SHOWCASE_SEARCH_ANALYTICS": _env("SEARCH_ANALYTICS", "1") not in ("0", "false", "no"),
        "SHOWCASE_SEARCH_ANALYTICS_DAYS": _env_int("SEARCH_ANALYTICS_DAYS", 90),
        "SHOWCASE_SEARCH_ANALYTICS_FLUSH_SECONDS": float(_env("SEARCH_ANALYTICS_FLUSH_SECONDS", "10")),
        # Reverse proxies in front of gunicorn whose X-Forwarded-For/-Proto/-Host are trusted (0: none).
        "SHOWCASE_TRUSTED_PROXIES": _env_int("TRUSTED_PROXIES", 0),
        # Kiosk: seconds without a touch before it returns to the attract screen; how often it refreshes its snapshot.
        "SHOWCASE_KIOSK_IDLE_SECONDS": _env_int("KIOSK_IDLE_SECONDS", 90),
        "SHOWCASE_KIOSK_REFRESH_SECONDS": _env_int("KIOSK_REFRESH_SECONDS", 300),
        "SHOWCASE_RATELIMIT_STORAGE_URL": _env("RATELIMIT_STORAGE_URL", "memory://"),
        "SHOWCASE_RATELIMIT_READ": _env("RATELIMIT_READ", "600 per minute"),
        "SHOWCASE_RATELIMIT_SEARCH": _env("RATELIMIT_SEARCH", "300 per minute"),
        "SHOWCASE_RATELIMIT_WRITE": _env("RATELIMIT_WRITE", "120 per minute"),
        "SHOWCASE_RATELIMIT_OPENED": _env("RATELIMIT_OPENED", "120 per minute"),
        # Each kiosk's own budgets, for requests with its X-Kiosk-Token: a search and a suggestion a keystroke.
        "SHOWCASE_RATELIMIT_KIOSK_SEARCH": _env("RATELIMIT_KIOSK_SEARCH", "1200 per minute"),
        "SHOWCASE_RATELIMIT_KIOSK_READ": _env("RATELIMIT_KIOSK_READ", "1200 per minute"),
        "SHOWCASE_RATELIMIT_ENABLED": _env("RATELIMIT_ENABLED", "1") not in ("0", "false", "no"),
        # Matchmaking: tables per slot, minutes a slot lasts within a matchmaking session, requests a
        # participant may have open, days after the conference until registrations are purged.
        # The address phones reach this server at, for QR codes and management links (default: the request's host).
        "SHOWCASE_PUBLIC_URL": _env("PUBLIC_URL", ""),
        "SHOWCASE_MATCHMAKING_TABLES": _env_int("MATCHMAKING_TABLES", 20),
        "SHOWCASE_MATCHMAKING_SLOT_MINUTES": _env_int("MATCHMAKING_SLOT_MINUTES", 15),
        "SHOWCASE_MATCHMAKING_MAX_REQUESTS": _env_int("MATCHMAKING_MAX_REQUESTS", 5),
        "SHOWCASE_MATCHMAKING_RETENTION_DAYS": _env_int("MATCHMAKING_RETENTION_DAYS", 30),
        # Registrations per client address (a venue's Wi-Fi shares one) and per email address.
        "SHOWCASE_MATCHMAKING_RATELIMIT_ADDRESS": _env("MATCHMAKING_RATELIMIT_ADDRESS", "30 per hour"),
        "SHOWCASE_MATCHMAKING_RATELIMIT_EMAIL": _env("MATCHMAKING_RATELIMIT_EMAIL", "5 per day"),
        # Webhooks: http:// and private addresses allowed (tests, local development only); the delays of the
        # retries of a failed delivery (seconds, about 24 h in all), after which the subscription pauses;
        # the timeout of one attempt; how often the serving app's delivery thread looks for work (0: off,
        # leaving it to `flask webhook-worker`; it runs only where the index drain timer runs).
        "SHOWCASE_WEBHOOK_ALLOW_INSECURE": _env("WEBHOOK_ALLOW_INSECURE", "0") in ("1", "true", "yes"),
        "SHOWCASE_WEBHOOK_RETRY_SECONDS": _env("WEBHOOK_RETRY_SECONDS", "5,30,120,600,1800,3600,7200,14400,28800,28800"),
        "SHOWCASE_WEBHOOK_TIMEOUT_SECONDS": float(_env("WEBHOOK_TIMEOUT_SECONDS", "5")),
        "SHOWCASE_WEBHOOK_DELIVER_SECONDS": float(_env("WEBHOOK_DELIVER_SECONDS", "1")),
        "MAX_CONTENT_LENGTH": _env_int("MAX_CONTENT_LENGTH", 5 * 1024 * 1024),
        "API_TITLE": "showcase",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.1.0",
        "OPENAPI_URL_PREFIX": "/api/v1",
        "OPENAPI_JSON_PATH": "openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": "docs",
        "OPENAPI_SWAGGER_UI_URL": "/api/v1/docs/assets/",
        "API_SPEC_OPTIONS": {
            "info": {
                "description": (
                    "The exhibition directory of the 3rd International Cluster Conference "
                    "(Berlin, WECC, 30 June and 1 July 2015): the 15 Spitzencluster of the BMBF's "
                    "Spitzencluster-Wettbewerb, their projects, innovations, partners, stands and "
                    "the conference programme, in German and English."
                ),
            },
        },
    }
