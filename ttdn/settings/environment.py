"""Strict parsers for the settings that come from the environment.

Settings are read once, at import, and a value that cannot be used stops the process with an
``ImproperlyConfigured`` that names the variable and shows a valid example.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

DATABASE_URL_EXAMPLES = "postgres://user:password@127.0.0.1:5432/ttdn or sqlite:///var/ttdn.sqlite3"
EMAIL_URL_EXAMPLES = "smtp://user:password@mail.example.vn:587, smtps://..., consolemail://"

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}

_DATABASE_ENGINES = {
    "postgres": "django.db.backends.postgresql",
    "postgresql": "django.db.backends.postgresql",
    "sqlite": "django.db.backends.sqlite3",
}

_EMAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
    "consolemail": "django.core.mail.backends.console.EmailBackend",
    "filemail": "django.core.mail.backends.filebased.EmailBackend",
    "memorymail": "django.core.mail.backends.locmem.EmailBackend",
    "dummymail": "django.core.mail.backends.dummy.EmailBackend",
}


def parse_bool(name: str, value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean; use true or false.")


def parse_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def parse_database_url(url: str, *, base_dir: str) -> dict[str, Any]:
    """Turn ``DATABASE_URL`` into a ``DATABASES['default']`` entry.

    Only PostgreSQL (production) and SQLite (the embedded default) are supported. A relative
    SQLite path is taken from the project folder, so the commands work from anywhere.
    """
    parts = urlsplit(url.strip())
    engine = _DATABASE_ENGINES.get(parts.scheme)
    if engine is None:
        shown = parts.scheme or url
        raise ImproperlyConfigured(
            f"DATABASE_URL has an unsupported scheme {shown!r}; expected {DATABASE_URL_EXAMPLES}."
        )
    if engine.endswith("sqlite3"):
        return _sqlite_config(parts.path, base_dir=base_dir, url=url)
    name = unquote(parts.path.lstrip("/"))
    if not name or "/" in name:
        raise ImproperlyConfigured(
            f"DATABASE_URL must name one database after the host; expected {DATABASE_URL_EXAMPLES}."
        )
    try:
        port = parts.port
    except ValueError as error:
        raise ImproperlyConfigured(
            f"DATABASE_URL has an invalid port ({error}); expected {DATABASE_URL_EXAMPLES}."
        ) from error
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    # PostgreSQL's JIT compiles the big plans of the permission-filtered lists on every request,
    # for more time than it saves (README, "National scale"): off for the application's sessions,
    # unless the URL sets its own ``?options=``.
    options.setdefault("options", "-c jit=off")
    return {
        "ENGINE": engine,
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(port or ""),
        "OPTIONS": options,
    }


def _sqlite_config(path: str, *, base_dir: str, url: str) -> dict[str, Any]:
    # sqlite:///relative/file and sqlite:////absolute/file, as dj-database-url reads them.
    name = path[1:] if path.startswith("/") else path
    if not name:
        raise ImproperlyConfigured(
            f"DATABASE_URL {url!r} names no SQLite file; expected {DATABASE_URL_EXAMPLES}."
        )
    if not name.startswith("/"):
        name = f"{base_dir}/{name}"
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": name,
        "OPTIONS": {
            # The web server, the worker and beat write to one file: wait for the lock, take it
            # at the start of each transaction, and let readers go on while one writes.
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }


def parse_email_url(url: str) -> dict[str, Any]:
    """Turn ``EMAIL_URL`` into the ``EMAIL_*`` settings (every key, always)."""
    parts = urlsplit(url.strip())
    backend = _EMAIL_BACKENDS.get(parts.scheme)
    if backend is None:
        raise ImproperlyConfigured(
            f"EMAIL_URL has an unsupported scheme {parts.scheme or url!r}; expected {EMAIL_URL_EXAMPLES}."
        )
    smtp = parts.scheme in {"smtp", "smtps"}
    if smtp and not parts.hostname:
        raise ImproperlyConfigured(f"EMAIL_URL names no mail server; expected {EMAIL_URL_EXAMPLES}.")
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    try:
        port = parts.port
    except ValueError as error:
        raise ImproperlyConfigured(f"EMAIL_URL has an invalid port: {error}.") from error
    return {
        "EMAIL_BACKEND": backend,
        "EMAIL_HOST": parts.hostname or "localhost",
        "EMAIL_PORT": port or (465 if parts.scheme == "smtps" else 587 if smtp else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": parts.scheme == "smtps",
        "EMAIL_USE_TLS": parts.scheme == "smtp" and query.get("tls", "true") != "false",
        "EMAIL_FILE_PATH": unquote(parts.path) if parts.scheme == "filemail" else "",
    }


def parse_choice(name: str, value: str, choices: tuple[str, ...]) -> str:
    if value in choices:
        return value
    raise ImproperlyConfigured(f"{name}={value!r} is not one of {', '.join(choices)}.")
