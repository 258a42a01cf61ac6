"""What the registry's and the aid projects' API share: the user of a request (``HasRole`` let
only a signed-in user through), a service's ValidationError as the API's 400, and their numeric
query parameters (ids, years) read the same way: a whole number from 1 to the largest id the
database keeps, else a 400 naming the parameter (never a 500 for "²" or a number too large)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from ttdn.accounts.models import User

MAX_ID = 2**31 - 1


def api_user(request: Request) -> User:
    assert isinstance(request.user, User)  # noqa: S101 - HasRole
    return request.user


def bad_input(error: DjangoValidationError) -> ValidationError:
    """A service's ValidationError as the API's 400: by field, or under ``detail``."""
    return ValidationError(error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages})


def query_number(request: Request, name: str) -> int | None:
    """The query parameter ``name`` as a whole number from 1 to ``MAX_ID`` (None when not given);
    another value is a 400 with the reason under ``name``."""
    value = request.query_params.get(name, "")
    if value == "":
        return None
    try:
        number: int = forms.IntegerField(min_value=1, max_value=MAX_ID).clean(value)
    except DjangoValidationError as error:
        raise ValidationError({name: error.messages}) from error
    return number
