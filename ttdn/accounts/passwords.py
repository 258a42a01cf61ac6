"""Password rules beyond Django's own (length 12, not common, not all digits, not like the name)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CharacterKindsValidator:
    """At least three of: lower-case letters, capitals, digits, other characters."""

    required = 3

    def validate(self, password: str, user: AbstractBaseUser | None = None) -> None:
        kinds = (
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        )
        if sum(kinds) < self.required:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return _(
            "Your password must mix at least three of: lower-case letters, capitals, digits, "
            "other characters."
        )
