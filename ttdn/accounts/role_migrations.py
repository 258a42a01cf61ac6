"""Used by data migrations that give the role groups their model permissions.

Each migration names the permissions it grants, frozen in the migration file, so that a fresh
database and an upgraded one end with the same groups.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.auth.management import create_permissions


def grant_role_permissions(apps: Any, mapping: Mapping[str, Sequence[str]]) -> None:
    """Create the role groups in ``mapping``; give each its ``app_label.codename`` permissions."""
    # Django creates permissions after the whole migrate run; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role, names in mapping.items():
        group, _created = group_model.objects.get_or_create(name=role)
        for name in names:
            app_label, codename = name.split(".", 1)
            group.permissions.add(
                permission_model.objects.get(content_type__app_label=app_label, codename=codename)
            )
