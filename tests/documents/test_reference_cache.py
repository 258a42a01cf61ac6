"""The reference rows the case page shows on every view (the document templates, the badge
layouts, the gifts' threshold) come from the shared cache (ttdn/reference.py), and an admin's
change shows on the next view."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ttdn.accounts.roles import Role
from ttdn.gifts.models import GiftSettings

pytestmark = pytest.mark.django_db

REFERENCE_TABLES = ("documents_documenttemplate", "printouts_badgelayout", "gifts_giftsettings")


def _page(client: Client, case) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(case.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in captured]


def test_the_case_page_reads_its_reference_rows_once_and_sees_an_admin_s_change(
    templates, case, protocol, make_user
) -> None:
    client = Client()
    client.force_login(protocol)
    template = next(iter(templates.values()))
    first, _ = _page(client, case)
    assert f'value="{template.code}"' in first

    page, queries = _page(client, case)
    assert not [sql for sql in queries if any(f'FROM "{table}"' in sql for table in REFERENCE_TABLES)]
    assert "500.000" in page  # the threshold the gifts panel states

    settings = GiftSettings.current()
    settings.threshold = 750_000
    settings.save()
    template.is_active = False
    template.save()

    page, _ = _page(client, case)
    assert "750.000" in page
    assert f'value="{template.code}"' not in page


def test_an_admin_action_on_many_templates_shows_on_the_next_view(
    templates, case, protocol, make_user
) -> None:
    """The admin's bulk actions update without signals: they forget the cached templates themselves."""
    client = Client()
    client.force_login(protocol)
    assert all(f'value="{code}"' in _page(client, case)[0] for code in templates)
    admin = Client()
    admin.force_login(make_user(Role.ADMIN, is_staff=True))

    admin.post(
        "/admin/documents/documenttemplate/",
        {"action": "deactivate", "_selected_action": [t.pk for t in templates.values()]},
    )

    page, _ = _page(client, case)
    assert not [code for code in templates if f'value="{code}"' in page]
