"""Identity numbers at rest: encrypted with Fernet, and found again by a keyed hash.

A Fernet token differs at every encryption, so the database cannot compare two of them: a person is
found by the HMAC-SHA256 of the normalised number under ``TTDN_HASH_KEY`` stored beside it. The
keys come from the settings (``ttdn/settings/keys.py``): the first of ``TTDN_FIELD_KEYS``
encrypts, every one decrypts, which is what key rotation needs (``rotate_identity_keys``).
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class UndecryptableError(ImproperlyConfigured):
    """A stored value that no key of ``TTDN_FIELD_KEYS`` opens: a key was removed too early."""


def normalise_identity_number(value: str) -> str:
    """The form a number is compared in: no spaces, upper case ("tk 123 4567" is "TK1234567")."""
    return "".join(value.split()).upper()


@lru_cache(maxsize=8)
def _fernets(keys: tuple[str, ...]) -> tuple[Fernet, MultiFernet]:
    fernets = [Fernet(key.encode()) for key in keys]
    return fernets[0], MultiFernet(fernets)


def _keys() -> tuple[Fernet, MultiFernet]:
    return _fernets(tuple(settings.TTDN_FIELD_KEYS))


def encrypt(value: str) -> str:
    """A token of ``value`` under the first key; the empty string stays empty (nothing to hide)."""
    if not value:
        return ""
    return _keys()[1].encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _keys()[1].decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise UndecryptableError(
            "A stored identity number cannot be decrypted with any key of TTDN_FIELD_KEYS: "
            "put back the key it was encrypted with (keep old keys until rotate_identity_keys has run)."
        ) from error


def is_current(token: str) -> bool:
    """Is ``token`` encrypted with the first key (so rotation has nothing to do)?"""
    if not token:
        return True
    try:
        _keys()[0].decrypt(token.encode())
    except InvalidToken:
        return False
    return True


def _hmac(key: str, value: str) -> str:
    return hmac.new(key.encode(), value.encode(), hashlib.sha256).hexdigest()


def identity_hash(value: str) -> str:
    """The keyed hash that finds ``value`` again (empty for an empty value)."""
    normalised = normalise_identity_number(value)
    return _hmac(settings.TTDN_HASH_KEY, normalised) if normalised else ""


def identity_hashes(value: str) -> list[str]:
    """The hashes ``value`` may be stored under: the current key's, and the previous key's while
    ``rotate_identity_keys --rehash`` has not finished."""
    normalised = normalise_identity_number(value)
    if not normalised:
        return []
    keys = [settings.TTDN_HASH_KEY, settings.TTDN_HASH_KEY_PREVIOUS]
    return [_hmac(key, normalised) for key in dict.fromkeys(key for key in keys if key)]
