"""The production profile: a real secret, HTTPS only, PostgreSQL and Redis expected."""

import os

from django.core.exceptions import ImproperlyConfigured

from ttdn.settings.base import *  # noqa: F403
from ttdn.settings.base import DATABASES, LOG_LEVEL, SECRET_KEY, STORAGES, TTDN_FIELD_KEYS, TTDN_HASH_KEY
from ttdn.settings.environment import parse_bool, parse_choice
from ttdn.settings.keys import (
    DEVELOPMENT_FIELD_KEY,
    DEVELOPMENT_HASH_KEY,
    FIELD_KEY_EXAMPLE,
    HASH_KEY_EXAMPLE,
)
from ttdn.settings.logs import LOG_FORMATS, logging_config

if "SECRET_KEY" not in os.environ or SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production, e.g. "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )

# Identity numbers are encrypted and hashed with keys of this installation, never the public
# development ones.
if "TTDN_FIELD_KEYS" not in os.environ or DEVELOPMENT_FIELD_KEY in TTDN_FIELD_KEYS:
    raise ImproperlyConfigured(
        f"TTDN_FIELD_KEYS must be set to this installation's own Fernet key(s) in production, e.g. {FIELD_KEY_EXAMPLE}."
    )
if "TTDN_HASH_KEY" not in os.environ or TTDN_HASH_KEY == DEVELOPMENT_HASH_KEY:
    raise ImproperlyConfigured(
        f"TTDN_HASH_KEY must be set to a random value of its own in production, e.g. {HASH_KEY_EXAMPLE}."
    )

DEBUG = False
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# HTTPS everywhere; the proxy in front terminates TLS and says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = parse_bool("SECURE_SSL_REDIRECT", os.environ.get("SECURE_SSL_REDIRECT", "true"))
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
# Cookies named with __Host- are only ever sent over HTTPS to this host, for the whole site.
SESSION_COOKIE_NAME = "__Host-ttdn_session"
CSRF_COOKIE_NAME = "__Host-ttdn_csrf"

# Keep database connections open between requests (PostgreSQL), checked before reuse.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))

# One JSON object a line on standard error, for journald or the container's log collector.
LOG_FORMAT = parse_choice("LOG_FORMAT", os.environ.get("LOG_FORMAT", "json").strip().lower(), LOG_FORMATS)
LOGGING = logging_config(log_format=LOG_FORMAT, level=LOG_LEVEL)
