"""One spelling of a user name, on which the sign-in, the lockout and the user lookup agree.

``police``, ``Police``, `` POLICE `` and ``police`` in full-width letters are one user name: Unicode
NFKC, spaces around it and invisible characters dropped, letter case folded. django-axes counts
the wrong passwords of the normalised name (``AXES_USERNAME_CALLABLE``), so that each spelling does
not get its own five tries; the backend finds the user by it. The sign-in page, the admin (which
signs in on that page) and the API's token endpoint all authenticate through these.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import Q
from django.http import HttpRequest

from ttdn.accounts.models import User

# Format and control characters (zero-width space, joiners, marks of direction): invisible.
INVISIBLE = frozenset({"Cf", "Cc"})


def normalise_username(value: str) -> str:
    kept = "".join(
        c for c in unicodedata.normalize("NFKC", value) if unicodedata.category(c) not in INVISIBLE
    )
    return unicodedata.normalize("NFKC", kept.strip().casefold())


def lockout_username(request: HttpRequest | None, credentials: dict[str, Any] | None = None) -> str | None:
    """django-axes's ``AXES_USERNAME_CALLABLE``: the name its attempts are counted and locked by."""
    raw = (credentials or {}).get("username")
    if raw is None and request is not None:
        raw = request.POST.get("username")
    return None if raw is None else normalise_username(str(raw))


def user_by_username(value: str) -> User | None:
    """The one user whose name is ``value`` once both are normalised; None for none (or, should
    two names ever fold into one, for both: neither is guessed)."""
    name = normalise_username(value)
    if not name:
        return None
    # The database narrows (case-insensitively, as far as it folds case); Python decides.
    candidates = User._default_manager.filter(Q(username__iexact=name) | Q(username=value.strip()))
    found = [user for user in candidates if normalise_username(user.username) == name]
    return found[0] if len(found) == 1 else None


class NormalisedUsernameBackend(ModelBackend):
    """Django's model backend, finding the user by the normalised name."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if username is None or password is None:
            return None
        user = user_by_username(username)
        if user is None:
            User().set_password(password)  # as long as for a known user: no hint by the time taken
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def get_user(self, user_id: Any) -> User | None:
        """The signed-in user of a request, with their roles (``with_roles``) in the same query."""
        from ttdn.accounts.roles import with_roles

        user = with_roles(User._default_manager.all()).filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
