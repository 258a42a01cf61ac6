"""Used by the data migrations that start the history of a configuration model.

The history of a record starts with one row of its values as they stood when the history was
added, so that the first change the admins make shows what it changed from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils import timezone

HISTORY_STARTS = "history starts"


def start_history(
    apps: Any,
    app_label: str,
    model_names: Sequence[str],
    m2m_fields: Mapping[str, Sequence[str]] | None = None,
) -> None:
    """One "changed" row per existing record of each model (``Historical<Model>``), with the
    memberships of its ``m2m_fields`` (``Historical<Model>_<field>``)."""
    now = timezone.now()
    for name in model_names:
        model = apps.get_model(app_label, name)
        historical = apps.get_model(app_label, f"Historical{name}")
        kept = {field.attname for field in historical._meta.concrete_fields}
        started = {}
        for record in model.objects.all():
            values = {
                f.attname: getattr(record, f.attname)
                for f in model._meta.concrete_fields
                if f.attname in kept
            }
            started[record.pk] = historical.objects.create(
                **values, history_date=now, history_type="~", history_change_reason=HISTORY_STARTS
            )
        for field_name in (m2m_fields or {}).get(name, ()):
            through = model._meta.get_field(field_name).remote_field.through
            memberships = apps.get_model(app_label, f"Historical{name}_{field_name}")
            columns = [f.attname for f in through._meta.concrete_fields]
            owner = model._meta.get_field(field_name).m2m_field_name() + "_id"
            memberships.objects.bulk_create(
                memberships(history=started[row[owner]], **row)
                for row in through.objects.values(*columns)
                if row[owner] in started
            )
