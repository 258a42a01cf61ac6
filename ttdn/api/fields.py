"""Fields the API's resources share."""

from __future__ import annotations

import re

from rest_framework import serializers

SLUG = re.compile(r"[-a-zA-Z0-9_]+")


class CodeRelatedField(serializers.SlugRelatedField):
    """A record named by its code (a slug): anything else is "no such record", a 400 — never a
    lookup of a value PostgreSQL refuses (a NUL character) that would end in a 500."""

    def to_internal_value(self, data: object) -> object:
        if not isinstance(data, str) or not SLUG.fullmatch(data):
            self.fail("does_not_exist", slug_name=self.slug_field, value=str(data)[:64])
        return super().to_internal_value(data)
