"""Strict readers for settings that come from environment variables.

Each helper raises ImproperlyConfigured with a message naming the variable, so a
typo in a deployment stops start-up instead of silently changing behaviour.
"""

import os
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_required(name: str, why: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set: {why}")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use 1/0, true/false, yes/no or on/off.")


def env_int(name: str, default: int, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} must be at least {minimum}.")
    return value


# What django-ratelimit reads: a number of requests per (a number of) seconds, minutes, hours or days.
_RATE = re.compile(r"\d+/\d*[smhd]")


def env_rate(name: str, default: str) -> str:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip()
    if not _RATE.fullmatch(value):
        raise ImproperlyConfigured(f"{name}={raw!r} is not a rate; write requests per period, e.g. 10/h or 120/m.")
    return value


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def sqlite_options() -> dict:
    """SQLite for several gunicorn workers at once: readers never wait for the writer (WAL), a writer takes
    the lock when its transaction begins (IMMEDIATE), so a busy database makes it wait, up to the busy
    timeout, instead of failing at once when a read turns into a write."""
    return {
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_BUSY_TIMEOUT", 10, minimum=1),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }


def parse_database_url(url: str, base_dir: Path) -> dict:
    """Turn `sqlite:///path` or `postgres://user:pass@host:port/name` into a DATABASES entry."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # sqlite:///name.db is relative to the project; sqlite:////abs/name.db is absolute.
        path = unquote(parts.path)
        if path in {"", "/"}:
            raise ImproperlyConfigured(f"DATABASE_URL={url!r} names no SQLite file.")
        file = Path(path[1:]) if path.startswith("//") else base_dir / path[1:]
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(file), "OPTIONS": sqlite_options()}
    if parts.scheme in {"postgres", "postgresql", "pgsql"}:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured(f"DATABASE_URL={url!r} names no PostgreSQL database.")
        options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    raise ImproperlyConfigured(
        f"DATABASE_URL={url!r} has an unknown scheme {parts.scheme!r}; use sqlite:/// or postgres://."
    )


def env_choice(name: str, default: str, choices: set[str]) -> str:
    value = (os.environ.get(name) or default).strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} is not one of {', '.join(sorted(choices))}.")
    return value


def replica_database(url: str, base_dir: Path) -> dict:
    """A DATABASES entry for a read replica: PostgreSQL only, a short connect timeout (a replica that is down
    is skipped, not waited for), and in tests the same database as `default`."""
    database = parse_database_url(url, base_dir)
    if database["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(f"DATABASE_REPLICA_URLS: {url!r} is not a PostgreSQL address.")
    database["OPTIONS"].setdefault("connect_timeout", str(env_int("REPLICA_CONNECT_TIMEOUT", 2, minimum=1)))
    database["TEST"] = {"MIRROR": "default"}
    return database


def s3_storage() -> dict | None:
    """The STORAGES entry for an S3-compatible object store (MinIO, Ceph, Alibaba OSS, Huawei OBS, AWS) when
    S3_BUCKET is set. Files stay private: the portal's own views stream them after their permission checks."""
    bucket = env_str("S3_BUCKET", "").strip()
    if not bucket:
        return None
    options = {
        "bucket_name": bucket,
        "endpoint_url": env_str("S3_ENDPOINT_URL", "").strip() or None,
        "access_key": env_str("S3_ACCESS_KEY", "").strip() or None,
        "secret_key": env_str("S3_SECRET_KEY", "").strip() or None,
        "region_name": env_str("S3_REGION", "").strip() or None,
        "location": env_str("S3_PREFIX", "").strip(),
        "addressing_style": env_choice("S3_ADDRESSING_STYLE", "path", {"path", "virtual"}),
        "signature_version": "s3v4",
        "default_acl": None,
        "file_overwrite": False,
    }
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


def redis_caches(url: str, aliases: tuple[str, ...]) -> dict:
    """CACHES entries on one Redis, Django's own backend, each alias under its own key prefix. A Redis that is
    down must cost a page its cache, not seconds of retries: short timeouts and a single quick retry."""
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    options = {"socket_connect_timeout": 1, "socket_timeout": 2, "retry": Retry(NoBackoff(), 1)}
    backend = "django.core.cache.backends.redis.RedisCache"
    return {alias: {"BACKEND": backend, "LOCATION": url, "KEY_PREFIX": alias, "OPTIONS": options} for alias in aliases}
