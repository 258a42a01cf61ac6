"""Model fields for identity numbers: the number encrypted at rest, and its keyed hash beside it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from ttdn.cases.encryption import decrypt, encrypt, identity_hash


class EmptyOnlyExact(Exact):
    """``number=""`` works (an empty value is stored empty); any other value cannot match a token."""

    def get_prep_lookup(self) -> Any:
        if self.rhs not in ("", None):
            raise ValueError(
                f"{self.lhs.target.name} is encrypted: look it up by its hash (identity_hashes), not its value."
            )
        return super().get_prep_lookup()


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token (ttdn.cases.encryption) and read back in clear.

    ``max_length`` applies to the clear value (forms, validation); the column holds the longer
    token. The database cannot search or compare tokens: only ``isnull`` and ``exact ""`` work;
    find rows by the ``IdentityHashField`` beside it.
    """

    description = _("Text encrypted at rest")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(MaxLengthValidator(self.max_length))

    def from_db_value(
        self, value: str | None, expression: Any, connection: BaseDatabaseWrapper
    ) -> str | None:
        return decrypt(value) if value else value

    def get_db_prep_save(self, value: Any, connection: BaseDatabaseWrapper) -> Any:
        value = self.get_prep_value(value)
        return encrypt(value) if value else value

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name == "exact":
            return EmptyOnlyExact
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        return None

    def get_transform(self, lookup_name: str) -> Any:
        return None

    def formfield(
        self,
        form_class: type[forms.Field] | None = None,
        choices_form_class: type[forms.ChoiceField] | None = None,
        **kwargs: Any,
    ) -> forms.Field | None:
        if form_class is not None:
            kwargs["form_class"] = form_class
        if choices_form_class is not None:
            kwargs["choices_form_class"] = choices_form_class
        return super().formfield(**{"widget": forms.TextInput, **kwargs})


class IdentityHashField(models.CharField):
    """The HMAC of the normalised value of the field ``source`` (ttdn.cases.encryption), set
    whenever the record is saved (save it with its source) or cleaned; empty when the source is."""

    def __init__(self, *args: Any, source: str, **kwargs: Any) -> None:
        self.source = source
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        return name, path, args, kwargs

    def refresh(self, instance: models.Model) -> str:
        value = identity_hash(getattr(instance, self.source) or "")
        setattr(instance, self.attname, value)
        return value

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        return self.refresh(model_instance)


def refresh_identity_hashes(instance: models.Model) -> None:
    """Bring every identity hash of ``instance`` up to date with its source (before validation)."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, IdentityHashField):
            field.refresh(instance)


def countries_checked(instance: models.Model, names: list[str], codes: set[str]) -> None:
    """What ``clean_fields`` says of the country fields ``names`` of ``instance``, against
    ``codes`` (``set(dict(django_countries.countries))``, made once for many records: the
    field's own check walks every country's translated name each time)."""
    errors = {}
    for name in names:
        field = instance._meta.get_field(name)
        assert isinstance(field, models.Field)  # noqa: S101 - a concrete field by its name
        value = getattr(instance, name)
        single = value is None or isinstance(value, str) or hasattr(value, "code")
        values = [str(getattr(item, "code", item) or "") for item in ([value] if single else list(value))]
        wrong = [code for code in values if code and code not in codes]
        if wrong:
            errors[name] = [str(field.error_messages["invalid_choice"]) % {"value": wrong[0]}]
        elif not any(values) and not field.blank:
            errors[name] = [str(field.error_messages["blank"])]
    if errors:
        raise ValidationError(errors)
