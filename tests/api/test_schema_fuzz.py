"""Schemathesis walks every operation of the OpenAPI schema as each demo user, and finds no
server error and no response that breaks the schema."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import response_schema_conformance

from ttdn.accounts.models import User

DEMO_USERS = ("protocol", "police", "agency", "leader", "admin")
EXAMPLES_PER_OPERATION = 8

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize("username", DEMO_USERS)
def test_no_operation_errors_or_breaks_its_schema(username: str, demo_data: None, live_server: Any) -> None:
    schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
    token, _ = Token.objects.get_or_create(user=User.objects.get(username=username))
    headers = {"Authorization": f"Token {token.key}"}
    results = list(schema.get_all_operations())
    assert all(isinstance(result, Ok) for result in results), (
        "the schema has an operation Schemathesis cannot read"
    )
    operations = [result.ok() for result in results if isinstance(result, Ok)]
    assert len(operations) >= 20

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, suppress_health_check=list(HealthCheck),
                  database=None)  # fmt: skip
        def call(case: Any) -> None:
            case.call_and_validate(
                base_url=live_server.url,
                headers=headers,
                checks=[not_a_server_error, response_schema_conformance],
            )

        call()
