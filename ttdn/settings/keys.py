"""The keys of the identity numbers encrypted at rest (passports, press cards): read and checked once.

``TTDN_FIELD_KEYS`` is a comma-separated list of Fernet keys: the first encrypts, every one
decrypts (so a new key goes first, and the old one stays until ``rotate_identity_keys`` has run).
``TTDN_HASH_KEY`` keys the HMAC-SHA256 of each number that finds a person again without decrypting;
``TTDN_HASH_KEY_PREVIOUS`` is the one it replaces while the hashes are recomputed.
"""

from __future__ import annotations

import base64
import binascii
import hashlib

from django.core.exceptions import ImproperlyConfigured

# Fixed, public and derived from a label: they let development, the demo and the tests run with no
# set-up, and the production profile refuses to start with them.
DEVELOPMENT_FIELD_KEY = base64.urlsafe_b64encode(
    hashlib.sha256(b"ttdn-development-field-key").digest()
).decode()
DEVELOPMENT_HASH_KEY = hashlib.sha256(b"ttdn-development-hash-key").hexdigest()
FIELD_KEY_EXAMPLE = (
    "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
)
HASH_KEY_EXAMPLE = "python -c 'import secrets; print(secrets.token_urlsafe(48))'"
MIN_HASH_KEY_LENGTH = 32


def parse_field_keys(name: str, value: str) -> list[str]:
    """The Fernet keys of ``value`` (comma-separated), each checked: 32 bytes in URL-safe base64."""
    keys = [key.strip() for key in value.split(",") if key.strip()]
    if not keys:
        raise ImproperlyConfigured(f"{name} names no key; make one with {FIELD_KEY_EXAMPLE}.")
    for position, key in enumerate(keys, start=1):
        try:
            raw = base64.urlsafe_b64decode(key.encode())
        except (binascii.Error, ValueError):
            raw = b""
        if len(raw) != 32:
            raise ImproperlyConfigured(
                f"{name}: key {position} is not a Fernet key (32 bytes in URL-safe base64); "
                f"make one with {FIELD_KEY_EXAMPLE}."
            )
    return keys


def parse_hash_key(name: str, value: str) -> str:
    key = value.strip()
    if len(key) < MIN_HASH_KEY_LENGTH:
        raise ImproperlyConfigured(
            f"{name} must be a random value of at least {MIN_HASH_KEY_LENGTH} characters, e.g. {HASH_KEY_EXAMPLE}."
        )
    return key
